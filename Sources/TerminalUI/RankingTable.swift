import Evaluation

/// The ranking table: best first, one row a product, responsive to the width.
enum RankingTable {
    /// A column of `Evaluation.Column` as the terminal draws it.
    struct Column {
        var id: Evaluation.Column.ID
        var title: String
        var width: Int
        var right: Bool
        var sort: Evaluation.Column.ID?
        var value: (RankedProduct, AppState) -> String
    }

    /// The columns that fit `width`; the product name takes what is left.
    static func columns(
        for width: Int, hasHistory: Bool = false, availableWidth: Int = 11, profile: Profile? = nil
    ) -> (columns: [Column], productWidth: Int) {
        var list: [Column] = Evaluation.Column.shown(in: .terminal).map { c in
            let display = c.display!
            var column = Column(
                id: c.id, title: c.title(profile, in: .terminal), width: display.width, right: display.right,
                sort: c.sort == nil ? nil : c.id,
                value: { e, s in c.text(Row(e, extras: RankingReport.Extras(changes: s.changes))) })
            switch c.id {
            case .rank:
                // Right-aligned in three, then `*` when marked for comparison.
                column.right = false
                column.value = { e, s in
                    SafeText.padded(Marks.rank(e), 3, alignRight: true) + (s.marked.contains(e.id) ? "*" : " ")
                }
            case .scoreBar:
                column.value = { e, s in
                    s.method == .weightedSum
                        ? Glyph.stacked(e.contributions, width: 10) : Draw.bar(e.score / 100, width: 10)
                }
            case .available: column.width = availableWidth
            default: break
            }
            return column
        }
        let minimumProduct = 14
        func used(_ cols: [Column]) -> Int { cols.reduce(0) { $0 + $1.width } + cols.count - 1 }
        // Drop the least needed columns until the name has room.
        if !hasHistory { list.removeAll { $0.id == .move } }
        // The bar goes first: a readable name matters more than a picture of the score.
        for (id, need) in [
            (Evaluation.Column.ID.scoreBar, minimumProduct + 8), (.storageTB, minimumProduct), (.move, minimumProduct),
        ]
        where width - used(list) < need {
            list.removeAll { $0.id == id }
        }
        // On a wide screen the name stops growing and the score bar takes the rest.
        let spare = width - used(list)
        let maximumProduct = 40
        if spare > maximumProduct, let bar = list.firstIndex(where: { $0.id == .scoreBar }) {
            let barWidth = min(40, 10 + spare - maximumProduct)
            list[bar].width = barWidth
            list[bar].value = { e, s in
                s.method == .weightedSum
                    ? Glyph.stacked(e.contributions, width: barWidth) : Draw.bar(e.score / 100, width: barWidth)
            }
            let legend = "█cost ▓integ ▒stor ░avail" + (profile?.committee != nil ? " ▪cmte" : "")
            list[bar].title = barWidth >= legend.count + 1 ? legend : "Score bar"
            return (list, min(56, max(8, width - used(list))))
        }
        return (list, max(8, spare))
    }

    /// 11 columns, or 12 when a window's middle day is late ("~2015-08-18!"): the name keeps
    /// its room unless a date needs it.
    static func availableWidth(_ state: AppState) -> Int {
        state.rows.contains { e in
            let a = e.assessment
            return a.availability.draw != nil && !a.availability.meetsNeedBy
        } ? 12 : 11
    }

    static func draw(_ state: AppState, into b: inout ScreenBuffer, top: Int, rows: Int) {
        let (columns, productWidth) = columns(
            for: state.width, hasHistory: state.changes != nil, availableWidth: availableWidth(state),
            profile: state.profile)
        var x = 0
        for c in columns {
            let w = c.width == 0 ? productWidth : c.width
            var title = c.title
            if let s = c.sort, s == state.sort, s != .rank {
                // The sort mark must show even in a narrow column.
                if SafeText.width(title) + 1 > w { title = String(title.dropLast()) }
                title += "▼"
            }
            b.put(SafeText.padded(title, w, alignRight: c.right), x: x, y: top, style: .underline, tone: .muted)
            x += w + 1
        }
        guard state.ranking != nil else {
            b.put("No ranking: the department profile did not load. Press p to see why.", x: 1, y: top + 2, tone: .bad)
            return
        }
        if state.rows.isEmpty {
            let why =
                state.filter.isEmpty
                ? "No products in \(state.vendorsFolder). Add spec files (lineup new) or press p."
                : "No product matches \"\(state.filter)\". Esc clears the filter."
            b.put(why, x: 1, y: top + 2, tone: .muted)
            return
        }
        for i in 0..<rows {
            let index = state.scroll + i
            guard index < state.rows.count else { break }
            let e = state.rows[index]
            let y = top + 1 + i
            var x = 0
            for c in columns {
                let w = c.width == 0 ? productWidth : c.width
                // The name keeps what tells it apart from the others in the room it has.
                var text = c.id == .product ? state.listName(e.product, width: w) : c.value(e, state)
                var tone = Tone.normal
                var style: Style = []
                if text.hasSuffix("!") || text.hasSuffix("! ") {
                    tone = .bad
                    style = .bold
                }
                if c.id == .scoreBar { tone = .accent }
                if e.rank == 0 {
                    // Out of the ranking: listed, receded, its figures for reference.
                    style = .dim
                    tone = .muted
                    if c.id == .scoreBar { text = "" }
                }
                b.put(SafeText.padded(text, w, alignRight: c.right), x: x, y: y, style: style, tone: tone)
                x += w + 1
            }
            if index == state.cursor {
                // Under a panel the selection stays visible but recedes.
                b.highlight(y: y, style: state.screen == .ranking ? .reverse : [.reverse, .dim])
            }
        }
        // Where the list continues, say so.
        if state.scroll + rows < state.rows.count {
            b.put("  ↓ \(state.rows.count - state.scroll - rows) more (j, PgDn)", x: 0, y: top + 1 + rows, tone: .muted)
        }
    }
}
