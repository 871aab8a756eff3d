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
    /// Whether that fund may pay for a cost item (1 or 0; `pays_for`).
    case fundPays(Int, CostItem)
    /// The last year that fund may pay (`years`; setting it replaces an `until` date).
    case fundYears(Int)
    /// The date by which that fund must be spent (`until`, a month's last day; setting it
    /// replaces a count of years). 0: no date.
    case fundUntil(Int)
    /// Whether that fund may pay recurring costs (1 or 0; `recurring`).
    case fundRecurring(Int)

    /// The figures every profile has, in the panel's order (the funds follow).
    public static let fixed: [DepartmentFigure] = [
        .cameras, .licensedUsers, .officersPerShift, .shiftsPerDay, .recordedHoursPerShift, .routineRetentionDays,
        .evidenceShare, .evidenceRetentionDays, .horizonYears, .slipChance, .slipMaxDays, .evaluationDate, .needBy,
        .shiftHours,
    ]

    /// Every figure of `profile`: the fixed ones, then each fund's amount.
    public static func all(in profile: Profile?) -> [DepartmentFigure] {
        fixed
            + (profile?.funding.indices.flatMap(fundFigures) ?? [])
    }

    /// The figures of the fund at `i`: its amount and its rules.
    public static func fundFigures(_ i: Int) -> [DepartmentFigure] {
        [.fundAmount(i)] + CostItem.allCases.map { .fundPays(i, $0) } + [
            .fundYears(i), .fundUntil(i), .fundRecurring(i),
        ]
    }

    /// The same figure of the fund at `j` (a fund's place in the file can differ from its
    /// place on screen once one is removed).
    public func forFund(_ j: Int) -> DepartmentFigure {
        switch self {
        case .fundAmount: return .fundAmount(j)
        case .fundPays(_, let item): return .fundPays(j, item)
        case .fundYears: return .fundYears(j)
        case .fundUntil: return .fundUntil(j)
        case .fundRecurring: return .fundRecurring(j)
        default: return self
        }
    }

    /// The fund a figure belongs to.
    public var fund: Int? {
        switch self {
        case .fundAmount(let i), .fundPays(let i, _), .fundYears(let i), .fundUntil(let i), .fundRecurring(let i):
            return i
        default: return nil
        }
    }

    /// Whether the figure is one of a fund's rules (switched on and off, or a count of years).
    public var isSwitch: Bool {
        switch self {
        case .fundPays, .fundRecurring: return true
        default: return false
        }
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
        case .fundPays(let i, _): return "funding[\(i)].pays_for"
        case .fundYears(let i): return "funding[\(i)].years"
        case .fundUntil(let i): return "funding[\(i)].until"
        case .fundRecurring(let i): return "funding[\(i)].recurring"
        }
    }

    /// What the profile file holds for this figure's key in `p`, as TOML, or nil when the key
    /// is left out (a fund that may pay every item, a count of years no rule sets).
    public func fileLiteral(in p: Profile) -> String? {
        switch self {
        case .fundPays(let i, _):
            guard i < p.funding.count, let items = p.funding[i].paysFor, items.count < CostItem.allCases.count else {
                return nil
            }
            return "[" + CostItem.allCases.filter(items.contains).map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                + "]"
        case .fundYears(let i):
            guard i < p.funding.count else { return nil }
            return p.funding[i].years.map(String.init)
        case .fundUntil(let i):
            guard i < p.funding.count else { return nil }
            return p.funding[i].until?.text
        case .fundRecurring(let i):
            guard i < p.funding.count, let r = p.funding[i].recurring else { return nil }
            return r ? "true" : "false"
        default: return literal(value(in: p))
        }
    }

    /// Whether the figure is a date (held as days since 1970, shown and written as a date).
    public var isDate: Bool { self == .evaluationDate || self == .needBy }

    /// The value as the panel shows it: dollars, a date, or a number.
    public func text(_ value: Double) -> String {
        if isMoney { return Format.dollars(value) }
        switch self {
        case .fundPays: return value > 0 ? "[x]" : "[ ]"
        case .fundRecurring: return value > 0 ? "[x]" : "[ ]"
        case .fundYears: return value <= 1 ? "year one" : "years 1-\(Int(value))"
        case .fundUntil: return value <= 0 ? "no date" : TOMLDate(daysSinceEpoch: Int(value)).text
        default: break
        }
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
        if isSwitch { return 0...1 }
        if case .fundYears = self { return 1...30 }
        if case .fundUntil = self { return 0...Double(TOMLDate(year: 2100, month: 12, day: 31).daysSinceEpoch) }
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
        case .fundPays, .fundRecurring, .fundYears, .fundUntil: return 1
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
        case .fundPays(_, let item): return item.meaning
        case .fundYears: return "  may pay in"
        case .fundUntil: return "  or must be spent by (a month's end)"
        case .fundRecurring: return "May pay recurring costs (licences, upkeep, warranty) as well"
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
        case .fundPays(let i, let item):
            guard i < p.funding.count else { return 0 }
            return p.funding[i].paysFor.map { $0.contains(item) ? 1 : 0 } ?? 1
        case .fundYears(let i):
            guard i < p.funding.count else { return 1 }
            return Double(p.funding[i].lastYear(evaluationDate: p.evaluationDate))
        case .fundRecurring(let i):
            guard i < p.funding.count else { return 1 }
            return p.funding[i].recurring == false ? 0 : 1
        case .fundUntil(let i):
            guard i < p.funding.count, let d = p.funding[i].until else { return 0 }
            return Double(d.daysSinceEpoch)
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
        case .fundPays(let i, let item):
            guard i < p.funding.count else { break }
            var items = p.funding[i].paysFor ?? Set(CostItem.allCases)
            if v >= 0.5 { items.insert(item) } else { items.remove(item) }
            // Every item: no rule to write (the file leaves pays_for out).
            p.funding[i].paysFor = items.count == CostItem.allCases.count ? nil : items
        case .fundYears(let i):
            guard i < p.funding.count else { break }
            // A count of years replaces a date: one rule for how long the fund pays.
            p.funding[i].years = Int(v.rounded())
            p.funding[i].until = nil
        case .fundRecurring(let i):
            if i < p.funding.count { p.funding[i].recurring = v >= 0.5 ? nil : false }
        case .fundUntil(let i):
            guard i < p.funding.count else { break }
            // A step moves a month's end at a time: from no date to the end of the month a year
            // after the evaluation; back before the evaluation date, no date (and the years rule).
            let now = p.funding[i].until
            let forward = v > self.value(in: p)
            let target: TOMLDate
            if let now {
                target = now.monthEnd(moving: forward ? 1 : -1)
            } else {
                guard forward else { break }
                target = p.evaluationDate.monthEnd(moving: 12)
            }
            if target.daysSinceEpoch <= p.evaluationDate.daysSinceEpoch {
                p.funding[i].until = nil
            } else {
                p.funding[i].until = target
                p.funding[i].years = nil
            }
        }
        return p
    }
}

extension TOMLDate {
    /// The last day of the month `months` after this date's month.
    func monthEnd(moving months: Int) -> TOMLDate {
        var m = month - 1 + months
        var y = year + m / 12
        m %= 12
        if m < 0 {
            m += 12
            y -= 1
        }
        return TOMLDate(year: y, month: m + 1, day: TOMLDate.daysIn(month: m + 1, year: y))
    }
}
