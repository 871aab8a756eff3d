import Evaluation
import TOML

/// Glyphs that tell the criteria apart without colour.
enum Glyph {
    static func of(_ c: Criterion) -> Character {
        switch c {
        case .cost: return "█"
        case .integration: return "▓"
        case .storage: return "▒"
        case .availability: return "░"
        case .committee: return "▪"
        }
    }

    /// The glyphs of the criteria ranked.
    static func legend(_ criteria: [Criterion]) -> String {
        criteria.map { "\(of($0)) \($0.label.lowercased())" }.joined(separator: "  ")
    }

    /// A bar of `width` cells whose segments are each criterion's contribution (out of 100).
    static func stacked(_ contributions: CriterionValues, width: Int) -> String {
        var out = ""
        var used = 0.0
        var drawn = 0
        for c in Criterion.allCases {
            used += contributions[c]
            let upTo = Int((used / 100 * Double(width)).rounded())
            if upTo > drawn {
                out += String(repeating: of(c), count: upTo - drawn)
                drawn = upTo
            }
        }
        return out + String(repeating: " ", count: max(0, width - drawn))
    }
}

/// Sensitivity: how far each weight can move before #1 changes, and what swaps the top three.
enum SensitivityView {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        Page.draw(lines(state), state: state, into: &b)
    }

    /// The page's lines at the state's width (also what bounds its scrolling).
    static func lines(_ state: AppState) -> [(String, Style, Tone)] {
        guard let ranking = state.ranking else { return [] }
        guard let report = state.sensitivity else {
            return [
                (
                    "TOPSIS sensitivity is searched numerically; with more than 300 products it is not computed here.",
                    [], .muted
                ),
                ("Use lineup sensitivity, or switch to the weighted sum (m).", [], .muted),
            ]
        }
        var lines: [(String, Style, Tone)] = []
        let barWidth = max(20, min(60, state.width - 26))
        guard let page = Sensitivity.page(report, ranking: ranking) else {
            return [("No products to analyse.", [], .muted)]
        }
        lines += Page.wrapped(page.title, width: state.width, style: .bold)
        lines += Page.wrapped(page.intro, width: state.width)
        lines.append(("", [], .normal))
        lines.append(
            (
                "  " + SafeText.padded("", 13) + "0%" + String(repeating: " ", count: max(0, barWidth - 6)) + "100%",
                [], .muted
            ))
        for i in report.intervals {
            // ─ outside the range, ═ inside it, ● the weight now.
            var cells = Array(repeating: Character("─"), count: barWidth)
            let lo = Int((i.lowShare * Double(barWidth - 1)).rounded())
            let hi = Int((i.highShare * Double(barWidth - 1)).rounded())
            for x in lo...max(lo, hi) where x < barWidth { cells[x] = "═" }
            cells[min(barWidth - 1, Int((i.share * Double(barWidth - 1)).rounded()))] = "●"
            lines.append(("  " + SafeText.padded(i.criterion.label, 13) + String(cells), [], .accent))
        }
        lines.append(("  ═ the #1 stays #1   ● the weight now", [], .muted))
        lines.append(("", [], .normal))
        for pair in page.pairs {
            lines += Page.wrapped(pair.heading, width: state.width, style: .bold)
            for text in pair.swaps { lines += Page.wrapped(text, width: state.width) }
        }
        return lines
    }
}

/// Uncertainty: the chance of ranking first, as bars, and the 5th-95th percentile rank.
enum ChancesView {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        Page.draw(lines(state), state: state, into: &b)
    }

    /// The page's lines at the state's width (also what bounds its scrolling).
    static func lines(_ state: AppState) -> [(String, Style, Tone)] {
        guard let ranking = state.ranking, let sim = state.simulation else { return [] }
        var lines: [(String, Style, Tone)] = []
        let head = Simulation.lines(sim, ranking: ranking)
        lines += Page.wrapped(head[0], width: state.width, style: .bold)
        if head.count > 1 { lines += Page.wrapped(head[1], width: state.width, tone: .accent) }
        lines.append(("", [], .normal))
        // The names take the room they need, up to what leaves the bars 20 columns.
        let longest =
            sim.outcomes.compactMap { ranking.entry($0.id).map { Marks.name($0.product) } }.map(SafeText.width)
            .max() ?? 14
        let nameWidth = max(14, min(longest, state.width - 30 - 20))
        let barWidth = max(10, state.width - nameWidth - 30)
        lines.append(
            (
                SafeText.padded("", nameWidth) + " chance of ranking first"
                    + String(repeating: " ", count: max(1, barWidth - 17)) + "rank 5th-95th", .underline, .muted
            ))
        for o in sim.outcomes {
            let name = ranking.entry(o.id).map { state.listName($0.product, width: nameWidth) } ?? o.id
            let pct = SafeText.padded(Format.fixed(o.chanceFirst * 100, 1) + "%", 6, alignRight: true)
            var band = o.bandText
            if o.chanceLate > 0 && o.chanceLate < 1 { band += ", late \(Format.fixed(o.chanceLate * 100, 0))%" }
            if let q = o.chanceQualifies, q < 1 {
                band += ", meets must-haves \(Format.fixed(q * 100, 0))%"
            } else if o.chanceQualifies == nil {
                band += ", must-haves unverified"
            }
            lines.append(
                (
                    SafeText.padded(name, nameWidth) + " " + Draw.bar(o.chanceFirst, width: barWidth) + " " + pct + "  "
                        + band, [], .normal
                ))
        }
        return lines
    }
}

/// Budget plan: year one split into what it pays for, against the funds (│), and after.
enum BudgetView {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        Page.draw(lines(state), state: state, into: &b)
    }

    /// The page's lines at the state's width (also what bounds its scrolling).
    static func lines(_ state: AppState) -> [(String, Style, Tone)] {
        guard let ranking = state.ranking, let profile = state.profile else { return [] }
        var lines = townLines(state, profile: profile)
        lines.append(("", [], .normal))
        let rules = MoneyLines.byRules(profile)
        lines.append((MoneyLines.yearOneTitle(profile), .bold, .normal))
        lines.append(
            (
                "█ cameras ▓ docks, accessories ▒ software, server ░ licences, storage" + (rules ? "" : " │ funds"), [],
                .muted
            ))
        lines.append(("", [], .normal))
        let longest = state.rows.map { SafeText.width(Marks.name($0.product)) }.max() ?? 14
        let nameWidth = max(14, min(longest, state.width / 3))
        let barWidth = max(16, state.width - nameWidth - 30)
        let scale = max(profile.funds, ranking.entries.map { $0.assessment.cost.yearOne }.max() ?? 0)
        for e in state.rows {
            let plan = BudgetPlan(e.assessment.cost)
            var cells = Array(repeating: Character(" "), count: barWidth)
            var start = 0.0
            for (amount, glyph) in [
                (plan.cameras, "█"), (plan.docksAndAccessories, "▓"), (plan.softwareAndServer, "▒"),
                (plan.firstYearRecurring, "░"),
            ] {
                let from = Int((start / scale * Double(barWidth)).rounded())
                start += amount
                let to = min(barWidth, Int((start / scale * Double(barWidth)).rounded()))
                if to > from { for x in from..<to { cells[x] = Character(glyph) } }
            }
            let verdict = MoneyLines.yearOneVerdict(e.assessment)
            if !rules {
                // The pooled funds as a line across the bars.
                let marker = min(barWidth - 1, Int((profile.funds / scale * Double(barWidth)).rounded()))
                cells[marker] = "│"
            }
            let text =
                SafeText.padded(state.listName(e.product, width: nameWidth), nameWidth) + " " + String(cells) + " "
                + SafeText.padded(verdict.text, 14, alignRight: true)
                + " "
                + SafeText.padded(
                    BudgetPlan.equipShort(e.assessment.camerasEquipped, of: plan.camerasWanted), 8, alignRight: true)
            lines.append((text, [], verdict.bad ? .bad : .normal))
            lines += Page.wrapped(
                String(repeating: " ", count: nameWidth + 1)
                    + "year one \(plan.marked(plan.yearOne)); then \(plan.marked(plan.everyYearAfter, recurring: true)) a year"
                    + (plan.notCounted.isEmpty ? "" : "; unknown: " + plan.notCounted.joined(separator: ", ")),
                width: state.width, tone: .muted)
        }
        lines.append(("", [], .normal))
        lines.append(("all n / k of n: cameras the funds equip in year one, of the n wanted", [], .muted))
        return lines
    }

    /// What the town pays, year by year, once each fund has paid what its rules allow: a table
    /// of every product, then the selected product's years as stacked bars.
    static func townLines(_ state: AppState, profile: Profile) -> [(String, Style, Tone)] {
        var lines: [(String, Style, Tone)] = []
        let w = state.width
        lines += Page.wrapped(MoneyLines.townTitle(profile), width: w, style: .bold)
        let glyphs: [Character] = ["▓", "▒", "░", "▚", "▞"]
        let funds = profile.funding.enumerated().map { i, f in
            "\(glyphs[i % glyphs.count]) \(f.source) \(Format.dollars(f.amount))"
                + (f.hasRules ? " (\(f.ruleText))" : "")
        }
        lines += Page.wrapped("█ the town  " + funds.joined(separator: "  "), width: w, tone: .muted)
        let years = max(1, Int(profile.horizonYears.rounded(.up)))
        let cell = max(8, min(11, (w - 16 - 11) / years))
        let longest = state.rows.map { SafeText.width(Marks.name($0.product)) }.max() ?? 12
        let nameWidth = max(12, min(longest, w - 11 - years * cell))
        lines.append(
            (
                SafeText.padded("Town pays", nameWidth)
                    + (1...years).map { SafeText.padded("Year \($0)", cell, alignRight: true) }.joined()
                    + SafeText.padded("Total", 11, alignRight: true), .underline, .muted
            ))
        var selected: (RankedProduct, FundAllocation)?
        for e in state.rows {
            let a = e.assessment.allocation
            if e.id == state.selected?.id { selected = (e, a) }
            let total = Marks.money(
                a.townTotal, uncertain: Marks.costIsUncertain(e.assessment.cost),
                unknown: !e.assessment.cost.notCounted.isEmpty)
            lines.append(
                (
                    SafeText.padded(state.listName(e.product, width: nameWidth), nameWidth)
                        + (0..<a.years).map {
                            SafeText.padded(" " + a.townText($0, cost: e.assessment.cost), cell, alignRight: true)
                        }.joined()
                        + SafeText.padded(total, 11, alignRight: true), e.id == state.selected?.id ? .bold : [], .normal
                ))
        }
        guard let (e, a) = selected else { return lines }
        // The selected product: each year's cost as a bar, the funds' parts then the town's.
        lines.append(("", [], .normal))
        lines += Page.wrapped(
            "\(e.product.name), year by year (the selected product; ↑↓ on the ranking chooses another):", width: w,
            style: .bold)
        let barWidth = max(10, w - 8 - 12)
        let scale = max(1, a.costByYear.max() ?? 1)
        for y in 0..<a.years {
            var bar = ""
            for i in a.funding.indices {
                bar += String(
                    repeating: glyphs[i % glyphs.count],
                    count: Int((a.paidByFund[i][y] / scale * Double(barWidth)).rounded()))
            }
            bar += String(repeating: "█", count: Int((a.townByYear[y] / scale * Double(barWidth)).rounded()))
            lines.append(
                (
                    SafeText.padded("Year \(y + 1)", 7) + " " + SafeText.padded(bar, barWidth) + " "
                        + SafeText.padded(a.townText(y, cost: e.assessment.cost), 11, alignRight: true), [], .normal
                ))
        }
        var notes = [MoneyLines.equipNote(e.assessment)]
        notes += a.unusedNotes
        lines += Page.wrapped(notes.joined(separator: "; "), width: w, tone: .muted)
        return lines
    }
}

/// Timeline: each product's availability against the evaluation (E) and need-by (N) dates.
enum TimelineView {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        Page.draw(lines(state), state: state, into: &b)
    }

    /// The page's lines at the state's width (also what bounds its scrolling).
    static func lines(_ state: AppState) -> [(String, Style, Tone)] {
        guard let profile = state.profile else { return [] }
        var lines: [(String, Style, Tone)] = []
        let e = profile.evaluationDate.daysSinceEpoch
        let n = profile.needBy.daysSinceEpoch
        let from = e - 30
        let to = max(
            n + 30,
            state.rows.compactMap {
                $0.assessment.availability.draw?.latest ?? $0.product.availability?.latest.daysSinceEpoch
            }.max() ?? n)
        let longest = state.rows.map { SafeText.width(Marks.name($0.product)) }.max() ?? 14
        let nameWidth = max(14, min(longest, state.width / 3))
        let width = max(20, state.width - nameWidth - 20)
        func column(_ day: Int) -> Int {
            min(width - 1, max(0, Int(Double(day - from) / Double(to - from) * Double(width - 1))))
        }
        lines += Page.wrapped(
            "Availability: E evaluation \(profile.evaluationDate.text), N need-by \(profile.needBy.text); ● date, [══] promised range, ┄ how far it may slip, ◀ earlier",
            width: state.width, style: .bold)
        var axis = Array(repeating: Character("·"), count: width)
        axis[column(e)] = "E"
        axis[column(n)] = "N"
        lines.append(
            (
                SafeText.padded(TOMLDate(daysSinceEpoch: from).text, nameWidth) + " " + String(axis) + " "
                    + TOMLDate(daysSinceEpoch: to).text, [], .muted
            ))
        for row in state.rows {
            var cells = Array(repeating: Character(" "), count: width)
            cells[column(e)] = "┊"
            cells[column(n)] = "┊"
            let a = row.assessment.availability
            var note = ""
            if let range = row.product.availability, range.isRange {
                let lo = column(range.earliest.daysSinceEpoch)
                let hi = column(range.latest.daysSinceEpoch)
                cells[lo] = "["
                for x in (lo + 1)..<max(lo + 1, hi) { cells[x] = "═" }
                cells[hi] = "]"
                note = range.latest.text
                if let draw = row.assessment.availability.draw, !draw.slip.isNone {
                    // How far an announced date may slip (the department's view), dotted.
                    let end = column(draw.latest)
                    if end > hi + 1 { for x in (hi + 1)..<end { cells[x] = "┄" } }
                    if end > hi { cells[end] = "┄" }
                    let late = row.assessment.availability.chanceLate
                    note =
                        late > 0
                        ? "\(Format.fixed(late * 100, 0))% late" : "by \(TOMLDate(daysSinceEpoch: draw.latest).text)"
                }
            } else if let d = a.date {
                if d.daysSinceEpoch < from {
                    cells[0] = "◀"
                    note = row.product.availability.map { "since " + $0.earliest.text } ?? "now"
                } else {
                    cells[column(d.daysSinceEpoch)] = "●"
                    note = row.product.availability == nil ? "now" : d.text
                }
            } else {
                note = "no date?"
            }
            if a.date != nil && !a.meetsNeedBy { note += " late!" }
            lines.append(
                (
                    SafeText.padded(state.listName(row.product, width: nameWidth), nameWidth) + " " + String(cells)
                        + " "
                        + note, [],
                    a.meetsNeedBy ? .normal : .bad
                ))
        }
        return lines
    }
}

/// What to ask next: each vendor's questions, the answer that could move a chance most first.
enum QuestionsView {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        Page.draw(lines(state), state: state, into: &b)
    }

    static func lines(_ state: AppState) -> [(String, Style, Tone)] {
        guard let report = state.questions else { return [] }
        let w = state.width
        var lines: [(String, Style, Tone)] = []
        lines += Page.wrapped(
            "Each answer's effect: how far it could move a chance of ranking first (or of meeting the must-haves), low end against high end; \(Format.count(report.options.draws)) draws, seed \(report.options.seed). lineup questions --requests DIR writes a letter per vendor.",
            width: w, tone: .muted)
        if report.questions.isEmpty {
            lines.append(("", [], .normal))
            lines.append(("Nothing to ask: every figure of the products that could rank first is stated.", [], .good))
        }
        if !report.committee.isEmpty {
            lines.append(("", [], .normal))
            lines.append(
                ("For the committee: judged scores whose disagreement could change the first place", .bold, .normal))
            for (i, item) in report.committee.enumerated() {
                lines += Draw.wrap("  \(i + 1). " + SafeText.escaped(item.sentence), width: w, indent: 4).map {
                    ($0, [], .accent)
                }
            }
        }
        for vendor in report.vendors {
            lines.append(("", [], .normal))
            lines.append(("Ask \(SafeText.escaped(vendor)):", .bold, .normal))
            for (i, q) in report.questions(for: vendor).enumerated() {
                let effect =
                    q.effect.map {
                        $0 < Questions.negligible ? "may be left" : "effect \(Format.fixed($0 * 100, 1)) points"
                    } ?? "effect unknown"
                let tone: Tone =
                    (q.effect ?? 0) >= 0.05 ? .accent : ((q.effect ?? 0) < Questions.negligible ? .muted : .normal)
                lines += Draw.wrap(
                    "  \(i + 1). [\(effect)] \(SafeText.escaped(q.product.model)): \(q.sentence)", width: w, indent: 4
                ).map { ($0, [], tone) }
            }
        }
        return lines
    }
}
