import LineupTestSupport
import TOML
import Testing

@testable import Evaluation

/// Issue 9: what a spec leaves out is estimated from the market reference, marked, given a
/// range and a source, and never counted as $0.
@Suite struct MarketTests {
    static let marketText = """
        [camera_price]
        low = 120
        high = 2000
        source = "PERF 2014"
        date = 2014-09-01

        [docks_per_camera]
        low = 50
        high = 250
        source = "no public figure"
        assumption = true

        [setup]
        low = 500
        high = 5000
        source = "department"
        assumption = true

        [cloud_per_camera_per_month]
        low = 9
        high = 57
        source = "programme costs per camera"
        date = 2015-02-06

        [upkeep_per_tb_year]
        low = 40
        high = 200
        source = "maintenance 5-20%"
        date = 2014-12-01
        """

    static var market: MarketReference { SpecDecoder.market(Array(marketText.utf8), file: "market.toml").value! }

    static var profile: Profile {
        var p = wilton()
        p.market = market
        return p
    }

    /// States every cost: cameras, docks, set-up and licences (cloud, so no upkeep or server).
    static let complete = product(
        "complete",
        """
        vendor = "Full"
        model = "Quote"
        [camera]
        price = 899
        [dock]
        price = 150
        cameras_per_dock = 1
        [storage]
        model = "cloud"
        setup = 3000
        per_user_per_month = 10
        """)

    /// States only a camera price.
    static let sparse = product("sparse", "vendor = \"Bare\"\nmodel = \"Price\"\n[camera]\nprice = 899\n")

    @Test func theDecoderReadsEveryFigureWithItsSource() {
        let m = Self.market
        #expect(
            m[.cameraPrice]
                == MarketFigure(low: 120, high: 2000, source: "PERF 2014", date: TOMLDate(year: 2014, month: 9, day: 1))
        )
        #expect(m[.docksPerCamera]?.assumption == true)
        #expect(m[.gbPerHour] == nil)
        let bad = SpecDecoder.market(
            Array("[setup]\nlow = 5000\nhigh = 500\nsource = \"x\"\n[camera_prise]\nlow = 1\n".utf8), file: "m.toml")
        #expect(bad.value == nil)
        #expect(
            bad.diagnostics.map(\.description).contains(
                "m.toml:5:2: warning: unknown key camera_prise is ignored; did you mean camera_price?"))
        #expect(bad.diagnostics.contains { $0.message == "setup: low (5000) must not exceed high (500)" })
    }

    @Test func aSparseSpecIsEstimatedNotFree() {
        let all = Assessment.assess([Self.complete, Self.sparse], profile: Self.profile)
        let full = all.first { $0.id == "complete" }!.cost
        let bare = all.first { $0.id == "sparse" }!.cost
        // Complete: 15 x 899 = 13,485 + 15 docks x 150 = 2,250 + set-up 3,000 = 18,735 up front;
        // licences 30 x 10 x 12 = 3,600 a year; TCO = 18,735 + 5 x 3,600 = 36,735; nothing uncertain.
        #expect(full.tco == 36_735)
        #expect(full.uncertain.isEmpty && full.notCounted.isEmpty)
        #expect(full.tcoLow == full.tcoHigh)
        // Sparse (hosting not stated: the cloud plan, the dearer reading): 13,485 cameras; docks
        // estimated 15 x 150 (middle of 50-250) = 2,250; set-up 2,750 (middle of 500-5,000); the
        // plan per camera as the range was derived: 15 cameras x 33 (middle of 9-57) x 12 = 5,940
        // a year. Up front 13,485 + 2,250 + 2,750 = 18,485; TCO = 18,485 + 5 x 5,940 = 48,185.
        #expect(bare.tco == 48_185)
        #expect(bare.notCounted.isEmpty)
        #expect(
            bare.estimatedItems == [
                "docks and charging, per camera", "software and setup (one-time)",
                "cloud evidence plan per camera per month",
            ])
        // Low: 13,485 + 15 x 50 + 500 + 5 x 15 x 9 x 12 = 13,485 + 750 + 500 + 8,100 = 22,835.
        // High: 13,485 + 15 x 250 + 5,000 + 5 x 15 x 57 x 12 = 13,485 + 3,750 + 5,000 + 51,300 = 73,535.
        #expect(bare.tcoLow == 22_835)
        #expect(bare.tcoHigh == 73_535)
        #expect(bare.tcoHigh - bare.tcoLow > full.tcoHigh - full.tcoLow)
        // Year one: low 13,485 + 750 + 500 + 15 x 9 x 12 = 16,355; high 13,485 + 3,750 + 5,000 + 10,260 = 32,495.
        #expect(bare.yearOneLow == 16_355)
        #expect(bare.yearOneHigh == 32_495)
        // The complete quote wins on cost: 36,735 < 48,185.
        #expect(all.first { $0.id == "complete" }!.scores[.cost] == 100)
    }

    @Test func theWhyViewListsEachEstimateWithItsRangeAndSource() {
        let all = Assessment.assess([Self.complete, Self.sparse], profile: Self.profile)
        let lines = all.first { $0.id == "sparse" }!.explanation(.cost)
        #expect(
            lines.contains(
                "docks and charging: 15 x $150 (not stated; estimate: middle of $50-$250, department assumption: no public figure) = $2,250"
            ))
        #expect(
            lines.contains(
                "software and setup (one-time): $2,750 (not stated; estimate: middle of $500-$5,000, department assumption: department)"
            ))
        #expect(
            lines.contains(
                "cloud evidence plan per year (hosting not stated: the dearer reading): 15 cameras x $33 x 12 = $5,940 (not stated; estimate: middle of $9-$57, market reference: programme costs per camera, 2015-02-06)"
            ))
        #expect(lines.contains("TCO range, every range at its ends: $22,835 to $73,535"))
        #expect(!lines.contains { $0.contains("$0") && $0.contains("not stated") })
    }

    @Test func withoutAMarketUnknownItemsAreNamedAndMarkedNeverZero() {
        let all = Assessment.assess([Self.sparse], profile: wilton())
        let c = all[0].cost
        #expect(c.notCounted == ["docks", "software/setup", "licences"])
        #expect(Marks.tco(c) == "$13,485+")
        #expect(
            all[0].explanation(.cost).contains(
                "unknown (not stated, no market estimate), not in the totals: docks, software/setup, licences"))
        let csv = RankingReport.csv(
            Ranking(all, weights: .standard, method: .weightedSum, evaluationDate: wilton().evaluationDate))
        #expect(csv.contains("docks; software/setup; licences"))
    }

    @Test func rankingAndSimulationUseTheSameRange() {
        // Only cost counts; Sparse's licences, docks and set-up are drawn across their market
        // ranges, so its TCO runs from $30,935 to $124,835 around the ranked $77,885, and the
        // complete quote's fixed $54,735 lies inside: neither can be first in every draw.
        let ranking = Ranking(
            Assessment.assess([Self.complete, Self.sparse], profile: Self.profile),
            weights: Weights(cost: 1, integration: 0, storage: 0, availability: 0),
            method: .weightedSum, evaluationDate: wilton().evaluationDate)
        #expect(ranking.entries.first?.id == "complete")
        let result = Simulation.run(ranking, options: .init(draws: 4000, seed: 5))
        let sparse = result.outcome("sparse")!.chanceFirst
        #expect(sparse > 0.05 && sparse < 0.95)
    }
}

/// Issue 9, item 4: announced dates slip; the simulation draws the slip, the ranking uses the
/// median of the same distribution.
@Suite struct SlipTests {
    var profile: Profile {
        var p = wilton()
        p.slip = Slip(chance: 0.5, maxDays: 120)
        return p
    }

    @Test func anAnnouncedDateMissesTheNeedByDateAsWorkedByHand() {
        // Announced for 2015-11-30, 31 days before the need-by date 2015-12-31. With chance 1/2
        // it slips by 1-120 days, each equally likely; it is late when the slip exceeds 31 days:
        // P(late) = 1/2 x (120 - 31) / 120 = 89 / 240 = 0.370833.
        let p = product(
            "late",
            "vendor = \"A\"\nmodel = \"B\"\n[availability]\nstatus = \"announced\"\ndate = 2015-11-30\n[camera]\nprice = 500\n"
        )
        let a = Assessment.assess([p, axonBody], profile: profile)
        let m = a.first { $0.id == "late" }!.availability
        #expect(abs(m.chanceLate - 89.0 / 240) < 1e-12)
        // Median: P(on or before 2015-11-30) = 1/2 already, so the median is the date itself.
        #expect(m.date == TOMLDate(year: 2015, month: 11, day: 30))
        let ranking = Ranking(a, weights: .standard, method: .weightedSum, evaluationDate: profile.evaluationDate)
        let sim = Simulation.run(ranking, options: .init(draws: 10_000, seed: 3))
        // Standard error sqrt(0.3708 x 0.6292 / 10,000) = 0.00483; allow 4 of them.
        let drawn = sim.outcome("late")!.chanceLate
        #expect(abs(drawn - 89.0 / 240) < 4 * 0.00483, "\(drawn)")
        // A shipping product is never late; its chance is exactly 0.
        #expect(sim.outcome("axon-body")!.chanceLate == 0)
    }

    @Test func aWindowWithSlip() {
        // Window 2015-11-21 to 2015-12-21 (31 days, 10 to 40 days before need-by), slip chance
        // 1/2 of 1-60 days: P(late) = 1/2 x (1/31) x sum over d = 10..40 of (60 - d) / 60
        // = 1/2 x (31 x 60 - 775) / (31 x 60) = 1/2 x 1,085 / 1,860 = 0.291667.
        var prof = profile
        prof.slip = Slip(chance: 0.5, maxDays: 60)
        let p = product(
            "w",
            "vendor = \"A\"\nmodel = \"B\"\n[availability]\nstatus = \"announced\"\ndate = [2015-11-21, 2015-12-21]\n")
        let m = Assessment.assess([p], profile: prof)[0].availability
        #expect(abs(m.chanceLate - 1085.0 / 3720) < 1e-12)
        // The median lies in the window or after it, never before its middle day 2015-12-06.
        #expect(m.date!.daysSinceEpoch >= TOMLDate(year: 2015, month: 12, day: 6).daysSinceEpoch)
        let ranking = Ranking(
            [Assessment.assess([p], profile: prof)[0]], weights: .standard, method: .weightedSum,
            evaluationDate: prof.evaluationDate)
        let drawn = Simulation.run(ranking, options: .init(draws: 10_000, seed: 8)).outcome("w")!.chanceLate
        // SE sqrt(0.2917 x 0.7083 / 10,000) = 0.00455.
        #expect(abs(drawn - 1085.0 / 3720) < 4 * 0.00455, "\(drawn)")
    }

    @Test func theMedianSplitsTheDrawsInHalf() {
        // The ranking's date is the median of what the simulation draws: at least half the draws
        // on or before it, and fewer than half on or before the day before.
        let d = AvailabilityDraw(first: 100, last: 130, slip: Slip(chance: 0.8, maxDays: 90))
        #expect(d.cdf(d.median) >= 0.5)
        #expect(d.cdf(d.median - 1) < 0.5)
        #expect(d.latest == 220)
    }
}

/// Issue 9, items 1 and 5: a link a spec does not state earns its chance x its points, and
/// the simulation draws it there or not.
@Suite struct LinkChanceTests {
    static let market = SpecDecoder.market(
        Array(
            """
            [link_chance.car_triggers]
            chance = 0.5
            source = "assumption"
            [link_chance.synchronised_playback]
            chance = 0.3
            source = "assumption"
            [link_chance.shared_upload]
            chance = 0.5
            source = "assumption"
            """.utf8), file: "market.toml"
    ).value!

    @Test func anUnstatedLinkEarnsItsChanceTimesItsPointsAndIsDrawn() {
        var profile = wilton()
        profile.market = Self.market
        // A: evidence software yes (40); the other three unstated: 40 + 0.5 x 25 + 0.3 x 20 +
        // 0.5 x 15 = 40 + 12.5 + 6 + 7.5 = 66 points.
        let a = product(
            "a",
            "vendor = \"A\"\nmodel = \"A\"\n[availability]\nstatus = \"shipping\"\n[integration]\nin_car_system = \"Panasonic Arbitrator\"\nshared_evidence_software = true\n"
        )
        // B: evidence software and playback stated, the rest stated absent: 40 + 20 = 60 points.
        let b = product(
            "b",
            "vendor = \"B\"\nmodel = \"B\"\n[availability]\nstatus = \"shipping\"\n[integration]\nin_car_system = \"Panasonic Arbitrator\"\nshared_evidence_software = true\ncar_triggers = false\nsynchronised_playback = true\nshared_upload = false\n"
        )
        let all = Assessment.assess([a, b], profile: profile)
        #expect(all[0].integration.earned == 66)
        #expect(all[1].integration.earned == 60)
        #expect(Marks.score(all[0], .integration, places: 0) == "~66")
        // Only integration counts. A's drawn points are 40 + 25 T + 20 P + 15 U (T, U with chance
        // 1/2, P with 0.3). A is ahead when 25 T + 20 P + 15 U > 20: whenever T (1/2), or else
        // when P and U (1/2 x 0.3 x 1/2 = 0.075); tied at 60 when only P (1/2 x 0.3 x 1/2 =
        // 0.075), a tie sharing first place. P(A first) = 0.5 + 0.075 + 0.075 / 2 = 0.6125.
        let ranking = Ranking(
            all, weights: Weights(cost: 0, integration: 1, storage: 0, availability: 0), method: .weightedSum,
            evaluationDate: profile.evaluationDate)
        let chance = Simulation.run(ranking, options: .init(draws: 10_000, seed: 4)).outcome("a")!.chanceFirst
        // SE sqrt(0.6125 x 0.3875 / 10,000) = 0.00487; allow 4.
        #expect(abs(chance - 0.6125) < 4 * 0.00487, "\(chance)")
    }
}

/// Issue 9, item 3: the ranking's figure for a range is the median of what the simulation
/// draws. Proof by a duel: a product whose only uncertainty is a range, against one fixed at
/// the ranked figure, wins half the draws.
@Suite struct OneRuleTests {
    @Test func aPriceRangeAgainstItsOwnMiddle() {
        // A: $800-$1,000, ranked on $900; B: exactly $900. Only cost counts; A is cheaper in a
        // draw when its price falls below $900: P = 1/2.
        let a = product(
            "a", "vendor = \"A\"\nmodel = \"A\"\n[availability]\nstatus = \"shipping\"\n[camera]\nprice = [800, 1000]\n"
        )
        let b = product(
            "b", "vendor = \"B\"\nmodel = \"B\"\n[availability]\nstatus = \"shipping\"\n[camera]\nprice = 900\n")
        let all = Assessment.assess([a, b], profile: wilton())
        #expect(all[0].cost.tco == all[1].cost.tco)
        let ranking = Ranking(
            all, weights: Weights(cost: 1, integration: 0, storage: 0, availability: 0), method: .weightedSum,
            evaluationDate: wilton().evaluationDate)
        let chance = Simulation.run(ranking, options: .init(draws: 10_000, seed: 12)).outcome("a")!.chanceFirst
        // SE sqrt(0.25 / 10,000) = 0.005; allow 4.
        #expect(abs(chance - 0.5) < 0.02, "\(chance)")
    }

    @Test func aDateWindowAgainstItsOwnMedianDay() {
        // A: 2015-07-21 to 2015-08-21 (32 days), ranked on its 16th day 2015-08-05; B: exactly
        // 2015-08-05. Only availability counts; A is earlier (better) in 15 of the 32 days and
        // tied on one (sharing first place): P = 15/32 + 1/2 x 1/32 = 0.484375.
        let a = product(
            "a",
            "vendor = \"A\"\nmodel = \"A\"\n[availability]\nstatus = \"shipping\"\ndate = [2015-07-21, 2015-08-21]\n")
        let b = product(
            "b", "vendor = \"B\"\nmodel = \"B\"\n[availability]\nstatus = \"shipping\"\ndate = 2015-08-05\n")
        let all = Assessment.assess([a, b], profile: wilton())
        #expect(all[0].availability.date == all[1].availability.date)
        let ranking = Ranking(
            all, weights: Weights(cost: 0, integration: 0, storage: 0, availability: 1), method: .weightedSum,
            evaluationDate: wilton().evaluationDate)
        let chance = Simulation.run(ranking, options: .init(draws: 10_000, seed: 13)).outcome("a")!.chanceFirst
        #expect(abs(chance - 0.484375) < 0.02, "\(chance)")
    }
}

/// Issue 9, item 5: an estimated video rate and a ranged back-end space are drawn too.
@Suite struct StorageDrawTests {
    @Test func anEstimatedRateAgainstItsOwnMiddle() {
        // A's rate is not stated: the market's 1-3 GB/h, ranked on 2; B states 2 GB/h; both cloud
        // (no capacity). Only storage counts: A stores less when its drawn rate is below 2: P = 1/2.
        var profile = wilton()
        profile.market = MarketReference(
            file: "m", figures: [.gbPerHour: MarketFigure(low: 1, high: 3, source: "test")])
        let a = product(
            "a", "vendor = \"A\"\nmodel = \"A\"\n[availability]\nstatus = \"shipping\"\n[storage]\nmodel = \"cloud\"\n")
        let b = product(
            "b",
            "vendor = \"B\"\nmodel = \"B\"\n[availability]\nstatus = \"shipping\"\n[video]\ngb_per_hour = 2\n[storage]\nmodel = \"cloud\"\n"
        )
        let all = Assessment.assess([a, b], profile: profile)
        #expect(all[0].storage.storedTB == all[1].storage.storedTB)
        let ranking = Ranking(
            all, weights: Weights(cost: 0, integration: 0, storage: 1, availability: 0), method: .weightedSum,
            evaluationDate: profile.evaluationDate)
        let chance = Simulation.run(ranking, options: .init(draws: 10_000, seed: 21)).outcome("a")!.chanceFirst
        #expect(abs(chance - 0.5) < 0.02, "\(chance)")
    }

    @Test func aRangedBackEndSpaceDecidesWhetherItFits() {
        // Both store the same: 30 h a day x 1 GB/h x 140.25 days = 4.2075 TB. A keeps it on the
        // department's back-end, whose free space the profile gives as 4-8 TB (ranked on 6: it
        // fits); B in the cloud. Only storage counts. A does not fit when the drawn space is
        // below 4.2075 TB: P = 0.2075 / 4 = 0.0519, and then scores 50 against B's 100; in every
        // other draw they tie and share first place: P(A first) = (1 - 0.0519) / 2 = 0.4741.
        var profile = wilton()
        profile.backendFreeTB = 6
        profile.backendFreeTBRange = Estimate(low: 4, high: 8)
        let a = product(
            "a",
            "vendor = \"A\"\nmodel = \"A\"\n[availability]\nstatus = \"shipping\"\n[video]\ngb_per_hour = 1\n[storage]\nmodel = \"existing-backend\"\n"
        )
        let b = product(
            "b",
            "vendor = \"B\"\nmodel = \"B\"\n[availability]\nstatus = \"shipping\"\n[video]\ngb_per_hour = 1\n[storage]\nmodel = \"cloud\"\n"
        )
        let all = Assessment.assess([a, b], profile: profile)
        #expect(all[0].storage.fits == true)
        let ranking = Ranking(
            all, weights: Weights(cost: 0, integration: 0, storage: 1, availability: 0), method: .weightedSum,
            evaluationDate: profile.evaluationDate)
        let chance = Simulation.run(ranking, options: .init(draws: 10_000, seed: 22)).outcome("a")!.chanceFirst
        let expected = (1 - 0.2075 / 4) / 2
        #expect(abs(chance - expected) < 0.02, "\(chance) vs \(expected)")
    }
}
