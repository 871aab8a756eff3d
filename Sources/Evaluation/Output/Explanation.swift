/// Every figure behind every score of one product, as lines a reader can check by hand.
public enum Explanation {
    public static func lines(_ entry: RankedProduct, in ranking: Ranking, profile: Profile) -> [String] {
        let a = entry.assessment
        let p = a.product
        var out: [String] = []
        out.append("\(SafeText.escaped(p.name))  (\(SafeText.escaped(p.file)))")
        if let s = p.summary { out.append(SafeText.escaped(s)) }
        if entry.rank == 0 {
            out.append("Not ranked: it fails a must-have (below); its figures are shown for reference")
        } else {
            out.append(
                "Rank \(entry.rank) of \(ranking.entries.count), score \(Format.fixed(entry.score, 1)) by \(ranking.method.label), weights \(ranking.weights.text)"
            )
        }
        out += requirementLines(a)
        for c in Criterion.allCases {
            out.append("")
            let score = a.scores[c]
            if entry.rank == 0 {
                out.append("\(c.label): \(Format.fixed(score, 1)) (not ranked)")
            } else if ranking.method == .weightedSum {
                let share = ranking.weights.share(c)
                out.append(
                    "\(c.label): \(Format.fixed(score, 1)) x weight \(Format.fixed(share * 100, 1))% = \(Format.fixed(entry.contributions[c], 2)) points"
                )
            } else {
                out.append("\(c.label): \(Format.fixed(score, 1)) (TOPSIS uses the raw figure \(rawText(a, c)))")
            }
            out += a.explanation(c).map { "  " + $0 }
        }
        out.append("")
        if entry.rank == 0 {
            out.append("Total: none; not ranked while it fails a must-have")
        } else if ranking.method == .weightedSum {
            let parts = Criterion.allCases.map { Format.fixed(entry.contributions[$0], 2) }
            out.append("Total = " + parts.joined(separator: " + ") + " = \(Format.fixed(entry.score, 2))")
        } else {
            out.append("Total = TOPSIS closeness x 100 = \(Format.fixed(entry.score, 2))")
        }
        let unknown = p.unknownFields
        out.append("")
        out.append("Unknown (not in the spec): " + (unknown.isEmpty ? "nothing" : unknown.joined(separator: ", ")))
        if !p.sources.isEmpty {
            out.append("Sources:")
            // Each with its publication date when the spec gives one.
            out += p.sourceEntries.map { "  - " + SafeText.escaped($0.text) + ($0.date.map { " (\($0.text))" } ?? "") }
        }
        if let q = p.quoteDate { out.append("Figures as of \(q.text)") }
        if let n = p.notes { out.append("Notes: " + SafeText.escaped(n)) }
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
        }
    }
}

extension Product {
    /// The spec fields this product leaves out, by their spec names.
    public var unknownFields: [String] {
        var out: [String] = []
        func check(_ value: Any?, _ name: String) { if value == nil { out.append(name) } }
        check(status, "availability.status")
        check(availability, "availability.date")
        check(cameraPrice, "camera.price")
        check(dockPrice, "dock.price")
        check(resolution, "video.resolution")
        check(gbPerHour, "video.gb_per_hour")
        check(fieldOfViewDegrees, "video.field_of_view")
        check(batteryHours, "video.battery_hours")
        check(preEventSeconds, "video.pre_event_seconds")
        check(storageModel, "storage.model")
        check(inCarSystem, "integration.in_car_system")
        for f in IntegrationFeature.allCases where features[f] == nil { out.append("integration." + f.rawValue) }
        return out
    }
}
