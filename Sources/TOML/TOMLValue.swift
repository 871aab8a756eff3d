/// Where a key or value starts in its document: 1-based line and column (the column counts
/// Unicode scalars, so an accented letter before it counts once).
public struct TOMLPosition: Hashable, Sendable, CustomStringConvertible {
    // Stored as 32 bits each: a document has far fewer lines, and values stay small.
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    public var description: String { "line \(line), column \(column)" }
}

/// A calendar date as written in a TOML document (already checked to exist).
public struct TOMLDate: Hashable, Sendable {
    // Compact storage keeps every TOML value small; the API speaks Int.
    private var y: Int32
    private var m: UInt8
    private var d: UInt8

    public var year: Int {
        get { Int(y) }
        set { y = Int32(clamping: newValue) }
    }
    public var month: Int {
        get { Int(m) }
        set { m = UInt8(clamping: newValue) }
    }
    public var day: Int {
        get { Int(d) }
        set { d = UInt8(clamping: newValue) }
    }

    public init(year: Int, month: Int, day: Int) {
        y = Int32(clamping: year)
        m = UInt8(clamping: month)
        d = UInt8(clamping: day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic on dates.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    public var text: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }
}

/// A time of day as written in a TOML document; `fraction` keeps the digits after the point.
public struct TOMLTime: Hashable, Sendable {
    private var h: UInt8
    private var mi: UInt8
    private var s: UInt8
    // The fraction as up to 9 digits (nanoseconds); more precision is truncated, as TOML allows.
    private var digits: UInt8
    private var nanos: UInt32

    public var hour: Int {
        get { Int(h) }
        set { h = UInt8(clamping: newValue) }
    }
    public var minute: Int {
        get { Int(mi) }
        set { mi = UInt8(clamping: newValue) }
    }
    public var second: Int {
        get { Int(s) }
        set { s = UInt8(clamping: newValue) }
    }

    /// The fractional-second digits as written, up to nanoseconds ("" when there were none).
    public var fraction: String {
        get {
            guard digits > 0 else { return "" }
            let all = pad(Int(nanos), 9)
            return String(all.prefix(Int(digits)))
        }
        set {
            let kept = newValue.prefix(9).filter(\.isNumber)
            digits = UInt8(kept.count)
            nanos = UInt32(kept + String(repeating: "0", count: 9 - kept.count)) ?? 0
        }
    }

    public init(hour: Int, minute: Int, second: Int, fraction: String = "") {
        h = UInt8(clamping: hour)
        mi = UInt8(clamping: minute)
        s = UInt8(clamping: second)
        digits = 0
        nanos = 0
        self.fraction = fraction
    }

    /// `HH:MM:SS[.fff]`.
    public var text: String {
        pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2) + (fraction.isEmpty ? "" : "." + fraction)
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

/// One TOML value. Tables and arrays hold nodes, so every nested value keeps its position.
public enum TOMLValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    /// An offset date-time; `offsetMinutes` is east of UTC (`Z` is 0).
    case offsetDateTime(TOMLDate, TOMLTime, offsetMinutes: Int)
    case localDateTime(TOMLDate, TOMLTime)
    case localDate(TOMLDate)
    case localTime(TOMLTime)
    case array([TOMLNode])
    case table(TOMLTable)

}

/// A value with the position where it starts.
public struct TOMLNode: Equatable, Sendable {
    public var value: TOMLValue
    public var position: TOMLPosition

    public init(_ value: TOMLValue, at position: TOMLPosition) {
        self.value = value
        self.position = position
    }
}

/// A table: its keys in document order, each with the key's own position and its value.
public struct TOMLTable: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var key: String
        public var keyPosition: TOMLPosition
        public var node: TOMLNode

        public init(key: String, keyPosition: TOMLPosition, node: TOMLNode) {
            self.key = key
            self.keyPosition = keyPosition
            self.node = node
        }
    }

    public private(set) var entries: [Entry] = []
    /// Built only for large tables: small ones are searched in order, which is faster.
    private var index: [String: Int]?
    static let indexThreshold = 12

    public init() {}

    /// A table of entries whose keys the caller has checked are unique.
    init(entries: [Entry], index: [String: Int]?) {
        self.entries = entries
        self.index = index
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var keys: [String] { entries.map(\.key) }

    private func find(_ key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    public subscript(key: String) -> TOMLNode? {
        guard let i = find(key) else { return nil }
        return entries[i].node
    }

    public func entry(_ key: String) -> Entry? {
        guard let i = find(key) else { return nil }
        return entries[i]
    }

    /// Adds a key known to be new (the parser has checked).
    mutating func append(_ key: String, at keyPosition: TOMLPosition, _ node: TOMLNode) {
        entries.append(Entry(key: key, keyPosition: keyPosition, node: node))
        if index != nil {
            index![key] = entries.count - 1
        } else if entries.count > Self.indexThreshold {
            index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.key, $0) })
        }
    }

    /// Adds `key`; returns false (and changes nothing) when the key is already present.
    @discardableResult
    public mutating func insert(_ key: String, at keyPosition: TOMLPosition, _ node: TOMLNode) -> Bool {
        if find(key) != nil { return false }
        entries.append(Entry(key: key, keyPosition: keyPosition, node: node))
        if index != nil {
            index![key] = entries.count - 1
        } else if entries.count > Self.indexThreshold {
            index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.key, $0) })
        }
        return true
    }

    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool { lhs.entries == rhs.entries }
}

/// A parsed document: the root table and the file name the caller gave.
public struct TOMLDocument: Equatable, Sendable {
    public var file: String
    public var root: TOMLTable
}
