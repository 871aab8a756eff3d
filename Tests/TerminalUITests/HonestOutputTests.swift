import Foundation
import LineupTestSupport
import TOML
import Testing

@testable import Evaluation
@testable import TerminalUI

/// Issue 9, acceptance: on the bundled data no output shows $0 for an item a spec does not
/// state, and every figure resting on a range or an estimate is marked, in every output.
@Suite struct HonestOutputTests {
    static func bundled() throws -> (Profile, [Product]) { try bundledLineup() }

    @Test func everyOutputMarksEstimatesAndNeverShowsAnUnknownAsZero() throws {
        let (profile, products) = try Self.bundled()
        let ranking = Ranking(
            Assessment.assess(products, profile: profile), weights: profile.weights, method: profile.method,
            evaluationDate: profile.evaluationDate)
        let extras = RankingReport.Extras(
            simulation: Simulation.run(ranking, options: .init(draws: 500)), sensitivity: Sensitivity.analyse(ranking))
        // The market reference covers every item the bundled specs leave out, the existing
        // back-end's licences or seats included (its own range, per camera): nothing unknown.
        #expect(ranking.entries.allSatisfy { $0.assessment.cost.notCounted.isEmpty })
        // Every bundled product rests on at least one estimate or range.
        #expect(ranking.entries.allSatisfy { !$0.assessment.cost.uncertain.isEmpty })

        // Text table: every TCO and year one carries ~.
        let table = RankingReport.table(ranking, profile: profile, extras: extras)
        for e in ranking.entries {
            let row = table.split(separator: "\n").first {
                $0.contains(
                    SafeText.fitted(Marks.name(e.product), Column.named(.product).display!.textWidth).dropLast())
                    && $0.contains("$")
            }
            #expect(
                row?.contains("~" + Format.dollars(e.assessment.cost.tco)) == true, "\(e.product.name): \(row ?? "")")
        }
        // CSV: estimated items listed, low <= point <= high, nothing "not counted".
        let csv = RankingReport.csv(ranking, extras: extras)
        let header = csv.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })[0].replacingOccurrences(
            of: "\u{FEFF}", with: ""
        ).split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        for e in ranking.entries {
            let c = e.assessment.cost
            #expect(c.tcoLow <= c.tco && c.tco <= c.tcoHigh)
            #expect(c.yearOneLow <= c.yearOne && c.yearOne <= c.yearOneHigh)
        }
        #expect(header.contains("estimated") && header.contains("tco_low") && header.contains("chance_late"))
        // JSON: the same figures, unrounded.
        let json = RankingReport.json(ranking, extras: extras)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        for p in decoded["products"] as! [[String: Any]] {
            #expect(
                !(p["estimated"] as! String).isEmpty || (p["tco_low"] as! Double) < (p["tco_high"] as! Double),
                "\(p["id"]!)")
            #expect((p["not_counted"] as! String).isEmpty, "\(p["id"]!)")
        }
        // Every screen: no unknown shown as $0, and the ranking's money columns marked.
        var state = AppState(
            vendorsFolder: "vendors", profilePath: "vendors/department.toml",
            today: TOMLDate(year: 2015, month: 4, day: 21),
            products: products, profile: profile, diagnostics: [], width: 132, height: 40)
        var screens: [String] = [render(state).text]
        for key in ["b", "u", "t", "v"] {
            _ = state.apply(.key(.character(Character(key))))
            screens.append(render(state).text)
            _ = state.apply(.key(.escape))
        }
        for _ in ranking.entries {
            _ = state.apply(.key(.enter))
            for _ in 0..<3 {
                screens.append(render(state).text)
                _ = state.apply(.key(.pageDown))
            }
            _ = state.apply(.key(.escape))
            _ = state.apply(.key(.down))
        }
        for screen in screens {
            #expect(!screen.contains("counted as $0"))
            #expect(!screen.contains("$0 a year") || !screen.contains("unknown"))
        }
        let first = screens[0].split(separator: "\n")[3]
        #expect(first.contains("~$"), "\(first)")
    }
}
