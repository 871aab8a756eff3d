/// A must-have: a rule a product must meet to be ranked at all, whatever its total.
public enum Rule: String, Sendable, CaseIterable, Hashable {
    case availableByNeedBy = "available_by_need_by"
    case yearOneWithinFunds = "year_one_within_funds"
    case worksWithInCar = "works_with_in_car"
    case preEventAudio = "pre_event_audio"
    case minResolution = "min_resolution"
    case minBatteryHours = "min_battery_hours"
    case storageFitsBackend = "storage_fits_backend"

    /// Rules with a limit (a number; 0 is off); the others are on or off.
    public var hasLimit: Bool { self == .minResolution || self == .minBatteryHours }

    /// What the rule asks, for tables and the requirements panel.
    public func label(_ limit: Double) -> String {
        switch self {
        case .availableByNeedBy: return "available by the need-by date"
        case .yearOneWithinFunds: return "year one within the funds"
        case .worksWithInCar: return "works with the in-car system"
        case .preEventAudio: return "pre-event buffer records audio"
        case .minResolution: return "at least \(Format.number(limit))p video"
        case .minBatteryHours: return "battery of at least \(Format.number(limit)) hours"
        case .storageFitsBackend: return "its video fits the storage it uses"
        }
    }

    /// The step of the requirements panel's ← →, and the limit Space turns a rule on with.
    public var step: Double {
        switch self {
        case .minResolution: return 240
        case .minBatteryHours: return 1
        default: return 1
        }
    }

    public var defaultLimit: Double {
        switch self {
        case .minResolution: return 720
        case .minBatteryHours: return 8
        default: return 1
        }
    }

    public var maximum: Double {
        switch self {
        case .minResolution: return 4320
        case .minBatteryHours: return 200
        default: return 1
        }
    }
}

/// The department's must-haves (the profile's `[requirements]`): each rule's limit, 0 when
/// the rule is off (on/off rules hold 1 or 0).
public struct Requirements: Equatable, Sendable {
    public var limits: [Rule: Double] = [:]

    public init(_ limits: [Rule: Double] = [:]) { self.limits = limits }

    public subscript(rule: Rule) -> Double {
        get { limits[rule] ?? 0 }
        set { limits[rule] = newValue }
    }

    public func isOn(_ rule: Rule) -> Bool { self[rule] > 0 }
    public var active: [Rule] { Rule.allCases.filter(isOn) }
    public var isEmpty: Bool { active.isEmpty }

    public static let none = Requirements()
}

/// Whether a product meets a must-have.
public enum RequirementOutcome: String, Sendable {
    /// Its stated figures meet the rule.
    case passes
    /// A stated figure breaks the rule: it leaves the ranking.
    case fails
    /// Unknown, or a range across the limit: it stays ranked, marked, with the question that
    /// would settle it.
    case unverified
}

/// One rule's outcome for one product, and why. The words are written only when read (the
/// must-haves panel re-checks every product at each key and shows only counts).
public struct RequirementResult: Equatable, Sendable {
    public var rule: Rule
    public var outcome: RequirementOutcome
    /// For an unverified rule with a known spread: the chance it passes (0-1).
    public var chance: Double?
    let words: @Sendable () -> (reason: String, question: String?)

    /// "ships 2015-07-21 to 2015-08-21, after the need-by date 2015-07-01".
    public var reason: String { words().reason }
    /// For an unverified rule: what to ask the vendor.
    public var question: String? { words().question }

    public init(rule: Rule, outcome: RequirementOutcome, reason: String, question: String? = nil, chance: Double? = nil)
    {
        self.init(rule: rule, outcome: outcome, chance: chance) { (reason, question) }
    }

    init(
        rule: Rule, outcome: RequirementOutcome, chance: Double? = nil,
        words: @escaping @Sendable () -> (reason: String, question: String?)
    ) {
        self.rule = rule
        self.outcome = outcome
        self.chance = chance
        self.words = words
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.rule == b.rule && a.outcome == b.outcome && a.chance == b.chance && a.reason == b.reason
            && a.question == b.question
    }
}

extension Array where Element == RequirementResult {
    public var fails: Bool { contains { $0.outcome == .fails } }
    public var unverified: [RequirementResult] { filter { $0.outcome == .unverified } }
    /// "passes", "fails", or "unverified": the product's outcome over every rule.
    public var outcome: RequirementOutcome { fails ? .fails : (unverified.isEmpty ? .passes : .unverified) }
}
