/// Entry points: TOML 1.0 text in, a document whose every key and value knows its position out.
public enum TOML {
    /// The deepest nesting of tables and arrays accepted. Deeper documents are valid TOML but
    /// are refused with a message, so that no input can exhaust the stack.
    public static let maximumDepth = 200

    /// Parses `bytes` (UTF-8, an optional BOM) as TOML 1.0.
    public static func parse(_ bytes: [UInt8], file: String = "<input>") throws(TOMLError) -> TOMLDocument {
        try checkEncoding(bytes, file: file)
        var parser = Parser(bytes: bytes, file: file)
        let root = try parser.parseDocument()
        return TOMLDocument(file: file, root: root)
    }

    /// Parses a Swift string as TOML 1.0.
    public static func parse(_ text: String, file: String = "<input>") throws(TOMLError) -> TOMLDocument {
        try parse(Array(text.utf8), file: file)
    }

    /// Rejects UTF-16 and invalid UTF-8 with messages of their own, before any parsing.
    static func checkEncoding(_ bytes: [UInt8], file: String) throws(TOMLError) {
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
            || (bytes.count >= 4
                && (bytes[1] == 0 && bytes[3] == 0 && bytes[0] != 0 || bytes[0] == 0 && bytes[2] == 0 && bytes[1] != 0))
        {
            throw TOMLError(file: file, line: 1, column: 1, message: "the file is saved as UTF-16; save it as UTF-8")
        }
        if let bad = UTF8Check.firstInvalidByte(in: bytes) {
            var line = 1
            var lineStart = 0
            for i in 0..<bad where bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            var column = 1
            for i in lineStart..<bad where bytes[i] & 0xC0 != 0x80 { column += 1 }
            throw TOMLError(
                file: file, line: line, column: column,
                message: "invalid UTF-8 at byte offset \(bad); save the file as UTF-8")
        }
    }
}

/// A table under construction, with what the redefinition rules need to know about it.
/// Plain values are stored as the finished table's entries; only sub-tables and arrays of
/// tables (still open to additions) are kept aside and put in place by `build()`.
private final class TableBuilder {
    enum Slot {
        case value(TOMLNode)
        case table(TableBuilder)
        case arrayOfTables(TableList)
    }
    enum Origin {
        /// Created on the way to a header's last key (`a` in `[a.b]`); a later `[a]` may define it.
        case implicit
        /// Defined by its own `[header]` or `[[header]]` element.
        case header
        /// Created by a dotted key (`a.b = 1`).
        case dotted
    }

    /// The finished entries; those of sub-tables hold a placeholder until `build()`.
    @exclusivity(unchecked) var entries: [TOMLTable.Entry] = []
    /// Sub-tables and arrays of tables, by their index in `entries` (empty for most tables).
    @exclusivity(unchecked) var children: [(index: Int, slot: Slot)] = []
    /// Built only once a table grows large; small tables are searched in order.
    @exclusivity(unchecked) var index: [String: Int]?
    /// Entry index -> position in `children`, built once a table has many sub-tables (a
    /// document of 80,000 `[productN]` tables made a linear search here quadratic).
    @exclusivity(unchecked) var childPositions: [Int: Int]?
    static let childIndexThreshold = 8
    var origin: Origin
    let position: TOMLPosition
    let depth: Int

    init(origin: Origin, position: TOMLPosition, depth: Int) {
        self.origin = origin
        self.position = position
        self.depth = depth
    }

    func find(_ key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    subscript(key: String) -> Slot? {
        guard let i = find(key) else { return nil }
        if let childPositions {
            if let c = childPositions[i] { return children[c].slot }
        } else {
            for child in children where child.index == i { return child.slot }
        }
        return .value(entries[i].node)
    }

    private static let placeholder = TOMLNode(.boolean(false), at: TOMLPosition(line: 0, column: 0))

    /// Adds a key the caller has checked is new.
    func add(_ key: String, at position: TOMLPosition, _ slot: Slot) {
        // Most tables hold a handful of keys: one allocation instead of four growths.
        if entries.isEmpty { entries.reserveCapacity(8) }
        switch slot {
        case .value(let node):
            entries.append(TOMLTable.Entry(key: key, keyPosition: position, node: node))
        case .table, .arrayOfTables:
            children.append((entries.count, slot))
            if childPositions != nil {
                childPositions![entries.count] = children.count - 1
            } else if children.count > Self.childIndexThreshold {
                childPositions = Dictionary(uniqueKeysWithValues: children.enumerated().map { ($1.index, $0) })
            }
            entries.append(TOMLTable.Entry(key: key, keyPosition: position, node: Self.placeholder))
        }
        if index != nil {
            index![key] = entries.count - 1
        } else if entries.count > TOMLTable.indexThreshold {
            index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.key, $0) })
        }
    }

    /// The immutable table. Recursion depth is bounded by `depth`.
    func build() -> TOMLTable {
        var finished = entries
        entries = []
        for child in children {
            switch child.slot {
            case .value: break
            case .table(let t): finished[child.index].node = TOMLNode(.table(t.build()), at: t.position)
            case .arrayOfTables(let list):
                finished[child.index].node = TOMLNode(
                    .array(list.tables.map { TOMLNode(.table($0.build()), at: $0.position) }), at: list.position)
            }
        }
        return TOMLTable(entries: finished, index: index)
    }
}

/// The elements of an array of tables, shared by reference so appending stays O(1).
private final class TableList {
    var tables: [TableBuilder]
    let position: TOMLPosition

    init(_ first: TableBuilder, at position: TOMLPosition) {
        tables = [first]
        self.position = position
    }
}

/// A possibly dotted key. The first part is stored inline, so the common one-part key
/// allocates nothing.
private struct Key {
    var first: String
    var firstPosition: TOMLPosition
    var rest: [(String, TOMLPosition)] = []

    var count: Int { 1 + rest.count }
    func part(_ i: Int) -> String { i == 0 ? first : rest[i - 1].0 }
    func position(_ i: Int) -> TOMLPosition { i == 0 ? firstPosition : rest[i - 1].1 }
}

/// A byte a bare key may hold: A-Z a-z 0-9 _ -. Comparisons, not a global table (a global is
/// initialised lazily, and every read of it checked that: 1.7% of `validate`).
@inline(__always)
private func isBareKeyByte(_ b: UInt8) -> Bool {
    let lower = b | 0x20  // A-Z to a-z; nothing else lands in a-z
    return (lower >= 0x61 && lower <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
}

private struct Parser {
    let bytes: [UInt8]
    let file: String
    var pos = 0
    var line = 1
    var lineStart = 0
    var depth = 0
    /// The last column computed on the current line, so positions on long lines stay linear.
    var columnCache = (offset: 0, column: 1)

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            pos = 3
            lineStart = 3
        }
    }

    // MARK: - Positions and errors

    @inline(__always) var atEnd: Bool { pos >= bytes.count }
    @inline(__always) var current: UInt8 { pos < bytes.count ? bytes[pos] : 0 }
    @inline(__always) func peek(_ offset: Int) -> UInt8 {
        pos + offset < bytes.count ? bytes[pos + offset] : 0
    }

    func position(at offset: Int) -> TOMLPosition {
        var column = 1
        var i = lineStart
        if columnCache.offset >= lineStart && columnCache.offset <= offset {
            i = columnCache.offset
            column = columnCache.column
        }
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return TOMLPosition(line: line, column: column)
    }

    var here: TOMLPosition {
        mutating get {
            let p = position(at: pos)
            columnCache = (pos, p.column)
            return p
        }
    }

    func error(_ message: String, at offset: Int? = nil) -> TOMLError {
        let p = position(at: min(offset ?? pos, bytes.count))
        return TOMLError(file: file, line: p.line, column: p.column, message: message)
    }

    func error(_ message: String, at position: TOMLPosition) -> TOMLError {
        TOMLError(file: file, line: position.line, column: position.column, message: message)
    }

    /// Describes the byte at `pos` for a message: `"x"`, `a line break`, `U+0007`.
    static let loneCarriageReturn =
        "a carriage return (CR) with no line feed after it: the file has old Mac line endings; save it with LF or CRLF line endings"

    func describeCurrent() -> String {
        if atEnd { return "the end of the file" }
        let b = current
        if b == 0x0A || (b == 0x0D && peek(1) == 0x0A) { return "the end of the line" }
        if b == 0x0D { return Self.loneCarriageReturn }
        if b < 0x20 || b == 0x7F { return "the control character " + unicodeName(UInt32(b)) }
        if b < 0x80 { return "\"" + String(UnicodeScalar(b)) + "\"" }
        let len = UTF8Check.sequenceLength(b)
        let end = min(pos + len, bytes.count)
        let text = String(decoding: bytes[pos..<end], as: UTF8.self)
        if let scalar = text.unicodeScalars.first, Parser.isInvisible(scalar) {
            return "the invisible character " + unicodeName(scalar.value)
        }
        return "\"" + text + "\""
    }

    /// Characters that print as nothing or reorder text: named by code point in messages.
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x80...0x9F, 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF:
            return true
        default: return false
        }
    }

    func unicodeName(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    // MARK: - Whitespace, comments, newlines

    mutating func skipWhitespace() {
        while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x09 { pos += 1 }
    }

    mutating func consumeNewline() -> Bool {
        if current == 0x0A {
            pos += 1
        } else if current == 0x0D && peek(1) == 0x0A {
            pos += 2
        } else {
            return false
        }
        line += 1
        lineStart = pos
        return true
    }

    /// Skips a comment if one starts here, checking it holds no forbidden control character.
    mutating func skipComment() throws(TOMLError) {
        guard current == 0x23 else { return }
        pos += 1
        while pos < bytes.count {
            let b = bytes[pos]
            if b == 0x0A || (b == 0x0D && peek(1) == 0x0A) { return }
            if (b < 0x20 && b != 0x09) || b == 0x7F {
                throw error("comments may not hold " + describeCurrent())
            }
            pos += 1
        }
    }

    /// After a value or header: spaces, an optional comment, then a line end or the end of file.
    mutating func expectLineEnd(after what: String) throws(TOMLError) {
        skipWhitespace()
        try skipComment()
        if atEnd || consumeNewline() { return }
        throw error("expected the end of the line after \(what), found \(describeCurrent())")
    }

    /// Spaces, comments and line breaks, as allowed between array elements.
    mutating func skipWhitespaceCommentsAndNewlines() throws(TOMLError) {
        while true {
            skipWhitespace()
            try skipComment()
            if !consumeNewline() { return }
        }
    }

    // MARK: - Document

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        let root = TableBuilder(origin: .header, position: TOMLPosition(line: 1, column: 1), depth: 0)
        var currentTable = root
        // The current header's key, named in messages only when something goes wrong.
        var header: Key?
        while true {
            skipWhitespace()
            try skipComment()
            if atEnd { break }
            if consumeNewline() { continue }
            let b = current
            if b == 0x5B {  // [
                currentTable = try parseHeader(root: root, name: &header)
            } else if b == 0x0D {
                throw error("found " + Self.loneCarriageReturn)
            } else {
                do {
                    try parseKeyValue(into: currentTable)
                } catch {
                    var e = error
                    if let key = e.key, let header { e.key = dottedName(header, upTo: header.count - 1) + "." + key }
                    throw e
                }
                try expectLineEnd(after: "the value")
            }
        }
        return root.build()
    }

    // MARK: - Headers

    mutating func parseHeader(root: TableBuilder, name header: inout Key?) throws(TOMLError) -> TableBuilder {
        let start = pos
        let isArray = peek(1) == 0x5B
        pos += isArray ? 2 : 1
        skipWhitespace()
        let key = try parseKey()
        skipWhitespace()
        if isArray {
            guard current == 0x5D && peek(1) == 0x5D else {
                throw error("the array-of-tables header is missing its closing ]]", at: pos)
            }
            pos += 2
        } else {
            guard current == 0x5D else {
                if current == 0x3D {
                    throw error("a table header cannot hold a value; write the [header] on its own line")
                }
                throw error("the table header is missing its closing ]", at: pos)
            }
            pos += 1
        }
        let headerPosition = position(at: start)
        try expectLineEnd(after: "the table header")
        header = key

        // Walk to the parent of the last key.
        var table = root
        for i in 0..<(key.count - 1) {
            table = try descend(table, key.part(i), at: key.position(i), name: key, upTo: i, creating: .implicit)
        }
        let last = key.part(key.count - 1)
        let lastPosition = key.position(key.count - 1)
        var name: String { dottedName(key, upTo: key.count - 1) }
        if isArray {
            switch table[last] {
            case nil:
                let t = try newTable(.header, at: headerPosition, under: table)
                table.add(last, at: lastPosition, .arrayOfTables(TableList(t, at: headerPosition)))
                return t
            case .arrayOfTables(let list)?:
                let t = try newTable(.header, at: headerPosition, under: table)
                list.tables.append(t)
                return t
            case .table?:
                throw error("[[\(name)]] cannot add to \(name), which is already a table", at: headerPosition)
            case .value?:
                throw error(
                    "[[\(name)]] cannot add to \(name), which is already a value that is not an array of tables",
                    at: headerPosition)
            }
        } else {
            switch table[last] {
            case nil:
                let t = try newTable(.header, at: headerPosition, under: table)
                table.add(last, at: lastPosition, .table(t))
                return t
            case .table(let t)?:
                switch t.origin {
                case .implicit:
                    t.origin = .header
                    return t
                case .header:
                    throw error(
                        "table [\(name)] is defined twice (first at line \(t.position.line))", at: headerPosition)
                case .dotted:
                    throw error(
                        "table [\(name)] was already defined by dotted keys at line \(t.position.line)",
                        at: headerPosition)
                }
            case .arrayOfTables?:
                throw error(
                    "[\(name)] is already an array of tables; use [[\(name)]] to add an element", at: headerPosition)
            case .value(let v)?:
                throw error("[\(name)] is already defined as a value at line \(v.position.line)", at: headerPosition)
            }
        }
    }

    func newTable(_ origin: TableBuilder.Origin, at position: TOMLPosition, under parent: TableBuilder)
        throws(TOMLError) -> TableBuilder
    {
        if parent.depth + 1 > TOML.maximumDepth {
            throw error("tables are nested more than \(TOML.maximumDepth) levels deep", at: position)
        }
        return TableBuilder(origin: origin, position: position, depth: parent.depth + 1)
    }

    func dottedName(_ key: Key, upTo last: Int) -> String {
        (0...last).map { key.part($0) }.map { part in
            part.utf8.allSatisfy(isBareKeyByte) && !part.isEmpty ? part : "\"" + part + "\""
        }.joined(separator: ".")
    }

    /// One step down a header path or dotted key: finds or creates the table `part` in `table`.
    func descend(
        _ table: TableBuilder, _ part: String, at position: TOMLPosition, name: Key, upTo i: Int,
        creating origin: TableBuilder.Origin
    ) throws(TOMLError) -> TableBuilder {
        switch table[part] {
        case nil:
            let t = try newTable(origin, at: position, under: table)
            table.add(part, at: position, .table(t))
            return t
        case .table(let t)?:
            if origin == .dotted && t.origin == .header {
                throw error(
                    "\(dottedName(name, upTo: i)) is a table defined at line \(t.position.line); dotted keys cannot add to it",
                    at: position)
            }
            return t
        case .arrayOfTables(let list)?:
            if origin == .dotted {
                throw error(
                    "\(dottedName(name, upTo: i)) is an array of tables; dotted keys cannot add to it", at: position)
            }
            return list.tables[list.tables.count - 1]
        case .value(let v)?:
            if case .table = v.value {
                throw error("\(dottedName(name, upTo: i)) is an inline table, which cannot be extended", at: position)
            }
            throw error(
                "\(dottedName(name, upTo: i)) is already a value (line \(v.position.line)), not a table", at: position)
        }
    }

    // MARK: - Keys

    mutating func parseKey() throws(TOMLError) -> Key {
        let firstPosition = here
        var key = Key(first: try parseSimpleKey(), firstPosition: firstPosition)
        while true {
            skipWhitespace()
            if current != 0x2E { break }  // .
            pos += 1
            skipWhitespace()
            let p = here
            key.rest.append((try parseSimpleKey(), p))
            if key.count > TOML.maximumDepth {
                throw error("a key has more than \(TOML.maximumDepth) parts", at: key.firstPosition)
            }
        }
        return key
    }

    mutating func parseSimpleKey() throws(TOMLError) -> String {
        let b = current
        if b == 0x22 {
            if peek(1) == 0x22 && peek(2) == 0x22 { throw error("a key cannot be a multi-line string") }
            return try parseBasicString()
        }
        if b == 0x27 {
            if peek(1) == 0x27 && peek(2) == 0x27 { throw error("a key cannot be a multi-line string") }
            return try parseLiteralString()
        }
        let start = pos
        while pos < bytes.count && isBareKeyByte(bytes[pos]) { pos += 1 }
        if pos == start {
            if let hint = curlyQuoteHint() { throw error(hint) }
            throw error("expected a key, found \(describeCurrent())")
        }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    /// A hint when the text at `pos` is a typographic quote pasted from a word processor.
    func curlyQuoteHint() -> String? {
        guard current == 0xE2 && peek(1) == 0x80 else { return nil }
        switch peek(2) {
        case 0x9C, 0x9D, 0x98, 0x99:
            return
                "found a curly quote (\(describeCurrent())), perhaps pasted from a word processor; use straight quotes \" or '"
        default: return nil
        }
    }

    // MARK: - Key/value pairs

    /// `inline`: inside `{ ... }`, where a comma separates entries and so is never a decimal comma.
    mutating func parseKeyValue(into table: TableBuilder, inline: Bool = false) throws(TOMLError) {
        let key = try parseKey()
        skipWhitespace()
        guard current == 0x3D else {
            if atEnd || current == 0x0A || current == 0x0D || current == 0x23 {
                throw error("\(dottedName(key, upTo: key.count - 1)) has no value; write key = value")
            }
            throw error("expected = after the key \(dottedName(key, upTo: key.count - 1)), found \(describeCurrent())")
        }
        pos += 1
        skipWhitespace()
        let value: TOMLNode
        do {
            value = try parseValue(topLevel: !inline)
        } catch {
            var e = error
            let name = dottedName(key, upTo: key.count - 1)
            e.key = name + (e.key.map { "." + $0 } ?? "")
            throw e
        }

        var target = table
        for i in 0..<(key.count - 1) {
            target = try descend(target, key.part(i), at: key.position(i), name: key, upTo: i, creating: .dotted)
        }
        let last = key.part(key.count - 1)
        if let existing = target[last] {
            let firstLine: Int
            switch existing {
            case .value(let v): firstLine = v.position.line
            case .table(let t): firstLine = t.position.line
            case .arrayOfTables(let list): firstLine = list.position.line
            }
            throw error(
                "\(dottedName(key, upTo: key.count - 1)) is defined twice (first at line \(firstLine))",
                at: key.position(0))
        }
        if target.depth + 1 > TOML.maximumDepth {
            throw error("tables are nested more than \(TOML.maximumDepth) levels deep", at: key.position(0))
        }
        target.add(last, at: key.position(key.count - 1), .value(value))
    }

    // MARK: - Values

    mutating func parseValue(topLevel: Bool) throws(TOMLError) -> TOMLNode {
        let start = here
        let b = current
        switch b {
        case 0x22:  // "
            if peek(1) == 0x22 && peek(2) == 0x22 {
                return TOMLNode(.string(try parseMultilineBasicString()), at: start)
            }
            return TOMLNode(.string(try parseBasicString()), at: start)
        case 0x27:  // '
            if peek(1) == 0x27 && peek(2) == 0x27 {
                return TOMLNode(.string(try parseMultilineLiteralString()), at: start)
            }
            return TOMLNode(.string(try parseLiteralString()), at: start)
        case 0x5B:  // [
            return TOMLNode(.array(try parseArray()), at: start)
        case 0x7B:  // {
            return TOMLNode(.table(try parseInlineTable()), at: start)
        case 0x74:  // t
            if matchWord("true") { return TOMLNode(.boolean(true), at: start) }
        case 0x66:  // f
            if matchWord("false") { return TOMLNode(.boolean(false), at: start) }
        case 0x30...0x39, 0x2B, 0x2D, 0x69, 0x6E:  // digits + - i n
            if isDateTimeStart() { return TOMLNode(try parseDateTime(), at: start) }
            return TOMLNode(try parseNumber(topLevel: topLevel), at: start)
        default:
            break
        }
        if let hint = curlyQuoteHint() { throw error(hint) }
        if atEnd || b == 0x0A || b == 0x0D || b == 0x23 {
            throw error("a value is missing after =")
        }
        if b < 0x80 && isBareKeyByte(b) || b >= 0x80 {
            // A word where a value should be: almost always a string without its quotes.
            var end = pos
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D, bytes[end] != 0x23,
                bytes[end] != 0x2C, bytes[end] != 0x5D, bytes[end] != 0x7D
            {
                end += 1
            }
            var word = String(decoding: bytes[pos..<end], as: UTF8.self)
            while word.last == " " || word.last == "\t" { word.removeLast() }
            // Words people type for true and false: say the TOML word, not "put it in quotes".
            switch word.lowercased() {
            case "true", "yes", "on", "y":
                throw error("a yes/no value is written true or false, in lower case and without quotes: write true")
            case "false", "no", "off", "n":
                throw error("a yes/no value is written true or false, in lower case and without quotes: write false")
            default: break
            }
            if word.count > 40 { word = String(word.prefix(40)) + "..." }
            let escaped = word.replacingQuotes()
            throw error("text values must be in quotes: write \"\(escaped)\"")
        }
        if b == 0x24, pos + 1 < bytes.count, isDigit(bytes[pos + 1]) {
            // $899 or $3,000: the number without the sign (and without separators).
            var end = pos + 1
            while end < bytes.count, isDigit(bytes[end]) || bytes[end] == 0x2C || bytes[end] == 0x2E { end += 1 }
            let digits = String(decoding: bytes[(pos + 1)..<end].filter { $0 != 0x2C }, as: UTF8.self)
            throw error("a number of dollars is written without $: write \(digits)")
        }
        throw error("expected a value, found \(describeCurrent())")
    }

    mutating func matchWord(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard pos + n <= bytes.count else { return false }
        let p = word.utf8Start
        for i in 0..<n where bytes[pos + i] != p[i] { return false }
        // The word must end here: `truex` is not a boolean.
        if pos + n < bytes.count && isBareKeyByte(bytes[pos + n]) { return false }
        pos += n
        return true
    }

    // MARK: - Strings

    mutating func parseBasicString() throws(TOMLError) -> String {
        let open = pos
        pos += 1
        // Fast path: no escapes, so the text is the bytes between the quotes.
        var scan = pos
        while scan < bytes.count {
            let b = bytes[scan]
            if b == 0x22 {
                let text = String(decoding: bytes[pos..<scan], as: UTF8.self)
                pos = scan + 1
                return text
            }
            if b == 0x5C || b < 0x20 || b == 0x7F { break }
            scan += 1
        }
        var out: [UInt8] = []
        var runStart = pos
        while true {
            guard pos < bytes.count else {
                throw error("the string has no closing quote \"", at: open)
            }
            let b = bytes[pos]
            if b == 0x22 {
                out.append(contentsOf: bytes[runStart..<pos])
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b == 0x5C {
                out.append(contentsOf: bytes[runStart..<pos])
                try parseEscape(into: &out)
                runStart = pos
                continue
            }
            if b == 0x0A || (b == 0x0D && peek(1) == 0x0A) {
                throw error("the string has no closing quote \" on its line", at: open)
            }
            if (b < 0x20 && b != 0x09) || b == 0x7F {
                throw error(
                    "strings may not hold \(describeCurrent()); write it as an escape such as \\u\(unicodeName(UInt32(b)).dropFirst(2))"
                )
            }
            pos += 1
        }
    }

    mutating func parseEscape(into out: inout [UInt8]) throws(TOMLError) {
        let start = pos
        pos += 1
        let c = current
        pos += 1
        switch c {
        case 0x62: out.append(0x08)  // b
        case 0x74: out.append(0x09)  // t
        case 0x6E: out.append(0x0A)  // n
        case 0x66: out.append(0x0C)  // f
        case 0x72: out.append(0x0D)  // r
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x75, 0x55:  // u U
            let count = c == 0x75 ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let d = hexDigit(current) else {
                    throw error("\\\(c == 0x75 ? "u" : "U") must be followed by \(count) hexadecimal digits", at: start)
                }
                value = value &* 16 &+ UInt32(d)
                pos += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw error(
                    "\\\(c == 0x75 ? "u" : "U")\(String(value, radix: 16, uppercase: true)) is not a Unicode scalar value",
                    at: start)
            }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            pos = start + 1
            throw error(
                "unknown escape \\\(atEnd ? "" : describeCurrent().trimmingQuotes()); write \\\\ for a backslash",
                at: start)
        }
    }

    func hexDigit(_ b: UInt8) -> Int? {
        switch b {
        case 0x30...0x39: return Int(b - 0x30)
        case 0x41...0x46: return Int(b - 0x41 + 10)
        case 0x61...0x66: return Int(b - 0x61 + 10)
        default: return nil
        }
    }

    mutating func parseLiteralString() throws(TOMLError) -> String {
        let open = pos
        pos += 1
        let start = pos
        while true {
            guard pos < bytes.count else { throw error("the string has no closing quote '", at: open) }
            let b = bytes[pos]
            if b == 0x27 {
                pos += 1
                return String(decoding: bytes[start..<(pos - 1)], as: UTF8.self)
            }
            if b == 0x0A || (b == 0x0D && peek(1) == 0x0A) {
                throw error("the string has no closing quote ' on its line", at: open)
            }
            if (b < 0x20 && b != 0x09) || b == 0x7F {
                throw error("literal strings may not hold \(describeCurrent())")
            }
            pos += 1
        }
    }

    /// Checks a raw character inside a multi-line string; consumes line breaks.
    mutating func multilineRaw(_ kind: String) throws(TOMLError) -> Bool {
        let b = bytes[pos]
        if b == 0x0A || (b == 0x0D && peek(1) == 0x0A) {
            _ = consumeNewline()
            return true
        }
        if (b < 0x20 && b != 0x09) || b == 0x7F {
            throw error("\(kind) may not hold \(describeCurrent())")
        }
        return false
    }

    mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        let open = here
        pos += 3
        var out: [UInt8] = []
        if consumeNewline() {}  // a line break right after """ is trimmed
        var runStart = pos
        while true {
            guard pos < bytes.count else {
                throw error("the multi-line string has no closing \"\"\"", at: open)
            }
            let b = bytes[pos]
            // Ordinary text needs no checks beyond this.
            if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x7F {
                pos += 1
                continue
            }
            if b == 0x22 && peek(1) == 0x22 && peek(2) == 0x22 {
                // Up to two quotes may sit right before the closing delimiter.
                var extra = 0
                while extra < 2 && peek(3 + extra) == 0x22 { extra += 1 }
                out.append(contentsOf: bytes[runStart..<(pos + extra)])
                pos += 3 + extra
                return String(decoding: out, as: UTF8.self)
            }
            if b == 0x5C {
                out.append(contentsOf: bytes[runStart..<pos])
                // A line-ending backslash trims the break and all following whitespace.
                var look = pos + 1
                while look < bytes.count && (bytes[look] == 0x20 || bytes[look] == 0x09) { look += 1 }
                if look < bytes.count
                    && (bytes[look] == 0x0A
                        || (bytes[look] == 0x0D && look + 1 < bytes.count && bytes[look + 1] == 0x0A))
                {
                    pos = look
                    while pos < bytes.count {
                        if bytes[pos] == 0x20 || bytes[pos] == 0x09 {
                            pos += 1
                        } else if !consumeNewline() {
                            break
                        }
                    }
                } else {
                    try parseEscape(into: &out)
                }
                runStart = pos
                continue
            }
            if try !multilineRaw("multi-line strings") { pos += 1 }
        }
    }

    mutating func parseMultilineLiteralString() throws(TOMLError) -> String {
        let open = here
        pos += 3
        if consumeNewline() {}
        let start = pos
        while true {
            guard pos < bytes.count else {
                throw error("the multi-line string has no closing '''", at: open)
            }
            let b = bytes[pos]
            // Ordinary text needs no checks beyond this.
            if b >= 0x20 && b != 0x27 && b != 0x7F {
                pos += 1
                continue
            }
            if b == 0x27 && peek(1) == 0x27 && peek(2) == 0x27 {
                var extra = 0
                while extra < 2 && peek(3 + extra) == 0x27 { extra += 1 }
                let text = String(decoding: bytes[start..<(pos + extra)], as: UTF8.self)
                pos += 3 + extra
                return text
            }
            if try !multilineRaw("multi-line literal strings") { pos += 1 }
        }
    }

    // MARK: - Arrays and inline tables

    mutating func enterNesting() throws(TOMLError) {
        depth += 1
        if depth > TOML.maximumDepth {
            throw error("arrays and inline tables are nested more than \(TOML.maximumDepth) levels deep")
        }
    }

    mutating func parseArray() throws(TOMLError) -> [TOMLNode] {
        let open = here
        try enterNesting()
        defer { depth -= 1 }
        pos += 1
        var items: [TOMLNode] = []
        items.reserveCapacity(4)
        while true {
            try skipWhitespaceCommentsAndNewlines()
            if current == 0x5D {
                pos += 1
                return items
            }
            if atEnd { throw error("the array has no closing ]", at: open) }
            if current == 0x2C {
                throw error(items.isEmpty ? "an array cannot start with a comma" : "two commas in a row in an array")
            }
            items.append(try parseValue(topLevel: false))
            try skipWhitespaceCommentsAndNewlines()
            if current == 0x2C {
                pos += 1
            } else if current == 0x5D {
                pos += 1
                return items
            } else if atEnd {
                throw error("the array has no closing ]", at: open)
            } else if startsKeyValueLine() {
                // The next line reads `key = ...`: the list above was never closed.
                throw error("the list that opens here has no closing ]; end it with ] before the next key", at: open)
            } else {
                throw error("expected , or ] in the array, found \(describeCurrent())")
            }
        }
    }

    mutating func parseInlineTable() throws(TOMLError) -> TOMLTable {
        let open = pos
        let openPosition = here
        try enterNesting()
        defer { depth -= 1 }
        pos += 1
        let builder = TableBuilder(origin: .header, position: openPosition, depth: depth)
        skipWhitespace()
        if current == 0x7D {
            pos += 1
            return builder.build()
        }
        while true {
            skipWhitespace()
            if atEnd || current == 0x0A || current == 0x0D {
                throw error("the inline table has no closing } on its line", at: open)
            }
            if current == 0x7D { throw error("an inline table cannot end with a comma") }
            if current == 0x2C { throw error("two commas in a row in an inline table") }
            try parseKeyValue(into: builder, inline: true)
            skipWhitespace()
            if current == 0x2C {
                pos += 1
            } else if current == 0x7D {
                pos += 1
                return builder.build()
            } else if atEnd || current == 0x0A || current == 0x0D || current == 0x23 {
                throw error("the inline table has no closing } on its line", at: open)
            } else {
                throw error("expected , or } in the inline table, found \(describeCurrent())")
            }
        }
    }

    // MARK: - Numbers

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Whether the text from here reads like `key = ` (a bare key, then =).
    func startsKeyValueLine() -> Bool {
        var i = pos
        guard i < bytes.count, bytes[i] < 0x80, isBareKeyByte(bytes[i]) else { return false }
        while i < bytes.count && bytes[i] < 0x80 && (isBareKeyByte(bytes[i]) || bytes[i] == 0x2E) { i += 1 }
        while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
        return i < bytes.count && bytes[i] == 0x3D
    }

    func isDateTimeStart() -> Bool {
        // YYYY-  or  HH:
        (isDigit(peek(0)) && isDigit(peek(1)) && isDigit(peek(2)) && isDigit(peek(3)) && peek(4) == 0x2D)
            || (isDigit(peek(0)) && isDigit(peek(1)) && peek(2) == 0x3A)
    }

    mutating func parseNumber(topLevel: Bool) throws(TOMLError) -> TOMLValue {
        let start = pos
        if let value = fastNumber(topLevel: topLevel) { return value }
        while pos < bytes.count {
            let b = bytes[pos]
            if isBareKeyByte(b) || b == 0x2B || b == 0x2E { pos += 1 } else { break }
        }
        let token = bytes[start..<pos]
        if topLevel && current == 0x2C && isDigit(peek(1)) {
            // "3,000" and "1,250.50" are thousands separators (groups of three digits): the
            // number without them. "1,5" can only be a decimal comma: the number with a point.
            var end = pos
            var groupsOfThree = true
            while end < bytes.count && bytes[end] == 0x2C {
                var digitsEnd = end + 1
                while digitsEnd < bytes.count && isDigit(bytes[digitsEnd]) { digitsEnd += 1 }
                if digitsEnd - end - 1 != 3 { groupsOfThree = false }
                end = digitsEnd
            }
            if groupsOfThree {
                while end < bytes.count && (isDigit(bytes[end]) || bytes[end] == 0x2E) { end += 1 }
                let plain = String(decoding: bytes[start..<end].filter { $0 != 0x2C }, as: UTF8.self)
                throw error("a number is written without thousands separators: write \(plain)", at: start)
            }
            throw error(
                "a number cannot use a decimal comma; write \(String(decoding: token, as: UTF8.self)).\(digitsAfterComma()) with a point",
                at: start)
        }
        if current == 0x2F, let date = slashDate(from: start) {
            throw error("a date is written year-month-day without quotes: write \(date)", at: start)
        }
        let text = String(decoding: token, as: UTF8.self)
        if text.count > 1, text.first == "0", text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw error(
                "a number has no leading zeros: write \(text.drop { $0 == "0" }.isEmpty ? "0" : String(text.drop { $0 == "0" }))",
                at: start)
        }
        if let value = numberValue(token) {
            // A finite literal too large for a Double would become infinity, and a message would
            // quote "inf" for what the file says 1e400: refused here, in the file's own words.
            if case .float(let d) = value, d.isInfinite, !text.hasSuffix("inf") {
                throw error(
                    "\(text) is too large to be a number here (the largest is about 1.8e308)", at: start)
            }
            return value
        }
        if ["no", "n"].contains(text.lowercased()) {
            throw error(
                "a yes/no value is written true or false, in lower case and without quotes: write false", at: start)
        }
        if let overflow = integerOverflow(token) { throw error(overflow, at: start) }
        throw error("\(text) is not a valid number", at: start)
    }

    /// 10^0 ... 10^22, each exact in a Double: written out, so the compiler lays the array down
    /// statically (a computed global is initialised lazily and checked at every read).
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// The common numbers, `42`, `-7`, `1.25`, without building a string. Floats take
    /// Clinger's fast path (at most 15 significant digits and a power of ten up to 22, both
    /// exact in a Double, so one division rounds correctly; 16 digits may exceed 2^53 and would
    /// round twice). Anything else returns nil, with `pos`
    /// unmoved, for the full parser.
    mutating func fastNumber(topLevel: Bool) -> TOMLValue? {
        var i = pos
        var negative = false
        if i < bytes.count && (bytes[i] == 0x2D || bytes[i] == 0x2B) {
            negative = bytes[i] == 0x2D
            i += 1
        }
        let digitsStart = i
        var mantissa: UInt64 = 0
        while i < bytes.count && isDigit(bytes[i]) && i - digitsStart < 18 {
            mantissa = mantissa * 10 + UInt64(bytes[i] - 0x30)
            i += 1
        }
        let intDigits = i - digitsStart
        guard intDigits > 0, intDigits == 1 || bytes[digitsStart] != 0x30 else { return nil }
        var fractionDigits = -1
        if i < bytes.count && bytes[i] == 0x2E {
            i += 1
            let fractionStart = i
            while i < bytes.count && isDigit(bytes[i]) && intDigits + (i - fractionStart) < 15 {
                mantissa = mantissa * 10 + UInt64(bytes[i] - 0x30)
                i += 1
            }
            fractionDigits = i - fractionStart
            guard fractionDigits > 0 else { return nil }
        }
        // The number must end here (no exponent, underscore, more digits or date parts).
        if i < bytes.count {
            let b = bytes[i]
            if isBareKeyByte(b) || b == 0x2B || b == 0x2E || b == 0x3A || b == 0x2F { return nil }
            if topLevel && b == 0x2C && i + 1 < bytes.count && isDigit(bytes[i + 1]) { return nil }
        }
        pos = i
        if fractionDigits < 0 {
            let v = Int64(mantissa)
            return .integer(negative ? -v : v)
        }
        let d = Double(mantissa) / Self.powersOfTen[fractionDigits]
        return .float(negative ? -d : d)
    }

    /// `04/21/2015` or `4/21/2015` (month/day/year, as in the US) as `2015-04-21`, when the
    /// digits make a date; nil otherwise.
    func slashDate(from start: Int) -> String? {
        var end = start
        while end < bytes.count && (isDigit(bytes[end]) || bytes[end] == 0x2F) { end += 1 }
        let parts = String(decoding: bytes[start..<end], as: UTF8.self).split(
            separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, let m = Int(parts[0]), let d = Int(parts[1]), let y = Int(parts[2]),
            parts[2].count == 4,
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    func digitsAfterComma() -> String {
        var end = pos + 1
        while end < bytes.count && isDigit(bytes[end]) { end += 1 }
        return String(decoding: bytes[(pos + 1)..<end], as: UTF8.self)
    }

    func integerOverflow(_ t: ArraySlice<UInt8>) -> String? {
        let digits = t.filter { $0 != 0x5F && $0 != 0x2B && $0 != 0x2D }
        if !digits.isEmpty && digits.allSatisfy(isDigit) && digits.count >= 19 {
            return "\(String(decoding: t, as: UTF8.self)) is outside the 64-bit integer range"
        }
        return nil
    }

    /// Digits with single underscores between them, all satisfying `isValid`.
    func validUnderscores(_ t: ArraySlice<UInt8>, _ isValid: (UInt8) -> Bool) -> Bool {
        guard let first = t.first, let last = t.last, isValid(first), isValid(last) else { return false }
        var previousUnderscore = false
        for b in t {
            if b == 0x5F {
                if previousUnderscore { return false }
                previousUnderscore = true
            } else {
                if !isValid(b) { return false }
                previousUnderscore = false
            }
        }
        return true
    }

    func numberValue(_ t: ArraySlice<UInt8>) -> TOMLValue? {
        guard !t.isEmpty else { return nil }
        var body = t
        var negative = false
        var signed = false
        if body.first == 0x2B || body.first == 0x2D {
            negative = body.first == 0x2D
            signed = true
            body = body.dropFirst()
        }
        if body.elementsEqual("inf".utf8) { return .float(negative ? -.infinity : .infinity) }
        if body.elementsEqual("nan".utf8) { return .float(negative ? -.nan : .nan) }
        if body.count > 2 && body.first == 0x30 {
            let radixByte = body[body.startIndex + 1]
            let radix: Int
            let valid: (UInt8) -> Bool
            switch radixByte {
            case 0x78:
                radix = 16
                valid = { hexDigit($0) != nil }
            case 0x6F:
                radix = 8
                valid = { $0 >= 0x30 && $0 <= 0x37 }
            case 0x62:
                radix = 2
                valid = { $0 == 0x30 || $0 == 0x31 }
            default:
                radix = 0
                valid = { _ in false }
            }
            if radix != 0 {
                if signed { return nil }
                let digits = body.dropFirst(2)
                guard validUnderscores(digits, valid) else { return nil }
                let clean = String(decoding: digits.filter { $0 != 0x5F }, as: UTF8.self)
                guard let v = Int64(clean, radix: radix) else { return nil }
                return .integer(v)
            }
        }
        // Decimal: int [frac] [exp]
        var i = body.startIndex
        while i < body.endIndex && (isDigit(body[i]) || body[i] == 0x5F) { i += 1 }
        let intPart = body[body.startIndex..<i]
        guard validUnderscores(intPart, isDigit) else { return nil }
        if intPart.count > 1 && intPart.first == 0x30 { return nil }  // no leading zeros
        var isFloat = false
        if i < body.endIndex && body[i] == 0x2E {
            isFloat = true
            let fracStart = i + 1
            i = fracStart
            while i < body.endIndex && (isDigit(body[i]) || body[i] == 0x5F) { i += 1 }
            guard validUnderscores(body[fracStart..<i], isDigit) else { return nil }
        }
        if i < body.endIndex && (body[i] == 0x65 || body[i] == 0x45) {
            isFloat = true
            i += 1
            if i < body.endIndex && (body[i] == 0x2B || body[i] == 0x2D) { i += 1 }
            let expStart = i
            while i < body.endIndex && (isDigit(body[i]) || body[i] == 0x5F) { i += 1 }
            guard validUnderscores(body[expStart..<i], isDigit) else { return nil }
        }
        guard i == body.endIndex else { return nil }
        let clean =
            t.contains(0x5F)
            ? String(decoding: t.filter { $0 != 0x5F }, as: UTF8.self) : String(decoding: t, as: UTF8.self)
        if isFloat {
            guard let d = Double(clean) else { return nil }
            return .float(d)
        }
        guard let v = Int64(clean) else { return nil }
        return .integer(v)
    }

    // MARK: - Dates and times

    mutating func digits(_ n: Int, _ what: String) throws(TOMLError) -> Int {
        var v = 0
        for _ in 0..<n {
            guard isDigit(current) else { throw error("\(what) needs \(n) digits") }
            v = v * 10 + Int(current - 0x30)
            pos += 1
        }
        return v
    }

    mutating func expect(_ b: UInt8, _ message: String) throws(TOMLError) {
        guard current == b else { throw error(message) }
        pos += 1
    }

    mutating func parseTime() throws(TOMLError) -> TOMLTime {
        let start = pos
        let h = try digits(2, "the hour")
        try expect(0x3A, "expected : after the hour")
        let m = try digits(2, "the minute")
        try expect(0x3A, "a time needs seconds (HH:MM:SS)")
        let s = try digits(2, "the second")
        var fraction = ""
        if current == 0x2E {
            pos += 1
            let f = pos
            while isDigit(current) { pos += 1 }
            guard pos > f else { throw error("expected digits after the decimal point of the seconds") }
            fraction = String(decoding: bytes[f..<pos], as: UTF8.self)
        }
        // A leap second (:60) is refused, as Python's tomllib refuses it: no spec
        // figure needs one, and two parsers must not read one file two ways.
        guard h <= 23, m <= 59, s <= 59 else {
            throw error("\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)) is not a valid time of day", at: start)
        }
        return TOMLTime(hour: h, minute: m, second: s, fraction: fraction)
    }

    mutating func parseDateTime() throws(TOMLError) -> TOMLValue {
        let start = pos
        if peek(2) == 0x3A {
            let t = try parseTime()
            try checkDateTimeEnd()
            return .localTime(t)
        }
        let y = try digits(4, "the year")
        try expect(0x2D, "expected - after the year")
        let mo = try digits(2, "the month")
        try expect(0x2D, "expected - after the month")
        let d = try digits(2, "the day")
        guard (1...12).contains(mo), d >= 1, d <= TOMLDate.daysIn(month: mo, year: y) else {
            throw error("\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2)) is not a date on the calendar", at: start)
        }
        let date = TOMLDate(year: y, month: mo, day: d)
        let sep = current
        let hasTime =
            (sep == 0x54 || sep == 0x74) || (sep == 0x20 && isDigit(peek(1)) && isDigit(peek(2)) && peek(3) == 0x3A)
        guard hasTime else {
            try checkDateTimeEnd()
            return .localDate(date)
        }
        pos += 1
        let time = try parseTime()
        if current == 0x5A || current == 0x7A {
            pos += 1
            try checkDateTimeEnd()
            return .offsetDateTime(date, time, offsetMinutes: 0)
        }
        if current == 0x2B || current == 0x2D {
            let sign = current == 0x2D ? -1 : 1
            pos += 1
            let oh = try digits(2, "the offset's hours")
            try expect(0x3A, "expected : in the time offset (+HH:MM)")
            let om = try digits(2, "the offset's minutes")
            guard oh <= 23, om <= 59 else { throw error("the time offset is out of range", at: start) }
            try checkDateTimeEnd()
            return .offsetDateTime(date, time, offsetMinutes: sign * (oh * 60 + om))
        }
        try checkDateTimeEnd()
        return .localDateTime(date, time)
    }

    func checkDateTimeEnd() throws(TOMLError) {
        let b = current
        if atEnd || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x23 || b == 0x2C || b == 0x5D || b == 0x7D
        {
            return
        }
        throw error("unexpected \(describeCurrent()) in a date or time")
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for c in self { out += c == "\"" ? "\\\"" : String(c) }
        return out
    }

    fileprivate func trimmingQuotes() -> String {
        count >= 2 && first == "\"" && last == "\"" ? String(dropFirst().dropLast()) : self
    }
}
