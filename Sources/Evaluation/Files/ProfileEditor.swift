import TOML

/// One change to make in the profile file: the value at `path` (`weights.cost`,
/// `funding[1].amount`) becomes `literal`, written as TOML.
public struct ProfileEdit: Equatable, Sendable {
    public var path: String
    public var literal: String
    /// The key is taken out of the file (the product form's emptied field).
    public var removes = false
    /// For a list: the item to add at its end, as text (the other items and their comments
    /// kept as written); `literal` is the list written when the key is missing.
    public var appendedItem: String?

    public init(_ path: String, _ literal: String) {
        self.path = path
        self.literal = literal
    }

    /// Adds `item` to the end of the list at `path`; `whole` is the list written when the key
    /// is missing.
    public static func append(_ path: String, item: String, whole: String) -> ProfileEdit {
        var e = ProfileEdit(path, whole)
        e.appendedItem = item
        return e
    }

    /// A new `[[name]]` table at the end of the others of its name (or of the file), holding
    /// `lines` ("source = \"Town council\"", "amount = 2000").
    public static func appendTable(_ name: String, lines: [String]) -> ProfileEdit {
        var e = ProfileEdit(name, "")
        e.tableLines = lines
        return e
    }

    /// The `[[name]]` table at `index` taken out, with its lines and the blank line after it.
    public static func removeTable(_ name: String, index: Int) -> ProfileEdit {
        var e = ProfileEdit("\(name)[\(index)]", "")
        e.removes = true
        return e
    }

    /// For `appendTable`: the new table's lines.
    public var tableLines: [String]?

    /// Takes the key at `path` out of the file, with its value and the comment on its line.
    public static func remove(_ path: String) -> ProfileEdit {
        var e = ProfileEdit(path, "")
        e.removes = true
        return e
    }

    public init(_ path: String, number: Double) {
        self.init(path, Format.number(number, places: 6))
    }
}

/// Rewrites values in a profile's or a spec's text in place, so its comments and layout
/// survive. Pure: text in, text out. A value is replaced where the parser says it is (a value
/// over several lines, like a list of sources, as a whole); a missing key takes the place of
/// its commented-out line when the file has one (`# price = [800, 1000]  # dollars`, as
/// `lineup new` writes), else it is added to its table (or a new table at the end).
public enum ProfileEditor {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case cannotPlace(String)

        public var description: String {
            switch self {
            case .unreadable(let m): return "the profile cannot be read: \(m)"
            case .cannotPlace(let p): return "cannot find where to write \(p) in the profile"
            }
        }
    }

    public static func apply(_ edits: [ProfileEdit], to text: String, file: String) throws(Failure) -> String {
        var fileLines = LineText(text)
        for edit in edits {
            let root: TOMLTable
            do {
                root = try TOML.parse(fileLines.joined, file: file).root
            } catch {
                throw .unreadable(error.description)
            }
            let parts = components(edit.path)
            if let lines = edit.tableLines {
                appendTable(parts[0].0, lines, to: &fileLines)
                continue
            }
            if edit.removes, parts.count == 1, let index = parts[0].1 {
                guard removeTable(parts[0].0, index, from: &fileLines) else { throw .cannotPlace(edit.path) }
                continue
            }
            if let entry = locate(edit.path, in: root) {
                if edit.removes {
                    guard removeEntry(entry, from: &fileLines) else { throw .cannotPlace(edit.path) }
                } else if let item = edit.appendedItem {
                    // Never by writing the list again: its other items stay as they were written.
                    guard appendInPlace(item, to: entry, in: &fileLines) else { throw .cannotPlace(edit.path) }
                } else {
                    guard replaceValue(in: &fileLines, at: entry.node.position, with: edit.literal) else {
                        throw .cannotPlace(edit.path)
                    }
                }
            } else if !edit.removes {
                try insert(edit, into: &fileLines, root: root)
            }
        }
        return fileLines.joined
    }

    /// The header lines of the `[[name]]` tables, in order.
    static func tableHeaders(_ name: String, in lines: LineText) -> [Int] {
        let header = "[[" + name + "]]"
        return lines.lines.indices.filter { lines.lines[$0].trimmingLeadingSpaces.hasPrefix(header) }
    }

    /// The line after a table's last line: the next header, or the end, less the blank lines
    /// before it.
    static func tableEnd(after header: Int, in lines: LineText) -> Int {
        var end =
            lines.lines.indices.dropFirst(header + 1).first { lines.lines[$0].trimmingLeadingSpaces.hasPrefix("[") }
            ?? lines.count
        while end > header + 1 && code(lines.lines[end - 1]).isEmpty { end -= 1 }
        return end
    }

    static func appendTable(_ name: String, _ new: [String], to lines: inout LineText) {
        if let last = tableHeaders(name, in: lines).last {
            lines.insert([""] + ["[[\(name)]]"] + new, at: tableEnd(after: last, in: lines))
        } else {
            while lines.last?.isEmpty == true { lines.removeLast() }
            lines.insert(["", "[[\(name)]]"] + new + [""], at: lines.count)
        }
    }

    static func removeTable(_ name: String, _ index: Int, from lines: inout LineText) -> Bool {
        let headers = tableHeaders(name, in: lines)
        guard index < headers.count else { return false }
        let start = headers[index]
        var end = tableEnd(after: start, in: lines)
        // Its blank lines go with it, so the file keeps one blank line between tables.
        while end < lines.count && lines.lines[end].isEmpty { end += 1 }
        lines.remove(start...(end - 1))
        return true
    }

    /// A text as lines, each remembering its own ending ("\n" or "\r\n"), so a file saved from
    /// Windows keeps its CRLF endings. (In Swift "\r\n" is one Character, so splitting on
    /// "\n" alone would leave such a file as one line.)
    struct LineText {
        var lines: [String] = []
        var endings: [String] = []
        /// The ending for inserted lines: the file's own (CRLF when most lines use it).
        let newline: String

        /// The file began with a byte order mark: kept out of the first line (the parser's
        /// columns do not count it) and written back in front.
        var byteOrderMark = false

        init(_ text: String) {
            var text = Substring(text)
            if text.unicodeScalars.first == "\u{FEFF}" {
                byteOrderMark = true
                text = Substring(text.unicodeScalars.dropFirst())
            }
            var current = ""
            var crlf = 0
            for c in text {
                if c == "\n" || c == "\r\n" {
                    lines.append(current)
                    endings.append(String(c))
                    if c == "\r\n" { crlf += 1 }
                    current = ""
                } else {
                    current.append(c)
                }
            }
            lines.append(current)
            endings.append("")
            newline = crlf * 2 > endings.count - 1 ? "\r\n" : "\n"
        }

        var joined: String {
            var out = byteOrderMark ? "\u{FEFF}" : ""
            for (line, ending) in zip(lines, endings) { out += line + ending }
            return out
        }

        var count: Int { lines.count }
        var last: String? { lines.last }

        /// Inserts lines before `index`; each gets the file's newline.
        mutating func insert(_ new: [String], at index: Int) {
            var endingsToAdd = new.map { _ in newline }
            if index == lines.count {
                // After the last line, which has no ending: it gains one, the last new line has none.
                endings[lines.count - 1] = newline
                endingsToAdd[endingsToAdd.count - 1] = ""
            }
            lines.insert(contentsOf: new, at: index)
            endings.insert(contentsOf: endingsToAdd, at: index)
        }

        /// Replaces lines `range` with `new` (text that may hold newlines); the last new line
        /// keeps the ending of the range's last line.
        mutating func replace(_ range: ClosedRange<Int>, with new: String) {
            let parts = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let lastEnding = endings[range.upperBound]
            lines.replaceSubrange(range, with: parts)
            endings.replaceSubrange(range, with: parts.indices.map { $0 == parts.count - 1 ? lastEnding : newline })
        }

        mutating func remove(_ range: ClosedRange<Int>) {
            let lastEnding = endings[range.upperBound]
            lines.removeSubrange(range)
            endings.removeSubrange(range)
            // Removing the file's last lines: the line now last keeps no ending it did not have.
            if range.lowerBound == lines.count && !lines.isEmpty { endings[lines.count - 1] = lastEnding }
        }

        mutating func removeLast() {
            lines.removeLast()
            endings.removeLast()
            if !endings.isEmpty { endings[endings.count - 1] = "" }
        }
    }

    /// Splits `funding[1].amount` into ("funding", 1), ("amount", nil).
    static func components(_ path: String) -> [(String, Int?)] {
        path.split(separator: ".").map { part in
            if let open = part.firstIndex(of: "["), let close = part.firstIndex(of: "]"),
                let i = Int(part[part.index(after: open)..<close])
            {
                return (String(part[..<open]), i)
            }
            return (String(part), nil)
        }
    }

    static func locate(_ path: String, in root: TOMLTable) -> TOMLTable.Entry? {
        var table = root
        let parts = components(path)
        for (n, (key, index)) in parts.enumerated() {
            guard var entry = table.entry(key) else { return nil }
            var node = entry.node
            if let index {
                guard case .array(let items) = node.value, index < items.count else { return nil }
                node = items[index]
                entry = TOMLTable.Entry(key: key, keyPosition: items[index].position, node: node)
            }
            if n == parts.count - 1 { return entry }
            guard case .table(let t) = node.value else { return nil }
            table = t
        }
        return nil
    }

    /// Replaces the value that starts at `position` (a token, a string, or a list or inline
    /// table over several lines), leaving any comment after it. False (nothing changed) when
    /// the position is not in the text.
    static func replaceValue(in lines: inout LineText, at position: TOMLPosition, with literal: String) -> Bool {
        let row = position.line - 1
        guard lines.lines.indices.contains(row) else { return false }
        let start = position.column - 1
        let first = Array(lines.lines[row].unicodeScalars)
        guard start >= 0 && start <= first.count,
            let (endRow, endColumn) = valueEnd(lines.lines, row: row, column: start)
        else { return false }
        let last = Array(lines.lines[endRow].unicodeScalars)
        var out = String.UnicodeScalarView()
        out.append(contentsOf: first[..<start])
        out.append(contentsOf: literal.unicodeScalars)
        out.append(contentsOf: last[endColumn...])
        lines.replace(row...endRow, with: String(out))
        return true
    }

    /// Where the value starting at (`row`, `column`) ends: the row and the column just after
    /// it. Strings (with escapes, and the multi-line kinds), nested lists and inline tables,
    /// and comments inside lists are stepped over; nil when the text ends first.
    static func valueEnd(_ lines: [String], row startRow: Int, column: Int) -> (Int, Int)? {
        var row = startRow
        var s = Array(lines[row].unicodeScalars)
        var i = column
        var depth = 0
        func nextLine() -> Bool {
            row += 1
            guard row < lines.count else { return false }
            s = Array(lines[row].unicodeScalars)
            i = 0
            return true
        }
        while true {
            if i >= s.count {
                if depth == 0 { return (row, s.count) }
                guard nextLine() else { return nil }
                continue
            }
            let c = s[i]
            if c == "\"" || c == "'" {
                let triple = i + 2 < s.count && s[i + 1] == c && s[i + 2] == c
                i += triple ? 3 : 1
                // To the closing quote(s), across lines for a multi-line string.
                while true {
                    if i >= s.count {
                        guard triple, nextLine() else { return nil }
                        continue
                    }
                    if c == "\"" && s[i] == "\\" {
                        i += 2
                        continue
                    }
                    if s[i] == c && (!triple || (i + 2 < s.count && s[i + 1] == c && s[i + 2] == c)) {
                        i += triple ? 3 : 1
                        // A multi-line string may end in up to two more quotes of its own.
                        while triple && i < s.count && s[i] == c { i += 1 }
                        break
                    }
                    i += 1
                }
                if depth == 0 { return (row, i) }
                continue
            }
            if depth > 0 && c == "#" {
                i = s.count
                continue
            }
            if c == "[" || c == "{" {
                depth += 1
                i += 1
                continue
            }
            if c == "]" || c == "}" {
                if depth == 0 { return (row, i) }
                depth -= 1
                i += 1
                if depth == 0 { return (row, i) }
                continue
            }
            if depth == 0 && (c == " " || c == "\t" || c == "#" || c == ",") { return (row, i) }
            i += 1
        }
    }

    /// Adds `item` to a list as text, never writing the other items again: on a line of its own
    /// before the closing `]` of a list written over several lines; before the `]` of a list on
    /// one line; and a single value becomes a list of that value's own text and the item. False
    /// (nothing changed) when the value's text cannot be found.
    static func appendInPlace(_ item: String, to entry: TOMLTable.Entry, in lines: inout LineText) -> Bool {
        let startRow = entry.node.position.line - 1
        let startColumn = entry.node.position.column - 1
        guard lines.lines.indices.contains(startRow),
            let (endRow, endColumn) = valueEnd(lines.lines, row: startRow, column: startColumn)
        else { return false }
        guard case .array(let items) = entry.node.value else {
            // `sources = "a"` becomes `sources = ["a", item]`, the first text as it was written.
            guard endRow == startRow else { return false }
            let scalars = Array(lines.lines[startRow].unicodeScalars)
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[..<startColumn])
            out.append("[")
            out.append(contentsOf: scalars[startColumn..<endColumn])
            out.append(contentsOf: ", \(item)]".unicodeScalars)
            out.append(contentsOf: scalars[endColumn...])
            lines.lines[startRow] = String(out)
            return true
        }
        if endRow == startRow {
            // `[a, b]` becomes `[a, b, item]`; a trailing comma is kept as the only separator.
            let scalars = Array(lines.lines[startRow].unicodeScalars)
            guard endColumn >= 1, scalars[endColumn - 1] == "]" else { return false }
            var at = endColumn - 1
            while at > startColumn + 1 && (scalars[at - 1] == " " || scalars[at - 1] == "\t") { at -= 1 }
            let separator = items.isEmpty || scalars[at - 1] == "," ? (items.isEmpty ? "" : " ") : ", "
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[..<at])
            out.append(contentsOf: (separator + item).unicodeScalars)
            out.append(contentsOf: scalars[at...])
            lines.lines[startRow] = String(out)
            return true
        }
        let closing = Array(lines.lines[endRow].unicodeScalars)
        guard endColumn >= 1, closing[endColumn - 1] == "]",
            closing[..<(endColumn - 1)].allSatisfy({ $0 == " " || $0 == "\t" })
        else { return false }
        // The line of the last item must end in a comma (added when it does not).
        guard let last = (startRow..<endRow).reversed().first(where: { !code(lines.lines[$0]).isEmpty }) else {
            return false
        }
        let before = code(lines.lines[last])
        if !before.hasSuffix(",") && !before.hasSuffix("[") {
            var scalars = Array(lines.lines[last].unicodeScalars)
            let at = codeEnd(lines.lines[last])
            scalars.insert(",", at: at)
            lines.lines[last] = String(String.UnicodeScalarView(scalars))
        }
        lines.insert(["  " + item + ","], at: endRow)
        return true
    }

    /// A line without its comment and trailing spaces.
    static func code(_ line: String) -> String {
        String(String.UnicodeScalarView(Array(line.unicodeScalars)[..<codeEnd(line)])).trimmingLeadingSpaces.description
    }

    /// Where a line's code ends: before a comment (not a # inside a string) and trailing spaces.
    static func codeEnd(_ line: String) -> Int {
        let s = Array(line.unicodeScalars)
        var i = 0
        var quote: Unicode.Scalar?
        while i < s.count {
            let c = s[i]
            if let q = quote {
                if q == "\"" && c == "\\" { i += 1 } else if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" {
                break
            }
            i += 1
        }
        var end = min(i, s.count)
        while end > 0 && (s[end - 1] == " " || s[end - 1] == "\t") { end -= 1 }
        return end
    }

    /// Removes a `key = value` that has its lines to itself (a comment after it goes too).
    static func removeEntry(_ entry: TOMLTable.Entry, from lines: inout LineText) -> Bool {
        let row = entry.keyPosition.line - 1
        guard lines.lines.indices.contains(row),
            lines.lines[row].trimmingLeadingSpaces.unicodeScalars.count == lines.lines[row].unicodeScalars.count
                - (entry.keyPosition.column - 1),
            let (endRow, endColumn) = valueEnd(
                lines.lines, row: entry.node.position.line - 1, column: entry.node.position.column - 1)
        else { return false }
        let rest = String(String.UnicodeScalarView(Array(lines.lines[endRow].unicodeScalars)[endColumn...]))
            .trimmingLeadingSpaces
        guard rest.isEmpty || rest.hasPrefix("#") else { return false }
        lines.remove(row...endRow)
        return true
    }

    /// The line in `rows` that holds `key` commented out (`# key = value  # meaning`), and
    /// that line with the key given `literal`, its meaning kept in the same column.
    static func uncommented(_ key: String, _ literal: String, in lines: LineText, rows: Range<Int>) -> (Int, String)? {
        for row in rows {
            let line = lines.lines[row]
            var body = line.trimmingLeadingSpaces
            guard body.hasPrefix("#") else { continue }
            body = body.dropFirst()
            let indent = line.unicodeScalars.count - line.trimmingLeadingSpaces.unicodeScalars.count
            let afterHash = String(body)
            let spaces = afterHash.unicodeScalars.count - afterHash.trimmingLeadingSpaces.unicodeScalars.count
            let rest = afterHash.trimmingLeadingSpaces
            guard rest.hasPrefix(key), rest.dropFirst(key.count).first.map({ $0 == " " || $0 == "=" }) == true else {
                continue
            }
            let afterKey = String(rest.dropFirst(key.count)).trimmingLeadingSpaces
            guard afterKey.hasPrefix("=") else { continue }
            let valueText = String(afterKey.dropFirst()).trimmingLeadingSpaces
            // The old value's end, then the comment after it, at its column.
            let valueColumn = indent + 1 + spaces + (rest.unicodeScalars.count - valueText.unicodeScalars.count)
            var new = String(repeating: " ", count: indent) + key + " = " + literal
            if let (endRow, endColumn) = valueEnd([line], row: 0, column: valueColumn), endRow == 0 {
                let tail = Array(line.unicodeScalars)[endColumn...]
                let comment = String(String.UnicodeScalarView(tail)).trimmingLeadingSpaces
                if comment.hasPrefix("#") && !literal.contains("\n") {
                    let commentColumn = line.unicodeScalars.count - comment.unicodeScalars.count
                    new += String(repeating: " ", count: max(2, commentColumn - new.unicodeScalars.count)) + comment
                }
            }
            return (row, new)
        }
        return nil
    }

    static func insert(_ edit: ProfileEdit, into lines: inout LineText, root: TOMLTable) throws(Failure) {
        let parts = components(edit.path)
        // A key of the i-th [[table]]: after that table's last line (its blank lines stay after it).
        if parts.count == 2, let index = parts[0].1, parts[1].1 == nil {
            let header = "[[" + parts[0].0 + "]]"
            let headers = lines.lines.indices.filter { lines.lines[$0].trimmingLeadingSpaces.hasPrefix(header) }
            guard index < headers.count else { throw .cannotPlace(edit.path) }
            var end =
                lines.lines.indices.dropFirst(headers[index] + 1).first {
                    lines.lines[$0].trimmingLeadingSpaces.hasPrefix("[")
                } ?? lines.count
            while end > headers[index] + 1 && code(lines.lines[end - 1]).isEmpty { end -= 1 }
            lines.insert(["\(parts[1].0) = \(edit.literal)"], at: end)
            return
        }
        guard parts.allSatisfy({ $0.1 == nil }) else { throw .cannotPlace(edit.path) }
        let key = parts.last!.0
        if parts.count == 1 {
            // A top-level key goes before the first table header.
            var firstHeader = lines.lines.firstIndex { $0.trimmingLeadingSpaces.hasPrefix("[") } ?? lines.count
            // Before the blank lines that end the top-level keys (or the file), so the key joins them.
            while firstHeader > 0 && lines.lines[firstHeader - 1].isEmpty { firstHeader -= 1 }
            if let (row, line) = uncommented(key, edit.literal, in: lines, rows: 0..<firstHeader) {
                lines.replace(row...row, with: line)
            } else {
                lines.insert(
                    edit.literal.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
                        $0 == 0 ? "\(key) = \($1)" : String($1)
                    }, at: firstHeader)
            }
            return
        }
        guard parts.count == 2 else { throw .cannotPlace(edit.path) }
        let tableName = parts[0].0
        if let node = root[tableName], case .table(let t) = node.value {
            // In place of its commented-out line, else after the table's last entry (or its header line).
            let header = node.position.line
            let nextHeader =
                lines.lines.indices.dropFirst(header).first { lines.lines[$0].trimmingLeadingSpaces.hasPrefix("[") }
                ?? lines.count
            if let (row, line) = uncommented(key, edit.literal, in: lines, rows: header..<nextHeader) {
                lines.replace(row...row, with: line)
                return
            }
            var last = t.entries.map { max($0.keyPosition.line, $0.node.position.line) }.max() ?? header
            // A value over several lines ends below its first line.
            if let e = t.entries.last,
                let (endRow, _) = valueEnd(
                    lines.lines, row: e.node.position.line - 1, column: e.node.position.column - 1)
            {
                last = max(last, endRow + 1)
            }
            lines.insert(["\(key) = \(edit.literal)"], at: last)
        } else if root[tableName] == nil {
            while lines.last?.isEmpty == true { lines.removeLast() }
            lines.insert(["", "[\(tableName)]", "\(key) = \(edit.literal)", ""], at: lines.count)
        } else {
            throw .cannotPlace(edit.path)
        }
    }
}

extension String {
    var trimmingLeadingSpaces: Substring {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        return s
    }
}
