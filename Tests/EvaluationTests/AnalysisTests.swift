import TOML
import LineupTestSupport
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

    @Test func criticalChangesForAOverB() {
        let gap = 67.0 - 66.0
        // cost: d = 80 - 100 = -20; delta = 1 / -20 = -0.05; new share 0.40 + 0.05 = 0.45
        #expect(Sensitivity.criticalDelta(gap: gap, difference: -20, share: 0.40) == -0.05)
        // relative change 100 x -0.05 / 0.40 = -12.5% (a rise of 12.5%)
        // integration: d = 40; delta = 1 / 40 = 0.025; new share 0.225
        #expect(Sensitivity.criticalDelta(gap: gap, difference: 40, share: 0.25) == 0.025)
        // storage: d = 60; delta = 1/60; availability: d = -50, delta = -0.02 -> 0.22
        #expect(abs(Sensitivity.criticalDelta(gap: gap, difference: 60, share: 0.15)! - 1.0 / 60) < 1e-15)
        #expect(Sensitivity.criticalDelta(gap: gap, difference: -50, share: 0.20) == -0.02)
        // No difference on a criterion: no change of that weight alone swaps them.
        #expect(Sensitivity.criticalDelta(gap: gap, difference: 0, share: 0.20) == nil)
        // A change that would need a share above 1 is infeasible: gap 67 - 50 = 17, d = -1 -> w = 17.4.
        #expect(Sensitivity.criticalDelta(gap: 17, difference: -1, share: 0.4) == nil)
    }

    @Test func theCriticalChangeSwapsAndASmallerOneDoesNot() {
        for k in 0..<4 {
            let gap = total(scores[0], s) - total(scores[1], s)
            let delta = Sensitivity.criticalDelta(gap: gap, difference: scores[0][k] - scores[1][k], share: s[k])!
            var past = s
            past[k] = s[k] - delta * 1.001  // just past the critical change
            var short = s
            short[k] = s[k] - delta * 0.999  // just short of it
            #expect(total(scores[1], past) > total(scores[0], past), "criterion \(k): B should pass A")
            #expect(total(scores[0], short) > total(scores[1], short), "criterion \(k): A should stay ahead")
        }
    }

    @Test func leaderInterval() {
        // Cost, leader A. Against B: gap 1, d = -20 -> w <= 0.40 - 1 / -20 = 0.45.
        // Against C: gap 17, d = 20 -> w >= 0.40 - 17/20 = -0.45, so 0.
        let b = Sensitivity.leaderBounds(scores: scores, shares: s, leader: 0, criterion: 0)
        #expect(b.low == 0)
        #expect(abs(b.high - 0.45) < 1e-12)
        #expect(b.above == 1)
        // As a share once the others are rescaled: 0.45 / (1 - 0.40 + 0.45) = 0.428571...
        #expect(abs(Sensitivity.rescaled(b.high, share: 0.40) - 0.45 / 1.05) < 1e-12)
        // Integration: B and C score 0 there, so A only gains from it: low bound from B,
        // w >= 0.25 - 1/40 = 0.225; no upper bound.
        let i = Sensitivity.leaderBounds(scores: scores, shares: s, leader: 0, criterion: 1)
        #expect(abs(i.low - 0.225) < 1e-12)
        #expect(i.high == .infinity)
    }

    @Test func reportOnTheFixtureLineup() {
        let ranking = Ranking(
            Assessment.assess([panasonicBWC, vievuCloud, axonBody], profile: wilton()), weights: .standard, method: .weightedSum,
            evaluationDate: wilton().evaluationDate)
        let report = Sensitivity.analyse(ranking)
        #expect(report.leader == "panasonic-arbitrator-bwc")
        #expect(report.intervals.count == 4)
        // 3 pairs in the top three x 4 criteria.
        #expect(report.swaps.count == 12)
        for i in report.intervals { #expect(i.lowShare <= i.share && i.share <= i.highShare) }
        let lines = Sensitivity.lines(report, ranking: ranking)
        #expect(lines[0] == "Weight sensitivity (weighted sum; rule: one weight changes, the others keep their proportions; Triantaphyllou & Sanchez 1997)")
        let topsis = Sensitivity.analyse(Ranking(ranking.entries.map(\.assessment), weights: .standard, method: .topsis, evaluationDate: wilton().evaluationDate))
        #expect(topsis.numerical)
        #expect(topsis.intervals.allSatisfy { $0.lowShare <= $0.share + 0.001 && $0.share - 0.001 <= $0.highShare })
    }
}

@Suite struct SimulationTests {
    func ranking(_ products: [Product], weights: Weights = Weights(cost: 1, integration: 0, storage: 0, availability: 0)) -> Ranking {
        Ranking(Assessment.assess(products, profile: wilton()), weights: weights, method: .weightedSum, evaluationDate: wilton().evaluationDate)
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
        let r = ranking([panasonicBWC, axonBody], weights: Weights(cost: 50, integration: 50, storage: 0, availability: 0))
        let result = Simulation.run(r, options: .init(draws: 10_000, seed: 1))
        #expect(result.outcome("panasonic-arbitrator-bwc")?.chanceFirst == 1)
        #expect(result.outcome("axon-body")?.chanceFirst == 0)
        #expect(result.outcome("axon-body")?.rankP5 == 2)
    }

    @Test func twoProductsMatchTheAnalyticProbability() {
        // Only cost counts. A's camera costs $800-$1,000 (uniform); B's a fixed $850; nothing
        // else is paid. A ranks first when its TCO is lower: 15 x price < 15 x 850, so
        // P = (850 - 800) / (1000 - 800) = 0.25.
        let a = product("a", "vendor = \"A\"\nmodel = \"A\"\n[camera]\nprice = [800, 1000]\n[availability]\nstatus = \"shipping\"")
        let b = product("b", "vendor = \"B\"\nmodel = \"B\"\n[camera]\nprice = 850\n[availability]\nstatus = \"shipping\"")
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
        #expect(p.sentence(for: "Panasonic Arbitrator BWC") == "Panasonic Arbitrator BWC: year one costs $13,500 and leaves $3,500 of $17,000; the funds equip 18 of 15 cameras; then $0 a year.")
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
        Ranking(Assessment.assess(products, profile: wilton()), weights: .standard, method: .weightedSum, evaluationDate: wilton().evaluationDate)
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
            product("p\(i)", "vendor = \"V\"\nmodel = \"M\(i)\"\n[camera]\nprice = 500\n[availability]\nstatus = \"shipping\"")
        }
    }

    @Test func exactlyTiedProductsShareFirstPlace() {
        // Five products with the same figures: every draw is a five-way tie for first, so each
        // gets 1/5 of every draw's credit, whatever the tie-break order says.
        let products = identical(5)
        let r = Ranking(Assessment.assess(products, profile: wilton()), weights: .standard, method: .weightedSum, evaluationDate: wilton().evaluationDate)
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
            product("p\(i)", "vendor = \"V\"\nmodel = \"M\(i)\"\n[camera]\nprice = \(500 + 10 * i)\n[availability]\nstatus = \"shipping\"")
        }
        let r = Ranking(
            Assessment.assess(products, profile: wilton()), weights: Weights(cost: 1, integration: 0, storage: 0, availability: 0),
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
            product("p\(i)", "vendor = \"V\"\nmodel = \"M\(i)\"\n[camera]\nprice = [\(500 + i), \(800 + i)]\n[availability]\nstatus = \"shipping\"")
        }
        let r = Ranking(
            Assessment.assess(products, profile: wilton()), weights: Weights(cost: 1, integration: 0, storage: 0, availability: 0),
            method: .weightedSum, evaluationDate: wilton().evaluationDate)
        let result = Simulation.run(r, options: .init(draws: 300, seed: 11))
        // With only cost weighted, first place goes to the lowest drawn price. Replay the same
        // seeded draws: 300 draws are one block, seeded by the first number of the run's seed;
        // per draw one price per product in ranking order, then four weight factors.
        var seeder = SplitMix64(seed: 11)
        var rng = SplitMix64(seed: seeder.next())
        var firsts = [String: Int]()
        for _ in 0..<300 {
            var best = (Double.infinity, "")
            for e in r.entries {
                let p = e.product.cameraPrice!
                let price = rng.uniform(p.low, p.high)
                if price < best.0 { best = (price, e.id) }
            }
            for _ in 0..<4 { _ = rng.next() }
            firsts[best.1, default: 0] += 1
        }
        for (id, count) in firsts { #expect(result.outcome(id)?.chanceFirst == Double(count) / 300, "\(id)") }
        #expect(abs(result.outcomes.reduce(0) { $0 + $1.chanceFirst } - 1) < 1e-12)
    }
}
