import Evaluation
import Foundation
import LineupTestSupport
import Report
import TOML
import Testing

@testable import TerminalUI

/// Issue 19, rule 1: ignorance never pays. Three specs and no market reference: one states
/// only vendor, model and status; two state full prices.
@Suite struct IgnoranceTests {
    static let bare = product("bare", "vendor = \"Bare\"\nmodel = \"Nothing\"\n[availability]\nstatus = \"shipping\"\n")
    static let full = """
        [availability]
        status = "shipping"
        [dock]
        price = 150
        cameras_per_dock = 1
        [video]
        gb_per_hour = 1.5
        [storage]
        model = "cloud"
        setup = 3000
        per_user_per_month = 20
        included_gb_per_user = 1000
        overage_per_gb_month = 0.1
        """
    static let a = product("acme", "vendor = \"Acme\"\nmodel = \"One\"\n[camera]\nprice = 899\n" + full)
    static let b = product("best", "vendor = \"Best\"\nmodel = \"Two\"\n[camera]\nprice = 999\n" + full)

    @Test func aProductWithNoPriceIsListedApartWithTheQuestionAndTheOthersKeepTheirScores() throws {
        let profile = wilton()  // no market reference
        let all = Assessment.assess([Self.bare, Self.a, Self.b], profile: profile)
        let ranking = Ranking(
            all, weights: profile.weights, method: .weightedSum, evaluationDate: profile.evaluationDate)
        // Out, with its reason and the question; never ranked, never first.
        #expect(ranking.entries.map(\.id) == ["acme", "best"])
        #expect(ranking.failed.map(\.id) == ["bare"])
        let bare = ranking.failed[0]
        #expect(bare.unrankable == [.cost])
        let why = "cannot be ranked on cost (no price) - ask: What is your price per camera for 15 cameras?"
        #expect(bare.notRankedBecause == why)
        // The others score as they would without it: the same lineup of two.
        let two = Ranking(
            Assessment.assess([Self.a, Self.b], profile: profile), weights: profile.weights, method: .weightedSum,
            evaluationDate: profile.evaluationDate)
        #expect(ranking.entries.map(\.score) == two.entries.map(\.score))
        #expect(ranking.entries.map(\.assessment.scores) == two.entries.map(\.assessment.scores))

        let extras = RankingReport.Extras(simulation: Simulation.run(ranking, options: .init(draws: 500, seed: 1)))
        // Text table: listed out with the reason and the question.
        let table = RankingReport.table(ranking, profile: profile, extras: extras)
        #expect(table.replacingOccurrences(of: "\n      ", with: " ").contains("out Bare Nothing: " + why))
        // Explain: not ranked, why, and what to ask; its cost shows no score.
        let page = Explanation.lines(ranking.failedEntries[0], in: ranking, profile: profile)
        #expect(page.contains("Not ranked: it \(why); its figures are shown for reference"))
        #expect(page.contains("  ask: What is your price per camera for 15 cameras?"))
        #expect(Marks.score(bare, .cost, places: 0) == "—")
        // CSV and JSON: rank out, no cost score, the reason.
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(RankingReport.json(ranking, extras: extras).utf8)) as? [String: Any]
        )
        let row = try #require((json["products"] as? [[String: Any]])?.first { $0["id"] as? String == "bare" })
        #expect(row["rank"] as? String == "out")
        #expect(row["cost_score"] is NSNull)
        #expect(row["score"] is NSNull)
        #expect(row["not_ranked"] as? String == why)
        let csv = RankingReport.csv(ranking, extras: extras)
        #expect(csv.contains(why))
        // The report: its row says it is not ranked on cost, and it is never recommended.
        let report = BoardReport(ranking: ranking, profile: profile, today: profile.evaluationDate)
        let reportRow = try #require(report.tableRows.first { $0.id == "bare" })
        #expect(reportRow.cells.first == "out")
        #expect(reportRow.cells[report.tableHeader.firstIndex(of: "Must-haves")!] == "not ranked: cost")
        #expect(report.summary.first?.contains("Bare") == false)
        // No output carries a cost score for it: the terminal table shows "—" in its cost column.
        var state = AppState(
            vendorsFolder: "vendors", profilePath: "vendors/department.toml", today: profile.evaluationDate,
            products: [Self.bare, Self.a, Self.b], profile: profile, diagnostics: [], width: 100, height: 30)
        state.simulationOptions = .init(draws: 200, seed: 1)
        let screen = render(state).text
        let line = try #require(screen.split(separator: "\n").first { $0.contains("Bare Nothing") })
        #expect(line.contains("out"))
        #expect(line.contains("—"))
    }
}
