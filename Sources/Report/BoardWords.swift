import Evaluation

/// Page 1 in the Board's words, and the method moved to "How this was worked out". A member of
/// a town Board of Finance reads what to buy and how many, what it costs and who pays, how
/// likely it is to stay the best choice, what is known against it and still to ask, and what
/// would change the choice, with no term of the method (score points, draws, seeds, TCO) before
/// the section that explains them. Abbreviations are spelled out at their first use
/// (`BoardWords.spelledOut`); the glossary in the appendix repeats them.
extension BoardReport {
    /// The heading of the section that holds the method, weights, draws and seed.
    public static let workingsTitle = "How this was worked out"

    /// Page 1's paragraphs, first the recommendation itself.
    public var summary: [String] {
        guard let first = leader else {
            return ["No product can be recommended: none meets the must-haves or none was loaded."]
        }
        let a = first.assessment
        var out = ["Recommendation: \(first.product.name), for the department's \(a.cost.cameras) cameras."]
        out += MoneyLines.board(a)
        if let sim = simulation, let o = sim.outcome(first.id) {
            var sure =
                "How likely it is to stay the best choice: it is the best choice in \(Format.chanceInWords(o.chanceFirst)) plausible cases (\(pct(o.chanceFirst))), "
                + "when prices, ship dates, features a vendor has not confirmed and the department's priorities vary within what is known"
            if let r = runnerUp(sim), let name = ranking.entry(r.id)?.product.name {
                sure +=
                    "; the runner-up, the \(name), is the best choice in \(Format.chanceInWords(r.chanceFirst)) cases (\(pct(r.chanceFirst)))"
            }
            out.append(sure + ".")
        }
        if let known = knownAgainst(first) { out.append(known) }
        if let ask = stillToAsk(first) { out.append(ask) }
        if let change = whatWouldChange(first) { out.append(change) }
        return BoardWords.spelledOut(out)
    }

    /// The product that is first most often after the recommended one.
    func runnerUp(_ sim: Simulation.Result) -> Simulation.Outcome? {
        guard let first = leader else { return nil }
        return sim.outcomes.filter { $0.id != first.id && $0.chanceFirst > 0 }.max { $0.chanceFirst < $1.chanceFirst }
    }

    /// What is known against the product: must-haves it leaves unverified, weaknesses the
    /// profile does not make must-haves (priced where the cost prices them), and costs nobody
    /// has given.
    func knownAgainst(_ e: RankedProduct) -> String? {
        let a = e.assessment
        func words(_ r: RequirementResult, limit: Double) -> String {
            // Year one's range is the town's share at the ends of what is not yet confirmed.
            if r.rule == .yearOneWithinFunds { return "the cost in year one is not yet firm (\(r.reason))" }
            let verdict = r.outcome == .fails ? "falls short" : "not confirmed"
            // The one rule whose name is a term of the trade, in a Board's words.
            if r.rule == .preEventAudio {
                return "sound in the seconds the camera keeps from before an officer presses record: \(verdict)"
            }
            return "\(r.rule.label(limit)): \(verdict) (\(r.reason))"
        }
        var items = a.requirements.unverified.map { words($0, limit: profile.requirements[$0.rule]) }
        items += a.knownWeaknesses.map { words($0, limit: a.weaknessLimit($0.rule)) }
        if !a.cost.notCounted.isEmpty {
            items.append("not priced by the vendor: " + a.cost.notCounted.joined(separator: ", "))
        }
        guard !items.isEmpty else { return nil }
        return "Known weaknesses of the \(e.product.name): " + items.joined(separator: "; ") + "."
    }

    /// The open figures of the recommended product whose answers matter most (the letters ask them).
    func stillToAsk(_ e: RankedProduct) -> String? {
        guard let report = questions else { return nil }
        let mine = report.questions.filter { $0.product.id == e.id && ($0.effect ?? 0) >= Questions.negligible }
        guard !mine.isEmpty else { return nil }
        return "Still to ask \(e.product.vendor) about the \(e.product.model): "
            + mine.prefix(3).map(\.fact.what).joined(separator: "; ") + "."
    }

    /// The answer that would move the choice most, and the priority that would hand it to
    /// another product, in plain words.
    func whatWouldChange(_ first: RankedProduct) -> String? {
        var parts: [String] = []
        if let q = questions?.questions.first, let effect = q.effect, effect >= Questions.negligible {
            parts.append(
                "\(q.product.vendor)'s answer on \(q.fact.what) for the \(q.product.model): at \(q.fact.lowText) the \(q.mostMovedName) is the best choice in \(Format.chanceInWords(q.mostMovedLow)) cases (\(pct(q.mostMovedLow))), at \(q.fact.highText) in \(Format.chanceInWords(q.mostMovedHigh)) cases (\(pct(q.mostMovedHigh)))"
            )
        }
        if let report = sensitivity, report.leader == first.id,
            let i = report.intervals.filter({ $0.takerBelow != nil || $0.takerAbove != nil }).min(by: {
                margin($0) < margin($1)
            })
        {
            let what = i.criterion.label.lowercased()
            if let b = i.takerBelow, let name = ranking.entry(b)?.product.name {
                parts.append(
                    "if \(what) counted for \(i.lowExclusive ? "" : "less than ")\(pct(i.lowShare)) of the decision (it counts for \(pct(i.share)) now), the \(name) would be first"
                )
            } else if let t = i.takerAbove, let name = ranking.entry(t)?.product.name {
                parts.append(
                    "if \(what) counted for \(i.highExclusive ? "" : "more than ")\(pct(i.highShare)) of the decision (it counts for \(pct(i.share)) now), the \(name) would be first"
                )
            }
        }
        guard !parts.isEmpty else { return nil }
        return "What would change the choice: " + parts.joined(separator: "; ") + "."
    }

    /// The method, the weights, the draws and the seed, and the figures in the method's terms.
    public var workings: [String] {
        var out: [String] = []
        let criteria = ranking.weights.criteria.map {
            "\($0.label.lowercased()) \(Format.fixed(ranking.weights.share($0) * 100, 0))%"
        }.joined(separator: ", ")
        switch ranking.method {
        case .weightedSum:
            out.append(
                "Each product is scored from 0 to 100 on \(ranking.weights.criteria.count == 4 ? "four criteria" : "four measured criteria and the committee's judged score"), and the scores are weighted by the department's priorities (\(criteria)) and added: a weighted sum. Cost is scored on the \(profile.costBasis == .townShare ? "town's share of the cost" : "total cost of ownership (TCO) over \(Format.number(profile.horizonYears)) years: what is bought up front plus every recurring cost"), the lowest scoring 100."
            )
        case .topsis:
            out.append(
                "Products are ranked by TOPSIS (closeness to an ideal product that is best on every criterion), with the department's priorities as weights (\(criteria))."
            )
        }
        if let first = leader {
            var s =
                "The \(first.product.name) ranks first of \(ranking.entries.count) with \(Format.fixed(first.score, 1)) points"
            if let second = ranking.entries.dropFirst().first {
                s += " against \(Format.fixed(second.score, 1)) for the \(second.product.name)"
            }
            out.append(s + ".")
        }
        if let sim = simulation {
            out.append(
                "How likely: \(Format.count(sim.options.draws)) draws (plausible cases) with seed \(sim.options.seed), so the figures are the same on every run. "
                    + Simulation.variedText(sim))
        }
        if let q = questions {
            out.append(
                "What to ask: each open figure of the products first in at least \(pct(Self.questionMinimumChance)) of cases is set to the low and to the high end of what is assumed now, and the \(Format.count(q.options.draws)) draws are run again with the same seed; the effect is the largest change of a chance of ranking first. `lineup questions` gives the same figures; the letters ask the same questions."
            )
        }
        out.append(
            "Report made \(today.text) by Lineup from the files in the vendors folder; evaluated as of \(profile.evaluationDate.text), need by \(profile.needBy.text); funds \(MoneyLines.funds(profile, .rules))."
        )
        return out
    }

    /// The terms a Board member may not know, in the order they appear.
    public static let glossary: [(term: String, meaning: String)] = [
        ("Total cost of ownership (TCO)", "what is bought up front plus every recurring cost over the years compared."),
        ("Town's share", "what the town pays after each fund pays what its rules allow."),
        (
            "Plausible case (a draw)",
            "one run of the ranking with every uncertain figure picked at random within what is known: a price within its quote or estimate, a ship date within its window, a feature a vendor has not confirmed present or absent, each priority a fifth either way."
        ),
        ("Seed", "the starting number of the random picks, so every run gives the same figures."),
        ("Weighted sum", "each criterion's 0-100 score times its weight, added up."),
        ("Must-have", "a rule a product must meet to be ranked at all; unverified when the vendor has not said."),
        ("~ before a figure", "it rests on a range or an estimate; the middle is shown."),
        ("+ after a figure", "a cost the vendor has not given is left out; the real figure is higher."),
        ("◆ before a name", "announced, not yet shipping."),
        (
            "Terabyte (TB), gigabyte (GB)",
            "1,000 gigabytes make a terabyte; an hour of body-camera video is one to three gigabytes."
        ),
    ]
}

/// Plain words for the Board.
enum BoardWords {
    /// The abbreviations page 1 may use, with their words.
    static let abbreviations: [(short: String, long: String)] = [
        ("TCO", "total cost of ownership"), ("TB", "terabytes"), ("GB", "gigabytes"), ("GB/h", "gigabytes an hour"),
    ]

    /// `lines` with each abbreviation's first use as a whole word written out, "terabytes (TB)".
    static func spelledOut(_ lines: [String]) -> [String] {
        var done: Set<String> = []
        return lines.map { line in
            var text = line
            for (short, long) in abbreviations where !done.contains(short) {
                guard let r = wholeWord(short, in: text) else { continue }
                text.replaceSubrange(r, with: "\(long) (\(short))")
                done.insert(short)
            }
            return text
        }
    }

    static func wholeWord(_ word: String, in text: String) -> Range<String.Index>? {
        var from = text.startIndex
        while let r = text.range(of: word, range: from..<text.endIndex) {
            let before = r.lowerBound == text.startIndex ? " " : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? " " : text[r.upperBound]
            if !before.isLetter && !after.isLetter && after != "/" { return r }
            from = r.upperBound
        }
        return nil
    }
}
