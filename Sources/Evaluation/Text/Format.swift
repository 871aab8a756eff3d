/// Number formats shared by every view: dollars with thousands separators, fixed decimals.
public enum Format {
    /// `$13,485`; cents are shown only when `cents` is true (`$0.13`).
    public static func dollars(_ value: Double, cents: Bool = false) -> String {
        guard value.isFinite else { return "unknown" }
        // Beyond 2^53 whole dollars (and far below Int's limit) the digits are not exact anyway.
        guard abs(value) < exactLimit / (cents ? 100 : 1) else { return (value < 0 ? "-$" : "$") + literal(abs(value)) }
        let negative = value < 0
        let scaled = (abs(value) * (cents ? 100 : 1)).rounded()
        var whole = cents ? Int(scaled) / 100 : Int(scaled)
        let fraction = cents ? Int(scaled) % 100 : 0
        var groups: [String] = []
        repeat {
            let part = whole % 1000
            whole /= 1000
            groups.insert(whole > 0 ? pad3(part) : String(part), at: 0)
        } while whole > 0
        var text = "$" + groups.joined(separator: ",")
        if cents { text += "." + (fraction < 10 ? "0" : "") + String(fraction) }
        return (negative && scaled != 0 ? "-" : "") + text
    }

    /// Below this, a Double holds every whole number exactly and converts to Int safely.
    static let exactLimit = 9_007_199_254_740_992.0

    /// The shortest text that reads back as `value`, as a TOML file would write it:
    /// `1e19`, `1e-300`, `1.25`, `42`. For echoing a figure the user wrote, whatever its size.
    public static func literal(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        // A negative zero is a float written -0.0 (TOML's -0 is the integer 0): echo it so.
        if value == 0 && value.sign == .minus { return "-0.0" }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        if let e = text.firstIndex(of: "e") {
            // Swift writes 1e+19; TOML and people write 1e19. Drop a mantissa's ".0".
            var mantissa = String(text[..<e])
            var exponent = String(text[text.index(after: e)...])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            if exponent.hasPrefix("+") { exponent.removeFirst() }
            text = mantissa + "e" + exponent
        }
        return text
    }

    private static func pad3(_ v: Int) -> String { v < 10 ? "00\(v)" : v < 100 ? "0\(v)" : "\(v)" }

    /// `value` with exactly `places` decimals (`fixed(2.345, 1)` is "2.3").
    public static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf") }
        var m = 1.0
        for _ in 0..<places { m *= 10 }
        let scaled = (abs(value) * m).rounded()
        // Too large to convert to Int (a typo like 1e19 reaching a message): write it as it is.
        guard scaled < exactLimit else { return literal(value) }
        let negative = value < 0 && scaled != 0
        let whole = Int(scaled / m)
        let frac = places > 0 ? Int(scaled - Double(whole) * m) : 0
        // The digits written straight into the string's storage (a CSV of 100,000 products
        // writes four million numbers: one allocation each, not five).
        guard places <= 18, frac >= 0, frac < Int(m) else {
            var text = String(whole)
            let digits = String(frac)
            text += "." + String(repeating: "0", count: max(0, places - digits.count)) + digits
            return (negative ? "-" : "") + text
        }
        return String(unsafeUninitializedCapacity: 21 + places) { out in
            var p = 0
            if negative {
                out[p] = UInt8(ascii: "-")
                p += 1
            }
            p += writeDigits(whole, into: out, at: p, width: 1)
            if places > 0 {
                out[p] = UInt8(ascii: ".")
                p += 1
                p += writeDigits(frac, into: out, at: p, width: places)
            }
            return p
        }
    }

    /// Writes the decimal digits of `v` (not negative) at `start`, padded with zeros to at
    /// least `width`; returns how many were written.
    @inline(__always)
    static func writeDigits(_ v: Int, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int, width: Int) -> Int {
        var count = 1
        var rest = v / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        count = max(count, width)
        var x = v
        for k in stride(from: start + count - 1, through: start, by: -1) {
            out[k] = UInt8(ascii: "0") + UInt8(x % 10)
            x /= 10
        }
        return count
    }

    /// A share as a percentage with one decimal: 0.8073 -> "80.7%".
    public static func percent(_ fraction: Double) -> String { fixed(fraction * 100, 1) + "%" }

    /// A chance as people say it: "about 3 of 5", "about 9 of 10", "about 1 in 40", "almost
    /// all", "almost no" (each reads before "cases"). The simplest fraction (denominators 2 to 5, then 10) within 2.5
    /// points; below one in ten, "1 in N"; the exact figure goes beside it where it matters.
    public static func chanceInWords(_ p: Double) -> String {
        if p >= 0.995 { return "almost all" }
        if p < 0.005 { return "almost no" }
        if p < 0.1 { return "about 1 in \(Int((1 / p).rounded()))" }
        for n in [2, 3, 4, 5, 10] {
            let k = Int((p * Double(n)).rounded())
            if k >= 1 && k < n && abs(Double(k) / Double(n) - p) <= 0.025 { return "about \(k) of \(n)" }
        }
        let k = Int((p * 10).rounded())
        return k >= 10 ? "almost all" : "about \(max(1, k)) of 10"
    }

    /// A figure with up to `places` decimals and no trailing zeros (`2.5`, `30`, `0.125`).
    public static func number(_ value: Double, places: Int = 3) -> String {
        var text = fixed(value, places)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// Thousands separators on a whole number (`1,095`).
    public static func count(_ value: Int) -> String {
        let d = dollars(Double(value))
        return String(d.replacingFirst("$", with: ""))
    }
}

extension String {
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let i = firstIndex(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(i...i, with: replacement)
        return copy
    }
}

/// The arithmetic lines of a criterion, built only when someone will read them: ranking
/// 10,000 products must not format 250,000 sentences.
struct Working {
    let enabled: Bool
    var lines: [WorkingLine] = []

    mutating func add(_ line: @autoclosure () -> String, _ kind: WorkingLine.Kind = .step, pooledFunds: Bool = false) {
        if enabled { lines.append(WorkingLine(line(), kind, pooledFunds: pooledFunds)) }
    }
}

/// One line of a criterion's arithmetic, with what it says, so a view colours or leaves out
/// a line by its kind, never by its words.
public struct WorkingLine: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A step of the arithmetic.
        case step
        /// A figure nobody gives (the line says what is assumed instead, or that it is left out).
        case unknown
        /// A known shortfall: the video does not fit, year one is over the funds.
        case shortfall
    }

    public var text: String
    public var kind: Kind
    /// A line about the funds as one pool (the year-one verdict, the cameras funded), which
    /// the funds' own rules replace when they have any.
    public var pooledFunds: Bool

    public init(_ text: String, _ kind: Kind = .step, pooledFunds: Bool = false) {
        self.text = text
        self.kind = kind
        self.pooledFunds = pooledFunds
    }

    public var description: String { text }
}

extension WorkingLine: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self.init(value) }
}
