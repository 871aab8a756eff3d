/// A lineup ready to have one product changed at a time (what the questions ask: this price at
/// its low end, that date at its high end): what the products share (the fallbacks, which
/// criteria are neutral, the benchmarks) is kept with its two best holders, so a change is
/// assessed in time independent of the lineup's size.
public final class LineupChanges: Sendable {
    let lineup: [Assessment]
    let profile: Profile
    let usersPerCamera: Double
    /// For each item a fallback may stand in for (the market reference does not give it): the
    /// highest stated value and whose it is, and the next highest.
    let fallbackTop: [MarketItem: (value: Double, by: Int, second: Double?)]
    /// What each product could not be ranked on before the lineup-wide rule (`Unrankable`).
    let rawUnrankable: [[Unrankable]]
    let rawCount: [Unrankable: Int]
    let neutral: Set<Unrankable>
    let rankedCount: Int
    /// The two first of the products that set the benchmarks, in the benchmarks' order: the
    /// lowest cost figure, the smallest TB, the highest cost figure.
    let cheapest: [Int]
    let smallest: [Int]
    let dearest: [Int]

    /// `lineup` in the order it was assessed; nil when it is empty.
    public init?(_ lineup: [Assessment]) {
        guard let profile = lineup.first?.profile else { return nil }
        self.lineup = lineup
        self.profile = profile
        usersPerCamera = Double(profile.licensedUsers) / Double(max(1, profile.cameras))
        var top: [MarketItem: (value: Double, by: Int, second: Double?)] = [:]
        for (i, a) in lineup.enumerated() {
            for (item, v) in Fallbacks.stated(a.product, usersPerCamera: usersPerCamera)
            where profile.market?[item] == nil {
                if let t = top[item] {
                    if v > t.value {
                        top[item] = (v, i, t.value)
                    } else if v > (t.second ?? -.infinity) {
                        top[item] = (t.value, t.by, v)
                    }
                } else {
                    top[item] = (v, i, nil)
                }
            }
        }
        fallbackTop = top
        rawUnrankable = lineup.map { Self.raw($0.figures) }
        var count: [Unrankable: Int] = [:]
        for r in rawUnrankable { for u in r { count[u, default: 0] += 1 } }
        rawCount = count
        neutral = Set(Unrankable.allCases.filter { count[$0, default: 0] == lineup.count })
        let rankedCount = lineup.filter(\.ranks).count
        self.rankedCount = rankedCount
        let setters = lineup.indices.filter { rankedCount == 0 || lineup[$0].ranks }
        let costSetters = setters.filter { !lineup[$0].unrankable.contains(.cost) }
        let storageSetters = setters.filter { !lineup[$0].unrankable.contains(.storage) }
        func firstTwo(_ list: [Int], _ before: (Int, Int) -> Bool) -> [Int] {
            var out: [Int] = []
            for i in list {
                if out.isEmpty || before(i, out[0]) {
                    out.insert(i, at: 0)
                } else if out.count < 2 || before(i, out[1]) {
                    out.insert(i, at: 1)
                }
                if out.count > 2 { out.removeLast() }
            }
            return out
        }
        let figures = lineup.map(\.figures)
        cheapest = firstTwo(costSetters) { Self.cheaper(figures[$0], figures[$1]) }
        smallest = firstTwo(storageSetters) { Self.smaller(figures[$0], figures[$1]) }
        dearest = firstTwo(costSetters) { Self.costFigure(figures[$0]) > Self.costFigure(figures[$1]) }
    }

    static func raw(_ f: Assessment.Figures) -> [Unrankable] {
        var out: [Unrankable] = []
        if f.cost.unknownItems.contains(.cameras) { out.append(.cost) }
        if f.storage.rateUnknown { out.append(.storage) }
        return out
    }

    static func costFigure(_ f: Assessment.Figures) -> Double { Scoring.cents(f.townShare ?? f.cost.tco) }

    static func before(_ a: Assessment.Figures, _ b: Assessment.Figures) -> Bool {
        a.sortName != b.sortName ? a.sortName < b.sortName : a.product.id < b.product.id
    }

    /// The benchmarks' order (`Assessment.benchmarks`): the lower figure, ties by name and id.
    static func cheaper(_ a: Assessment.Figures, _ b: Assessment.Figures) -> Bool {
        let (x, y) = (costFigure(a), costFigure(b))
        return x != y ? x < y : before(a, b)
    }

    static func smaller(_ a: Assessment.Figures, _ b: Assessment.Figures) -> Bool {
        a.storage.storedTB != b.storage.storedTB ? a.storage.storedTB < b.storage.storedTB : before(a, b)
    }

    /// The lineup with the product at `index` changed to `product`, when the change leaves the
    /// other products' figures as they were (the fallback values they may consult, which
    /// criteria are neutral, whether any product is ranked): the changed product's assessment,
    /// with the figures and scores assessing the whole changed lineup would give it, against
    /// the changed lineup's benchmarks (also returned; a fallback's "whose" in its working may
    /// name another product stating the same value). Nil when the change moves the others'
    /// figures: then assess the whole lineup again.
    public func reassessing(_ product: Product, at index: Int) -> (assessment: Assessment, best: LineupBest)? {
        let old = lineup[index]
        // The others' figures stand when every fallback value they may consult stands.
        let mine = Dictionary(
            Fallbacks.stated(product, usersPerCamera: usersPerCamera), uniquingKeysWith: { a, _ in a })
        for item in Set(fallbackTop.keys).union(mine.keys) where profile.market?[item] == nil {
            let before = fallbackTop[item]?.value
            let others = fallbackTop[item].flatMap { $0.by == index ? $0.second : $0.value }
            let after = [others, mine[item]].compactMap { $0 }.max()
            if before != after { return nil }
        }
        let f = Assessment.Figures.of(product, profile: profile, fallbacks: old.context.fallbacks)
        // Which criteria nobody can be ranked on stays as it was.
        let raw = Self.raw(f)
        for u in Unrankable.allCases {
            let count =
                rawCount[u, default: 0] - (rawUnrankable[index].contains(u) ? 1 : 0) + (raw.contains(u) ? 1 : 0)
            if (count == lineup.count) != neutral.contains(u) { return nil }
        }
        let unrankable = raw.filter { !neutral.contains($0) }
        let requirements = f.requirements(profile, rules: profile.requirements.active)
        let ranks = !requirements.fails && unrankable.isEmpty
        let ranked = rankedCount - (old.ranks ? 1 : 0) + (ranks ? 1 : 0)
        // Whether the ranked products or all of them set the benchmarks stays as it was.
        if (ranked == 0) != (rankedCount == 0) { return nil }
        let sets = ranked == 0 || ranks
        /// The first of the others, then this product if it sets the benchmark and comes first.
        func first(_ two: [Int], _ mineSets: Bool, _ ahead: (Assessment.Figures, Assessment.Figures) -> Bool)
            -> Assessment.Figures?
        {
            let others = two.first { $0 != index }.map { lineup[$0].figures }
            guard mineSets else { return others }
            guard let others else { return f }
            return ahead(f, others) ? f : others
        }
        let costSets = sets && !unrankable.contains(.cost)
        let cheapest = first(self.cheapest, costSets, Self.cheaper)
        let smallest = first(self.smallest, sets && !unrankable.contains(.storage), Self.smaller)
        let dearest = first(self.dearest, costSets) { Self.costFigure($0) > Self.costFigure($1) }
        let best = LineupBest(
            lowestTCO: cheapest.map(Self.costFigure) ?? 0, lowestTCOName: cheapest?.product.name ?? "",
            smallestTB: smallest?.storage.storedTB ?? 0, smallestTBName: smallest?.product.name ?? "",
            costFloor: Scoring.costFloor(highest: max(0, dearest.map(Self.costFigure) ?? 0)))
        let context =
            best == old.context.best
            ? old.context : LineupContext(profile: profile, fallbacks: old.context.fallbacks, best: best)
        return (Assessment.judged(f, requirements: requirements, unrankable: unrankable, context: context), best)
    }
}
