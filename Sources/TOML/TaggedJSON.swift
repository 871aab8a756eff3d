/// The toml-test suite's tagged JSON: tables as objects, arrays as arrays, every scalar as
/// `{"type": T, "value": "text"}`. Used by the `toml-decoder` tool and the compliance test.
extension TOMLTable {
    public func taggedJSON() -> String {
        var out = ""
        TaggedJSON.write(.table(self), into: &out)
        return out
    }
}

/// Writing strings back out: as JSON for the decoder interface and reports, as TOML for files
/// this project writes.
public enum Quoting {
    /// `s` as a JSON string literal.
    public static func json(_ s: String) -> String {
        var out = ""
        TaggedJSON.quote(s, into: &out)
        return out
    }

    /// `s` as a TOML basic string literal. The JSON escapes written here (`\"`, `\\`, `\n`,
    /// `\r`, `\t`, `\uXXXX`) are all valid in TOML, so one escaper serves both.
    public static func toml(_ s: String) -> String { json(s) }
}

enum TaggedJSON {
    static func write(_ value: TOMLValue, into out: inout String) {
        switch value {
        case .table(let t):
            out += "{"
            for (i, e) in t.entries.enumerated() {
                if i > 0 { out += "," }
                quote(e.key, into: &out)
                out += ":"
                write(e.node.value, into: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item.value, into: &out)
            }
            out += "]"
        case .string(let s): scalar("string", s, into: &out)
        case .integer(let v): scalar("integer", String(v), into: &out)
        case .float(let d):
            let text = d.isNaN ? "nan" : d.isInfinite ? (d < 0 ? "-inf" : "inf") : "\(d)"
            scalar("float", text, into: &out)
        case .boolean(let b): scalar("bool", b ? "true" : "false", into: &out)
        case .offsetDateTime(let d, let t, let offset):
            let zone: String
            if offset == 0 {
                zone = "Z"
            } else {
                zone = (offset < 0 ? "-" : "+") + pad(abs(offset) / 60, 2) + ":" + pad(abs(offset) % 60, 2)
            }
            scalar("datetime", d.text + "T" + t.text + zone, into: &out)
        case .localDateTime(let d, let t): scalar("datetime-local", d.text + "T" + t.text, into: &out)
        case .localDate(let d): scalar("date-local", d.text, into: &out)
        case .localTime(let t): scalar("time-local", t.text, into: &out)
        }
    }

    static func scalar(_ type: String, _ value: String, into out: inout String) {
        out += "{\"type\":\"" + type + "\",\"value\":"
        quote(value, into: &out)
        out += "}"
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
