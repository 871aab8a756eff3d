import Evaluation
import LineupTestSupport
import TOML
import Testing

@testable import TerminalUI

/// Sequences of actions, with the whole resulting state compared to what is expected.
@Suite struct StateTests {
    @Test func movingDownMovesTheCursorOnly() {
        var s = fixtureState()
        var expected = s
        s.press(.down, .character("j"))
        expected.cursor = 2
        expected.status = ""
        #expect(s == expected)
        s.press(.character("G"))
        expected.cursor = 4
        #expect(s == expected)
        s.press(.home)
        expected.cursor = 0
        #expect(s == expected)
    }

    @Test func aWeightChangeReordersAtOnce() {
        var s = fixtureState()
        let before = s.rows.map(\.id)
        s.press(.character("w"))
        // Select availability and raise it a lot: products available now move up.
        s.press(.down, .down, .down)
        for _ in 0..<20 { s.press(.right) }
        #expect(s.weights[.availability] == 120)
        #expect(s.rows.map(\.id) != before)
        #expect(s.weightsChanged)
        #expect(s.weightEdits == [ProfileEdit("weights.availability", "120")])
        s.press(.character("x"))
        #expect(s.rows.map(\.id) == before)
        #expect(!s.weightsChanged)
    }

    @Test func weightsNeverAllGoToZero() {
        var s = fixtureState()
        s.press(.character("w"))
        for row in 0..<4 {
            while s.weightsCursor < row { s.press(.down) }
            for _ in 0..<30 { s.press(.left) }
        }
        #expect(s.weights.total > 0)
        #expect(s.status == "At least one weight must stay above 0.")
    }

    @Test func theSelectionFollowsTheProductWhenTheOrderChanges() {
        var s = fixtureState()
        s.press(.down, .down)
        let id = s.selected!.id
        s.press(.character("m"))
        #expect(s.method == .topsis)
        #expect(s.selected?.id == id)
        s.press(.character("s"), .character("s"))
        #expect(s.sort == .cost)
        #expect(s.selected?.id == id)
    }

    @Test func filterNarrowsAndEscClears() {
        var s = fixtureState()
        s.press(.character("/"), .character("v"), .character("i"), .character("e"))
        #expect(s.rows.map(\.id) == ["vievu"])
        s.press(.enter)
        #expect(s.prompt == nil)
        #expect(s.status == "1 product(s) match \"vie\"; Esc clears")
        s.press(.escape)
        #expect(s.filter == "")
        #expect(s.rows.count == 5)
    }

    @Test func exportProposesADatedNameAndWritesTheView() {
        var s = fixtureState()
        s.press(.character("/"), .character("a"), .enter)
        let shown = s.rows.map(\.id)
        s.press(.character("e"))
        #expect(s.prompt == .exportChoice)
        s.press(.character("c"))
        #expect(s.prompt == .exportPath("lineup-ranking-2026-11-26.csv"))
        let effects = s.press(.enter)
        // Exactly the rows on screen, with every column `lineup rank --format csv` has, filled.
        let extras = RankingReport.Extras(
            simulation: Simulation.run(s.ranking!, options: s.simulationOptions), changes: s.changes,
            sensitivity: Sensitivity.analyse(s.ranking!))
        let expected = RankingReport.csv(s.rows, extras: extras, ranking: s.ranking!)
        #expect(effects == [.export(path: "lineup-ranking-2026-11-26.csv", csv: expected, overwrite: false)])
        #expect(s.rows.map(\.id) == shown)
        // The shell finds the file exists: the state asks before overwriting.
        s.send(.exportNeedsConfirmation(path: "lineup-ranking-2026-11-26.csv"))
        #expect(s.prompt == .confirmOverwrite("lineup-ranking-2026-11-26.csv"))
        #expect(
            s.press(.character("y")) == [.export(path: "lineup-ranking-2026-11-26.csv", csv: expected, overwrite: true)]
        )
        s.send(.exported(path: "/tmp/lineup-ranking-2026-11-26.csv", count: shown.count))
        #expect(
            s.status
                == "Exported the ranking as shown (\(shown.count) product(s)) to lineup-ranking-2026-11-26.csv in /tmp")
    }

    /// Each view exports itself: the ranking's columns are `lineup rank --format csv`'s (all
    /// filled), the budget view writes the budget plan, compare the comparison, the questions
    /// view the questions; every CSV ends with method, weights and evaluation date.
    @Test func eachViewExportsItsOwnCSV() {
        /// The fields of one CSV line (RFC 4180: quoted fields may hold commas and "").
        func fields(_ line: Substring) -> [String] {
            var out: [String] = []
            var current = ""
            var quoted = false
            var chars = Array(line)
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if quoted {
                    if c == "\"" && i + 1 < chars.count && chars[i + 1] == "\"" {
                        current.append("\"")
                        i += 1
                    } else if c == "\"" {
                        quoted = false
                    } else {
                        current.append(c)
                    }
                } else if c == "\"" {
                    quoted = true
                } else if c == "," {
                    out.append(current)
                    current = ""
                } else {
                    current.append(c)
                }
                i += 1
            }
            chars = []
            out.append(current)
            return out
        }
        func lines(_ csv: String) -> [Substring] { csv.dropFirst().split(separator: "\r\n") }
        func header(_ csv: String) -> [String] { lines(csv).first.map(fields) ?? [] }
        func firstRow(_ csv: String) -> [String] { lines(csv).dropFirst().first.map(fields) ?? [] }
        var s = fixtureState()
        let ranking = s.viewCSV
        #expect(header(ranking) == RankingReport.fields + ["method", "weights", "evaluation_date"])
        let cells = firstRow(ranking)
        let h = header(ranking)
        // The analyses' columns are filled from the interface too.
        #expect(!cells[h.firstIndex(of: "chance_first")!].isEmpty)
        #expect(!cells[h.firstIndex(of: "rank_p5")!].isEmpty)
        #expect(!cells[h.firstIndex(of: "swap_with_next")!].isEmpty)
        #expect(cells.suffix(3) == ["weighted-sum", "cost=40,integration=25,storage=15,availability=20", "2015-04-21"])
        s.press(.character("b"))
        #expect(s.exportWhat == "the budget plan")
        #expect(s.defaultExportName(.viewCSV) == "lineup-budget-2026-11-26.csv")
        #expect(header(s.viewCSV) == RankingReport.budgetFields + RankingReport.provenanceFields)
        s.press(.escape, .character(" "), .down, .character(" "), .character("c"))
        #expect(s.screen == .compare)
        let compare = s.viewCSV
        #expect(
            header(compare) == ["field"] + s.marked.map { id in s.rows.first { $0.id == id }!.product.name }
                + RankingReport.provenanceFields)
        #expect(firstRow(compare).first == "Rank")
        s.press(.escape, .character("Q"))
        #expect(header(s.viewCSV) == RankingReport.questionFields + RankingReport.provenanceFields)
        // The report from the interface is the report of the same state.
        s.press(.character("e"), .character("h"))
        #expect(s.prompt == .exportPath("lineup-report-2026-11-26.html"))
        #expect(s.exportText(.reportHTML) == s.boardReport!.html)
    }

    @Test func reloadSaysWhatChangedAndKeepsTheSelection() {
        var s = fixtureState()
        s.press(.down)
        let id = s.selected!.id
        #expect(s.press(.character("r")) == [.reload])
        let newcomer = product("watchguard", "vendor = \"WatchGuard\"\nmodel = \"VISTA\"\n[camera]\nprice = 800")
        let products = fixtureProducts.filter { $0.id != "vievu" } + [newcomer]
        s.send(.loaded(products: products, profile: wilton(), diagnostics: []))
        #expect(s.status == "Reloaded: 1 new: WatchGuard VISTA; 1 removed: VIEVU LE3; no more files with errors")
        #expect(s.selected?.id == id)
        #expect(s.problemCount == 0)
    }

    @Test func anExportBecomesTheBaselineForMovements() {
        let history = RankingHistory(entries: [.init(id: "vievu", name: "VIEVU LE3", rank: 1)])
        var s = AppState(
            vendorsFolder: "vendors", profilePath: "vendors/department.toml",
            today: TOMLDate(year: 2026, month: 11, day: 26),
            products: fixtureProducts, profile: wilton(), diagnostics: [], history: history)
        // VIEVU was #1 and is #3 now (issue 19: Société's unknown licences no longer count as $0).
        #expect(s.changes?.movements["vievu"] == .moved(-2))
        #expect(s.changes?.movements["nihon"] == .new)
        #expect(s.status == "Since the last ranking: 4 new; 1 moved")
        s.send(.exported(path: "/tmp/x.csv", count: 5))
        #expect(s.changes?.movements.values.allSatisfy { $0 == .moved(0) } == true)
        #expect(s.changes?.gone == [])
    }

    /// Issue 20 item 11: exporting the comparison said it held every product of the ranking.
    @Test func theComparisonsExportCountsTheComparedProducts() {
        var s = fixtureState()
        s.press(.character(" "), .down, .character(" "), .character("c"))
        #expect(s.screen == .compare)
        s.send(.exported(path: "/tmp/compare.csv", count: s.rows.count))
        #expect(s.status == "Exported the comparison (2 product(s)) to compare.csv in /tmp")
        #expect(csvRows(s.exportText(.viewCSV))[0].count == 1 + 2 + RankingReport.provenanceFields.count)
    }

    @Test func markAndCompare() {
        var s = fixtureState()
        s.press(.character("c"))
        #expect(s.screen == .ranking)
        #expect(s.status == "Mark 2 to 4 products with Space to compare them (0 marked).")
        s.press(.character(" "), .down, .character(" "))
        s.press(.character("c"))
        #expect(s.screen == .compare)
        #expect(s.marked.count == 2)
        s.press(.escape)
        #expect(s.screen == .ranking)
    }

    @Test func quitAsksTheShellOnlyFromTheRanking() {
        var s = fixtureState()
        s.press(.character("?"))
        #expect(s.press(.character("q")) == [])
        #expect(s.screen == .ranking)
        #expect(s.press(.character("q")) == [.quit])
    }

    @Test func savingWeightsAsksFirstThenWritesOnlyWhatChanged() {
        var s = fixtureState()
        s.press(.character("w"), .right)
        s.press(.character("s"))
        #expect(s.prompt == .confirmSave)
        #expect(
            s.press(.character("y")) == [
                .saveProfile(path: "vendors/department.toml", edits: [ProfileEdit("weights.cost", "45")], force: false)
            ])
        s.send(.profileSaved(path: "/abs/vendors/department.toml"))
        #expect(!s.weightsChanged)
        #expect(s.status == "Saved department.toml in /abs/vendors (its comments were kept)")
    }

    /// Issue 8, item 7: the user changes cost; meanwhile another editor sets integration = 30 and
    /// the interface reloads. Saving must write only cost, never integration = 25 back.
    @Test func aSaveAfterAReloadWritesOnlyTheUsersChanges() {
        var s = fixtureState()
        s.press(.character("w"), .right)  // cost 40 -> 45
        var edited = wilton()
        edited.weights[.integration] = 30
        s.send(.loaded(products: fixtureProducts, profile: edited, diagnostics: []))
        #expect(s.weights[.cost] == 45)
        #expect(s.weights[.integration] == 30)
        #expect(s.weightEdits == [ProfileEdit("weights.cost", "45")])
        s.press(.character("s"))
        #expect(
            s.press(.character("y")) == [
                .saveProfile(path: "vendors/department.toml", edits: [ProfileEdit("weights.cost", "45")], force: false)
            ])
        // The file changed on disk since it was read: ask, and on yes save the same edits.
        s.send(.profileChangedOnDisk(path: "vendors/department.toml"))
        #expect(s.prompt == .confirmSaveOverChange)
        #expect(
            s.press(.character("y")) == [
                .saveProfile(path: "vendors/department.toml", edits: [ProfileEdit("weights.cost", "45")], force: true)
            ])
        s.send(.profileChangedOnDisk(path: "vendors/department.toml"))
        #expect(s.press(.character("n")) == [])
        #expect(s.status == "Not saved; the file on disk is unchanged (r reloads it)")
    }

    /// Issue 8, item 11: a product whose file now has errors "no longer loads"; it was not removed.
    @Test func aFileThatStopsLoadingIsNamedAsSuch() {
        var s = fixtureState()
        let victim = fixtureProducts[0]
        s.send(
            .loaded(
                products: Array(fixtureProducts.dropFirst()), profile: wilton(),
                diagnostics: [
                    Diagnostic(file: victim.file, line: 4, column: 9, message: "camera.price must be a number")
                ]))
        #expect(
            s.status
                == "Reloaded: 1 no longer load: \(victim.name) (↺ last good version kept; p shows why); 1 file(s) with errors (p)"
        )
    }

    /// Issue 20 item 9: a file that stops loading keeps its last good version in the ranking,
    /// marked ↺ in the table, until it loads again; a second reload with the file still broken
    /// is not news; the fixed file replaces the kept version and the mark goes.
    @Test func aFileThatStopsLoadingKeepsItsLastGoodVersion() {
        var s = fixtureState()
        let victim = fixtureProducts[0]
        let broken = [Diagnostic(file: victim.file, line: 4, column: 9, message: "camera.price must be a number")]
        let rest = Array(fixtureProducts.dropFirst())
        s.send(.loaded(products: rest, profile: wilton(), diagnostics: broken))
        let kept = s.ranking!.entry(victim.id)
        #expect(kept?.product.isLastGoodVersion == true)
        #expect(kept?.product.cameraPrice == victim.cameraPrice)
        #expect(s.ranking!.entries.count == fixtureProducts.count)
        #expect(render(s).text.contains("1  ↺ ◆ Arbitrat… ~76.7"))
        s.send(.loaded(products: rest, profile: wilton(), diagnostics: broken))
        #expect(s.status == "Reloaded: 1 file(s) with errors (p)")
        #expect(s.ranking!.entry(victim.id)?.product.isLastGoodVersion == true)
        s.send(.loaded(products: fixtureProducts, profile: wilton(), diagnostics: []))
        #expect(s.ranking!.entry(victim.id)?.product == victim)
        #expect(s.status == "Reloaded: 1 changed: \(victim.name); no more files with errors")
        // A file that is deleted while broken goes: it was removed, not kept.
        s.send(.loaded(products: rest, profile: wilton(), diagnostics: broken))
        s.send(.loaded(products: rest, profile: wilton(), diagnostics: []))
        #expect(s.ranking!.entry(victim.id) == nil)
    }

    @Test func departmentFiguresMoveCostsAndStorage() {
        var s = fixtureState()
        let before = s.ranking!.entry("vievu")!.assessment
        s.press(.character("d"))
        s.press(.right)  // cameras 15 -> 16
        #expect(s.profile?.cameras == 16)
        // VIEVU: one more camera at $899 raises up-front cost by exactly $899.
        #expect(s.ranking!.entry("vievu")!.assessment.cost.upfront == before.cost.upfront + 899)
        for _ in 0..<4 { s.press(.down) }  // recorded hours per shift
        s.press(.right)
        #expect(s.profile?.recordedHoursPerShift == 2.25)
        #expect(s.departmentEdits == [ProfileEdit("cameras", "16"), ProfileEdit("recorded_hours_per_shift", "2.25")])
    }

    /// 1,000 seeded random actions; the invariants hold after every one.
    @Test func randomActionsKeepTheInvariants() {
        var rng = SplitMix(seed: 20_151_231)
        let keys: [Key] = [
            .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backspace,
            .character("j"), .character("k"), .character("g"), .character("G"), .character(" "), .character("c"),
            .character("s"), .character("S"), .character("/"), .character("a"), .character("x"), .character("w"),
            .character("d"), .character("m"), .character("e"), .character("p"), .character("?"), .character("q"),
            .character("+"), .character("-"), .character("y"), .character("n"), .character("L"), .character("H"),
        ]
        var s = fixtureState()
        for step in 0..<1000 {
            let roll = rng.next() % 100
            let action: Action
            if roll < 85 {
                action = .key(keys[Int(rng.next() % UInt64(keys.count))])
            } else if roll < 92 {
                action = .resize(width: 40 + Int(rng.next() % 120), height: 10 + Int(rng.next() % 50))
            } else if roll < 96 {
                let subset = fixtureProducts.filter { _ in rng.next() % 3 != 0 }
                action = .loaded(products: subset, profile: wilton(), diagnostics: [])
            } else {
                action = step % 2 == 0 ? .problem("simulated failure \(step)") : .done("simulated news \(step)")
            }
            _ = s.apply(action)
            // The selection always points at a row when there is one.
            if s.rows.isEmpty { #expect(s.cursor == 0) } else { #expect(s.rows.indices.contains(s.cursor)) }
            #expect(s.scroll >= 0 && s.scroll <= max(0, s.rows.count - 1))
            if !s.rows.isEmpty && !s.tooSmall { #expect(s.cursor >= s.scroll && s.cursor < s.scroll + s.listHeight) }
            // Weights stay usable: none negative, never all zero.
            #expect(Criterion.allCases.allSatisfy { s.weights[$0] >= 0 })
            #expect(s.weights.total > 0)
            #expect(s.marked.count <= AppState.maximumMarked)
            #expect(Set(s.marked).isSubset(of: Set(s.products.map(\.id))))
            #expect(s.rows.allSatisfy { r in s.ranking?.entry(r.id) != nil })
            let frame = render(s)
            #expect(frame.width == s.width && frame.height == s.height)
        }
    }
}

/// A small seeded generator, so the random run is the same every time.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Issue 8, item 16: the interface's scrolling, list marker and panel limits.
@Suite struct InterfaceEdgeTests {
    @Test func afterEndUpMovesAtOnce() {
        var s = fixtureState(width: 80, height: 24)
        s.press(.character("?"))
        s.press(.end)
        let last = s.detailScroll
        #expect(last == s.pageMaxScroll && last > 0)
        s.press(.up)
        #expect(s.detailScroll == last - 1)
        s.press(.end, .pageUp)
        #expect(s.detailScroll == max(0, last - s.pageSize))
    }

    @Test func theMoreMarkerHasItsOwnRowAndNeverCoversTheHeader() {
        // 15 products, the department panel open at 80x20: the table has room for 6 rows.
        var s = fixtureState(width: 80, height: 20)
        let many = (0..<3).flatMap { k in
            fixtureProducts.map { p in
                var q = p
                q.id = p.id + "-\(k)"
                return q
            }
        }
        s.send(.loaded(products: many, profile: wilton(), diagnostics: []))
        s.press(.character("d"))
        let layout = Layout(s)
        #expect(layout.moreRow)
        let frame = render(s)
        let header = frame.row(layout.tableTop)
        #expect(!header.contains("more"), "\(header)")
        #expect(frame.row(layout.tableTop + 1 + layout.tableRows).contains("↓ \(s.rows.count - layout.tableRows) more"))
    }

    /// Issue 22, item 5: a quote dated after the evaluation date arrives; the interface offers
    /// once, with one key, to move the evaluation to its date (saved to the profile); n keeps
    /// it as hindsight and it is not offered again. The department panel edits both dates.
    @Test func aLaterQuoteOffersToMoveTheEvaluation() {
        var s = fixtureState()
        let victim = fixtureProducts[0]
        var late = Diagnostic(
            file: victim.file, line: 3, column: 14, severity: .warning, field: "quote_date",
            message: "quote_date 2015-04-24 is after the evaluation date 2015-04-21", kind: .afterEvaluation)
        late.date = TOMLDate(year: 2015, month: 4, day: 24)
        s.send(.loaded(products: fixtureProducts, profile: wilton(), diagnostics: [late]))
        #expect(s.prompt == .confirmMoveEvaluation(to: late.date!, file: victim.file))
        #expect(
            render(s).text.contains("Move the evaluation to 2015-04-24? (y/n: n keeps it as hindsight) panasonic-arb"))
        #expect(
            s.press(.character("y")) == [
                .saveProfile(
                    path: "vendors/department.toml", edits: [ProfileEdit("evaluation_date", "2015-04-24")], force: false
                )
            ])
        #expect(s.status == "Evaluation moved to 2015-04-24: the comparison is now as of that day")
        // Once saved, the folder is read again: its sources are checked against the new date.
        #expect(s.apply(.profileSaved(path: "vendors/department.toml")) == [.reload])
        #expect(s.apply(.profileSaved(path: "vendors/department.toml")) == [])
        // Offered once: the same late quote on the next reload is not asked about again.
        s.send(.loaded(products: fixtureProducts, profile: wilton(), diagnostics: [late]))
        #expect(s.prompt == nil)
        // A newer one is; n keeps it as hindsight.
        late.date = TOMLDate(year: 2015, month: 5, day: 2)
        s.send(.loaded(products: fixtureProducts, profile: wilton(), diagnostics: [late]))
        #expect(s.press(.character("n")) == [])
        #expect(s.status.hasPrefix("Kept as hindsight: the evaluation stays as of 2015-04-21"))
        // The panel moves the evaluation date a day at a time and writes it as a date.
        s.press(.character("d"))
        while s.departmentFields[s.departmentCursor].figure != .evaluationDate { s.press(.down) }
        s.press(.right)
        #expect(s.profile?.evaluationDate == TOMLDate(year: 2015, month: 4, day: 22))
        #expect(s.departmentEdits == [ProfileEdit("evaluation_date", "2015-04-22")])
    }

    /// Issue 23, item 1: each fund's rules in the department panel: what it may pay for (a
    /// checklist in plain words), for how many years, and whether recurring costs; the town's
    /// share follows at each key; the save writes one pays_for list per fund.
    @Test func theFundsRulesAreSetInTheDepartmentPanel() {
        var s = fixtureState()
        s.press(.character("d"))
        func go(_ figure: DepartmentFigure) {
            while s.departmentFields[s.departmentCursor].figure != figure
                && s.departmentCursor < s.departmentFields.count - 1
            {
                s.press(.down)
            }
            while s.departmentFields[s.departmentCursor].figure != figure && s.departmentCursor > 0 { s.press(.up) }
        }
        let vievu = { s.ranking!.entry("vievu")!.assessment.allocation }
        #expect(vievu().townByYear[0] == s.ranking!.entry("vievu")!.assessment.cost.yearOne - 17_000)
        // The donation: cameras only, in year one, no recurring costs.
        for item in CostItem.allCases where item != .cameras {
            go(.fundPays(1, item))
            s.press(.left)
        }
        go(.fundRecurring(1))
        s.press(.left)
        #expect(s.profile?.funding[1].paysFor == [.cameras])
        #expect(s.profile?.funding[1].recurring == false)
        // The grant: everything but accessories and warranty, for three years.
        go(.fundPays(0, .accessories))
        s.press(.left)
        go(.fundPays(0, .warranty))
        s.press(.left)
        go(.fundYears(0))
        s.press(.right, .right)
        #expect(s.profile?.funding[0].years == 3)
        // Or a date, a month's end at a time: the first step is the month's end a year after
        // the evaluation (2016-04-30); 17 more reach 2017-09-30, and the years rule goes.
        go(.fundUntil(0))
        for _ in 0..<18 { s.press(.right) }
        #expect(s.profile?.funding[0].until == TOMLDate(year: 2017, month: 9, day: 30))
        #expect(s.profile?.funding[0].years == nil)
        go(.fundYears(0))
        s.press(.left)
        go(.fundUntil(0))
        for _ in 0..<18 { s.press(.right) }
        #expect(
            render(s).text.contains("> " + SafeText.padded("  or must be spent by (a month's end)", 40) + "2017-09-30"))
        #expect(
            s.departmentEdits == [
                ProfileEdit(
                    "funding[0].pays_for",
                    "[\"cameras\", \"docks\", \"software\", \"server\", \"licences\", \"storage\"]"),
                ProfileEdit("funding[0].until", "2017-09-30"),
                ProfileEdit("funding[1].pays_for", "[\"cameras\"]"),
                ProfileEdit("funding[1].recurring", "false"),
            ])
        // The town's share followed: with rules the funds are no longer one pool.
        #expect(MoneyLines.byRules(s.profile!))
        // VIEVU's year one (15 x $899 of cameras and its other items) is over $17,000: the
        // donation pays $5,000 of cameras in year one and nothing after; the town pays the rest.
        #expect(vievu().paidByFund[1] == [5000, 0, 0, 0, 0])
        #expect(vievu().townByYear[0] == s.ranking!.entry("vievu")!.assessment.cost.yearOne - 17_000)
    }

    /// Issue 23, item 1: a fund is added (its name typed, then its amount) and another removed;
    /// the save adds one table and takes the other out, the remaining fund's edits at its place
    /// in the file.
    @Test func fundsAreAddedAndRemovedInTheDepartmentPanel() {
        var s = fixtureState()
        s.press(.character("d"), .character("a"))
        #expect(s.prompt == .newFund(""))
        s.type("Town council")
        s.press(.enter)
        #expect(s.profile?.funding.map(\.source) == ["JAG", "donation", "Town council"])
        #expect(s.departmentFields[s.departmentCursor].figure == .fundAmount(2))
        s.press(.right, .right, .right, .right)  // $500 a step
        #expect(s.profile?.funding[2].amount == 2000)
        // Remove the donation: its amount row, X, y.
        while s.departmentFields[s.departmentCursor].figure != .fundAmount(1) { s.press(.up) }
        s.press(.character("X"))
        #expect(s.prompt == .confirmRemoveFund(1))
        s.press(.character("y"))
        #expect(s.profile?.funding.map(\.source) == ["JAG", "Town council"])
        // The town council's fund is now second on screen; a rule set on it belongs to it.
        while s.departmentFields[s.departmentCursor].figure != .fundRecurring(1) { s.press(.down) }
        s.press(.left)
        #expect(
            s.departmentEdits == [
                .appendTable("funding", lines: ["source = \"Town council\"", "amount = 2000", "recurring = false"]),
                .removeTable("funding", index: 1),
            ])
        // The funds now: $12,000 and $2,000.
        #expect(s.profile?.funds == 14_000)
    }

    @Test func theDepartmentPanelAcceptsWhatTheFileAccepts() {
        // The panel's limits are the decoder's: 50,000 officers stay 50,000 after a press.
        for f in fixtureState().departmentFields {
            // A fund's rules: switches (on or off) and a count of years as the decoder reads it (1-30).
            if f.figure.isSwitch {
                #expect(f.minimum == 0 && f.maximum == 1, "\(f.path)")
                continue
            }
            if case .fundYears = f.figure {
                #expect(f.minimum == 1 && f.maximum == 30, "\(f.path)")
                continue
            }
            // A fund's date: none (0) to the decoder's last plausible day, 2100-12-31.
            if case .fundUntil = f.figure {
                #expect(f.minimum == 0 && f.maximum == 47_846, "\(f.path)")
                continue
            }
            if f.figure.isDate {
                // Dates: the years the decoder takes (1990-2100), as days since 1970.
                #expect(f.minimum == 7305 && f.maximum == 47_846, "\(f.path)")
                continue
            }
            let key: String
            if case .fundAmount = f.figure { key = "funding.amount" } else { key = f.path }
            #expect(SpecDecoder.profileLimits[key] == f.minimum...f.maximum, "\(f.path)")
        }
        var p = wilton()
        p.officersPerShift = 50_000
        var s = fixtureState()
        s.send(.loaded(products: fixtureProducts, profile: p, diagnostics: []))
        s.press(.character("d"), .down, .down, .right)
        #expect(s.profile?.officersPerShift == 50_001)
    }
}

/// Issue 12: the filter matches fields, not only the summary.
@Suite struct FilterFieldTests {
    @Test func aResolutionFindsEveryProductWithIt() {
        var s = fixtureState()
        // Two products state 720p only as a field (no summary), one states 480p.
        let hd1 = product(
            "hd1",
            "vendor = \"A\"\nmodel = \"One\"\n[availability]\nstatus = \"shipping\"\n[video]\nresolution = \"720p\"\n")
        let hd2 = product(
            "hd2",
            "vendor = \"B\"\nmodel = \"Two\"\n[availability]\nstatus = \"shipping\"\n[video]\nresolution = \"720p\"\n")
        let sd = product(
            "sd",
            "vendor = \"C\"\nmodel = \"Three\"\n[availability]\nstatus = \"shipping\"\n[video]\nresolution = \"480p\"\n"
        )
        s.send(.loaded(products: fixtureProducts + [hd1, hd2, sd], profile: wilton(), diagnostics: []))
        s.press(.character("/"), .character("7"), .character("2"), .character("0"), .character("p"), .enter)
        #expect(s.rows.map(\.id).sorted() == ["hd1", "hd2"])
    }
}

/// Issue 12: q with unsaved changes asks first.
@Suite struct QuitAsksTests {
    @Test func quittingWithUnsavedWeightsAsks() {
        var s = fixtureState()
        s.press(.character("w"), .right, .escape)
        #expect(s.press(.character("q")) == [])
        #expect(s.prompt == .confirmQuit)
        #expect(s.press(.character("n")) == [])
        #expect(s.prompt == nil)
        s.press(.character("q"))
        #expect(
            s.press(.character("s")) == [
                .saveProfile(path: "vendors/department.toml", edits: [ProfileEdit("weights.cost", "45")], force: false)
            ])
        s.press(.character("q"))
        #expect(s.press(.character("y")) == [.quit])
        // Nothing changed: q quits at once.
        var clean = fixtureState()
        #expect(clean.press(.character("q")) == [.quit])
    }
}
