import Evaluation
import TOML

#if canImport(Glibc)
    import Glibc
#endif

/// What the interface's file work answers: the shell turns each into an action.
public enum StoreOutcome: Equatable, Sendable {
    /// A spec from the form was written to `path` (a new file when `created`).
    case specSaved(path: String, created: Bool)
    case profileSaved(path: String)
    case retired(name: String, retiredPath: String)
    case restored(name: String)
    /// Written: the path as shown (escaped) and the rows it holds.
    case exported(path: String)
    /// The export's file exists: ask before replacing it.
    case exists(path: String)
    /// Something was done, in words (an undo).
    case done(String)
    /// Nothing (or only part) was done, and why.
    case problem(String)
    /// The profile changed on disk since it was read: nothing was written.
    case changedOnDisk(path: String)
    /// An evaluator's file was written (as `text`).
    case evaluationSaved(path: String, text: String, submitted: Bool)
}

/// A spec in `vendors/retired/`: where it is, the name its file gives, the day it was retired.
public struct RetiredEntry: Equatable, Sendable {
    public var path: String
    public var name: String
    public var retiredOn: String
}

/// The file work the interface asks for, behind one protocol: the shell wires effects to it,
/// tests drive it in a temporary folder.
public protocol SpecStore: AnyObject {
    /// Writes a spec from the form: an edit only over the file as the form read it; a new spec
    /// under a free name (`-2`, `-3`, ...), never over another file.
    func saveSpec(_ text: String, to path: String, expected: String?) -> StoreOutcome
    /// Rewrites the profile's values in place (comments kept) after checking the result loads;
    /// with `readAs`, only when the file is still as it was read.
    func saveProfile(_ edits: [ProfileEdit], to path: String, readAs: FileStamp?) -> StoreOutcome
    /// Moves a spec into `retired/`, never over another file.
    func retire(_ path: String) -> StoreOutcome
    /// Moves a retired spec back, unless a file of its name is there again.
    func restore(_ retiredPath: String) -> StoreOutcome
    /// The retired specs, newest first.
    func retired() -> [RetiredEntry]
    /// Writes an export atomically; unless `overwrite`, answers `.exists` for an existing file.
    func export(_ text: String, to path: String, overwrite: Bool) -> StoreOutcome
    /// Puts back the file the last save replaced (or removes the file it created), only when
    /// the file is still exactly what that save wrote.
    func undoLastSave() -> StoreOutcome
    /// Writes an evaluator's file over the file as read (`expected`; nil: a new file, never over
    /// another), logged under `who` as scored or submitted with the scores that changed.
    func saveEvaluation(
        _ text: String, to path: String, expected: String?, who: String, submitted: Bool, changes: [FieldChange]
    ) -> StoreOutcome
    /// Adds a consensus score to `evaluations/consensus.toml`, logged under `who` (the chair).
    func saveConsensus(_ score: ConsensusScore, who: String) -> StoreOutcome
}

/// The vendors folder as the interface changes it.
public final class Workspace: SpecStore {
    public let folder: String
    public let profilePath: String
    /// Who the audit log names for these saves: the system user, or the evaluator scoring.
    public var who: String
    /// Every save is logged here, chained (see `AuditLog`).
    public let audit: AuditLog

    /// The file saved last in this session: as it was before (nil: the save created it) and
    /// as the save left it.
    private var lastSave: (path: String, before: [UInt8]?, after: [UInt8])?

    public init(folder: String, profilePath: String, who: String = AuditLog.systemUser(), audit: AuditLog? = nil) {
        self.folder = folder
        self.profilePath = profilePath
        self.who = who
        self.audit = audit ?? AuditLog(folder: folder)
    }

    /// Logs a change made (`before` nil: the file is new; `after` nil: it is gone); the
    /// outcome says so when the log cannot be written, so no change goes unrecorded quietly.
    func logged(
        _ outcome: StoreOutcome, _ action: AuditAction, path: String, before: [UInt8]?, after: [UInt8]?,
        changes: [FieldChange]? = nil, by person: String? = nil
    ) -> StoreOutcome {
        do {
            try audit.record(action, path: path, before: before, after: after, who: person ?? who, changes: changes)
            return outcome
        } catch {
            return .problem("Saved, but the audit log could not be written: \(error)")
        }
    }

    /// Runs `body` holding the folder's lock: the check that a file is as it was read, or that
    /// a name is free, and the write are one step, so of two saves at the same moment one is
    /// told the file changed.
    private func locked<T>(_ body: () -> T) -> T { SpecFolder.withLock(folder, body) }

    public func saveSpec(_ text: String, to path: String, expected: String?) -> StoreOutcome {
        locked { unlockedSaveSpec(text, to: path, expected: expected) }
    }

    private func unlockedSaveSpec(_ text: String, to path: String, expected: String?) -> StoreOutcome {
        var target = path
        var previous: [UInt8]?
        if let expected {
            switch SpecFolder.read(path) {
            case .success(let (bytes, _)):
                guard bytes == Array(expected.utf8) else {
                    return .problem(
                        "Not saved: \(SafeText.escaped(path)) changed on disk since the form opened; E opens it again")
                }
                previous = bytes
            case .failure(let d):
                return .problem("Not saved: \(d.description)")
            }
        } else {
            var st = stat()
            var n = 2
            while lstat(target, &st) == 0 {
                target = String(path.dropLast(5)) + "-\(n).toml"
                n += 1
            }
        }
        let bytes = Array(text.utf8)
        do {
            let written = try AtomicFile.write(bytes, to: target, as: .owned)
            lastSave = (written, previous, bytes)
            return logged(
                .specSaved(path: written, created: expected == nil), expected == nil ? .created : .saved,
                path: written, before: previous, after: bytes)
        } catch {
            return .problem("Not saved: \(error)")
        }
    }

    public func saveProfile(_ edits: [ProfileEdit], to path: String, readAs: FileStamp?) -> StoreOutcome {
        locked {
            if let readAs, SpecFolder.stamps(of: path) != readAs { return .changedOnDisk(path: path) }
            return unlockedSaveProfile(edits, to: path)
        }
    }

    private func unlockedSaveProfile(_ edits: [ProfileEdit], to path: String) -> StoreOutcome {
        switch SpecFolder.read(path) {
        case .failure(let d):
            return .problem("Not saved: \(d.description)")
        case .success(let (bytes, _)):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .problem("Not saved: \(SafeText.escaped(path)) is not UTF-8 text")
            }
            do {
                let updated = try ProfileEditor.apply(edits, to: text, file: path)
                let check = SpecDecoder.profile(Array(updated.utf8), file: path)
                guard check.value != nil else {
                    let why = SafeText.escaped(check.diagnostics.first?.message ?? "unknown reason")
                    return .problem("Not saved: the updated profile would not load (\(why))")
                }
                let written = try AtomicFile.write(Array(updated.utf8), to: path)
                lastSave = (path, bytes, Array(updated.utf8))
                return logged(
                    .profileSaved(path: written), .saved, path: path, before: bytes, after: Array(updated.utf8))
            } catch let error as WriteError {
                return .problem("Not saved: \(error)")
            } catch {
                return .problem("Not saved: \(SafeText.escaped(String(describing: error)))")
            }
        }
    }

    public func retire(_ path: String) -> StoreOutcome {
        let retired = SpecFolder.join(folder, "retired")
        if mkdir(retired, 0o755) != 0 && errno != EEXIST {
            return .problem(
                "Not retired: cannot create \(SafeText.escaped(retired)): \(String(cString: strerror(errno)))")
        }
        // Only into a real folder inside the vendors folder: a link would move the spec away.
        var dir = stat()
        guard lstat(retired, &dir) == 0, dir.st_mode & S_IFMT == S_IFDIR else {
            return .problem("Not retired: \(SafeText.escaped(retired)) is not a folder (a link is not followed)")
        }
        let name = SpecFolder.fileName(of: path)
        var target = SpecFolder.join(retired, name)
        var n = 2
        var st = stat()
        while lstat(target, &st) == 0 {
            target = SpecFolder.join(retired, String(name.dropLast(5)) + "-\(n).toml")
            n += 1
        }
        let bytes = try? SpecFolder.read(path, followLinks: false).get().bytes
        guard rename(path, target) == 0 else { return .problem("Not retired: \(String(cString: strerror(errno)))") }
        // The retired file is no longer the one the last save wrote there.
        if lastSave?.path == path { lastSave = nil }
        return logged(
            .retired(name: name, retiredPath: target), .retired, path: path, before: bytes, after: nil,
            changes: [FieldChange(field: "(file)", old: "in the folder", new: "moved to " + audit.relative(target))])
    }

    public func restore(_ retiredPath: String) -> StoreOutcome {
        let name = SpecFolder.fileName(of: retiredPath)
        let target = SpecFolder.join(folder, name)
        var st = stat()
        if lstat(target, &st) == 0 { return .problem("Not restored: \(SafeText.escaped(target)) exists") }
        guard rename(retiredPath, target) == 0 else {
            return .problem("Not restored: \(String(cString: strerror(errno)))")
        }
        let bytes = try? SpecFolder.read(target, followLinks: false).get().bytes
        return logged(
            .restored(name: name), .restored, path: target, before: nil, after: bytes,
            changes: [FieldChange(field: "(file)", old: "in " + audit.relative(retiredPath), new: "back in the folder")]
        )
    }

    /// The specs in `folder/retired/`, newest first: their names as the files say, and the
    /// day each was moved there (a rename sets the file's status-change time). Links are not
    /// followed.
    public func retired() -> [RetiredEntry] {
        let retired = SpecFolder.join(folder, "retired")
        var dir = stat()
        guard lstat(retired, &dir) == 0, dir.st_mode & S_IFMT == S_IFDIR else { return [] }
        guard case .success(let names) = SpecFolder.tomlNames(in: retired) else { return [] }
        var list: [(RetiredEntry, Int)] = []
        for name in names {
            let path = SpecFolder.join(retired, name)
            guard case .success(let (bytes, _)) = SpecFolder.read(path, followLinks: false) else { continue }
            var shown = name
            if let root = try? TOML.parse(bytes, file: path).root, case .string(let vendor)? = root["vendor"]?.value,
                case .string(let model)? = root["model"]?.value
            {
                shown = vendor + " " + model
            }
            var st = stat()
            lstat(path, &st)
            var seconds = st.st_ctim.tv_sec
            var parts = tm()
            localtime_r(&seconds, &parts)
            let day = TOMLDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            list.append((RetiredEntry(path: path, name: shown, retiredOn: day.text), st.st_ctim.tv_sec))
        }
        return list.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.path < $1.0.path }.map(\.0)
    }

    public func export(_ text: String, to path: String, overwrite: Bool) -> StoreOutcome {
        var st = stat()
        if !overwrite && stat(path, &st) == 0 { return .exists(path: path) }
        do {
            return .exported(path: SafeText.escaped(try AtomicFile.write(Array(text.utf8), to: path)))
        } catch {
            return .problem("Export failed: \(error)")
        }
    }

    public func undoLastSave() -> StoreOutcome { locked { unlockedUndo() } }

    public func saveEvaluation(
        _ text: String, to path: String, expected: String?, who: String, submitted: Bool, changes: [FieldChange]
    ) -> StoreOutcome {
        locked {
            let current = try? SpecFolder.read(path, followLinks: false).get().bytes
            let name = SafeText.escaped(SpecFolder.fileName(of: path))
            if let expected {
                guard current == Array(expected.utf8) else {
                    return .problem("Not saved: \(name) changed on disk since you opened it; leave and open it again")
                }
            } else if current != nil {
                return .problem("Not saved: \(name) exists already; score as that evaluator, or choose another name")
            }
            let folder = AtomicFile.directory(of: path)
            if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                return .problem(
                    "Not saved: cannot create \(SafeText.escaped(folder)): \(String(cString: strerror(errno)))")
            }
            do {
                let bytes = Array(text.utf8)
                let written = try AtomicFile.write(bytes, to: path, as: .owned)
                lastSave = (written, current, bytes)
                let outcome = StoreOutcome.evaluationSaved(path: written, text: text, submitted: submitted)
                let submitting = submitted && changes.contains { $0.field == "submitted" }
                return logged(
                    outcome, submitting ? .submitted : .scored, path: written, before: current, after: bytes,
                    changes: changes, by: who)
            } catch {
                return .problem("Not saved: \(error)")
            }
        }
    }

    public func saveConsensus(_ score: ConsensusScore, who: String) -> StoreOutcome {
        locked {
            let path = SpecFolder.join(
                SpecFolder.join(folder, SpecDecoder.evaluationsFolder), SpecDecoder.consensusName)
            let current = try? SpecFolder.read(path, followLinks: false).get().bytes
            let text = ScoringText.consensus(
                existing: current.map { String(decoding: $0, as: UTF8.self) }, chair: who, adding: score)
            do {
                let bytes = Array(text.utf8)
                let written = try AtomicFile.write(bytes, to: path, as: .owned)
                lastSave = (written, current, bytes)
                return logged(
                    .done(
                        "Consensus recorded: \(Format.number(score.score)) for \(SafeText.escaped(score.product)) on \(SafeText.escaped(score.criterion))"
                    ),
                    .consensus, path: written, before: current, after: bytes,
                    changes: [
                        FieldChange(
                            field: score.product + "/" + score.criterion, old: nil,
                            new: Format.literal(score.score) + " (" + score.reason + ")")
                    ], by: who)
            } catch {
                return .problem("Not recorded: \(error)")
            }
        }
    }

    private func unlockedUndo() -> StoreOutcome {
        guard let (path, before, after) = lastSave else {
            return .problem("Nothing to undo: nothing was saved in this session")
        }
        let name = SafeText.escaped(SpecFolder.fileName(of: path))
        // Only the file as the save left it is put back: an edit made since (in an editor, by
        // a colleague) is never reverted or deleted.
        switch SpecFolder.read(path, followLinks: false) {
        case .success(let (bytes, _)) where bytes == after: break
        case .success:
            lastSave = nil
            return .problem("Not undone: \(name) changed since Lineup saved it; it is kept as it is now")
        case .failure:
            lastSave = nil
            return .problem("Not undone: \(name) is no longer where Lineup saved it")
        }
        guard let before else {
            // The save added this file: undoing it takes the file away again.
            guard unlink(path) == 0 || errno == ENOENT else {
                return .problem(
                    "Not undone: cannot remove \(SafeText.escaped(path)): \(String(cString: strerror(errno)))")
            }
            lastSave = nil
            return logged(
                .done("Undone: removed \(name), which the last save added"), .undone, path: path, before: after,
                after: nil)
        }
        do {
            try AtomicFile.write(before, to: path, as: path == profilePath ? .named : .owned)
            lastSave = nil
            return logged(
                .done("Undone: \(name) is back as it was before the last save"), .undone, path: path, before: after,
                after: before)
        } catch {
            return .problem("Not undone: \(error)")
        }
    }
}
