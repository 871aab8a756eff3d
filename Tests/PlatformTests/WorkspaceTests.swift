import Foundation
import Testing

@testable import Evaluation
@testable import Platform

private func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

/// The interface's file work (`Workspace`, behind `SpecStore`), in a scratch folder.
@Suite struct WorkspaceTests {
    static let spec = "vendor = \"Acme\"\nmodel = \"One\"\n[camera]\nprice = 500\n"

    @Test func aNewSpecTakesAFreeNameAndAnEditOnlyReplacesWhatWasRead() throws {
        let dir = try scratchFolder()
        let store: SpecStore = Workspace(folder: dir, profilePath: dir + "/department.toml")
        let path = dir + "/acme-one.toml"
        try write("vendor = \"Other\"\nmodel = \"X\"\n", to: path)
        // New: never over another file.
        #expect(
            store.saveSpec(Self.spec, to: path, expected: nil)
                == .specSaved(path: dir + "/acme-one-2.toml", created: true))
        #expect(read(path) == "vendor = \"Other\"\nmodel = \"X\"\n")
        // An edit of a file that changed since the form read it is refused.
        let edited = Self.spec.replacingOccurrences(of: "500", with: "450")
        guard case .problem(let why) = store.saveSpec(edited, to: dir + "/acme-one-2.toml", expected: "something else")
        else {
            Issue.record("saved over a changed file")
            return
        }
        #expect(why.contains("changed on disk since the form opened"))
        #expect(
            store.saveSpec(edited, to: dir + "/acme-one-2.toml", expected: Self.spec)
                == .specSaved(path: dir + "/acme-one-2.toml", created: false))
        #expect(read(dir + "/acme-one-2.toml") == edited)
    }

    @Test func undoPutsBackOnlyWhatLineupWrote() throws {
        let dir = try scratchFolder()
        let store: SpecStore = Workspace(folder: dir, profilePath: dir + "/department.toml")
        #expect(store.undoLastSave() == .problem("Nothing to undo: nothing was saved in this session"))
        let path = dir + "/acme-one.toml"
        try write(Self.spec, to: path)
        let edited = Self.spec.replacingOccurrences(of: "500", with: "450")
        _ = store.saveSpec(edited, to: path, expected: Self.spec)
        // Undo of an edit: the file as it was.
        #expect(store.undoLastSave() == .done("Undone: acme-one.toml is back as it was before the last save"))
        #expect(read(path) == Self.spec)
        // A colleague's edit after Lineup's save is never reverted: undo refuses and keeps it.
        _ = store.saveSpec(edited, to: path, expected: Self.spec)
        try write(edited + "notes = \"theirs\"\n", to: path)
        #expect(
            store.undoLastSave()
                == .problem("Not undone: acme-one.toml changed since Lineup saved it; it is kept as it is now"))
        #expect(read(path) == edited + "notes = \"theirs\"\n")
        // Undo of a new file removes it, only while it is what Lineup wrote.
        #expect(
            store.saveSpec(Self.spec, to: dir + "/new.toml", expected: nil)
                == .specSaved(path: dir + "/new.toml", created: true))
        #expect(store.undoLastSave() == .done("Undone: removed new.toml, which the last save added"))
        #expect(read(dir + "/new.toml") == nil)
        _ = store.saveSpec(Self.spec, to: dir + "/new.toml", expected: nil)
        try write(Self.spec + "summary = \"written into it since\"\n", to: dir + "/new.toml")
        guard case .problem = store.undoLastSave() else {
            Issue.record("undo deleted a file someone wrote into")
            return
        }
        #expect(read(dir + "/new.toml")?.contains("written into it since") == true)
    }

    @Test func retireAndRestoreNeverReplaceAFile() throws {
        let dir = try scratchFolder()
        let store: SpecStore = Workspace(folder: dir, profilePath: dir + "/department.toml")
        let path = dir + "/acme-one.toml"
        try write(Self.spec, to: path)
        #expect(store.retire(path) == .retired(name: "acme-one.toml", retiredPath: dir + "/retired/acme-one.toml"))
        #expect(store.retired().map(\.name) == ["Acme One"])
        try write(Self.spec, to: path)
        // A second retired copy gets a free name; restoring over a file of the same name is refused.
        #expect(store.retire(path) == .retired(name: "acme-one.toml", retiredPath: dir + "/retired/acme-one-2.toml"))
        try write(Self.spec, to: path)
        #expect(store.restore(dir + "/retired/acme-one.toml") == .problem("Not restored: \(path) exists"))
        try FileManager.default.removeItem(atPath: path)
        #expect(store.restore(dir + "/retired/acme-one.toml") == .restored(name: "acme-one.toml"))
        #expect(read(path) == Self.spec)
    }

    @Test func anExportAsksBeforeReplacingAFileAndUndoAfterRetireBringsNoCopy() throws {
        let dir = try scratchFolder()
        let store: SpecStore = Workspace(folder: dir, profilePath: dir + "/department.toml")
        let out = dir + "/out.csv"
        #expect(store.export("a,b\r\n", to: out, overwrite: false) == .exported(path: out))
        #expect(store.export("c,d\r\n", to: out, overwrite: false) == .exists(path: out))
        #expect(read(out) == "a,b\r\n")
        #expect(store.export("c,d\r\n", to: out, overwrite: true) == .exported(path: out))
        #expect(read(out) == "c,d\r\n")
        // U after X: the saved file was retired; undo does not bring a second copy back.
        let path = dir + "/acme-one.toml"
        _ = store.saveSpec(Self.spec, to: path, expected: nil)
        _ = store.retire(path)
        #expect(store.undoLastSave() == .problem("Nothing to undo: nothing was saved in this session"))
        #expect(read(path) == nil)
    }

    /// Issue 20, item 6: `retired/` is used only as a real folder inside the vendors folder.
    @Test func aRetiredFolderThatIsALinkIsRefused() throws {
        let dir = try scratchFolder()
        let elsewhere = try scratchFolder(withProfile: false)
        try FileManager.default.createSymbolicLink(atPath: dir + "/retired", withDestinationPath: elsewhere)
        try write("keep\n", to: elsewhere + "/theirs.toml")
        let store: SpecStore = Workspace(folder: dir, profilePath: dir + "/department.toml")
        let path = dir + "/acme-one.toml"
        try write(Self.spec, to: path)
        guard case .problem(let why) = store.retire(path) else {
            Issue.record("retired through a link")
            return
        }
        #expect(why.hasSuffix("is not a folder (a link is not followed)"))
        #expect(read(path) == Self.spec)
        #expect(store.retired().isEmpty)  // someone else's files are not offered for restoring
    }

    /// Issue 20, item 3: two people save the same spec at the same moment. The check that the
    /// file is as read and the write are one step under the folder's lock: in every round one
    /// save lands and the other is told the file changed; no edit is lost unannounced.
    @Test func ofTwoSimultaneousSavesOneLandsAndTheOtherIsTold() async throws {
        let dir = try scratchFolder()
        let path = dir + "/acme-one.toml"
        for round in 0..<30 {
            try write(Self.spec, to: path)
            let mine = Self.spec + "notes = \"mine \(round)\"\n"
            let theirs = Self.spec + "notes = \"theirs \(round)\"\n"
            // Two interfaces: each its own workspace, as two processes would have.
            async let first = Task.detached {
                Workspace(folder: dir, profilePath: dir + "/department.toml").saveSpec(
                    mine, to: path, expected: Self.spec)
            }.value
            async let second = Task.detached {
                Workspace(folder: dir, profilePath: dir + "/department.toml").saveSpec(
                    theirs, to: path, expected: Self.spec)
            }.value
            let outcomes = await [first, second]
            let saved = outcomes.filter { if case .specSaved = $0 { return true } else { return false } }
            #expect(saved.count == 1, "round \(round): \(outcomes)")
            let kept = read(path)
            #expect(kept == mine || kept == theirs)
        }
        // Two new products under one name at once: two files, neither over the other.
        async let n1 = Task.detached {
            Workspace(folder: dir, profilePath: dir + "/department.toml").saveSpec(
                Self.spec + "# 1\n", to: dir + "/new.toml", expected: nil)
        }.value
        async let n2 = Task.detached {
            Workspace(folder: dir, profilePath: dir + "/department.toml").saveSpec(
                Self.spec + "# 2\n", to: dir + "/new.toml", expected: nil)
        }.value
        let both = await [n1, n2]
        #expect(Set(both.compactMap { if case .specSaved(let p, _) = $0 { return p } else { return nil } }).count == 2)
    }
}
