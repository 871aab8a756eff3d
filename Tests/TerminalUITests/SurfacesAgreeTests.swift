import Evaluation
import Foundation
import LineupTestSupport
import Report
import TOML
import Testing

@testable import TerminalUI

/// Issue 17: every surface is a renderer of one model (`Column.all`), so every figure agrees.
/// The same lineup goes through the terminal's table (a rendered screen), the text table of
/// `lineup rank`, JSON, and the board report's HTML and Markdown tables; each cell of each
/// column is read back from each surface and compared, and the money, dates, chances and
/// ranks are checked against the unrounded JSON. On the bundled data, on the bundled data
/// with the funds' rules removed, and on 100 seeded random lineups.
@Suite struct SurfacesAgreeTests {
    static func bundled() throws -> (Profile, [Product]) { try bundledLineup() }

    /// The cells of `line` cut at the columns' widths (one space between columns).
    static func cut(_ line: String, widths: [Int]) -> [String] {
        let chars = Array(line)
        var cells: [String] = []
        var x = 0
        for w in widths {
            let end = min(chars.count, x + w)
            cells.append(x < end ? String(chars[x..<end]).trimmingCharacters(in: .whitespaces) : "")
            x += w + 1
        }
        return cells
    }

    /// Checks one lineup through every surface; returns the number of cells compared.
    @discardableResult
    static func check(_ profile: Profile, _ products: [Product], _ label: String) -> Int {
        var compared = 0
        let ranking = Ranking(
            Assessment.assess(products, profile: profile), weights: profile.weights, method: profile.method,
            evaluationDate: profile.evaluationDate)
        guard !ranking.entries.isEmpty else { return 0 }
        let options = Simulation.Options(draws: 300, seed: 5)
        let extras = RankingReport.Extras(simulation: Simulation.run(ranking, options: options))
        // Each surface, as a table: id -> column -> cell.
        var surfaces: [String: [String: [Column.ID: String]]] = [:]

        // The text table of `lineup rank`.
        let textColumns = Column.shown(in: .text).filter { $0.id != .move }
        let textLines = RankingReport.table(ranking, profile: profile, extras: extras).split(separator: "\n").map(
            String.init)
        let header = textLines.firstIndex { $0.hasPrefix("Rank ") }!
        var text: [String: [Column.ID: String]] = [:]
        for (i, e) in ranking.entries.enumerated() {
            let cells = cut(textLines[header + 1 + i], widths: textColumns.map { $0.display!.textWidth })
            text[e.id] = Dictionary(uniqueKeysWithValues: zip(textColumns.map(\.id), cells))
        }
        surfaces["text"] = text

        // The terminal, wide enough for every column.
        var state = AppState(
            vendorsFolder: "vendors", profilePath: "vendors/department.toml",
            today: TOMLDate(year: 2026, month: 12, day: 6),
            products: products, profile: profile, diagnostics: [], width: 160,
            height: max(24, ranking.entries.count + ranking.failed.count + 12))
        state.simulationOptions = options
        let screen = render(state).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let (columns, productWidth) = RankingTable.columns(
            for: state.width, hasHistory: false, availableWidth: RankingTable.availableWidth(state), profile: profile)
        let widths = columns.map { $0.width == 0 ? productWidth : $0.width }
        guard let top = screen.firstIndex(where: { $0.contains("Product") && $0.contains("TCO") }) else {
            Issue.record("\(label): no table on the screen:\n\(screen.joined(separator: "\n"))")
            return 0
        }
        var terminal: [String: [Column.ID: String]] = [:]
        for (i, e) in state.rows.enumerated() {
            let cells = cut(screen[top + 1 + i], widths: widths)
            terminal[e.id] = Dictionary(uniqueKeysWithValues: zip(columns.map(\.id), cells))
        }
        // The terminal marks a rank with `*` when it is marked for comparison; none is here.
        surfaces["terminal"] = terminal

        // The board report, HTML and Markdown: the ranking it is given.
        let report = BoardReport(ranking: ranking, profile: profile, today: state.today, options: options)
        let reportColumns = Column.shown(in: .report)
        let markdownRows = report.markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }.dropFirst()
        var markdown: [String: [Column.ID: String]] = [:]
        for (row, line) in zip(report.tableRows, markdownRows) {
            // Markdown escapes the text it carries (`\(`, `&lt;`): read back as the text shown.
            let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ").map { cell in
                var text = ""
                var escape = false
                for c in cell {
                    if c == "\\" && !escape {
                        escape = true
                        continue
                    }
                    escape = false
                    text.append(c)
                }
                return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&amp;", with: "&")
            }
            markdown[row.id] = Dictionary(uniqueKeysWithValues: zip(reportColumns.map(\.id), cells))
        }
        surfaces["markdown"] = markdown
        let html = report.html
        var htmlTable: [String: [Column.ID: String]] = [:]
        for row in report.tableRows {
            guard let start = html.range(of: "<tr data-id=\"\(row.id)\""),
                let end = html[start.upperBound...].range(of: "</tr>")
            else {
                Issue.record("\(label): no HTML row for \(row.id)")
                continue
            }
            let cells = html[start.upperBound..<end.lowerBound].components(separatedBy: "<td").dropFirst().map { cell in
                String(cell[cell.index(after: cell.firstIndex(of: ">")!)...]).replacingOccurrences(
                    of: "</td>", with: ""
                )
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
            }
            htmlTable[row.id] = Dictionary(uniqueKeysWithValues: zip(reportColumns.map(\.id), cells))
        }
        surfaces["html"] = htmlTable

        // Every column shown on two surfaces has one text on both (the terminal and the text
        // table cut a long name to their width: names are compared by their common start).
        let json =
            try! JSONSerialization.jsonObject(with: Data(RankingReport.json(ranking, extras: extras).utf8))
            as! [String: Any]
        let rows = Dictionary(
            uniqueKeysWithValues: (json["products"] as! [[String: Any]]).map { ($0["id"] as! String, $0) })
        for e in ranking.entries {
            var seen: [Column.ID: (String, String)] = [:]
            for (name, table) in surfaces.sorted(by: { $0.key < $1.key }) {
                guard let cells = table[e.id] else {
                    Issue.record("\(label): \(name) has no row for \(e.id)")
                    continue
                }
                for (id, cell) in cells where id != .scoreBar {
                    if let (other, first) = seen[id] {
                        if id == .product {
                            let a = first.replacingOccurrences(of: "…", with: "")
                            let b = cell.replacingOccurrences(of: "…", with: "")
                            #expect(
                                a.hasPrefix(b) || b.hasPrefix(a),
                                "\(label) \(e.id) \(id): \(other) \"\(first)\", \(name) \"\(cell)\"")
                        } else {
                            #expect(first == cell, "\(label) \(e.id) \(id): \(other) \"\(first)\", \(name) \"\(cell)\"")
                        }
                        compared += 1
                    } else {
                        seen[id] = (name, cell)
                    }
                }
            }
            // The shown figures are the JSON's, rounded as shown.
            let data = rows[e.id]!
            let shown = seen.mapValues(\.1)
            let tco = (data["tco"] as? Double).map { Format.dollars($0) } ?? "unknown"
            #expect(shown[.tco]?.contains(tco) == true, "\(label) \(e.id) TCO \(shown[.tco] ?? "") \(data["tco"]!)")
            let yearOne = (profile.fundsHaveRules ? data["town_share_year_one"] : data["year_one_cost"]) as? Double
            #expect(
                shown[.yearOne]?.contains(yearOne.map { Format.dollars($0) } ?? "unknown") == true,
                "\(label) \(e.id) year one \(shown[.yearOne] ?? "") \(String(describing: yearOne))")
            #expect(shown[.rank]?.hasPrefix("\(data["rank"] as! Int)") == true, "\(label) \(e.id) rank")
            if let chance = data["chance_first"] as? Double {
                #expect(shown[.chanceFirst] == Format.percent(chance), "\(label) \(e.id) chance")
            }
            if let date = data["available"] as? String, date != "unknown" {
                let cell = shown[.available] ?? ""
                #expect(cell.contains(date) || cell.hasPrefix("now"), "\(label) \(e.id) date \(date) shown as \(cell)")
            }
            #expect(shown[.score] == Marks.total(e), "\(label) \(e.id) score")
            compared += 5
        }
        return compared
    }

    @Test func everySurfaceShowsTheSameFigures() throws {
        var (profile, products) = try Self.bundled()
        #expect(profile.fundsHaveRules)
        var compared = Self.check(profile, products, "bundled")
        profile.funding = profile.funding.map { FundingSource(source: $0.source, amount: $0.amount) }
        #expect(!profile.fundsHaveRules)
        compared += Self.check(profile, products, "bundled, no fund rules")
        let market = profile.market
        var seeder = SplitMix64(seed: 17)
        for i in 0..<100 {
            var rng = SplitMix64(seed: seeder.next())
            let lineup = randomLineup(&rng, market: market)
            (profile, products) = lineup
            compared += Self.check(profile, products, "lineup \(i)")
        }
        print("surfaces agree: \(compared) cells compared")
        #expect(compared > 5000)
    }
}

/// Issue 19, rule 4: one count of the cameras the funds equip, the same in the interface's
/// state and every output, with a grant for the cameras and the back-end and a donation for
/// cameras only (the donation is spent first; the town's share is the least there is).
@Suite struct CamerasEquippedAgreeTests {
    @Test func everyOutputGivesTheSameCameraCount() throws {
        var (profile, products) = try bundledLineup()
        profile.funding = [
            FundingSource(source: "JAG", amount: 12_000, paysFor: [.cameras, .server, .software, .storage], years: 1),
            FundingSource(source: "donation", amount: 5_000, paysFor: [.cameras], years: 1),
        ]
        let state = AppState(
            vendorsFolder: "vendors", profilePath: "vendors/department.toml",
            today: TOMLDate(year: 2026, month: 12, day: 6), products: products, profile: profile, diagnostics: [],
            width: 160, height: 40)
        let ranking = try #require(state.ranking)
        let csv = csvRows(RankingReport.csv(ranking))
        let csvColumn = try #require(csv[0].firstIndex(of: "cameras_equipped"))
        let budget = csvRows(RankingReport.budgetCSV(ranking.entries, ranking: ranking))
        let budgetColumn = try #require(budget[0].firstIndex(of: "cameras_funded"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(RankingReport.json(ranking).utf8)) as? [String: Any])
        let jsonProducts = try #require(json["products"] as? [[String: Any]])
        let report = BoardReport(ranking: ranking, profile: profile, today: TOMLDate(year: 2026, month: 12, day: 6))
        var checked = 0
        for (i, e) in ranking.entries.enumerated() {
            let a = e.assessment
            let n = a.camerasEquipped
            // The donation, restricted to cameras, pays before the grant that may pay more.
            let allocation = a.allocation
            #expect(allocation.paidByFund[1][0] == min(5_000, Double(a.cost.cameras) * a.cost.cameraPrice), "\(e.id)")
            #expect(csv[i + 1][csvColumn] == String(n), "\(e.id): CSV")
            #expect(budget[i + 1][budgetColumn] == String(n), "\(e.id): budget CSV")
            #expect(jsonProducts[i]["cameras_equipped"] as? Int == n, "\(e.id): JSON")
            let explained =
                n >= a.cost.cameras
                ? "under the rules the funds equip all \(a.cost.cameras) cameras wanted in year one"
                : "under the rules the funds equip \(n) of the \(a.cost.cameras) cameras wanted in year one"
            #expect(Explanation.lines(e, in: ranking, profile: profile).contains { $0.contains(explained) }, "\(e.id)")
            let short = BudgetPlan.equipShort(n, of: a.cost.cameras)
            #expect(report.markdown.contains("under the rules the funds equip \(short) cameras in year one"), "\(e.id)")
            checked += 1
        }
        // The HTML's recommendation names the leader's count.
        let first = ranking.entries[0].assessment
        #expect(
            report.html.contains(
                "the funds equip \(BudgetPlan.equipShort(first.camerasEquipped, of: first.cost.cameras)) cameras in year one under their rules"
            ))
        #expect(checked == ranking.entries.count)
    }
}
