import Synchronization

/// Lineup-wide stand-ins for what a spec leaves out when the market reference has no range for
/// it: the least favourable figure any product of the lineup states (the highest price, rate or
/// fee, a range at its high end), and who states it. Ignorance never pays: a product that says
/// nothing is never cheaper than the dearest product that says something.
public struct Fallbacks: Equatable, Sendable {
    public struct Worst: Equatable, Sendable {
        public var value: Double
        /// The product that states it.
        public var from: String
    }

    public var worst: [MarketItem: Worst] = [:]

    /// The values a product of this profile can be given: those of the items the market
    /// reference does not give (a product's cost and storage consult a fallback only then).
    public func consulted(by profile: Profile) -> [MarketItem: Double] {
        worst.filter { profile.market?[$0.key] == nil }.mapValues(\.value)
    }

    /// The least favourable stated video rate (for storage).
    public var gbPerHour: Double? { worst[.gbPerHour]?.value }

    /// `usersPerCamera`: the profile's licensed users per camera, to read a per-user licence per camera.
    public init(_ products: [Product], usersPerCamera: Double = 1) {
        for p in products {
            for (item, v) in Self.stated(p, usersPerCamera: usersPerCamera) where v > (worst[item]?.value ?? -.infinity)
            {
                worst[item] = Worst(value: v, from: p.name)
            }
        }
    }

    /// What one product states of each item a fallback stands in for.
    static func stated(_ p: Product, usersPerCamera: Double) -> [(MarketItem, Double)] {
        var out: [(MarketItem, Double)] = []
        func add(_ item: MarketItem, _ v: Double?) { if let v { out.append((item, v)) } }
        add(.docksPerCamera, p.dockPrice.map { $0 / Double(max(1, p.camerasPerDock ?? 1)) })
        add(.setup, p.setupCost)
        add(.serverPrice, p.storageModel == .onPremises ? p.serverPrice : nil)
        // The licence per camera a month of each hosting: a per-camera fee plus a per-user fee
        // times the users per camera (the least favourable licence stated for that hosting).
        if p.perCameraPerMonth != nil || p.perUserPerMonth != nil {
            let licence = (p.perCameraPerMonth?.high ?? 0) + (p.perUserPerMonth?.high ?? 0) * usersPerCamera
            switch p.storageModel {
            case .cloud?: add(.cloudPerCameraPerMonth, licence)
            case .onPremises?: add(.softwarePerCameraPerMonth, licence)
            case .existingBackend?: add(.backendPerCameraPerMonth, licence)
            case nil: break
            }
        }
        add(.upkeepPerTBYear, p.upkeepPerTBYear)
        add(.gbPerHour, p.gbPerHour)
        return out
    }
}

/// A criterion a product cannot be ranked on: nothing states the figure it needs and nothing
/// can stand in for it. The product is listed apart with the question to ask, never scored on
/// a zero.
public enum Unrankable: String, Sendable, Equatable, CaseIterable {
    /// No camera price: not stated, no market range (the lineup's prices do not stand in
    /// for a product's own price).
    case cost
    /// No video rate: not stated, no market range, and no product states one.
    case storage

    public var reason: String {
        switch self {
        case .cost: return "cannot be ranked on cost (no price)"
        case .storage: return "cannot be ranked on storage (no video rate)"
        }
    }

    public func question(cameras: Int) -> String {
        switch self {
        case .cost: return "What is your price per camera for \(cameras) cameras?"
        case .storage: return "How many GB of video does it record an hour, at the resolution you quote?"
        }
    }

    public var criterion: Criterion {
        switch self {
        case .cost: return .cost
        case .storage: return .storage
        }
    }
}

/// The best figures of a lineup, which the relative scores compare against.
public struct LineupBest: Equatable, Sendable {
    public var lowestTCO: Double
    public var lowestTCOName: String
    public var smallestTB: Double
    public var smallestTBName: String
    /// A cost figure below this counts as this (`Scoring.costFloor`).
    public var costFloor: Double = 1
}

/// The profile and lineup-wide figures behind a set of assessments.
public final class LineupContext: Equatable, Sendable {
    public let profile: Profile
    public let fallbacks: Fallbacks
    public let best: LineupBest

    init(profile: Profile, fallbacks: Fallbacks, best: LineupBest) {
        self.profile = profile
        self.fallbacks = fallbacks
        self.best = best
    }

    public static func == (a: LineupContext, b: LineupContext) -> Bool {
        a === b || (a.profile == b.profile && a.fallbacks == b.fallbacks && a.best == b.best)
    }
}

/// Everything known about one product for one department: the metrics of the four criteria
/// and their 0-100 scores. The arithmetic behind each score is produced on demand
/// (`explanation`), by the same code that computed the figures.
public struct Assessment: Equatable, Sendable, Identifiable {
    /// The product's own figures, held by reference: rankings copy assessments often, and a
    /// copy is then one reference count, not dozens. They do not depend on the rest of the
    /// lineup or on the must-haves, so a change of the must-haves keeps them.
    final class Figures: Sendable {
        let product: Product
        let cost: CostMetrics
        let storage: StorageMetrics
        let integration: IntegrationMetrics
        let availability: AvailabilityMetrics
        /// The name in lower case, for the tie rule.
        let sortName: String
        /// What the town pays over the horizon after the funds (only when the cost is scored on it).
        let townShare: Double?
        /// The committee's judged scores, one per criterion of the profile (none without a committee).
        let judged: [JudgedScore]
        /// The committee's score out of 100 (0 without a committee).
        let committeePoints: Double
        /// The allocation of the funds to these costs, computed when first asked for (tables
        /// draw a few rows at a time) and kept.
        let allocationCache = Mutex<FundAllocation?>(nil)
        let equippedCache = Mutex<Int?>(nil)
        let townRangeCache = Mutex<(low: Double, high: Double)?>(nil)

        init(
            product: Product, cost: CostMetrics, storage: StorageMetrics, integration: IntegrationMetrics,
            availability: AvailabilityMetrics,
            townShare: Double? = nil, judged: [JudgedScore] = [], committeePoints: Double = 0
        ) {
            self.townShare = townShare
            self.judged = judged
            self.committeePoints = committeePoints
            self.product = product
            self.cost = cost
            self.storage = storage
            self.integration = integration
            self.availability = availability
            sortName = product.name.lowercased()
        }

        /// The outcomes of `rules` (the profile's active must-haves) for these figures.
        func requirements(_ profile: Profile, rules: [Rule]) -> [RequirementResult] {
            rules.isEmpty
                ? []
                : RequirementCheck.evaluate(
                    product, profile, cost: cost, storage: storage, integration: integration,
                    availability: availability, rules: rules)
        }

        /// A product's figures for a profile, with the lineup's fallbacks.
        static func of(_ p: Product, profile: Profile, fallbacks: Fallbacks) -> Figures {
            let storage = StorageMetrics.compute(p, profile, fallbacks)
            let cost = CostMetrics.compute(p, profile, fallbacks, storedGB: storage.storedGB)
            // Scored on the town's share: the allocation is needed now, and kept for every surface.
            let allocation = profile.costBasis == .townShare ? FundAllocation.allocate(cost, profile: profile) : nil
            let committee = profile.committee
            let judged = committee?.scores(of: p.id) ?? []
            let f = Figures(
                product: p, cost: cost, storage: storage, integration: IntegrationMetrics.compute(p, profile),
                availability: AvailabilityMetrics.compute(p, profile), townShare: allocation?.townTotal,
                judged: judged, committeePoints: committee.map { Committee.points(judged, shares: $0.shares) } ?? 0)
            if let allocation { f.allocationCache.withLock { $0 = allocation } }
            return f
        }
    }

    /// What depends on the lineup and the must-haves: the scores, and each rule's outcome.
    final class Judgement: Sendable {
        let scores: CriterionValues
        let context: LineupContext
        /// The must-haves' outcomes, in the order of `Rule.allCases` (active rules only).
        let requirements: [RequirementResult]
        /// The criteria it cannot be ranked on.
        let unrankable: [Unrankable]

        init(
            scores: CriterionValues, context: LineupContext, requirements: [RequirementResult], unrankable: [Unrankable]
        ) {
            self.scores = scores
            self.context = context
            self.requirements = requirements
            self.unrankable = unrankable
        }
    }

    let figures: Figures
    let judgement: Judgement

    public var product: Product { figures.product }
    public var cost: CostMetrics { figures.cost }
    public var storage: StorageMetrics { figures.storage }
    public var integration: IntegrationMetrics { figures.integration }
    public var availability: AvailabilityMetrics { figures.availability }
    public var scores: CriterionValues { judgement.scores }
    /// What every assessment of one lineup shares, held once.
    public var context: LineupContext { judgement.context }
    /// The name in lower case, for sorting by name.
    public var sortName: String { figures.sortName }
    /// Each active must-have's outcome.
    public var requirements: [RequirementResult] { judgement.requirements }
    /// False when a stated figure breaks a must-have: the product is not ranked.
    public var qualifies: Bool { !judgement.requirements.fails }
    /// Whether it is ranked: it meets the must-haves and can be ranked on every criterion
    /// (whatever the weights: the lineup ranked stays one set as the weights move).
    public var ranks: Bool { qualifies && judgement.unrankable.isEmpty }
    /// The criteria nothing lets it be ranked on (listed apart, with the question to ask).
    public var unrankable: [Unrankable] { judgement.unrankable }
    /// Why it is not ranked, in words ("" when it is).
    public var notRankedBecause: String {
        var reasons = unrankable.map { "\($0.reason) - ask: \($0.question(cameras: cost.cameras))" }
        let failed = requirements.filter { $0.outcome == .fails }.map(\.reason)
        if !failed.isEmpty { reasons.append("fails a must-have: " + failed.joined(separator: "; ")) }
        return reasons.joined(separator: "; ")
    }
    /// Who pays these costs, year by year: each fund by its rules, then the town. Computed once.
    public var allocation: FundAllocation {
        if let cached = figures.allocationCache.withLock({ $0 }) { return cached }
        let computed = FundAllocation.allocate(cost, profile: profile)
        figures.allocationCache.withLock { $0 = computed }
        return computed
    }

    /// What the town pays over the horizon with every uncertain cost at its low and at its high
    /// end (each fund by its rules). Computed once.
    public var townRange: (low: Double, high: Double) {
        if let cached = figures.townRangeCache.withLock({ $0 }) { return cached }
        let computed = FundAllocation.townRange(cost, profile: profile)
        figures.townRangeCache.withLock { $0 = computed }
        return computed
    }

    /// The cameras the funds equip in year one under their rules (as one pool without rules:
    /// then it equals `cost.camerasAffordable`). Computed once.
    public var camerasEquipped: Int {
        if let cached = figures.equippedCache.withLock({ $0 }) { return cached }
        let computed =
            FundAllocation.camerasEquipped(cost, profile: profile)
        figures.equippedCache.withLock { $0 = computed }
        return computed
    }

    /// The figure the cost score compares: the TCO, or the town's share (`cost_basis`).
    public var costFigure: Double { Scoring.cents(figures.townShare ?? cost.tco) }

    public var profile: Profile { context.profile }
    public var fallbacks: Fallbacks { context.fallbacks }
    public var best: LineupBest { context.best }

    public static func == (a: Assessment, b: Assessment) -> Bool {
        (a.figures === b.figures && a.judgement === b.judgement)
            || (a.product == b.product && a.cost == b.cost && a.storage == b.storage && a.integration == b.integration
                && a.availability == b.availability && a.scores == b.scores && a.context == b.context
                && a.requirements == b.requirements)
    }

    public var id: String { product.id }

    /// The raw figure of each criterion and whether more is better (TOPSIS works on these).
    public func raw(_ c: Criterion) -> Double {
        switch c {
        case .cost: return costFigure
        case .integration: return integration.earned
        case .storage: return storage.storedTB
        case .availability: return availability.daysAway
        case .committee: return figures.committeePoints
        }
    }

    /// The committee's judged scores, one per criterion of the profile (none without one).
    public var judged: [JudgedScore] { figures.judged }

    public static func isBenefit(_ c: Criterion) -> Bool { c == .integration || c == .committee }

    /// The full working for `c`: the figures, then the line that turns them into the score.
    public func explanation(_ c: Criterion) -> [String] { working(c).map(\.text) }

    /// The same working, each line with its kind (a step, an unknown, a shortfall).
    public func working(_ c: Criterion) -> [WorkingLine] {
        switch c {
        case .cost:
            let storedGB = StorageMetrics.compute(product, profile, fallbacks).storedGB
            let score = scores[.cost]
            var lines = CostMetrics.compute(product, profile, fallbacks, storedGB: storedGB, explain: true).working
            if MoneyLines.byRules(profile) {
                // The funds are not one pool: what each pays by its rules, and what the town pays.
                let equipped = camerasEquipped
                lines = lines.filter { !$0.pooledFunds }
                lines.append(
                    WorkingLine(
                        "year one = \(Format.dollars(cost.yearOne)); each fund by its rules: "
                            + self.allocation.sentence(for: "", cost: cost).dropFirst(2),
                        cost.notCounted.isEmpty ? .step : .unknown))
                lines.append(
                    equipped >= cost.cameras
                        ? "under the rules the funds equip all \(cost.cameras) cameras wanted in year one"
                        : "under the rules the funds equip \(equipped) of the \(cost.cameras) cameras wanted in year one"
                )
            }
            let floor = best.costFloor
            let word = figures.townShare == nil ? "lowest TCO" : "lowest"
            let lowest =
                best.lowestTCO < floor
                ? "the floor \(Format.dollars(floor, cents: true)) (1% of the dearest; the lowest, \(Format.dollars(best.lowestTCO)) for \(SafeText.escaped(best.lowestTCOName)), is below it)"
                : "\(word) \(Format.dollars(best.lowestTCO)) (\(SafeText.escaped(best.lowestTCOName)))"
            let this =
                costFigure < floor
                ? "the floor \(Format.dollars(floor, cents: true)) (this is \(Format.dollars(costFigure)))"
                : Format.dollars(costFigure)
            return lines + [
                WorkingLine(
                    figures.townShare == nil
                        ? "score = \(lowest) / \(this) x 100 = \(Format.fixed(score, 1))"
                        : "score on the town's share (cost_basis): the town pays \(Format.dollars(costFigure)) over the horizon after the funds by their rules; \(lowest) / \(this) x 100 = \(Format.fixed(score, 1))"
                )
            ]
        case .integration:
            return IntegrationMetrics.compute(product, profile, explain: true).working + [
                "score = \(Format.number(integration.earned)) / \(Format.number(integration.available)) x 100 = \(Format.fixed(integration.score, 1))"
            ]
        case .storage:
            let before = storage.storedTB > 0 ? best.smallestTB / storage.storedTB * 100 : 100
            var line =
                "score = smallest \(Format.fixed(best.smallestTB, 2)) TB (\(SafeText.escaped(best.smallestTBName))) / \(Format.fixed(storage.storedTB, 2)) TB x 100 = \(Format.fixed(before, 1))"
            if storage.fits == false {
                line +=
                    "; does not fit: \(Format.fixed(before, 1)) x (1 - \(Format.number(profile.storagePenalty))) = \(Format.fixed(scores[.storage], 1))"
            }
            return StorageMetrics.compute(product, profile, fallbacks, explain: true).working + [WorkingLine(line)]
        case .availability:
            return AvailabilityMetrics.compute(product, profile, explain: true).working
        case .committee:
            return committeeWorking()
        }
    }

    /// The committee's working: each judged score with who gave it and their note, the rule
    /// (the consensus when recorded, else the median), then the weighted score.
    func committeeWorking() -> [WorkingLine] {
        guard let committee = profile.committee else { return [] }
        var lines: [WorkingLine] = [
            "each judged score is the evaluators' median (the consensus when the chair records one); an unscored criterion counts 0"
        ]
        let shares = committee.shares
        for (score, share) in zip(judged, shares) {
            let c = score.criterion
            let head =
                "\(SafeText.escaped(c.name)) (\(c.scaleText), \(Format.fixed(share * 100, 0))% of the committee's score): "
            guard let counted = score.counted else {
                lines.append(WorkingLine(head + "not scored by any evaluator: 0 points", .unknown))
                continue
            }
            var text = head
            if let median = score.median, let lo = score.lowest, let hi = score.highest {
                text +=
                    "median \(Format.number(median)) of \(score.marks.count) (range \(Format.number(lo))-\(Format.number(hi)))"
            } else {
                text += "no evaluator's score"
            }
            if let agreed = score.consensus {
                text += "; consensus \(Format.number(agreed.score)) (\(SafeText.escaped(agreed.reason)))"
            }
            text += " -> \(Format.fixed(c.points(counted), 1)) points"
            lines.append(WorkingLine(text))
            if score.disputed {
                lines.append("  wide disagreement (a range of at least 40% of the scale): for the consensus meeting")
            }
            for m in score.marks {
                lines.append(
                    WorkingLine(
                        "  \(SafeText.escaped(m.evaluator)): \(Format.number(m.score))"
                            + (m.note.map { " - " + SafeText.escaped($0) } ?? "")))
            }
        }
        let parts = zip(judged, shares).map { "\(Format.fixed($0.1, 2)) x \(Format.fixed($0.0.points, 1))" }
        lines.append(
            WorkingLine("score = " + parts.joined(separator: " + ") + " = \(Format.fixed(scores[.committee], 1))"))
        return lines
    }

    /// The same lineup under other must-haves: the figures are kept (they do not depend on the
    /// rules); the rules are checked again and the relative scores redone. What the must-haves
    /// panel runs at each key.
    /// Only the rules whose limit changed are checked again; the other outcomes are kept.
    public static func rejudge(_ assessments: [Assessment], profile: Profile) -> [Assessment] {
        guard let first = assessments.first else { return [] }
        let before = first.profile.requirements
        let active = profile.requirements.active
        let changed = active.filter { before[$0] != profile.requirements[$0] }
        let figures = assessments.map(\.figures)
        // Per product: the kept outcomes of unchanged rules, the new ones of changed rules,
        // in the order of Rule.allCases; in two halves on two cores.
        let results: [[RequirementResult]] = Parallel.map(2) { half in
            let range = half == 0 ? 0..<(assessments.count / 2) : (assessments.count / 2)..<assessments.count
            return range.map { i -> [RequirementResult] in
                let a = assessments[i]
                let fresh = a.figures.requirements(profile, rules: changed)
                if fresh.isEmpty && a.requirements.count == active.count { return a.requirements }
                return active.compactMap { rule in
                    fresh.first { $0.rule == rule } ?? a.requirements.first { $0.rule == rule }
                }
            }
        }.flatMap { $0 }
        return scored(figures, profile: profile, fallbacks: first.fallbacks, requirements: results)
    }

    /// Assesses every product for `profile`. Relative scores (cost, storage) compare with the
    /// best product in this lineup that is in the ranking (all of them when none is).
    public static func assess(_ products: [Product], profile: Profile) -> [Assessment] {
        let fallbacks = Fallbacks(
            products, usersPerCamera: Double(profile.licensedUsers) / Double(max(1, profile.cameras)))
        let figures = products.map { Figures.of($0, profile: profile, fallbacks: fallbacks) }
        return scored(figures, profile: profile, fallbacks: fallbacks)
    }

    /// Checks the must-haves, then scores against the best qualifying product.
    static func scored(
        _ figures: [Figures], profile: Profile, fallbacks: Fallbacks, requirements known: [[RequirementResult]]? = nil
    ) -> [Assessment] {
        let active = profile.requirements.active
        let requirements = known ?? figures.map { $0.requirements(profile, rules: active) }
        guard !figures.isEmpty else { return [] }
        let (unrankable, best) = benchmarks(figures, requirements: requirements)
        let context = LineupContext(profile: profile, fallbacks: fallbacks, best: best)
        return zip(zip(figures, requirements), unrankable).map { pair, unrankable in
            judged(pair.0, requirements: pair.1, unrankable: unrankable, context: context)
        }
    }

    /// What each product cannot be ranked on, and the lineup's benchmarks.
    static func benchmarks(_ figures: [Figures], requirements: [[RequirementResult]]) -> (
        unrankable: [[Unrankable]], best: LineupBest
    ) {
        // The benchmarks: the lowest cost figure and the smallest stored TB among the products
        // in the ranking (all of them when none is); money in whole cents, ties to
        // the first in the tie rule's order so the name shown never depends on input order.
        // What a product cannot be ranked on without a figure nobody gives. When no product of
        // the lineup gives it, the criterion compares nobody: it is neutral (every product
        // scores alike) rather than putting the whole lineup out.
        var unrankable = figures.map { f -> [Unrankable] in
            var out: [Unrankable] = []
            if f.cost.unknownItems.contains(.cameras) { out.append(.cost) }
            if f.storage.rateUnknown { out.append(.storage) }
            return out
        }
        for u in Unrankable.allCases where unrankable.allSatisfy({ $0.contains(u) }) {
            unrankable = unrankable.map { $0.filter { $0 != u } }
        }
        var cheapest: Figures?
        var smallest: Figures?
        var dearest = 0.0
        func before(_ a: Figures, _ b: Figures) -> Bool {
            a.sortName != b.sortName ? a.sortName < b.sortName : a.product.id < b.product.id
        }
        // Only the products in the ranking set benchmarks (a must-have failed, or a criterion a
        // product cannot be ranked on, puts it out); when none is in, all of them, so the rows
        // listed out still show scores for reference.
        let ranked = zip(requirements, unrankable).map { !$0.fails && $1.isEmpty }
        let setsBenchmarks = ranked.contains(true) ? ranked : ranked.map { _ in true }
        for ((f, u), sets) in zip(zip(figures, unrankable), setsBenchmarks) where sets {
            if !u.contains(.cost) {
                let figure = Scoring.cents(f.townShare ?? f.cost.tco)
                dearest = max(dearest, figure)
                if let c = cheapest {
                    let lowest = Scoring.cents(c.townShare ?? c.cost.tco)
                    if figure < lowest || (figure == lowest && before(f, c)) { cheapest = f }
                } else {
                    cheapest = f
                }
            }
            if u.contains(.storage) { continue }
            if let s = smallest {
                if f.storage.storedTB < s.storage.storedTB || (f.storage.storedTB == s.storage.storedTB && before(f, s))
                {
                    smallest = f
                }
            } else {
                smallest = f
            }
        }
        // When no product can set a benchmark, nobody is scored on that criterion ("—").
        let best = LineupBest(
            lowestTCO: cheapest.map { Scoring.cents($0.townShare ?? $0.cost.tco) } ?? 0,
            lowestTCOName: cheapest?.product.name ?? "", smallestTB: smallest?.storage.storedTB ?? 0,
            smallestTBName: smallest?.product.name ?? "", costFloor: Scoring.costFloor(highest: dearest))
        return (unrankable, best)
    }

    /// One product's scores against the lineup's benchmarks.
    static func judged(
        _ f: Figures, requirements: [RequirementResult], unrankable: [Unrankable], context: LineupContext
    ) -> Assessment {
        let best = context.best
        let profile = context.profile
        // The formulas of `Scoring`. A product that fails a must-have is not ranked; its
        // scores are capped at 100. A criterion it cannot be ranked on gets no score (0,
        // shown as "—"), never one computed from a missing figure.
        let costScore =
            unrankable.contains(.cost)
            ? 0
            : Scoring.cost(Scoring.cents(f.townShare ?? f.cost.tco), lowest: best.lowestTCO, floor: best.costFloor)
        let storageScore =
            unrankable.contains(.storage)
            ? 0
            : Scoring.storage(
                f.storage.storedTB, smallest: best.smallestTB, fits: f.storage.fits != false,
                penalty: profile.storagePenalty)
        let scores = CriterionValues(
            cost: costScore, integration: f.integration.score, storage: storageScore,
            availability: f.availability.score, committee: f.committeePoints)
        return Assessment(
            figures: f,
            judgement: Judgement(
                scores: scores, context: context, requirements: requirements, unrankable: unrankable))
    }
}
