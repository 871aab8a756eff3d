import TOML

/// One product's place in a ranking.
public struct RankedProduct: Equatable, Sendable, Identifiable {
    /// 1-based; products whose totals are equal share a rank (1, 1, 3).
    public var rank: Int
    public var assessment: Assessment
    /// The total, 0-100.
    public var score: Double
    /// What each criterion adds to the total (weighted sum: share x score; TOPSIS: empty).
    public var contributions: CriterionValues

    public var id: String { assessment.id }
    public var product: Product { assessment.product }
}

/// Products in order, with the method and weights that produced the order.
public struct Ranking: Equatable, Sendable {
    public var method: Method
    public var weights: Weights
    public var evaluationDate: TOMLDate
    public var entries: [RankedProduct] { didSet { reindex() } }
    /// Products a stated figure puts out of the ranking (a must-have failed), by name.
    public var failed: [Assessment] = []

    /// The failed products as rows to list below the ranking: rank 0, no score.
    public var failedEntries: [RankedProduct] {
        failed.map { RankedProduct(rank: 0, assessment: $0, score: 0, contributions: CriterionValues()) }
    }
    /// Where each id sits in `entries`, so a lookup per row costs O(1), not a search of the
    /// whole ranking (at 100,000 products that search made the CSV quadratic).
    private var positions: [String: Int] = [:]

    private mutating func reindex() {
        positions = Dictionary(entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Scores closer than this are a tie.
    public static let tolerance = 1e-9

    /// Ranks `assessments` that meet the must-haves; the others go to `failed`. Ties break by
    /// lower TCO, then by name, then by file id, so two runs always give the same order.
    public init(_ all: [Assessment], weights: Weights, method: Method, evaluationDate: TOMLDate) {
        self.method = method
        self.weights = weights
        self.evaluationDate = evaluationDate
        // Out of the ranking: a product that fails a must-have, or that cannot be ranked on a
        // criterion (`Unrankable`).
        let ranks = all.map(\.ranks)
        var assessments = all
        if ranks.contains(false) {
            assessments = zip(all, ranks).filter(\.1).map(\.0)
            failed = zip(all, ranks).filter { !$0.1 }.map(\.0).sorted {
                $0.sortName != $1.sortName ? $0.sortName < $1.sortName : $0.id < $1.id
            }
        }
        let criteria = weights.criteria
        let shares = Criterion.allCases.map { weights.share($0) }
        var totals: [Double]
        var contributions: [CriterionValues]
        switch method {
        case .weightedSum:
            // The weighted sum (see WeightedSum), computed in place for speed.
            contributions = assessments.map { a in
                CriterionValues(
                    cost: shares[0] * a.scores.cost, integration: shares[1] * a.scores.integration,
                    storage: shares[2] * a.scores.storage, availability: shares[3] * a.scores.availability,
                    committee: shares[4] * a.scores.committee)
            }
            totals = contributions.map(\.sum)
        case .topsis:
            let matrix = assessments.map { a in criteria.map { a.raw($0) } }
            totals = TOPSIS.evaluate(
                matrix, weights: criteria.map { weights.share($0) }, benefit: criteria.map(Assessment.isBenefit)
            ).closeness.map { $0 * 100 }
            contributions = Array(repeating: CriterionValues(), count: assessments.count)
        }
        let order = assessments.indices.sorted { i, j in
            Self.precedes(totals[i], assessments[i], totals[j], assessments[j])
        }
        var entries: [RankedProduct] = []
        for (position, i) in order.enumerated() {
            var rank = position + 1
            if let previous = entries.last, abs(previous.score - totals[i]) <= Self.tolerance { rank = previous.rank }
            entries.append(
                RankedProduct(rank: rank, assessment: assessments[i], score: totals[i], contributions: contributions[i])
            )
        }
        self.entries = entries
        reindex()
    }

    /// The order rule: the higher total first; totals within `tolerance` are a tie, broken by
    /// the lower TCO in whole cents, then the name, then the file id. Sensitivity and the
    /// simulation's checks use this same rule, so an end point (a weight at 0% or 100%) is
    /// decided as `lineup rank --weights` decides it.
    public static func precedes(_ totalA: Double, _ a: Assessment, _ totalB: Double, _ b: Assessment) -> Bool {
        if abs(totalA - totalB) > tolerance { return totalA > totalB }
        let (ta, tb) = (Scoring.cents(a.cost.tco), Scoring.cents(b.cost.tco))
        if ta != tb { return ta < tb }
        if a.sortName != b.sortName { return a.sortName < b.sortName }
        return a.product.id < b.product.id
    }

    /// The product's entry, if it is in the ranking.
    public func entry(_ id: String) -> RankedProduct? { position(of: id).map { entries[$0] } }

    /// The product's index in `entries`.
    public func position(of id: String) -> Int? { positions[id] }
}
