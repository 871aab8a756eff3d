/// The judged scores whose disagreement could change the #1: items for the committee's
/// consensus meeting, listed by `lineup questions`.
public struct CommitteeItem: Equatable, Sendable {
    public var product: Product
    public var criterion: JudgedCriterion
    public var median: Double
    public var lowest: Double
    public var highest: Double
    /// Who is first with this score at the lowest and at the highest mark (everything else as is).
    public var firstAtLowest: String
    public var firstAtHighest: String

    public var sentence: String {
        "\(product.name), \(criterion.name): the evaluators gave \(Format.number(lowest)) to \(Format.number(highest)) "
            + "(median \(Format.number(median))); at \(Format.number(lowest)) the first is \(firstAtLowest), "
            + "at \(Format.number(highest)) \(firstAtHighest)"
    }
}

extension Questions {
    /// Each disputed-by-range judged score (no consensus, the marks differ) whose lowest or
    /// highest mark, everything else as it is, puts another product first. Exact: a judged score
    /// moves only its own product's committee score.
    public static func committeeItems(_ ranking: Ranking) -> [CommitteeItem] {
        let entries = ranking.entries
        guard let leader = entries.first, let committee = leader.assessment.profile.committee,
            ranking.weights.criteria.contains(.committee)
        else { return [] }
        let shares = committee.shares
        let committeeShare = ranking.weights.share(.committee)
        let assessments = entries.map(\.assessment)
        // The first product when product i's committee score is `points`.
        func first(_ i: Int, committeePoints points: Double) -> Int {
            switch ranking.method {
            case .weightedSum:
                let changed = entries[i].score + committeeShare * (points - assessments[i].scores.committee)
                var best = i == 0 ? 1 : 0
                if entries.count == 1 { return 0 }
                var bestTotal = entries[best].score
                for k in entries.indices where k != i && k != best {
                    if Ranking.precedes(entries[k].score, assessments[k], bestTotal, assessments[best]) {
                        best = k
                        bestTotal = entries[k].score
                    }
                }
                return Ranking.precedes(changed, assessments[i], bestTotal, assessments[best]) ? i : best
            case .topsis:
                let criteria = ranking.weights.criteria
                var matrix = assessments.map { a in criteria.map { a.raw($0) } }
                matrix[i][criteria.count - 1] = points
                let c = TOPSIS.evaluate(
                    matrix, weights: criteria.map { ranking.weights.share($0) },
                    benefit: criteria.map(Assessment.isBenefit)
                ).closeness
                return assessments.indices.min { x, y in
                    Ranking.precedes(c[x] * 100, assessments[x], c[y] * 100, assessments[y])
                }!
            }
        }
        var items: [CommitteeItem] = []
        for (i, a) in assessments.enumerated() {
            for (j, score) in a.judged.enumerated() where score.varies {
                guard let lo = score.lowest, let hi = score.highest, let median = score.median else { continue }
                func points(at mark: Double) -> Double {
                    a.scores.committee + shares[j] * (score.criterion.points(mark) - score.points)
                }
                let atLow = first(i, committeePoints: points(at: lo))
                let atHigh = first(i, committeePoints: points(at: hi))
                guard atLow != 0 || atHigh != 0 else { continue }
                items.append(
                    CommitteeItem(
                        product: a.product, criterion: score.criterion, median: median, lowest: lo, highest: hi,
                        firstAtLowest: assessments[atLow].product.name, firstAtHighest: assessments[atHigh].product.name
                    ))
            }
        }
        return items
    }
}
