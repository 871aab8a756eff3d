import CursesTerminal
import Dispatch
import Evaluation
import Platform
import Synchronization
import TOML
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

/// The interactive session: the run loop that feeds keys and file changes to the state and
/// carries out its effects. The only place where the interface meets the world.
///
/// Watching the folder: inotify says when something in the folder changed (so an idle
/// interface stats nothing); on a change, and on a clock whatever the keys do, the files'
/// sizes and times are compared with those of the last load. A change is loaded only once
/// the stamps have held still for `settleMilliseconds` and no changed file ends mid-line
/// within `SpecFolder.midLineSeconds` of its last change (a writer that pauses is waited
/// for); a file that does not load keeps its last good version on screen (`AppState.reload`).
/// The load runs off the main thread so keys keep working.
struct Interactive {
    let folder: String
    let profilePath: String
    let color: Bool
    let mouse: Bool
    /// `lineup score --as NAME`: open the scoring screen alone, for this evaluator.
    var scoreAs: String? = nil

    /// How often the folder is checked, whatever the keys do.
    static let checkMilliseconds = 1000
    /// How long changed files must keep the same size and time before they are read.
    static let settleMilliseconds = 500

    /// Today's date from the clock, for export file names.
    static func today() -> TOMLDate {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return TOMLDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }

    static func milliseconds() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1000 + t.tv_nsec / 1_000_000
    }

    /// Runs until the user quits; returns false when no terminal could be opened.
    func run() -> Bool {
        AtomicFile.removeStaleTemporaries(in: folder)
        var stamps = SpecFolder.stamps(folder: folder, profilePath: profilePath)
        var contents = SpecFolder.load(folder: folder, profilePath: profilePath)
        guard let terminal = CursesTerminal(color: color, mouse: mouse) else { return false }
        defer { terminal.end() }
        // The evaluators' files too: one saved in another terminal is read like a spec.
        let watcher = FolderWatcher(folders: [
            folder, AtomicFile.directory(of: AtomicFile.absolute(profilePath)),
            SpecFolder.join(folder, SpecDecoder.evaluationsFolder),
        ])
        let (w, h) = terminal.size
        var state = AppState(
            vendorsFolder: folder, profilePath: profilePath, today: Self.today(), products: contents.products,
            profile: contents.profile, diagnostics: contents.diagnostics, history: HistoryFile.load(folder: folder),
            width: w, height: h)
        /// Reads the folder again now (after something the user asked for) and says so.
        func reloadNow() -> Action {
            stamps = SpecFolder.stamps(folder: folder, profilePath: profilePath)
            contents = SpecFolder.load(folder: folder, profilePath: profilePath)
            return .loaded(products: contents.products, profile: contents.profile, diagnostics: contents.diagnostics)
        }
        var lastDrawn: ScreenBuffer?
        var changed = true
        var nextCheck = Self.milliseconds() + Self.checkMilliseconds
        var unsettled: (stamps: [String: FileStamp], since: Int)?
        var dirty = false
        let background = BackgroundLoad()
        // The file work (saves, retire, restore, export, undo), in Platform.
        let workspace: SpecStore = Workspace(folder: folder, profilePath: profilePath)
        var loading = false
        var startActions: [Action] = scoreAs.map { [.startScoring(name: $0)] } ?? []
        loop: while true {
            // Render only after something happened; an idle poll draws nothing.
            if changed {
                let frame = render(state)
                if frame != lastDrawn {
                    terminal.draw(frame)
                    lastDrawn = frame
                }
            }
            var actions: [Action] = startActions
            startActions = []
            let now = Self.milliseconds()
            let wait = loading ? 50 : max(10, min(Self.checkMilliseconds, nextCheck - now))
            switch terminal.read(timeout: Int32(wait)) {
            case .key(let key): actions.append(.key(key))
            case .resize(let w, let h): actions.append(.resize(width: w, height: h))
            case .endOfInput, .quitSignal: break loop
            case .timeout: break
            }
            // On a clock, not only when no key came: a held key must not starve the reload.
            if Self.milliseconds() >= nextCheck && !loading {
                if watcher.drain() { dirty = true }
                if dirty || unsettled != nil || !watcher.isActive {
                    dirty = false
                    let current = SpecFolder.stamps(folder: folder, profilePath: profilePath)
                    let t = Self.milliseconds()
                    if current == stamps {
                        unsettled = nil
                    } else if let u = unsettled, u.stamps == current, t - u.since >= Self.settleMilliseconds,
                        SpecFolder.stillBeingWritten(current, before: stamps, now: time(nil)).isEmpty
                    {
                        unsettled = nil
                        loading = true
                        background.start(folder: folder, profilePath: profilePath)
                    } else if unsettled?.stamps != current {
                        unsettled = (current, t)
                    }
                }
                nextCheck =
                    Self.milliseconds() + (unsettled != nil ? Self.settleMilliseconds / 2 : Self.checkMilliseconds)
            }
            if loading, let (loaded, loadedStamps) = background.take() {
                loading = false
                contents = loaded
                stamps = loadedStamps
                actions.append(
                    .loaded(products: contents.products, profile: contents.profile, diagnostics: contents.diagnostics))
            }
            changed = !actions.isEmpty
            while !actions.isEmpty {
                let action = actions.removeFirst()
                for effect in state.apply(action) {
                    switch effect {
                    case .quit: break loop
                    case .reload:
                        actions.append(reloadNow())
                    case .export(let path, let csv, let overwrite):
                        let result = Self.action(
                            workspace.export(csv, to: path, overwrite: overwrite), count: state.rows.count)
                        // Each export remembers the ranking it produced, for the next run's movement markers.
                        actions.append(result)
                        if case .exported(let written, let count) = result, let ranking = state.ranking {
                            do {
                                try HistoryFile.save(ranking, folder: folder)
                            } catch {
                                // Warn and skip (a planted link, a read-only history): the export stands.
                                actions.append(
                                    .problem(
                                        "Exported \(count) product(s) to \(written); not remembered for movement markers: \(error.reason)"
                                    ))
                            }
                        }
                    case .undoSave:
                        let outcome = workspace.undoLastSave()
                        if case .done = outcome { actions.append(reloadNow()) }
                        actions.append(Self.action(outcome))
                    case .listRetired:
                        actions.append(
                            .retiredList(
                                workspace.retired().map {
                                    RetiredSpec(path: $0.path, name: $0.name, retiredOn: $0.retiredOn)
                                }))
                    case .readSpec(let path, let purpose):
                        switch SpecFolder.read(path) {
                        case .success(let (bytes, _)):
                            if let text = String(validating: bytes, as: UTF8.self) {
                                actions.append(.specRead(path: path, text: text, purpose: purpose))
                            } else {
                                actions.append(
                                    .problem("\(SafeText.escaped(path)) is not UTF-8 text; o opens it in your editor"))
                            }
                        case .failure(let d):
                            actions.append(.problem(d.description))
                        }
                    case .saveSpec(let path, let text, let expected):
                        let result = Self.action(workspace.saveSpec(text, to: path, expected: expected))
                        // Ranked first, then announced (and selected).
                        if case .specSaved = result { actions.append(reloadNow()) }
                        actions.append(result)
                    case .retire(let path):
                        let outcome = Self.action(workspace.retire(path))
                        actions.append(reloadNow())
                        actions.append(outcome)
                    case .restore(let retiredPath):
                        let outcome = Self.action(workspace.restore(retiredPath))
                        actions.append(reloadNow())
                        actions.append(outcome)
                    case .openEditor(let path):
                        terminal.suspend()
                        let outcome = Self.edit(path)
                        terminal.resume()
                        lastDrawn = nil
                        actions.append(reloadNow())
                        if let outcome { actions.append(.problem(outcome)) }
                    case .openScoring(let id, let name):
                        let path = SpecFolder.join(
                            SpecFolder.join(folder, SpecDecoder.evaluationsFolder), id + ".toml")
                        switch SpecFolder.read(path, within: folder) {
                        case .success(let (bytes, _)):
                            actions.append(
                                .scoringOpened(id: id, name: name, text: String(decoding: bytes, as: UTF8.self)))
                        case .failure(let d) where d.kind == .missing:
                            actions.append(.scoringOpened(id: id, name: name, text: nil))
                        case .failure(let d):
                            actions.append(.problem(d.description))
                        }
                    case .saveEvaluation(let path, let text, let expected, let who, let submitted, let changes):
                        let outcome = workspace.saveEvaluation(
                            text, to: path, expected: expected, who: who, submitted: submitted, changes: changes)
                        // Read back first, so the scoring screen then sees the committee as saved.
                        if case .evaluationSaved = outcome { actions.append(reloadNow()) }
                        actions.append(Self.action(outcome))
                    case .saveConsensus(let score, let who):
                        let outcome = Self.action(workspace.saveConsensus(score, who: who))
                        actions.append(reloadNow())
                        actions.append(outcome)
                    case .saveProfile(let path, let edits, let force):
                        // The check that it is as read and the write are one step in the workspace.
                        let result = Self.action(
                            workspace.saveProfile(edits, to: path, readAs: force ? nil : stamps[path]))
                        actions.append(result)
                        if case .profileSaved = result {
                            if force {
                                // The file holds someone else's edit too: read it all back.
                                actions.append(reloadNow())
                            } else {
                                // Only the profile's own stamp: other files' changes must still be noticed.
                                stamps[path] = SpecFolder.stamps(of: path)
                            }
                        }
                    }
                }
            }
        }
        return true
    }

    /// Runs $VISUAL, $EDITOR or vi on `path` and waits for it; nil when it ran, else why not.
    static func edit(_ path: String) -> String? {
        let chosen =
            [getenv("VISUAL"), getenv("EDITOR")].compactMap { $0.map { String(cString: $0) } }.first { !$0.isEmpty }
            ?? "vi"
        // "code -w" and the like: the editor's own words, then the file.
        let words = chosen.split(separator: " ").map(String.init) + [path]
        var cArgs = words.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, words[0], nil, nil, &cArgs, environ)
        guard rc == 0 else {
            return
                "Could not start the editor \(SafeText.escaped(words[0])): \(String(cString: strerror(rc))); set $EDITOR"
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return nil
    }

    /// The interface's action for what the workspace did.
    static func action(_ outcome: StoreOutcome, count: Int = 0) -> Action {
        switch outcome {
        case .specSaved(let path, let created): return .specSaved(path: path, created: created)
        case .profileSaved(let path): return .profileSaved(path: path)
        case .retired(let name, let retiredPath): return .retired(name: name, retiredPath: retiredPath)
        case .restored(let name): return .restored(name: name)
        case .exported(let path): return .exported(path: path, count: count)
        case .exists(let path): return .exportNeedsConfirmation(path: path)
        case .done(let message): return .done(message)
        case .problem(let message): return .problem(message)
        case .changedOnDisk(let path): return .profileChangedOnDisk(path: path)
        case .evaluationSaved(let path, let text, let submitted):
            return .evaluationSaved(path: path, text: text, submitted: submitted)
        }
    }
}

/// A folder load on another thread, so a reload of 10,000 files never freezes the keys.
final class BackgroundLoad: Sendable {
    private let result = Mutex<(FolderContents, [String: FileStamp])?>(nil)

    func start(folder: String, profilePath: String) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            // Stamps first: a file that changes during the load differs at the next check.
            let stamps = SpecFolder.stamps(folder: folder, profilePath: profilePath)
            let contents = SpecFolder.load(folder: folder, profilePath: profilePath)
            result.withLock { $0 = (contents, stamps) }
        }
    }

    /// The finished load, once.
    func take() -> (FolderContents, [String: FileStamp])? {
        result.withLock { value in
            defer { value = nil }
            return value
        }
    }
}

/// inotify on the watched folders: `drain` says whether anything happened since the last call.
/// Where inotify is not available, `isActive` is false and the caller polls.
final class FolderWatcher {
    private let fd: Int32
    let isActive: Bool
    private let folders: [String]
    /// Each folder's device and inode when it was watched: a folder replaced at its path
    /// (moved away and copied back, restored, a link re-pointed) is a new inode, which the
    /// old watch never hears of.
    private var identities: [String: [UInt64]] = [:]
    private static let mask = UInt32(
        IN_CREATE | IN_DELETE | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB
            | IN_DELETE_SELF | IN_MOVE_SELF)

    init(folders: [String]) {
        self.folders = Array(Set(folders))
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        var watching = false
        if fd >= 0 {
            for folder in self.folders where inotifyAddWatch(fd, folder, Self.mask) >= 0 { watching = true }
        }
        isActive = watching
        for folder in self.folders { identities[folder] = Self.identity(folder) }
    }

    deinit { if fd >= 0 { close(fd) } }

    static func identity(_ path: String) -> [UInt64]? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return [UInt64(st.st_dev), UInt64(st.st_ino)]
    }

    /// Watches again any folder that is no longer the one watched; true when one was.
    private func rewatchReplaced() -> Bool {
        var replaced = false
        for folder in folders {
            let now = Self.identity(folder)
            guard now != identities[folder] else { continue }
            identities[folder] = now
            if now != nil && fd >= 0 { inotifyAddWatch(fd, folder, Self.mask) }
            replaced = true
        }
        return replaced
    }

    func drain() -> Bool {
        // A replaced folder counts as a change, and is watched from now on.
        var any = rewatchReplaced()
        guard isActive else { return true }
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            any = true
        }
        return any
    }
}
