import Evaluation

/// The mouse: a click selects a row (or a field, or a weight), a double click opens it (why,
/// restore, save), the wheel scrolls, a click on a column title sorts by it (again: back to
/// rank). Off with `--no-mouse`. Everything the mouse does has a key too.
extension AppState {
    mutating func handleMouse(_ event: MouseEvent, x: Int, y: Int) -> [Effect] {
        if prompt != nil || tooSmall { return [] }
        let wheel = event == .wheelUp ? -3 : event == .wheelDown ? 3 : 0
        switch screen {
        case .scoring: return []
        case .form:
            guard var form else { return [] }
            if wheel != 0 {
                form.cursor = min(max(0, form.cursor + wheel), SpecForm.fields.count)
            } else {
                let lines = formLines(form)
                let i = form.scroll + (y - 2)
                guard y >= 2, y < 2 + formRows, lines.indices.contains(i), let field = lines[i].field else { return [] }
                form.cursor = field
                if event == .doubleClick && field == SpecForm.fields.count {
                    let effects = saveForm(&form)
                    self.form = form
                    return effects
                }
            }
            keepFormCursorVisible(&form)
            self.form = form
            return []
        case .retired:
            if wheel != 0 {
                move(by: wheel)
                return []
            }
            let rows = max(1, height - 5)
            let first = min(max(0, retiredCursor - rows + 1), max(0, retired.count - rows))
            let i = first + (y - 3)
            guard y >= 3, retired.indices.contains(i) else { return [] }
            retiredCursor = i
            return event == .doubleClick ? run(.restoreSelected) : []
        case .ranking, .weights, .department, .requirements:
            let layout = Layout(self)
            if wheel != 0 {
                if screen == .ranking || y >= layout.tableTop {
                    let keep = screen
                    screen = .ranking
                    move(by: wheel)
                    screen = keep
                } else {
                    move(by: wheel > 0 ? 1 : -1)
                }
                return []
            }
            if y == layout.tableTop { return sortByColumn(at: x) }
            if y > layout.tableTop && y <= layout.tableTop + layout.tableRows {
                let index = scroll + (y - layout.tableTop - 1)
                guard rows.indices.contains(index) else { return [] }
                cursor = index
                clampCursor()
                if event == .doubleClick {
                    screen = .ranking
                    return run(.openDetail)
                }
                status = ""
                return []
            }
            // A figure in a panel: select it.
            if screen == .requirements, y >= 3, y < 3 + Rule.allCases.count {
                requirementsCursor = y - 3
                if event == .doubleClick { toggleRule() }
            } else if screen == .weights, y >= 3, y <= 3 + weights.criteria.count {
                weightsCursor = y - 3
            } else if screen == .department, y >= 3, y < layout.tableTop - 1 {
                let visible = layout.panelRows - 2
                let first = min(max(0, departmentCursor - visible + 1), max(0, departmentFields.count - visible))
                departmentCursor = min(departmentFields.count - 1, first + y - 3)
            }
            return []
        case .detail, .compare, .problems, .help, .sensitivity, .chances, .budget, .timeline, .questions:
            if wheel != 0 { scrollDetail(by: wheel) }
            return []
        }
    }

    /// A click on a column title: sort by that column, best first; on the sorted one, back to rank.
    mutating func sortByColumn(at x: Int) -> [Effect] {
        let (columns, productWidth) = RankingTable.columns(
            for: width, hasHistory: changes != nil, availableWidth: RankingTable.availableWidth(self),
            profile: profile)
        var left = 0
        for c in columns {
            let w = c.width == 0 ? productWidth : c.width
            if x >= left && x < left + w {
                guard let column = c.sort else {
                    complain("\(c.title.trimmingSpaces) cannot be sorted; click another title")
                    return []
                }
                sort = column == sort ? .rank : column
                refreshRows()
                status = sortStatus(back: "click again: by rank")
                return []
            }
            left += w + 1
        }
        return []
    }
}
