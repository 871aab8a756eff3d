import LineupTestSupport
import TOML
import Testing

@testable import Evaluation

private let day = TOMLDate(year: 2015, month: 4, day: 21)

private func items(_ pairs: [CostItem: [Double]]) -> [CostItem: [Double]] { pairs }

@Suite struct FundAllocationTests {
    /// A donation for cameras only, larger than the cameras cost: $5,000 against 15 x $300 =
    /// $4,500 of cameras leaves $500 unused, and says why; the software falls to the town.
    @Test func aFundForCamerasOnlyLeavesTheRestUnused() {
        let donation = FundingSource(source: "donation", amount: 5000, paysFor: [.cameras], years: 1, recurring: false)
        let a = FundAllocation.allocate(
            items: [.cameras: [4500], .software: [1000]], years: 1, funding: [donation], evaluationDate: day)
        #expect(a.paidByFund == [[4500]])
        #expect(a.townByYear == [1000])
        #expect(a.unused == [500])
        #expect(a.unusedNotes == ["donation may pay only cameras, in year one, no recurring costs: $500 unused"])
    }

    /// Greedy in the wrong order: fund A (anything) is listed first and $10,000 of cameras are
    /// its cheapest use, so greedy spends A on cameras; then fund B (cameras only, $10,000) has
    /// nothing it may pay and the town pays the $10,000 of software. The allocation moves A to
    /// the software and B to the cameras: the town pays nothing.
    @Test func theAllocationBeatsGreedy() {
        let a = FundingSource(source: "A", amount: 10000)
        let b = FundingSource(source: "B", amount: 10000, paysFor: [.cameras])
        let result = FundAllocation.allocate(
            items: [.cameras: [10000], .software: [10000]], years: 1, funding: [a, b], evaluationDate: day)
        #expect(result.townTotal == 0)
        #expect(result.paidByFund == [[10000], [10000]])
        // Greedy's answer, for the record: A on the cameras, B on nothing.
        let greedyTown = 20000.0 - 10000
        #expect(result.townTotal < greedyTown)
    }

    /// A fund of $3,000 for two years and a product with $1,000 of cameras and $1,000 of
    /// licences a year over five years. Year 1: cameras 1,000 + licences 1,000 = 2,000, paid by
    /// the fund; year 2: licences 1,000, paid by the fund (3,000 used); years 3-5: 1,000 a year
    /// to the town. Without recurring costs the fund pays only the cameras: 2,000 unused.
    @Test func aTwoYearFundAndRecurringLicences() {
        let costs: [CostItem: [Double]] = [.cameras: [1000, 0, 0, 0, 0], .licences: [1000, 1000, 1000, 1000, 1000]]
        let twoYears = FundingSource(source: "grant", amount: 3000, years: 2)
        let a = FundAllocation.allocate(items: costs, years: 5, funding: [twoYears], evaluationDate: day)
        #expect(a.paidByFund == [[2000, 1000, 0, 0, 0]])
        #expect(a.townByYear == [0, 0, 1000, 1000, 1000])
        #expect(a.unused == [0])
        let noRecurring = FundingSource(source: "grant", amount: 3000, years: 2, recurring: false)
        let b = FundAllocation.allocate(items: costs, years: 5, funding: [noRecurring], evaluationDate: day)
        #expect(b.townByYear == [1000, 1000, 1000, 1000, 1000])
        #expect(b.unusedNotes == ["grant may pay anything, in years 1-2, no recurring costs: $2,000 unused"])
        // until = a date: 2017-04-20 is 730 days after 2015-04-21, two years.
        let until = FundingSource(source: "grant", amount: 3000, until: TOMLDate(year: 2017, month: 4, day: 20))
        #expect(until.lastYear(evaluationDate: day) == 2)
    }

    /// Without rules the funds are one pool for year one: the town pays year one minus the
    /// funds (when positive), and every later year in full, exactly as before the rules existed.
    @Test func withoutRulesTheFundsAreOnePoolForYearOne() {
        let profile = wilton()
        for a in Assessment.assess([panasonicBWC, vievuCloud, axonBody], profile: profile) {
            let allocation = FundAllocation.allocate(a.cost, profile: profile)
            #expect(abs(allocation.townByYear[0] - max(0, a.cost.yearOne - profile.funds)) < 1e-6, "\(a.id)")
            for y in 1..<allocation.years {
                #expect(abs(allocation.townByYear[y] - a.cost.annual) < 1e-6, "\(a.id) year \(y + 1)")
            }
            #expect(abs(allocation.costByYear.reduce(0, +) - a.cost.tco) < 1e-6)
        }
    }

    /// The closed form used without rules is what the flow gives for the same funds written as
    /// rules ("anything, in year one"), on every product of the fixtures.
    @Test func thePooledShortcutEqualsTheFlow() {
        let profile = wilton()
        let explicit = profile.funding.map { FundingSource(source: $0.source, amount: $0.amount, years: 1) }
        for a in Assessment.assess([panasonicBWC, vievuCloud, axonBody], profile: profile) {
            let (years, items) = FundAllocation.costs(a.cost, horizonYears: profile.horizonYears)
            let pooled = FundAllocation.allocate(
                items: items, years: years, funding: profile.funding, evaluationDate: day)
            let flow = FundAllocation.allocate(items: items, years: years, funding: explicit, evaluationDate: day)
            #expect(
                pooled.townByYear.map { ($0 * 100).rounded() } == flow.townByYear.map { ($0 * 100).rounded() },
                "\(a.id)")
            #expect(abs(pooled.unused.reduce(0, +) - flow.unused.reduce(0, +)) < 1e-6)
        }
    }

    /// The cameras the funds equip: without rules the pooled count; the flow with the same funds
    /// written as rules ("anything, in year one") finds the same; a cameras-only donation
    /// equips fewer once software must come from the other fund.
    @Test func camerasEquippedUnderRules() {
        var profile = wilton()
        for a in Assessment.assess([panasonicBWC, vievuCloud, axonBody], profile: profile) {
            var explicit = profile
            explicit.funding = profile.funding.map { FundingSource(source: $0.source, amount: $0.amount, years: 1) }
            #expect(a.camerasEquipped == a.cost.camerasAffordable, "\(a.id)")
            #expect(FundAllocation.camerasEquipped(a.cost, profile: explicit) == a.cost.camerasAffordable, "\(a.id)")
        }
        // Panasonic at $900 a camera, nothing else stated: $17,000 pooled buys 18 cameras
        // (18 x 900 = 16,200). With $5,000 for cameras only and $12,000 for anything, still 18.
        profile.funding = [
            FundingSource(source: "gift", amount: 5000, paysFor: [.cameras], years: 1),
            FundingSource(source: "grant", amount: 12000, years: 1),
        ]
        let a = Assessment.assess([panasonicBWC], profile: profile)[0]
        #expect(a.camerasEquipped == 18)
        // Only cameras-only money, $5,000: 5 cameras (5 x 900 = 4,500; 6 x 900 = 5,400).
        profile.funding = [FundingSource(source: "gift", amount: 5000, paysFor: [.cameras], years: 1)]
        #expect(Assessment.assess([panasonicBWC], profile: profile)[0].camerasEquipped == 5)
    }

    /// Rules in the profile are read with file:line:col and suggestions.
    @Test func fundRulesAreReadAndChecked() {
        let base =
            "name = \"W\"\nevaluation_date = 2015-04-21\nneed_by = 2015-12-31\ncameras = 15\nlicensed_users = 30\nofficers_per_shift = 5\nshifts_per_day = 3\nrecorded_hours_per_shift = 2\nroutine_retention_days = 90\nevidence_share = 0.05\nevidence_retention_days = 1095\nhorizon_years = 5\n"
        let good = SpecDecoder.profile(
            Array(
                (base
                    + "[[funding]]\nsource = \"gift\"\namount = 5000\npays_for = [\"cameras\"]\nyears = 1\nrecurring = false\n")
                    .utf8), file: "d.toml")
        #expect(
            good.value?.funding == [
                FundingSource(source: "gift", amount: 5000, paysFor: [.cameras], years: 1, recurring: false)
            ])
        let typo = SpecDecoder.profile(
            Array((base + "[[funding]]\nsource = \"gift\"\namount = 5000\npays_for = [\"camera\"]\n").utf8),
            file: "d.toml")
        #expect(
            typo.diagnostics.map(\.description) == [
                "d.toml:16:13: error: funding.pays_for: \"camera\" is not a cost item; did you mean \"cameras\"? use cameras, accessories, docks, software, server, licences, storage, warranty"
            ])
        let key = SpecDecoder.profile(
            Array((base + "[[funding]]\nsource = \"gift\"\namount = 5000\npay_for = [\"cameras\"]\n").utf8),
            file: "d.toml")
        #expect(key.diagnostics.first?.description.contains("did you mean funding.pays_for?") == true)
    }
}
