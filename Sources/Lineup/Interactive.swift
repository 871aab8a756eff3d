#if canImport(Glibc)
    import Glibc
#endif
import CursesTerminal
import Evaluation
import Platform
import TOML
import TerminalUI

/// The interactive session: the run loop that feeds keys and file changes to the state and
/// carries out its effects. The only place where the interface meets the world.
struct Interactive {
    let folder: String
    let profilePath: String
    let color: Bool

    /// Today's date from the clock, for export file names.
    static func today() -> TOMLDate {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return TOMLDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }

    /// Runs until the user quits; returns false when no terminal could be opened.
    func run() -> Bool {
        var contents = SpecFolder.load(folder: folder, profilePath: profilePath)
        var stamps = SpecFolder.stamps(folder: folder, profilePath: profilePath)
        guard let terminal = CursesTerminal(color: color) else { return false }
        defer { terminal.end() }
        let (w, h) = terminal.size
        var state = AppState(
            vendorsFolder: folder, profilePath: profilePath, today: Self.today(), products: contents.products,
            profile: contents.profile, diagnostics: contents.diagnostics, history: HistoryFile.load(folder: folder), width: w, height: h)
        var lastDrawn: ScreenBuffer?
        var changed = true
        loop: while true {
            // Render only after something happened; an idle poll draws nothing.
            if changed {
                let frame = render(state)
                if frame != lastDrawn {
                    terminal.draw(frame)
                    lastDrawn = frame
                }
            }
            var actions: [Action] = []
            switch terminal.read(timeout: 1000) {
            case .key(let key): actions.append(.key(key))
            case .resize(let w, let h): actions.append(.resize(width: w, height: h))
            case .endOfInput, .quitSignal: break loop
            case .timeout:
                // Notice new, changed and removed spec files without a key press.
                let now = SpecFolder.stamps(folder: folder, profilePath: profilePath)
                if now != stamps {
                    contents = SpecFolder.load(folder: folder, profilePath: profilePath)
                    stamps = SpecFolder.stamps(folder: folder, profilePath: profilePath)
                    actions.append(.loaded(products: contents.products, profile: contents.profile, diagnostics: contents.diagnostics))
                }
            }
            changed = !actions.isEmpty
            while !actions.isEmpty {
                let action = actions.removeFirst()
                for effect in state.apply(action) {
                    switch effect {
                    case .quit: break loop
                    case .reload:
                        contents = SpecFolder.load(folder: folder, profilePath: profilePath)
                        stamps = SpecFolder.stamps(folder: folder, profilePath: profilePath)
                        actions.append(.loaded(products: contents.products, profile: contents.profile, diagnostics: contents.diagnostics))
                    case .export(let path, let csv, let overwrite):
                        let result = Self.export(csv, to: path, overwrite: overwrite, count: state.rows.count)
                        // Each export remembers the ranking it produced, for the next run's movement markers.
                        if case .exported = result, let ranking = state.ranking { try? HistoryFile.save(ranking, folder: folder) }
                        actions.append(result)
                    case .saveProfile(let path, let edits):
                        let result = Self.save(edits, to: path)
                        actions.append(result)
                        if case .profileSaved = result { stamps = SpecFolder.stamps(folder: folder, profilePath: profilePath) }
                    }
                }
            }
        }
        return true
    }

    static func export(_ csv: String, to path: String, overwrite: Bool, count: Int) -> Action {
        var st = stat()
        if !overwrite && stat(path, &st) == 0 { return .exportNeedsConfirmation(path: path) }
        do {
            let written = try AtomicFile.write(Array(csv.utf8), to: path)
            return .exported(path: written, count: count)
        } catch {
            return .failed("Export failed: \(error)")
        }
    }

    /// Rewrites the profile's values in place (comments kept), checks the result reads back,
    /// then replaces the file atomically.
    static func save(_ edits: [ProfileEdit], to path: String) -> Action {
        switch SpecFolder.read(path) {
        case .failure(let d):
            return .failed("Not saved: \(d.description)")
        case .success(let (bytes, _)):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .failed("Not saved: \(path) is not UTF-8 text")
            }
            do {
                let updated = try ProfileEditor.apply(edits, to: text, file: path)
                let check = SpecDecoder.profile(Array(updated.utf8), file: path)
                guard check.value != nil else {
                    return .failed("Not saved: the updated profile would not load (\(check.diagnostics.first?.message ?? "unknown reason"))")
                }
                let written = try AtomicFile.write(Array(updated.utf8), to: path)
                return .profileSaved(path: written)
            } catch let error as WriteError {
                return .failed("Not saved: \(error)")
            } catch {
                return .failed("Not saved: \(error)")
            }
        }
    }
}
