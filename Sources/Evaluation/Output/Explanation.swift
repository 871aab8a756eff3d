/// Every figure behind every score of one product, as lines a reader can check by hand.
public enum Explanation {
    /// A line of the page: a heading (the product, a criterion, the total) or a line of
    /// working, with its kind (so a view colours a shortfall or an unknown by kind).
    public struct Line: Equatable, Sendable {
        public var text: String
        public var heading: Bool
        public var kind: WorkingLine.Kind
    }

    public static func lines(_ entry: RankedProduct, in ranking: Ranking, profile: Profile) -> [String] {
        page(entry, in: ranking, profile: profile).map(\.text)
    }

    public static func page(_ entry: RankedProduct, in ranking: Ranking, profile: Profile) -> [Line] {
        let a = entry.assessment
        let p = a.product
        var out: [Line] = []
        func say(_ text: String, heading: Bool = false, _ kind: WorkingLine.Kind = .step) {
            out.append(Line(text: text, heading: heading, kind: kind))
        }
        say("\(SafeText.escaped(p.name))  (\(SafeText.escaped(p.file)))", heading: true)
        if let s = p.summary { say(SafeText.escaped(s)) }
        if entry.rank == 0 {
            say("Not ranked: it \(a.notRankedBecause); its figures are shown for reference", .unknown)
            for u in a.unrankable { say("  ask: " + u.question(cameras: a.cost.cameras)) }
        } else {
            say(
                "Rank \(entry.rank) of \(ranking.entries.count), score \(Format.fixed(entry.score, 1)) by \(ranking.method.label), weights \(ranking.weights.text)"
            )
        }
        for line in requirementLines(a) { say(line) }
        let weaknesses = a.knownWeaknesses
        if !weaknesses.isEmpty {
            say("")
            say("Known weaknesses (must-haves the profile leaves off, checked as if on):", heading: true)
            for w in weaknesses {
                let limit = a.weaknessLimit(w.rule)
                say(
                    "  \(w.outcome.rawValue): \(w.rule.label(limit)): \(w.reason)",
                    w.outcome == .fails ? .shortfall : .unknown)
            }
        }
        for c in ranking.weights.criteria {
            say("")
            let score = a.scores[c]
            if entry.rank == 0 {
                say("\(c.label): \(Format.fixed(score, 1)) (not ranked)", heading: true)
            } else if ranking.method == .weightedSum {
                let share = ranking.weights.share(c)
                say(
                    "\(c.label): \(Format.fixed(score, 1)) x weight \(Format.fixed(share * 100, 1))% = \(Format.fixed(entry.contributions[c], 2)) points",
                    heading: true)
            } else {
                say(
                    "\(c.label): \(Format.fixed(score, 1)) (TOPSIS uses the raw figure \(rawText(a, c)))", heading: true
                )
            }
            for line in a.working(c) { say("  " + line.text, line.kind) }
        }
        say("")
        if entry.rank == 0 {
            say("Total: none; not ranked while it \(a.notRankedBecause)", heading: true)
        } else if ranking.method == .weightedSum {
            let parts = ranking.weights.criteria.map { Format.fixed(entry.contributions[$0], 2) }
            say("Total = " + parts.joined(separator: " + ") + " = \(Format.fixed(entry.score, 2))", heading: true)
        } else {
            say("Total = TOPSIS closeness x 100 = \(Format.fixed(entry.score, 2))", heading: true)
        }
        let unknown = p.unknownFields
        say("")
        say("Unknown (not in the spec): " + (unknown.isEmpty ? "nothing" : unknown.joined(separator: ", ")))
        say("Warranty: " + Marks.warranty(p))
        if let c = p.contractYears { say("Contract: \(Format.number(c)) \(c == 1 ? "year" : "years") (as quoted)") }
        if !p.sources.isEmpty {
            say("Sources:")
            // Each with its publication date when the spec gives one.
            for source in p.sourceEntries {
                say("  - " + SafeText.escaped(source.text) + (source.date.map { " (\($0.text))" } ?? ""))
            }
        }
        if let q = p.quoteDate { say("Figures as of \(q.text)") }
        if let n = p.notes { say("Notes: " + SafeText.escaped(n)) }
        return out
    }

    /// "Must-haves: 1 unverified" and a line per rule: its outcome, why, and what to ask.
    public static func requirementLines(_ a: Assessment) -> [String] {
        let results = a.requirements
        guard !results.isEmpty else { return [] }
        let counts = [RequirementOutcome.fails, .unverified, .passes].compactMap { o -> String? in
            let n = results.filter { $0.outcome == o }.count
            return n > 0 ? "\(n) \(o.rawValue)" : nil
        }
        var out = ["", "Must-haves: " + counts.joined(separator: ", ")]
        for r in results {
            let mark = r.outcome == .passes ? "passes" : r.outcome == .fails ? "FAILS" : "unverified"
            out.append("  \(mark): \(r.rule.label(a.profile.requirements[r.rule])): \(r.reason)")
            if let q = r.question, r.outcome == .unverified { out.append("    ask: " + q) }
        }
        return out
    }

    public static func rawText(_ a: Assessment, _ c: Criterion) -> String {
        switch c {
        case .cost: return "TCO " + Format.dollars(a.cost.tco)
        case .integration: return Format.number(a.integration.earned) + " points"
        case .storage: return Format.fixed(a.storage.storedTB, 2) + " TB"
        case .availability: return Format.number(a.availability.daysAway) + " days away"
        case .committee: return Format.fixed(a.scores.committee, 1) + " of 100 judged"
        }
    }
}

extension Product {
    /// The spec fields this product leaves out, by their spec names.
    public var unknownFields: [String] {
        var out: [SpecKey] = []
        func check(_ value: Any?, _ key: SpecKey) { if value == nil { out.append(key) } }
        check(status, .status)
        check(availability, .availabilityDate)
        check(cameraPrice, .cameraPrice)
        check(dockPrice, .dockPrice)
        check(resolution, .resolution)
        check(gbPerHour, .gbPerHour)
        check(fieldOfViewDegrees, .fieldOfView)
        check(batteryHours, .batteryHours)
        check(preEventSeconds, .preEventSeconds)
        check(storageModel, .storageModel)
        check(inCarSystem, .inCarSystem)
        for f in IntegrationFeature.allCases where features[f] == nil { out.append(.feature(f)) }
        return out.map(\.path)
    }
}
