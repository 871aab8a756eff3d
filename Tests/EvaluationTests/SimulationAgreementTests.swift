import Foundation
import LineupTestSupport
import TOML
import Testing

@testable import Evaluation

/// The simulation, the sensitivity analysis and the ranking apply one set of rules (issue
/// 18): on 300 seeded random lineups (both methods, must-haves, fund rules, both cost bases,
/// estimates from the market reference, ranges, announced dates, unstated links):
/// - every draw of the simulation at the point figures ranks every product exactly where
///   `Ranking` does, and gives first place to the ranking's leaders only;
/// - at exactly 0% and 100% of each weight, what `Sensitivity` says of the leader and of each
///   top pair is what `Ranking` does with those weights.
@Suite struct SimulationAgreementTests {
    static let market: MarketReference = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("vendors/market.toml")
        return SpecDecoder.market([UInt8](try! Data(contentsOf: url)), file: "market.toml").value!
    }()

    /// A random lineup: 2 to 9 products, each figure stated, a range or left out.
    static func lineup(_ rng: inout SplitMix64) -> (Profile, [Product]) {
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        func chance(_ p: Double) -> Bool { rng.unit() < p }
        var profile = wilton()
        if chance(0.7) { profile.market = market }
        if chance(0.5) { profile.slip = Slip(chance: 0.5, maxDays: 30 + pick(120)) }
        if chance(0.4) { profile.costBasis = .townShare }
        if chance(0.4) { profile.method = .topsis }
        if chance(0.3) { profile.backendFreeTBRange = Estimate(low: 2, high: 10) }
        switch pick(3) {
        case 0: break  // the pooled $12,000 + $5,000
        case 1:
            profile.funding = [
                FundingSource(source: "JAG", amount: 12000, years: 4, recurring: true),
                FundingSource(source: "gift", amount: 5000, paysFor: [.cameras], years: 1, recurring: false),
            ]
        default: profile.funding = [FundingSource(source: "big", amount: Double(20000 + pick(80000)))]
        }
        var weights: [Double] = (0..<4).map { _ in Double(pick(5)) }
        if chance(0.15) {
            weights = [0, 0, 0, 0]
            weights[pick(4)] = 1
        }
        if weights.reduce(0, +) == 0 { weights[0] = 1 }
        profile.weights = Weights(
            cost: weights[0], integration: weights[1], storage: weights[2], availability: weights[3])
        var rules: [Rule: Double] = [:]
        for rule in [Rule.availableByNeedBy, .yearOneWithinFunds, .worksWithInCar, .storageFitsBackend]
        where chance(0.2) { rules[rule] = 1 }
        profile.requirements = Requirements(rules)

        let count = 2 + pick(8)
        let products = (0..<count).map { i -> Product in
            var t = "vendor = \"V\(pick(3))\"\nmodel = \"M\(i)\"\n[availability]\n"
            let announced = chance(0.35)
            t += "status = \"\(announced ? "announced" : "shipping")\"\n"
            switch pick(3) {
            case 0:
                if announced {
                    t += "date = 2015-\(String(format: "%02d", 5 + pick(8)))-\(String(format: "%02d", 1 + pick(28)))\n"
                }
            case 1: t += "date = [2015-0\(5 + pick(4))-01, 2015-\(10 + pick(3))-15]\n"
            default: if !announced { t += "date = 2014-0\(1 + pick(9))-01\n" }
            }
            t += "[camera]\n"
            switch pick(3) {
            case 0: t += "price = \(300 + pick(12) * 100)\n"
            case 1: t += "price = [\(300 + pick(5) * 100), \(900 + pick(5) * 100)]\n"
            default: break
            }
            if chance(0.5) { t += "[dock]\nprice = \(pick(4) * 100)\ncameras_per_dock = \(1 + pick(6))\n" }
            if chance(0.6) { t += "[video]\ngb_per_hour = \([1.0, 1.3, 2.0, 2.7][pick(4)])\n" }
            t += "[storage]\n"
            switch pick(3) {
            case 0:
                t += "model = \"cloud\"\n"
                if chance(0.6) {
                    t +=
                        "per_user_per_month = \(chance(0.5) ? "\(10 + pick(50))" : "[\(10 + pick(10)), \(40 + pick(30))]")\n"
                }
            case 1:
                t += "model = \"on-premises\"\nserver_tb = \(4 + pick(12))\n"
                if chance(0.5) { t += "server_price = \(3000 + pick(5) * 1000)\n" }
            default: t += "model = \"existing-backend\"\n"
            }
            if chance(0.5) { t += "setup = \(pick(6) * 1000)\n" }
            if chance(0.7) {
                t += "[integration]\nin_car_system = \"\(chance(0.8) ? "Panasonic Arbitrator" : "Other")\"\n"
                for f in IntegrationFeature.allCases where chance(0.6) { t += "\(f.rawValue) = \(chance(0.5))\n" }
            }
            return product("p\(i)", t)
        }
        return (profile, products)
    }

    @Test func thePointDrawRanksEveryProductWhereTheRankingDoes() {
        var seeder = SplitMix64(seed: 18)
        var compared = 0
        for _ in 0..<300 {
            var rng = SplitMix64(seed: seeder.next())
            let (profile, products) = Self.lineup(&rng)
            let ranking = Ranking(
                Assessment.assess(products, profile: profile), weights: profile.weights, method: profile.method,
                evaluationDate: profile.evaluationDate)
            guard !ranking.entries.isEmpty else { continue }
            var options = Simulation.Options(draws: 3, seed: 1, weightBand: 0.2)
            options.pointDraw = true
            let result = Simulation.run(ranking, options: options)
            let leaders = ranking.entries.filter { $0.rank == 1 }.count
            for e in ranking.entries {
                let o = result.outcome(e.id)!
                #expect(
                    o.rankP5 == e.rank && o.rankP95 == e.rank,
                    "\(profile.method) \(e.id): ranked \(e.rank), drawn \(o.bandText)")
                #expect(abs(o.chanceFirst - (e.rank == 1 ? 1 / Double(leaders) : 0)) < 1e-12, "\(e.id)")
                compared += 1
            }
        }
        #expect(compared > 1000)
    }

    @Test func sensitivityAtZeroAndAHundredPercentAgreesWithTheRanking() {
        var seeder = SplitMix64(seed: 19)
        var checkedEnds = 0
        var checkedSwaps = 0
        var checkedTakers = 0
        for _ in 0..<300 {
            var rng = SplitMix64(seed: seeder.next())
            let (profile, products) = Self.lineup(&rng)
            let assessments = Assessment.assess(products, profile: profile)
            let ranking = Ranking(
                assessments, weights: profile.weights, method: profile.method, evaluationDate: profile.evaluationDate)
            guard ranking.entries.count >= 2 else { continue }
            let report = Sensitivity.analyse(ranking)
            let leader = ranking.entries[0].id
            for (k, c) in Criterion.allCases.enumerated() {
                let share = profile.weights.share(c)
                // The two ends as `lineup rank --weights` would give them.
                var zero = profile.weights
                zero[c] = 0
                var full = Weights(cost: 0, integration: 0, storage: 0, availability: 0)
                full[c] = 1
                let interval = report.intervals[k]
                func rank(_ w: Weights) -> Ranking {
                    Ranking(assessments, weights: w, method: profile.method, evaluationDate: profile.evaluationDate)
                }
                // Just past an inner bound, the product named "then #1" is the one the ranking
                // puts first there (however many cross at that point).
                if profile.method == .weightedSum {
                    let others = profile.weights.total - profile.weights[c]
                    func at(_ t: Double) -> Ranking {
                        var w = profile.weights
                        w[c] = t / (1 - t) * others
                        return rank(w)
                    }
                    if others > 0, interval.lowShare > 1e-9, let taker = interval.takerBelow {
                        let t = interval.lowShare - min(1e-6, interval.lowShare / 2)
                        #expect(at(t).entries[0].id == taker, "\(c) below \(interval.lowShare)")
                        checkedTakers += 1
                    }
                    if others > 0, interval.highShare < 1 - 1e-9, let taker = interval.takerAbove {
                        let t = interval.highShare + min(1e-6, (1 - interval.highShare) / 2)
                        #expect(at(t).entries[0].id == taker, "\(c) above \(interval.highShare)")
                        checkedTakers += 1
                    }
                }
                var ends: [(Double, Ranking)] = [(1, rank(full))]
                if share > 0 && zero.total > 0 { ends.append((0, rank(zero))) }
                if share == 1 { ends.removeFirst() }
                for (t, r) in ends {
                    let leaderFirst = r.entries[0].id == leader
                    let claimed =
                        t == 0
                        ? interval.lowShare < 1e-9 && !interval.lowExclusive
                        : interval.highShare > 1 - 1e-9 && !interval.highExclusive
                    #expect(
                        leaderFirst == claimed,
                        "\(profile.method) \(c) at \(t): ranking puts \(r.entries[0].id) first; interval \(interval)")
                    if !leaderFirst, t == 0 ? interval.lowExclusive : interval.highExclusive {
                        #expect((t == 0 ? interval.takerBelow : interval.takerAbove) == r.entries[0].id)
                    }
                    checkedEnds += 1
                    for s in report.swaps where s.criterion == c {
                        guard let u = r.position(of: s.upper), let l = r.position(of: s.lower) else { continue }
                        if s.newShare == nil {
                            #expect(
                                u < l,
                                "\(c) at \(t): 'no change swaps \(s.upper) and \(s.lower)' but the ranking swaps them")
                        } else if s.newShare == t {
                            #expect(
                                l < u,
                                "\(c) at \(t): the swap of \(s.upper) and \(s.lower) claimed here does not happen")
                        }
                        checkedSwaps += 1
                    }
                }
            }
        }
        #expect(checkedEnds > 1000)
        #expect(checkedSwaps > 1000)
        #expect(checkedTakers > 100)
    }
}
