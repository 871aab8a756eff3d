import Evaluation

/// The scoring screen: the product, each judged criterion with this evaluator's score (and the
/// saved one), the guidance for the selected criterion, and the others' scores only after
/// submitting. It draws only from `ScoringState`: no price, cost or ranking is on it.
enum ScoringView {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        guard let s = state.scoring else { return }
        let w = state.width
        var y = 1
        func line(_ text: String, style: Style = [], tone: Tone = .normal) {
            guard y < state.height - 2 else { return }
            b.put(SafeText.fitted(text, w), x: 0, y: y, limit: w, style: style, tone: tone)
            y += 1
        }
        let role = s.draft.role.isEmpty ? "" : " (\(SafeText.escaped(s.draft.role)))"
        let submitted = s.saved?.submitted == true ? "submitted" : "not submitted"
        line(
            "Scoring as \(SafeText.escaped(s.draft.name))\(role) · \(s.scoredCount) of \(s.possibleCount) scored · \(submitted)"
                + (s.changed ? " · changes not saved" : ""), style: .bold)
        guard let p = s.currentProduct else {
            line("No products to score.")
            return
        }
        line(
            "Product \(s.product + 1) of \(s.products.count): \(SafeText.escaped(p.name))", style: .bold, tone: .accent)
        if s.blind {
            line("Blind to price: no prices are shown while you score.", tone: .muted)
        }
        let others = s.saved?.submitted == true
        let nameWidth = max(16, w - (others ? 44 : 30))
        line(
            "  " + SafeText.padded("Criterion", nameWidth) + SafeText.padded("Scale", 7) + SafeText.padded("Score", 7)
                + SafeText.padded("Saved", 7) + (others ? SafeText.padded("Others", 14) : "") + "Note", tone: .muted)
        for (i, c) in s.criteria.enumerated() {
            let mine = s.score(p.id, c.key)
            let was = s.savedScore(p.id, c.key)
            var text =
                (i == s.criterion ? "> " : "  ")
                + SafeText.padded(SafeText.fitted(SafeText.escaped(c.name), nameWidth - 1), nameWidth)
            text += SafeText.padded(c.scaleText, 7)
            text += SafeText.padded(mine.map { Format.number($0.score) } ?? "-", 7)
            text += SafeText.padded(was.map { Format.number($0.score) } ?? "-", 7)
            if others {
                let marks = s.others[p.id + "/" + c.key] ?? []
                text += SafeText.padded(marks.map { Format.number($0.score) }.joined(separator: " "), 14)
            }
            text += mine?.note.map(SafeText.escaped) ?? ""
            line(text, style: i == s.criterion ? .reverse : [])
        }
        y += 1
        guard let c = s.currentCriterion else { return }
        line("Guidance: \(SafeText.escaped(c.name)) (\(c.scaleText))", style: .bold)
        for (label, text) in [("low", c.guidance.low), ("middle", c.guidance.middle), ("high", c.guidance.high)]
        where !text.isEmpty {
            for (k, part) in Draw.wrap(SafeText.escaped(text), width: max(20, w - 10), indent: 0).enumerated() {
                line((k == 0 ? "  " + SafeText.padded(label, 8) : "          ") + part)
            }
        }
        y += 1
        if others {
            let marks = s.othersHere()
            line(marks.isEmpty ? "No other evaluator has submitted a score here." : "The others' scores:", style: .bold)
            for m in marks {
                line(
                    "  \(SafeText.escaped(m.evaluator)): \(Format.number(m.score))"
                        + (m.note.map { " - " + SafeText.escaped($0) } ?? ""))
            }
            if let agreed = s.consensus.last(where: { $0.product == p.id && $0.criterion == c.key }) {
                line(
                    "Consensus: \(Format.number(agreed.score)) (\(SafeText.escaped(agreed.reason))), beside the median",
                    tone: .accent)
            }
        } else {
            line("The others' scores show after you submit (S).", tone: .muted)
        }
    }
}
