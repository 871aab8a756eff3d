/// The relative scores' formulas, written once: the ranking (`Assessment.scored`) and every
/// draw of the simulation call these, so the two cannot drift apart
/// (`SimulationAgreementTests` replays the simulation's point draw through `Ranking`).
public enum Scoring {
    /// Money is compared in whole cents: two totals that differ only in the last bits of a
    /// floating-point sum are the same amount, and a town share of $0.00000000002 is $0.
    @inline(__always)
    public static func cents(_ dollars: Double) -> Double { (dollars * 100).rounded() / 100 }

    /// Below this a cost figure counts as this: 1% of the dearest figure among the products
    /// that set the benchmark, and at least $1. The ratio lowest / this is meaningless when
    /// the lowest is $0 (a product the funds pay in full): every other product would score 0
    /// whether the town pays $1,049 or $75,000. With the floor, costs less than 1% of the
    /// dearest apart are not told apart, and the rest keep their ratio.
    public static func costFloor(highest: Double) -> Double { max(1, cents(highest) / 100) }

    /// Cost: max(lowest, floor) / max(this, floor) x 100, at most 100.
    @inline(__always)
    public static func cost(_ figure: Double, lowest: Double, floor: Double) -> Double {
        min(100, max(lowest, floor) / max(figure, floor) * 100)
    }

    /// Storage: smallest TB / this TB x 100 (100 when nothing is stored), times
    /// (1 - penalty) when the product's storage cannot hold it.
    @inline(__always)
    public static func storage(_ tb: Double, smallest: Double, fits: Bool, penalty: Double) -> Double {
        storage(base: storageBase(tb, smallest: smallest), fits: fits, penalty: penalty)
    }

    /// The storage score before the penalty: smallest TB / this TB x 100 (100 when nothing is stored).
    @inline(__always)
    public static func storageBase(_ tb: Double, smallest: Double) -> Double {
        tb > 0 ? min(100, smallest / tb * 100) : 100
    }

    /// The storage score from its base: times (1 - penalty) when the storage cannot hold it.
    @inline(__always)
    public static func storage(base: Double, fits: Bool, penalty: Double) -> Double {
        fits ? base : base * (1 - penalty)
    }

    /// Availability from days after the evaluation date: 100 on or before it, 0 on or after
    /// the need-by date (`span` days later), linear between.
    @inline(__always)
    public static func availability(daysAway d: Double, span: Double) -> Double {
        d <= 0 ? 100 : (d >= span ? 0 : 100 * (span - d) / span)
    }

    /// Weighted sum of the four scores with shares that add up to 1, summed in the order of
    /// `Criterion.allCases`.
    @inline(__always)
    public static func weightedSum(
        _ s0: Double, _ s1: Double, _ s2: Double, _ s3: Double, cost: Double, integration: Double, storage: Double,
        availability: Double, _ s4: Double = 0, committee: Double = 0
    )
        -> Double
    {
        s0 * cost + s1 * integration + s2 * storage + s3 * availability + s4 * committee
    }
}
