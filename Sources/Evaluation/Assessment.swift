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

/// Everything known about one product for one department: the metrics of the four criteria,
/// their 0-100 scores and the arithmetic behind each.
public struct Assessment: Equatable, Sendable, Identifiable {
    public var product: Product
    public var cost: CostMetrics
    public var storage: StorageMetrics
    public var integration: IntegrationMetrics
    public var availability: AvailabilityMetrics
    public var scores: [Criterion: Double]
    /// The score lines that relate this product to the rest of the lineup.
    public var scoreLines: [Criterion: String]

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
        let lines: [String]
        switch c {
        case .cost: lines = cost.lines
        case .integration: lines = integration.lines
        case .storage: lines = storage.lines
        case .availability: lines = availability.lines
        }
        return lines + [scoreLines[c] ?? ""].filter { !$0.isEmpty }
    }

    /// Assesses every product for `profile`. Relative scores (cost, storage) compare with the
    /// best product in this lineup.
    public static func assess(_ products: [Product], profile: Profile) -> [Assessment] {
        let fallbacks = Fallbacks(products)
        var out: [Assessment] = products.map { p in
            let storage = StorageMetrics.compute(p, profile, fallbacks)
            let cost = CostMetrics.compute(p, profile, fallbacks, storedGB: storage.storedGB)
            let integration = IntegrationMetrics.compute(p, profile)
            let availability = AvailabilityMetrics.compute(p, profile)
            return Assessment(
                product: p, cost: cost, storage: storage, integration: integration, availability: availability,
                scores: [.integration: integration.score, .availability: availability.score], scoreLines: [:])
        }
        guard !out.isEmpty else { return out }
        let cheapest = out.min { $0.cost.tco < $1.cost.tco }!
        let smallest = out.min { $0.storage.storedTB < $1.storage.storedTB }!
        for i in out.indices {
            let a = out[i]
            // Lowest / this x 100; a zero figure (nothing to pay or store) scores 100.
            let cost = a.cost.tco > 0 ? cheapest.cost.tco / a.cost.tco * 100 : 100
            out[i].scores[.cost] = cost
            out[i].scoreLines[.cost] =
                "score = lowest TCO \(Format.dollars(cheapest.cost.tco)) (\(SafeText.escaped(cheapest.product.name))) / \(Format.dollars(a.cost.tco)) x 100 = \(Format.fixed(cost, 1))"
            var storage = a.storage.storedTB > 0 ? smallest.storage.storedTB / a.storage.storedTB * 100 : 100
            var line =
                "score = smallest \(Format.fixed(smallest.storage.storedTB, 2)) TB (\(SafeText.escaped(smallest.product.name))) / \(Format.fixed(a.storage.storedTB, 2)) TB x 100 = \(Format.fixed(storage, 1))"
            if a.storage.fits == false {
                let before = storage
                storage *= 1 - profile.storagePenalty
                line += "; does not fit: \(Format.fixed(before, 1)) x (1 - \(Format.number(profile.storagePenalty))) = \(Format.fixed(storage, 1))"
            }
            out[i].scores[.storage] = storage
            out[i].scoreLines[.storage] = line
            out[i].scoreLines[.integration] = "score = \(Format.number(a.integration.earned)) / \(Format.number(a.integration.available)) x 100 = \(Format.fixed(a.integration.score, 1))"
        }
        return out
    }
}
