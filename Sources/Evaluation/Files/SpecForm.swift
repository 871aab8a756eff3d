import TOML

/// The fields of the product form, in the order of a spec file, and how what people type
/// becomes a TOML value. Pure: the interface holds the typed texts; this says what each
/// would store, or why it cannot.
public enum SpecForm {
    /// What a field holds, and so what it accepts.
    public enum Kind: Equatable, Sendable {
        /// Text up to `maxLength` characters; line breaks only where the key allows them.
        case text(maxLength: Int, lineBreaks: Bool)
        /// Dollars; `range` when the spec accepts `[low, high]` (an estimate).
        case money(range: Bool)
        case number(range: Bool)
        case whole
        case yesNo
        case date
        /// A date, or a window `[earliest, latest]`.
        case dateWindow
        case status
        case storageModel

        /// A text key's kind, with the decoder's own limit (`SpecKey.textLimit`).
        static func text(_ key: SpecKey) -> Kind {
            .text(maxLength: key.textLimit, lineBreaks: key.allowsLineBreaks)
        }
    }

    public struct Field: Equatable, Sendable {
        /// The key in the spec file (`camera.price`); `sources+` and `sources+date` are the
        /// new source's text and date, added to `sources` on save.
        public var path: String
        public var group: String
        public var label: String
        public var unit: String
        /// What the field means, shown under the form while the field is selected.
        public var meaning: String
        public var kind: Kind
    }

    public static let newSource = "sources+"
    public static let newSourceDate = "sources+date"
    /// A source's text: the decoder reads up to 2,000 characters of each.
    static let newSourceKind = Kind.text(maxLength: 2000, lineBreaks: false)

    public static let fields: [Field] = [
        Field(
            path: SpecKey.vendor.path, group: "Identity", label: "Vendor", unit: "",
            meaning: "The company that sells it (required).", kind: .text(.vendor)),
        Field(
            path: SpecKey.model.path, group: "Identity", label: "Model", unit: "",
            meaning: "The product's name; with the vendor, it names the row (required).", kind: .text(.model)),
        Field(
            path: SpecKey.summary.path, group: "Identity", label: "Summary", unit: "",
            meaning: "One sentence on what it is.",
            kind: .text(.summary)),
        Field(
            path: SpecKey.quoteDate.path, group: "Identity", label: "Quote date", unit: "date",
            meaning: "When these figures were given: 2015-04-21, 04/21/2015 or Apr 21 2015.", kind: .date),
        Field(
            path: SpecKey.status.path, group: "Availability", label: "Status", unit: "",
            meaning: "shipping (can be bought now) or announced (promised, not yet shipping).", kind: .status),
        Field(
            path: SpecKey.availabilityDate.path, group: "Availability", label: "Available", unit: "date",
            meaning: "The ship date, or a window: 2015-07-21 to 2015-08-21 (ranked on its middle day).",
            kind: .dateWindow),
        Field(
            path: SpecKey.cameraPrice.path, group: "Camera", label: "Price", unit: "$ per camera",
            meaning: "The quoted price of one camera; a range like 800-1000 when the quote gives one.",
            kind: .money(range: true)),
        Field(
            path: SpecKey.accessories.path, group: "Camera", label: "Accessories", unit: "$ per camera",
            meaning: "Mounts, cables, spare batteries bought with each camera.", kind: .money(range: false)),
        Field(
            path: SpecKey.warrantyYears.path, group: "Camera", label: "Warranty", unit: "years",
            meaning: "Years of warranty included in the price.", kind: .number(range: false)),
        Field(
            path: SpecKey.extendedWarranty.path, group: "Camera", label: "Extended warranty",
            unit: "$ per camera-year", meaning: "What each further year of warranty costs per camera.",
            kind: .money(range: false)),
        Field(
            path: SpecKey.dockPrice.path, group: "Docks", label: "Dock price", unit: "$ per dock",
            meaning: "The charging and upload dock, each.", kind: .money(range: false)),
        Field(
            path: SpecKey.camerasPerDock.path, group: "Docks", label: "Cameras per dock", unit: "cameras",
            meaning: "How many cameras one dock takes.", kind: .whole),
        Field(
            path: SpecKey.storageModel.path, group: "Software and storage", label: "Storage model", unit: "",
            meaning: "cloud (vendor keeps the video), on-premises (your server) or existing-backend.",
            kind: .storageModel),
        Field(
            path: SpecKey.setup.path, group: "Software and storage", label: "Software, setup", unit: "$ one-time",
            meaning: "One-time software licence or setup, e.g. evidence software on your server.",
            kind: .money(range: false)),
        Field(
            path: SpecKey.serverPrice.path, group: "Software and storage", label: "Server", unit: "$ one-time",
            meaning: "A server or disks bought for the video (on-premises).", kind: .money(range: false)),
        Field(
            path: SpecKey.serverTB.path, group: "Software and storage", label: "Server size", unit: "TB",
            meaning: "The server's capacity in terabytes (on-premises).", kind: .number(range: false)),
        Field(
            path: SpecKey.upkeepPerTBYear.path, group: "Software and storage", label: "Upkeep", unit: "$ per TB-year",
            meaning: "Yearly upkeep per stored terabyte (on-premises or existing back-end).", kind: .money(range: false)
        ),
        Field(
            path: SpecKey.includedGBPerUser.path, group: "Software and storage", label: "Included storage",
            unit: "GB per user", meaning: "Cloud storage included in each user's licence.", kind: .number(range: false)),
        Field(
            path: SpecKey.overagePerGBMonth.path, group: "Software and storage", label: "Extra storage",
            unit: "$ per GB-month", meaning: "What each GB beyond the included storage costs a month.",
            kind: .money(range: false)),
        Field(
            path: SpecKey.perUserPerMonth.path, group: "Licences", label: "Per user", unit: "$ per user-month",
            meaning: "Licence or cloud fee per licensed user per month; a range when unsure.", kind: .money(range: true)
        ),
        Field(
            path: SpecKey.perCameraPerMonth.path, group: "Licences", label: "Per camera", unit: "$ per camera-month",
            meaning: "Licence or cloud fee per camera per month; a range when unsure.", kind: .money(range: true)),
        Field(
            path: SpecKey.contractYears.path, group: "Licences", label: "Contract", unit: "years",
            meaning: "How long the licence or cloud contract runs (shown in why; costs count over the horizon).",
            kind: .number(range: false)),
        Field(
            path: SpecKey.resolution.path, group: "Video", label: "Resolution", unit: "",
            meaning: "As the vendor states it: 720p, 1080p, 640x480.", kind: .text(.resolution)),
        Field(
            path: SpecKey.gbPerHour.path, group: "Video", label: "Video size", unit: "GB per hour",
            meaning: "GB of video per recorded hour at that resolution (drives storage).", kind: .number(range: false)),
        Field(
            path: SpecKey.fieldOfView.path, group: "Video", label: "Field of view", unit: "degrees",
            meaning: "The lens's angle of view.", kind: .number(range: false)),
        Field(
            path: SpecKey.batteryHours.path, group: "Video", label: "Battery", unit: "hours",
            meaning: "Hours of recording on one charge.", kind: .number(range: false)),
        Field(
            path: SpecKey.preEventSeconds.path, group: "Video", label: "Pre-event buffer", unit: "seconds",
            meaning: "Seconds kept from before the officer presses record.", kind: .number(range: false)),
        Field(
            path: SpecKey.preEventAudio.path, group: "Video", label: "Pre-event audio", unit: "yes/no",
            meaning: "Whether the pre-event buffer records sound.", kind: .yesNo),
        Field(
            path: SpecKey.inCarSystem.path, group: "Integration", label: "In-car system", unit: "",
            meaning: "The in-car system its integration works with, e.g. Panasonic Arbitrator.",
            kind: .text(.inCarSystem)),
        Field(
            path: SpecKey.feature(.evidenceSoftware).path, group: "Integration", label: "Shared software",
            unit: "yes/no", meaning: "The same evidence software as the in-car system.", kind: .yesNo),
        Field(
            path: SpecKey.feature(.carTriggers).path, group: "Integration", label: "Car triggers", unit: "yes/no",
            meaning: "The car's lights or siren start the camera recording.", kind: .yesNo),
        Field(
            path: SpecKey.feature(.synchronisedPlayback).path, group: "Integration", label: "Synced playback",
            unit: "yes/no",
            meaning: "Body and car video play back side by side, in step.", kind: .yesNo),
        Field(
            path: SpecKey.feature(.sharedUpload).path, group: "Integration", label: "Shared upload", unit: "yes/no",
            meaning: "Uploads over the cars' Wi-Fi or docks.", kind: .yesNo),
        Field(
            path: newSource, group: "Sources", label: "New source", unit: "",
            meaning: "Where these figures came from (an e-mail, a web page); added to the sources.",
            kind: newSourceKind),
        Field(
            path: newSourceDate, group: "Sources", label: "Its date", unit: "date",
            meaning: "The new source's date: 2015-04-21, 04/21/2015 or Apr 21 2015.", kind: .date),
        Field(
            path: SpecKey.notes.path, group: "Notes", label: "Notes", unit: "",
            meaning:
                "Anything a reader should know: what is assumed, what to ask. Line breaks in the file show as ⏎ and are kept; to add one, o opens the file in your editor.",
            kind: .text(.notes)),
    ]

    // MARK: - What a typed text stores

    /// What a typed text becomes: nothing (the key is left out), a TOML literal with the text
    /// the form shows for it, or a refusal that says exactly what to type.
    public enum Reading: Equatable, Sendable {
        case empty
        case value(literal: String, shown: String)
        case refused(String)
    }

    public static func read(_ input: String, as kind: Kind) -> Reading {
        let text = trimmed(input)
        if text.isEmpty { return .empty }
        let lineBreaks: Bool
        if case .text(_, let allowed) = kind { lineBreaks = allowed } else { lineBreaks = false }
        if let bad = text.unicodeScalars.first(where: {
            !(lineBreaks && ($0 == "\n" || $0 == "\r")) && (SafeText.isHostile($0) || $0.value < 0x20)
        }) {
            return .refused("remove the control character U+\(hex(bad.value)) from the text")
        }
        switch kind {
        case .text(let maxLength, _):
            guard text.count <= maxLength else {
                return .refused("at most \(maxLength) characters; this has \(text.count)")
            }
            return .value(literal: Quoting.toml(text), shown: text)
        case .money(let range), .number(let range):
            let money = kind == .money(range: range)
            if let (low, high) = splitRange(text) {
                guard range else { return .refused("give one figure; this field takes no range") }
                switch (amount(low, money: money), amount(high, money: money)) {
                case (.success(let a), .success(let b)):
                    guard a <= b else {
                        return .refused(
                            "the range runs from the lower figure to the higher: write \(Format.literal(b))-\(Format.literal(a))"
                        )
                    }
                    if a == b { return .value(literal: Format.literal(a), shown: shown(a, money: money)) }
                    return .value(
                        literal: "[\(Format.literal(a)), \(Format.literal(b))]",
                        shown: shown(a, money: money) + " to " + shown(b, money: money))
                case (.failure(let m), _), (_, .failure(let m)):
                    return .refused(m.text)
                }
            }
            switch amount(text, money: money) {
            case .success(let v): return .value(literal: Format.literal(v), shown: shown(v, money: money))
            case .failure(let m): return .refused(m.text)
            }
        case .whole:
            switch amount(text, money: false) {
            case .success(let v):
                guard v == v.rounded(), v < 1_000_000 else { return .refused("a whole number, like 8") }
                return .value(literal: Format.literal(v), shown: Format.literal(v))
            case .failure(let m): return .refused(m.text)
            }
        case .yesNo:
            switch text.lowercased() {
            case "yes", "y", "true", "t", "x", "on": return .value(literal: "true", shown: "yes")
            case "no", "n", "false", "f", "off", "none": return .value(literal: "false", shown: "no")
            default: return .refused("type yes or no")
            }
        case .date:
            switch date(text) {
            case .success(let d): return .value(literal: d.text, shown: d.text)
            case .failure(let m): return .refused(m.text)
            }
        case .dateWindow:
            if let (a, b) = splitWindow(text) {
                switch (date(a), date(b)) {
                case (.success(let x), .success(let y)):
                    guard x.daysSinceEpoch <= y.daysSinceEpoch else {
                        return .refused("the window runs from the earlier date: write \(y.text) to \(x.text)")
                    }
                    if x == y { return .value(literal: x.text, shown: x.text) }
                    return .value(literal: "[\(x.text), \(y.text)]", shown: "\(x.text) to \(y.text)")
                case (.failure(let m), _), (_, .failure(let m)):
                    return .refused(m.text)
                }
            }
            switch date(text) {
            case .success(let d): return .value(literal: d.text, shown: d.text)
            case .failure(let m): return .refused(m.text + "; or a window: 2015-07-21 to 2015-08-21")
            }
        case .status:
            switch text.lowercased() {
            case "shipping", "now", "available", "available now", "in stock", "on sale", "ships now", "shipping now":
                return .value(literal: "\"shipping\"", shown: "shipping")
            case "announced", "coming", "not yet", "promised", "pre-order", "preorder":
                return .value(literal: "\"announced\"", shown: "announced")
            default: return .refused("type shipping (can be bought now) or announced (promised, not yet shipping)")
            }
        case .storageModel:
            // Hosting in the words quotes use: "on your own server", "Evidence.com", "the Arbitrator back-end".
            return hosting(text.lowercased())
                ?? .refused("type cloud, on-premises (your server) or existing-backend (the in-car system's)")
        }
    }

    /// A refusal's words (a struct so it can be a `Result`'s failure).
    struct Message: Error {
        var text: String
    }

    /// `s` without spaces and tabs at either end.
    public static func trimmedText(_ s: String) -> String { trimmed(s) }

    static func trimmed(_ s: String) -> String {
        var scalars = Substring(s).unicodeScalars[...]
        while let f = scalars.first, f == " " || f == "\t" { scalars = scalars.dropFirst() }
        while let l = scalars.last, l == " " || l == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func shown(_ v: Double, money: Bool) -> String {
        money ? Format.dollars(v, cents: v != v.rounded()) : Format.literal(v)
    }

    /// "800-1000", "$800 - $1,000", "800 to 1000", "800–1000": the two ends. A leading minus
    /// is not a range (and no field takes a negative figure).
    static func splitRange(_ text: String) -> (String, String)? {
        for separator in [" to ", "–", "—", "-"] {
            guard let r = text.firstRange(of: separator), r.lowerBound != text.startIndex else { continue }
            return (trimmed(String(text[..<r.lowerBound])), trimmed(String(text[r.upperBound...])))
        }
        return nil
    }

    /// A window of two dates: "2015-07-21 to 2015-08-21", "Jul 21 2015 – Aug 21 2015".
    /// ISO dates hold "-", so a plain hyphen separates only when spaced.
    static func splitWindow(_ text: String) -> (String, String)? {
        for separator in [" to ", " – ", "–", " — ", " - ", ".."] {
            guard let r = text.firstRange(of: separator), r.lowerBound != text.startIndex else { continue }
            return (trimmed(String(text[..<r.lowerBound])), trimmed(String(text[r.upperBound...])))
        }
        return nil
    }

    /// A figure as people write it: `$899`, `3,000`, `1,250.50`, `0.125`, `$ 55`. Commas are
    /// taken only as thousands separators in their right places; anything else that could be
    /// read two ways is refused with the two readings.
    static func amount(_ raw: String, money: Bool) -> Result<Double, Message> {
        var text = trimmed(raw)
        if text.hasPrefix("$") { text = trimmed(String(text.dropFirst())) }
        for suffix in [" dollars", " USD", " usd", " each", " per camera"] where text.hasSuffix(suffix) {
            text = trimmed(String(text.dropLast(suffix.count)))
        }
        if text.hasPrefix("-") {
            return .failure(Message(text: "a figure of 0 or more; this field takes no negative number"))
        }
        let allowed = Set("0123456789.,")
        guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }) else {
            return .failure(
                Message(text: money ? "a number of dollars, like 899 or $1,250.50" : "a number, like 2.7 or 1,000"))
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            return .failure(
                Message(
                    text: "\"\(text)\" has more than one point; write the figure with one decimal point, like 1250.50"))
        }
        let whole = String(parts[0])
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        if fraction.contains(",") {
            return .failure(
                Message(
                    text:
                        "\"\(text)\" mixes commas and points; write 1250.50 for one thousand two hundred fifty and a half"
                ))
        }
        // "3.000" in dollars: three dollars, or three thousand written with a point between groups.
        if money && fraction.count == 3 && (1...3).contains(whole.count) && whole != "0" && !whole.contains(",") {
            let asThousands = whole + fraction
            return .failure(
                Message(
                    text:
                        "\"\(text)\" could be read two ways: write \(Int(asThousands) ?? 0) or \(whole).\(fraction.prefix(2)) (a point only for cents, no thousands separators)"
                ))
        }
        var digits = whole
        if whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            let proper =
                groups.first.map { (1...3).contains($0.count) } == true
                && groups.dropFirst().allSatisfy { $0.count == 3 }
            guard proper else {
                // "3,00" or "1,5": a decimal comma or a slip; both readings differ by far.
                let asPoint = groups.count == 2 ? "\(groups[0]).\(groups[1])" : nil
                let asThousands = groups.joined()
                var m = "\"\(text)\" could be read two ways: write \(asThousands)"
                if let asPoint { m += " or \(asPoint)" }
                return .failure(Message(text: m + " (a point for decimals, no commas)"))
            }
            digits = groups.joined()
        }
        guard !digits.isEmpty || !fraction.isEmpty,
            let v = Double(digits.isEmpty ? "0." + fraction : digits + (fraction.isEmpty ? "" : "." + fraction)),
            v.isFinite
        else {
            return .failure(
                Message(text: money ? "a number of dollars, like 899 or $1,250.50" : "a number, like 2.7 or 1,000"))
        }
        return .success(v)
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// A date as people write it: 2015-04-21, 04/21/2015 (US order), Apr 21 2015,
    /// April 21, 2015, 21 April 2015. 04/05/2015 could be April 5 or 4 May and is refused.
    static func date(_ raw: String) -> Result<TOMLDate, Message> {
        let text = trimmed(raw)
        let example = "a date like 2015-04-21, 04/21/2015 or Apr 21 2015"
        func make(_ y: Int, _ m: Int, _ d: Int) -> Result<TOMLDate, Message> {
            // The years the spec decoder accepts (FieldReader.plausible).
            guard (1990...2100).contains(y), (1...12).contains(m), d >= 1, d <= TOMLDate.daysIn(month: m, year: y)
            else {
                return .failure(Message(text: "\(text) is not a date on the calendar"))
            }
            return .success(TOMLDate(year: y, month: m, day: d))
        }
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        if iso.count == 3, iso[0].count == 4, let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2]) {
            return make(y, m, d)
        }
        let slash = text.split(separator: "/", omittingEmptySubsequences: false)
        if slash.count == 3, let a = Int(slash[0]), let b = Int(slash[1]), let y = Int(slash[2]) {
            guard slash[2].count == 4 else {
                return .failure(Message(text: "give the year in full: \(slash[0])/\(slash[1])/20\(slash[2].suffix(2))"))
            }
            if a <= 12 && b <= 12 && a != b {
                let first = TOMLDate(year: y, month: a, day: b).text
                let second = TOMLDate(year: y, month: b, day: a).text
                return .failure(
                    Message(
                        text:
                            "\(text) could be \(monthName(a)) \(b) or \(a) \(monthName(b)): write \(first) for \(monthName(a)) \(b), \(second) for \(a) \(monthName(b))"
                    ))
            }
            return a > 12 ? make(y, b, a) : make(y, a, b)
        }
        // Words: a month name, a day and a year in either order.
        let words = text.replacingCommas.split(separator: " ").map { $0.lowercased() }
        if words.count == 3 {
            var month: Int?
            var numbers: [Substring] = []
            for w in words {
                if let i = months.firstIndex(where: { w.hasPrefix($0) }), month == nil {
                    month = i + 1
                } else {
                    numbers.append(Substring(w.hasSuffix(".") ? String(w.dropLast()) : w))
                }
            }
            if let month, numbers.count == 2 {
                let (dayText, yearText) = numbers[0].count == 4 ? (numbers[1], numbers[0]) : (numbers[0], numbers[1])
                if let d = Int(dayText.filter(\.isNumber)), let y = Int(yearText), yearText.count == 4 {
                    return make(y, month, d)
                }
            }
        }
        return .failure(Message(text: example))
    }

    static func monthName(_ m: Int) -> String {
        [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ][m - 1]
    }

    // MARK: - From a file, and back

    /// The text each field shows for a spec's current values (empty when the key is absent).
    public static func inputs(from root: TOMLTable) -> [String: String] {
        var out: [String: String] = [:]
        for f in fields {
            guard let node = value(f.path, in: root) else { continue }
            out[f.path] = text(of: node.value, kind: f.kind)
        }
        return out
    }

    static func value(_ path: String, in root: TOMLTable) -> TOMLNode? {
        let parts = path.split(separator: ".")
        var table = root
        for (i, p) in parts.enumerated() {
            guard let node = table[String(p)] else { return nil }
            if i == parts.count - 1 { return node }
            guard case .table(let t) = node.value else { return nil }
            table = t
        }
        return nil
    }

    static func text(of value: TOMLValue, kind: Kind) -> String {
        switch value {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .float(let d): return Format.literal(d)
        case .boolean(let b): return b ? "yes" : "no"
        case .localDate(let d): return d.text
        case .array(let items) where items.count == 2:
            let ends = items.map { text(of: $0.value, kind: kind) }
            if case .dateWindow = kind { return ends[0] + " to " + ends[1] }
            return ends[0] + "-" + ends[1]
        default: return ""
        }
    }

    /// The edits that turn a spec into what the form holds: changed fields rewritten, emptied
    /// ones taken out, and a new source appended to `sources` (kept as they were otherwise).
    /// Refused fields are skipped: the form does not save while any is refused.
    public static func edits(inputs: [String: String], original: [String: String]) -> [ProfileEdit] {
        var edits: [ProfileEdit] = []
        for f in fields where f.path != newSource && f.path != newSourceDate {
            let now = trimmed(inputs[f.path] ?? "")
            guard now != trimmed(original[f.path] ?? "") else { continue }
            switch read(now, field: f, quoteDate: quoteDate(inputs)) {
            case .empty: edits.append(.remove(f.path))
            case .value(let literal, _): edits.append(ProfileEdit(f.path, literal))
            case .refused: continue
            }
        }
        if case .value(let literal, _) = read(inputs[newSource] ?? "", as: newSourceKind) {
            var item = "{ text = \(literal)"
            if case .value(let d, _) = read(inputs[newSourceDate] ?? "", as: .date) { item += ", date = \(d)" }
            item += " }"
            let whole = "[\n  " + item + ",\n]"
            edits.append(.append("sources", item: item, whole: whole))
        }
        return edits
    }

    /// The quote date the form holds, when it reads as a date (lead times count from it).
    public static func quoteDate(_ inputs: [String: String]) -> TOMLDate? {
        if case .success(let d) = date(inputs[SpecKey.quoteDate.path] ?? "") { return d }
        return nil
    }

    /// A file name for a new product: `vievu-le3-quote.toml` from its vendor and model.
    public static func fileName(vendor: String, model: String) -> String {
        var slug = ""
        for c in (vendor + " " + model).lowercased().unicodeScalars {
            if ("a"..."z").contains(c) || ("0"..."9").contains(c) {
                slug.unicodeScalars.append(c)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty || slug == "department" || slug == "market" {
            slug = "product" + (slug.isEmpty ? "" : "-" + slug)
        }
        return String(slug.prefix(60)) + ".toml"
    }
}

extension String {
    fileprivate var replacingCommas: String {
        String(map { $0 == "," ? " " : $0 }).split(separator: " ").joined(separator: " ")
    }
}
