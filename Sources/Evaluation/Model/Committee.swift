import TOML

/// What a low, a middle and a high score on a judged criterion mean: the guidance each
/// evaluator reads beside the score.
public struct Guidance: Equatable, Sendable {
    public var low: String
    public var middle: String
    public var high: String

    public init(low: String, middle: String, high: String) {
        self.low = low
        self.middle = middle
        self.high = high
    }
}

/// A criterion the committee scores by hand (`[[committee.criterion]]` in the profile), beside
/// the four measured ones: how well the offer meets the technical requirements, fit in a field
/// trial, support. Data, not a case of `Criterion`: each department names its own.
public struct JudgedCriterion: Equatable, Sendable {
    /// The short name evaluator files use (`fit`).
    public var key: String
    public var name: String
    /// Its weight within the committee's score (only the proportions matter).
    public var weight: Double
    /// The scale's ends (e.g. 0 and 10).
    public var scaleLow: Double
    public var scaleHigh: Double
    public var guidance: Guidance

    public init(key: String, name: String, weight: Double, scaleLow: Double, scaleHigh: Double, guidance: Guidance) {
        self.key = key
        self.name = name
        self.weight = weight
        self.scaleLow = scaleLow
        self.scaleHigh = scaleHigh
        self.guidance = guidance
    }

    /// `0-10`.
    public var scaleText: String { Format.number(scaleLow) + "-" + Format.number(scaleHigh) }

    /// A score on the scale as points out of 100.
    public func points(_ score: Double) -> Double {
        scaleHigh > scaleLow ? (score - scaleLow) / (scaleHigh - scaleLow) * 100 : 0
    }
}

/// One evaluator's score of one product on one criterion, with the note they gave.
public struct EvaluatorScore: Equatable, Sendable {
    /// The product's file id (`axon-body`).
    public var product: String
    /// The criterion's key.
    public var criterion: String
    public var score: Double
    public var note: String?

    public init(product: String, criterion: String, score: Double, note: String? = nil) {
        self.product = product
        self.criterion = criterion
        self.score = score
        self.note = note
    }
}

/// One evaluator's file (`vendors/evaluations/NAME.toml`): who they are, their declaration and
/// their scores. One file per person, so several can score at once and a shared folder or a
/// git repository merges their work without conflicts.
public struct Evaluator: Equatable, Sendable {
    /// The file name without `.toml`: the name `lineup score --as` takes.
    public var id: String
    public var file: String
    public var name: String
    public var role: String
    /// The conflict-of-interest statement, in the evaluator's words.
    public var conflictOfInterest: String
    public var date: TOMLDate?
    /// Whether the scores are final: only submitted scores count in the ranking, and an
    /// evaluator sees the others' scores only after submitting.
    public var submitted: Bool
    public var scores: [EvaluatorScore]

    public init(
        id: String, file: String, name: String, role: String, conflictOfInterest: String, date: TOMLDate?,
        submitted: Bool, scores: [EvaluatorScore]
    ) {
        self.id = id
        self.file = file
        self.name = name
        self.role = role
        self.conflictOfInterest = conflictOfInterest
        self.date = date
        self.submitted = submitted
        self.scores = scores
    }

    /// Its score of `product` on `criterion`, if it gave one.
    public func score(_ product: String, _ criterion: String) -> EvaluatorScore? {
        scores.first { $0.product == product && $0.criterion == criterion }
    }
}

/// A score the committee agreed in its consensus meeting, with the reason; it stands beside the
/// median and is the score that counts (`vendors/evaluations/consensus.toml`).
public struct ConsensusScore: Equatable, Sendable {
    public var product: String
    public var criterion: String
    public var score: Double
    public var reason: String

    public init(product: String, criterion: String, score: Double, reason: String) {
        self.product = product
        self.criterion = criterion
        self.score = score
        self.reason = reason
    }
}

/// One evaluator's mark as a product's judged score shows it.
public struct JudgedMark: Equatable, Sendable {
    public var evaluator: String
    public var score: Double
    public var note: String?

    public init(evaluator: String, score: Double, note: String? = nil) {
        self.evaluator = evaluator
        self.score = score
        self.note = note
    }
}

/// A product's score on one judged criterion: every submitted evaluator's mark, their median
/// and range, and the consensus when the committee recorded one.
public struct JudgedScore: Equatable, Sendable {
    public var criterion: JudgedCriterion
    /// In the order of the evaluators' file names.
    public var marks: [JudgedMark]
    public var consensus: ConsensusScore?

    public init(criterion: JudgedCriterion, marks: [JudgedMark], consensus: ConsensusScore? = nil) {
        self.criterion = criterion
        self.marks = marks
        self.consensus = consensus
    }

    /// The median of the marks (the mean of the middle two when their number is even).
    public var median: Double? { Self.median(marks.map(\.score)) }
    public var lowest: Double? { marks.map(\.score).min() }
    public var highest: Double? { marks.map(\.score).max() }
    /// The range of the marks as a share of the scale (0 with fewer than two marks).
    public var spreadShare: Double {
        guard let lo = lowest, let hi = highest, criterion.scaleHigh > criterion.scaleLow else { return 0 }
        return (hi - lo) / (criterion.scaleHigh - criterion.scaleLow)
    }
    /// A range of at least 40% of the scale: a disagreement for the consensus meeting (unless
    /// the committee has recorded its consensus).
    public var disputed: Bool { consensus == nil && spreadShare >= Self.disputedShare - 1e-12 }
    public static let disputedShare = 0.4

    /// The score that counts: the consensus, else the median; nil when nobody scored it.
    public var counted: Double? { consensus?.score ?? median }
    /// The counted score as points out of 100; an unscored product gets 0 (ignorance never pays).
    public var points: Double { counted.map(criterion.points) ?? 0 }
    /// Whether a draw varies it: no consensus and at least two different marks.
    public var varies: Bool { consensus == nil && (lowest ?? 0) != (highest ?? 0) }

    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }
}

/// The evaluation committee: the judged criteria and their guidance (from the profile), the
/// evaluators' files and the consensus scores (from `vendors/evaluations/`).
public struct Committee: Equatable, Sendable {
    public var criteria: [JudgedCriterion]
    /// Technical scoring is blind to price: the scoring screen shows no price, cost or cost score.
    public var blindToPrice: Bool
    /// Who records consensus scores (the chair).
    public var chair: String?
    public private(set) var evaluators: [Evaluator] = []
    public private(set) var consensus: [ConsensusScore] = []
    /// Product id -> its slot; slot x criteria + criterion -> the marks (submitted evaluators
    /// only, in file-name order), built once.
    private var slots: [String: Int] = [:]
    private var marks: [[JudgedMark]] = []
    private var agreed: [String: [ConsensusScore?]] = [:]

    public init(criteria: [JudgedCriterion], blindToPrice: Bool = false, chair: String? = nil) {
        self.criteria = criteria
        self.blindToPrice = blindToPrice
        self.chair = chair
    }

    /// The weights of the criteria within the committee's score, as shares (equal when all 0).
    public var shares: [Double] {
        let total = criteria.reduce(0) { $0 + $1.weight }
        return criteria.map { total > 0 ? $0.weight / total : 1 / Double(max(1, criteria.count)) }
    }

    /// The same committee with these evaluators' files and consensus scores.
    public func with(evaluators: [Evaluator], consensus: [ConsensusScore]) -> Committee {
        var c = self
        c.evaluators = evaluators.sorted { $0.id < $1.id }
        c.consensus = consensus
        let position = Dictionary(criteria.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        let width = criteria.count
        var slots: [String: Int] = [:]
        var marks: [[JudgedMark]] = []
        for e in c.evaluators where e.submitted {
            slots.reserveCapacity(e.scores.count / max(1, width))
            for s in e.scores {
                guard let j = position[s.criterion] else { continue }
                let slot: Int
                if let k = slots[s.product] {
                    slot = k
                } else {
                    slot = marks.count / width
                    slots[s.product] = slot
                    marks += repeatElement([], count: width)
                }
                marks[slot * width + j].append(JudgedMark(evaluator: e.name, score: s.score, note: s.note))
            }
        }
        var agreed: [String: [ConsensusScore?]] = [:]
        for s in consensus {
            guard let j = position[s.criterion] else { continue }
            agreed[s.product, default: Array(repeating: nil, count: criteria.count)][j] = s
        }
        c.slots = slots
        c.marks = marks
        c.agreed = agreed
        return c
    }

    /// A product's judged scores, one per criterion in the profile's order.
    public func scores(of product: String) -> [JudgedScore] {
        let slot = slots[product]
        let agreed = self.agreed[product]
        let width = criteria.count
        return criteria.indices.map { j in
            JudgedScore(
                criterion: criteria[j], marks: slot.map { marks[$0 * width + j] } ?? [], consensus: agreed?[j] ?? nil)
        }
    }

    /// The committee's score of a product out of 100: each criterion's points by its share.
    public static func points(_ scores: [JudgedScore], shares: [Double]) -> Double {
        zip(scores, shares).reduce(0) { $0 + $1.0.points * $1.1 }
    }

    /// The evaluator with this id (file name), if any.
    public func evaluator(_ id: String) -> Evaluator? { evaluators.first { $0.id == id } }
}
