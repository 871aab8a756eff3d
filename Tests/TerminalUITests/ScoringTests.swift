import Evaluation
import Foundation
import LineupTestSupport
import TOML
import Testing

@testable import Platform
@testable import TerminalUI

/// The scoring screen: blind to price, nobody else's scores before submitting, every save in
/// the audit log.
@Suite struct ScoringTests {
    static let fit = JudgedCriterion(
        key: "fit", name: "Fit in a field trial", weight: 60, scaleLow: 0, scaleHigh: 10,
        guidance: Guidance(
            low: "0-3: stopped wearing it", middle: "4-6: usable with workarounds", high: "7-10: worn all shift"))
    static let support = JudgedCriterion(
        key: "support", name: "Local support", weight: 40, scaleLow: 0, scaleHigh: 10,
        guidance: Guidance(low: "none", middle: "by phone", high: "on site"))

    static let annText = """
        name = "Sgt. Ann"
        conflict_of_interest = "none"
        submitted = true
        [scores.axon-body]
        fit = { score = 3, note = "ANN-SECRET-NOTE" }
        """
    static let bobText = """
        # Bob's scores.
        name = "Bob"
        role = "Patrol officer"
        conflict_of_interest = "none"
        submitted = false
        [scores.axon-body]
        fit = 7
        """

    static func state() -> AppState {
        var profile = wilton()
        profile.weights[.committee] = 20
        let committee = Committee(criteria: [fit, support], blindToPrice: true, chair: "Bob")
        let ids = fixtureProducts.map(\.id)
        func read(_ text: String, _ id: String) -> Evaluator {
            SpecDecoder.evaluator(Array(text.utf8), file: "e/\(id).toml", id: id, committee: committee, products: ids)
                .value!
        }
        profile.committee = committee.with(evaluators: [read(annText, "ann"), read(bobText, "bob")], consensus: [])
        var s = AppState(
            vendorsFolder: "vendors", profilePath: "vendors/department.toml",
            today: TOMLDate(year: 2015, month: 4, day: 20), products: fixtureProducts, profile: profile,
            diagnostics: [])
        #expect(s.send(.startScoring(name: "Bob")) == [.openScoring(id: "bob", name: "Bob")])
        s.send(.scoringOpened(id: "bob", name: nil, text: bobText))
        return s
    }

    @Test func theScoringScreenShowsNoPrice() {
        var s = Self.state()
        s.press(.right)  // the second product by name
        expectScreen(s, "scoring-80x24")
        for (w, h) in [(80, 24), (132, 30)] {
            s.send(.resize(width: w, height: h))
            let text = render(s).text
            #expect(!text.contains("$"))
            #expect(!text.lowercased().contains("cost") && !text.contains("TCO"))
        }
    }

    @Test func theScoringStateHoldsNoOtherScoresBeforeSubmitting() {
        var s = Self.state()
        let scoring = s.scoring!
        #expect(scoring.others.isEmpty && scoring.consensus.isEmpty)
        // Nothing of Ann's (her name, her note, her score's file) is anywhere in the state.
        let dump = String(reflecting: scoring)
        #expect(!dump.contains("ANN-SECRET-NOTE") && !dump.contains("Sgt. Ann"))
        #expect(s.scoring!.othersHere().isEmpty)
        // Bob's own previous score is there: 7 on fit for the Axon Body.
        #expect(scoring.savedScore("axon-body", "fit")?.score == 7)
        // Submitting: the file says submitted; after the save and the reload Ann's scores show.
        #expect(s.press(.character("S")).isEmpty)
        #expect(s.prompt == .confirmSubmit)
        let effects = s.press(.character("y"))
        guard
            case .saveEvaluation(let path, let text, let expected, let who, let submitted, let changes)? = effects.first
        else {
            Issue.record("no save: \(effects)")
            return
        }
        #expect(path == "vendors/evaluations/bob.toml" && expected == Self.bobText && who == "Bob" && submitted)
        #expect(text.hasPrefix("# Bob's scores.\nname = \"Bob\"\nrole = \"Patrol officer\"\n"))
        #expect(text.contains("submitted = true\n"))
        #expect(changes == [FieldChange(field: "submitted", old: "false", new: "true")])
        s.send(.evaluationSaved(path: path, text: text, submitted: true))
        #expect(
            s.scoring!.others["axon-body/fit"] == [JudgedMark(evaluator: "Sgt. Ann", score: 3, note: "ANN-SECRET-NOTE")]
        )
    }

    @Test func digitsStepsAndNotes() {
        var s = Self.state()
        // Products by name: the first is the Axon Body... whichever it is, its fit is set by digits.
        s.press(.character("1"), .character("0"))
        let first = s.scoring!.currentProduct!.id
        #expect(s.scoring!.score(first, "fit")?.score == 10)
        // 1 then 0 then 5: 105 is off the scale, so 5 starts again.
        s.press(.character("5"))
        #expect(s.scoring!.score(first, "fit")?.score == 5)
        s.press(.character("+"), .character("+"))
        #expect(s.scoring!.score(first, "fit")?.score == 7)
        s.press(.character("n"))
        for c in "field trial 2015-04-08" { s.press(.character(c)) }
        s.press(.enter)
        #expect(s.scoring!.score(first, "fit")?.note == "field trial 2015-04-08")
        s.press(.character("x"))
        #expect(s.scoring!.score(first, "fit") == nil)
        // Leaving with unsaved scores asks.
        s.press(.character("8"), .character("q"))
        #expect(s.prompt == .confirmQuit)
    }
}

/// Issue 24: a spec through the form, a weight through the panel and a score through the
/// scoring screen are three chained lines of the audit log; a changed byte or an outside edit
/// is named by `verify` and by the next load.
@Suite struct AuditTrailTests {
    /// Carries out the effects the way the shell does, in `folder`.
    struct Shell {
        let folder: String
        let workspace: Workspace

        func run(_ effects: [Effect], on s: inout AppState) {
            var pending = effects
            while !pending.isEmpty {
                let effect = pending.removeFirst()
                var actions: [Action] = []
                func reload() -> Action {
                    let c = SpecFolder.load(folder: folder)
                    return .loaded(products: c.products, profile: c.profile, diagnostics: c.diagnostics)
                }
                switch effect {
                case .readSpec(let path, let purpose):
                    let text = try! String(contentsOfFile: path, encoding: .utf8)
                    actions.append(.specRead(path: path, text: text, purpose: purpose))
                case .saveSpec(let path, let text, let expected):
                    let outcome = workspace.saveSpec(text, to: path, expected: expected)
                    guard case .specSaved(let p, let created) = outcome else {
                        Issue.record("\(outcome)")
                        return
                    }
                    actions += [reload(), .specSaved(path: p, created: created)]
                case .saveProfile(let path, let edits, _):
                    let outcome = workspace.saveProfile(edits, to: path, readAs: nil)
                    guard case .profileSaved(let p) = outcome else {
                        Issue.record("\(outcome)")
                        return
                    }
                    actions.append(.profileSaved(path: p))
                case .openScoring(let id, let name):
                    let text = try? String(contentsOfFile: folder + "/evaluations/\(id).toml", encoding: .utf8)
                    actions.append(.scoringOpened(id: id, name: name, text: text))
                case .saveEvaluation(let path, let text, let expected, let who, let submitted, let changes):
                    let outcome = workspace.saveEvaluation(
                        text, to: path, expected: expected, who: who, submitted: submitted, changes: changes)
                    guard case .evaluationSaved = outcome else {
                        Issue.record("\(outcome)")
                        return
                    }
                    actions += [reload(), .evaluationSaved(path: path, text: text, submitted: submitted)]
                case .reload: actions.append(reload())
                default: Issue.record("unexpected effect \(effect)")
                }
                for a in actions { pending += s.apply(a) }
            }
        }
    }

    static let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("vendors").path

    @Test func formPanelAndScoringAreThreeChainedLines() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lineup-audit-\(UUID().uuidString)")
            .path
        try FileManager.default.copyItem(atPath: Self.bundled, toPath: dir)
        try? FileManager.default.removeItem(atPath: dir + "/" + AuditLog.name)
        let log = AuditLog(folder: dir, clock: { "2015-04-21T10:00:00Z" })
        let shell = Shell(
            folder: dir, workspace: Workspace(folder: dir, profilePath: dir + "/department.toml", who: "lt", audit: log)
        )
        let c = SpecFolder.load(folder: dir)
        var s = AppState(
            vendorsFolder: dir, profilePath: dir + "/department.toml", today: TOMLDate(year: 2015, month: 4, day: 21),
            products: c.products, profile: c.profile, diagnostics: c.diagnostics)
        // 1. The form: the Axon Body's camera price 399 -> 450.
        s.press(.character("/"))
        for ch in "axon body" { s.press(.character(ch)) }
        s.press(.enter)
        #expect(s.selected?.id == "axon-body")
        shell.run(s.press(.character("E")), on: &s)
        s.select("camera.price")
        s.press(.control("u"))
        s.type("450")
        shell.run(s.press(.control("s")), on: &s)
        // 2. The weights panel: cost 40 -> 45, saved.
        s.press(.escape)
        s.press(.character("w"), .right, .character("s"))
        shell.run(s.press(.character("y")), on: &s)
        s.press(.escape)
        // 3. The scoring screen: the officer scores the first product's fit 9 and saves.
        s.press(.character("J"))
        for ch in "example-officer" { s.press(.character(ch)) }
        shell.run(s.press(.enter), on: &s)
        #expect(s.screen == .scoring)
        s.press(.character("9"))
        shell.run(s.press(.character("s")), on: &s)
        let lines = log.entries().filter { $0.action != .started }
        #expect(lines.map(\.action) == [.saved, .saved, .scored])
        #expect(lines.map(\.file) == ["axon-body.toml", "department.toml", "evaluations/example-officer.toml"])
        #expect(lines[0].changes == [FieldChange(field: "camera.price", old: "399", new: "450")])
        #expect(lines[1].changes == [FieldChange(field: "weights.cost", old: "40", new: "45")])
        #expect(lines[2].who == "Officer Example Evaluator B")
        #expect(lines[2].changes.map(\.field) == ["digital-ally-firstvu-hd/field_trial"])
        #expect(lines[2].changes.first?.new == "9")
        // Chained, each to the line before it.
        let all = log.entries()
        for k in 1..<all.count { #expect(all[k].previous == all[k - 1].hash) }
        #expect(log.verify() == [])
        // An outside edit of a spec: named by verify (and --verify exits 1 on it), then by the next load.
        let spec = dir + "/wolfcom-vision.toml"
        try (String(contentsOfFile: spec, encoding: .utf8) + "\n# edited by hand\n").write(
            toFile: spec, atomically: true, encoding: .utf8)
        #expect(
            log.verify().map(\.description) == [spec + " differs from its last logged version (changed outside Lineup)"]
        )
        let next = SpecFolder.load(folder: dir)
        #expect(
            next.diagnostics.map(\.description).contains(
                spec + ": warning: changed outside Lineup since the audit log's last line; logged"))
        // A changed byte in the log: its line is named.
        var text = try String(contentsOfFile: log.path, encoding: .utf8).split(separator: "\n").map(String.init)
        let k = text.firstIndex { $0.contains("\"action\":\"scored\"") }!
        text[k] = text[k].replacingOccurrences(of: "\"new\":\"9\"", with: "\"new\":\"8\"")
        try (text.joined(separator: "\n") + "\n").write(toFile: log.path, atomically: true, encoding: .utf8)
        #expect(
            log.verify() == [
                AuditProblem(line: k + 1, message: "was changed after it was written (its hash does not match)")
            ])
    }
}

extension ScoringTests {
    /// The chair (Bob chairs this committee) records a consensus score with its reason; the
    /// workspace writes it to evaluations/consensus.toml and logs it under the chair's name.
    @Test func theChairRecordsAConsensus() throws {
        var s = Self.state()
        let product = s.scoring!.currentProduct!.id
        s.press(.character("C"))
        #expect(s.prompt == .consensus(""))
        for c in "6 the second mount fixes the clip" { s.press(.character(c)) }
        let effects = s.press(.enter)
        let score = ConsensusScore(
            product: product, criterion: "fit", score: 6, reason: "the second mount fixes the clip")
        #expect(effects == [.saveConsensus(score: score, who: "Bob")])
        // Not the chair: refused, with who is.
        var other = Self.state()
        other.send(.scoringOpened(id: "ann", name: nil, text: Self.annText))
        other.press(.character("C"))
        #expect(other.prompt == nil && other.status.hasPrefix("Only the chair (Bob)"))
        // The workspace writes the file and the audit line.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lineup-consensus-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: dir + "/evaluations", withIntermediateDirectories: true)
        let log = AuditLog(folder: dir, clock: { "2015-04-21T10:00:00Z" })
        let store = Workspace(folder: dir, profilePath: dir + "/department.toml", who: "lt", audit: log)
        guard case .done = store.saveConsensus(score, who: "Bob") else {
            Issue.record("not recorded")
            return
        }
        let text = try String(contentsOfFile: dir + "/evaluations/consensus.toml", encoding: .utf8)
        #expect(text.contains("[[consensus]]\nproduct = \"\(product)\"\ncriterion = \"fit\"\nscore = 6\n"))
        let last = log.entries().last!
        #expect(last.action == .consensus && last.who == "Bob" && last.file == "evaluations/consensus.toml")
        #expect(
            last.changes == [FieldChange(field: product + "/fit", old: nil, new: "6 (the second mount fixes the clip)")]
        )
    }
}

extension ScoringTests {
    /// A reload that changes only the committee's files says so; one that changes the profile
    /// itself says that.
    @Test func aReloadSaysWhetherTheCommitteeOrTheProfileChanged() {
        var s = Self.state()
        var profile = s.savedProfile!
        var committee = profile.committee!
        committee = committee.with(evaluators: [], consensus: [])
        profile.committee = committee
        s.send(.loaded(products: fixtureProducts, profile: profile, diagnostics: []))
        #expect(s.status.contains("the committee's scores changed"))
        profile.cameras = 20
        s.send(.loaded(products: fixtureProducts, profile: profile, diagnostics: []))
        #expect(s.status.contains("profile changed") && !s.status.contains("committee"))
    }
}
