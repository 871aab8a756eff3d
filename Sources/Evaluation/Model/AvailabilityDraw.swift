/// When a product becomes available, as the simulation draws it: a day of its window, each
/// equally likely, plus, for an announced product, a slip of 1 to `slip.maxDays` days (each
/// equally likely) with chance `slip.chance`. Days count from the epoch.
///
/// The ranking uses the median of this distribution (the smallest day by which it is
/// available with chance at least 1/2), the same rule as for any range.
public struct AvailabilityDraw: Equatable, Sendable {
    public var first: Int
    public var last: Int
    public var slip: Slip

    public init(first: Int, last: Int, slip: Slip) {
        self.first = first
        self.last = last
        self.slip = slip
    }

    var days: Int { last - first + 1 }

    /// P(the window's day <= x).
    func windowCDF(_ x: Int) -> Double { min(1, max(0, Double(x - first + 1) / Double(days))) }

    /// P(available on or before day x).
    public func cdf(_ x: Int) -> Double {
        if slip.isNone { return windowCDF(x) }
        var slipped = 0.0
        for s in 1...slip.maxDays { slipped += windowCDF(x - s) }
        return (1 - slip.chance) * windowCDF(x) + slip.chance * slipped / Double(slip.maxDays)
    }

    /// The latest day it can come.
    public var latest: Int { last + (slip.isNone ? 0 : slip.maxDays) }

    /// The median day: the smallest with cdf >= 1/2. The cdf is a floating-point sum, so a
    /// middle that falls exactly on the end of a day (cdf = 1/2 in exact arithmetic, 0.4999...
    /// in floating point) is taken within 1e-9: that day, never the next.
    public var median: Int {
        var lo = first
        var hi = latest
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if cdf(mid) >= 0.5 - 1e-9 { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The chance it comes after `day`.
    public func chanceAfter(_ day: Int) -> Double { 1 - cdf(day) }
}
