import TOML

/// A figure of the department's profile that the lieutenant can change on screen: one type
/// for its label, its key in `department.toml`, its limits, its step, how to read it from a
/// profile and how to set it. (The panel addressed them by path strings through a switch.)
public enum DepartmentFigure: Hashable, Sendable {
    case cameras, licensedUsers, officersPerShift, shiftsPerDay, recordedHoursPerShift
    case routineRetentionDays, evidenceShare, evidenceRetentionDays, horizonYears
    case slipChance, slipMaxDays
    /// The day the comparison is as of, and the day the cameras are needed by (as days since
    /// 1970); the length of a shift in hours.
    case evaluationDate, needBy, shiftHours
    /// The amount of the profile's `[[funding]]` at this index.
    case fundAmount(Int)

    /// The figures every profile has, in the panel's order (the funds follow).
    public static let fixed: [DepartmentFigure] = [
        .cameras, .licensedUsers, .officersPerShift, .shiftsPerDay, .recordedHoursPerShift, .routineRetentionDays,
        .evidenceShare, .evidenceRetentionDays, .horizonYears, .slipChance, .slipMaxDays, .evaluationDate, .needBy,
        .shiftHours,
    ]

    /// Every figure of `profile`: the fixed ones, then each fund's amount.
    public static func all(in profile: Profile?) -> [DepartmentFigure] {
        fixed + (profile?.funding.indices.map { .fundAmount($0) } ?? [])
    }

    /// Its key in the profile file, as the profile editor writes it.
    public var key: String {
        switch self {
        case .cameras: return "cameras"
        case .licensedUsers: return "licensed_users"
        case .officersPerShift: return "officers_per_shift"
        case .shiftsPerDay: return "shifts_per_day"
        case .recordedHoursPerShift: return "recorded_hours_per_shift"
        case .routineRetentionDays: return "routine_retention_days"
        case .evidenceShare: return "evidence_share"
        case .evidenceRetentionDays: return "evidence_retention_days"
        case .horizonYears: return "horizon_years"
        case .slipChance: return "announcements.slip_chance"
        case .slipMaxDays: return "announcements.slip_max_days"
        case .evaluationDate: return "evaluation_date"
        case .needBy: return "need_by"
        case .shiftHours: return "shift_hours"
        case .fundAmount(let i): return "funding[\(i)].amount"
        }
    }

    /// Whether the figure is a date (held as days since 1970, shown and written as a date).
    public var isDate: Bool { self == .evaluationDate || self == .needBy }

    /// The value as the panel shows it: dollars, a date, or a number.
    public func text(_ value: Double) -> String {
        if isMoney { return Format.dollars(value) }
        if isDate { return TOMLDate(daysSinceEpoch: Int(value)).text }
        return Format.number(value)
    }

    /// The value as the profile file holds it (a date unquoted, a number).
    public func literal(_ value: Double) -> String {
        isDate ? TOMLDate(daysSinceEpoch: Int(value)).text : Format.number(value, places: 6)
    }

    /// The range the profile decoder accepts.
    public var limits: ClosedRange<Double> {
        if case .fundAmount = self { return SpecDecoder.profileLimits["funding.amount"]! }
        if isDate {
            // The years a date may name (FieldReader.plausible).
            return Double(
                TOMLDate(year: 1990, month: 1, day: 1).daysSinceEpoch)...Double(
                    TOMLDate(year: 2100, month: 12, day: 31).daysSinceEpoch)
        }
        return SpecDecoder.profileLimits[key]!
    }

    public var step: Double {
        switch self {
        case .cameras, .licensedUsers, .officersPerShift, .shiftsPerDay, .horizonYears: return 1
        case .recordedHoursPerShift: return 0.25
        case .routineRetentionDays, .slipMaxDays: return 15
        case .evidenceShare: return 0.01
        case .evidenceRetentionDays: return 30
        case .slipChance: return 0.05
        case .evaluationDate, .needBy: return 1
        case .shiftHours: return 0.5
        case .fundAmount: return 500
        }
    }

    public var isMoney: Bool {
        if case .fundAmount = self { return true }
        return false
    }

    public func label(in profile: Profile?) -> String {
        switch self {
        case .cameras: return "Cameras to buy"
        case .licensedUsers: return "Licensed users"
        case .officersPerShift: return "Officers per shift"
        case .shiftsPerDay: return "Shifts per day"
        case .recordedHoursPerShift: return "Recorded hours per shift"
        case .routineRetentionDays: return "Routine retention days"
        case .evidenceShare: return "Evidence share"
        case .evidenceRetentionDays: return "Evidence retention days"
        case .horizonYears: return "Horizon years"
        case .slipChance: return "Chance an announced date slips"
        case .slipMaxDays: return "Most days it slips"
        case .evaluationDate: return "Evaluated as of (date)"
        case .needBy: return "Cameras needed by (date)"
        case .shiftHours: return "Hours in a shift"
        case .fundAmount(let i):
            return "Funds: "
                + (profile.flatMap { i < $0.funding.count ? $0.funding[i].source : nil } ?? "fund \(i + 1)")
        }
    }

    public func value(in p: Profile) -> Double {
        switch self {
        case .cameras: return Double(p.cameras)
        case .licensedUsers: return Double(p.licensedUsers)
        case .officersPerShift: return p.officersPerShift
        case .shiftsPerDay: return p.shiftsPerDay
        case .recordedHoursPerShift: return p.recordedHoursPerShift
        case .routineRetentionDays: return p.routineRetentionDays
        case .evidenceShare: return p.evidenceShare
        case .evidenceRetentionDays: return p.evidenceRetentionDays
        case .horizonYears: return p.horizonYears
        case .slipChance: return p.slip.chance
        case .slipMaxDays: return Double(p.slip.maxDays)
        case .evaluationDate: return Double(p.evaluationDate.daysSinceEpoch)
        case .needBy: return Double(p.needBy.daysSinceEpoch)
        case .shiftHours: return p.shiftLength
        case .fundAmount(let i): return i < p.funding.count ? p.funding[i].amount : 0
        }
    }

    /// `p` with this figure set to `value`, held within its limits (whole numbers where the
    /// figure is a count, shares to the hundredth).
    public func setting(_ value: Double, in p: Profile) -> Profile {
        var p = p
        let v = min(limits.upperBound, max(limits.lowerBound, value))
        switch self {
        case .cameras: p.cameras = Int(v.rounded())
        case .licensedUsers: p.licensedUsers = Int(v.rounded())
        case .officersPerShift: p.officersPerShift = v
        case .shiftsPerDay: p.shiftsPerDay = v
        case .recordedHoursPerShift: p.recordedHoursPerShift = v
        case .routineRetentionDays: p.routineRetentionDays = v
        case .evidenceShare: p.evidenceShare = (v * 100).rounded() / 100
        case .evidenceRetentionDays: p.evidenceRetentionDays = v
        case .horizonYears: p.horizonYears = v
        case .slipChance: p.slip.chance = (v * 100).rounded() / 100
        case .slipMaxDays: p.slip.maxDays = Int(v.rounded())
        // The evaluation stays before the need-by date, and the need-by date after it.
        case .evaluationDate:
            p.evaluationDate = TOMLDate(daysSinceEpoch: min(Int(v.rounded()), p.needBy.daysSinceEpoch - 1))
        case .needBy: p.needBy = TOMLDate(daysSinceEpoch: max(Int(v.rounded()), p.evaluationDate.daysSinceEpoch + 1))
        case .shiftHours: p.shiftHours = (v * 2).rounded() / 2
        case .fundAmount(let i): if i < p.funding.count { p.funding[i].amount = v }
        }
        return p
    }
}
