/// How sure the ranking is: everything uncertain is drawn at random many times and the
/// products ranked each time.
///
/// Each draw: every cost figure given as a range or estimated from the market reference
/// (camera price, docks, set-up, server, licences, upkeep) uniformly within its range; every
/// date window by day, plus for an announced product the profile's slip; each integration link
/// a spec does not state, with the market's chance; an estimated video rate, and the back-end's
/// free space when the profile gives a range; each weight within 1 +/- the band (default 20%).
/// The scores are recomputed from the drawn figures with the usual formulas, and the products
/// ranked by the chosen method (ties share a rank and first place). Seeded, so a run is
/// reproducible (see `variedText` for the same in words).
///
/// Must-haves: a rule left unverified by a drawn figure (a date window across the need-by
/// date, year one across the funds, unstated links, stored TB across the capacity) is checked
/// in every draw; a product that misses one in a draw is out of that draw (no rank, no share of
/// first place, not the cheapest). `chanceQualifies` counts the draws it met them all; it is
/// nil when a rule is unverified by a figure nothing draws (an unstated battery, say).
public enum Simulation {
    public struct Options: Equatable, Sendable {
        public var draws: Int
        public var seed: UInt64
        /// The weight band: 0.2 means each weight is drawn within +/-20% of its value.
        public var weightBand: Double
        /// Every draw at the point figures the ranking uses (costs at their middles, links at
        /// their named rule, the median date, the back-end's middle, weights as given, no
        /// must-have out): the same scoring code then must give the ranking's own order
        /// (`SimulationAgreementTests`).
        var pointDraw = false

        public init(draws: Int = 10_000, seed: UInt64 = 2015, weightBand: Double = 0.2) {
            self.draws = draws
            self.seed = seed
            self.weightBand = weightBand
        }
    }

    public struct Outcome: Equatable, Sendable {
        public var id: String
        /// Share of draws in which the product ranked first, 0-1. Products tied for first in a
        /// draw share its credit equally, so the tie-break order never decides a chance.
        public var chanceFirst: Double
        /// 5th and 95th percentile of its rank over the draws (tied products share a rank);
        /// nil when that percentile lies below the first `countedPlaces` places.
        public var rankP5: Int?
        public var rankP95: Int?

        /// Share of draws in which it met every must-have (1 when none is in force; nil when a
        /// rule is unverified by a figure the draws do not vary).
        public var chanceQualifies: Double? = 1
        /// Share of draws in which it came after the need-by date.
        public var chanceLate: Double

        public init(id: String, chanceFirst: Double, rankP5: Int?, rankP95: Int?, chanceLate: Double = 0) {
            self.id = id
            self.chanceFirst = chanceFirst
            self.rankP5 = rankP5
            self.rankP95 = rankP95
            self.chanceLate = chanceLate
        }

        /// `#2`, `#2-#5`, `#40-below #100`, `below #100`.
        public var bandText: String {
            func place(_ r: Int?) -> String { r.map { "#\($0)" } ?? "below #\(Simulation.countedPlaces)" }
            if rankP5 == nil { return place(nil) }
            return rankP5 == rankP95 ? place(rankP5) : place(rankP5) + "-" + place(rankP95)
        }
    }

    /// Draws per block; blocks are seeded in turn from the run's seed and run in parallel.
    public static let blockDraws = 1000

    /// One block's counts: chances of first (unnormalised) and rank counts per product.
    struct BlockCounts: Sendable {
        var firsts: [Double]
        /// Draws in which the product came after the need-by date.
        var late: [Double]
        /// Draws in which it met every must-have.
        var qualified: [Double]
        var slot: [Int]
        var counts: [UInt32]
    }

    /// Ranks are counted for the first this many places only: the bands that matter to a
    /// decision, in memory linear in the products (a full products x places table needed
    /// 842 MB at 10,000 products).
    public static let countedPlaces = 100

    public struct Result: Equatable, Sendable {
        /// The cost was scored on the town's share.
        public var townShareBasis = false
        public var options: Options
        public var method: Method
        /// In the ranking's order.
        public var outcomes: [Outcome] { didSet { reindex() } }
        /// Where each id sits in `outcomes`: one lookup per row is O(1).
        private var positions: [String: Int] = [:]

        public init(options: Options, method: Method, outcomes: [Outcome]) {
            self.options = options
            self.method = method
            self.outcomes = outcomes
            reindex()
        }

        private mutating func reindex() {
            positions = Dictionary(outcomes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        }

        public func outcome(_ id: String) -> Outcome? { positions[id].map { outcomes[$0] } }
    }

    /// Runs `options.draws` draws. Time is products x draws (no sort of all products per draw)
    /// and memory is linear in the products.
    public static func run(_ ranking: Ranking, options: Options = Options()) -> Result {
        let entries = ranking.entries
        let n = entries.count
        guard n > 0, options.draws > 0 else { return Result(options: options, method: ranking.method, outcomes: []) }
        let profile = entries[0].assessment.profile
        let e0 = profile.evaluationDate.daysSinceEpoch
        let span = Double(profile.needBy.daysSinceEpoch - e0)
        // Structure of arrays: the hot loop reads plain Doubles, never copies a per-product model.
        var baseTCOValues = [Double](repeating: 0, count: n)
        var integrationValues = [Double](repeating: 0, count: n)
        var storageValues = [Double](repeating: 0, count: n)
        var availabilityValues = [Double](repeating: 0, count: n)
        var rawIntegration = [Double](repeating: 0, count: n)
        var linkChanceValues: [Double] = []
        var linkPointsValues: [Double] = []
        var linkStartValues = [Int](repeating: 0, count: n + 1)
        var knownPointsValues = [Double](repeating: 0, count: n)
        var availablePointsValues = [Double](repeating: 0, count: n)
        var rawStorage = [Double](repeating: 0, count: n)
        // Storage: an estimated video rate moves a product's TB; a ranged back-end space moves
        // whether it fits. Capacity kind: 0 none (no penalty), 1 fixed, 2 the department's back-end.
        var rateLowValues = [Double](repeating: 0, count: n)
        var rateWidthValues = [Double](repeating: 0, count: n)
        var rateDrawn = [Bool](repeating: false, count: n)
        var capacityKindValues = [Int](repeating: 0, count: n)
        var capacityValues = [Double](repeating: 0, count: n)
        var rawDays = [Double](repeating: 0, count: n)
        // Per product, in product order, the cost figures drawn for it (flat: product i's are
        // rangeStart[i]..<rangeStart[i + 1]); then its links, video rate and date. The order of
        // the draws is part of the seed's contract.
        // A drawn figure moves the TCO by perUnit x (low + (high - low) u - point): with u uniform
        // in [0, 1), that is offset + width x u, two numbers per figure.
        var offsetValues: [Double] = []
        var widthValues: [Double] = []
        var rangeStartValues = [Int](repeating: 0, count: n + 1)
        var hasDatesValues = [Bool](repeating: false, count: n)
        var firstDayValues = [Int](repeating: 0, count: n)
        var dayChoicesValues = [UInt64](repeating: 1, count: n)
        var slipChanceValues = [Double](repeating: 0, count: n)
        var slipDaysValues = [UInt64](repeating: 1, count: n)
        // Products whose date is fixed: 1 when it is after the need-by date.
        var lateValues = [Double](repeating: 0, count: n)
        var varying: [Int] = []
        var constantCheapest = Double.infinity
        // Must-haves checked in each draw: 1 date, 2 year one, 4 links, 8 storage (bits).
        var checkValues = [Int](repeating: 0, count: n)
        var undrawn = [Bool](repeating: false, count: n)
        var yearOneBaseValues = [Double](repeating: 0, count: n)
        var yearOneLimitValues = [Double](repeating: profile.funds, count: n)
        var yearOneOffsetValues: [Double] = []
        var yearOneWidthValues: [Double] = []
        for (i, e) in entries.enumerated() {
            let a = e.assessment
            // The cost figure the score compares: the TCO, or the town's share, which the drawn
            // costs move one for one (see variedText).
            baseTCOValues[i] = a.costFigure
            integrationValues[i] = a.scores.integration
            storageValues[i] = a.scores.storage
            availabilityValues[i] = a.scores.availability
            rawIntegration[i] = a.raw(.integration)
            rawStorage[i] = a.raw(.storage)
            let st = a.storage
            if st.gbPerHourRange != nil {
                // TB scales with the rate: from the TB at the low end to the TB at the high end.
                rateDrawn[i] = true
                rateLowValues[i] = st.storedTBLow
                rateWidthValues[i] = st.storedTBHigh - st.storedTBLow
            }
            switch st.model {
            case .cloud?: capacityKindValues[i] = 0
            case .existingBackend?:
                capacityKindValues[i] = 2
                capacityValues[i] = st.capacityTB ?? 0
            default:
                if let c = st.capacityTB {
                    capacityKindValues[i] = 1
                    capacityValues[i] = c
                }
            }
            rawDays[i] = a.raw(.availability)
            // Every stated range and every estimate behind the TCO, as the cost criterion lists them.
            for f in a.cost.uncertain where f.isRange {
                offsetValues.append((f.low - f.point) * f.tcoPerUnit)
                widthValues.append((f.high - f.low) * f.tcoPerUnit)
                yearOneOffsetValues.append((f.low - f.point) * f.yearOnePerUnit)
                yearOneWidthValues.append((f.high - f.low) * f.yearOnePerUnit)
            }
            yearOneBaseValues[i] = a.cost.yearOne
            for r in a.requirements where r.outcome == .unverified {
                switch r.rule {
                case .availableByNeedBy where a.availability.draw != nil: checkValues[i] |= 1
                case .yearOneWithinFunds where a.cost.notCounted.isEmpty: checkValues[i] |= 2
                case .worksWithInCar where a.integration.worksWithDepartmentSystem && !a.integration.chances.isEmpty:
                    checkValues[i] |= 4
                case .storageFitsBackend where a.storage.capacityTB != nil && a.storage.model != nil:
                    checkValues[i] |= 8
                default: undrawn[i] = true
                }
            }
            if checkValues[i] & 2 != 0 {
                // What the funds can pay of this year one (by their rules, or the pool).
                yearOneLimitValues[i] = FundAllocation.mostPaidOfYearOne(a.cost, profile: profile)
            }
            rangeStartValues[i + 1] = offsetValues.count
            // A date window, and for an announced product the department's slip (AvailabilityDraw).
            if let d = a.availability.draw {
                hasDatesValues[i] = true
                firstDayValues[i] = d.first - e0
                dayChoicesValues[i] = UInt64(d.last - d.first + 1)
                slipChanceValues[i] = d.slip.isNone ? 0 : d.slip.chance
                slipDaysValues[i] = d.slip.isNone ? 1 : UInt64(d.slip.maxDays)
            }
            lateValues[i] = a.availability.draw == nil && !a.availability.meetsNeedBy ? 1 : 0
            // Integration links the spec does not state, drawn with the market's chance.
            for (chance, points) in a.integration.chances {
                linkChanceValues.append(chance)
                linkPointsValues.append(points)
            }
            linkStartValues[i + 1] = linkChanceValues.count
            knownPointsValues[i] = a.integration.knownEarned
            availablePointsValues[i] = a.integration.available
            if rangeStartValues[i + 1] > rangeStartValues[i] || hasDatesValues[i]
                || linkStartValues[i + 1] > linkStartValues[i] || rateDrawn[i]
            {
                varying.append(i)
            }
        }
        // The lowest cost among products whose cost is fixed and who are never out of a draw is
        // fixed too; the others are looked at in each draw (only when they qualify in it).
        for i in 0..<n where rangeStartValues[i + 1] == rangeStartValues[i] && checkValues[i] == 0 {
            constantCheapest = min(constantCheapest, baseTCOValues[i])
        }
        let costContenders = (0..<n).filter { rangeStartValues[$0 + 1] > rangeStartValues[$0] || checkValues[$0] != 0 }
        // The hot loop's inputs and outputs as scratch buffers (see Scratch).
        let rawTCO = baseTCOValues
        let (baseTCO, availability) = (Scratch(baseTCOValues), Scratch(availabilityValues))
        let (offset, width) = (Scratch(offsetValues), Scratch(widthValues))
        let rangeStart = Scratch(rangeStartValues)
        let (hasDates, firstDay, dayChoices) = (
            Scratch(hasDatesValues), Scratch(firstDayValues), Scratch(dayChoicesValues)
        )
        let (slipChance, slipDays) = (Scratch(slipChanceValues), Scratch(slipDaysValues))
        let fixedLate = lateValues
        let baseShares = Criterion.allCases.map { ranking.weights.share($0) }
        let benefit = Criterion.allCases.map(Assessment.isBenefit)
        let band = options.weightBand
        let places = countedPlaces
        // With few products every one is a candidate; with many, only those above the 3 x
        // places-th total of the last draw (the top of a ranking moves little between draws).
        let selective = n > 4 * places
        let method = ranking.method
        // The draws run in blocks of `blockDraws`, each from its own seed taken in turn from the
        // run's seed: the same result on one core or many, and the blocks run in parallel.
        let blockCount = (options.draws + blockDraws - 1) / blockDraws
        var seeder = SplitMix64(seed: options.seed)
        let blockSeeds = (0..<blockCount).map { _ in seeder.next() }
        let totalDraws = options.draws
        let (linkChance, linkPoints, linkStart) = (
            Scratch(linkChanceValues), Scratch(linkPointsValues), Scratch(linkStartValues)
        )
        let (knownPoints, availablePoints) = (Scratch(knownPointsValues), Scratch(availablePointsValues))
        let (rateLow, rateWidth, rateOn) = (Scratch(rateLowValues), Scratch(rateWidthValues), Scratch(rateDrawn))
        let (capacityKind, capacity) = (Scratch(capacityKindValues), Scratch(capacityValues))
        let backendRange = profile.backendFreeTBRange
        let penalty = profile.storagePenalty
        // Storage scores are recomputed per draw only when something about storage is drawn, or
        // when a product may be out of a draw (it may have set the smallest TB).
        let storageDrawn = rateDrawn.contains(true) || (backendRange != nil && capacityKindValues.contains(2))
        let storageVaries = storageDrawn || checkValues.contains { $0 != 0 }
        let check = Scratch(checkValues)
        let checked = checkValues.indices.filter { checkValues[$0] != 0 }
        let (yearOneBase, yearOneOffset, yearOneWidth) = (
            Scratch(yearOneBaseValues), Scratch(yearOneOffsetValues), Scratch(yearOneWidthValues)
        )
        let yearOneLimit = Scratch(yearOneLimitValues)
        let townBasis = profile.costBasis == .townShare
        let yearOneStart = yearOneBaseValues
        let floor = entries[0].assessment.best.costFloor
        let point = options.pointDraw
        let backendPoint = profile.backendFreeTB
        let runBlock: @Sendable (Int) -> BlockCounts = {
            [
                rawDays, rawIntegration, rawStorage, varying, costContenders, constantCheapest, span, integrationValues,
                storageVaries, storageDrawn, backendRange, penalty, storageValues, checked, yearOneStart, townBasis,
                floor, point, backendPoint
            ] b in
            var rng = SplitMix64(seed: blockSeeds[b])
            var firsts = [Double](repeating: 0, count: n)
            let late = Scratch([Double](repeating: 0, count: n))
            // Per draw: whether each product meets the must-haves checked in draws; and over the block.
            let ok = Scratch([Bool](repeating: true, count: n))
            let yearOneNow = Scratch(yearOneStart)
            var qualified = [Double](repeating: 0, count: n)
            // Rank counts for the first `countedPlaces` places, allocated for a product the first
            // time it reaches them: slot[i] * places is where its counts start.
            var slot = [Int](repeating: -1, count: n)
            var counts: [UInt32] = []
            let tcos = Scratch(rawTCO)
            let days = Scratch(rawDays)
            // Integration points and score of the draw (only products with unknown links change).
            let earnedNow = Scratch(rawIntegration)
            let integrationNow = Scratch(integrationValues)
            let tbNow = Scratch(rawStorage)
            let storageNow = Scratch(storageValues)
            let totals = Scratch([Double](repeating: 0, count: n))
            var candidates: [Int] = []
            candidates.reserveCapacity(min(n, 4 * places))
            var lastFree = backendRange?.low ?? 0
            var threshold = -Double.infinity
            if point { lastFree = backendPoint }
            for _ in 0..<min(blockDraws, totalDraws - b * blockDraws) {
                for i in varying where !point {
                    var tco = baseTCO[i]
                    if check[i] & 2 != 0 {
                        // Year one moves with the same draws as the TCO.
                        var y1 = yearOneBase[i]
                        for r in rangeStart[i]..<rangeStart[i + 1] {
                            let u = rng.unit()
                            tco += offset[r] + width[r] * u
                            y1 += yearOneOffset[r] + yearOneWidth[r] * u
                        }
                        yearOneNow[i] = y1
                    } else {
                        for r in rangeStart[i]..<rangeStart[i + 1] { tco += offset[r] + width[r] * rng.unit() }
                    }
                    tcos[i] = townBasis ? max(0, tco) : tco
                    if linkStart[i + 1] > linkStart[i] {
                        var earned = knownPoints[i]
                        for l in linkStart[i]..<linkStart[i + 1] where rng.unit() < linkChance[l] {
                            earned += linkPoints[l]
                        }
                        earnedNow[i] = earned
                        integrationNow[i] = availablePoints[i] > 0 ? earned / availablePoints[i] * 100 : 0
                    }
                    if rateOn[i] { tbNow[i] = rateLow[i] + rateWidth[i] * rng.unit() }
                    if hasDates[i] {
                        var day = firstDay[i] + Int(rng.below(dayChoices[i]))
                        if slipChance[i] > 0 && rng.unit() < slipChance[i] { day += 1 + Int(rng.below(slipDays[i])) }
                        days[i] = Double(max(0, day))
                        if Double(day) > span { late[i] += 1 }
                    }
                }
                // The back-end's free space of the draw (drawn here, before the must-haves, as
                // the seed's order has it).
                if storageDrawn && !point, let range = backendRange {
                    lastFree = range.low + (range.high - range.low) * rng.unit()
                }
                // The must-haves the draw decides.
                for i in checked where !point {
                    let c = check[i]
                    var pass = true
                    if c & 1 != 0 && days[i] > span { pass = false }
                    if c & 2 != 0 && yearOneNow[i] > yearOneLimit[i] + 0.005 { pass = false }
                    if c & 4 != 0 && earnedNow[i] <= 0 { pass = false }
                    if c & 8 != 0 {
                        let cap = capacityKind[i] == 2 && backendRange != nil ? lastFree : capacity[i]
                        if tbNow[i] > cap { pass = false }
                    }
                    ok[i] = pass
                    if pass { qualified[i] += 1 }
                }
                if storageVaries {
                    // Scoring.storage against the smallest TB of the products in this draw.
                    var smallest = Double.infinity
                    for i in 0..<n where ok[i] && tbNow[i] < smallest { smallest = tbNow[i] }
                    for i in 0..<n {
                        let cap: Double
                        switch capacityKind[i] {
                        case 1: cap = capacity[i]
                        case 2: cap = backendRange == nil ? capacity[i] : lastFree
                        default: cap = .infinity
                        }
                        storageNow[i] = Scoring.storage(
                            tbNow[i], smallest: smallest, fits: tbNow[i] <= cap, penalty: penalty)
                    }
                }
                var s0 = baseShares[0]
                var s1 = baseShares[1]
                var s2 = baseShares[2]
                var s3 = baseShares[3]
                if !point {
                    s0 *= rng.uniform(1 - band, 1 + band)
                    s1 *= rng.uniform(1 - band, 1 + band)
                    s2 *= rng.uniform(1 - band, 1 + band)
                    s3 *= rng.uniform(1 - band, 1 + band)
                }
                let sum = s0 + s1 + s2 + s3
                if point {
                    // The ranking's own shares, as they are.
                } else if sum > 0 {
                    s0 /= sum
                    s1 /= sum
                    s2 /= sum
                    s3 /= sum
                } else {
                    (s0, s1, s2, s3) = (0.25, 0.25, 0.25, 0.25)
                }
                switch method {
                case .weightedSum:
                    // The lowest cost among the products in this draw (those that miss a
                    // must-have the draw decides are out of it, and set no benchmark).
                    var cheapest = constantCheapest
                    for i in costContenders where tcos[i] < cheapest && ok[i] { cheapest = tcos[i] }
                    for i in 0..<n {
                        let cost = Scoring.cost(tcos[i], lowest: cheapest, floor: floor)
                        let avail = hasDates[i] ? Scoring.availability(daysAway: days[i], span: span) : availability[i]
                        // Out of this draw when it misses a must-have the draw decides.
                        totals[i] =
                            ok[i]
                            ? Scoring.weightedSum(
                                s0, s1, s2, s3, cost: cost, integration: integrationNow[i], storage: storageNow[i],
                                availability: avail) : -.infinity
                    }
                case .topsis:
                    // The drawn columns through TOPSIS's own arithmetic.
                    // Only the products that meet the must-haves in this draw take part.
                    let out = checked.filter { !ok[$0] }
                    if out.isEmpty {
                        func column(_ buffer: Scratch<Double>) -> [Double] {
                            Array(UnsafeBufferPointer(start: buffer.base, count: n))
                        }
                        TOPSIS.evaluate(
                            columns: [column(tcos), column(earnedNow), column(tbNow), column(days)],
                            weights: [s0, s1, s2, s3],
                            benefit: benefit
                        ) { i, _, _, c in totals[i] = c * 100 }
                    } else {
                        let keep = (0..<n).filter { ok[$0] }
                        func column(_ buffer: Scratch<Double>) -> [Double] { keep.map { buffer[$0] } }
                        for i in out { totals[i] = -.infinity }
                        if !keep.isEmpty {
                            TOPSIS.evaluate(
                                columns: [column(tcos), column(earnedNow), column(tbNow), column(days)],
                                weights: [s0, s1, s2, s3],
                                benefit: benefit
                            ) { k, _, _, c in totals[keep[k]] = c * 100 }
                        }
                    }
                }
                // The candidates for the first places, best first (ties in index order).
                candidates.removeAll(keepingCapacity: true)
                if selective {
                    let floor = threshold - Ranking.tolerance
                    for i in 0..<n where totals[i] >= floor { candidates.append(i) }
                    if candidates.count < places {
                        candidates.removeAll(keepingCapacity: true)
                        for i in 0..<n where totals[i] > -.infinity { candidates.append(i) }
                    }
                } else {
                    for i in 0..<n where totals[i] > -.infinity { candidates.append(i) }
                }
                candidates.sort { a, b in totals[a] != totals[b] ? totals[a] > totals[b] : a < b }
                if selective && !candidates.isEmpty {
                    threshold = totals[candidates[min(candidates.count - 1, 3 * places)]]
                }
                // Shared ranks: a product within the tolerance of the one above shares its rank.
                var rank = 0
                var leaders = 0
                for (position, i) in candidates.enumerated() {
                    if position == 0 || totals[candidates[position - 1]] - totals[i] > Ranking.tolerance {
                        rank = position + 1
                    }
                    if rank > places { break }
                    if rank == 1 { leaders += 1 }
                    if slot[i] < 0 {
                        slot[i] = counts.count / places
                        counts.append(contentsOf: repeatElement(0, count: places))
                    }
                    counts[slot[i] * places + rank - 1] += 1
                }
                if leaders > 0 {
                    let credit = 1 / Double(leaders)
                    for i in candidates.prefix(leaders) { firsts[i] += credit }
                }
            }
            return BlockCounts(
                firsts: firsts, late: Array(UnsafeBufferPointer(start: late.base, count: n)), qualified: qualified,
                slot: slot, counts: counts)
        }
        let blocks = Parallel.map(blockCount, runBlock)
        // Merge the blocks: chances add up; rank counts add up per product.
        var firsts = [Double](repeating: 0, count: n)
        var late = [Double](repeating: 0, count: n)
        var qualified = [Double](repeating: 0, count: n)
        var slot = [Int](repeating: -1, count: n)
        var counts: [UInt32] = []
        for block in blocks {
            for i in 0..<n {
                firsts[i] += block.firsts[i]
                late[i] += block.late[i]
                qualified[i] += block.qualified[i]
                guard block.slot[i] >= 0 else { continue }
                if slot[i] < 0 {
                    slot[i] = counts.count / places
                    counts.append(contentsOf: repeatElement(0, count: places))
                }
                for r in 0..<places { counts[slot[i] * places + r] += block.counts[block.slot[i] * places + r] }
            }
        }
        let draws = Double(options.draws)
        func percentile(_ i: Int, _ q: Double) -> Int? {
            guard slot[i] >= 0 else { return nil }
            let target = q * draws
            var seen = 0.0
            for r in 0..<places {
                seen += Double(counts[slot[i] * places + r])
                if seen >= target { return r + 1 }
            }
            return nil
        }
        let outcomes = entries.indices.map { i in
            var o = Outcome(
                id: entries[i].id, chanceFirst: firsts[i] / draws, rankP5: percentile(i, 0.05),
                rankP95: percentile(i, 0.95),
                chanceLate: hasDatesValues[i] ? late[i] / draws : fixedLate[i])
            o.chanceQualifies = undrawn[i] ? nil : (checkValues[i] != 0 ? qualified[i] / draws : 1)
            return o
        }
        var result = Result(options: options, method: ranking.method, outcomes: outcomes)
        result.townShareBasis = townBasis
        return result
    }

    /// Exactly what the draws vary and what they hold fixed, in words.
    public static func variedText(_ result: Result) -> String {
        "Varied: every stated price and licence range, every cost the market reference estimates, date windows, "
            + "announced dates slipping as the profile says, integration links a spec does not state (with the market's chance), "
            + "an estimated video rate (so stored TB and storage scores), the back-end's free space when the profile gives a range, "
            + "and each weight within ±\(Format.number(result.options.weightBand * 100))%. "
            + "Held fixed: single stated figures and the department's other figures (cameras, users, retention, funds)."
            + (result.townShareBasis
                ? " The cost is scored on the town's share: each drawn cost moves it one for one (a funds' rule that could absorb part of a higher cost is not redrawn)."
                : "")
    }

    /// "Panasonic Arbitrator BWC ranks first in 64% of plausible cases."
    public static func lines(_ result: Result, ranking: Ranking) -> [String] {
        var out = [
            "Chance of ranking first: \(Format.count(result.options.draws)) draws (seed \(result.options.seed)). "
                + variedText(result)
        ]
        let sorted = result.outcomes.sorted { $0.chanceFirst > $1.chanceFirst }
        if let top = sorted.first, let name = ranking.entry(top.id)?.product.name {
            out.append(
                "\(SafeText.escaped(name)) ranks first in \(Format.fixed(top.chanceFirst * 100, 1))% of plausible cases."
            )
        }
        for o in result.outcomes {
            let name = ranking.entry(o.id).map { SafeText.escaped($0.product.name) } ?? o.id
            let band = o.rankP5 != nil && o.rankP5 == o.rankP95 ? "always \(o.bandText)" : o.bandText
            var line =
                "  \(SafeText.padded(name, 28)) first in \(SafeText.padded(Format.fixed(o.chanceFirst * 100, 1) + "%", 6, alignRight: true)); rank \(band) (5th-95th percentile)"
            if o.chanceLate > 0 && o.chanceLate < 1 {
                line += "; after need-by in \(Format.fixed(o.chanceLate * 100, 1))%"
            }
            out.append(line)
        }
        return out
    }
}

/// A fixed-size buffer for the simulation's hot loop: reads and writes without the
/// uniqueness check an Array write needs (a third of the loop's time at 10,000 products).
/// Indices are always within 0..<count by construction of the loops that use it. Shared
/// between threads only for reading; each block of draws writes its own.
final class Scratch<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    let count: Int

    init(_ values: [T]) {
        count = values.count
        base = .allocate(capacity: max(1, values.count))
        values.withUnsafeBufferPointer { base.initialize(from: $0.baseAddress!, count: values.count) }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    subscript(i: Int) -> T {
        @inline(__always) get { base[i] }
        @inline(__always) set { base[i] = newValue }
    }
}

/// SplitMix64: a small, fast, seedable generator (Steele, Lea & Flood 2014).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in 0..<bound, by the high half of a 64 x 64-bit product (Lemire 2019):
    /// no division, which cost more than the rest of a draw. The bias is below 2^-40 for any
    /// bound under 2^24 (a date window of days).
    public mutating func below(_ bound: UInt64) -> UInt64 {
        next().multipliedFullWidth(by: bound).high
    }

    /// Uniform in [0, 1).
    @inline(__always)
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [low, high].
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) * 0x1.0p-53
    }
}
