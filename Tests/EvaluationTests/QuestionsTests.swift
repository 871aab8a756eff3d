import LineupTestSupport
import TOML
import Testing

@testable import Evaluation

/// Every cost item stated (else it is unknown, and asked about with no effect to show).
private let rest =
    "\n[dock]\nprice = 0\n[storage]\nmodel = \"cloud\"\nper_user_per_month = 0\nper_camera_per_month = 0\nsetup = 0\nincluded_gb_per_user = 100000\n[availability]\nstatus = \"shipping\"\n"

@Suite struct QuestionsTests {
    /// Two products, only cost counts. A's camera price is quoted as $800-$1,000, B's as $900;
    /// nothing else is paid. At $800, A's TCO is 15 x 800 = $12,000 against B's 15 x 900 =
    /// $13,500: A is first in every draw. At $1,000 it is $15,000: B is first in every draw.
    /// So the price moves A's chance of first from 100% to 0%: an effect of 100 points. A's
    /// unstated car-trigger link counts for nothing (integration weighs 0): no effect, last.
    @Test func theUnknownThatDecidesIsAskedFirst() throws {
        let a = product(
            "a",
            "vendor = \"Acme\"\nmodel = \"A\"\n[camera]\nprice = [800, 1000]\n[integration]\nin_car_system = \"Panasonic Arbitrator\"\nshared_evidence_software = true\nsynchronised_playback = false\nshared_upload = false"
                + rest)
        let b = product("b", "vendor = \"Bee\"\nmodel = \"B\"\n[camera]\nprice = 900" + rest)
        var profile = wilton(weights: Weights(cost: 1, integration: 0, storage: 0, availability: 0))
        profile.slip = .none
        let ranking = Ranking(
            Assessment.assess([a, b], profile: profile), weights: profile.weights, method: .weightedSum,
            evaluationDate: profile.evaluationDate)
        let options = Simulation.Options(draws: 2000, seed: 5)
        let report = Questions.analyse([a, b], profile: profile, ranking: ranking, options: options)
        // B has no open figure; A has two: the price range and the car-trigger link.
        #expect(report.questions.map(\.fact.field.path) == ["camera.price", "integration.car_triggers"])
        let price = report.questions[0]
        #expect(price.firstAtLow == 1)
        #expect(price.firstAtHigh == 0)
        #expect(price.effect == 1)
        #expect(
            price.sentence
                == "the camera price (between $800 and $1,000, as quoted; Acme A first in 100.0% of cases at $800, 0.0% at $1,000)"
        )
        let link = report.questions[1]
        #expect(link.effect == 0)
        #expect(report.vendors == ["Acme"])
        // The same seed gives the same numbers.
        #expect(Questions.analyse([a, b], profile: profile, ranking: ranking, options: options) == report)
        let text = Questions.text(report)
        #expect(
            text.contains(
                "Ask Acme:\n  1. A: the camera price (between $800 and $1,000, as quoted; Acme A first in 100.0% of cases at\n"
            ))
        #expect(text.contains("[may be left: no effect]"))
        // The letter (issue 22): asks for the figure without our range, leaves out the link
        // whose answer changes nothing, is dated the evaluation date with the contact and a
        // reply-by date two weeks on.
        let letter = Questions.request(report, vendor: "Acme", profile: profile)
        #expect(
            letter.hasPrefix(
                "# Request for information: Acme\n\nFrom: Wilton Police Department  \nTo: Acme  \nDate: 2015-04-21  \nPlease reply by: 2015-05-05\n"
            ))
        // A ranks first (the tie at $900 goes to it by the tie rule): the questions its known
        // weaknesses raise follow its open price (no audio, battery or warranty stated; shifts of
        // 24 / 3 = 8 hours).
        #expect(
            letter.contains(
                """
                ## A

                1. What is your price per camera for 15 cameras?
                2. Does the pre-event buffer record audio as well as video?
                3. How many hours does it record on one charge? Our shifts are 8 hours.
                4. What warranty comes with each camera, and what does a longer warranty cost a year?

                """))
        #expect(!letter.contains("car (lights, siren)"))
        #expect(!letter.contains("$800") && !letter.contains("assume"))
        #expect(letter.hasSuffix("Thank you.\n\nWilton Police Department\n"))
    }

    /// Once the vendor's answer is in the spec, the question is gone.
    @Test func anAnsweredFigureIsNoLongerAsked() {
        let answered = product("a", "vendor = \"Acme\"\nmodel = \"A\"\n[camera]\nprice = 850" + rest)
        let b = product("b", "vendor = \"Bee\"\nmodel = \"B\"\n[camera]\nprice = 900" + rest)
        let profile = wilton()
        let ranking = Ranking(
            Assessment.assess([answered, b], profile: profile), weights: profile.weights, method: .weightedSum,
            evaluationDate: profile.evaluationDate)
        let report = Questions.analyse(
            [answered, b], profile: profile, ranking: ranking, options: .init(draws: 500, seed: 1))
        #expect(report.questions.isEmpty)
        #expect(Questions.text(report).contains("Nothing to ask"))
    }

    /// An unverified must-have is asked, with its effect on the chance of qualifying.
    @Test func anUnverifiedMustHaveIsAsked() {
        let a = product("a", "vendor = \"Acme\"\nmodel = \"A\"\n[camera]\nprice = 800" + rest)
        let b = product(
            "b", "vendor = \"Bee\"\nmodel = \"B\"\n[camera]\nprice = 900\n[video]\nbattery_hours = 12" + rest)
        var profile = wilton(weights: Weights(cost: 1, integration: 0, storage: 0, availability: 0))
        profile.requirements = Requirements([.minBatteryHours: 8])
        let ranking = Ranking(
            Assessment.assess([a, b], profile: profile), weights: profile.weights, method: .weightedSum,
            evaluationDate: profile.evaluationDate)
        let report = Questions.analyse([a, b], profile: profile, ranking: ranking, options: .init(draws: 500, seed: 1))
        // Under 8 h, A is out: B first; at 8 h A is cheaper and first. Effect 100 points.
        #expect(report.questions.first?.fact.field == .batteryHours)
        #expect(report.questions.first?.effect == 1)
        #expect(report.questions.first?.qualifiesAtLow == 0)
        #expect(report.questions.first?.qualifiesAtHigh == 1)
        #expect(report.questions.first?.fact.question == "How many hours does it record on one charge?")
    }

    /// Issue 21: each answer's effect is replayed from the base run's draws with only that
    /// product changed. On 60 seeded random lineups (every figure stated, a range or left out;
    /// funds by rules or pooled; must-haves; TOPSIS in some, which always runs in full), the
    /// replayed report equals, to the bit, the report that assesses and runs every changed
    /// lineup in full with the same seed. The replay must carry most of the answers, or this
    /// would compare the full runs with themselves.
    @Test func replayedEffectsEqualFullRuns() {
        var seeder = SplitMix64(seed: 21)
        var lineups = 0
        var replayed = 0
        var answers = 0
        var moved = 0
        for _ in 0..<60 {
            var rng = SplitMix64(seed: seeder.next())
            let (profile, products) = randomLineup(&rng, market: bundledMarket)
            let ranking = Ranking(
                Assessment.assess(products, profile: profile), weights: profile.weights, method: profile.method,
                evaluationDate: profile.evaluationDate)
            guard !ranking.entries.isEmpty else { continue }
            lineups += 1
            // 1,500 draws: a whole block and a part, on both cores.
            let options = Simulation.Options(draws: 1500, seed: rng.next())
            let fast = Questions.analyse(products, profile: profile, ranking: ranking, options: options)
            let full = Questions.analyse(
                products, profile: profile, ranking: ranking, options: options, incremental: false)
            #expect(fast == full)
            for (a, b) in zip(fast.questions, full.questions) where a != b || a.effect != b.effect {
                Issue.record("\(a.fact.field): \(a.sentence) [\(a.effect ?? -1)] vs \(b.sentence) [\(b.effect ?? -1)]")
            }
            // How many answers the replay carried.
            let recorded = Simulation.record(ranking, options: options)
            let lineup = ranking.entries.map(\.assessment) + ranking.failed
            let order = products.compactMap { p in lineup.first { $0.id == p.id } }
            let changes = LineupChanges(order)!
            for q in fast.questions where q.fact.lowText != "" {
                answers += 2
                if (q.effect ?? 0) > 0 { moved += 1 }
                for high in [false, true] {
                    var p = q.product
                    q.fact.set(&p, high)
                    guard let i = order.firstIndex(where: { $0.id == p.id }),
                        let (a, best) = changes.reassessing(p, at: i)
                    else { continue }
                    let replay = recorded.replay([(ranking.entry(p.id) == nil ? nil : p.id, a.ranks ? a : nil, best)])
                    if replay[0] != nil { replayed += 1 }
                }
            }
        }
        #expect(lineups >= 50)
        #expect(answers > 0 && Double(replayed) >= 0.4 * Double(answers), "\(replayed) of \(answers) replayed")
        #expect(moved > 20, "\(moved) answers moved a chance")
    }
}
