/// How sure the ranking is: prices and dates given as ranges, and the weights, are drawn at
/// random many times and the products ranked each time.
///
/// Each draw: every camera price and licence price given as a range is drawn uniformly within
/// it; every availability date range is drawn uniformly (by day); each weight is multiplied by a
/// factor drawn uniformly within 1 +/- the band (default 20%). Cost and availability scores are
/// recomputed from the drawn figures with the usual formulas (cost: lowest TCO of the draw /
/// this TCO x 100), and the products are ranked by the chosen method and tie rule. Seeded, so a
/// run is reproducible.
public enum Simulation {
    public struct Options: Equatable, Sendable {
        public var draws: Int
        public var seed: UInt64
        /// The weight band: 0.2 means each weight is drawn within +/-20% of its value.
        public var weightBand: Double

        public init(draws: Int = 10_000, seed: UInt64 = 2015, weightBand: Double = 0.2) {
            self.draws = draws
            self.seed = seed
            self.weightBand = weightBand
        }
    }

    public struct Outcome: Equatable, Sendable {
        public var id: String
        /// Share of draws in which the product ranked first, 0-1.
        public var chanceFirst: Double
        /// 5th and 95th percentile of its rank over the draws.
        public var rankP5: Int
        public var rankP95: Int
    }

    public struct Result: Equatable, Sendable {
        public var options: Options
        public var method: Method
        /// In the ranking's order.
        public var outcomes: [Outcome]

        public func outcome(_ id: String) -> Outcome? { outcomes.first { $0.id == id } }
    }

    /// What varies for one product, and how its figures move with the draws.
    struct Model {
        var tco: Double
        var priceRange: (Double, Double)?
        var pricePoint: Double
        var perUserRange: (Double, Double)?
        var perUserPoint: Double
        var perCameraRange: (Double, Double)?
        var perCameraPoint: Double
        var cameras: Double
        var users: Double
        var horizon: Double
        var dateRange: (Int, Int)?
        var availability: Double
        var integration: Double
        var storage: Double
        var raw: [Double]
        var name: String

        /// TCO with drawn prices: linear in each price (see CostMetrics).
        func tco(price: Double, perUser: Double, perCamera: Double) -> Double {
            tco + cameras * (price - pricePoint) + horizon * 12 * users * (perUser - perUserPoint)
                + horizon * 12 * cameras * (perCamera - perCameraPoint)
        }
    }

    public static func run(_ ranking: Ranking, options: Options = Options()) -> Result {
        let entries = ranking.entries
        let n = entries.count
        guard n > 0, options.draws > 0 else { return Result(options: options, method: ranking.method, outcomes: []) }
        let models: [Model] = entries.map { e in
            let a = e.assessment
            let p = a.product
            let profile = a.profile
            let e0 = profile.evaluationDate.daysSinceEpoch
            let range = p.availability.flatMap { $0.isRange ? ($0.earliest.daysSinceEpoch, $0.latest.daysSinceEpoch) : nil }
            return Model(
                tco: a.cost.tco,
                priceRange: p.cameraPrice.flatMap { $0.isRange ? ($0.low, $0.high) : nil }, pricePoint: a.cost.cameraPrice,
                perUserRange: p.perUserPerMonth.flatMap { $0.isRange ? ($0.low, $0.high) : nil }, perUserPoint: p.perUserPerMonth?.point ?? 0,
                perCameraRange: p.perCameraPerMonth.flatMap { $0.isRange ? ($0.low, $0.high) : nil },
                perCameraPoint: p.perCameraPerMonth?.point ?? 0,
                cameras: Double(profile.cameras), users: Double(profile.licensedUsers), horizon: profile.horizonYears,
                dateRange: range.map { ($0.0 - e0, $0.1 - e0) }, availability: a.scores.availability,
                integration: a.scores.integration, storage: a.scores.storage,
                raw: Criterion.allCases.map { a.raw($0) }, name: a.sortName)
        }
        let profile = entries[0].assessment.profile
        let span = Double(profile.needBy.daysSinceEpoch - profile.evaluationDate.daysSinceEpoch)
        let baseShares = Criterion.allCases.map { ranking.weights.share($0) }
        var rng = SplitMix64(seed: options.seed)
        var firsts = [Int](repeating: 0, count: n)
        // ranks[i][r] = draws in which product i came (r + 1)th.
        var rankCounts = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        var tcos = [Double](repeating: 0, count: n)
        var days = [Double](repeating: 0, count: n)
        var totals = [Double](repeating: 0, count: n)
        var order = Array(0..<n)
        for _ in 0..<options.draws {
            for (i, m) in models.enumerated() {
                let price = m.priceRange.map { rng.uniform($0.0, $0.1) } ?? m.pricePoint
                let user = m.perUserRange.map { rng.uniform($0.0, $0.1) } ?? m.perUserPoint
                let camera = m.perCameraRange.map { rng.uniform($0.0, $0.1) } ?? m.perCameraPoint
                tcos[i] = m.tco(price: price, perUser: user, perCamera: camera)
                if let (lo, hi) = m.dateRange {
                    days[i] = Double(max(0, lo + Int(rng.next() % UInt64(hi - lo + 1))))
                } else {
                    days[i] = m.raw[3]
                }
            }
            var s = baseShares.map { $0 * rng.uniform(1 - options.weightBand, 1 + options.weightBand) }
            let sum = s.reduce(0, +)
            s = s.map { sum > 0 ? $0 / sum : 0.25 }
            let cheapest = tcos.min() ?? 0
            switch ranking.method {
            case .weightedSum:
                for (i, m) in models.enumerated() {
                    let cost = tcos[i] > 0 ? cheapest / tcos[i] * 100 : 100
                    var availability = m.availability
                    if m.dateRange != nil {
                        availability = days[i] <= 0 ? 100 : (days[i] >= span ? 0 : 100 * (span - days[i]) / span)
                    }
                    totals[i] = s[0] * cost + s[1] * m.integration + s[2] * m.storage + s[3] * availability
                }
            case .topsis:
                let matrix = models.indices.map { i in [tcos[i], models[i].raw[1], models[i].raw[2], days[i]] }
                totals = TOPSIS.evaluate(matrix, weights: s, benefit: Criterion.allCases.map(Assessment.isBenefit)).closeness
            }
            order.sort { a, b in
                if abs(totals[a] - totals[b]) > Ranking.tolerance { return totals[a] > totals[b] }
                if tcos[a] != tcos[b] { return tcos[a] < tcos[b] }
                if models[a].name != models[b].name { return models[a].name < models[b].name }
                return a < b
            }
            firsts[order[0]] += 1
            for (r, i) in order.enumerated() { rankCounts[i][r] += 1 }
        }
        func percentile(_ counts: [Int], _ q: Double) -> Int {
            let target = q * Double(options.draws)
            var seen = 0
            for (r, c) in counts.enumerated() {
                seen += c
                if Double(seen) >= target { return r + 1 }
            }
            return counts.count
        }
        let outcomes = entries.indices.map { i in
            Outcome(
                id: entries[i].id, chanceFirst: Double(firsts[i]) / Double(options.draws),
                rankP5: percentile(rankCounts[i], 0.05), rankP95: percentile(rankCounts[i], 0.95))
        }
        return Result(options: options, method: ranking.method, outcomes: outcomes)
    }

    /// "Panasonic Arbitrator BWC ranks first in 64% of plausible cases."
    public static func lines(_ result: Result, ranking: Ranking) -> [String] {
        var out = [
            "Chance of ranking first: \(Format.count(result.options.draws)) draws (seed \(result.options.seed)); prices and dates drawn within their ranges, each weight within ±\(Format.number(result.options.weightBand * 100))%"
        ]
        let sorted = result.outcomes.sorted { $0.chanceFirst > $1.chanceFirst }
        if let top = sorted.first, let name = ranking.entry(top.id)?.product.name {
            out.append("\(SafeText.escaped(name)) ranks first in \(Format.fixed(top.chanceFirst * 100, 1))% of plausible cases.")
        }
        for o in result.outcomes {
            let name = ranking.entry(o.id).map { SafeText.escaped($0.product.name) } ?? o.id
            let band = o.rankP5 == o.rankP95 ? "always #\(o.rankP5)" : "#\(o.rankP5) to #\(o.rankP95)"
            out.append("  \(SafeText.padded(name, 28)) first in \(SafeText.padded(Format.fixed(o.chanceFirst * 100, 1) + "%", 6, alignRight: true)); rank \(band) (5th-95th percentile)")
        }
        return out
    }
}

/// SplitMix64: a small, fast, seedable generator (Steele, Lea & Flood 2014).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [low, high].
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) * 0x1.0p-53
    }
}
