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
    /// The figure used for ranking: the high end, so a range is never ranked on its best case.
    public var point: Double { high }

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
    /// The date used for ranking: the late end, since an announced date is a promise.
    public var point: TOMLDate { latest }

    public var text: String { isRange ? "\(earliest.text) to \(latest.text)" : earliest.text }
}
