import TOML

/// The criteria, in the order every view lists them: the four measured ones, then the
/// committee's score of its judged criteria (only when the profile has a committee: see
/// `Weights.criteria`).
public enum Criterion: String, Sendable, CaseIterable, Hashable {
    case cost, integration, storage, availability, committee

    /// The four Lineup measures from the specs.
    public static let measured: [Criterion] = [.cost, .integration, .storage, .availability]

    /// Its place in `allCases`: equality and hashing by it, not by the raw value's text.
    var ordinal: Int {
        switch self {
        case .cost: return 0
        case .integration: return 1
        case .storage: return 2
        case .availability: return 3
        case .committee: return 4
        }
    }

    public static func == (a: Criterion, b: Criterion) -> Bool { a.ordinal == b.ordinal }
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

    public var label: String {
        switch self {
        case .cost: return "Cost"
        case .integration: return "Integration"
        case .storage: return "Storage"
        case .availability: return "Availability"
        case .committee: return "Committee"
        }
    }
}

/// What the cost criterion compares: the total cost of ownership, or what the town itself pays
/// over the horizon once each fund has paid what its rules allow.
public enum CostBasis: String, Sendable, CaseIterable {
    case tco
    case townShare = "town_share"

    public var label: String { self == .tco ? "TCO" : "the town's share" }
}

/// How the criterion scores are combined.
public enum Method: String, Sendable, CaseIterable {
    case weightedSum = "weighted-sum"
    case topsis

    public var label: String { self == .weightedSum ? "weighted sum" : "TOPSIS" }
}

/// The department's weights: any non-negative numbers; only their proportions matter.
public struct Weights: Equatable, Sendable {
    public var values: [Criterion: Double]

    public init(cost: Double, integration: Double, storage: Double, availability: Double) {
        values = [.cost: cost, .integration: integration, .storage: storage, .availability: availability]
    }

    public subscript(c: Criterion) -> Double {
        get { values[c] ?? 0 }
        set { values[c] = newValue }
    }

    public var total: Double { Criterion.allCases.reduce(0) { $0 + self[$1] } }

    /// The criteria ranked: the four measured ones, and the committee's score when the profile
    /// has judged criteria (it then carries a committee weight, even 0).
    public var criteria: [Criterion] { values[.committee] == nil ? Criterion.measured : Criterion.allCases }

    /// The weight of `c` as a share of the total (0 when every weight is 0).
    public func share(_ c: Criterion) -> Double { total > 0 ? self[c] / total : 0 }

    /// `cost=40,integration=25,storage=15,availability=20`.
    public var text: String {
        criteria.map { "\($0.rawValue)=\(Format.number(self[$0]))" }.joined(separator: ",")
    }

    public static let standard = Weights(cost: 40, integration: 25, storage: 15, availability: 20)
}

/// How announced dates slip: with chance `chance`, by 1 to `maxDays` days (uniform).
public struct Slip: Equatable, Sendable {
    public var chance: Double
    public var maxDays: Int

    public init(chance: Double, maxDays: Int) {
        self.chance = chance
        self.maxDays = maxDays
    }

    public static let none = Slip(chance: 0, maxDays: 0)
    public var isNone: Bool { chance == 0 || maxDays == 0 }
}

/// A source of money for the purchase.
public struct FundingSource: Equatable, Sendable {
    public var source: String
    public var amount: Double
    /// What it may pay for (nil: anything).
    public var paysFor: Set<CostItem>?
    /// It may be spent in years 1...years from the start (nil: see `until`, else year one).
    public var years: Int?
    /// Or until this date.
    public var until: TOMLDate?
    /// Whether it may pay recurring costs (licences, storage, warranty); nil: yes, in its years.
    public var recurring: Bool?

    public init(
        source: String, amount: Double, paysFor: Set<CostItem>? = nil, years: Int? = nil, until: TOMLDate? = nil,
        recurring: Bool? = nil
    ) {
        self.source = source
        self.amount = amount
        self.paysFor = paysFor
        self.years = years
        self.until = until
        self.recurring = recurring
    }

    /// Whether the profile gives it any rule (else: anything, in year one, as one pool).
    public var hasRules: Bool { paysFor != nil || years != nil || until != nil || recurring != nil }
}

/// What a department owns already (`[already_has]`): an estimate for an item it has runs
/// from $0 (reuse it) to the market's high end (buy new).
public struct Owned: Equatable, Sendable {
    /// A server with free space where on-site evidence software could run.
    public var server = false
    /// Docks or chargers the cameras could use.
    public var docks = false
    /// Evidence software already installed (no new one-time software and setup).
    public var evidenceSoftware = false

    public init(server: Bool = false, docks: Bool = false, evidenceSoftware: Bool = false) {
        self.server = server
        self.docks = docks
        self.evidenceSoftware = evidenceSoftware
    }

    /// Why `item`'s estimate starts at $0 for a product kept on `hosting`: what is reused,
    /// as the why view says it; nil when the department buys it new. The one place that says
    /// which owned thing covers which estimate.
    public func reuse(_ item: MarketItem, hosting: StorageModel?) -> String? {
        switch item {
        case .docksPerCamera where docks: return "the department's docks are reused (already_has.docks)"
        case .setup where evidenceSoftware:
            return "the department's evidence software is reused (already_has.evidence_software)"
        case .serverPrice where server && hosting == .onPremises:
            return "the department's own server is reused (already_has.server)"
        case .upkeepPerTBYear where server && hosting == .onPremises:
            return "the department's own server is reused, its upkeep already paid (already_has.server)"
        default: return nil
        }
    }
}

/// The department's own figures and judgements (`vendors/department.toml`).
public struct Profile: Equatable, Sendable {
    public var name: String
    public var evaluationDate: TOMLDate
    public var needBy: TOMLDate
    public var cameras: Int
    public var licensedUsers: Int
    public var officersPerShift: Double
    public var shiftsPerDay: Double
    public var recordedHoursPerShift: Double
    public var routineRetentionDays: Double
    public var evidenceShare: Double
    public var evidenceRetentionDays: Double
    public var horizonYears: Double
    public var funding: [FundingSource]
    public var inCarSystem: String
    public var backendFreeTB: Double
    /// When the free space is the department's estimate `[low, high]`: its ends (the point is
    /// the middle); How sure draws it.
    public var backendFreeTBRange: Estimate?
    public var weights: Weights
    public var method: Method
    public var integrationPoints: [IntegrationFeature: Double]
    /// Share by which the storage score is cut when the product's storage cannot hold the video.
    public var storagePenalty: Double
    /// Ranges for what specs leave out (`vendors/market.toml`), set by the folder loader; nil
    /// when there is none, and then unstated items are shown as unknown.
    public var market: MarketReference?
    /// The department's view of announcements: the chance that an announced date slips, and
    /// by how many days at most (each day from 1 to the most equally likely).
    public var slip = Slip.none
    /// A vendor quote older than this many days before the evaluation date gets a warning.
    public var quoteMaxAgeDays: Int?
    /// What the cost score compares (`cost_basis`).
    public var costBasis = CostBasis.tco
    /// Must-haves (`[requirements]`): a product that fails one is not ranked.
    public var requirements = Requirements.none
    /// How long one shift lasts (`shift_hours`); nil: the day split by the shifts.
    public var shiftHours: Double?
    /// What the department already owns that a product may reuse (`[already_has]`).
    public var alreadyHas = Owned()
    /// Who vendors answer to: a name, an address, a telephone or e-mail (the letters' contact
    /// line); the department's name when not given.
    public var contact: String?
    /// The date the letters ask vendors to answer by; two weeks after the evaluation date when
    /// not given.
    public var replyBy: TOMLDate?
    /// The evaluation committee (`[committee]`): judged criteria, and the evaluators' scores
    /// the folder loader attaches; nil when the department has none.
    public var committee: Committee?
    /// The reply-by date the letters give.
    public var replyDate: TOMLDate { replyBy ?? TOMLDate(daysSinceEpoch: evaluationDate.daysSinceEpoch + 14) }

    /// The hours a camera must record on one charge: the stated shift, else 24 / shifts a day.
    public var shiftLength: Double { shiftHours ?? 24 / max(1, shiftsPerDay) }
    /// Cameras in use at once: one per officer on a shift, at most the cameras bought.
    public var camerasOnShift: Int { min(cameras, Int(officersPerShift.rounded(.up))) }

    /// The money on hand: every fund that has not lapsed (a fund whose `until` is before the
    /// evaluation date pays nothing).
    public var funds: Double { funding.reduce(0) { $1.hasLapsed(by: evaluationDate) ? $0 : $0 + $1.amount } }
    /// Whether any fund has rules: then the funds are not one pool, and what the town pays is
    /// found by allocation (FundAllocation).
    public var fundsHaveRules: Bool { funding.contains(where: \.hasRules) }

    public init(
        name: String, evaluationDate: TOMLDate, needBy: TOMLDate, cameras: Int, licensedUsers: Int,
        officersPerShift: Double, shiftsPerDay: Double, recordedHoursPerShift: Double,
        routineRetentionDays: Double, evidenceShare: Double, evidenceRetentionDays: Double,
        horizonYears: Double, funding: [FundingSource], inCarSystem: String, backendFreeTB: Double,
        weights: Weights = .standard, method: Method = .weightedSum,
        integrationPoints: [IntegrationFeature: Double] = Dictionary(
            uniqueKeysWithValues: IntegrationFeature.allCases.map { ($0, $0.defaultPoints) }),
        storagePenalty: Double = 0.5
    ) {
        self.name = name
        self.evaluationDate = evaluationDate
        self.needBy = needBy
        self.cameras = cameras
        self.licensedUsers = licensedUsers
        self.officersPerShift = officersPerShift
        self.shiftsPerDay = shiftsPerDay
        self.recordedHoursPerShift = recordedHoursPerShift
        self.routineRetentionDays = routineRetentionDays
        self.evidenceShare = evidenceShare
        self.evidenceRetentionDays = evidenceRetentionDays
        self.horizonYears = horizonYears
        self.funding = funding
        self.inCarSystem = inCarSystem
        self.backendFreeTB = backendFreeTB
        self.weights = weights
        self.method = method
        self.integrationPoints = integrationPoints
        self.storagePenalty = storagePenalty
    }
}

/// One number per criterion, stored inline (ranking 10,000 products must not build 10,000
/// dictionaries).
public struct CriterionValues: Equatable, Sendable {
    public var cost = 0.0
    public var integration = 0.0
    public var storage = 0.0
    public var availability = 0.0
    /// The committee's score of the judged criteria (0 when there is no committee).
    public var committee = 0.0

    public init() {}

    public init(cost: Double, integration: Double, storage: Double, availability: Double, committee: Double = 0) {
        self.cost = cost
        self.integration = integration
        self.storage = storage
        self.availability = availability
        self.committee = committee
    }

    public subscript(c: Criterion) -> Double {
        get {
            switch c {
            case .cost: return cost
            case .integration: return integration
            case .storage: return storage
            case .availability: return availability
            case .committee: return committee
            }
        }
        set {
            switch c {
            case .cost: cost = newValue
            case .integration: integration = newValue
            case .storage: storage = newValue
            case .availability: availability = newValue
            case .committee: committee = newValue
            }
        }
    }

    public var sum: Double { cost + integration + storage + availability + committee }
}
