import TOML

/// Reads typed fields out of a parsed TOML table, collecting one diagnostic per problem
/// (with the field's line and column) instead of stopping at the first.
struct FieldReader {
    let file: String
    var diagnostics: [Diagnostic] = []
    var positions = FieldPositions()

    init(file: String) { self.file = file }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func fail(
        _ field: String, at position: TOMLPosition?, _ message: String, severity: Diagnostic.Severity = .error,
        kind: Diagnostic.Kind? = nil
    ) {
        diagnostics.append(
            Diagnostic(
                file: file, line: position?.line, column: position?.column, severity: severity, field: field,
                message: message, kind: kind))
    }

    static func path(_ prefix: String, _ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }

    /// How a found value reads in a message: `"cheap"`, `-5`, `a list`.
    static func found(_ value: TOMLValue) -> String {
        switch value {
        case .string(let s): return "\"" + SafeText.fitted(s, 40) + "\""
        case .integer(let i): return String(i)
        case .float(let d):
            return d.isNaN ? "nan (not a number)" : d.isInfinite ? (d > 0 ? "inf" : "-inf") : Format.literal(d)
        case .boolean(let b): return b ? "true" : "false"
        case .offsetDateTime(let d, let t, let offset):
            // The offset as written: Z, +05:30, -04:00.
            let sign = offset < 0 ? "-" : "+"
            let m = abs(offset)
            let zone =
                offset == 0
                ? "Z"
                : sign + (m / 60 < 10 ? "0" : "") + String(m / 60) + ":" + (m % 60 < 10 ? "0" : "") + String(m % 60)
            return d.text + "T" + t.text + zone
        case .localDateTime(let d, let t): return d.text + "T" + t.text
        case .localDate(let d): return d.text
        case .localTime(let t): return t.text
        case .array: return "a list"
        case .table: return "a table"
        }
    }

    /// Warns about keys the format does not know, suggesting the likely intended one.
    /// A text value at `key` of `table`.
    mutating func text(_ table: TOMLTable?, _ key: SpecKey, required: Bool = false) -> String? {
        text(table, key.key, prefix: key.section, required: required, maxLength: key.textLimit)
    }

    mutating func checkKeys(_ table: TOMLTable, prefix: String, allowed: [String]) {
        for entry in table.entries where !allowed.contains(entry.key) {
            let field = Self.path(prefix, entry.key)
            var message = "unknown key \(SafeText.fitted(field, 60)) is ignored"
            if let guess = Self.closest(entry.key, in: allowed) {
                message += "; did you mean \(Self.path(prefix, guess))?"
            }
            fail(field, at: entry.keyPosition, message, severity: .warning)
        }
    }

    static func closest(_ key: String, in candidates: [String]) -> String? {
        let k = key.lowercased()
        var best: (String, Int)?
        for c in candidates {
            let d = editDistance(Array(k), Array(c))
            let limit = max(1, min(3, c.count / 3))
            if d <= limit && d < (best?.1 ?? .max) { best = (c, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Optimal string alignment: insertions, deletions, substitutions and swaps of neighbours.
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    /// The sub-table `name`, or nil (with an error if `name` holds something else).
    /// The `[[key]]` tables of `root` (none when it is absent); anything else where a table
    /// belongs is named with what was found.
    mutating func tables(_ root: TOMLTable, _ key: String) -> [TOMLTable] {
        guard let node = root[key] else { return [] }
        let problem = "\(key) must be written as [[\(key)]] tables; found "
        guard case .array(let items) = node.value else {
            fail(key, at: node.position, problem + Self.found(node.value))
            return []
        }
        return items.compactMap { item in
            if case .table(let t) = item.value { return t }
            fail(key, at: item.position, problem + Self.found(item.value))
            return nil
        }
    }

    mutating func section(_ root: TOMLTable, _ name: String, prefix: String = "") -> TOMLTable? {
        guard let node = root[name] else { return nil }
        let field = Self.path(prefix, name)
        guard case .table(let t) = node.value else {
            fail(field, at: node.position, "\(field) must be a table ([\(field)]); found \(Self.found(node.value))")
            return nil
        }
        positions.add(prefix, name, node.position)
        return t
    }

    /// The node at `key` of `table`, its position kept (no field path is built unless a
    /// message needs it).
    mutating func node(_ table: TOMLTable?, _ key: String, prefix: String, required: Bool) -> TOMLNode? {
        guard let node = table?[key] else {
            if required {
                let field = Self.path(prefix, key)
                fail(field, at: nil, "\(field) is missing")
            }
            return nil
        }
        positions.add(prefix, key, node.position)
        return node
    }

    mutating func text(
        _ table: TOMLTable?, _ key: String, prefix: String = "", required: Bool = false, maxLength: Int = 2000
    ) -> String? {
        lazy var field = Self.path(prefix, key)
        guard let node = node(table, key, prefix: prefix, required: required) else { return nil }
        guard case .string(let s) = node.value else {
            fail(field, at: node.position, "\(field) must be text in quotes; found \(Self.found(node.value))")
            return nil
        }
        // Blank only if it is empty or starts with a space or a non-ASCII byte (trimming walks
        // the characters: only then).
        if required && (s.utf8.first.map { $0 <= 0x20 || $0 >= 0x80 } ?? true) && s.trimmingSpaces.isEmpty {
            fail(field, at: node.position, "\(field) must not be empty")
            return nil
        }
        // Counting characters walks the text: only when its bytes could exceed the limit.
        if s.utf8.count > maxLength && s.count > maxLength {
            fail(field, at: node.position, "\(field) is longer than \(maxLength) characters")
            return nil
        }
        return s
    }

    /// Sources: each a text, or `{ text = "...", date = 2015-01-15 }` when its date is known.
    mutating func sources(_ table: TOMLTable?, _ key: String) -> [SourceEntry] {
        guard let node = node(table, key, prefix: "", required: false) else { return [] }
        let items: [TOMLNode]
        switch node.value {
        case .string: items = [node]
        case .array(let list): items = list
        default:
            fail(
                key, at: node.position,
                "\(key) must be a list of text or of { text = \"...\", date = 2015-01-15 }; found \(Self.found(node.value))"
            )
            return []
        }
        var out: [SourceEntry] = []
        for item in items {
            switch item.value {
            case .string(let s):
                out.append(SourceEntry(text: s, date: nil, line: item.position.line, column: item.position.column))
            case .table(let t):
                checkKeys(t, prefix: key, allowed: ["text", "date"])
                if let text = text(t, "text", prefix: key, required: true, maxLength: 2000) {
                    out.append(
                        SourceEntry(
                            text: text, date: date(t, "date", prefix: key), line: item.position.line,
                            column: item.position.column))
                }
            default:
                fail(
                    key, at: item.position,
                    "\(key) must be a list of text or of { text = \"...\", date = 2015-01-15 }; found \(Self.found(item.value))"
                )
            }
        }
        return out
    }

    mutating func texts(_ table: TOMLTable?, _ key: String, prefix: String = "") -> [String] {
        lazy var field = Self.path(prefix, key)
        guard let node = node(table, key, prefix: prefix, required: false) else { return [] }
        if case .string(let s) = node.value { return [s] }
        guard case .array(let items) = node.value else {
            fail(
                field, at: node.position,
                "\(field) must be a list of text, like [\"https://...\"]; found \(Self.found(node.value))")
            return []
        }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item.value else {
                fail(field, at: item.position, "\(field) must be a list of text; found \(Self.found(item.value))")
                continue
            }
            out.append(s)
        }
        return out
    }

    /// A list of text (or one text), each with where it is, for messages about one item.
    mutating func textsWithPositions(_ table: TOMLTable?, _ key: String, prefix: String = "") -> [(
        String, TOMLPosition
    )] {
        lazy var field = Self.path(prefix, key)
        guard let node = node(table, key, prefix: prefix, required: false) else { return [] }
        if case .string(let s) = node.value { return [(s, node.position)] }
        guard case .array(let items) = node.value else {
            fail(
                field, at: node.position,
                "\(field) must be a list of text, like [\"cameras\", \"docks\"]; found \(Self.found(node.value))")
            return []
        }
        var out: [(String, TOMLPosition)] = []
        for item in items {
            guard case .string(let s) = item.value else {
                fail(field, at: item.position, "\(field) must be a list of text; found \(Self.found(item.value))")
                continue
            }
            out.append((s, item.position))
        }
        return out
    }

    mutating func bool(_ table: TOMLTable?, _ key: String, prefix: String = "") -> Bool? {
        lazy var field = Self.path(prefix, key)
        guard let node = node(table, key, prefix: prefix, required: false) else { return nil }
        guard case .boolean(let b) = node.value else {
            fail(field, at: node.position, "\(field) must be true or false; found \(Self.found(node.value))")
            return nil
        }
        return b
    }

    /// A finite number within `range`; `what` names its unit ("a number of dollars").
    mutating func number(
        _ table: TOMLTable?, _ key: String, prefix: String = "", what: String, range: ClosedRange<Double>,
        required: Bool = false
    ) -> Double? {
        lazy var field = Self.path(prefix, key)
        guard let node = node(table, key, prefix: prefix, required: required) else { return nil }
        return checkedNumber(node, field: field, what: what, range: range, rangeHint: "")
    }

    mutating func checkedNumber(
        _ node: TOMLNode, field: String, what: String, range: ClosedRange<Double>, rangeHint: String
    ) -> Double? {
        let value: Double
        switch node.value {
        case .integer(let i): value = Double(i)
        case .float(let d): value = d
        default:
            fail(field, at: node.position, "\(field) must be \(what)\(rangeHint); found \(Self.found(node.value))")
            return nil
        }
        guard value.isFinite else {
            fail(field, at: node.position, "\(field) must be \(what); found \(Self.found(node.value))")
            return nil
        }
        guard range.contains(value) else {
            let dollars = what.contains("dollars")
            let lo =
                dollars
                ? Format.dollars(range.lowerBound, cents: range.lowerBound < 1 && range.lowerBound > 0)
                : Format.number(range.lowerBound)
            let hi = dollars ? Format.dollars(range.upperBound) : Format.number(range.upperBound)
            fail(field, at: node.position, "\(field) must be between \(lo) and \(hi); found \(Self.found(node.value))")
            return nil
        }
        return value
    }

    mutating func integer(
        _ table: TOMLTable?, _ key: String, prefix: String = "", what: String, range: ClosedRange<Int>,
        required: Bool = false
    ) -> Int? {
        lazy var field = Self.path(prefix, key)
        guard let node = node(table, key, prefix: prefix, required: required) else { return nil }
        guard case .integer(let i) = node.value else {
            fail(field, at: node.position, "\(field) must be \(what) (a whole number); found \(Self.found(node.value))")
            return nil
        }
        guard i >= range.lowerBound && i <= range.upperBound else {
            fail(
                field, at: node.position,
                "\(field) must be between \(range.lowerBound) and \(range.upperBound); found \(i)")
            return nil
        }
        return Int(i)
    }

    /// A number or a two-element range `[low, high]`.
    mutating func estimate(
        _ table: TOMLTable?, _ key: String, prefix: String = "", what: String, example: String,
        range: ClosedRange<Double>
    ) -> Estimate? {
        lazy var field = Self.path(prefix, key)
        guard let node = node(table, key, prefix: prefix, required: false) else { return nil }
        let hint = " or a range like \(example)"
        if case .array(let items) = node.value {
            guard items.count == 2 else {
                fail(field, at: node.position, "\(field) must be \(what)\(hint); found a list of \(items.count)")
                return nil
            }
            guard let lo = checkedNumber(items[0], field: field, what: what, range: range, rangeHint: hint),
                let hi = checkedNumber(items[1], field: field, what: what, range: range, rangeHint: hint)
            else { return nil }
            guard lo <= hi else {
                fail(
                    field, at: node.position,
                    "\(field) range must be [low, high]; found [\(Format.number(lo)), \(Format.number(hi))]")
                return nil
            }
            return Estimate(low: lo, high: hi)
        }
        return checkedNumber(node, field: field, what: what, range: range, rangeHint: hint).map { Estimate($0) }
    }

    mutating func date(_ table: TOMLTable?, _ key: String, prefix: String = "", required: Bool = false) -> TOMLDate? {
        lazy var field = Self.path(prefix, key)
        guard let node = node(table, key, prefix: prefix, required: required) else { return nil }
        return checkedDate(node, field: field, hint: "")
    }

    func plausible(_ d: TOMLDate) -> Bool { (1990...2100).contains(d.year) }

    mutating func checkedDate(_ node: TOMLNode, field: String, hint: String) -> TOMLDate? {
        guard case .localDate(let d) = node.value else {
            fail(
                field, at: node.position,
                "\(field) must be a date like 2015-07-21 (no quotes)\(hint); found \(Self.found(node.value))")
            return nil
        }
        guard plausible(d) else {
            fail(field, at: node.position, "\(field) must be a date between 1990 and 2100; found \(d.text)")
            return nil
        }
        return d
    }

    /// A date or a range `[earliest, latest]`.
    mutating func dateEstimate(_ table: TOMLTable?, _ key: String, prefix: String = "") -> DateEstimate? {
        lazy var field = Self.path(prefix, key)
        guard let node = node(table, key, prefix: prefix, required: false) else { return nil }
        let hint = " or a range like [2015-07-21, 2015-08-21]"
        if case .array(let items) = node.value {
            guard items.count == 2 else {
                fail(field, at: node.position, "\(field) must be a date\(hint); found a list of \(items.count)")
                return nil
            }
            guard let a = checkedDate(items[0], field: field, hint: hint),
                let b = checkedDate(items[1], field: field, hint: hint)
            else {
                return nil
            }
            guard a.daysSinceEpoch <= b.daysSinceEpoch else {
                fail(
                    field, at: node.position, "\(field) range must be [earliest, latest]; found [\(a.text), \(b.text)]")
                return nil
            }
            return DateEstimate(earliest: a, latest: b)
        }
        return checkedDate(node, field: field, hint: hint).map { DateEstimate($0) }
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(
        _ table: TOMLTable?, _ key: String, prefix: String = "", required: Bool = false
    ) -> T?
    where T.RawValue == String {
        lazy var field = Self.path(prefix, key)
        guard let node = node(table, key, prefix: prefix, required: required) else { return nil }
        guard case .string(let s) = node.value, let value = T(rawValue: s) else {
            // The message's list of choices, built only for it.
            let options = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            fail(field, at: node.position, "\(field) must be one of \(options); found \(Self.found(node.value))")
            return nil
        }
        return value
    }
}

extension String {
    /// The string without leading and trailing white space.
    public var trimmingSpaces: Substring {
        var s = self[...]
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}

/// Where each field read from a file was written (`camera.price` -> line and column): kept in
/// the order read, with no hashing per field; looked up by path only for a message.
public struct FieldPositions: Equatable, Sendable {
    struct Entry: Equatable, Sendable {
        var prefix: String
        var key: String
        var position: TOMLPosition

        /// Whether `field` is this entry's path (`FieldReader.path`), compared without building it.
        func isPath(_ field: String) -> Bool {
            if prefix.isEmpty { return key == field }
            let (f, p, k) = (field.utf8, prefix.utf8, key.utf8)
            guard f.count == p.count + 1 + k.count, f.starts(with: p), f.suffix(k.count).elementsEqual(k) else {
                return false
            }
            return f[f.index(f.startIndex, offsetBy: p.count)] == UInt8(ascii: ".")
        }
    }

    var entries: [Entry] = []

    public init() {}

    mutating func add(_ prefix: String, _ key: String, _ position: TOMLPosition) {
        entries.append(Entry(prefix: prefix, key: key, position: position))
    }

    /// The position of `field` (`camera.price`, `quote_date`), the last read.
    public subscript(field: String) -> TOMLPosition? {
        entries.last { $0.isPath(field) }?.position
    }
}
