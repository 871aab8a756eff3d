/// The committee as the board packet shows it: the judged criteria with their guidance, each
/// product's counted score with the median and range, the consensus scores with their reasons,
/// the evaluators with their conflict-of-interest statements, and whether price was hidden
/// from the technical scoring. One model; the HTML and Markdown render it.
public struct CommitteeReport: Equatable, Sendable {
    /// Two sentences for the body; `intro` says the rules in full.
    public var summary: String
    public var intro: String
    /// One line per criterion: its name, share, scale and guidance.
    public var criteria: [String]
    public var header: [String]
    /// One row per product in ranking order: its name, then per criterion the score shown.
    public var rows: [[String]]
    public var consensus: [String]
    public var evaluators: [String]

    public init?(_ ranking: Ranking) {
        guard let first = ranking.entries.first ?? ranking.failedEntries.first,
            let committee = first.assessment.profile.committee
        else { return nil }
        let share = ranking.weights.share(.committee)
        let submitted = committee.evaluators.filter(\.submitted)
        intro =
            "The committee's judged criteria count for \(Format.fixed(share * 100, 0))% of the decision. "
            + "Each judged score is the median of the \(submitted.count) evaluators who submitted their scores; "
            + "where the chair recorded a consensus score with its reason, that score counts and stands beside the median. "
            + "A product nobody scored on a criterion gets nothing for it. A range of at least 40% of the scale is "
            + "marked for the consensus meeting (⚑). "
            + (committee.blindToPrice
                ? "Price was hidden from the technical scoring: the evaluators scored without seeing prices or costs."
                : "Price was not hidden from the evaluators while they scored.")
        let disputed = ranking.entries.flatMap(\.assessment.judged).filter(\.disputed).count
        let agreedCount = (ranking.entries + ranking.failedEntries).flatMap(\.assessment.judged).filter {
            $0.consensus != nil
        }.count
        summary =
            "Judged criteria: \(Format.fixed(share * 100, 0))% of the decision; each score is the median of \(submitted.count) evaluators, or the chair's recorded consensus"
            + (committee.blindToPrice ? ", scored without seeing prices" : ", scored with prices in view")
            + "; \(disputed) in wide disagreement, \(agreedCount) agreed in consensus."
        criteria = zip(committee.criteria, committee.shares).map { c, s in
            var line = "\(c.name) (scale \(c.scaleText), \(Format.fixed(s * 100, 0))% of the committee's score)"
            let guide = [("low", c.guidance.low), ("middle", c.guidance.middle), ("high", c.guidance.high)]
                .filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1)" }
            if !guide.isEmpty { line += ": " + guide.joined(separator: "; ") }
            return line
        }
        header = ["Product"] + committee.criteria.map(\.name)
        let entries = ranking.entries + ranking.failedEntries
        rows = entries.map { e in
            [Marks.name(e.product)] + e.assessment.judged.map(Self.cell)
        }
        var agreed: [String] = []
        for e in entries {
            for j in e.assessment.judged {
                guard let c = j.consensus else { continue }
                agreed.append(
                    "\(e.product.name), \(j.criterion.name): \(Format.number(c.score)) agreed"
                        + (j.median.map { " (the median was \(Format.number($0)))" } ?? "") + ": \(c.reason)")
            }
        }
        consensus = agreed
        evaluators = committee.evaluators.map { e in
            var line = e.name + (e.role.isEmpty ? "" : ", \(e.role)")
            line += e.submitted ? " (submitted" : " (not submitted: not counted"
            line += (e.date.map { ", \($0.text)" } ?? "") + ")"
            return line + ". Conflict of interest: " + e.conflictOfInterest
        }
    }

    /// `7 (6-8)`, `6 agreed (median 7, 3-8)`, `not scored`, with ⚑ for a wide disagreement.
    static func cell(_ j: JudgedScore) -> String {
        guard let counted = j.counted else { return "not scored" }
        let range = j.lowest.map { lo in "\(Format.number(lo))-\(Format.number(j.highest!))" }
        if j.consensus != nil {
            return "\(Format.number(counted)) agreed (median \(j.median.map { Format.number($0) } ?? "none")"
                + (range.map { ", " + $0 } ?? "") + ")"
        }
        let spread = j.lowest == j.highest ? " (all agree)" : (range.map { " (\($0))" } ?? "")
        return Format.number(counted) + spread + (j.disputed ? " ⚑" : "")
    }
}
