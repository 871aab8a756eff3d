/// Lineup-wide stand-ins for the figures without which a product cannot be compared: an
/// unknown camera price or video rate is taken as the least favourable one any product states.
public struct Fallbacks: Equatable, Sendable {
    public var cameraPrice: Double?
    public var gbPerHour: Double?

    public init(_ products: [Product]) {
        cameraPrice = products.compactMap { $0.cameraPrice?.point }.max()
        gbPerHour = products.compactMap(\.gbPerHour).max()
    }
}

/// The best figures of a lineup, which the relative scores compare against.
public struct LineupBest: Equatable, Sendable {
    public var lowestTCO: Double
    public var lowestTCOName: String
    public var smallestTB: Double
    public var smallestTBName: String
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
    /// The figures, held by reference: rankings copy assessments often, and a copy is then
    /// one reference count, not dozens.
    final class Figures: Sendable {
        let product: Product
        let cost: CostMetrics
        let storage: StorageMetrics
        let integration: IntegrationMetrics
        let availability: AvailabilityMetrics
        let scores: CriterionValues
        let context: LineupContext
        /// The must-haves' outcomes, in the order of `Rule.allCases` (active rules only).
        let requirements: [RequirementResult]
        /// The name in lower case, for the tie rule.
        let sortName: String

        init(
            product: Product, cost: CostMetrics, storage: StorageMetrics, integration: IntegrationMetrics,
            availability: AvailabilityMetrics, scores: CriterionValues, context: LineupContext, requirements: [RequirementResult]
        ) {
            self.requirements = requirements
            self.product = product
            self.cost = cost
            self.storage = storage
            self.integration = integration
            self.availability = availability
            self.scores = scores
            self.context = context
            sortName = product.name.lowercased()
        }
    }

    let figures: Figures

    public var product: Product { figures.product }
    public var cost: CostMetrics { figures.cost }
    public var storage: StorageMetrics { figures.storage }
    public var integration: IntegrationMetrics { figures.integration }
    public var availability: AvailabilityMetrics { figures.availability }
    public var scores: CriterionValues { figures.scores }
    /// What every assessment of one lineup shares, held once.
    public var context: LineupContext { figures.context }
    /// The name in lower case, for sorting by name.
    public var sortName: String { figures.sortName }
    /// Each active must-have's outcome.
    public var requirements: [RequirementResult] { figures.requirements }
    /// False when a stated figure breaks a must-have: the product is not ranked.
    public var qualifies: Bool { !figures.requirements.fails }

    public var profile: Profile { context.profile }
    public var fallbacks: Fallbacks { context.fallbacks }
    public var best: LineupBest { context.best }

    public static func == (a: Assessment, b: Assessment) -> Bool {
        a.figures === b.figures
            || (a.product == b.product && a.cost == b.cost && a.storage == b.storage && a.integration == b.integration
                && a.availability == b.availability && a.scores == b.scores && a.context == b.context && a.requirements == b.requirements)
    }

    public var id: String { product.id }

    /// The raw figure of each criterion and whether more is better (TOPSIS works on these).
    public func raw(_ c: Criterion) -> Double {
        switch c {
        case .cost: return cost.tco
        case .integration: return integration.earned
        case .storage: return storage.storedTB
        case .availability: return availability.daysAway
        }
    }

    public static func isBenefit(_ c: Criterion) -> Bool { c == .integration }

    /// The full working for `c`: the figures, then the line that turns them into the score.
    public func explanation(_ c: Criterion) -> [String] {
        switch c {
        case .cost:
            let storedGB = StorageMetrics.compute(product, profile, fallbacks).storedGB
            let score = scores[.cost]
            return CostMetrics.compute(product, profile, fallbacks, storedGB: storedGB, explain: true).lines + [
                "score = lowest TCO \(Format.dollars(best.lowestTCO)) (\(SafeText.escaped(best.lowestTCOName))) / \(Format.dollars(cost.tco)) x 100 = \(Format.fixed(score, 1))"
            ]
        case .integration:
            return IntegrationMetrics.compute(product, profile, explain: true).lines + [
                "score = \(Format.number(integration.earned)) / \(Format.number(integration.available)) x 100 = \(Format.fixed(integration.score, 1))"
            ]
        case .storage:
            let before = storage.storedTB > 0 ? best.smallestTB / storage.storedTB * 100 : 100
            var line =
                "score = smallest \(Format.fixed(best.smallestTB, 2)) TB (\(SafeText.escaped(best.smallestTBName))) / \(Format.fixed(storage.storedTB, 2)) TB x 100 = \(Format.fixed(before, 1))"
            if storage.fits == false {
                line += "; does not fit: \(Format.fixed(before, 1)) x (1 - \(Format.number(profile.storagePenalty))) = \(Format.fixed(scores[.storage], 1))"
            }
            return StorageMetrics.compute(product, profile, fallbacks, explain: true).lines + [line]
        case .availability:
            return AvailabilityMetrics.compute(product, profile, explain: true).lines
        }
    }

    /// Assesses every product for `profile`. Relative scores (cost, storage) compare with the
    /// best product in this lineup that meets the must-haves (all of them when none does).
    public static func assess(_ products: [Product], profile: Profile) -> [Assessment] {
        let fallbacks = Fallbacks(products)
        let metrics = products.map { p in
            let storage = StorageMetrics.compute(p, profile, fallbacks)
            let cost = CostMetrics.compute(p, profile, fallbacks, storedGB: storage.storedGB)
            let integration = IntegrationMetrics.compute(p, profile)
            let availability = AvailabilityMetrics.compute(p, profile)
            let requirements =
                profile.requirements.isEmpty
                ? []
                : RequirementCheck.evaluate(p, profile, cost: cost, storage: storage, integration: integration, availability: availability)
            return (p, storage, cost, integration, availability, requirements)
        }
        let qualifying = metrics.filter { !$0.5.fails }
        let pool = qualifying.isEmpty ? metrics : qualifying
        guard let cheapest = pool.min(by: { $0.2.tco < $1.2.tco }), let smallest = pool.min(by: { $0.1.storedTB < $1.1.storedTB }) else {
            return []
        }
        let best = LineupBest(
            lowestTCO: cheapest.2.tco, lowestTCOName: cheapest.0.name, smallestTB: smallest.1.storedTB, smallestTBName: smallest.0.name)
        let context = LineupContext(profile: profile, fallbacks: fallbacks, best: best)
        return metrics.map { p, storage, cost, integration, availability, requirements in
            // Lowest / this x 100; a zero figure (nothing to pay or store) scores 100. A product
            // that fails a must-have is not ranked; its scores are capped at 100.
            let costScore = cost.tco > 0 ? min(100, best.lowestTCO / cost.tco * 100) : 100
            var storageScore = storage.storedTB > 0 ? min(100, best.smallestTB / storage.storedTB * 100) : 100
            if storage.fits == false { storageScore *= 1 - profile.storagePenalty }
            return Assessment(figures: Figures(
                product: p, cost: cost, storage: storage, integration: integration, availability: availability,
                scores: CriterionValues(cost: costScore, integration: integration.score, storage: storageScore, availability: availability.score),
                context: context, requirements: requirements))
        }
    }
}
