import Foundation
import Testing

@testable import Evaluation
@testable import Platform

/// The audit log: every save a chained line; a changed byte or an outside edit named exactly.
@Suite struct AuditLogTests {
    static func clock() -> String { "2015-04-21T10:00:00Z" }

    /// A scratch folder with the profile and one spec, its log (a fixed clock) and a workspace.
    static func folder() throws -> (dir: String, spec: String, log: AuditLog, store: Workspace) {
        let dir = try scratchFolder()
        let spec = dir + "/acme-one.toml"
        try write(goodSpec, to: spec)
        let log = AuditLog(folder: dir, clock: clock)
        return (
            dir, spec, log, Workspace(folder: dir, profilePath: dir + "/department.toml", who: "lt.example", audit: log)
        )
    }

    @Test func savesAreChainedAndVerified() throws {
        let (dir, spec, log, store) = try Self.folder()
        #expect(!log.exists)
        let edited = goodSpec.replacingOccurrences(of: "500", with: "450")
        #expect(store.saveSpec(edited, to: spec, expected: goodSpec) == .specSaved(path: spec, created: false))
        #expect(
            store.saveProfile([ProfileEdit("weights.cost", number: 45)], to: dir + "/department.toml", readAs: nil)
                == .profileSaved(path: dir + "/department.toml"))
        let entries = log.entries()
        // The log begins with each file's hash (the profile and the spec, in name order), then
        // one line per save, naming the field with its old and new value.
        #expect(entries.map(\.action) == [.started, .started, .saved, .saved])
        #expect(entries.map(\.file) == ["acme-one.toml", "department.toml", "acme-one.toml", "department.toml"])
        #expect(entries[2].changes == [FieldChange(field: "camera.price", old: "500", new: "450")])
        #expect(entries[3].changes == [FieldChange(field: "weights.cost", old: "40", new: "45")])
        #expect(entries[2].who == "lt.example" && entries[2].time == "2015-04-21T10:00:00Z")
        #expect(entries[2].sha256 == AuditLog.sha256(Array(edited.utf8)))
        // Chained: each line names the hash of the one before; the first names 64 zeros.
        #expect(entries[0].previous == String(repeating: "0", count: 64))
        for k in 1..<entries.count { #expect(entries[k].previous == entries[k - 1].hash) }
        #expect(log.verify() == [])
    }

    @Test func aChangedByteIsNamedByItsLine() throws {
        let (_, spec, log, store) = try Self.folder()
        _ = store.saveSpec(goodSpec.replacingOccurrences(of: "500", with: "450"), to: spec, expected: goodSpec)
        _ = store.saveSpec(
            goodSpec.replacingOccurrences(of: "500", with: "425"), to: spec,
            expected:
                goodSpec.replacingOccurrences(of: "500", with: "450"))
        #expect(log.verify() == [])
        // One byte of line 3 (the first save's new price 450 -> 950): line 3 no longer matches its hash.
        var text = try String(contentsOfFile: log.path, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: "\"new\":\"450\"", with: "\"new\":\"950\"")
        try write(lines.joined(separator: "\n") + "\n", to: log.path)
        #expect(
            log.verify() == [
                AuditProblem(line: 3, message: "was changed after it was written (its hash does not match)")
            ])
        // A line removed: the next one no longer follows.
        text = lines.enumerated().filter { $0.offset != 2 }.map(\.element).joined(separator: "\n") + "\n"
        try write(text, to: log.path)
        #expect(
            log.verify() == [
                AuditProblem(
                    line: 3, message: "does not follow the line before it (a line was removed, added or reordered)")
            ])
    }

    @Test func anOutsideEditIsNamedThenLoggedAtTheNextLoad() throws {
        let (dir, spec, log, store) = try Self.folder()
        _ = store.saveSpec(goodSpec.replacingOccurrences(of: "500", with: "450"), to: spec, expected: goodSpec)
        // An editor changes the spec.
        try write(goodSpec.replacingOccurrences(of: "500", with: "300"), to: spec)
        #expect(
            log.verify() == [
                AuditProblem(
                    line: nil, message: spec + " differs from its last logged version (changed outside Lineup)")
            ])
        // The next load names it and logs it as an outside change; the chain then holds it.
        let contents = SpecFolder.load(folder: dir)
        #expect(
            contents.diagnostics.map(\.description).contains(
                spec + ": warning: changed outside Lineup since the audit log's last line; logged"))
        let last = log.entries().last!
        #expect(last.action == .outside && last.file == "acme-one.toml")
        #expect(last.sha256 == AuditLog.sha256(Array(goodSpec.replacingOccurrences(of: "500", with: "300").utf8)))
        #expect(log.verify() == [])
        // Nothing changed since: the next load logs nothing.
        let count = log.entries().count
        _ = SpecFolder.load(folder: dir)
        #expect(log.entries().count == count)
    }

    @Test func withoutALogALoadWritesNothing() throws {
        let dir = try scratchFolder()
        try write(goodSpec, to: dir + "/acme-one.toml")
        _ = SpecFolder.load(folder: dir)
        #expect(!AuditLog(folder: dir).exists)
    }
}
