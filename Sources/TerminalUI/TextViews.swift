import Evaluation

/// A scrollable page of lines between the title rows and the status line.
enum Page {
    /// Rows a page has for text between the title rows and the status line.
    static func rows(_ state: AppState) -> Int { max(1, state.height - 4) }

    /// The furthest a page of `count` lines scrolls: its last line at the bottom.
    static func maxScroll(_ count: Int, _ state: AppState) -> Int { max(0, count - rows(state)) }

    static func draw(_ lines: [(String, Style, Tone)], state: AppState, into b: inout ScreenBuffer) {
        let top = 2
        let rows = state.height - 2 - top
        let maxScroll = max(0, lines.count - rows)
        let scroll = min(state.detailScroll, maxScroll)
        for i in 0..<rows {
            let index = scroll + i
            guard index < lines.count else { break }
            let (text, style, tone) = lines[index]
            b.put(text, x: 0, y: top + i, limit: state.width, style: style, tone: tone)
        }
        if maxScroll > 0 {
            let more = "\(scroll + 1)-\(min(lines.count, scroll + rows)) of \(lines.count)"
            b.put(more, x: max(0, state.width - SafeText.width(more)), y: 1, tone: .muted)
        }
    }

    static func wrapped(_ text: String, width: Int, style: Style = [], tone: Tone = .normal) -> [(String, Style, Tone)]
    {
        Draw.wrap(text, width: width).map { ($0, style, tone) }
    }
}

/// Why: the selected product's scores, their arithmetic, contributions, unknowns, sources.
enum DetailView {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        Page.draw(lines(state), state: state, into: &b)
    }

    /// The page's lines at the state's width (also what bounds its scrolling).
    static func lines(_ state: AppState) -> [(String, Style, Tone)] {
        guard let entry = state.selected, let ranking = state.ranking, let profile = state.profile else {
            return [(" No product selected.", [], .normal)]
        }
        var lines: [(String, Style, Tone)] = []
        let w = state.width
        if state.method == .weightedSum {
            lines.append(("Contribution to the total \(Format.fixed(entry.score, 1)):", .bold, .normal))
            for c in ranking.weights.criteria {
                let part = entry.contributions[c]
                let label =
                    SafeText.padded(c.label, 13) + SafeText.padded(Format.fixed(part, 1), 5, alignRight: true) + " "
                lines.append((label + Draw.bar(part / 100, width: max(10, min(50, w - 20))), [], .accent))
            }
            lines.append(("", [], .normal))
        }
        for line in Explanation.page(entry, in: ranking, profile: profile) {
            let tone: Tone
            switch line.kind {
            case .shortfall: tone = .bad
            case .unknown: tone = .warning
            case .step: tone = .normal
            }
            lines += Page.wrapped(line.text, width: w, style: line.heading ? .bold : [], tone: tone)
        }
        if state.marked.contains(entry.id) { lines.insert(("* marked for comparison", [], .accent), at: 0) }
        return lines
    }
}

/// Problems: every file that failed to load, in `lineup validate`'s words.
enum ProblemsView {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        Page.draw(lines(state), state: state, into: &b)
    }

    /// The page's lines at the state's width (also what bounds its scrolling).
    static func lines(_ state: AppState) -> [(String, Style, Tone)] {
        var lines: [(String, Style, Tone)] = []
        if state.diagnostics.isEmpty {
            lines.append(("No problems: every file in \(state.vendorsFolder) loaded.", [], .good))
        } else {
            // Files that could not be loaded and warnings (files that did load) are counted apart.
            let warnings = state.diagnostics.filter { $0.severity == .warning }.count
            var head: [String] = []
            if state.brokenFileCount > 0 {
                head.append("\(state.brokenFileCount) file(s) could not be loaded (errors)")
            }
            if warnings > 0 { head.append("\(warnings) warning(s) in files that did load") }
            lines += Page.wrapped(
                head.joined(separator: "; ") + ". Fix a file and it reloads by itself.", width: state.width,
                style: .bold)
            lines.append(("", [], .normal))
            for d in state.diagnostics {
                lines += Page.wrapped(d.description, width: state.width, tone: d.severity == .error ? .bad : .warning)
            }
        }
        return lines
    }
}

/// Help: generated from the same table that dispatches keys.
enum HelpView {
    static let groups: [(String, Screen?)] = [
        ("Ranking", .ranking), ("Why (detail)", .detail), ("Weights and department panels", .weights),
        ("Department panel: funds", .department),
        ("Compare, problems, help", .compare), ("Must-haves panel", .requirements), ("Product form", .form),
        ("Retired specs", .retired), ("Scoring (the committee's judged criteria)", .scoring),
        ("Everywhere", nil),
    ]

    /// A key and what it does; a long meaning wraps under itself, aligned after the keys.
    static func keyLines(_ keys: [Key], _ help: String, width: Int) -> [(String, Style, Tone)] {
        let labels = keys.map(\.label).joined(separator: " ")
        let head = "  " + SafeText.padded(labels, max(16, SafeText.width(labels))) + " "
        return Draw.wrap(help, width: max(20, width - 19), indent: 0).enumerated().map { k, part in
            ((k == 0 ? head : String(repeating: " ", count: 19)) + part, [], .normal)
        }
    }

    static func lines(width: Int) -> [(String, Style, Tone)] {
        var lines: [(String, Style, Tone)] = []
        var shown = Set<String>()
        for (title, screen) in groups {
            // A command is listed under the first group whose screen it applies to.
            let commands = Commands.table.filter { c in
                guard !shown.contains("\(c.keys.map(\.label).joined(separator: " "))|\(c.help)") else { return false }
                guard let screen else { return c.screens == nil }
                return c.screens?.contains(screen) == true
            }
            guard !commands.isEmpty else { continue }
            lines.append((title, .bold, .normal))
            for c in commands {
                let keys = c.keys.map(\.label).joined(separator: " ")
                let key = "\(keys)|\(c.help)"
                if shown.contains(key) { continue }
                shown.insert(key)
                // A long meaning wraps under itself, never cut.
                lines += keyLines(c.keys, c.help, width: width)
            }
            lines.append(("", [], .normal))
        }
        // The answers to questions on the status line, from the same table.
        lines.append(("Questions on the status line", .bold, .normal))
        for kind in PromptKind.allCases {
            let title: String
            switch kind {
            case .confirm: title = "yes/no questions"
            case .confirmQuit: title = "quit with unsaved changes"
            case .exportChoice: title = "what to export"
            case .text: title = "typing a filter, a file or fund's name, an evaluator's name, a note, a consensus"
            }
            for b in Commands.prompts where b.prompt == kind {
                lines += keyLines(b.keys, b.help + " (" + title + ")", width: width)
            }
        }
        lines.append(("", [], .normal))
        lines += Page.wrapped(
            "Marks: ! year one over the funds, or available after the need-by date; ? no date known;", width: width,
            tone: .muted)
        lines += Page.wrapped(
            "* marked for comparison; Move: ↑n ↓n places since the last rank or export, new, =.", width: width,
            tone: .muted)
        lines += Page.wrapped(Marks.legend + ".", width: width, tone: .muted)
        lines += Page.wrapped(
            Marks.requirementsLegend + ". Town y1: what the town pays in year one when the funds have rules.",
            width: width, tone: .muted)
        lines += Page.wrapped(
            "Score bar: each criterion's part of the total, " + Glyph.legend(Criterion.allCases)
                + " (when the profile has a committee).", width: width, tone: .muted)
        lines += Page.wrapped(
            "↺ the last good version of a file that does not load now. Scores are 0-100; Lineup.docc/Scoring.md gives every formula.",
            width: width, tone: .muted)
        return lines
    }

    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        Page.draw(lines(width: state.width), state: state, into: &b)
    }
}
