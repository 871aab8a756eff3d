import TOML

/// Availability against the evaluation date and the date the department needs cameras.
///
/// - date used = the spec's date, or the median of what the simulation draws: the middle day
///   of a range, and for an announced product a slip of up to the profile's maximum with the
///   profile's chance (AvailabilityDraw); shipping with no date = the
///   evaluation date; announced with no date = unknown, scored 0
/// - score = 100 on or before the evaluation date, 0 on or after need-by, linear between:
///   100 x (need-by - date) / (need-by - evaluation date)
public struct AvailabilityMetrics: Equatable, Sendable {
    public var date: TOMLDate?
    public var status: ProductStatus?
    public var score: Double
    /// Days after the evaluation date (0 when available now; need-by span when unknown).
    public var daysAway: Double
    public var working: [WorkingLine]
    public var lines: [String] { working.map(\.text) }

    public var availableNow: Bool { daysAway == 0 }
    public var meetsNeedBy: Bool
    /// What the simulation draws the date from, when it is not one fixed day.
    public var draw: AvailabilityDraw?
    /// The chance the product comes after the need-by date (0 or 1 for a fixed date).
    public var chanceLate: Double = 0

    static func compute(_ p: Product, _ profile: Profile, explain: Bool = false) -> AvailabilityMetrics {
        let e = profile.evaluationDate.daysSinceEpoch
        let n = profile.needBy.daysSinceEpoch
        var lines = Working(enabled: explain)
        let date: TOMLDate?
        let status = p.status?.rawValue ?? "status unknown"
        var draw: AvailabilityDraw?
        if let a = p.availability {
            let slip = p.status == .announced ? profile.slip : .none
            if a.isRange || !slip.isNone {
                let dist = AvailabilityDraw(first: a.earliest.daysSinceEpoch, last: a.latest.daysSinceEpoch, slip: slip)
                draw = dist
                date = TOMLDate(daysSinceEpoch: dist.median)
                var line = "\(status): \(a.text)"
                if slip.isNone {
                    line += " (middle day \(date!.text) used)"
                } else {
                    line +=
                        "; announced dates slip with chance \(Format.number(slip.chance * 100, places: 1))% by 1 to \(slip.maxDays) days (department assumption): median \(date!.text) used, latest \(TOMLDate(daysSinceEpoch: dist.latest).text)"
                }
                lines.add(line)
                lines.add(
                    "chance it comes after the need-by date \(profile.needBy.text): \(Format.fixed(dist.chanceAfter(n) * 100, 1))%"
                )
            } else {
                date = a.point
                lines.add("\(status): \(a.text)")
            }
        } else if p.status == .shipping {
            date = profile.evaluationDate
            lines.add("shipping, date unknown: counted as available now, by its status")
        } else {
            date = nil
            lines.add("\(status), no date given: scored 0", .unknown)
        }
        guard let d = date else {
            var m = AvailabilityMetrics(
                date: nil, status: p.status, score: 0, daysAway: Double(n - e), working: lines.lines, meetsNeedBy: false
            )
            m.chanceLate = 1
            return m
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
            score = Scoring.availability(daysAway: Double(day - e), span: Double(n - e))
            lines.add(
                "score = 100 x (need-by \(profile.needBy.text) - \(d.text)) / (need-by - evaluation \(profile.evaluationDate.text)) = 100 x \(n - day) / \(n - e) = \(Format.fixed(score, 1))"
            )
        }
        var m = AvailabilityMetrics(
            date: d, status: p.status, score: score, daysAway: Double(max(0, day - e)), working: lines.lines,
            meetsNeedBy: day <= n)
        m.draw = draw
        m.chanceLate = draw.map { $0.chanceAfter(n) } ?? (day <= n ? 0 : 1)
        return m
    }
}
