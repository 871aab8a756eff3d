import TOML

/// One change to make in the profile file: the value at `path` (`weights.cost`,
/// `funding[1].amount`) becomes `literal`, written as TOML.
public struct ProfileEdit: Equatable, Sendable {
    public var path: String
    public var literal: String

    public init(_ path: String, _ literal: String) {
        self.path = path
        self.literal = literal
    }

    public init(_ path: String, number: Double) {
        self.init(path, Format.number(number, places: 6))
    }
}

/// Rewrites values in a profile's text in place, so its comments and layout survive. Pure:
/// text in, text out. A value is replaced where the parser says it is; a missing key is
/// added to its table (or a new table at the end).
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
        var lines = LineText(text)
        for edit in edits {
            let root: TOMLTable
            do {
                root = try TOML.parse(lines.joined, file: file).root
            } catch {
                throw .unreadable(error.description)
            }
            if let position = locate(edit.path, in: root) {
                guard replaceValue(in: &lines.lines, at: position, with: edit.literal) else { throw .cannotPlace(edit.path) }
            } else {
                try insert(edit, into: &lines, root: root)
            }
        }
        return lines.joined
    }

    /// A text as lines, each remembering its own ending ("\n" or "\r\n"), so a file saved from
    /// Windows keeps its CRLF endings. (In Swift "\r\n" is one Character, so splitting on
    /// "\n" alone would leave such a file as one line.)
    struct LineText {
        var lines: [String] = []
        var endings: [String] = []
        /// The ending for inserted lines: the file's own (CRLF when most lines use it).
        let newline: String

        init(_ text: String) {
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
            var out = ""
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

        mutating func removeLast() {
            lines.removeLast()
            endings.removeLast()
            if !endings.isEmpty { endings[endings.count - 1] = "" }
        }
    }

    /// Splits `funding[1].amount` into ("funding", 1), ("amount", nil).
    static func components(_ path: String) -> [(String, Int?)] {
        path.split(separator: ".").map { part in
            if let open = part.firstIndex(of: "["), let close = part.firstIndex(of: "]"), let i = Int(part[part.index(after: open)..<close]) {
                return (String(part[..<open]), i)
            }
            return (String(part), nil)
        }
    }

    static func locate(_ path: String, in root: TOMLTable) -> TOMLPosition? {
        var table = root
        let parts = components(path)
        for (n, (key, index)) in parts.enumerated() {
            guard var node = table[key] else { return nil }
            if let index {
                guard case .array(let items) = node.value, index < items.count else { return nil }
                node = items[index]
            }
            if n == parts.count - 1 { return node.position }
            guard case .table(let t) = node.value else { return nil }
            table = t
        }
        return nil
    }

    /// Replaces the value token that starts at `position`, leaving any comment after it.
    /// False (nothing changed) when the position is not in the text.
    static func replaceValue(in lines: inout [String], at position: TOMLPosition, with literal: String) -> Bool {
        let row = position.line - 1
        guard lines.indices.contains(row) else { return false }
        let scalars = Array(lines[row].unicodeScalars)
        let start = position.column - 1
        guard start >= 0 && start <= scalars.count else { return false }
        var end = start
        if end < scalars.count && (scalars[end] == "\"" || scalars[end] == "'") {
            let quote = scalars[end]
            end += 1
            while end < scalars.count && scalars[end] != quote {
                if scalars[end] == "\\" && quote == "\"" { end += 1 }
                end += 1
            }
            end = min(end + 1, scalars.count)
        } else {
            while end < scalars.count && !" \t#,]}".unicodeScalars.contains(scalars[end]) { end += 1 }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[..<start])
        out.append(contentsOf: literal.unicodeScalars)
        out.append(contentsOf: scalars[end...])
        lines[row] = String(out)
        return true
    }

    static func insert(_ edit: ProfileEdit, into lines: inout LineText, root: TOMLTable) throws(Failure) {
        let parts = components(edit.path)
        guard parts.allSatisfy({ $0.1 == nil }) else { throw .cannotPlace(edit.path) }
        let key = parts.last!.0
        if parts.count == 1 {
            // A top-level key goes before the first table header.
            let firstHeader = lines.lines.firstIndex { $0.trimmingLeadingSpaces.hasPrefix("[") } ?? lines.count
            lines.insert(["\(key) = \(edit.literal)"], at: firstHeader)
            return
        }
        guard parts.count == 2 else { throw .cannotPlace(edit.path) }
        let tableName = parts[0].0
        if let node = root[tableName], case .table(let t) = node.value {
            // After the table's last entry (or its header line).
            let last = t.entries.map { max($0.keyPosition.line, $0.node.position.line) }.max() ?? node.position.line
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
