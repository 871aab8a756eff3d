import LineupTestSupport
import TOML
import Testing

@testable import Evaluation

/// Sensitivity worked by hand with the formula of mcda-examples.md (Triantaphyllou & Sanchez).
@Suite struct SensitivityTests {
    // Shares s = (0.40, 0.25, 0.15, 0.20) for cost, integration, storage, availability.
    let s = [0.40, 0.25, 0.15, 0.20]
    // A = (80, 40, 100, 50): P(A) = 0.4x80 + 0.25x40 + 0.15x100 + 0.2x50 = 32 + 10 + 15 + 10 = 67
    // B = (100, 0, 40, 100): P(B) = 40 + 0 + 6 + 20 = 66
    // C = (60, 0, 40, 100):  P(C) = 24 + 0 + 6 + 20 = 50
    let scores: [[Double]] = [[80, 40, 100, 50], [100, 0, 40, 100], [60, 0, 40, 100]]

    func total(_ row: [Double], _ w: [Double]) -> Double { zip(row, w).reduce(0) { $0 + $1.0 * $1.1 } }

    @Test func swapPointsForAOverB() {
        // Setting k's share to t with the others in proportion, P(i, t) = R(i) + t (a(i,k) - R(i)),
        // R(i) = (P(i) - s(k) a(i,k)) / (1 - s(k)).
        // Cost: R(A) = (67 - 32) / 0.6 = 58.333, R(B) = (66 - 40) / 0.6 = 43.333;
        // P(A) - P(B) = 15 + t (21.667 - 56.667) = 15 - 35 t = 0 at t = 15/35 = 0.428571: raise.
        let cost = Sensitivity.swapShare(upper: scores[0], lower: scores[1], shares: s, k: 0)!
        #expect(abs(cost.share - 15.0 / 35) < 1e-12 && !cost.tiedNow)
        // Integration: R(A) = 57 / 0.75 = 76, R(B) = 66 / 0.75 = 88; -12 + 52 t = 0 at 12/52 = 0.230769: lower.
        #expect(
            abs(Sensitivity.swapShare(upper: scores[0], lower: scores[1], shares: s, k: 1)!.share - 12.0 / 52) < 1e-12)
        // Storage: R(A) = 52 / 0.85, R(B) = 60 / 0.85; -8/0.85 + t (100 - 52/0.85 - 40 + 60/0.85) = 0
        // at t = (8/0.85) / (60 + 8/0.85) = 0.135593.
        #expect(
            abs(
                Sensitivity.swapShare(upper: scores[0], lower: scores[1], shares: s, k: 2)!.share - (8 / 0.85)
                    / (60 + 8 / 0.85)) < 1e-12)
        // Availability: R(A) = 57 / 0.8 = 71.25, R(B) = 46 / 0.8 = 57.5; 13.75 - 63.75 t = 0 at 0.215686: raise.
        #expect(
            abs(Sensitivity.swapShare(upper: scores[0], lower: scores[1], shares: s, k: 3)!.share - 13.75 / 63.75)
                < 1e-12)
        // These are T&S's critical changes rescaled: cost w = 0.45 -> 0.45 / (1 - 0.40 + 0.45).
        #expect(abs(cost.share - 0.45 / 1.05) < 1e-12)
    }

    @Test func aSwapNeedingAnUnrescaledShareAboveOneIsStillReachable() {
        // A over C on availability: R(A) = 71.25, R(C) = (50 - 20) / 0.8 = 37.5;
        // P(A) - P(C) = 33.75 + t (-21.25 - 62.5) = 33.75 - 83.75 t = 0 at t = 0.402985. The
        // old feasibility test (unrescaled w = 0.2 + 17/50 ... within [0, 1]) got such cases wrong.
        let t = Sensitivity.swapShare(upper: scores[0], lower: scores[2], shares: s, k: 3)!.share
        #expect(abs(t - 33.75 / 83.75) < 1e-12)
        // Two rows equal on k with equal others never swap by k alone.
        #expect(
            Sensitivity.swapShare(
                upper: [50, 50, 50, 50], lower: [50, 40, 60, 50], shares: [0.25, 0.25, 0.25, 0.25], k: 0) == nil)
    }

    @Test func tiesAndEdges() {
        // Tied now (both 50 in total): raising cost puts the cheaper one (more cost points) first.
        let tied = Sensitivity.swapShare(
            upper: [40, 60, 50, 50], lower: [60, 40, 50, 50], shares: [0.25, 0.25, 0.25, 0.25], k: 0)!
        #expect(tied.tiedNow && tied.share == 0.25)
        // A pair that only ties at 0%: lowering to 0 keeps the order (the tie rule), so no swap.
        // U = (100, 50), L = (0, 50) with shares (0.5, 0.5): P(U) - P(L) = 100 t, zero only at t = 0.
        #expect(Sensitivity.swapShare(upper: [100, 50], lower: [0, 50], shares: [0.5, 0.5], k: 0) == nil)
        // One non-zero weight: lowering it frees weight that the rule shares equally among the
        // others. U = (100, 0, 0, 0), L = (50, 100, 100, 100), shares (1, 0, 0, 0):
        // R(U) = 0, R(L) = 100; P(U) - P(L) = -100 + t (100 + 50) = 0 at t = 2/3.
        #expect(
            abs(
                Sensitivity.swapShare(upper: [100, 0, 0, 0], lower: [50, 100, 100, 100], shares: [1, 0, 0, 0], k: 0)!
                    .share - 2.0 / 3) < 1e-12)
    }

    @Test func leaderInterval() {
        // Cost, leader A: against B, 15 - 35 t >= 0 while t <= 0.428571; against C,
        // R(C) = 26 / 0.6 = 43.333: 15 + t (21.667 - 16.667) = 15 + 5 t >= 0 always.
        let b = Sensitivity.leaderInterval(scores: scores, shares: s, leader: 0, criterion: 0)
        #expect(b.low == 0)
        #expect(abs(b.high - 15.0 / 35) < 1e-12)
        #expect(b.above == 1)
        // Integration: B and C score 0 there, so A only gains from it: from 12/52 up to 100%.
        let i = Sensitivity.leaderInterval(scores: scores, shares: s, leader: 0, criterion: 1)
        #expect(abs(i.low - 12.0 / 52) < 1e-12)
        #expect(i.high == 1)
    }

    /// Every interval and swap point against a brute-force search over the weight, on 300
    /// seeded random lineups with exact ties, zero weights and a single non-zero weight. The
    /// search uses only the rule (set k to t, scale the others): it scans t in steps of 1e-2,
    /// then bisects the step where the answer changes down to 1e-7 (each difference of two
    /// totals is a straight line in t, so an answer changes at most once in each direction).
    @Test func swapPointsAndIntervalsMatchABruteForceSearch() {
        var rng = SplitMix64(seed: 9)
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var checked = 0
        for lineup in 0..<300 {
            let products = 2 + pick(5)
            var rows: [[Double]] = (0..<products).map { _ in (0..<4).map { _ in Double(pick(11) * 10) } }
            if lineup % 10 == 0 { rows[1] = rows[0] }  // an exact tie
            var weights: [Double] = (0..<4).map { _ in Double(pick(5)) }
            if lineup % 7 == 0 {  // one non-zero weight
                weights = [0, 0, 0, 0]
                weights[pick(4)] = 1
            }
            if weights.reduce(0, +) == 0 { weights[0] = 1 }
            let total = weights.reduce(0, +)
            let s = weights.map { $0 / total }
            func shares(_ k: Int, _ t: Double) -> [Double] {
                let rest = 1 - s[k]
                return s.indices.map { j in j == k ? t : (rest > 1e-12 ? s[j] * (1 - t) / rest : (1 - t) / 3) }
            }
            func p(_ row: [Double], _ w: [Double]) -> Double { zip(row, w).reduce(0) { $0 + $1.0 * $1.1 } }
            let leader = rows.indices.max {
                p(rows[$0], s) < p(rows[$1], s) || (p(rows[$0], s) == p(rows[$1], s) && $0 > $1)
            }!
            /// The first t from s(k) towards `end` where `holds` turns true (nil if never).
            func edge(_ k: Int, towards end: Double, _ holds: (Double) -> Bool) -> Double? {
                let coarse = 1e-2
                var last = s[k]
                var t = s[k]
                while true {
                    t = end > s[k] ? min(end, t + coarse) : max(end, t - coarse)
                    if holds(t) { break }
                    if t == end { return nil }
                    last = t
                }
                var (a, b) = (last, t)  // holds(b), not holds(a)
                while abs(b - a) > 1e-7 {
                    let m = (a + b) / 2
                    if holds(m) { b = m } else { a = m }
                }
                return b
            }
            for k in 0..<4 {
                func loses(_ t: Double) -> Bool {
                    rows.indices.contains { p(rows[$0], shares(k, t)) > p(rows[leader], shares(k, t)) + 1e-9 }
                }
                let b = Sensitivity.leaderInterval(scores: rows, shares: s, leader: leader, criterion: k)
                let low = edge(k, towards: 0, loses) ?? 0
                let high = edge(k, towards: 1, loses) ?? 1
                #expect(abs(b.low - low) <= 1e-5, "lineup \(lineup) k \(k): low \(b.low) vs \(low)")
                #expect(abs(b.high - high) <= 1e-5, "lineup \(lineup) k \(k): high \(b.high) vs \(high)")
                for other in rows.indices where other != leader {
                    func ahead(_ t: Double) -> Bool {
                        p(rows[other], shares(k, t)) > p(rows[leader], shares(k, t)) + 1e-9
                    }
                    let down = edge(k, towards: 0, ahead)
                    let up = edge(k, towards: 1, ahead)
                    let found = [down, up].compactMap { $0 }.min { abs($0 - s[k]) < abs($1 - s[k]) }
                    let analytic = Sensitivity.swapShare(upper: rows[leader], lower: rows[other], shares: s, k: k)
                    checked += 1
                    if let found {
                        #expect(
                            analytic != nil,
                            "lineup \(lineup) k \(k) vs \(other): a swap at \(found), analytic says none")
                        if let analytic {
                            #expect(
                                abs(analytic.share - found) <= 1e-5,
                                "lineup \(lineup) k \(k): \(analytic.share) vs \(found)")
                        }
                    } else {
                        #expect(
                            analytic == nil,
                            "lineup \(lineup) k \(k) vs \(other): analytic \(String(describing: analytic)), none found")
                    }
                }
            }
        }
        #expect(checked > 1000)
    }

    @Test func reportOnTheFixtureLineup() {
        let ranking = Ranking(
            Assessment.assess([panasonicBWC, vievuCloud, axonBody], profile: wilton()), weights: .standard,
            method: .weightedSum,
            evaluationDate: wilton().evaluationDate)
        let report = Sensitivity.analyse(ranking)
        #expect(report.leader == "panasonic-arbitrator-bwc")
        #expect(report.intervals.count == 4)
        // 3 pairs in the top three x 4 criteria.
        #expect(report.swaps.count == 12)
        for i in report.intervals { #expect(i.lowShare <= i.share && i.share <= i.highShare) }
        let lines = Sensitivity.lines(report, ranking: ranking)
        #expect(
            lines[0]
                == "Weight sensitivity (weighted sum; rule: one weight changes, the others keep their proportions; Triantaphyllou & Sanchez 1997)"
        )
        let topsis = Sensitivity.analyse(
            Ranking(
                ranking.entries.map(\.assessment), weights: .standard, method: .topsis,
                evaluationDate: wilton().evaluationDate))
        #expect(topsis.numerical)
        #expect(topsis.intervals.allSatisfy { $0.lowShare <= $0.share + 0.001 && $0.share - 0.001 <= $0.highShare })
    }
}

@Suite struct SimulationTests {
    func ranking(
        _ products: [Product], weights: Weights = Weights(cost: 1, integration: 0, storage: 0, availability: 0)
    ) -> Ranking {
        Ranking(
            Assessment.assess(products, profile: wilton()), weights: weights, method: .weightedSum,
            evaluationDate: wilton().evaluationDate)
    }

    @Test func reproducibleWithASeedAndSumsToOne() {
        let r = ranking([panasonicBWC, vievuCloud, axonBody], weights: .standard)
        let a = Simulation.run(r, options: .init(draws: 2000, seed: 7))
        let b = Simulation.run(r, options: .init(draws: 2000, seed: 7))
        #expect(a == b)
        #expect(abs(a.outcomes.reduce(0) { $0 + $1.chanceFirst } - 1) < 1e-12)
        #expect(Simulation.run(r, options: .init(draws: 2000, seed: 8)).outcomes.count == 3)
    }

    @Test func aProductThatDominatesEveryDrawGetsAHundredPercent() {
        // Panasonic is cheaper, better integrated and smaller to store than Axon under any draw
        // of Axon's licence range; with cost and integration weights only, it always wins.
        let r = ranking(
            [panasonicBWC, axonBody], weights: Weights(cost: 50, integration: 50, storage: 0, availability: 0))
        let result = Simulation.run(r, options: .init(draws: 10_000, seed: 1))
        #expect(result.outcome("panasonic-arbitrator-bwc")?.chanceFirst == 1)
        #expect(result.outcome("axon-body")?.chanceFirst == 0)
        #expect(result.outcome("axon-body")?.rankP5 == 2)
    }

    @Test func twoProductsMatchTheAnalyticProbability() {
        // Only cost counts. A's camera costs $800-$1,000 (uniform); B's a fixed $850; nothing
        // else is paid. A ranks first when its TCO is lower: 15 x price < 15 x 850, so
        // P = (850 - 800) / (1000 - 800) = 0.25.
        let a = product(
            "a", "vendor = \"A\"\nmodel = \"A\"\n[camera]\nprice = [800, 1000]\n[availability]\nstatus = \"shipping\"")
        let b = product(
            "b", "vendor = \"B\"\nmodel = \"B\"\n[camera]\nprice = 850\n[availability]\nstatus = \"shipping\"")
        let result = Simulation.run(ranking([a, b]), options: .init(draws: 10_000, seed: 42))
        // Sampling error: sqrt(0.25 x 0.75 / 10,000) = 0.0043; allow 4 standard errors.
        #expect(abs(result.outcome("a")!.chanceFirst - 0.25) < 0.0175)
        #expect(abs(result.outcome("b")!.chanceFirst - 0.75) < 0.0175)
    }
}

@Suite struct BudgetPlanTests {
    let all = Assessment.assess([panasonicBWC, vievuCloud, axonBody], profile: wilton())
    func plan(_ id: String) -> BudgetPlan { BudgetPlan(all.first { $0.id == id }!.cost) }

    @Test func panasonic() {
        // 15 cameras x $900 (middle of $800-$1,000) = $13,500; nothing else stated; funds
        // $12,000 + $5,000 = $17,000.
        let p = plan("panasonic-arbitrator-bwc")
        #expect(p.cameras == 13_500)
        #expect(p.yearOne == 13_500)
        // left over 17,000 - 13,500 = 3,500; 17,000 / 900 = 18.9, so 18 cameras; nothing a year after.
        #expect(p.leftOver == 3_500)
        #expect(p.camerasFunded == 18)
        #expect(p.everyYearAfter == 0)
        // Docks, set-up and storage upkeep are unknown here (no market reference): the figures are
        // marked, the price range gives year one $12,000-$15,000, and nothing unknown reads $0.
        #expect(
            p.sentence(for: "Panasonic Arbitrator BWC")
                == "Panasonic Arbitrator BWC: year one costs ~$13,500 + unknown ($12,000-$15,000) and leaves at most $3,500 of $17,000; the funds equip all 15 cameras (room for 18); then unknown a year."
        )
    }

    @Test func axon() {
        // cameras 15 x $399 = $5,985; licences 30 users x $47 (middle of $15-$79) x 12 = $16,920 a
        // year; year one 5,985 + 16,920 = 22,905; short 22,905 - 17,000 = 5,905.
        let p = plan("axon-body")
        #expect(p.cameras == 5_985)
        #expect(p.firstYearRecurring == 16_920)
        #expect(p.yearOne == 22_905)
        #expect(p.leftOver == -5_905)
        // The licences alone (16,920) leave $80 of the funds, less than one $399 camera.
        #expect(p.camerasFunded == 0)
        #expect(p.everyYearAfter == 16_920)
    }
}

@Suite struct HistoryTests {
    func ranking(_ products: [Product]) -> Ranking {
        Ranking(
            Assessment.assess(products, profile: wilton()), weights: .standard, method: .weightedSum,
            evaluationDate: wilton().evaluationDate)
    }

    @Test func newMovedAndGone() throws {
        let first = ranking([panasonicBWC, vievuCloud])
        let history = RankingHistory(first)
        let text = history.text
        #expect(RankingHistory.parse(Array(text.utf8)) == history)
        // Add Axon: it is new, and VIEVU (2nd before) drops to 3rd.
        let second = ranking([panasonicBWC, vievuCloud, axonBody])
        let changes = history.changes(to: second)
        #expect(changes.movements["axon-body"] == .new)
        #expect(changes.movements["vievu-le3-cloud"] == .moved(-1))
        #expect(changes.movements["panasonic-arbitrator-bwc"] == .moved(0))
        #expect(changes.gone == [])
        // Remove Panasonic: named as gone; the others move up.
        let third = ranking([vievuCloud, axonBody])
        let later = RankingHistory(second).changes(to: third)
        #expect(later.gone.map(\.name) == ["Panasonic Arbitrator BWC"])
        #expect(later.movements["axon-body"] == .moved(1))
        #expect(later.summary == "Since the last ranking: 2 moved; gone: Panasonic Arbitrator BWC")
        #expect(Movement.moved(2).marker == "↑2")
        #expect(Movement.moved(-1).text == "-1")
    }

    @Test func aDamagedHistoryIsIgnored() {
        #expect(RankingHistory.parse(Array("[[product]]\nid = 5".utf8)) == nil)
        #expect(RankingHistory.parse(Array("garbage = ".utf8)) == nil)
        #expect(RankingHistory.parse(Array("# empty\n".utf8)) == RankingHistory(entries: []))
    }
}

/// Issue 8, items 13 and 14: the simulation counts ranks for the first places only (memory
/// linear in products), and tied products share the credit for first place.
@Suite struct SimulationScaleTests {
    func identical(_ count: Int) -> [Product] {
        (0..<count).map { i in
            product(
                "p\(i)",
                "vendor = \"V\"\nmodel = \"M\(i)\"\n[camera]\nprice = 500\n[availability]\nstatus = \"shipping\"")
        }
    }

    @Test func exactlyTiedProductsShareFirstPlace() {
        // Five products with the same figures: every draw is a five-way tie for first, so each
        // gets 1/5 of every draw's credit, whatever the tie-break order says.
        let products = identical(5)
        let r = Ranking(
            Assessment.assess(products, profile: wilton()), weights: .standard, method: .weightedSum,
            evaluationDate: wilton().evaluationDate)
        let result = Simulation.run(r, options: .init(draws: 1000, seed: 3))
        for o in result.outcomes {
            #expect(abs(o.chanceFirst - 0.2) < 1e-12)
            #expect(o.rankP5 == 1 && o.rankP95 == 1)
            #expect(o.bandText == "#1")
        }
    }

    @Test func ranksBelowTheCountedPlacesAreReportedAsSuch() {
        // 150 products whose camera prices are $500, $510, ... $1,990, nothing uncertain: the
        // order never changes, product k (0-based) is always #(k+1). Places 1-100 are counted;
        // product 120 is "below #100".
        let products = (0..<150).map { i in
            product(
                "p\(i)",
                "vendor = \"V\"\nmodel = \"M\(i)\"\n[camera]\nprice = \(500 + 10 * i)\n[availability]\nstatus = \"shipping\""
            )
        }
        let r = Ranking(
            Assessment.assess(products, profile: wilton()),
            weights: Weights(cost: 1, integration: 0, storage: 0, availability: 0),
            method: .weightedSum, evaluationDate: wilton().evaluationDate)
        let result = Simulation.run(r, options: .init(draws: 200, seed: 3))
        #expect(result.outcome("p0")?.chanceFirst == 1)
        #expect(result.outcome("p99")?.bandText == "#100")
        #expect(result.outcome("p120")?.rankP5 == nil)
        #expect(result.outcome("p120")?.bandText == "below #100")
    }

    @Test func theSelectiveScanAgreesWithAFullSortOnAWideLineup() {
        // 600 products with overlapping price ranges (more than 4 x 100, so the scan keeps only
        // the candidates above the last draw's 300th place). Checked against a direct count:
        // each draw sorted in full, here recomputed for the chance of first only.
        let products = (0..<600).map { i in
            product(
                "p\(i)",
                "vendor = \"V\"\nmodel = \"M\(i)\"\n[camera]\nprice = [\(500 + i), \(800 + i)]\n[availability]\nstatus = \"shipping\""
            )
        }
        let r = Ranking(
            Assessment.assess(products, profile: wilton()),
            weights: Weights(cost: 1, integration: 0, storage: 0, availability: 0),
            method: .weightedSum, evaluationDate: wilton().evaluationDate)
        let result = Simulation.run(r, options: .init(draws: 300, seed: 11))
        // With only cost weighted, first place goes to the lowest drawn price. Replay the same
        // draws: the price of product p in draw d takes the number DrawKey gives for the draw's
        // key xor the product's, and the figure `camera.price`.
        var firsts = [String: Int]()
        for d in 0..<300 {
            var best = (Double.infinity, "")
            for e in r.entries {
                let p = e.product.cameraPrice!
                let key = DrawKey.draw(seed: 11, d) ^ DrawKey.name(e.id)
                let price = p.low + (p.high - p.low) * DrawKey.unit(key, DrawKey.name("camera.price"))
                if price < best.0 { best = (price, e.id) }
            }
            firsts[best.1, default: 0] += 1
        }
        for (id, count) in firsts { #expect(result.outcome(id)?.chanceFirst == Double(count) / 300, "\(id)") }
        #expect(abs(result.outcomes.reduce(0) { $0 + $1.chanceFirst } - 1) < 1e-12)
    }
}
