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
    static let market = bundledMarket

    static func lineup(_ rng: inout SplitMix64) -> (Profile, [Product]) { randomLineup(&rng, market: market) }

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
            for (k, c) in profile.weights.criteria.enumerated() {
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
                    // By weighted sum every total is linear in the weight, so the shares that keep the
                    // leader first are one interval: first at an end exactly when the interval reaches
                    // it. TOPSIS is not linear: the leader may lose #1 and win it back further out,
                    // so only "the interval reaches the end, so it is first there" holds.
                    if profile.method == .weightedSum {
                        #expect(
                            leaderFirst == claimed,
                            "\(profile.method) \(c) at \(t): ranking puts \(r.entries[0].id) first; interval \(interval)"
                        )
                    } else if claimed {
                        #expect(leaderFirst, "topsis \(c) at \(t): ranking puts \(r.entries[0].id) first")
                    }
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

/// The draw orders its candidates only as far as it reads them; every position it reads must
/// hold what a full sort puts there.
@Suite struct PartialOrderTests {
    /// 300 random lists of 20-3,000 totals from a few values (many exact ties, many within the
    /// tolerance of each other): the first `count` positions equal a full sort's whenever the
    /// first 10 places' shared ranks end inside them, and the whole list when they do not.
    @Test func theOrderedPartIsAFullSortsPrefix() {
        var rng = SplitMix64(seed: 21)
        var partial = 0
        for round in 0..<300 {
            let n = Int.random(in: 20...3000, using: &rng)
            // Few distinct values in some rounds (long chains of ties), many in others.
            let distinct = round % 3 == 0 ? 5 : 400
            let totals = (0..<n).map { _ in
                Double(Int.random(in: 0..<distinct, using: &rng)) * 0.5e-9 * Double(round % 2)
                    + Double(Int.random(in: 0..<distinct, using: &rng))
            }
            let before: (Int, Int) -> Bool = { x, y in totals[x] != totals[y] ? totals[x] > totals[y] : x < y }
            let separates: (Int, Int) -> Bool = { totals[$0] - totals[$1] > 1e-9 }
            var list = Array((0..<n).shuffled(using: &rng))
            let full = list.sorted(by: before)
            let count = 31
            SimulationEngine.sortBest(&list, count: count, places: 10, by: before, chained: separates)
            #expect(Array(list.prefix(count)) == Array(full.prefix(count)), "round \(round)")
            #expect(Set(list) == Set(full))
            if list != full { partial += 1 }
        }
        // The partial order was taken (the lists were not all sorted in full).
        #expect(partial > 100)
    }
}
