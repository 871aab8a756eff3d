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
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for edit in edits {
            let root: TOMLTable
            do {
                root = try TOML.parse(lines.joined(separator: "\n"), file: file).root
            } catch {
                throw .unreadable(error.description)
            }
            if let position = locate(edit.path, in: root) {
                replaceValue(in: &lines, at: position, with: edit.literal)
            } else {
                try insert(edit, into: &lines, root: root)
            }
        }
        return lines.joined(separator: "\n")
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
    static func replaceValue(in lines: inout [String], at position: TOMLPosition, with literal: String) {
        let row = position.line - 1
        let scalars = Array(lines[row].unicodeScalars)
        let start = position.column - 1
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
    }

    static func insert(_ edit: ProfileEdit, into lines: inout [String], root: TOMLTable) throws(Failure) {
        let parts = components(edit.path)
        guard parts.allSatisfy({ $0.1 == nil }) else { throw .cannotPlace(edit.path) }
        let key = parts.last!.0
        if parts.count == 1 {
            // A top-level key goes before the first table header.
            let firstHeader = lines.firstIndex { $0.trimmingLeadingSpaces.hasPrefix("[") } ?? lines.count
            lines.insert("\(key) = \(edit.literal)", at: firstHeader)
            return
        }
        guard parts.count == 2 else { throw .cannotPlace(edit.path) }
        let tableName = parts[0].0
        if let node = root[tableName], case .table(let t) = node.value {
            // After the table's last entry (or its header line).
            let last = t.entries.map { max($0.keyPosition.line, $0.node.position.line) }.max() ?? node.position.line
            lines.insert("\(key) = \(edit.literal)", at: last)
        } else if root[tableName] == nil {
            while lines.last?.isEmpty == true { lines.removeLast() }
            lines += ["", "[\(tableName)]", "\(key) = \(edit.literal)", ""]
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
