import LineupTestSupport
import TOML
import Testing

@testable import Evaluation

/// The committee: judged criteria, evaluators' medians and spreads, consensus, and How sure
/// resampling the evaluators. Every figure worked by hand.
@Suite struct CommitteeTests {
    static let fit = JudgedCriterion(
        key: "fit", name: "Fit in a field trial", weight: 40, scaleLow: 0, scaleHigh: 10,
        guidance: Guidance(low: "stopped wearing it", middle: "usable", high: "worn all shift"))
    static let support = JudgedCriterion(
        key: "support", name: "Local support", weight: 60, scaleLow: 1, scaleHigh: 5,
        guidance: Guidance(low: "none", middle: "phone", high: "on site"))

    static func evaluator(_ id: String, _ scores: [(String, String, Double)], submitted: Bool = true) -> Evaluator {
        Evaluator(
            id: id, file: "vendors/evaluations/\(id).toml", name: id.capitalized, role: "tester",
            conflictOfInterest: "none", date: nil, submitted: submitted,
            scores: scores.map { EvaluatorScore(product: $0.0, criterion: $0.1, score: $0.2) })
    }

    @Test func theMedianTheSpreadAndTheFlag() {
        let committee = Committee(criteria: [Self.fit, Self.support]).with(
            evaluators: [
                Self.evaluator("ann", [("a", "fit", 7), ("a", "support", 4)]),
                Self.evaluator("bob", [("a", "fit", 3), ("a", "support", 4)]),
                Self.evaluator("cy", [("a", "fit", 8)]),
                // Not submitted: not counted.
                Self.evaluator("dee", [("a", "fit", 0)], submitted: false),
            ], consensus: [])
        let scores = committee.scores(of: "a")
        // fit: marks 7, 3, 8 (ann, bob, cy: file order); sorted 3, 7, 8, median 7; range 3-8 = 5
        // of a 0-10 scale = 50% >= 40%: flagged for the consensus meeting; 7 -> 70 points.
        #expect(scores[0].marks.map(\.score) == [7, 3, 8])
        #expect(scores[0].median == 7)
        #expect(scores[0].lowest == 3 && scores[0].highest == 8)
        #expect(scores[0].spreadShare == 0.5)
        #expect(scores[0].disputed)
        #expect(scores[0].points == 70)
        // support on 1-5: marks 4, 4: median (4 + 4) / 2 = 4, no spread; (4 - 1) / (5 - 1) = 75 points.
        #expect(scores[1].median == 4 && scores[1].spreadShare == 0 && !scores[1].disputed)
        #expect(scores[1].points == 75)
        // Shares 40 / 100 and 60 / 100: 0.4 x 70 + 0.6 x 75 = 28 + 45 = 73.
        #expect(Committee.points(scores, shares: committee.shares) == 73)
        // An even count: 4, 6, 9, 10 -> (6 + 9) / 2 = 7.5.
        #expect(JudgedScore.median([10, 4, 9, 6]) == 7.5)
        // Nobody scored product b: 0 points on each (ignorance never pays).
        #expect(committee.scores(of: "b").map(\.points) == [0, 0])
    }

    @Test func theConsensusStandsBesideTheMedianAndCounts() throws {
        let committee = Committee(criteria: [Self.fit]).with(
            evaluators: [
                Self.evaluator("ann", [("axon-body", "fit", 7)]), Self.evaluator("bob", [("axon-body", "fit", 3)]),
                Self.evaluator("cy", [("axon-body", "fit", 8)]),
            ],
            consensus: [ConsensusScore(product: "axon-body", criterion: "fit", score: 6, reason: "the second mount")])
        let score = committee.scores(of: "axon-body")[0]
        // The median stays 7; the consensus 6 counts: 60 points; no longer disputed or drawn.
        #expect(score.median == 7 && score.counted == 6 && score.points == 60)
        #expect(!score.disputed && !score.varies)
        var profile = wilton()
        profile.committee = committee
        profile.weights[.committee] = 20
        let a = Assessment.assess([axonBody], profile: profile)[0]
        #expect(a.scores.committee == 60)
        let working = a.explanation(.committee)
        #expect(
            working.contains(
                "Fit in a field trial (0-10, 100% of the committee's score): median 7 of 3 (range 3-8); consensus 6 (the second mount) -> 60.0 points"
            ))
        #expect(working.contains("  Ann: 7"))
        #expect(working.last == "score = 1.00 x 60.0 = 60.0")
    }

    /// Two products alike in every figure; the committee scores them on one criterion.
    static func twins(consensus: [ConsensusScore] = []) -> Ranking {
        let spec = """
            [availability]
            status = "shipping"
            [camera]
            price = 500
            [storage]
            model = "cloud"
            per_camera_per_month = 30
            included_gb_per_user = "unlimited"
            [integration]
            shared_evidence_software = false
            car_triggers = false
            synchronised_playback = false
            shared_upload = false
            """
        let a = product("alpha", "vendor = \"A\"\nmodel = \"Alpha\"\n" + spec)
        let b = product("beta", "vendor = \"B\"\nmodel = \"Beta\"\n" + spec)
        var profile = wilton()
        profile.weights[.committee] = 20
        // Alpha: 7, 7, 7 (agreed). Beta: 4, 8, 9 - median 8, so Beta ranks first (80 > 70),
        // but only because two of three evaluators rate it above 7: one pick in three (the 4)
        // puts Alpha first.
        profile.committee = Committee(criteria: [fit]).with(
            evaluators: [
                evaluator("ann", [("alpha", "fit", 7), ("beta", "fit", 4)]),
                evaluator("bob", [("alpha", "fit", 7), ("beta", "fit", 8)]),
                evaluator("cy", [("alpha", "fit", 7), ("beta", "fit", 9)]),
            ], consensus: consensus)
        return Ranking(
            Assessment.assess([a, b], profile: profile), weights: profile.weights, method: .weightedSum,
            evaluationDate: profile.evaluationDate)
    }

    @Test func howSureResamplesTheEvaluators() {
        let ranking = Self.twins()
        #expect(ranking.entries.map(\.id) == ["beta", "alpha"])
        // Everything else alike, so Beta is first exactly when its drawn mark beats Alpha's 7:
        // the 8 or the 9, two of the three equally likely marks; whatever the weights drawn
        // (the committee's share is above 0 in every draw). Enumerating the resamples:
        // P(Beta first) = 2/3. With 3,000 draws the standard error is sqrt(2/3 x 1/3 / 3000)
        // = 0.0086; the estimate must be within 4 of them.
        let draws = 3000
        let result = Simulation.run(ranking, options: Simulation.Options(draws: draws, seed: 7))
        let p = 2.0 / 3.0
        let se = (p * (1 - p) / Double(draws)).squareRoot()
        let beta = result.outcome("beta")!.chanceFirst
        #expect(abs(beta - p) < 4 * se, "chance of first \(beta)")
        #expect(abs(result.outcome("alpha")!.chanceFirst - (1 - p)) < 4 * se)
        // Agreed in the consensus meeting at 8: Beta is first in every draw.
        let agreed = Simulation.run(
            Self.twins(consensus: [ConsensusScore(product: "beta", criterion: "fit", score: 8, reason: "agreed")]),
            options: Simulation.Options(draws: draws, seed: 7))
        #expect(agreed.outcome("beta")!.chanceFirst == 1)
    }

    @Test func thePointDrawGivesTheRankingsTotals() {
        // Beta: 0.2 x ... the committee's share is 20 / 120; the point draw (every mark at its
        // counted value) must give the ranking's order, so the committee enters both alike.
        let ranking = Self.twins()
        let beta = ranking.entries[0]
        let alpha = ranking.entries[1]
        // Alike but the committee: the totals differ by 20/120 x (80 - 70) = 1.6667.
        #expect(abs((beta.score - alpha.score) - 20.0 / 120.0 * 10) < 1e-9)
        #expect(beta.contributions.committee == 20.0 / 120.0 * 80)
    }
}

/// The committee's files are checked like specs: file, line and column, the nearest name.
@Suite struct CommitteeFileTests {
    static let profileText = """
        name = "Test"
        evaluation_date = 2015-04-21
        need_by = 2015-12-31
        cameras = 15
        licensed_users = 30
        officers_per_shift = 5
        shifts_per_day = 3
        recorded_hours_per_shift = 2
        routine_retention_days = 90
        evidence_share = 0.05
        evidence_retention_days = 1095
        horizon_years = 5
        [weights]
        cost = 40
        committee = 20
        [committee]
        blind_to_price = true
        [[committee.criterion]]
        key = "fit"
        name = "Fit in a field trial"
        weight = 40
        scale = [0, 10]
        low = "0-3: stopped wearing it"
        """

    static func committee() -> Committee {
        let loaded = SpecDecoder.profile(Array(profileText.utf8), file: "vendors/department.toml")
        return loaded.value!.committee!
    }

    @Test func theProfileReadsItsCriteria() {
        let loaded = SpecDecoder.profile(Array(Self.profileText.utf8), file: "vendors/department.toml")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let c = loaded.value!.committee!
        #expect(c.blindToPrice)
        #expect(
            c.criteria == [
                JudgedCriterion(
                    key: "fit", name: "Fit in a field trial", weight: 40, scaleLow: 0, scaleHigh: 10,
                    guidance: Guidance(low: "0-3: stopped wearing it", middle: "", high: ""))
            ])
        #expect(loaded.value!.weights.criteria == Criterion.allCases)
        // Judged criteria without a committee weight: named.
        let noWeight = Self.profileText.replacingOccurrences(of: "committee = 20\n", with: "")
        let d = SpecDecoder.profile(Array(noWeight.utf8), file: "vendors/department.toml").diagnostics
        #expect(d.map(\.field) == ["weights.committee"])
    }

    @Test func anEvaluatorFileIsCheckedLikeASpec() {
        let text = """
            name = "Sgt. Ann"
            conflict_of_interest = "none"
            submitted = true
            [scores.axon-bdy]
            fit = 7
            [scores.axon-body]
            fitt = 7
            fit = 11
            [scores.axon-flex]
            fit = { score = 6, nte = "typo" }
            """
        let loaded = SpecDecoder.evaluator(
            Array(text.utf8), file: "vendors/evaluations/ann.toml", id: "ann", committee: Self.committee(),
            products: ["axon-body", "axon-flex"])
        #expect(loaded.value == nil)
        #expect(
            loaded.diagnostics.map(\.description) == [
                "vendors/evaluations/ann.toml:4:9: error: scores \"axon-bdy\" is not a product in the folder (a spec file's name without .toml); did you mean \"axon-body\"?",
                "vendors/evaluations/ann.toml:7:1: error: scores.axon-body \"fitt\" is not a judged criterion of the profile; did you mean \"fit\"? use fit",
                "vendors/evaluations/ann.toml:8:7: error: scores.axon-body.fit must be between 0 and 10; found 11",
                "vendors/evaluations/ann.toml:10:20: warning: unknown key scores.axon-flex.fit.nte is ignored; did you mean scores.axon-flex.fit.note?",
            ])
    }

    @Test func aGoodFileLoadsWithItsNotes() {
        let text = """
            name = "Sgt. Ann"
            role = "Patrol sergeant"
            conflict_of_interest = "none"
            date = 2015-04-15
            [scores.axon-body]
            fit = { score = 7.5, note = "field trial 2015-04-08, night traffic stop" }
            """
        let loaded = SpecDecoder.evaluator(
            Array(text.utf8), file: "vendors/evaluations/ann.toml", id: "ann", committee: Self.committee(),
            products: ["axon-body"])
        #expect(loaded.diagnostics.isEmpty)
        let e = loaded.value!
        #expect(e.name == "Sgt. Ann" && e.role == "Patrol sergeant" && !e.submitted)
        #expect(
            e.scores == [
                EvaluatorScore(
                    product: "axon-body", criterion: "fit", score: 7.5,
                    note: "field trial 2015-04-08, night traffic stop")
            ])
    }
}

extension CommitteeTests {
    @Test func questionsListTheJudgedScoresThatCouldChangeTheFirst() {
        // Beta is first on its median 8; at its lowest mark, 4, its committee score is 40 and
        // Alpha (70) is first: an item for the consensus meeting. Alpha's marks all agree: none.
        let items = Questions.committeeItems(Self.twins())
        #expect(items.count == 1)
        #expect(
            items.first?.sentence
                == "B Beta, Fit in a field trial: the evaluators gave 4 to 9 (median 8); at 4 the first is A Alpha, at 9 B Beta"
        )
        // With the consensus recorded, nothing is left to the meeting.
        let agreed = Self.twins(consensus: [
            ConsensusScore(product: "beta", criterion: "fit", score: 8, reason: "agreed")
        ])
        #expect(Questions.committeeItems(agreed).isEmpty)
    }
}

extension CommitteeTests {
    /// With many products (500: more than 4 x the 100 places counted) a draw totals each committee at its bound first and draws it only
    /// where the bound reaches the first places: the chances equal drawing every committee.
    @Test func drawingOnlyTheContendersCommitteesChangesNothing() {
        var rng = SplitMix64(seed: 24)
        var products: [Product] = []
        for i in 0..<500 {
            products.append(
                product(
                    "p\(i)",
                    """
                    vendor = "V\(i)"
                    model = "M\(i)"
                    [availability]
                    status = "shipping"
                    [camera]
                    price = [\(400 + i * 7), \(450 + i * 9)]
                    [storage]
                    model = "cloud"
                    per_camera_per_month = \(20 + i % 13)
                    included_gb_per_user = "unlimited"
                    """))
        }
        var profile = wilton()
        profile.weights[.committee] = 30
        let evaluators = (0..<5).map { e in
            Self.evaluator(
                "e\(e)",
                products.flatMap { p in
                    [(p.id, "fit", Double(rng.next() % 11)), (p.id, "support", Double(rng.next() % 11))]
                })
        }
        profile.committee = Committee(criteria: [Self.fit, Self.support]).with(evaluators: evaluators, consensus: [])
        let ranking = Ranking(
            Assessment.assess(products, profile: profile), weights: profile.weights, method: .weightedSum,
            evaluationDate: profile.evaluationDate)
        var eager = Simulation.Options(draws: 2000, seed: 5)
        eager.eagerCommittee = true
        let lazy = Simulation.run(ranking, options: Simulation.Options(draws: 2000, seed: 5))
        let all = Simulation.run(ranking, options: eager)
        #expect(lazy.outcomes == all.outcomes, "the chances differ")
        #expect(lazy.outcomes.filter { $0.chanceFirst > 0 }.count >= 3)
    }
}
