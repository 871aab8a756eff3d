import LineupTestSupport
import TOML
import Testing

@testable import Evaluation

private func spec(_ id: String, _ body: String) -> Product {
    product(id, "vendor = \"V\"\nmodel = \"\(id)\"\n" + body)
}

/// Wilton (evaluated 2015-04-21, need-by 2015-12-31, funds $17,000) with must-haves and no slip.
private func profile(_ rules: [Rule: Double], weights: Weights = .standard) -> Profile {
    var p = wilton(weights: weights)
    p.requirements = Requirements(rules)
    p.slip = .none
    return p
}

private func outcome(_ a: Assessment, _ rule: Rule) -> RequirementResult? { a.requirements.first { $0.rule == rule } }

@Suite struct RequirementTests {
    /// The four cases of the issue, one product each, battery and date rules in force.
    @Test func statedFiguresPassOrFailAndUnknownsOrStraddlingRangesAreUnverified() throws {
        let products = [
            // Passes: 10 h battery >= 8; shipping with no date = available on the evaluation date.
            spec("passes", "[availability]\nstatus = \"shipping\"\n[camera]\nprice = 500\n[video]\nbattery_hours = 10"),
            // Fails: a stated 5 h battery is under 8 h.
            spec("fails", "[availability]\nstatus = \"shipping\"\n[camera]\nprice = 400\n[video]\nbattery_hours = 5"),
            // Unverified by an unknown: no battery figure.
            spec("unknown", "[availability]\nstatus = \"shipping\"\n[camera]\nprice = 600"),
            // Unverified by a range across the limit: ships 2015-12-01 to 2016-01-29, 60 days, of
            // which 31 (December 1-31) are on or before the need-by date: P = 31 / 60 = 0.5167.
            spec(
                "window",
                "[availability]\nstatus = \"announced\"\ndate = [2015-12-01, 2016-01-29]\n[camera]\nprice = 450\n[video]\nbattery_hours = 9"
            ),
        ]
        let p = profile([.minBatteryHours: 8, .availableByNeedBy: 1])
        let all = Assessment.assess(products, profile: p)
        func find(_ id: String) -> Assessment { all.first { $0.id == id }! }

        #expect(
            outcome(find("passes"), .minBatteryHours)
                == RequirementResult(rule: .minBatteryHours, outcome: .passes, reason: "10 h battery, at least 8 h"))
        #expect(outcome(find("passes"), .availableByNeedBy)?.reason == "available now")
        #expect(
            outcome(find("fails"), .minBatteryHours)
                == RequirementResult(rule: .minBatteryHours, outcome: .fails, reason: "5 h battery, under 8 h"))
        #expect(
            outcome(find("unknown"), .minBatteryHours)
                == RequirementResult(
                    rule: .minBatteryHours, outcome: .unverified, reason: "battery hours not stated",
                    question: "How many hours does it record on one charge?"))
        let window = try #require(outcome(find("window"), .availableByNeedBy))
        #expect(window.outcome == .unverified)
        #expect(window.reason == "ships 2015-12-01 to 2016-01-29; 52% chance by 2015-12-31")
        #expect(abs(window.chance! - 31.0 / 60.0) < 1e-12)
        #expect(window.question == "Will it ship by 2015-12-31? It is announced for 2015-12-01 to 2016-01-29.")

        // The failing product leaves the ranking, and the cheapest TCO compared against is
        // among those that remain: "fails" ($400 a camera) is cheaper than all of them, yet the
        // best cost score (100) goes to "window" ($450): 15 x 450 = 6,750 is the lowest ranked TCO.
        let ranking = Ranking(all, weights: p.weights, method: .weightedSum, evaluationDate: p.evaluationDate)
        #expect(ranking.entries.map(\.id).sorted() == ["passes", "unknown", "window"])
        #expect(ranking.failed.map(\.id) == ["fails"])
        #expect(ranking.entry("window")?.assessment.scores.cost == 100)
        // passes: 6,750 / (15 x 500 = 7,500) x 100 = 90.
        #expect(abs(ranking.entry("passes")!.assessment.scores.cost - 90) < 1e-9)
        #expect(ranking.entry("unknown").map { Marks.rank($0).hasSuffix("†") } == true)
        #expect(Marks.rank(ranking.failedEntries[0]) == "out")
    }

    /// Moved before a stated window, the need-by date puts an announced product out; a window
    /// that ends (slip included) by the date passes.
    @Test func aWindowAfterTheNeedByDateFailsAndOneBeforeItPasses() {
        var p = profile([.availableByNeedBy: 1])
        p.needBy = TOMLDate(year: 2015, month: 7, day: 1)
        let early = Assessment.assess([panasonicBWC], profile: p)[0]
        #expect(
            outcome(early, .availableByNeedBy)
                == RequirementResult(
                    rule: .availableByNeedBy, outcome: .fails,
                    reason: "ships 2015-07-21 to 2015-08-21, after the need-by date 2015-07-01"))
        #expect(!early.qualifies)
        // With the profile's slip (50%, up to 120 days) the latest day is 2015-08-21 + 120 = 2015-12-19,
        // before 2015-12-31: it passes even if it slips.
        var q = profile([.availableByNeedBy: 1])
        q.slip = Slip(chance: 0.5, maxDays: 120)
        let late = Assessment.assess([panasonicBWC], profile: q)[0]
        #expect(outcome(late, .availableByNeedBy)?.outcome == .passes)
        #expect(
            outcome(late, .availableByNeedBy)?.reason
                == "ships 2015-07-21 to 2015-08-21, by 2015-12-19 even if it slips, by 2015-12-31")
    }

    /// Year one against the funds: stated figures alone over the funds fail; within them at every
    /// range's high end passes; across them is unverified.
    @Test func yearOneAgainstTheFunds() {
        let p = profile([.yearOneWithinFunds: 1])
        // Every other cost item stated as nothing (else it is unknown, and year one "+ unknown").
        let rest =
            "\n[dock]\nprice = 0\n[storage]\nmodel = \"cloud\"\nper_user_per_month = 0\nper_camera_per_month = 0\nsetup = 0\nincluded_gb_per_user = 100000\n"
        // 15 x $1,200 = $18,000 > $17,000 on the stated price alone: fails.
        let over = spec("over", "[camera]\nprice = 1200" + rest)
        // 15 x $1,000 = $15,000 <= $17,000, nothing else paid: passes.
        let within = spec("within", "[camera]\nprice = 1000" + rest)
        // 15 x $1,000-$1,200 = $15,000-$18,000 across $17,000: unverified.
        let across = spec("across", "[camera]\nprice = [1000, 1200]" + rest)
        // The same price with docks left out: no market range, so the docks count at the highest
        // the lineup states ($0 a camera here); an assumption, so the rule stays unverified.
        let unknownDocks = spec(
            "docks",
            "[camera]\nprice = 1000\n[storage]\nmodel = \"cloud\"\nper_user_per_month = 0\nper_camera_per_month = 0\nsetup = 0\nincluded_gb_per_user = 100000\n"
        )
        let all = Assessment.assess([over, within, across, unknownDocks], profile: p)
        #expect(all[1].cost.notCounted == [])
        #expect(
            outcome(all[0], .yearOneWithinFunds)?.reason
                == "year one is at least $18,000 on stated figures alone, over the funds $17,000")
        #expect(outcome(all[0], .yearOneWithinFunds)?.outcome == .fails)
        #expect(outcome(all[1], .yearOneWithinFunds)?.reason == "year one at most $15,000, within $17,000")
        #expect(outcome(all[2], .yearOneWithinFunds)?.outcome == .unverified)
        #expect(outcome(all[2], .yearOneWithinFunds)?.reason == "year one $15,000 to $18,000 against $17,000")
        #expect(outcome(all[3], .yearOneWithinFunds)?.outcome == .unverified)
        #expect(
            outcome(all[3], .yearOneWithinFunds)?.reason
                == "year one $15,000 (docks and charging, per camera at the lineup's highest stated) against $17,000")
        #expect(
            outcome(all[3], .yearOneWithinFunds)?.question
                == "What is the full first-year price for 15 cameras (docks and charging, per camera)?")
    }

    /// The simulation: the chance of qualifying matches the hand value, and first place is
    /// counted only in the draws in which a product qualifies.
    @Test func theChanceOfQualifyingAndOfFirstPlace() {
        // Only cost counts. "window" ($450 a camera) is cheaper than "passes" ($500), so it is
        // first in every draw in which it ships by the need-by date: P = 31 / 60 = 0.5167, and
        // "passes" is first in the others: 29 / 60 = 0.4833.
        let products = [
            spec("passes", "[availability]\nstatus = \"shipping\"\n[camera]\nprice = 500"),
            spec(
                "window",
                "[availability]\nstatus = \"announced\"\ndate = [2015-12-01, 2016-01-29]\n[camera]\nprice = 450"),
        ]
        let p = profile([.availableByNeedBy: 1], weights: Weights(cost: 1, integration: 0, storage: 0, availability: 0))
        let ranking = Ranking(
            Assessment.assess(products, profile: p), weights: p.weights, method: .weightedSum,
            evaluationDate: p.evaluationDate)
        #expect(ranking.entries.map(\.id) == ["window", "passes"])
        for method in [Method.weightedSum, .topsis] {
            var r = ranking
            r.method = method
            let result = Simulation.run(r, options: .init(draws: 10_000, seed: 9))
            // Sampling error: sqrt(0.5167 x 0.4833 / 10,000) = 0.0050; 4 standard errors = 0.02.
            #expect(abs(result.outcome("window")!.chanceQualifies! - 31.0 / 60.0) < 0.02)
            #expect(abs(result.outcome("window")!.chanceFirst - 31.0 / 60.0) < 0.02)
            #expect(abs(result.outcome("passes")!.chanceFirst - 29.0 / 60.0) < 0.02)
            #expect(result.outcome("passes")!.chanceQualifies == 1)
        }
    }

    @Test func aRuleNothingDrawsLeavesTheChanceUnknown() {
        let p = profile([.preEventAudio: 1])
        let products = [
            spec("a", "[camera]\nprice = 500"), spec("b", "[camera]\nprice = 600\n[video]\npre_event_audio = true"),
        ]
        let ranking = Ranking(
            Assessment.assess(products, profile: p), weights: p.weights, method: .weightedSum,
            evaluationDate: p.evaluationDate)
        let result = Simulation.run(ranking, options: .init(draws: 1000, seed: 1))
        #expect(result.outcome("a")!.chanceQualifies == nil)
        #expect(result.outcome("b")!.chanceQualifies == 1)
    }

    /// The must-haves panel's shortcut (figures kept, only changed rules checked again) gives
    /// exactly what a full assessment gives, through a series of changes.
    @Test func rejudgingEqualsAssessingAfresh() {
        let products = [
            panasonicBWC, vievuCloud, axonBody,
            spec(
                "window",
                "[availability]\nstatus = \"announced\"\ndate = [2015-12-01, 2016-01-29]\n[camera]\nprice = 450\n[video]\nbattery_hours = 9"
            ),
        ]
        var p = profile([:])
        var current = Assessment.assess(products, profile: p)
        let steps: [(Rule, Double)] = [
            (.availableByNeedBy, 1), (.minBatteryHours, 8), (.minBatteryHours, 10), (.worksWithInCar, 1),
            (.availableByNeedBy, 0),
            (.minResolution, 720), (.yearOneWithinFunds, 1), (.storageFitsBackend, 1), (.minBatteryHours, 0),
        ]
        for (rule, limit) in steps {
            p.requirements[rule] = limit
            current = Assessment.rejudge(current, profile: p)
            let fresh = Assessment.assess(products, profile: p)
            #expect(current.map(\.id) == fresh.map(\.id))
            #expect(current.map(\.scores) == fresh.map(\.scores), "after \(rule) = \(limit)")
            #expect(current.map(\.requirements) == fresh.map(\.requirements), "after \(rule) = \(limit)")
        }
    }

    @Test func resolutionsAreReadInLines() {
        #expect(RequirementCheck.resolutionLines("720p") == 720)
        #expect(RequirementCheck.resolutionLines("1080P HD") == 1080)
        #expect(RequirementCheck.resolutionLines("1280x720") == 720)
        #expect(RequirementCheck.resolutionLines("Full HD") == 1080)
        #expect(RequirementCheck.resolutionLines("near-HD") == 720)
        #expect(RequirementCheck.resolutionLines("VGA") == nil)
    }

    @Test func theProfileSectionIsCheckedWithSuggestions() {
        let base =
            "name = \"W\"\nevaluation_date = 2015-04-21\nneed_by = 2015-12-31\ncameras = 15\nlicensed_users = 30\nofficers_per_shift = 5\nshifts_per_day = 3\nrecorded_hours_per_shift = 2\nroutine_retention_days = 90\nevidence_share = 0.05\nevidence_retention_days = 1095\nhorizon_years = 5\n"
        let good = SpecDecoder.profile(
            Array((base + "[requirements]\navailable_by_need_by = true\nmin_battery_hours = 8\n").utf8), file: "d.toml")
        #expect(good.value?.requirements == Requirements([.availableByNeedBy: 1, .minBatteryHours: 8]))
        let typo = SpecDecoder.profile(Array((base + "[requirements]\nmin_batery_hours = 8\n").utf8), file: "d.toml")
        #expect(typo.diagnostics.map(\.description).first?.contains("min_batery_hours") == true)
        #expect(typo.diagnostics.map(\.description).first?.contains("min_battery_hours") == true)
        let wrong = SpecDecoder.profile(
            Array((base + "[requirements]\npre_event_audio = \"yes\"\n").utf8), file: "d.toml")
        #expect(wrong.value == nil)
        #expect(wrong.diagnostics.first?.line == 14)
    }
}
