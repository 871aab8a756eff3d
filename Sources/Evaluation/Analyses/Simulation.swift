/// How sure the ranking is: everything uncertain is drawn at random many times and the
/// products ranked each time.
///
/// Each draw: every cost figure given as a range or estimated from the market reference
/// (camera price, docks, set-up, server, licences, upkeep) uniformly within its range; every
/// date window by day, plus for an announced product the profile's slip; each integration link
/// a spec does not state, with the market's chance; an estimated video rate, and the back-end's
/// free space when the profile gives a range; each weight within 1 +/- the band (default 20%).
/// The scores are recomputed from the drawn figures with the usual formulas, and the products
/// ranked by the chosen method (ties share a rank and first place). Seeded, so a run is
/// reproducible: the number a figure takes in a draw depends only on the seed, the draw, the
/// product's id and the figure (`DrawKey`), so it is the same on any number of cores, in any
/// order of the files, and with any other product changed (what `Questions` replays). See
/// `variedText` for the same in words; the engine is `SimulationEngine`.
///
/// Must-haves: a rule left unverified by a drawn figure (a date window across the need-by
/// date, year one across the funds, unstated links, stored TB across the capacity) is checked
/// in every draw; a product that misses one in a draw is out of that draw (no rank, no share of
/// first place, not the cheapest). `chanceQualifies` counts the draws it met them all; it is
/// nil when a rule is unverified by a figure nothing draws (an unstated battery, say).
public enum Simulation {
    public struct Options: Equatable, Sendable {
        public var draws: Int
        public var seed: UInt64
        /// The weight band: 0.2 means each weight is drawn within +/-20% of its value.
        public var weightBand: Double
        /// Every draw at the point figures the ranking uses (costs at their middles, links at
        /// their named rule, the median date, the back-end's middle, weights as given, no
        /// must-have out): the same scoring code then must give the ranking's own order
        /// (`SimulationAgreementTests`).
        var pointDraw = false
        /// Draw every committee in every draw (the tests' check that drawing only those that
        /// could reach the first places changes nothing).
        var eagerCommittee = false

        public init(draws: Int = 10_000, seed: UInt64 = 2015, weightBand: Double = 0.2) {
            self.draws = draws
            self.seed = seed
            self.weightBand = weightBand
        }
    }

    public struct Outcome: Equatable, Sendable {
        public var id: String
        /// Share of draws in which the product ranked first, 0-1. Products tied for first in a
        /// draw share its credit equally, so the tie-break order never decides a chance.
        public var chanceFirst: Double
        /// 5th and 95th percentile of its rank over the draws (tied products share a rank);
        /// nil when that percentile lies below the first `countedPlaces` places.
        public var rankP5: Int?
        public var rankP95: Int?

        /// Share of draws in which it met every must-have (1 when none is in force; nil when a
        /// rule is unverified by a figure the draws do not vary).
        public var chanceQualifies: Double? = 1
        /// Share of draws in which it came after the need-by date.
        public var chanceLate: Double

        public init(id: String, chanceFirst: Double, rankP5: Int?, rankP95: Int?, chanceLate: Double = 0) {
            self.id = id
            self.chanceFirst = chanceFirst
            self.rankP5 = rankP5
            self.rankP95 = rankP95
            self.chanceLate = chanceLate
        }

        /// `#2`, `#2-#5`, `#40-below #100`, `below #100`.
        public var bandText: String {
            func place(_ r: Int?) -> String { r.map { "#\($0)" } ?? "below #\(Simulation.countedPlaces)" }
            if rankP5 == nil { return place(nil) }
            return rankP5 == rankP95 ? place(rankP5) : place(rankP5) + "-" + place(rankP95)
        }
    }

    /// Draws per block: blocks run in parallel (any core count gives the same figures, since
    /// each draw's random numbers depend only on the seed, the draw and the figure: `DrawKey`).
    public static let blockDraws = 1000

    /// Ranks are counted for the first this many places only: the bands that matter to a
    /// decision, in memory linear in the products (a full products x places table needed
    /// 842 MB at 10,000 products).
    public static let countedPlaces = 100

    public struct Result: Equatable, Sendable {
        /// The cost was scored on the town's share.
        public var townShareBasis = false
        /// Whether the draws resample the committee's evaluators (the profile has judged criteria).
        public var committee = false
        public var options: Options
        public var method: Method
        /// In the ranking's order.
        public var outcomes: [Outcome] { didSet { reindex() } }
        /// Where each id sits in `outcomes`: one lookup per row is O(1).
        private var positions: [String: Int] = [:]

        public init(options: Options, method: Method, outcomes: [Outcome]) {
            self.options = options
            self.method = method
            self.outcomes = outcomes
            reindex()
        }

        private mutating func reindex() {
            positions = Dictionary(outcomes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        }

        public func outcome(_ id: String) -> Outcome? { positions[id].map { outcomes[$0] } }
    }

    /// Runs `options.draws` draws. Time is products x draws (no sort of all products per draw)
    /// and memory is linear in the products.
    public static func run(_ ranking: Ranking, options: Options = Options()) -> Result {
        guard let engine = SimulationEngine(ranking, options: options) else {
            return Result(options: options, method: ranking.method, outcomes: [])
        }
        return engine.run(recording: false).result
    }

    /// Exactly what the draws vary and what they hold fixed, in words.
    public static func variedText(_ result: Result) -> String {
        "Varied: every stated price and licence range, every cost the market reference estimates, date windows, "
            + "announced dates slipping as the profile says, integration links a spec does not state (with the market's chance), "
            + "an estimated video rate (so stored TB and storage scores), the back-end's free space when the profile gives a range, "
            + "and each weight within ±\(Format.number(result.options.weightBand * 100))%"
            + (result.committee
                ? "; a judged score the evaluators disagree on is one evaluator's, drawn. "
                : ". ")
            + "Held fixed: single stated figures and the department's other figures (cameras, users, retention, funds)."
            + (result.townShareBasis
                ? " The cost is scored on the town's share: each drawn cost moves it one for one (a funds' rule that could absorb part of a higher cost is not redrawn)."
                : "")
    }

    /// "Panasonic Arbitrator BWC ranks first in 64% of plausible cases."
    public static func lines(_ result: Result, ranking: Ranking) -> [String] {
        var out = [
            "Chance of ranking first: \(Format.count(result.options.draws)) draws (seed \(result.options.seed)). "
                + variedText(result)
        ]
        let sorted = result.outcomes.sorted { $0.chanceFirst > $1.chanceFirst }
        if let top = sorted.first, let name = ranking.entry(top.id)?.product.name {
            out.append(
                "\(SafeText.escaped(name)) ranks first in \(Format.fixed(top.chanceFirst * 100, 1))% of plausible cases."
            )
        }
        for o in result.outcomes {
            let name = ranking.entry(o.id).map { SafeText.escaped($0.product.name) } ?? o.id
            let band = o.rankP5 != nil && o.rankP5 == o.rankP95 ? "always \(o.bandText)" : o.bandText
            var line =
                "  \(SafeText.padded(name, 28)) first in \(SafeText.padded(Format.fixed(o.chanceFirst * 100, 1) + "%", 6, alignRight: true)); rank \(band) (5th-95th percentile)"
            if o.chanceLate > 0 && o.chanceLate < 1 {
                line += "; after need-by in \(Format.fixed(o.chanceLate * 100, 1))%"
            }
            out.append(line)
        }
        return out
    }
}

/// A fixed-size buffer for the simulation's hot loop: reads and writes without the
/// uniqueness check an Array write needs (a third of the loop's time at 10,000 products).
/// Indices are always within 0..<count by construction of the loops that use it. Shared
/// between threads only for reading; each block of draws writes its own.
final class Scratch<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    let count: Int

    init(_ values: [T]) {
        count = values.count
        base = .allocate(capacity: max(1, values.count))
        values.withUnsafeBufferPointer { base.initialize(from: $0.baseAddress!, count: values.count) }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// A buffer of its own with the same values.
    func copy() -> Scratch<T> { Scratch(Array(UnsafeBufferPointer(start: base, count: count))) }

    subscript(i: Int) -> T {
        @inline(__always) get { base[i] }
        @inline(__always) set { base[i] = newValue }
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

    /// A whole number in 0..<bound, by the high half of a 64 x 64-bit product (Lemire 2019):
    /// no division, which cost more than the rest of a draw. The bias is below 2^-40 for any
    /// bound under 2^24 (a date window of days).
    public mutating func below(_ bound: UInt64) -> UInt64 {
        next().multipliedFullWidth(by: bound).high
    }

    /// Uniform in [0, 1).
    @inline(__always)
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [low, high].
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) * 0x1.0p-53
    }
}
