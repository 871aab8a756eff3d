import Evaluation

/// The weights panel above the ranking: change a weight and the table reorders at once.
enum WeightsPanel {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        let top = 2
        b.put(
            "Weights: only their proportions matter. \(k(.decrease, .weights))\(k(.increase, .weights)) ±5, "
                + "\(k(.decreaseFine, .weights))/\(k(.increaseFine, .weights)) ±1, \(k(.resetPanel, .weights)) reset, "
                + "\(k(.savePanel, .weights)) save", x: 0, y: top, limit: state.width,
            style: .bold)
        let saved = state.savedProfile?.weights
        let barWidth = max(10, min(40, state.width - 44))
        for (i, c) in state.weights.criteria.enumerated() {
            let y = top + 1 + i
            let share = state.weights.share(c)
            let changed = saved.map { $0[c] != state.weights[c] } ?? false
            let line =
                (i == state.weightsCursor ? "> " : "  ") + SafeText.padded(c.label, 13)
                + SafeText.padded(Format.number(state.weights[c]), 5, alignRight: true)
                + "  " + Draw.bar(share, width: barWidth) + " "
                + SafeText.padded(Format.fixed(share * 100, 1) + "%", 6, alignRight: true)
                + (changed ? "  (profile: \(Format.number(saved![c])))" : "")
            b.put(line, x: 0, y: y, limit: state.width, style: i == state.weightsCursor ? .reverse : [])
        }
        let y = top + 1 + state.weights.criteria.count
        let methodLine =
            (state.weightsCursor == state.weights.criteria.count ? "> " : "  ") + SafeText.padded("Method", 13)
            + "      \(state.method.label)   (\(k(.decrease, .weights))\(k(.increase, .weights)) or \(k(.toggleMethod, .weights)) switches; TOPSIS: raw figures)"
        b.put(
            methodLine, x: 0, y: y, limit: state.width,
            style: state.weightsCursor == state.weights.criteria.count ? .reverse : [])
        b.fill("─", x: 0, y: y + 1, count: state.width, tone: .muted)
    }
}

/// The department panel: planning figures that drive cost and storage.
enum DepartmentPanel {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        guard let profile = state.profile else { return }
        let top = 2
        let layout = Layout(state)
        let visible = layout.panelRows - 2
        b.put(
            "Department figures: \(k(.decrease, .department))\(k(.increase, .department)) change, "
                + "\(k(.resetPanel, .department)) reset, \(k(.savePanel, .department)) save; the ranking follows.",
            x: 0, y: top, limit: state.width,
            style: .bold)
        let fields = state.departmentFields
        let first = min(max(0, state.departmentCursor - visible + 1), max(0, fields.count - visible))
        for row in 0..<visible {
            let i = first + row
            guard i < fields.count else { break }
            let f = fields[i]
            let value = AppState.value(of: f, in: profile)
            let text = f.figure.text(value)
            var line =
                f.figure.isSwitch
                ? (i == state.departmentCursor ? "> " : "  ") + "    " + text + " " + f.label
                : (i == state.departmentCursor ? "> " : "  ") + SafeText.padded(f.label, 40)
                    + SafeText.padded(text, 10, alignRight: true)
            if let saved = state.savedProfile, AppState.value(of: f, in: saved) != value {
                let was = AppState.value(of: f, in: saved)
                line += "  (profile: \(f.figure.text(was)))"
            }
            b.put(line, x: 0, y: top + 1 + row, limit: state.width, style: i == state.departmentCursor ? .reverse : [])
        }
        let y = top + 1 + visible
        let total =
            "Funds on hand: \(Format.dollars(profile.funds)) · video recorded: \(Format.number(profile.officersPerShift * profile.shiftsPerDay * profile.recordedHoursPerShift)) h a day"
        b.put(total, x: 0, y: y, limit: state.width, tone: .muted)
    }
}

/// The specs in vendors/retired/: not ranked, listed here, Enter puts one back.
enum RetiredView {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        let w = state.width
        b.put(
            SafeText.fitted(
                "Retired specs are not ranked. \(k(.restoreSelected, .retired)) puts the selected one back; "
                    + "\(k(.back, .retired)) returns.", w), x: 0,
            y: 1, limit: w, tone: .muted)
        guard !state.retired.isEmpty else {
            b.put(
                SafeText.fitted("None in \(state.vendorsFolder)/retired/. X on a product retires it.", w), x: 2, y: 3,
                limit: w - 2)
            return
        }
        b.put(SafeText.padded("  Retired on  Product", w), x: 0, y: 2, limit: w, style: .bold)
        let rows = max(1, state.height - 5)
        let first = min(max(0, state.retiredCursor - rows + 1), max(0, state.retired.count - rows))
        for row in 0..<rows {
            let i = first + row
            guard i < state.retired.count else { break }
            let r = state.retired[i]
            let selected = i == state.retiredCursor
            let line =
                (selected ? "> " : "  ") + SafeText.padded(r.retiredOn, 11) + " " + SafeText.escaped(r.name) + "  ("
                + SafeText.escaped(Paths.fileName(r.path)) + ")"
            b.put(SafeText.fitted(line, w), x: 0, y: 3 + row, limit: w, style: selected ? .reverse : [])
        }
    }
}

/// The must-haves panel: each rule on or off, its limit, and how many products it puts out
/// or leaves unverified; the ranking below follows at each key.
enum RequirementsPanel {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        guard let profile = state.profile else { return }
        let top = 2
        let w = state.width
        b.put(
            SafeText.fitted(
                "Must-haves (a product failing one is out): \(k(.toggleRule, .requirements)) on/off, "
                    + "\(k(.decrease, .requirements))\(k(.increase, .requirements)) limit, \(k(.savePanel, .requirements)) save",
                w), x: 0,
            y: top, limit: w, style: .bold)
        // Per rule, over every product: how many fail it and how many it leaves unverified.
        let all = (state.ranking?.entries.map(\.assessment) ?? []) + (state.ranking?.failed ?? [])
        for (i, rule) in Rule.allCases.enumerated() {
            let on = profile.requirements.isOn(rule)
            let limit = on ? profile.requirements[rule] : rule.defaultLimit
            var line =
                (i == state.requirementsCursor ? "> " : "  ") + (on ? "[x] " : "[ ] ")
                + SafeText.padded(rule.label(limit), 38)
            if on {
                let results = all.compactMap { a in a.requirements.first { $0.rule == rule } }
                let out = results.filter { $0.outcome == .fails }.count
                let open = results.filter { $0.outcome == .unverified }.count
                line += " \(out) out, \(open) unverified"
            }
            if let saved = state.savedProfile, saved.requirements[rule] != profile.requirements[rule] {
                line +=
                    "  (profile: "
                    + (saved.requirements.isOn(rule)
                        ? (rule.hasLimit ? Format.number(saved.requirements[rule]) : "on") : "off") + ")"
            }
            b.put(line, x: 0, y: top + 1 + i, limit: w, style: i == state.requirementsCursor ? .reverse : [])
        }
        b.fill("─", x: 0, y: top + 1 + Rule.allCases.count, count: w, tone: .muted)
    }
}

/// A key as panel hints name it: from the key table.
private func k(_ id: CommandID, _ screen: Screen) -> String { Commands.key(id, on: screen) }
