import Evaluation
import TOML

/// The product form (`a` add, `E` edit, `D` duplicate): labelled fields grouped as a spec file
/// is, each with its unit, its meaning under the form, and the value it will store. Typing
/// goes into the selected field; the file is written only on save, and only when every field
/// reads one way and the whole spec loads.
public struct FormState: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case add, edit, duplicate
    }

    public var purpose: Purpose
    /// The file edited, or the one duplicated; nil when adding.
    public var sourcePath: String?
    /// The text the edits apply to: the file, or the template for a new product.
    public var baseText: String
    public var root: TOMLTable
    /// What each field showed when the form opened.
    public var original: [String: String]
    public var inputs: [String: String]
    /// The selected field; `SpecForm.fields.count` is the Save row.
    public var cursor = 0
    public var scroll = 0
    /// Esc pressed with changes: the next y discards them.
    public var confirmingDiscard = false
    /// Where typing goes in the selected field, in characters from its start; nil: the end.
    public var caret: Int?
    /// A revised quote's original model: its name follows the quote date typed, until the
    /// user types a name of their own.
    public var revisedFrom: String?

    public init(purpose: Purpose, sourcePath: String?, text: String) throws(TOMLError) {
        self.purpose = purpose
        self.sourcePath = sourcePath
        baseText = text
        root = try TOML.parse(text, file: sourcePath ?? "new.toml").root
        original = SpecForm.inputs(from: root)
        inputs = original
    }

    public var field: SpecForm.Field? { SpecForm.fields.indices.contains(cursor) ? SpecForm.fields[cursor] : nil }
    public var changed: Bool { SpecForm.edits(inputs: inputs, original: original).isEmpty == false }

    /// The hosting the form holds now, when it reads as one (what an empty licence field costs
    /// depends on it).
    public var hosting: StorageModel? {
        guard let f = SpecForm.fields.first(where: { $0.path == SpecKey.storageModel.path }),
            case .value(let literal, _) = reading(f)
        else { return nil }
        return StorageModel(rawValue: String(literal.dropFirst().dropLast()))
    }

    /// Whether the field holds something other than what it showed when the form opened.
    public func isChanged(_ f: SpecForm.Field) -> Bool {
        SpecForm.trimmedText(inputs[f.path] ?? "") != SpecForm.trimmedText(original[f.path] ?? "")
    }

    public func reading(_ f: SpecForm.Field) -> SpecForm.Reading {
        SpecForm.read(inputs[f.path] ?? "", field: f, quoteDate: SpecForm.quoteDate(inputs))
    }

    /// The spec the form would write, or why it cannot be written yet (and which field).
    public func result() -> Result<(text: String, warnings: [Diagnostic]), FormProblem> {
        // Only what was typed is read the form's way; a field left as the file had it is the
        // decoder's to judge (a note over several lines, a long summary).
        for (i, f) in SpecForm.fields.enumerated() where isChanged(f) {
            if case .refused(let m) = reading(f) { return .failure(FormProblem(field: i, message: "\(f.label): \(m)")) }
        }
        for (i, f) in SpecForm.fields.enumerated() where f.path == "vendor" || f.path == "model" {
            if reading(f) == .empty { return .failure(FormProblem(field: i, message: "\(f.label) is required")) }
        }
        let text: String
        do {
            text = try ProfileEditor.apply(
                SpecForm.edits(inputs: inputs, original: original), to: baseText, file: "spec")
        } catch {
            return .failure(FormProblem(field: nil, message: "Cannot write the spec: \(error.description)"))
        }
        let loaded = SpecDecoder.product(Array(text.utf8), file: "spec", id: "spec")
        if let e = loaded.diagnostics.first(where: { $0.severity == .error }) {
            let i = SpecForm.fields.firstIndex { $0.path == e.field }
            return .failure(FormProblem(field: i, message: e.message))
        }
        return .success((text, loaded.diagnostics))
    }

    /// The new file's name in `folder` for an added or duplicated product.
    public func newFileName() -> String {
        SpecForm.fileName(
            vendor: SpecForm.trimmedText(inputs["vendor"] ?? ""), model: SpecForm.trimmedText(inputs["model"] ?? ""))
    }
}

public struct FormProblem: Error, Equatable, Sendable {
    /// The field to select, when the problem is one field's.
    public var field: Int?
    public var message: String
}

extension AppState {
    /// Opens the form; `text` is the spec to edit or duplicate, or nil to add a product.
    mutating func openForm(_ purpose: FormState.Purpose, path: String?, text: String?) {
        do {
            var base = text ?? SpecTemplate.text(vendor: "", model: "")
            if purpose == .duplicate {
                // A revised quote starts clean: the old prices, dates and notes (and their comments) go.
                base = (try? SpecForm.revisedQuote(base)) ?? base
            }
            var form = try FormState(purpose: purpose, sourcePath: path, text: base)
            if purpose == .duplicate {
                // A revised quote: the same product, a name that says what differs, its own file.
                let model = form.inputs["model"] ?? ""
                form.original["model"] = nil
                form.revisedFrom = model
                form.inputs["model"] = SpecForm.revisedModel(model, quoteDate: nil)
            }
            self.form = form
            screen = .form
            status =
                purpose == .add
                ? "Type the vendor's name; Enter goes to the next field"
                : "Change what the vendor told you; Ctrl-S saves"
        } catch {
            complain("Cannot open the form: \(SafeText.escaped(error.description)); o opens the file in your editor")
        }
    }

    /// A key in the form: typing fills the selected field; the table's form keys move and save.
    mutating func handleForm(_ key: Key) -> [Effect] {
        guard var form else { return [] }
        let count = SpecForm.fields.count
        status = ""
        if form.confirmingDiscard {
            form.confirmingDiscard = false
            if Commands.answer(for: key, to: .confirm) == .yes {
                status = "Not saved; the form's changes were discarded"
                return closeForm()
            }
            self.form = form
            status = "Still in the form; Ctrl-S saves"
            return []
        }
        var effects: [Effect] = []
        let field = form.cursor
        // A name typed by the user is theirs: a revised quote's name stops following the date.
        let typingModel = form.field?.path == SpecKey.model.path
        let modelBefore = form.inputs["model"]
        let text = form.field.map { form.inputs[$0.path] ?? "" } ?? ""
        let caret = min(form.caret ?? text.count, text.count)
        func setText(_ new: String, caret: Int) {
            guard let f = form.field else { return }
            form.inputs[f.path] = new
            form.caret = caret >= new.count ? nil : caret
        }
        switch Commands.command(for: key, on: .form)?.id {
        case .formLeft:
            form.caret = max(0, caret - 1)
        case .formRight:
            form.caret = caret + 1 >= text.count ? nil : caret + 1
        case .formHome:
            form.caret = 0
        case .formEnd:
            form.caret = nil
        case .formDeleteForward:
            if caret < text.count {
                var chars = Array(text)
                chars.remove(at: caret)
                setText(String(chars), caret: caret)
            }
        case .formNext:
            form.cursor = min(count, form.cursor + 1)
        case .formPrevious:
            form.cursor = max(0, form.cursor - 1)
        case .pageDown:
            form.cursor = min(count, form.cursor + max(1, formRows - 2))
        case .pageUp:
            form.cursor = max(0, form.cursor - max(1, formRows - 2))
        case .formEnter:
            if form.cursor == count {
                effects = saveForm(&form)
            } else {
                form.cursor = min(count, form.cursor + 1)
            }
        case .formSave:
            effects = saveForm(&form)
        case .formClear:
            setText("", caret: 0)
        case .formCancel:
            if !form.changed { return closeForm() }
            form.confirmingDiscard = true
        case .help:
            self.form = form
            return run(.help)
        case .formErase:
            if caret > 0 {
                var chars = Array(text)
                chars.remove(at: caret - 1)
                setText(String(chars), caret: caret - 1)
            }
        default:
            if case .character(let c) = key {
                if let f = form.field {
                    let limit: Int
                    if case .text(let maxLength, _) = f.kind { limit = maxLength } else { limit = 200 }
                    if text.count < limit {
                        var chars = Array(text)
                        chars.insert(c, at: caret)
                        setText(String(chars), caret: caret + 1)
                    } else {
                        status =
                            "\(f.label) holds at most \(Format.count(limit)) characters; \"\(SafeText.escaped(String(c)))\" was not typed"
                    }
                } else {
                    status = "On Save: Enter saves, ↑ goes back to the fields"
                }
            }
        }
        // A revised quote's name follows its quote date while it is the name Lineup gave it.
        if typingModel && form.inputs["model"] != modelBefore { form.revisedFrom = nil }
        if let from = form.revisedFrom {
            form.inputs["model"] = SpecForm.revisedModel(from, quoteDate: SpecForm.quoteDate(form.inputs))
        }
        // A new field: typing goes to its end.
        if form.cursor != field { form.caret = nil }
        keepFormCursorVisible(&form)
        self.form = form
        return effects
    }

    mutating func closeForm() -> [Effect] {
        form = nil
        screen = .ranking
        return []
    }

    mutating func saveForm(_ form: inout FormState) -> [Effect] {
        switch form.result() {
        case .failure(let problem):
            if let i = problem.field { form.cursor = i }
            keepFormCursorVisible(&form)
            status = "Not saved: " + SafeText.escaped(problem.message)
            return []
        case .success(let (text, _)):
            if form.purpose == .edit, let path = form.sourcePath {
                if !form.changed {
                    status = "Nothing to save: the form matches the file"
                    return []
                }
                return [.saveSpec(path: path, text: text, expected: form.baseText)]
            }
            return [.saveSpec(path: Paths.join(vendorsFolder, form.newFileName()), text: text, expected: nil)]
        }
    }

    /// Rows the form's field list has on screen.
    var formRows: Int { max(3, height - 8) }

    func formLines(_ form: FormState) -> [(field: Int?, group: String?)] {
        var lines: [(Int?, String?)] = []
        var group = ""
        for (i, f) in SpecForm.fields.enumerated() {
            if f.group != group {
                group = f.group
                lines.append((nil, group))
            }
            lines.append((i, nil))
        }
        lines.append((SpecForm.fields.count, nil))
        return lines
    }

    mutating func keepFormCursorVisible(_ form: inout FormState) {
        let lines = formLines(form)
        guard let row = lines.firstIndex(where: { $0.field == form.cursor }) else { return }
        // Keep the group's title in view with its first field.
        let top = row > 0 && lines[row - 1].group != nil ? row - 1 : row
        if top < form.scroll { form.scroll = top }
        if row >= form.scroll + formRows { form.scroll = row - formRows + 1 }
        form.scroll = max(0, min(form.scroll, max(0, lines.count - formRows)))
    }
}

enum Paths {
    static func fileName(_ path: String) -> String { String(path.split(separator: "/").last ?? Substring(path)) }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// A path in a status line: the file name first, whole, then its folder, so a narrow line
    /// cuts the folder ("lineup-ranking-2026-12-06.csv in /home/lt/…"), never the name.
    static func fileFirst(_ path: String) -> String {
        let name = SafeText.escaped(fileName(path))
        guard let slash = path.lastIndex(of: "/") else { return name }
        let folder = String(path[..<slash])
        return name + " in " + SafeText.escaped(folder.isEmpty ? "/" : folder)
    }
}

/// Draws the form: the fields, then the selected field's meaning and what it will store.
enum FormView {
    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        guard let form = state.form else { return }
        let w = state.width
        let what: String
        switch form.purpose {
        case .add: what = "New product: type what the vendor told you; leave unknowns empty"
        case .edit: what = "Editing \(Paths.fileName(form.sourcePath ?? "")): comments in the file are kept"
        case .duplicate: what = "Revised quote from \(Paths.fileName(form.sourcePath ?? "")), saved as a new file"
        }
        b.put(SafeText.fitted(what, w), x: 0, y: 1, limit: w, tone: .muted)
        let lines = state.formLines(form)
        let labelWidth = 19
        let boxWidth = max(12, min(34, w - labelWidth - 24))
        for row in 0..<state.formRows {
            let i = form.scroll + row
            guard i < lines.count else { break }
            let y = 2 + row
            if let group = lines[i].group {
                b.put(group, x: 0, y: y, limit: w, style: .bold)
                continue
            }
            guard let index = lines[i].field else { continue }
            let selected = index == form.cursor
            if index == SpecForm.fields.count {
                b.put(
                    (selected ? "> " : "  ") + "[ Save ]", x: 0, y: y, limit: w,
                    style: selected ? [.reverse, .bold] : .bold)
                continue
            }
            let f = SpecForm.fields[index]
            // A line break shows as ⏎, one character, so the caret keeps its place.
            let input = SafeText.escaped(String((form.inputs[f.path] ?? "").map { $0.isNewline ? "⏎" : $0 }))
            // The caret (▏) where typing goes; a long text shows the part around it, each cut
            // end marked with …
            let chars = Array(input)
            let at = selected ? min(form.caret ?? chars.count, chars.count) : chars.count
            let room = boxWidth - 1 - (selected ? 1 : 0)
            let (before, after) = AppState.window(before: chars[..<at], after: chars[at...], room: room)
            let box = SafeText.padded(before + (selected ? "▏" : "") + after, boxWidth)
            let label = (selected ? "> " : "  ") + SafeText.padded(f.label, labelWidth - 2)
            b.put(label, x: 0, y: y, limit: labelWidth, style: selected ? .reverse : [])
            b.put(box, x: labelWidth, y: y, limit: boxWidth, style: .underline)
            var note = f.unit
            switch form.reading(f) {
            case .refused: note = "✗ " + (f.unit.isEmpty ? "see below" : f.unit)
            case .value(_, let s) where s != SpecForm.trimmedText(input) && !s.isEmpty:
                note = (f.unit.isEmpty ? "" : f.unit + " ") + "→ " + s
            default: break
            }
            let x = labelWidth + boxWidth + 1
            if x < w {
                let refused: Bool
                if case .refused = form.reading(f) { refused = true } else { refused = false }
                b.put(
                    SafeText.fitted(SafeText.escaped(note), w - x), x: x, y: y, limit: w - x,
                    tone: refused ? .bad : .muted)
            }
        }
        // The selected field: what it means, and what it will store (or exactly what to type).
        let y = state.height - 5
        b.fill("─", x: 0, y: y - 1, count: w, tone: .muted)
        if let f = form.field {
            b.put(SafeText.fitted(f.meaning, w), x: 0, y: y, limit: w, tone: .muted)
            let line: String
            var tone = Tone.accent
            switch form.reading(f) {
            case .empty:
                line =
                    SpecForm.whenEmpty(
                        f, market: state.profile?.market, hosting: form.hosting)
            case .value(let literal, let s):
                let plain: Bool
                if case .text = f.kind { plain = true } else { plain = s == literal }
                line =
                    "Stores \(f.path.hasPrefix("sources+") ? "" : f.path + " = ")\(literal)" + (plain ? "" : "  (\(s))")
            case .refused(let m):
                line = "✗ " + m
                tone = .bad
            }
            for (i, part) in Draw.wrap(SafeText.escaped(line), width: w).prefix(2).enumerated() {
                b.put(SafeText.fitted(part, w), x: 0, y: y + 1 + i, limit: w, tone: tone)
            }
        } else {
            b.put(
                "Enter saves the spec; it is checked first and the ranking updates at once.", x: 0, y: y, limit: w,
                tone: .muted)
        }
    }
}

extension AppState {
    /// The part of a field's text around the caret that fits `room` columns: the text after
    /// the caret keeps at most a third of the room when the whole does not fit, the text before
    /// takes the rest; a cut end is marked with `…`. One pass over the characters (a pasted text
    /// of thousands of characters must not cost a redraw per character).
    static func window(before: ArraySlice<Character>, after: ArraySlice<Character>, room: Int) -> (String, String) {
        let widthBefore = before.reduce(0) { $0 + SafeText.width(of: $1) }
        let widthAfter = after.reduce(0) { $0 + SafeText.width(of: $1) }
        if widthBefore + widthAfter <= room { return (String(before), String(after)) }
        var shownAfter = String(after)
        var usedAfter = widthAfter
        if widthAfter > room / 3 {
            // The longest start of it that fits, with the … mark.
            let allowed = max(room / 3, room - widthBefore)
            var prefix = ""
            var used = 0
            for c in after {
                let w = SafeText.width(of: c)
                if used + w + 1 > allowed { break }
                prefix.append(c)
                used += w
            }
            shownAfter = prefix + "…"
            usedAfter = used + 1
        }
        if widthBefore + usedAfter <= room { return (String(before), shownAfter) }
        // The longest end of the text before the caret that fits, with the … mark.
        var suffix: [Character] = []
        var used = 0
        for c in before.reversed() {
            let w = SafeText.width(of: c)
            if 1 + used + w + usedAfter > room { break }
            suffix.append(c)
            used += w
        }
        return ("…" + String(suffix.reversed()), shownAfter)
    }
}
