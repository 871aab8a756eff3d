import Evaluation

/// Renders the whole screen for `state`. Views only draw into the buffer; they never touch
/// the terminal.
public func render(_ state: AppState) -> ScreenBuffer {
    var b = ScreenBuffer(width: state.width, height: state.height)
    if state.tooSmall {
        TooSmallView.draw(state, into: &b)
        return b
    }
    Chrome.drawTop(state, into: &b)
    switch state.screen {
    case .ranking:
        RankingTable.draw(state, into: &b, top: 2, rows: Layout(state).tableRows)
    case .weights:
        WeightsPanel.draw(state, into: &b)
        RankingTable.draw(state, into: &b, top: Layout(state).tableTop, rows: Layout(state).tableRows)
    case .requirements:
        RequirementsPanel.draw(state, into: &b)
        RankingTable.draw(state, into: &b, top: Layout(state).tableTop, rows: Layout(state).tableRows)
    case .department:
        DepartmentPanel.draw(state, into: &b)
        RankingTable.draw(state, into: &b, top: Layout(state).tableTop, rows: Layout(state).tableRows)
    case .detail: DetailView.draw(state, into: &b)
    case .compare: CompareView.draw(state, into: &b)
    case .problems: ProblemsView.draw(state, into: &b)
    case .help: HelpView.draw(state, into: &b)
    case .sensitivity: SensitivityView.draw(state, into: &b)
    case .chances: ChancesView.draw(state, into: &b)
    case .budget: BudgetView.draw(state, into: &b)
    case .timeline: TimelineView.draw(state, into: &b)
    case .form: FormView.draw(state, into: &b)
    case .retired: RetiredView.draw(state, into: &b)
    case .questions: QuestionsView.draw(state, into: &b)
    case .scoring: ScoringView.draw(state, into: &b)
    }
    Chrome.drawBottom(state, into: &b)
    return b
}

enum TooSmallView {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        let lines = [
            "terminal too small (need \(AppState.minimumWidth)x\(AppState.minimumHeight))",
            "now \(state.width)x\(state.height); enlarge the window, or press q to quit",
        ]
        for (i, line) in lines.enumerated() {
            let y = state.height / 2 - 1 + i
            let x = max(0, (state.width - SafeText.width(line)) / 2)
            b.put(line, x: x, y: y, style: i == 0 ? .bold : [])
        }
    }
}

/// Title, summary, status and key lines around every screen.
enum Chrome {
    static func drawTop(_ state: AppState, into b: inout ScreenBuffer) {
        let w = state.width
        b.fill(x: 0, y: 0, count: w, style: .reverse)
        let name = state.profile?.name ?? "no department profile"
        // Files that did not load, and warnings, counted apart: a warning never reads as a lost file.
        let warnings = state.diagnostics.filter { $0.severity == .warning }.count
        var problemParts: [String] = []
        if state.brokenFileCount > 0 { problemParts.append("\(state.brokenFileCount) not loaded") }
        if warnings > 0 { problemParts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
        let problems = problemParts.isEmpty ? "0 problems" : problemParts.joined(separator: ", ")
        let title: String
        switch state.screen {
        case .ranking, .weights, .department, .requirements: title = "Lineup · \(name)"
        case .detail: title = "Lineup · Why: " + (state.selected?.product.name ?? "")
        case .compare: title = "Lineup · Compare \(state.marked.count) products"
        case .problems: title = "Lineup · Problems"
        case .help: title = "Lineup · Keys"
        case .sensitivity: title = "Lineup · Sensitivity"
        case .chances: title = "Lineup · How sure"
        case .budget: title = "Lineup · Budget plan"
        case .timeline: title = "Lineup · Timeline"
        case .form: title = "Lineup · Product form"
        case .retired: title = "Lineup · Retired specs"
        case .questions: title = "Lineup · What to ask next"
        case .scoring: title = "Lineup · Scoring" + ((state.scoring?.blind ?? false) ? " (blind to price)" : "")
        }
        // "5 of 11 products" when a filter hides some; a file that did not load is counted apart.
        // Products a must-have puts out are listed below the ranking and counted apart.
        let ranked = state.ranking?.entries.count ?? 0
        let out = state.ranking?.failed.count ?? 0
        let total = ranked + out
        var shown = state.rows.count == total ? "\(ranked) products" : "\(state.rows.count) of \(total) products"
        if out > 0 { shown += ", \(out) out" }
        let right = " \(shown) · \(state.method.label) · \(problems) "
        let titleWidth = max(0, w - SafeText.width(right) - 1)
        b.put(SafeText.fitted(" " + title, titleWidth), x: 0, y: 0, limit: titleWidth, style: [.reverse, .bold])
        b.put(
            right, x: max(0, w - SafeText.width(right)), y: 0,
            style: state.problemCount > 0 ? [.reverse, .bold] : .reverse,
            tone: state.problemCount > 0 ? .warning : .normal)

        guard [.ranking, .weights, .department, .requirements].contains(state.screen) else { return }
        // Narrow screens shorten the criterion names so the need-by date stays on the line.
        let short = w < 100
        var summary =
            "Weights "
            + state.weights.criteria.map { c in
                let label =
                    short
                    ? ["cost", "integ", "stor", "avail", "cmte"][Criterion.allCases.firstIndex(of: c)!]
                    : c.label.lowercased()
                return "\(label) \(Format.fixed(state.weights.share(c) * 100, 0))%"
            }.joined(separator: " ")
        // Say what changed: the weights, the method, or both.
        if let saved = state.savedProfile {
            let weightsMoved = saved.weights != state.weights
            let methodMoved = saved.method != state.method
            if weightsMoved { summary += " (changed)" }
            if methodMoved { summary += " (method changed)" }
        }
        if let p = state.profile {
            // Funds with rules are named apart, never as one pooled sum.
            // The need-by date first: at 80 columns the funds give way, never the date.
            summary +=
                " · need by \(p.needBy.text)"
                + (short ? " · \(MoneyLines.funds(p, .compact))" : " · funds \(MoneyLines.funds(p, .amounts))")
        }
        if state.profile?.costBasis == .townShare { summary += " · cost: town's share" }
        if state.sort != .rank { summary += " · sort: \(Column.named(state.sort).sortLabel)" }
        if !state.filter.isEmpty { summary += " · filter: \(state.filter)" }
        b.put(SafeText.fitted(summary, w), x: 0, y: 1, limit: w, tone: .muted)
    }

    static func drawBottom(_ state: AppState, into b: inout ScreenBuffer) {
        let y = state.height - 2
        let w = state.width
        switch state.prompt {
        case .filter?:
            b.put("Filter: " + state.filter + "▏", x: 0, y: y, limit: w, style: .bold)
            b.put("  Enter keep · Esc clear", x: min(w - 1, 9 + SafeText.width(state.filter)), y: y, tone: .muted)
        case .exportChoice?:
            b.put(
                SafeText.fitted("Export: c CSV (\(state.exportWhat)), h report HTML, m Markdown, Esc", w), x: 0, y: y,
                limit: w, style: .bold)
        case .exportPath(let path)?:
            let what = state.exportKind == .viewCSV ? "Export CSV to: " : "Write the report to: "
            b.put(what + path + "▏", x: 0, y: y, limit: w, style: .bold)
        case .newFund(let name)?:
            b.put(
                SafeText.fitted("New fund's name (as the grant or gift is called): " + name + "▏", w), x: 0, y: y,
                limit: w, style: .bold)
        case .confirmRemoveFund(let i)?:
            let name = state.profile.flatMap { i < $0.funding.count ? $0.funding[i].source : nil } ?? "the fund"
            b.put(
                SafeText.fitted("Remove \(SafeText.escaped(name))? (y/n) It pays nothing then; s saves the file.", w),
                x: 0, y: y, limit: w, style: .bold, tone: .warning)
        case .confirmOverwrite(let path)?:
            b.put(
                SafeText.fitted("Overwrite? (y/n) \(path) exists.", w), x: 0, y: y, limit: w, style: .bold,
                tone: .warning)
        case .confirmRetire(_, let name)?:
            b.put(
                SafeText.fitted("Retire \(name)? (y/n) Its file moves to retired/, out of the ranking.", w), x: 0, y: y,
                limit: w, style: .bold, tone: .warning)
        case .evaluatorName(let name)?:
            b.put(
                SafeText.fitted("Score as (your name, or your file's name in evaluations/): " + name + "▏", w), x: 0,
                y: y, limit: w, style: .bold)
        case .scoreNote(let note)?:
            b.put(SafeText.fitted("Note: " + note + "▏", w), x: 0, y: y, limit: w, style: .bold)
        case .conflictStatement(let text)?:
            b.put(
                SafeText.fitted("Conflict of interest (any tie to a vendor, or: none): " + text + "▏", w), x: 0, y: y,
                limit: w, style: .bold)
        case .confirmSubmit?:
            b.put(
                SafeText.fitted(
                    "Submit your scores? (y/n) They count in the ranking; the others' scores then show.", w),
                x: 0, y: y, limit: w, style: .bold, tone: .warning)
        case .consensus(let text)?:
            b.put(
                SafeText.fitted("Consensus score, a space, the reason: " + text + "▏", w), x: 0, y: y, limit: w,
                style: .bold)
        case .confirmQuit? where state.screen == .scoring:
            b.put(
                SafeText.fitted("Scores not saved. Leave anyway? (y: leave, s: save, n: stay)", w), x: 0, y: y,
                limit: w, style: .bold, tone: .warning)
        case .confirmQuit?:
            let n = state.profileEdits.count
            b.put(
                SafeText.fitted("\(n) change(s) not saved. Quit anyway? (y: quit, s: save first, n: stay)", w), x: 0,
                y: y, limit: w, style: .bold, tone: .warning)
        case .confirmSave?:
            let n = state.profileEdits.count
            b.put(
                SafeText.fitted("Save \(n) change(s)? (y/n) To \(state.profilePath), comments kept.", w), x: 0, y: y,
                limit: w, style: .bold)
        case .confirmMoveEvaluation(let date, let file)?:
            b.put(
                SafeText.fitted(
                    "Move the evaluation to \(date.text)? (y/n: n keeps it as hindsight) \(SafeText.escaped(Paths.fileName(file))) is dated after \(state.profile?.evaluationDate.text ?? "the evaluation date")",
                    w), x: 0, y: y, limit: w, style: .bold, tone: .warning)
        case .confirmSaveOverChange?:
            b.put(
                SafeText.fitted(
                    "Changed on disk since read: save only your changes into it? (y/n) \(state.profilePath)", w), x: 0,
                y: y,
                limit: w, style: .bold, tone: .warning)
        case nil where state.form?.confirmingDiscard == true && state.screen == .form:
            b.put(
                SafeText.fitted("Discard the form's changes? (y/n) Nothing has been saved.", w), x: 0, y: y, limit: w,
                style: .bold, tone: .warning)
        case nil:
            b.put(
                SafeText.fitted(state.status, w), x: 0, y: y, limit: w,
                tone: state.statusIsProblem ? .bad : .accent)
        }
        b.put(Commands.footer(for: state.screen, width: w), x: 0, y: state.height - 1, limit: w, tone: .muted)
    }
}

/// Small drawing helpers shared by the views.
enum Draw {
    /// A bar of `fraction` (0...1) in `width` cells, with eighth blocks; readable in monochrome.
    static func bar(_ fraction: Double, width: Int) -> String {
        let f = min(1, max(0, fraction.isFinite ? fraction : 0))
        let eighths = Int((f * Double(width * 8)).rounded())
        let blocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var s = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { s += blocks[eighths % 8] }
        return s + String(repeating: " ", count: max(0, width - SafeText.width(s)))
    }

    /// Wraps `text` to `width` columns at spaces; continuation lines keep the text's own
    /// indent plus `indent` more. A word longer than a line (a URL) is broken where it must be.
    static func wrap(_ text: String, width: Int, indent: Int = 2) -> [String] {
        if SafeText.width(text) <= width { return [text] }
        let lead = text.prefix { $0 == " " }.count
        let words = text.split(separator: " ")
        guard width > lead + indent + 4, !words.isEmpty else { return [text] }
        let pad = String(repeating: " ", count: lead + indent)
        var lines: [String] = []
        var current = String(repeating: " ", count: lead)
        var lineHasWord = false
        for word in words {
            var rest = String(word)
            while !rest.isEmpty {
                let candidate = current + (lineHasWord ? " " : "") + rest
                if SafeText.width(candidate) <= width {
                    current = candidate
                    lineHasWord = true
                    rest = ""
                } else if lineHasWord && SafeText.width(pad + rest) <= width {
                    lines.append(current)
                    current = pad
                    lineHasWord = false
                } else {
                    // Too long for any line: fill this one and carry the remainder.
                    let room = max(1, width - SafeText.width(current) - (lineHasWord ? 1 : 0))
                    var head = ""
                    for c in rest {
                        if SafeText.width(head) + SafeText.width(of: c) > room { break }
                        head.append(c)
                    }
                    if head.isEmpty {
                        lines.append(current)
                        current = pad
                        lineHasWord = false
                        continue
                    }
                    lines.append(current + (lineHasWord ? " " : "") + head)
                    rest = String(rest.dropFirst(head.count))
                    current = pad
                    lineHasWord = false
                }
            }
        }
        if lineHasWord { lines.append(current) }
        return lines
    }
}
