/// Counter-based random numbers for the simulation: the number a figure takes in a draw
/// depends only on the run's seed, the draw, the product's id and which figure it is, never
/// on the other products or their order. So one product can be changed and every other
/// product's draws replayed exactly (common random numbers: how `Questions` computes an
/// answer's effect), and any single draw can be computed again on its own.
///
/// The mixing function is SplitMix64's finaliser (Steele, Lea & Flood 2014), applied to the
/// sum of a draw-and-product key and a figure key.
public enum DrawKey {
    static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The key of draw `d` (0-based) of a run seeded `seed`.
    @inline(__always)
    public static func draw(seed: UInt64, _ d: Int) -> UInt64 { mix(seed &+ UInt64(d &+ 1) &* gamma) }

    /// A name's key (a product's id, a figure's spec key): FNV-1a over its UTF-8, mixed.
    public static func name(_ text: String, occurrence: Int = 0) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return mix(h &+ UInt64(occurrence) &* gamma)
    }

    /// Uniform in [0, 1): figure `figure` under `key` (a draw's key, or a draw's key xor a
    /// product's).
    @inline(__always)
    public static func unit(_ key: UInt64, _ figure: UInt64) -> Double {
        // Through Int64: the number is below 2^53, and a signed conversion needs no branch.
        Double(Int64(bitPattern: mix(key &+ figure) >> 11)) * 0x1.0p-53
    }

    /// A whole number in 0..<bound by the high half of a 64 x 64-bit product (Lemire 2019).
    @inline(__always)
    public static func below(_ key: UInt64, _ figure: UInt64, _ bound: UInt64) -> UInt64 {
        mix(key &+ figure).multipliedFullWidth(by: bound).high
    }

    /// The draw-level figures (the four weight factors, the back-end's free space) and the
    /// figures every product may have once: fixed odd constants, so the hot loop reads no
    /// lazily initialised global.
    static let weight0: UInt64 = 0x243F_6A88_85A3_08D3
    static let weight1: UInt64 = 0x1319_8A2E_0370_7345
    static let weight2: UInt64 = 0xA409_3822_299F_31D1
    static let weight3: UInt64 = 0x082E_FA98_EC4E_6C89
    static let backendKey: UInt64 = 0x4528_21E6_38D0_1377
    static let dayKey: UInt64 = 0xBE54_66CF_34E9_0C6D
    static let slipKey: UInt64 = 0xC0AC_29B7_C97C_50DD
    static let slipDaysKey: UInt64 = 0x3F84_D5B5_B547_0917
    static let rateKey: UInt64 = 0x9216_D5D9_8979_FB1B
    /// The committee's weight factor (drawn only when the profile has a committee).
    static let weight4: UInt64 = 0xB8E1_AFED_6A26_7E96
    /// A product's disputed judged scores: one number per eight of them.
    static let committeeKey: UInt64 = 0x24A1_9947_B391_6CF7
}

/// The lowest of some values, whose it is (the first of equal ones), and the next lowest.
struct Lowest {
    var value = Double.infinity
    var by = -1
    var second = Double.infinity

    @inline(__always)
    mutating func add(_ v: Double, _ i: Int) {
        if v < value {
            second = value
            value = v
            by = i
        } else if v < second {
            second = v
        }
    }
}

/// Each kind of drawn product in chunks of `size` product indices, in index order.
struct DrawChunks: Sendable {
    enum Kind: Int, CaseIterable {
        /// Cost ranges, date windows, unstated links, a drawn video rate, disputed judged
        /// scores, must-haves a draw decides, and the products that can set the cost benchmark.
        case costDrawn, dated, linked, rated, judged, checked, costContenders
    }

    static let size = 1024
    let count: Int
    let n: Int
    let lists: [[Int]]
    /// Kind k's products in chunk c are lists[k][starts[k * (count + 1) + c]..<starts[k * (count + 1) + c + 1]].
    let starts: [Int]

    init(n: Int, _ lists: [Kind: [Int]]) {
        self.n = n
        count = max(1, (n + Self.size - 1) / Self.size)
        self.lists = Kind.allCases.map { lists[$0] ?? [] }
        var starts: [Int] = []
        for list in self.lists {
            var p = 0
            for c in 0...count {
                while p < list.count && list[p] < c * Self.size { p += 1 }
                starts.append(p)
            }
        }
        self.starts = starts
    }

    /// The products of `kind` in chunk `c`.
    @inline(__always)
    subscript(kind: Kind, c: Int) -> ArraySlice<Int> {
        let k = kind.rawValue * (count + 1) + c
        return lists[kind.rawValue][starts[k]..<starts[k + 1]]
    }

    /// Every product of chunk `c`.
    func all(_ c: Int) -> Range<Int> { (c * Self.size)..<min(n, (c + 1) * Self.size) }
}

/// The weight shares of a draw: cost, integration, storage, availability, committee.
typealias Shares = (Double, Double, Double, Double, Double)

/// One product's figures in one draw.
struct Drawn {
    var tco: Double
    var yearOne: Double
    var earned: Double
    var integration: Double
    var tb: Double
    var days: Double
    var late: Bool
    /// The committee's score (each disputed judged score one evaluator's, drawn).
    var committee: Double
}

/// The fixed figures of a list of products, as structure-of-arrays buffers the draws read
/// (never a per-product model copied in the hot loop), and the arithmetic of one product's
/// draw, its must-haves and its storage score: the simulation and the questions' replays
/// call the same code, so their figures agree to the bit.
final class DrawTable: @unchecked Sendable {
    let n: Int
    let key: Scratch<UInt64>
    let baseTCO, integration, storage, availability, rawIntegration, rawStorage, rawDays: Scratch<Double>
    let rateLow, rateWidth: Scratch<Double>
    let rateOn: Scratch<Bool>
    /// 0 none (no penalty), 1 fixed, 2 the department's back-end.
    let capacityKind: Scratch<Int>
    let capacity: Scratch<Double>
    /// Product i's drawn cost figures are rangeStart[i]..<rangeStart[i + 1]: each moves the TCO
    /// by offset + width x u (and year one likewise).
    let offset, width, yearOneOffset, yearOneWidth: Scratch<Double>
    let figureKey: Scratch<UInt64>
    let rangeStart: Scratch<Int>
    let hasDates: Scratch<Bool>
    let firstDay: Scratch<Int>
    let dayChoices: Scratch<UInt64>
    let slipChance: Scratch<Double>
    let slipDays: Scratch<UInt64>
    let linkChance, linkPoints: Scratch<Double>
    let linkKey: Scratch<UInt64>
    let linkStart: Scratch<Int>
    let knownPoints, availablePoints: Scratch<Double>
    let yearOneBase, yearOneLimit: Scratch<Double>
    /// The committee's score: its fixed part (the judged scores nobody disputes, by their
    /// shares); then product i's disputed scores are pickStart[i]..<pickStart[i + 1], each
    /// one of pickCount marks (from markStart). A mark is a 16-bit code into its criterion's
    /// table of share x points (from pickBase): the marks of 1,000 products, 6 criteria and 20
    /// evaluators take 240 KB, which the cache holds, where doubles took a megabyte per draw.
    let committeeFixed, committeePoint: Scratch<Double>
    /// The highest committee score a draw can give product i (its highest marks): a bound that
    /// lets a draw skip the committee of a product that cannot reach the first places.
    let committeeMax: Scratch<Double>
    let markValue: Scratch<Double>
    let markCode: Scratch<UInt16>
    let pickCount: Scratch<UInt64>
    let pickStart, markStart, pickBase: Scratch<Int>
    /// Must-haves checked in each draw: 1 date, 2 year one, 4 links, 8 storage (bits).
    let check: Scratch<Int>
    // Plain arrays for the set-up outside the hot loop.
    let checkValues: [Int]
    let undrawn: [Bool]
    let hasDatesValues: [Bool]
    let rateDrawn: [Bool]
    let capacityKinds: [Int]
    /// Products whose date is fixed: 1 when it is after the need-by date.
    let fixedLate: [Double]
    let varies: [Bool]
    let fixedCost: [Bool]
    let rawTCO: [Double]
    // The profile's figures every product's draw uses.
    let span: Double
    /// `Scoring.availability` of day 0, 1, ... up to the need-by date (0 after it).
    let availabilityByDay: Scratch<Double>
    let townBasis: Bool
    let backendRanged: Bool
    let penalty: Double

    init(_ assessments: [Assessment], profile: Profile) {
        let n = assessments.count
        self.n = n
        let e0 = profile.evaluationDate.daysSinceEpoch
        span = Double(profile.needBy.daysSinceEpoch - e0)
        let span = span
        availabilityByDay = Scratch(
            (0...max(0, Int(span))).map { Scoring.availability(daysAway: Double($0), span: span) })
        townBasis = profile.costBasis == .townShare
        backendRanged = profile.backendFreeTBRange != nil
        penalty = profile.storagePenalty
        var keys = [UInt64](repeating: 0, count: n)
        var baseTCOValues = [Double](repeating: 0, count: n)
        var integrationValues = [Double](repeating: 0, count: n)
        var storageValues = [Double](repeating: 0, count: n)
        var availabilityValues = [Double](repeating: 0, count: n)
        var rawIntegrationValues = [Double](repeating: 0, count: n)
        var rawStorageValues = [Double](repeating: 0, count: n)
        var rawDaysValues = [Double](repeating: 0, count: n)
        var rateLowValues = [Double](repeating: 0, count: n)
        var rateWidthValues = [Double](repeating: 0, count: n)
        var rateDrawnValues = [Bool](repeating: false, count: n)
        var capacityKindValues = [Int](repeating: 0, count: n)
        var capacityValues = [Double](repeating: 0, count: n)
        var offsetValues: [Double] = []
        var widthValues: [Double] = []
        var yearOneOffsetValues: [Double] = []
        var yearOneWidthValues: [Double] = []
        var figureKeyValues: [UInt64] = []
        var rangeStartValues = [Int](repeating: 0, count: n + 1)
        var hasDatesValues = [Bool](repeating: false, count: n)
        var firstDayValues = [Int](repeating: 0, count: n)
        var dayChoicesValues = [UInt64](repeating: 1, count: n)
        var slipChanceValues = [Double](repeating: 0, count: n)
        var slipDaysValues = [UInt64](repeating: 1, count: n)
        var lateValues = [Double](repeating: 0, count: n)
        var linkChanceValues: [Double] = []
        var linkPointsValues: [Double] = []
        var linkKeyValues: [UInt64] = []
        var linkStartValues = [Int](repeating: 0, count: n + 1)
        var knownPointsValues = [Double](repeating: 0, count: n)
        var availablePointsValues = [Double](repeating: 0, count: n)
        var checkValues = [Int](repeating: 0, count: n)
        var undrawnValues = [Bool](repeating: false, count: n)
        var yearOneBaseValues = [Double](repeating: 0, count: n)
        var yearOneLimitValues = [Double](repeating: profile.funds, count: n)
        var variesValues = [Bool](repeating: false, count: n)
        var committeeFixedValues = [Double](repeating: 0, count: n)
        var committeePointValues = [Double](repeating: 0, count: n)
        var committeeMaxValues = [Double](repeating: 0, count: n)
        var pickCountValues: [UInt64] = []
        var pickBaseValues: [Int] = []
        var markCodeValues: [UInt16] = []
        // Per criterion: each distinct mark's share x points, and its code.
        let criteriaCount = profile.committee?.criteria.count ?? 0
        var tables = [[Double]](repeating: [], count: criteriaCount)
        var codes = [[Double: UInt16]](repeating: [:], count: criteriaCount)
        var pickStartValues = [Int](repeating: 0, count: n + 1)
        var markStartValues: [Int] = []
        let committeeShares = profile.committee?.shares ?? []
        for (i, a) in assessments.enumerated() {
            keys[i] = DrawKey.name(a.id)
            // The cost figure the score compares: the TCO, or the town's share, which the drawn
            // costs move one for one (see variedText).
            baseTCOValues[i] = a.costFigure
            integrationValues[i] = a.scores.integration
            storageValues[i] = a.scores.storage
            availabilityValues[i] = a.scores.availability
            rawIntegrationValues[i] = a.raw(.integration)
            rawStorageValues[i] = a.raw(.storage)
            let st = a.storage
            if st.gbPerHourRange != nil {
                // TB scales with the rate: from the TB at the low end to the TB at the high end.
                rateDrawnValues[i] = true
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
            rawDaysValues[i] = a.raw(.availability)
            // Every stated range and every estimate behind the TCO, as the cost criterion
            // lists them; each keyed by its spec key (and which occurrence of it).
            var seen: [SpecKey: Int] = [:]
            for f in a.cost.uncertain where f.isRange {
                // A drawn figure moves the TCO by perUnit x (low + (high - low) u - point).
                offsetValues.append((f.low - f.point) * f.tcoPerUnit)
                widthValues.append((f.high - f.low) * f.tcoPerUnit)
                yearOneOffsetValues.append((f.low - f.point) * f.yearOnePerUnit)
                yearOneWidthValues.append((f.high - f.low) * f.yearOnePerUnit)
                let occurrence = seen[f.field, default: 0]
                seen[f.field] = occurrence + 1
                figureKeyValues.append(DrawKey.name(f.field.path, occurrence: occurrence))
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
                default: undrawnValues[i] = true
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
            for ((chance, points), feature) in zip(a.integration.chances, a.integration.chanceFeatures) {
                linkChanceValues.append(chance)
                linkPointsValues.append(points)
                linkKeyValues.append(DrawKey.name("features." + feature.rawValue))
            }
            linkStartValues[i + 1] = linkChanceValues.count
            // The committee: a disputed judged score is one evaluator's mark, each equally likely
            // (resampling the evaluators); the others count as they stand.
            committeePointValues[i] = a.scores.committee
            for (j, (score, share)) in zip(a.judged, committeeShares).enumerated() {
                if score.varies {
                    pickCountValues.append(UInt64(score.marks.count))
                    pickBaseValues.append(j)
                    markStartValues.append(markCodeValues.count)
                    for m in score.marks {
                        let value = share * score.criterion.points(m.score)
                        if let code = codes[j][value] {
                            markCodeValues.append(code)
                        } else {
                            let code = UInt16(truncatingIfNeeded: tables[j].count)
                            codes[j][value] = code
                            tables[j].append(value)
                            markCodeValues.append(code)
                        }
                    }
                } else {
                    committeeFixedValues[i] += share * score.points
                }
            }
            pickStartValues[i + 1] = pickCountValues.count
            // The bound adds the same terms in the same order as a draw, so it is never below one.
            var bound = committeeFixedValues[i]
            for (score, share) in zip(a.judged, committeeShares) where score.varies {
                bound += share * score.criterion.points(score.highest ?? score.criterion.scaleLow)
            }
            committeeMaxValues[i] = pickStartValues[i + 1] > pickStartValues[i] ? bound : committeePointValues[i]
            knownPointsValues[i] = a.integration.knownEarned
            availablePointsValues[i] = a.integration.available
            variesValues[i] =
                rangeStartValues[i + 1] > rangeStartValues[i] || hasDatesValues[i]
                || linkStartValues[i + 1] > linkStartValues[i] || rateDrawnValues[i]
                || pickStartValues[i + 1] > pickStartValues[i]
        }
        committeeFixed = Scratch(committeeFixedValues)
        committeePoint = Scratch(committeePointValues)
        committeeMax = Scratch(committeeMaxValues)
        // More than 65,536 distinct marks on one criterion cannot be coded in 16 bits: then each
        // mark gets its own table entry (codes as positions; rare: marks are on a small scale).
        if tables.contains(where: { $0.count > Int(UInt16.max) + 1 }) {
            preconditionFailure("more than 65,536 distinct marks on one judged criterion")
        }
        var offsets: [Int] = []
        var flat: [Double] = []
        for t in tables {
            offsets.append(flat.count)
            flat += t
        }
        markValue = Scratch(flat.isEmpty ? [0] : flat)
        markCode = Scratch(markCodeValues.isEmpty ? [0] : markCodeValues)
        pickBase = Scratch(pickBaseValues.map { offsets[$0] })
        pickCount = Scratch(pickCountValues)
        pickStart = Scratch(pickStartValues)
        markStart = Scratch(markStartValues)
        key = Scratch(keys)
        rawTCO = baseTCOValues
        baseTCO = Scratch(baseTCOValues)
        integration = Scratch(integrationValues)
        storage = Scratch(storageValues)
        availability = Scratch(availabilityValues)
        rawIntegration = Scratch(rawIntegrationValues)
        rawStorage = Scratch(rawStorageValues)
        rawDays = Scratch(rawDaysValues)
        rateLow = Scratch(rateLowValues)
        rateWidth = Scratch(rateWidthValues)
        rateOn = Scratch(rateDrawnValues)
        rateDrawn = rateDrawnValues
        capacityKind = Scratch(capacityKindValues)
        capacityKinds = capacityKindValues
        capacity = Scratch(capacityValues)
        offset = Scratch(offsetValues)
        width = Scratch(widthValues)
        yearOneOffset = Scratch(yearOneOffsetValues)
        yearOneWidth = Scratch(yearOneWidthValues)
        figureKey = Scratch(figureKeyValues)
        rangeStart = Scratch(rangeStartValues)
        hasDates = Scratch(hasDatesValues)
        self.hasDatesValues = hasDatesValues
        firstDay = Scratch(firstDayValues)
        dayChoices = Scratch(dayChoicesValues)
        slipChance = Scratch(slipChanceValues)
        slipDays = Scratch(slipDaysValues)
        linkChance = Scratch(linkChanceValues)
        linkPoints = Scratch(linkPointsValues)
        linkKey = Scratch(linkKeyValues)
        linkStart = Scratch(linkStartValues)
        knownPoints = Scratch(knownPointsValues)
        availablePoints = Scratch(availablePointsValues)
        yearOneBase = Scratch(yearOneBaseValues)
        yearOneLimit = Scratch(yearOneLimitValues)
        check = Scratch(checkValues)
        self.checkValues = checkValues
        undrawn = undrawnValues
        fixedLate = lateValues
        varies = variesValues
        fixedCost = (0..<n).map { rangeStartValues[$0 + 1] == rangeStartValues[$0] }
    }
}

extension DrawTable {
    /// Product i's figures in the draw keyed `drawKey`.
    @inline(__always)
    func draw(_ i: Int, _ drawKey: UInt64) -> Drawn {
        let k = drawKey ^ key[i]
        let (tco, yearOne) = costs(i, k)
        let (earned, score) = links(i, k)
        let (days, late) = date(i, k)
        return Drawn(
            tco: tco, yearOne: yearOne, earned: earned, integration: score, tb: tb(i, k), days: days, late: late,
            committee: committee(i, k))
    }

    /// The drawn cost figure and year one (year one moves with the same numbers as the TCO).
    /// `k`: the draw's key xor the product's.
    @inline(__always)
    func costs(_ i: Int, _ k: UInt64) -> (Double, Double) {
        var tco = baseTCO[i]
        var yearOne = yearOneBase[i]
        if check[i] & 2 != 0 {
            for r in rangeStart[i]..<rangeStart[i + 1] {
                let u = DrawKey.unit(k, figureKey[r])
                tco += offset[r] + width[r] * u
                yearOne += yearOneOffset[r] + yearOneWidth[r] * u
            }
        } else {
            for r in rangeStart[i]..<rangeStart[i + 1] { tco += offset[r] + width[r] * DrawKey.unit(k, figureKey[r]) }
        }
        return (townBasis ? max(0, tco) : tco, yearOne)
    }

    /// The integration points earned with the unstated links drawn, and the score.
    @inline(__always)
    func links(_ i: Int, _ k: UInt64) -> (Double, Double) {
        guard linkStart[i + 1] > linkStart[i] else { return (rawIntegration[i], integration[i]) }
        var earned = knownPoints[i]
        for l in linkStart[i]..<linkStart[i + 1] where DrawKey.unit(k, linkKey[l]) < linkChance[l] {
            earned += linkPoints[l]
        }
        return (earned, availablePoints[i] > 0 ? earned / availablePoints[i] * 100 : 0)
    }

    /// The stored TB with an estimated video rate drawn.
    @inline(__always)
    func tb(_ i: Int, _ k: UInt64) -> Double {
        rateOn[i] ? rateLow[i] + rateWidth[i] * DrawKey.unit(k, DrawKey.rateKey) : rawStorage[i]
    }

    /// The drawn day after the evaluation date (a slip for an announced date; before the
    /// evaluation date counts as 0), and whether it is after the need-by date.
    @inline(__always)
    func day(_ i: Int, _ k: UInt64) -> (Int, Bool) {
        var day = firstDay[i] + Int(DrawKey.below(k, DrawKey.dayKey, dayChoices[i]))
        if slipChance[i] > 0 {
            // Whether it slips is a coin toss the processor cannot predict: both numbers are
            // drawn and the slip added by a multiply, not a branch (the same figures).
            let slips = DrawKey.unit(k, DrawKey.slipKey) < slipChance[i]
            day += (slips ? 1 : 0) * (1 + Int(DrawKey.below(k, DrawKey.slipDaysKey, slipDays[i])))
        }
        return (max(0, day), Double(day) > span)
    }

    /// The committee's score in a draw: each disputed judged score one evaluator's mark, each
    /// equally likely. One 64-bit random number serves eight of a product's disputed scores:
    /// each takes the high word of the number times its count of marks, and the low word goes
    /// on to the next (a multiply each).
    @inline(__always)
    func committee(_ i: Int, _ k: UInt64) -> Double {
        let start = pickStart[i]
        let end = pickStart[i + 1]
        if start == end { return committeePoint[i] }
        var total = committeeFixed[i]
        var bits: UInt64 = 0
        for p in start..<end {
            if (p - start) & 7 == 0 {
                bits = DrawKey.mix(k &+ DrawKey.committeeKey &+ UInt64(p - start) &* DrawKey.gamma)
            }
            let (choice, rest) = bits.multipliedFullWidth(by: pickCount[p])
            bits = rest
            total += markValue[pickBase[p] + Int(markCode[markStart[p] + Int(choice)])]
        }
        return total
    }

    /// The drawn date as days, and whether it is after the need-by date.
    @inline(__always)
    func date(_ i: Int, _ k: UInt64) -> (Double, Bool) {
        guard hasDates[i] else { return (rawDays[i], false) }
        let (d, late) = day(i, k)
        return (Double(d), late)
    }

    /// Product i's total from its figures in a draw, against the draw's benchmarks (the
    /// replay's arithmetic; the hot loop reads the same scores from its buffers).
    @inline(__always)
    func total(
        _ i: Int, tco: Double, integration: Double, tb: Double, days: Double,
        committee: Double, shares: Shares, lowest: Double, floor: Double, smallest: Double?,
        lastFree: Double
    ) -> Double {
        let storage = smallest.map { storageScore(i, tb: tb, smallest: $0, lastFree: lastFree) } ?? self.storage[i]
        return Scoring.weightedSum(
            shares.0, shares.1, shares.2, shares.3, cost: Scoring.cost(tco, lowest: lowest, floor: floor),
            integration: integration, storage: storage, availability: availabilityScore(i, days: days),
            shares.4, committee: committee)
    }

    /// The same from a product's drawn figures and the recorded draw.
    @inline(__always)
    func total(_ i: Int, _ d: Drawn, in r: DrawRecord, lowest: Double, floor: Double, smallest: Double?) -> Double {
        total(
            i, tco: d.tco, integration: d.integration, tb: d.tb, days: d.days, committee: d.committee,
            shares: r.shares, lowest: lowest,
            floor: floor, smallest: smallest, lastFree: r.lastFree)
    }

    /// Product i's figures when nothing about it is drawn.
    @inline(__always)
    func fixed(_ i: Int) -> Drawn {
        Drawn(
            tco: rawTCO[i], yearOne: yearOneBase[i], earned: rawIntegration[i], integration: integration[i],
            tb: rawStorage[i], days: rawDays[i], late: false, committee: committeePoint[i])
    }

    /// Whether product i meets the must-haves the draw decides.
    @inline(__always)
    func passes(_ i: Int, days: Double, yearOne: Double, earned: Double, tb: Double, lastFree: Double) -> Bool {
        let c = check[i]
        if c == 0 { return true }
        if c & 1 != 0 && days > span { return false }
        if c & 2 != 0 && yearOne > yearOneLimit[i] + 0.005 { return false }
        if c & 4 != 0 && earned <= 0 { return false }
        if c & 8 != 0 {
            let cap = capacityKind[i] == 2 && backendRanged ? lastFree : capacity[i]
            if tb > cap { return false }
        }
        return true
    }

    /// `Scoring.storage` of product i's drawn TB against the draw's smallest.
    @inline(__always)
    func storageScore(_ i: Int, tb: Double, smallest: Double, lastFree: Double) -> Double {
        storageScore(i, tb: tb, base: Scoring.storageBase(tb, smallest: smallest), lastFree: lastFree)
    }

    /// The same from the score's base (`Scoring.storageBase`): whether the TB fits the
    /// product's storage in this draw decides the penalty.
    @inline(__always)
    func storageScore(_ i: Int, tb: Double, base: Double, lastFree: Double) -> Double {
        let cap: Double
        switch capacityKind[i] {
        case 1: cap = capacity[i]
        case 2: cap = backendRanged ? lastFree : capacity[i]
        default: cap = .infinity
        }
        return Scoring.storage(base: base, fits: tb <= cap, penalty: penalty)
    }

    /// `Scoring.availability` of a drawn day (a whole number of days), looked up: the same
    /// figure without a division in the hot loop.
    @inline(__always)
    func availabilityOnDay(_ d: Int) -> Double { d < availabilityByDay.count ? availabilityByDay[d] : 0 }

    /// The availability score of a drawn date (the fixed score when nothing about it is drawn).
    @inline(__always)
    func availabilityScore(_ i: Int, days: Double) -> Double {
        hasDates[i] ? availabilityOnDay(Int(days)) : availability[i]
    }
}

/// One block's counts: chances of first (unnormalised) and rank counts per product.
struct BlockCounts: Sendable {
    var firsts: [Double]
    /// Draws in which the product came after the need-by date.
    var late: [Double]
    /// Draws in which it met every must-have.
    var qualified: [Double]
    var slot: [Int]
    var counts: [UInt32]
    /// What a replay with one product changed needs of each draw (when recording).
    var records: [DrawRecord]
    var top: [Int32]
    var topTotals: [Double]
}

/// What a draw decided, kept so that a replay with one product changed recomputes only that
/// product unless the change moves a benchmark.
struct DrawRecord: Sendable {
    var shares: Shares
    var lastFree: Double
    /// The lowest cost among the products in the draw, whose it is (-1: none), and the lowest
    /// of the others.
    var cheapest: Double
    var cheapestBy: Int
    var cheapestSecond: Double
    /// The same for the stored TB (when storage scores are drawn).
    var smallest: Double
    var smallestBy: Int
    var smallestSecond: Double
    /// How many of the first products in order are kept (at most `kept`: their indices and
    /// totals are the block's `top` and `topTotals` from `draw x kept`); `complete` when no
    /// product in the draw is left out of them.
    var topCount: Int
    var complete: Bool

    static let kept = 8
}

/// One block's recorded draws.
struct Records: Sendable {
    var draws: [DrawRecord]
    var top: [Int32]
    var topTotals: [Double]
}

/// One product changed for a replay: which base product it replaces (-1: none, it was not
/// ranked) and its row in the replay's table of changed products (-1: it is not ranked now).
struct Variant: Sendable {
    var replacing: Int
    var row: Int
    var id: String
}

/// A variant's figures over the draws.
public struct VariantChances: Sendable, Equatable {
    /// Chance of ranking first, by product id (only products that ranked first in a draw).
    public var firsts: [String: Double]
    /// The changed product's chance of meeting the must-haves (0 when it is not ranked).
    public var qualifies: Double

    public func first(_ id: String) -> Double { firsts[id] ?? 0 }
}

/// The simulation's draws over one ranking, and replays of them with one product changed.
final class SimulationEngine: @unchecked Sendable {
    let options: Simulation.Options
    let method: Method
    let ids: [String]
    let table: DrawTable
    let n: Int
    let profile: Profile
    /// The products with cost ranges, date windows, unstated links, an estimated video rate.
    let costDrawn: [Int]
    let dated: [Int]
    let linked: [Int]
    let rated: [Int]
    /// The products stored on the department's back-end (their storage scores move with its space).
    let onBackend: [Int]
    let checked: [Int]
    /// Each kind of product by chunks of product indices.
    let chunks: DrawChunks
    /// The lowest cost among products whose cost is fixed and who are never out of a draw,
    /// whose it is, and the next: a draw's benchmark starts from it.
    let constantCost: Lowest
    let storageDrawn: Bool
    let storageVaries: Bool
    let floor: Double
    let smallestTB: Double
    let baseShares: [Double]
    let benefit: [Bool]
    /// Whether the profile has a committee (a fifth share), and the products whose
    /// committee score a draw varies.
    let hasCommittee: Bool
    let judgedDrawn: [Int]

    /// Nil for an empty ranking.
    init?(_ ranking: Ranking, options: Simulation.Options) {
        guard let first = ranking.entries.first else { return nil }
        self.options = options
        method = ranking.method
        let assessments = ranking.entries.map(\.assessment)
        ids = assessments.map(\.id)
        n = assessments.count
        profile = first.assessment.profile
        let table = DrawTable(assessments, profile: profile)
        self.table = table
        let n = n
        costDrawn = (0..<n).filter { !table.fixedCost[$0] }
        dated = (0..<n).filter { table.hasDatesValues[$0] }
        linked = (0..<n).filter { table.linkStart[$0 + 1] > table.linkStart[$0] }
        rated = (0..<n).filter { table.rateDrawn[$0] }
        judgedDrawn = (0..<n).filter { table.pickStart[$0 + 1] > table.pickStart[$0] }
        hasCommittee = ranking.weights.criteria.contains(.committee)
        onBackend = (0..<n).filter { table.capacityKinds[$0] == 2 }
        checked = (0..<n).filter { table.checkValues[$0] != 0 }
        chunks = DrawChunks(
            n: n,
            [
                .costDrawn: costDrawn, .dated: dated, .linked: linked, .rated: rated, .judged: judgedDrawn,
                .checked: checked,
                .costContenders: (0..<n).filter { !table.fixedCost[$0] || table.checkValues[$0] != 0 },
            ])
        var cost = Lowest()
        for i in 0..<n where table.fixedCost[i] && table.checkValues[i] == 0 { cost.add(table.rawTCO[i], i) }
        constantCost = cost
        storageDrawn =
            table.rateDrawn.contains(true) || (profile.backendFreeTBRange != nil && table.capacityKinds.contains(2))
        storageVaries = storageDrawn || table.checkValues.contains { $0 != 0 }
        floor = first.assessment.best.costFloor
        smallestTB = first.assessment.best.smallestTB
        baseShares = Criterion.allCases.map { ranking.weights.share($0) }
        benefit = Criterion.allCases.map(Assessment.isBenefit)
    }

    /// The draw-level figures: the weight shares and the back-end's free space.
    @inline(__always)
    func drawLevel(_ drawKey: UInt64) -> (shares: Shares, lastFree: Double) {
        if options.pointDraw {
            return ((baseShares[0], baseShares[1], baseShares[2], baseShares[3], baseShares[4]), profile.backendFreeTB)
        }
        let band = options.weightBand
        func factor(_ key: UInt64) -> Double { (1 - band) + 2 * band * DrawKey.unit(drawKey, key) }
        var s0 = baseShares[0] * factor(DrawKey.weight0)
        var s1 = baseShares[1] * factor(DrawKey.weight1)
        var s2 = baseShares[2] * factor(DrawKey.weight2)
        var s3 = baseShares[3] * factor(DrawKey.weight3)
        // Without a committee its share is 0 and the sum is the four's, to the bit.
        var s4 = hasCommittee ? baseShares[4] * factor(DrawKey.weight4) : 0
        let sum = s0 + s1 + s2 + s3 + s4
        if sum > 0 {
            s0 /= sum
            s1 /= sum
            s2 /= sum
            s3 /= sum
            s4 /= sum
        } else if hasCommittee {
            (s0, s1, s2, s3, s4) = (0.2, 0.2, 0.2, 0.2, 0.2)
        } else {
            (s0, s1, s2, s3) = (0.25, 0.25, 0.25, 0.25)
        }
        let range = profile.backendFreeTBRange
        let free = range.map { $0.low + ($0.high - $0.low) * DrawKey.unit(drawKey, DrawKey.backendKey) } ?? 0
        return ((s0, s1, s2, s3, s4), free)
    }

    /// Scratch buffers of one thread's draws, starting at the point figures.
    final class Buffers {
        let tcos, days, earned, integration, tb, storage, storageBase, availability, totals, yearOne,
            committee: Scratch<Double>
        let ok: Scratch<Bool>
        /// Where counts a replay does not keep go.
        let discard = Scratch([0.0])
        /// The smallest TB and back-end space the storage scores were last computed against.
        var scoredSmallest = Double.nan
        var scoredFree = Double.nan

        init(_ t: DrawTable) {
            tcos = Scratch(t.rawTCO)
            days = t.rawDays.copy()
            earned = t.rawIntegration.copy()
            integration = t.integration.copy()
            tb = t.rawStorage.copy()
            storage = t.storage.copy()
            storageBase = Scratch([Double](repeating: 0, count: t.n))
            availability = t.availability.copy()
            yearOne = t.yearOneBase.copy()
            committee = t.committeePoint.copy()
            totals = Scratch([Double](repeating: 0, count: t.n))
            ok = Scratch([Bool](repeating: true, count: t.n))
        }
    }

    /// Draws every product's drawn figures and checks the must-haves the draw decides
    /// (counting late and qualified draws when given counters); returns the draw's lowest cost
    /// and lowest TB among the products in it (the TB only when storage varies), each with
    /// whose it is and the next: the benchmarks.
    ///
    /// Chunk by chunk of products, and in a chunk one pass per kind of figure: short loops the
    /// compiler keeps in registers, over a chunk whose figures stay in the cache from one pass
    /// to the next (at 100,000 products the table and the buffers outgrow the caches, and a
    /// pass over every product read each product's figures again from memory).
    @inline(__always)
    @discardableResult
    func fill(
        _ drawKey: UInt64, lastFree: Double, into b: Buffers, late: Scratch<Double>?, qualified: Scratch<Double>?,
        committee: Bool = true
    ) -> (cost: Lowest, tb: Lowest) {
        let t = table
        let draw = !options.pointDraw
        // Counts added without a branch: whether a date is late is a coin toss the processor
        // cannot predict.
        let lateCounts = late ?? b.discard
        let lateStep = late == nil ? 0 : 1
        let qualifiedCounts = qualified ?? b.discard
        let qualifiedStep = qualified == nil ? 0 : 1
        var cheapest = constantCost
        var smallest = Lowest()
        for c in 0..<chunks.count {
            if draw {
                for i in chunks[.costDrawn, c] { (b.tcos[i], b.yearOne[i]) = t.costs(i, drawKey ^ t.key[i]) }
                for i in chunks[.dated, c] {
                    let (day, isLate) = t.day(i, drawKey ^ t.key[i])
                    b.days[i] = Double(day)
                    b.availability[i] = t.availabilityOnDay(day)
                    lateCounts[i * lateStep] += isLate ? 1 : 0
                }
                for i in chunks[.linked, c] { (b.earned[i], b.integration[i]) = t.links(i, drawKey ^ t.key[i]) }
                for i in chunks[.rated, c] { b.tb[i] = t.tb(i, drawKey ^ t.key[i]) }
                if committee {
                    for i in chunks[.judged, c] { b.committee[i] = t.committee(i, drawKey ^ t.key[i]) }
                } else {
                    // The bound for now; `exactCommittee` draws those that could reach the first places.
                    for i in chunks[.judged, c] { b.committee[i] = t.committeeMax[i] }
                }
                for i in chunks[.checked, c] {
                    let pass = t.passes(
                        i, days: b.days[i], yearOne: b.yearOne[i], earned: b.earned[i], tb: b.tb[i],
                        lastFree: lastFree)
                    b.ok[i] = pass
                    qualifiedCounts[i * qualifiedStep] += pass ? 1 : 0
                }
            }
            // The benchmarks among the products in the draw: the constant products start the cost's.
            for i in chunks[.costContenders, c] where b.ok[i] { cheapest.add(b.tcos[i], i) }
            if storageVaries {
                for i in chunks.all(c) where b.ok[i] { smallest.add(b.tb[i], i) }
            }
        }
        return (cheapest, smallest)
    }

    /// Draws the committee of each product in `judgedDrawn` that meets the must-haves and
    /// `which`, and totals it again with the same arithmetic as the draw's.
    @inline(__always)
    func exactCommittee(
        _ b: Buffers, key: UInt64, shares: Shares, cheapest: Double, where which: (Int) -> Bool
    ) {
        let t = table
        for i in judgedDrawn where b.ok[i] && which(i) {
            b.committee[i] = t.committee(i, key ^ t.key[i])
            b.totals[i] = drawnTotal(b, i, shares: shares, cheapest: cheapest)
        }
    }

    /// Product i's total from its figures in the draw's buffers (the hot loop's arithmetic).
    @inline(__always)
    func drawnTotal(_ b: Buffers, _ i: Int, shares: Shares, cheapest: Double) -> Double {
        let (s0, s1, s2, s3, s4) = shares
        return Scoring.weightedSum(
            s0, s1, s2, s3, cost: Scoring.cost(b.tcos[i], lowest: cheapest, floor: floor),
            integration: b.integration[i], storage: b.storage[i], availability: b.availability[i], s4,
            committee: b.committee[i])
    }

    /// Storage scores against the draw's smallest TB `s1` (when storage varies).
    @inline(__always)
    func scoreStorage(_ b: Buffers, lastFree: Double, smallest s1: Double) {
        if storageVaries {
            // A score moves only with its TB, the smallest TB or the back-end's space: when
            // the last two stand since the last draw, only the drawn TBs are scored again.
            // The base (a division) only when the TB or the smallest moved; the back-end's
            // products then only compare their TB with its space.
            if s1 != b.scoredSmallest {
                for i in 0..<n {
                    b.storageBase[i] = Scoring.storageBase(b.tb[i], smallest: s1)
                    b.storage[i] = table.storageScore(i, tb: b.tb[i], base: b.storageBase[i], lastFree: lastFree)
                }
            } else {
                if lastFree != b.scoredFree {
                    for i in onBackend {
                        b.storage[i] = table.storageScore(i, tb: b.tb[i], base: b.storageBase[i], lastFree: lastFree)
                    }
                }
                for i in rated {
                    b.storageBase[i] = Scoring.storageBase(b.tb[i], smallest: s1)
                    b.storage[i] = table.storageScore(i, tb: b.tb[i], base: b.storageBase[i], lastFree: lastFree)
                }
            }
            (b.scoredSmallest, b.scoredFree) = (s1, lastFree)
        }
    }

    /// Runs the draws; with `recording`, keeps what each draw decided for `replay`.
    func run(recording: Bool) -> (result: Simulation.Result, records: [Records]) {
        guard options.draws > 0 else { return (Simulation.Result(options: options, method: method, outcomes: []), []) }
        let places = Simulation.countedPlaces
        let blockDraws = Simulation.blockDraws
        // With few products every one is a candidate; with many, only those above the 3 x
        // places-th total of the last draw (the top of a ranking moves little between draws).
        let selective = n > 4 * places
        // With many products, a product's committee is drawn only when its total could reach
        // the first places (the weighted sum is monotone in it; TOPSIS needs every column).
        let lazyCommittee = selective && method == .weightedSum && !judgedDrawn.isEmpty && !options.eagerCommittee
        let blockCount = (options.draws + blockDraws - 1) / blockDraws
        let totalDraws = options.draws
        let runBlock: @Sendable (Int) -> BlockCounts = { [self] block in
            let t = table
            let b = Buffers(t)
            var firsts = [Double](repeating: 0, count: n)
            let late = Scratch([Double](repeating: 0, count: n))
            let qualified = Scratch([Double](repeating: 0, count: n))
            // Rank counts for the first `countedPlaces` places, allocated for a product the first
            // time it reaches them: slot[i] * places is where its counts start.
            var slot = [Int](repeating: -1, count: n)
            var counts: [UInt32] = []
            var records: [DrawRecord] = []
            var top: [Int32] = []
            var topTotals: [Double] = []
            var candidates: [Int] = []
            candidates.reserveCapacity(min(n, 4 * places))
            var threshold = -Double.infinity
            let start = block * blockDraws
            for d in start..<min(start + blockDraws, totalDraws) {
                let key = DrawKey.draw(seed: options.seed, d)
                let (shares, lastFree) = drawLevel(key)
                let (lowestCost, lowestTB) = fill(
                    key, lastFree: lastFree, into: b, late: late, qualified: qualified, committee: !lazyCommittee)
                let (s0, s1, s2, s3, s4) = shares
                var (cost, storage) = ((0.0, -1, 0.0), (0.0, -1, 0.0))
                if method == .weightedSum {
                    scoreStorage(b, lastFree: lastFree, smallest: lowestTB.value)
                    cost = (lowestCost.value, lowestCost.by, lowestCost.second)
                    storage = (lowestTB.value, lowestTB.by, lowestTB.second)
                }
                switch method {
                case .weightedSum:
                    let cheapest = cost.0
                    for i in 0..<n {
                        // Out of this draw when it misses a must-have the draw decides.
                        b.totals[i] = b.ok[i] ? drawnTotal(b, i, shares: shares, cheapest: cheapest) : -.infinity
                    }
                    if lazyCommittee {
                        // The totals above used each committee's bound: draw the committee, and
                        // total again, only where the bound reaches the candidates' floor.
                        let reach = threshold - Ranking.tolerance
                        exactCommittee(
                            b, key: key, shares: shares, cheapest: cheapest, where: { b.totals[$0] >= reach })
                    }
                case .topsis:
                    // The drawn columns through TOPSIS's own arithmetic; only the products
                    // that meet the must-haves in this draw take part.
                    let keep = (0..<n).filter { b.ok[$0] }
                    func column(_ buffer: Scratch<Double>) -> [Double] { keep.map { buffer[$0] } }
                    for i in 0..<n where !b.ok[i] { b.totals[i] = -.infinity }
                    if !keep.isEmpty {
                        TOPSIS.evaluate(
                            columns: [column(b.tcos), column(b.earned), column(b.tb), column(b.days)]
                                + (hasCommittee ? [column(b.committee)] : []),
                            weights: hasCommittee ? [s0, s1, s2, s3, s4] : [s0, s1, s2, s3],
                            benefit: hasCommittee ? benefit : Array(benefit.prefix(4))
                        ) { k, _, _, c in b.totals[keep[k]] = c * 100 }
                    }
                }
                // The candidates for the first places, best first (ties in index order).
                candidates.removeAll(keepingCapacity: true)
                if selective {
                    let floor = threshold - Ranking.tolerance
                    for i in 0..<n where b.totals[i] >= floor { candidates.append(i) }
                    if candidates.count < places {
                        candidates.removeAll(keepingCapacity: true)
                        // Every total is needed exactly now.
                        if lazyCommittee {
                            exactCommittee(b, key: key, shares: shares, cheapest: cost.0, where: { _ in true })
                        }
                        for i in 0..<n where b.totals[i] > -.infinity { candidates.append(i) }
                    }
                } else {
                    for i in 0..<n where b.totals[i] > -.infinity { candidates.append(i) }
                }
                let totals = b.totals
                // Best first (ties in index order): only as far as the counted places reach and
                // the next draw's threshold reads, when the candidates are many.
                Self.sortBest(&candidates, count: 3 * places + 1, places: places) { x, y in
                    totals[x] != totals[y] ? totals[x] > totals[y] : x < y
                } chained: {
                    totals[$0] - totals[$1] > Ranking.tolerance
                }
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
                if recording {
                    let kept = min(DrawRecord.kept, candidates.count)
                    for k in 0..<DrawRecord.kept {
                        top.append(k < kept ? Int32(candidates[k]) : -1)
                        topTotals.append(k < kept ? totals[candidates[k]] : -.infinity)
                    }
                    records.append(
                        DrawRecord(
                            shares: shares, lastFree: lastFree, cheapest: cost.0, cheapestBy: cost.1,
                            cheapestSecond: cost.2, smallest: storage.0, smallestBy: storage.1,
                            smallestSecond: storage.2, topCount: kept,
                            complete: candidates.count <= DrawRecord.kept && !selective))
                }
            }
            return BlockCounts(
                firsts: firsts, late: Array(UnsafeBufferPointer(start: late.base, count: n)),
                qualified: Array(UnsafeBufferPointer(start: qualified.base, count: n)), slot: slot, counts: counts,
                records: records, top: top, topTotals: topTotals)
        }
        let blocks = Parallel.map(blockCount, runBlock)
        return (result(blocks), blocks.map { Records(draws: $0.records, top: $0.top, topTotals: $0.topTotals) })
    }

    /// Orders `list` by `before` (a strict order) as far as the draw reads it: the first
    /// `count` (at least `places` + 1) in order and the rest after them in any order, when the
    /// shared ranks of the first `places` places end inside those (`separates(a, b)`: b, just
    /// below a, takes a rank of its own); otherwise, or when the list is short, all of it. Every
    /// position the draw reads holds what a full sort would put there.
    static func sortBest(
        _ list: inout [Int], count: Int, places: Int, by before: (Int, Int) -> Bool,
        chained separates: (Int, Int) -> Bool
    ) {
        guard list.count > count else { return list.sort(by: before) }
        // Quickselect (Hoare's partition, the median of three as pivot): the `count` best to the front.
        var lo = 0
        var hi = list.count - 1
        let target = count - 1
        while lo < hi {
            let (x, y, z) = (list[lo], list[lo + (hi - lo) / 2], list[hi])
            let pivot =
                before(x, y) ? (before(y, z) ? y : (before(x, z) ? z : x)) : (before(x, z) ? x : (before(y, z) ? z : y))
            var i = lo
            var j = hi
            while i <= j {
                while before(list[i], pivot) { i += 1 }
                while before(pivot, list[j]) { j -= 1 }
                if i <= j {
                    list.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if target <= j {
                hi = j
            } else if target >= i {
                lo = i
            } else {
                break
            }
        }
        list[0..<count].sort(by: before)
        // The places' shared ranks must end inside the ordered part.
        var rank = 0
        for position in 0..<count {
            if position == 0 || separates(list[position - 1], list[position]) { rank = position + 1 }
            if rank > places { return }
        }
        list.sort(by: before)
    }

    /// The blocks merged: chances add up; rank counts add up per product.
    func result(_ blocks: [BlockCounts]) -> Simulation.Result {
        let places = Simulation.countedPlaces
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
        let outcomes = (0..<n).map { i in
            var o = Simulation.Outcome(
                id: ids[i], chanceFirst: firsts[i] / draws, rankP5: percentile(i, 0.05), rankP95: percentile(i, 0.95),
                chanceLate: table.hasDatesValues[i] ? late[i] / draws : table.fixedLate[i])
            o.chanceQualifies =
                table.undrawn[i] ? nil : (table.checkValues[i] != 0 ? qualified[i] / draws : 1)
            return o
        }
        var result = Simulation.Result(options: options, method: method, outcomes: outcomes)
        result.townShareBasis = profile.costBasis == .townShare
        result.committee = hasCommittee
        return result
    }
}

/// A variant's counts over one block of draws: credit for first place by product (index n:
/// the changed product), in a short list searched in order (first place goes to few products).
struct VariantCounts: Sendable {
    var index: [Int] = []
    var credit: [Double] = []
    var qualified = 0.0

    mutating func add(_ i: Int, _ c: Double) {
        if let k = index.firstIndex(of: i) {
            credit[k] += c
        } else {
            index.append(i)
            credit.append(c)
        }
    }
}

extension SimulationEngine {
    /// Counts of the products whose storage figures or must-haves make the draws recompute
    /// storage scores (with the changed product in place of `j`): a replay needs the same
    /// answer as the base run.
    func storageVaries(with t: DrawTable, row: Int, replacing j: Int) -> Bool {
        func count(_ table: DrawTable, _ i: Int) -> (Int, Int, Int) {
            (
                table.rateDrawn[i] ? 1 : 0, table.capacityKinds[i] == 2 ? 1 : 0,
                table.checkValues[i] != 0 ? 1 : 0
            )
        }
        var (rate, backend, checks) = (rated.count, onBackend.count, checked.count)
        if j >= 0 {
            let c = count(table, j)
            (rate, backend, checks) = (rate - c.0, backend - c.1, checks - c.2)
        }
        if row >= 0 {
            let c = count(t, row)
            (rate, backend, checks) = (rate + c.0, backend + c.1, checks + c.2)
        }
        let drawn = rate > 0 || (profile.backendFreeTBRange != nil && backend > 0)
        return drawn || checks > 0
    }

    /// Whether a variant can be replayed from the recorded draws: the weighted sum, and the
    /// changed lineup recomputes storage scores exactly when the base does. (TOPSIS moves
    /// every product's score with any change: its questions re-run the whole simulation.)
    func canReplay(_ t: DrawTable, row: Int, replacing j: Int, best: LineupBest) -> Bool {
        // The draws read the lineup's cost floor, and its smallest TB through the fixed
        // storage scores when storage is not drawn; every other benchmark they draw afresh.
        method == .weightedSum && !options.pointDraw && storageVaries(with: t, row: row, replacing: j) == storageVaries
            && best.costFloor == floor && (storageVaries || best.smallestTB == smallestTB)
    }

    /// How many products share first place in `list` (best first): the first, and each next
    /// one within the tolerance of the one before it.
    @inline(__always)
    static func leaders(_ list: [(Int, Double)]) -> Int {
        guard var previous = list.first?.1 else { return 0 }
        var count = 1
        while count < list.count && previous - list[count].1 <= Ranking.tolerance {
            previous = list[count].1
            count += 1
        }
        return count
    }

    /// The draws again with one product changed in each variant (common random numbers:
    /// every other product's figures are the base run's own). Per draw and variant:
    /// - the change moves no benchmark: the changed product's total meets the recorded first
    ///   places, whose totals stand;
    /// - it moves the lowest cost: every other total moves by at most the cost weight x the
    ///   largest change of a cost score, so the recorded first places are recomputed (their
    ///   figures drawn again) and suffice when the last one sharing first place stays above
    ///   what any product below them could reach;
    /// - otherwise (the smallest TB moves, or the bound does not hold) the whole draw is
    ///   computed again.
    /// The figures equal a full run of the changed lineup with the same seed.
    func replay(_ records: [Records], variants: [Variant], table vt: DrawTable) -> [VariantChances] {
        let blockDraws = Simulation.blockDraws
        let seed = options.seed
        let replacing = variants.map(\.replacing)
        let rows = variants.map(\.row)
        let perBlock: [[VariantCounts]] = Parallel.map(records.count) { [self] blockIndex in
            var counts = [VariantCounts](repeating: VariantCounts(), count: variants.count)
            var buffers: Buffers?
            var list: [(Int, Double)] = []
            // Variants whose draw is computed in full: the changed product's figures (nil: out
            // of the draw) and the draw's new benchmarks.
            var recompute: [(v: Int, o: Drawn?, lowest: Double, smallest: Double)] = []
            let t = table
            let block = records[blockIndex]
            for (offset, r) in block.draws.enumerated() {
                let topStart = offset * DrawRecord.kept
                let topRange = topStart..<(topStart + r.topCount)
                let key = DrawKey.draw(seed: seed, blockIndex * blockDraws + offset)
                let s0 = r.shares.0
                recompute.removeAll(keepingCapacity: true)
                for v in 0..<variants.count {
                    let (j, row) = (replacing[v], rows[v])
                    var o: Drawn?
                    if row >= 0 {
                        let drawn = vt.draw(row, key)
                        if vt.passes(
                            row, days: drawn.days, yearOne: drawn.yearOne, earned: drawn.earned, tb: drawn.tb,
                            lastFree: r.lastFree)
                        {
                            o = drawn
                            counts[v].qualified += 1
                        }
                    }
                    let cheapestOthers = r.cheapestBy == j ? r.cheapestSecond : r.cheapest
                    let lowest = o.map { min(cheapestOthers, $0.tco) } ?? cheapestOthers
                    var smallest = r.smallest
                    if storageVaries {
                        let others = r.smallestBy == j ? r.smallestSecond : r.smallest
                        smallest = o.map { min(others, $0.tb) } ?? others
                    }
                    if smallest != r.smallest {
                        recompute.append((v, o, lowest, smallest))
                        continue
                    }
                    let drawnSmallest = storageVaries ? smallest : nil
                    list.removeAll(keepingCapacity: true)
                    // What a product below the recorded places could reach.
                    var below = r.topCount > 0 ? block.topTotals[topRange.upperBound - 1] : -Double.infinity
                    if lowest == r.cheapest {
                        for k in topRange where Int(block.top[k]) != j {
                            list.append((Int(block.top[k]), block.topTotals[k]))
                        }
                    } else {
                        // Every cost score moves by at most 100 x the change of the benchmark
                        // over the lowest cost of the others (each at least the floor).
                        let (was, now) = (max(r.cheapest, floor), max(lowest, floor))
                        let least = max(cheapestOthers, floor)
                        let reach = least.isFinite ? s0 * 100 * abs(now - was) / least : 0
                        below += reach + 1e-7
                        for k in topRange where Int(block.top[k]) != j {
                            let i = Int(block.top[k])
                            let d = t.varies[i] ? t.draw(i, key) : t.fixed(i)
                            list.append(
                                (i, t.total(i, d, in: r, lowest: lowest, floor: floor, smallest: drawnSmallest)))
                        }
                    }
                    if let o {
                        list.append((n, vt.total(row, o, in: r, lowest: lowest, floor: floor, smallest: drawnSmallest)))
                    }
                    list.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                    let k = Self.leaders(list)
                    // Enough when the draw's every product is recorded, or when the chain ends
                    // inside the list above anything the others could reach.
                    guard r.complete || (k < list.count && list[k - 1].1 - Ranking.tolerance > below) else {
                        recompute.append((v, o, lowest, smallest))
                        continue
                    }
                    let credit = 1 / Double(max(1, k))
                    for (i, _) in list.prefix(k) { counts[v].add(i, credit) }
                }
                guard !recompute.isEmpty else { continue }
                // The draw again, every product, then each such variant's totals in full.
                let b = buffers ?? Buffers(table)
                buffers = b
                fill(key, lastFree: r.lastFree, into: b, late: nil, qualified: nil)
                for (v, o, lowest, smallest) in recompute {
                    let (j, row) = (replacing[v], rows[v])
                    var best = -Double.infinity
                    for i in 0..<n {
                        guard i != j, b.ok[i] else {
                            b.totals[i] = -.infinity
                            continue
                        }
                        let total = t.total(
                            i, tco: b.tcos[i], integration: b.integration[i], tb: b.tb[i], days: b.days[i],
                            committee: b.committee[i], shares: r.shares, lowest: lowest, floor: floor,
                            smallest: storageVaries ? smallest : nil,
                            lastFree: r.lastFree)
                        b.totals[i] = total
                        best = max(best, total)
                    }
                    var mine = -Double.infinity
                    if let o {
                        mine = vt.total(
                            row, o, in: r, lowest: lowest, floor: floor, smallest: storageVaries ? smallest : nil)
                        best = max(best, mine)
                    }
                    guard best > -.infinity else { continue }
                    // Those near the best, in order; all of them when the chain could reach below.
                    func gathered(_ floorTotal: Double) -> Int {
                        list.removeAll(keepingCapacity: true)
                        for i in 0..<n where b.totals[i] >= floorTotal { list.append((i, b.totals[i])) }
                        if mine >= floorTotal { list.append((n, mine)) }
                        list.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                        return Self.leaders(list)
                    }
                    let near = best - 1e-6
                    var k = gathered(near)
                    if k == list.count, let last = list.last, last.1 - Ranking.tolerance < near {
                        k = gathered(-Double.greatestFiniteMagnitude)
                    }
                    let credit = 1 / Double(max(1, k))
                    for (i, _) in list.prefix(k) { counts[v].add(i, credit) }
                }
            }
            return counts
        }
        let draws = Double(options.draws)
        return variants.enumerated().map { v, variant in
            var firsts: [String: Double] = [:]
            var qualified = 0.0
            for block in perBlock {
                let c = block[v]
                qualified += c.qualified
                for (i, credit) in zip(c.index, c.credit) {
                    firsts[i == n ? variant.id : ids[i], default: 0] += credit
                }
            }
            for (id, credit) in firsts { firsts[id] = credit / draws }
            var qualifies = 0.0
            if variant.row >= 0 {
                qualifies = vt.undrawn[variant.row] ? 1 : (vt.checkValues[variant.row] != 0 ? qualified / draws : 1)
            }
            return VariantChances(firsts: firsts, qualifies: qualifies)
        }
    }
}

extension Simulation {
    /// A run whose draws are kept, so that the lineup with one product changed can be
    /// replayed from them (`replay`).
    public final class Recorded: @unchecked Sendable {
        public let result: Result
        let engine: SimulationEngine?
        let records: [Records]

        init(_ ranking: Ranking, options: Options) {
            engine = SimulationEngine(ranking, options: options)
            if let engine {
                (result, records) = engine.run(recording: true)
            } else {
                result = Result(options: options, method: ranking.method, outcomes: [])
                records = []
            }
        }

        /// Each change: the product it replaces in the ranking (by id; nil when that product
        /// was not ranked), its new assessment (nil when it is not ranked now) and the changed
        /// lineup's benchmarks (`Assessment.reassessing`). The chances of each, or nil for a
        /// change the draws cannot replay (TOPSIS; a change that moves the cost floor, the
        /// smallest TB when storage scores are not drawn, or starts or stops the draws' storage
        /// scores): run those in full.
        public func replay(_ changes: [(replacing: String?, with: Assessment?, best: LineupBest)]) -> [VariantChances?]
        {
            guard let engine, !changes.isEmpty else { return changes.map { _ in nil } }
            let positions = Dictionary(engine.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            // The changed products, one row each, in one table: no reference counted per draw.
            let table = DrawTable(changes.compactMap(\.with), profile: engine.profile)
            var variants: [Variant] = []
            var slots: [Int?] = []
            var row = 0
            for change in changes {
                let j = change.replacing.flatMap { positions[$0] } ?? -1
                let r = change.with == nil ? -1 : row
                if change.with != nil { row += 1 }
                guard engine.canReplay(table, row: r, replacing: j, best: change.best) else {
                    slots.append(nil)
                    continue
                }
                slots.append(variants.count)
                variants.append(Variant(replacing: j, row: r, id: change.with?.id ?? change.replacing ?? ""))
            }
            let chances = engine.replay(records, variants: variants, table: table)
            return slots.map { $0.map { chances[$0] } }
        }
    }

    /// Runs the draws and keeps them for replays.
    public static func record(_ ranking: Ranking, options: Options = Options()) -> Recorded {
        Recorded(ranking, options: options)
    }
}

extension VariantChances {
    /// The chances a full run gives: every product's chance of first, and the chance that
    /// `id` meets the must-haves (0 when it is not ranked).
    public init(_ result: Simulation.Result, product id: String) {
        firsts = Dictionary(
            result.outcomes.filter { $0.chanceFirst > 0 }.map { ($0.id, $0.chanceFirst) },
            uniquingKeysWith: { a, _ in a })
        qualifies = result.outcome(id).map { $0.chanceQualifies ?? 1 } ?? 0
    }
}
