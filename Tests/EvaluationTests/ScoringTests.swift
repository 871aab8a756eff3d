import LineupTestSupport
import TOML
import Testing

@testable import Evaluation

/// Every number here is worked by hand in the comment above its check.
@Suite struct ScoringTests {
    let assessments = Assessment.assess([panasonicBWC, vievuCloud, axonBody], profile: wilton())
    func a(_ id: String) -> Assessment { assessments.first { $0.id == id }! }

    @Test func vievuCloudCost() {
        let c = a("vievu-le3-cloud").cost
        // cameras: 15 x $899 = $13,485; docks and setup not stated, counted as $0
        #expect(c.upfront == 13_485)
        // licences: 30 users x $55 x 12 = $19,800
        #expect(c.licencesPerYear == 19_800)
        // stored: 5 x 3 x 2 = 30 h/day; x 2.7 GB/h = 81 GB/day;
        // retention 90 x 0.95 + 1095 x 0.05 = 85.5 + 54.75 = 140.25 days; 81 x 140.25 = 11,360.25 GB
        // overage: 11,360.25 - 30 x 60 = 9,560.25 GB x $0.125 x 12 = $14,340.375 a year
        #expect(abs(c.overagePerYear - 14_340.375) < 1e-6)
        // TCO = 13,485 + 5 x (19,800 + 14,340.375) = 13,485 + 170,701.875 = 184,186.875
        #expect(abs(c.tco - 184_186.875) < 1e-6)
        // year one = 13,485 + 34,140.375 = 47,625.375 > $17,000
        #expect(abs(c.yearOne - 47_625.375) < 1e-6)
        #expect(!c.withinFunds)
        // the recurring part alone (34,140.375) exceeds the funds, so no camera fits
        #expect(c.camerasAffordable == 0)
        #expect(c.notCounted == ["docks", "software/setup"])
        #expect(a("vievu-le3-cloud").explanation(.cost).first == "cameras: 15 x $899 = $13,485")
    }

    @Test func rangesUseTheirMiddle() {
        // A range is ranked on its middle, the median of the uniform draw the simulation makes.
        // Axon: 15 x $399 = $5,985; licences 30 x $47 (middle of $15-$79: (15 + 79) / 2) x 12 = $16,920
        let c = a("axon-body").cost
        #expect(c.upfront == 5_985)
        #expect(c.licencesPerYear == 16_920)
        // TCO = 5,985 + 5 x 16,920 = 90,585
        #expect(c.tco == 90_585)
        #expect(
            a("axon-body").explanation(.cost)[1]
                == "licences per year: 30 users x $47 (middle of $15-$79) x 12 = $16,920")
        // Panasonic: 15 x $900 (middle of $800-$1,000) = $13,500; nothing recurring stated
        #expect(
            a("panasonic-arbitrator-bwc").explanation(.cost).first
                == "cameras: 15 x $900 (middle of $800-$1,000) = $13,500")
        #expect(a("panasonic-arbitrator-bwc").cost.tco == 13_500)
        // $17,000 / $900 = 18.9, so 18 cameras
        #expect(a("panasonic-arbitrator-bwc").cost.camerasAffordable == 18)
    }

    @Test func costScoreIsLowestOverThis() {
        // lowest TCO is Panasonic's $13,500
        #expect(a("panasonic-arbitrator-bwc").scores[.cost] == 100)
        // 13,500 / 90,585 x 100 = 14.90313
        #expect(abs(a("axon-body").scores[.cost] - 14.90313) < 1e-4)
        // 13,500 / 184,186.875 x 100 = 7.32951
        #expect(abs(a("vievu-le3-cloud").scores[.cost] - 7.32951) < 1e-4)
    }

    @Test func storageFromPolicy() {
        // Panasonic: 30 h x 1.0 GB/h = 30 GB/day x 140.25 days = 4,207.5 GB = 4.2075 TB, fits in 6 TB free
        let s = a("panasonic-arbitrator-bwc").storage
        #expect(abs(s.storedTB - 4.2075) < 1e-9)
        #expect(s.fits == true)
        // Axon states no GB per hour: the lineup's highest stated rate (VIEVU's 2.7) is used,
        // so 81 GB/day x 140.25 = 11.36025 TB
        #expect(abs(a("axon-body").storage.storedTB - 11.36025) < 1e-9)
        #expect(a("axon-body").storage.gbPerHourNote == " (unknown: the highest rate stated in the lineup)")
        // score: 4.2075 / 11.36025 x 100 = 37.037
        #expect(abs(a("vievu-le3-cloud").scores[.storage] - 37.037037) < 1e-5)
        #expect(a("panasonic-arbitrator-bwc").scores[.storage] == 100)
    }

    @Test func storagePenaltyWhenTheBackendIsTooSmall() {
        var profile = wilton()
        profile.backendFreeTB = 4  // 4.2075 TB does not fit in 4 TB
        let all = Assessment.assess([panasonicBWC, vievuCloud], profile: profile)
        let p = all.first { $0.id == "panasonic-arbitrator-bwc" }!
        #expect(p.storage.fits == false)
        // smallest is itself: 100, halved by the 0.5 penalty = 50
        #expect(p.scores[.storage] == 50)
        #expect(p.explanation(.storage).last!.hasSuffix("does not fit: 100.0 x (1 - 0.5) = 50.0"))
    }

    @Test func integrationCountsOnlyTheDepartmentsSystem() {
        // Panasonic: shared evidence software with the Arbitrator: 40 of 100 points
        #expect(a("panasonic-arbitrator-bwc").scores[.integration] == 40)
        #expect(a("axon-body").scores[.integration] == 0)
        let digitalAlly = product(
            "da",
            "vendor = \"Digital Ally\"\nmodel = \"FirstVu HD\"\n[availability]\nstatus = \"shipping\"\n[integration]\nin_car_system = \"Digital Ally\"\ncar_triggers = true"
        )
        let m = IntegrationMetrics.compute(digitalAlly, wilton(), explain: true)
        #expect(m.earned == 0)
        #expect(m.lines[0] == "its in-car link is for Digital Ally, not Panasonic Arbitrator: no feature counts")
        #expect(m.lines[2] == "recording triggered by the car (lights, siren): yes -> 0 of 25 points")
    }

    @Test func availabilityIsLinearBetweenTheDates() {
        // the window 2015-07-21 (day 16,637) to 2015-08-21 (day 16,668) has 32 days; its middle
        // day is 16,637 + (16,668 - 16,637) / 2 = 16,637 + 15 = 16,652, 2015-08-05.
        // evaluation 16,546; need-by 16,800:
        // 100 x (16,800 - 16,652) / (16,800 - 16,546) = 100 x 148 / 254 = 58.2677
        let m = a("panasonic-arbitrator-bwc").availability
        #expect(abs(m.score - 58.267716535) < 1e-6)
        #expect(
            a("panasonic-arbitrator-bwc").explanation(.availability).first
                == "announced: 2015-07-21 to 2015-08-21 (middle day 2015-08-05 used)")
        #expect(
            a("panasonic-arbitrator-bwc").explanation(.availability).last
                == "score = 100 x (need-by 2015-12-31 - 2015-08-05) / (need-by - evaluation 2015-04-21) = 100 x 148 / 254 = 58.3"
        )
        #expect(a("axon-body").availability.score == 100)
        let late = product(
            "late", "vendor = \"X\"\nmodel = \"Y\"\n[availability]\nstatus = \"announced\"\ndate = 2016-01-05")
        #expect(AvailabilityMetrics.compute(late, wilton()).score == 0)
        #expect(AvailabilityMetrics.compute(late, wilton()).meetsNeedBy == false)
        let vague = product("vague", "vendor = \"X\"\nmodel = \"Y\"\n[availability]\nstatus = \"announced\"")
        #expect(AvailabilityMetrics.compute(vague, wilton()).score == 0)
        #expect(
            AvailabilityMetrics.compute(vague, wilton(), explain: true).lines == ["announced, no date given: scored 0"])
    }

    @Test func docksRoundUpWhenCountingAffordableCameras() {
        // $800 cameras, docks $300 for 5 cameras: 19 cameras = 15,200 + 4 docks x 300 = 16,400 <= 17,000;
        // 20 cameras = 16,000 + 4 x 300 = 17,200 > 17,000
        let p = product(
            "d", "vendor = \"X\"\nmodel = \"Y\"\n[camera]\nprice = 800\n[dock]\nprice = 300\ncameras_per_dock = 5")
        let assessed = Assessment.assess([p], profile: wilton())[0]
        let c = assessed.cost
        #expect(c.camerasAffordable == 19)
        // 15 cameras need 3 docks: 12,000 + 900 = 12,900
        #expect(c.upfront == 12_900)
        #expect(assessed.explanation(.cost)[1] == "docks: 3 x $300 (5 cameras per dock) = $900")
    }
}

@Suite struct RankingTests {
    @Test func weightedSumTotalIsTheWeightedMean() {
        let ranking = Ranking(
            Assessment.assess([panasonicBWC, vievuCloud, axonBody], profile: wilton()), weights: .standard,
            method: .weightedSum,
            evaluationDate: wilton().evaluationDate)
        // Panasonic: 0.40 x 100 + 0.25 x 40 + 0.15 x 100 + 0.20 x 58.2677 = 40 + 10 + 15 + 11.6535 = 76.6535
        #expect(ranking.entries.map(\.id) == ["panasonic-arbitrator-bwc", "axon-body", "vievu-le3-cloud"])
        #expect(abs(ranking.entries[0].score - 76.65354) < 1e-4)
        // Axon: 0.4 x 14.9031 + 0 + 0.15 x 37.037 + 0.2 x 100 = 5.9613 + 5.5556 + 20 = 31.5168
        #expect(abs(ranking.entries[1].score - 31.51681) < 1e-4)
        // VIEVU: 0.4 x 7.3295 + 0.15 x 37.037 + 20 = 2.9318 + 5.5556 + 20 = 28.4874
        #expect(abs(ranking.entries[2].score - 28.48736) < 1e-4)
        for e in ranking.entries {
            let mean = Criterion.allCases.reduce(0) { $0 + Weights.standard.share($1) * e.assessment.scores[$1] }
            #expect(abs(e.score - mean) < 0.01)
            #expect(abs(e.contributions.sum - e.score) < 1e-9)
        }
    }

    /// Triantaphyllou (2000), as in Wikipedia's "Weighted sum model": A1 = 21.5, A2 = A3 = 22.0.
    @Test func textbookWeightedSumExampleTies() {
        let scores = WeightedSum.scores(
            [[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]], weights: [0.20, 0.15, 0.40, 0.25])
        // A1 = 0.2 x 25 + 0.15 x 20 + 0.4 x 15 + 0.25 x 30 = 5 + 3 + 6 + 7.5 = 21.5
        #expect(abs(scores[0] - 21.5) < 1e-9)
        // A2 = 2 + 4.5 + 8 + 7.5 = 22; A3 = 6 + 1.5 + 12 + 2.5 = 22
        #expect(abs(scores[1] - 22.0) < 1e-9)
        #expect(abs(scores[2] - 22.0) < 1e-9)
    }

    @Test func tiesShareARankAndBreakByCostThenName() {
        // Two identical products but the name: same score, same rank, alphabetical order.
        let text = "model = \"Cam\"\n[camera]\nprice = 500\n[availability]\nstatus = \"shipping\""
        let b = product("b", "vendor = \"Beta\"\n" + text)
        let a = product("a", "vendor = \"Alpha\"\n" + text)
        let dear = product(
            "c", "vendor = \"Alpha\"\nmodel = \"Cam\"\n[camera]\nprice = 600\n[availability]\nstatus = \"shipping\"")
        for _ in 0..<3 {
            let r = Ranking(
                Assessment.assess([b, dear, a], profile: wilton()), weights: .standard, method: .weightedSum,
                evaluationDate: wilton().evaluationDate)
            #expect(r.entries.map(\.id) == ["a", "b", "c"])
            #expect(r.entries.map(\.rank) == [1, 1, 3])
        }
    }

    /// Hwang & Yoon (1981) pp. 133-134: the fighter-aircraft example.
    @Test func topsisFighterAircraft() {
        let matrix: [[Double]] = [
            [2.0, 1500, 20000, 5.5, 5, 9],
            [2.5, 2700, 18000, 6.5, 3, 5],
            [1.8, 2000, 21000, 4.5, 7, 7],
            [2.2, 1800, 20000, 5.0, 5, 5],
        ]
        let r = TOPSIS.evaluate(
            matrix, weights: [0.2, 0.1, 0.1, 0.1, 0.2, 0.3], benefit: [true, true, true, false, true, true])
        let published = [0.6433, 0.2684, 0.6135, 0.3123]
        for (c, p) in zip(r.closeness, published) { #expect(abs(c - p) < 0.00005) }
        // The book rounds intermediates to 4 decimals.
        for (s, p) in zip(r.toIdeal, [0.0545, 0.1197, 0.0580, 0.1009]) { #expect(abs(s - p) < 0.0005) }
        for (s, p) in zip(r.toAntiIdeal, [0.0983, 0.0439, 0.0920, 0.0458]) { #expect(abs(s - p) < 0.0005) }
        // A1 > A3 > A4 > A2
        #expect(r.closeness.indices.sorted { r.closeness[$0] > r.closeness[$1] } == [0, 2, 3, 1])
    }

    @Test func topsisSurvivesAColumnWhereEveryoneIsEqual() {
        // Every product available now: the availability column is all zeros.
        let r = TOPSIS.evaluate([[1, 0], [2, 0]], weights: [0.5, 0.5], benefit: [false, false])
        #expect(r.closeness.allSatisfy { $0.isFinite })
        #expect(r.closeness[0] == 1)
        #expect(r.closeness[1] == 0)
        // All identical: nothing to choose between; every closeness is 1, none NaN.
        #expect(
            TOPSIS.evaluate([[3, 3], [3, 3]], weights: [0.5, 0.5], benefit: [true, false]).closeness == [1, 1])
    }

    @Test func topsisRanksTheLineup() {
        let ranking = Ranking(
            Assessment.assess([panasonicBWC, vievuCloud, axonBody], profile: wilton()), weights: .standard,
            method: .topsis,
            evaluationDate: wilton().evaluationDate)
        #expect(ranking.entries.allSatisfy { $0.score.isFinite && $0.score >= 0 && $0.score <= 100 })
        #expect(ranking.entries[0].id == "panasonic-arbitrator-bwc")
    }
}
