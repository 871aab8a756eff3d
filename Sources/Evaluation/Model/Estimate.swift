import TOML

/// A figure given either exactly or as a range (`[800, 1000]`).
public struct Estimate: Equatable, Sendable {
    public var low: Double
    public var high: Double

    public init(_ value: Double) {
        low = value
        high = value
    }

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    public var isRange: Bool { low != high }
    /// The figure used for ranking: the median of the range, the middle. The simulation draws
    /// the figure uniformly within the same range, whose median this is, so the ranking and
    /// "How sure" rest on one distribution and cannot disagree by construction.
    public var point: Double { (low + high) / 2 }

    public var dollarsText: String {
        isRange ? "\(Format.dollars(low))-\(Format.dollars(high))" : Format.dollars(low)
    }
}

/// A date given exactly or as a range (`[2015-07-21, 2015-08-21]` for "three to four months").
public struct DateEstimate: Equatable, Sendable {
    public var earliest: TOMLDate
    public var latest: TOMLDate

    public init(_ date: TOMLDate) {
        earliest = date
        latest = date
    }

    public init(earliest: TOMLDate, latest: TOMLDate) {
        self.earliest = earliest
        self.latest = latest
    }

    public var isRange: Bool { earliest != latest }
    /// The date used for ranking: the median day of the window (the earlier of the two middle
    /// days when the window has an even number of days). The simulation draws every day of the
    /// window with equal chance, so this is the median of what it draws.
    public var point: TOMLDate {
        TOMLDate(daysSinceEpoch: earliest.daysSinceEpoch + (latest.daysSinceEpoch - earliest.daysSinceEpoch) / 2)
    }

    public var text: String { isRange ? "\(earliest.text) to \(latest.text)" : earliest.text }
}
