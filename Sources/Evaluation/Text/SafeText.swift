/// Text from spec files and file names is never shown raw: control characters, escape
/// sequences, bidirectional overrides and invisible characters become visible placeholders.
public enum SafeText {
    /// True for the scalars that must not reach a terminal or a message as themselves.
    public static func isHostile(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069,
            0xFEFF, 0xF0080...0xF00FF:
            return true
        default:
            return false
        }
    }

    /// `text` with each hostile scalar written as `\u{XX}` (tab, line feed and CR as `\t`, `\n`, `\r`).
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHostile) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            if !isHostile(s) {
                out.unicodeScalars.append(s)
                continue
            }
            switch s {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            // A byte of a file name that is not UTF-8 (PathText), as the byte it is.
            case _ where PathText.isByte(s): out += "\\x" + String(s.value - 0xF0000, radix: 16, uppercase: true)
            default: out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// The number of terminal columns `c` takes: 2 for East Asian wide and emoji, 0 for
    /// combining marks, 1 otherwise.
    public static func width(of c: Character) -> Int {
        guard let first = c.unicodeScalars.first else { return 0 }
        if c.unicodeScalars.count > 1
            && c.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation || $0.value == 0xFE0F })
        {
            return 2
        }
        let v = first.value
        if v < 0x300 { return 1 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if first.properties.isEmojiPresentation { return 2 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Display width of a whole (already escaped) string.
    public static func width(_ text: String) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// `text` escaped and cut to at most `columns` display columns, ending with "…" when cut.
    /// A wide character that would straddle the edge is dropped, never split.
    public static func fitted(_ text: String, _ columns: Int) -> String {
        let safe = escaped(text)
        if width(safe) <= columns { return safe }
        guard columns > 0 else { return "" }
        var out = ""
        var used = 0
        for c in safe {
            let w = width(of: c)
            if used + w > columns - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// `text` fitted and padded with spaces to exactly `columns` display columns.
    public static func padded(_ text: String, _ columns: Int, alignRight: Bool = false) -> String {
        let f = fitted(text, columns)
        let gap = String(repeating: " ", count: max(0, columns - width(f)))
        return alignRight ? gap + f : f + gap
    }
}

/// Text from files written into Markdown (the board report, `lineup questions`, the letters):
/// shown as the text it is when rendered, never as markup. `<`, `>` and `&` become entities
/// (no live HTML, no script, no remote image); the punctuation that starts Markdown syntax is
/// escaped with a backslash (no link, image, emphasis, code or table cell); control characters
/// are made visible as in `SafeText.escaped`.
public enum MarkdownText {
    /// (`!` and `(` mean something only next to a `[` or `]`, which are escaped, and `~` only
    /// doubled, which is broken up: they stay as they are, like the tables' `~` and `!` marks.)
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "#", "|"]

    public static func escaped(_ text: String) -> String {
        var out = ""
        var previous: Character = " "
        for c in SafeText.escaped(text) {
            defer { previous = c }
            switch c {
            case "~" where previous == "~": out += "\\~"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default:
                if special.contains(c) { out.append("\\") }
                out.append(c)
            }
        }
        return out
    }
}
