import TOML

/// Availability against the evaluation date and the date the department needs cameras.
///
/// - date used = the spec's date, or the middle day of its range (the median of the days the
///   simulation draws); shipping with no date = the
///   evaluation date; announced with no date = unknown, scored 0
/// - score = 100 on or before the evaluation date, 0 on or after need-by, linear between:
///   100 x (need-by - date) / (need-by - evaluation date)
public struct AvailabilityMetrics: Equatable, Sendable {
    public var date: TOMLDate?
    public var status: ProductStatus?
    public var score: Double
    /// Days after the evaluation date (0 when available now; need-by span when unknown).
    public var daysAway: Double
    public var lines: [String]

    public var availableNow: Bool { daysAway == 0 }
    public var meetsNeedBy: Bool

    static func compute(_ p: Product, _ profile: Profile, explain: Bool = false) -> AvailabilityMetrics {
        let e = profile.evaluationDate.daysSinceEpoch
        let n = profile.needBy.daysSinceEpoch
        var lines = Working(enabled: explain)
        let date: TOMLDate?
        let status = p.status?.rawValue ?? "status unknown"
        if let a = p.availability {
            date = a.point
            lines.add("\(status): \(a.text)" + (a.isRange ? " (middle day \(a.point.text) used)" : ""))
        } else if p.status == .shipping {
            date = profile.evaluationDate
            lines.add("shipping, no date given: available on the evaluation date")
        } else {
            date = nil
            lines.add("\(status), no date given: scored 0")
        }
        guard let d = date else {
            return AvailabilityMetrics(date: nil, status: p.status, score: 0, daysAway: Double(n - e), lines: lines.lines, meetsNeedBy: false)
        }
        let day = d.daysSinceEpoch
        let score: Double
        if day <= e {
            score = 100
            lines.add("\(d.text) is on or before the evaluation date \(profile.evaluationDate.text): 100")
        } else if day >= n {
            score = 0
            lines.add("\(d.text) is on or after the need-by date \(profile.needBy.text): 0")
        } else {
            score = 100 * Double(n - day) / Double(n - e)
            lines.add(
                "score = 100 x (need-by \(profile.needBy.text) - \(d.text)) / (need-by - evaluation \(profile.evaluationDate.text)) = 100 x \(n - day) / \(n - e) = \(Format.fixed(score, 1))"
            )
        }
        return AvailabilityMetrics(date: d, status: p.status, score: score, daysAway: Double(max(0, day - e)), lines: lines.lines, meetsNeedBy: day <= n)
    }
}
