import Crypto
import Evaluation
import Foundation
import TOML

#if canImport(Glibc)
    import Glibc
#endif

/// What an audit line records.
public enum AuditAction: String, Sendable, CaseIterable {
    /// The log's first line: every file's hash as the log began.
    case started
    /// A save Lineup made (a spec from the form, the profile's weights or figures).
    case saved
    /// A new file Lineup wrote.
    case created
    case retired
    case restored
    /// An undo put a file back (or removed the file a save created).
    case undone
    /// An evaluator's scores saved from the scoring screen.
    case scored
    /// An evaluator submitted their scores.
    case submitted
    /// The chair recorded a consensus score.
    case consensus
    /// A file changed, appeared or went away outside Lineup (an editor, git), noticed at a load.
    case outside
}

/// One line of the audit log.
public struct AuditEntry: Equatable, Sendable {
    public var time: String
    public var who: String
    public var action: AuditAction
    /// The file, relative to the vendors folder.
    public var file: String
    public var changes: [FieldChange]
    /// The file's SHA-256 after the change ("" when it is gone).
    public var sha256: String
    /// The previous line's hash (64 zeros for the first line).
    public var previous: String
    /// This line's hash: SHA-256 of the line as written before it (every field, `previous` included).
    public var hash: String

    public init(
        time: String, who: String, action: AuditAction, file: String, changes: [FieldChange], sha256: String,
        previous: String = "", hash: String = ""
    ) {
        self.time = time
        self.who = who
        self.action = action
        self.file = file
        self.changes = changes
        self.sha256 = sha256
        self.previous = previous
        self.hash = hash
    }
}

/// A problem `lineup audit --verify` names: the line (1-based; nil for a file's state) and why.
public struct AuditProblem: Equatable, Sendable, CustomStringConvertible {
    public var line: Int?
    public var message: String
    public var description: String { (line.map { "line \($0): " } ?? "") + message }
}

/// The audit log (`vendors/lineup-audit.jsonl`): one JSON line per change to the folder's data,
/// each chained to the one before by its SHA-256, so a changed byte, a removed line or a line
/// put out of order breaks the chain at that line. It begins at the first save Lineup makes;
/// from then on a load notices a file changed outside Lineup and logs it as such.
public final class AuditLog: @unchecked Sendable {
    public static let name = "lineup-audit.jsonl"
    static let zero = String(repeating: "0", count: 64)

    public let folder: String
    public let path: String
    let clock: () -> String

    public init(folder: String, clock: @escaping () -> String = AuditLog.now) {
        self.folder = folder
        path = SpecFolder.join(folder, Self.name)
        self.clock = clock
    }

    public var exists: Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// The time now, in UTC: `2015-04-21T14:03:09Z`.
    public static func now() -> String {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ v: Int32, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))Z"
    }

    /// The user running Lineup (the login name), for changes no evaluator makes.
    public static func systemUser() -> String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }

    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }

    // MARK: Lines

    static func json(_ s: String) -> String { Quoting.json(s) }

    /// The line's text without its hash: what the hash is taken of.
    static func body(_ e: AuditEntry) -> String {
        let changes = e.changes.map { c in
            "{\"field\":\(json(c.field)),\"old\":\(c.old.map(json) ?? "null"),\"new\":\(c.new.map(json) ?? "null")}"
        }.joined(separator: ",")
        return "{\"previous\":\(json(e.previous)),\"time\":\(json(e.time)),\"who\":\(json(e.who)),"
            + "\"action\":\(json(e.action.rawValue)),\"file\":\(json(e.file)),\"changes\":[\(changes)],"
            + "\"sha256\":\(json(e.sha256))}"
    }

    static func line(_ e: AuditEntry) -> String {
        let body = body(e)
        return String(body.dropLast()) + ",\"hash\":\"\(sha256(Array(body.utf8)))\"}"
    }

    /// Parses one line (nil when it is not a line this log writes).
    static func parse(_ text: String) -> AuditEntry? {
        guard let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let previous = object["previous"] as? String, let time = object["time"] as? String,
            let who = object["who"] as? String, let actionName = object["action"] as? String,
            let action = AuditAction(rawValue: actionName), let file = object["file"] as? String,
            let sha = object["sha256"] as? String, let hash = object["hash"] as? String,
            let list = object["changes"] as? [[String: Any]]
        else { return nil }
        let changes = list.compactMap { c -> FieldChange? in
            guard let field = c["field"] as? String else { return nil }
            return FieldChange(field: field, old: c["old"] as? String, new: c["new"] as? String)
        }
        return AuditEntry(
            time: time, who: who, action: action, file: file, changes: changes, sha256: sha, previous: previous,
            hash: hash)
    }

    /// The log's lines as written (empty when there is no log).
    func lines() -> [String] {
        guard case .success(let (bytes, _)) = SpecFolder.read(path, followLinks: false, maximumSize: 256 << 20)
        else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(
            String.init)
    }

    /// Every line, parsed (a line that does not parse is skipped; `verify` names it).
    public func entries() -> [AuditEntry] { lines().compactMap(Self.parse) }

    // MARK: Recording

    /// The files whose changes are logged: the profile, the market reference, the specs and the
    /// committee's files. Relative to the folder.
    func trackedFiles() -> [String] {
        var names = (try? SpecFolder.tomlNames(in: folder).get()) ?? []
        let evaluations = SpecFolder.join(folder, SpecDecoder.evaluationsFolder)
        names += ((try? SpecFolder.tomlNames(in: evaluations).get()) ?? []).map {
            SpecDecoder.evaluationsFolder + "/" + $0
        }
        return names
    }

    /// The SHA-256 of a file in the folder ("" when it cannot be read).
    func hash(ofFile relative: String) -> String {
        guard case .success(let (bytes, _)) = SpecFolder.read(SpecFolder.join(folder, relative), followLinks: false)
        else { return "" }
        return Self.sha256(bytes)
    }

    /// The path relative to the folder.
    func relative(_ path: String) -> String {
        // As given, or both made absolute (a save answers with the absolute path it wrote).
        for (base, p) in [(folder, path), (AtomicFile.absolute(folder), AtomicFile.absolute(path))] {
            let prefix = base.hasSuffix("/") ? base : base + "/"
            if p.hasPrefix(prefix) { return String(p.dropFirst(prefix.count)) }
        }
        return path
    }

    /// Appends lines, chained to the last; starts the log (a line per file with its hash) when
    /// there is none yet. Every line goes out in one write with O_APPEND, then fsync.
    func append(_ new: [AuditEntry], start: Bool, before: [UInt8]? = nil) throws(WriteError) {
        var previous = lines().last.flatMap(Self.parse)?.hash ?? Self.zero
        var entries: [AuditEntry] = []
        if start && !exists {
            let time = clock()
            // Each file as it was before this change: the one being changed at its old content
            // (absent when the change creates it).
            let changing = new.first?.file
            var files = trackedFiles()
            // A file the change moved away (a retire) was there before it.
            if let changing, before != nil, !files.contains(changing) { files = (files + [changing]).sorted() }
            for file in files {
                let sha = file == changing ? before.map(Self.sha256) : hash(ofFile: file)
                guard let sha else { continue }
                entries.append(
                    AuditEntry(
                        time: time, who: Self.systemUser(), action: .started, file: file, changes: [],
                        sha256: sha))
            }
        }
        entries += new
        var text = ""
        for var e in entries {
            e.previous = previous
            let line = Self.line(e)
            previous = Self.parse(line)!.hash
            text += line + "\n"
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: AtomicFile.reason(errno)) }
        defer { close(fd) }
        try AtomicFile.writeAll(Array(text.utf8), to: fd, path: path)
        fsync(fd)
    }

    /// Logs a change Lineup made to `path` (its content before, nil when new, and after, nil
    /// when gone), with the fields that changed.
    public func record(
        _ action: AuditAction, path: String, before: [UInt8]?, after: [UInt8]?, who: String,
        changes: [FieldChange]? = nil
    ) throws(WriteError) {
        let file = relative(path)
        let entry = AuditEntry(
            time: clock(), who: who, action: action, file: file,
            changes: changes ?? FieldChanges.between(before, after), sha256: after.map(Self.sha256) ?? "")
        try append([entry], start: true, before: before)
    }

    /// The hash each file had at its last line, by file (absent once a line says it is gone).
    func lastKnown(_ entries: [AuditEntry]) -> [String: String] {
        var known: [String: String] = [:]
        for e in entries {
            if e.action == .retired {
                known[e.file] = nil
                continue
            }
            known[e.file] = e.sha256.isEmpty ? nil : e.sha256
        }
        return known
    }

    /// What changed outside Lineup since the last line: each file whose hash differs from its
    /// last logged one, each new file and each file gone.
    public func outsideChanges() -> [(file: String, was: String?, now: String?)] {
        guard exists else { return [] }
        let known = lastKnown(entries())
        var out: [(String, String?, String?)] = []
        let files = trackedFiles()
        for file in files {
            let now = hash(ofFile: file)
            if known[file] != now { out.append((file, known[file], now)) }
        }
        for file in known.keys.sorted() where !files.contains(file) { out.append((file, known[file], nil)) }
        return out
    }

    /// At a load: logs every change made outside Lineup, and names each as a warning.
    public func noticeOutsideChanges() -> [Diagnostic] {
        guard exists else { return [] }
        // Holding the folder's lock, so two Lineups loading at once log an outside change once,
        // chained in order (never called inside a save, which holds it already).
        return SpecFolder.withLock(folder) { unlockedNoticeOutsideChanges() }
    }

    func unlockedNoticeOutsideChanges() -> [Diagnostic] {
        let changes = outsideChanges()
        guard !changes.isEmpty else { return [] }
        let time = clock()
        let who = Self.systemUser()
        let entries = changes.map { c in
            AuditEntry(
                time: time, who: who, action: .outside, file: c.file,
                changes: [
                    FieldChange(field: "(file)", old: c.was.map { "sha256 " + $0 }, new: c.now.map { "sha256 " + $0 })
                ],
                sha256: c.now ?? "")
        }
        var diagnostics = changes.map { c in
            Diagnostic(
                file: SpecFolder.join(folder, c.file), severity: .warning,
                message: c.was == nil
                    ? "appeared outside Lineup since the audit log's last line; logged"
                    : c.now == nil
                        ? "was removed outside Lineup since the audit log's last line; logged"
                        : "changed outside Lineup since the audit log's last line; logged")
        }
        do { try append(entries, start: false) } catch {
            diagnostics.append(
                Diagnostic(file: path, message: "the outside change could not be logged: \(error)"))
        }
        return diagnostics
    }

    // MARK: Verifying

    /// Whether the chain is intact and every file is as its last line says: the problems, the
    /// first broken line first (empty: all is well).
    public func verify() -> [AuditProblem] {
        guard exists else { return [AuditProblem(line: nil, message: "there is no audit log (\(Self.name)) yet")] }
        var problems: [AuditProblem] = []
        var previous = Self.zero
        var parsed: [AuditEntry] = []
        for (i, text) in lines().enumerated() {
            guard let e = Self.parse(text) else {
                problems.append(AuditProblem(line: i + 1, message: "is not an audit line (changed by hand?)"))
                break
            }
            if e.previous != previous {
                problems.append(
                    AuditProblem(
                        line: i + 1,
                        message: "does not follow the line before it (a line was removed, added or reordered)"))
                break
            }
            var check = e
            check.hash = ""
            if Self.sha256(Array(Self.body(check).utf8)) != e.hash
                || Self.line(e) != text
            {
                problems.append(
                    AuditProblem(line: i + 1, message: "was changed after it was written (its hash does not match)"))
                break
            }
            previous = e.hash
            parsed.append(e)
        }
        if problems.isEmpty {
            for c in outsideChanges() {
                let what =
                    c.was == nil
                    ? "is not in the log (added outside Lineup)"
                    : c.now == nil
                        ? "is gone (removed outside Lineup)"
                        : "differs from its last logged version (changed outside Lineup)"
                problems.append(AuditProblem(line: nil, message: SpecFolder.join(folder, c.file) + " " + what))
            }
        }
        return problems
    }
}
