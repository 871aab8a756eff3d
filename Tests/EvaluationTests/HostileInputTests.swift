import LineupTestSupport
import Testing

@testable import Evaluation

/// Issue 8, item 1: a decimal at or above 2^63 once trapped in `Format.fixed` (a Double to Int
/// conversion) while the error message was written, killing every command.
@Suite struct HugeNumberTests {
    @Test func formattersNeverTrapOnHugeOrTinyValues() {
        #expect(Format.fixed(1e19, 1) == "1e19")
        #expect(Format.fixed(-1e308, 2) == "-1e308")
        #expect(Format.number(9.3e18) == "9.3e18")
        #expect(Format.dollars(1e19) == "$1e19")
        #expect(Format.dollars(1e17, cents: true) == "$1e17")
        #expect(Format.count(Int.max) == "9.223372036854776e18")
        // Ordinary values keep their exact formatting.
        #expect(Format.fixed(2.345, 1) == "2.3")
        #expect(Format.dollars(13485) == "$13,485")
        #expect(Format.dollars(0.125, cents: true) == "$0.13")
    }

    @Test func literalEchoesWhatTheUserWrote() {
        #expect(Format.literal(1e19) == "1e19")
        #expect(Format.literal(1e-300) == "1e-300")
        #expect(Format.literal(1.25) == "1.25")
        #expect(Format.literal(42) == "42")
        // Issue 20 item 11: a negative zero was echoed "-0", which TOML reads as the integer 0.
        #expect(Format.literal(-0.0) == "-0.0")
        #expect(Format.literal(100_000) == "100000")
    }

    @Test func everyRangedSpecFieldReportsAHugeValueWithItsPosition() {
        let fields = [
            ("camera", "price"), ("camera", "accessories"), ("dock", "price"), ("storage", "server_price"),
            ("storage", "setup"), ("storage", "per_user_per_month"), ("video", "gb_per_hour"),
        ]
        for (table, key) in fields {
            for literal in ["1e19", "1e308", "-1e308"] {
                let text = "vendor = \"A\"\nmodel = \"B\"\n[\(table)]\n\(key) = \(literal)\n"
                let out = SpecDecoder.product(Array(text.utf8), file: "a.toml", id: "a")
                #expect(out.value == nil)
                let message = out.diagnostics.first?.description ?? ""
                #expect(message.hasPrefix("a.toml:4:\(key.count + 4): error: \(table).\(key) must be"), "\(message)")
                #expect(message.hasSuffix("found \(literal)"), "\(message)")
            }
        }
        let text = "vendor = \"A\"\nmodel = \"B\"\n[camera]\nprice = 1e19\n"
        #expect(
            SpecDecoder.product(Array(text.utf8), file: "a.toml", id: "a").diagnostics.map(\.description)
                == ["a.toml:4:9: error: camera.price must be between $1 and $100,000; found 1e19"])
        let tiny = "vendor = \"A\"\nmodel = \"B\"\n[camera]\nprice = 1e-300\n"
        #expect(
            SpecDecoder.product(Array(tiny.utf8), file: "a.toml", id: "a").diagnostics.map(\.description)
                == ["a.toml:4:9: error: camera.price must be between $1 and $100,000; found 1e-300"])
    }

    @Test func hugeProfileFiguresAreReportedNotFatal() {
        for key in [
            "officers_per_shift", "recorded_hours_per_shift", "routine_retention_days", "horizon_years",
            "evidence_share",
        ] {
            let text = minimalProfileText.replacingOccurrences(ofLineStartingWith: key + " =", with: key + " = 1e308")
            let out = SpecDecoder.profile(Array(text.utf8), file: "d.toml")
            #expect(out.value == nil, "\(key)")
            #expect(
                out.diagnostics.contains { $0.field == key && $0.message.hasSuffix("found 1e308") },
                "\(key): \(out.diagnostics)")
        }
    }
}

/// A complete profile, small enough to read.
let minimalProfileText = """
    name = "Wilton"
    evaluation_date = 2015-04-21
    need_by = 2015-12-31
    cameras = 15
    licensed_users = 30
    officers_per_shift = 5
    shifts_per_day = 3
    recorded_hours_per_shift = 2
    routine_retention_days = 90
    evidence_share = 0.05
    evidence_retention_days = 1095
    horizon_years = 5
    [[funding]]
    source = "JAG"
    amount = 12000
    [weights]
    cost = 40
    """

extension String {
    /// The text with the first line that starts with `prefix` replaced by `line`.
    func replacingOccurrences(ofLineStartingWith prefix: String, with line: String) -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let i = lines.firstIndex(where: { $0.hasPrefix(prefix) }) { lines[i] = line }
        return lines.joined(separator: "\n")
    }
}

/// Issue 8, item 17: the smaller messages.
@Suite struct SmallerMessageTests {
    @Test func aCROnlyFileGetsALineEndingHint() {
        let text = "vendor = \"A\"\rmodel = \"B\"\r"
        #expect(
            SpecDecoder.product(Array(text.utf8), file: "cr.toml", id: "cr").diagnostics.map(\.description) == [
                "cr.toml:1:13: error: expected the end of the line after the value, found a carriage return (CR) with no line feed after it: the file has old Mac line endings; save it with LF or CRLF line endings"
            ])
    }

    @Test func aDateWithAnOffsetIsQuotedWithItsOffset() {
        for (literal, shown) in [
            ("2015-07-01T10:00:00-04:00", "2015-07-01T10:00:00-04:00"),
            ("2015-07-01T10:00:00Z", "2015-07-01T10:00:00Z"),
            ("2015-07-01T10:00:00+05:30", "2015-07-01T10:00:00+05:30"),
        ] {
            let text = "vendor = \"A\"\nmodel = \"B\"\n[availability]\ndate = \(literal)\n"
            let message =
                SpecDecoder.product(Array(text.utf8), file: "a.toml", id: "a").diagnostics.first?.description ?? ""
            #expect(message.hasSuffix("; found \(shown)"), "\(message)")
        }
    }

    /// Item 9: a message quoting a file's text never carries its control characters.
    @Test func messagesAreSanitised() {
        let text = "vendor = \"A\"\nmodel = \u{1B}[2J\u{1B}[31mred\n"
        let message =
            SpecDecoder.product(Array(text.utf8), file: "x\u{1B}]0;t\u{07}.toml", id: "x").diagnostics.first?
            .description ?? ""
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(message.hasPrefix("x\\u{1B}]0;t\\u{7}.toml:2:9: error:"))
        let d = Diagnostic(file: "a.toml", message: "found \u{202E}evil\u{9B}")
        #expect(d.description == "a.toml: error: found \\u{202E}evil\\u{9B}")
    }
}
