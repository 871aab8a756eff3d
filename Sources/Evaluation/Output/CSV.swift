/// RFC 4180 CSV that spreadsheets open safely: CRLF line ends, quoted cells where needed, a
/// UTF-8 byte-order mark for Excel, and text that a spreadsheet would run as a formula
/// (leading `=`, `+`, `-`, `@`, tab, CR, LF or their fullwidth forms) prefixed with `'`.
/// Numbers are written as plain numbers, so an honest negative stays a number.
public enum CSV {
    public enum Cell: Equatable, Sendable {
        case text(String)
        case number(Double, places: Int)
        case integer(Int)
        case empty
    }

    /// Excel's limit on the characters in one cell.
    public static let cellLimit = 32_767

    public static func encode(header: [String], rows: [[Cell]], byteOrderMark: Bool = true) -> String {
        encodeHeader(header, byteOrderMark: byteOrderMark) + encodeRows(rows)
    }

    public static func encodeHeader(_ header: [String], byteOrderMark: Bool = true) -> String {
        (byteOrderMark ? "\u{FEFF}" : "") + header.map { field(.text($0)) }.joined(separator: ",") + "\r\n"
    }

    /// Rows only, each ending in CRLF: a large file is encoded block by block, so its cells
    /// are never all held at once.
    public static func encodeRows(_ rows: [[Cell]]) -> String {
        var out = ""
        for row in rows {
            out += row.map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static let formulaStarts: Set<Character> = [
        "=", "+", "-", "@", "\t", "\r", "\n", "\r\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
    ]

    /// The first UTF-8 byte of each of `formulaStarts`.
    static let formulaFirstBytes: Set<UInt8> = Set(formulaStarts.compactMap { String($0).utf8.first })

    public static func field(_ cell: Cell) -> String {
        switch cell {
        case .empty: return ""
        case .integer(let i): return String(i)
        case .number(let d, let places): return d.isFinite ? Format.fixed(d, places) : ""
        case .text(var s):
            // Each check by characters only when the bytes say it could hold: a character in
            // `formulaStarts` begins with one of their first bytes, a text of at most
            // `cellLimit` bytes has at most as many characters, and a comma, quote or line
            // break character holds that byte (grapheme breaking for every cell was a tenth
            // of a CSV).
            let bytes = s.utf8
            if let b = bytes.first, formulaFirstBytes.contains(b), let first = s.first, formulaStarts.contains(first) {
                s = "'" + s
            }
            if s.utf8.count > cellLimit && s.count > cellLimit { s = String(s.prefix(cellLimit)) }
            let special = s.utf8.contains {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\r")
                    || $0 == UInt8(ascii: "\n")
            }
            if special && s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
                return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
            }
            return s
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
