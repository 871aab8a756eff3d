import TOML

/// Figures as vendors write them in a quote: "$39 per officer per month", "$250 per 5-bay dock",
/// "free", "2 year warranty", "unlimited", "on your own server", "ships in 2 weeks". Each is
/// read into the field's own unit, or refused with the exact thing to type (and the field that
/// takes it). Pure: the form asks, this answers.
extension SpecForm {
    /// A word without the punctuation around it ("month," -> "month").
    static func bare(_ word: String) -> String {
        String(word.drop { ",.;:()".contains($0) }.reversed().drop { ",.;:()".contains($0) }.reversed())
    }

    /// What a quote's figure is counted per.
    enum Basis: String, Hashable, CaseIterable, Sendable {
        case camera, user, dock, month, year, once, tb, gb

        var words: String {
            switch self {
            case .camera: return "per camera"
            case .user: return "per officer or user"
            case .dock: return "per dock"
            case .month: return "a month"
            case .year: return "a year"
            case .once: return "one-time"
            case .tb: return "per TB"
            case .gb: return "per GB"
            }
        }
    }

    /// The bases a money field's unit names: "$ per camera-month" is per camera and a month.
    static func bases(ofUnit unit: String) -> Set<Basis> {
        var out: Set<Basis> = []
        let u = unit.lowercased()
        if u.contains("camera") { out.insert(.camera) }
        if u.contains("user") { out.insert(.user) }
        if u.contains("dock") { out.insert(.dock) }
        if u.contains("month") { out.insert(.month) }
        if u.contains("year") { out.insert(.year) }
        if u.contains("one-time") { out.insert(.once) }
        if u.contains("tb") { out.insert(.tb) }
        if u.contains("gb") { out.insert(.gb) }
        return out
    }

    /// Words that say nothing a field needs ("2 year warranty", "60 GB included").
    static let fillerWords: Set<String> = [
        "warranty", "battery", "of", "recording", "storage", "included", "video", "buffer", "the", "for", "price",
        "cost", "fee", "licence", "license", "plan", "pre-event", "capacity", "per", "a", "an", "each", "at", "is",
        "contract",
        "term", "officer", "user", "camera",
    ]

    /// The words after a figure as bases ("per officer per month" -> user, month), and a dock's
    /// bay count ("5-bay"); nil when a word is not one of them.
    static func basisWords(_ words: [String]) -> (bases: Set<Basis>, bays: Int?)? {
        var out: Set<Basis> = []
        var bays: Int?
        for raw in words {
            let w = bare(raw)
            switch w {
            case "camera", "cameras", "unit", "units", "device", "devices", "body-worn":
                out.insert(.camera)
            case "officer", "officers", "user", "users", "seat", "seats", "licensed":
                out.insert(.user)
            case "dock", "docks", "charger", "chargers", "bay", "bays": out.insert(.dock)
            case "month", "months", "mo", "monthly", "/mo", "/month": out.insert(.month)
            case "year", "years", "yr", "yrs", "annually", "yearly", "annum", "/yr", "/year": out.insert(.year)
            case "one-time", "once", "onetime": out.insert(.once)
            case "tb", "terabyte", "terabytes": out.insert(.tb)
            case "gb", "gigabyte", "gigabytes": out.insert(.gb)
            case _ where w.hasSuffix("-bay"):
                guard let n = Int(w.dropLast(4)) else { return nil }
                bays = n
                out.insert(.dock)
            case _ where fillerWords.contains(w): continue
            default: return nil
            }
        }
        return (out, bays)
    }

    /// The figure at the start of `text` ("$39", "3,000", "800-1000", "$800 to $1,000") and the
    /// words after it.
    static func figureAndWords(_ text: String) -> (figure: String, words: [String]) {
        let tokens = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var figure: [String] = []
        var i = 0
        func numeric(_ t: String) -> Bool {
            let body = t.drop { $0 == "$" }
            return !body.isEmpty && body.allSatisfy { "0123456789.,-–".contains($0) }
        }
        while i < tokens.count {
            let t = tokens[i]
            if numeric(t) || t == "$"
                || ((t == "to" || t == "-" || t == "–") && !figure.isEmpty && i + 1 < tokens.count
                    && numeric(tokens[i + 1]))
            {
                figure.append(t)
                i += 1
            } else {
                break
            }
        }
        // "2-year" and "5-bay" carry their unit on the figure.
        if figure.count == 1, let dash = figure[0].lastIndex(of: "-"), dash != figure[0].startIndex {
            let tail = String(figure[0][figure[0].index(after: dash)...])
            if tail.allSatisfy(\.isLetter) && !tail.isEmpty {
                return (String(figure[0][..<dash]), [tail] + tokens[i...])
            }
        }
        if figure.isEmpty, let first = tokens.first, let dash = first.firstIndex(of: "-"),
            Double(first[..<dash]) != nil
        {
            return (String(first[..<dash]), [String(first[first.index(after: dash)...])] + tokens.dropFirst())
        }
        return (figure.joined(separator: " "), Array(tokens[i...]))
    }

    /// A unit of a number field, and the words people write for it.
    enum Unit: String, CaseIterable, Sendable {
        case years, hours, seconds, gb, tb, degrees, cameras

        init?(field unit: String) {
            let u = unit.lowercased()
            if u == "years" {
                self = .years
            } else if u == "hours" {
                self = .hours
            } else if u == "seconds" {
                self = .seconds
            } else if u.hasPrefix("gb") {
                self = .gb
            } else if u == "tb" {
                self = .tb
            } else if u == "degrees" {
                self = .degrees
            } else if u == "cameras" {
                self = .cameras
            } else {
                return nil
            }
        }

        static func named(_ word: String) -> Unit? {
            switch word {
            case "year", "years", "yr", "yrs": return .years
            case "h", "hr", "hrs", "hour", "hours": return .hours
            case "s", "sec", "secs", "second", "seconds": return .seconds
            case "gb", "gigabyte", "gigabytes", "gb/h", "gb/hr": return .gb
            case "tb", "terabyte", "terabytes": return .tb
            case "°", "deg", "degree", "degrees": return .degrees
            case "camera", "cameras", "bay", "bays": return .cameras
            default: return nil
            }
        }
    }

    /// Reads `input` for `field` as a quote words it, falling back to `read(_:as:)`; a lead
    /// time counts from `quoteDate`.
    public static func read(_ input: String, field: Field, quoteDate: TOMLDate?) -> Reading {
        let text = trimmed(input)
        let lower = text.lowercased()
        switch field.kind {
        case .money:
            if ["free", "included", "no charge", "no cost", "n/c", "nc", "none", "nothing", "$0"].contains(lower) {
                return .value(literal: "0", shown: "$0 (\(lower == "$0" ? "stated" : lower))")
            }
            let (figure, words) = figureAndWords(text)
            guard !words.isEmpty, !figure.isEmpty else { break }
            guard let (stated, bays) = basisWords(words) else {
                let unknown = words.first { basisWords([$0]) == nil } ?? words.joined(separator: " ")
                return .refused("\"\(bare(unknown))\" is not a basis this field reads: type the figure \(field.unit)")
            }
            let wanted = bases(ofUnit: field.unit)
            let extra = stated.subtracting(wanted)
            if extra.isEmpty {
                guard case .value(let literal, let shown) = read(figure, as: field.kind) else {
                    return read(figure, as: field.kind)
                }
                if let bays, field.path == SpecKey.dockPrice.path {
                    return .value(
                        literal: literal, shown: "\(shown) (a \(bays)-bay dock: type \(bays) in Cameras per dock)")
                }
                return .value(literal: literal, shown: shown)
            }
            // A month where the field is a year (or a year where it is a month): the figure it means.
            if extra == [.month] && wanted.contains(.year) || extra == [.year] && wanted.contains(.month),
                case .success(let v) = amount(figure, money: true)
            {
                let converted = extra == [.month] ? v * 12 : v / 12
                let figureText = Format.dollars(converted, cents: converted != converted.rounded())
                return .refused(
                    "\(field.label) is \(field.unit); \"\(text)\" is \(extra == [.month] ? "a month" : "a year"): type \(figureText)"
                )
            }
            let home = fields.first { f in
                if case .money = f.kind { return stated.isSubset(of: bases(ofUnit: f.unit)) && f.path != field.path }
                return false
            }
            let what = extra.sorted { $0.rawValue < $1.rawValue }.map(\.words).joined(separator: ", ")
            if let home {
                return .refused("\"\(text)\" is \(what): it goes in \(home.label) (\(home.unit)), not \(field.label)")
            }
            return .refused("\(field.label) is \(field.unit); \"\(text)\" is \(what)")
        case .number, .whole:
            if field.path == SpecKey.includedGBPerUser.path
                && ["unlimited", "no limit", "unlimited storage", "no cap"].contains(lower)
            {
                return .value(literal: "\"unlimited\"", shown: "unlimited")
            }
            guard let unit = Unit(field: field.unit) else { break }
            let (figure, words) = figureAndWords(text)
            guard !words.isEmpty, !figure.isEmpty else { break }
            let named = words.compactMap { Unit.named(bare($0)) }
            let others = words.filter { Unit.named(bare($0)) == nil && !fillerWords.contains(bare($0)) }
            guard others.isEmpty, let said = named.first else {
                return .refused(
                    "type a number of \(field.unit), like 2; \"\(text)\" has words this field does not read")
            }
            var factor = 1.0
            switch (said, unit) {
            case _ where said == unit: factor = 1
            case (.tb, .gb): factor = 1000
            case (.gb, .tb): factor = 0.001
            default:
                let home = fields.first { Unit(field: $0.unit) == said && $0.path != field.path }
                return .refused(
                    "\(field.label) takes \(field.unit); \"\(text)\" is \(said.rawValue)"
                        + (home.map { ": it goes in \($0.label)" } ?? ""))
            }
            let reading = read(figure, as: field.kind)
            guard factor != 1, case .value = reading, case .success(let v) = amount(figure, money: false) else {
                return reading
            }
            return read(Format.number(v * factor, places: 6), as: field.kind)
        case .dateWindow:
            if let lead = leadTime(lower) {
                guard let q = quoteDate else {
                    return .refused(
                        "a lead time counts from the quote date: fill in Quote date first, or type the date")
                }
                let a = q.adding(lead.low)
                let b = q.adding(lead.high)
                let from = "from the quote of \(q.text)"
                if a == b { return .value(literal: a.text, shown: "\(a.text) (\(lead.text) \(from))") }
                return .value(literal: "[\(a.text), \(b.text)]", shown: "\(a.text) to \(b.text) (\(lead.text) \(from))")
            }
        default: break
        }
        return read(text, as: field.kind)
    }

    /// What a revised quote (`D`) starts without: the old quote's prices, dates and notes. The
    /// product's identity and capabilities stay; each removed line goes with its comment, so no
    /// remark about an old figure ("# shipping since July 2013") sits beside a new one.
    public static let revisedQuoteClears: [SpecKey] = [
        .quoteDate, .availabilityDate, .cameraPrice, .accessories, .extendedWarranty, .dockPrice, .setup, .serverPrice,
        .perUserPerMonth, .perCameraPerMonth, .overagePerGBMonth, .upkeepPerTBYear, .notes,
    ]

    /// `text` (a spec) as a revised quote starts: `revisedQuoteClears` taken out.
    public static func revisedQuote(_ text: String) throws(ProfileEditor.Failure) -> String {
        try ProfileEditor.apply(revisedQuoteClears.map { ProfileEdit.remove($0.path) }, to: text, file: "spec")
    }

    /// The revised quote's model: the original's, with what differs, the quote's date when it
    /// has one ("FirstVu HD (quote 2015-04-24)"), else "(revised)".
    public static func revisedModel(_ model: String, quoteDate: TOMLDate?) -> String {
        model + (quoteDate.map { " (quote \($0.text))" } ?? " (revised)")
    }

    /// What an empty field does, in the words the form shows under it: estimated from the
    /// market reference (with the range), none bought, counted as none, or unknown.
    public static func whenEmpty(_ f: Field, market: MarketReference?, hosting: StorageModel?) -> String {
        func estimated(_ item: MarketItem, _ per: String = "") -> String {
            guard let m = market?[item] else {
                return "Left out: unknown (no market estimate): never counted as $0; the letters ask for it."
            }
            let range =
                item == .gbPerHour
                ? "\(Format.number(m.low))-\(Format.number(m.high)) GB an hour"
                : "\(Format.dollars(m.low, cents: m.low != m.low.rounded()))-\(Format.dollars(m.high, cents: m.high != m.high.rounded()))\(per)"
            return "Left out: estimated at \(range) from the market reference (marked ~); the letters ask for it."
        }
        switch f.path {
        case SpecKey.vendor.path, SpecKey.model.path: return "Required."
        case SpecKey.cameraPrice.path: return estimated(.cameraPrice)
        case SpecKey.dockPrice.path: return estimated(.docksPerCamera, " a camera")
        case SpecKey.setup.path: return estimated(.setup)
        case SpecKey.serverPrice.path:
            return hosting == .cloud ? "Left out: a cloud plan needs no server." : estimated(.serverPrice)
        case SpecKey.upkeepPerTBYear.path:
            return hosting == .cloud
                ? "Left out: a cloud plan has no upkeep." : estimated(.upkeepPerTBYear, " a TB a year")
        case SpecKey.gbPerHour.path: return estimated(.gbPerHour)
        case SpecKey.perCameraPerMonth.path, SpecKey.perUserPerMonth.path:
            switch hosting {
            case .cloud?: return estimated(.cloudPerCameraPerMonth, " a camera a month")
            case .onPremises?: return estimated(.softwarePerCameraPerMonth, " a camera a month")
            case .existingBackend?: return estimated(.backendPerCameraPerMonth, " a camera a month")
            case nil:
                return estimated(.cloudPerCameraPerMonth, " a camera a month (as a cloud plan, the dearer reading)")
            }
        case SpecKey.accessories.path, SpecKey.extendedWarranty.path:
            return "Left out: none bought ($0), as when a quote lists none."
        case SpecKey.includedGBPerUser.path:
            return "Left out: counted as none, so every stored GB pays the extra-storage price."
        case SpecKey.batteryHours.path:
            return "Left out: unknown; a shift-length battery is an unconfirmed weakness, asked in the letter."
        case SpecKey.warrantyYears.path: return "Left out: shown as not stated, and asked in the letter."
        case SpecForm.newSource, SpecForm.newSourceDate: return "Left out."
        default: return "Left out of the file: shown as unknown, never as 0."
        }
    }

    /// Hosting in the common wordings: "on your own server", "hosted by the vendor",
    /// "Evidence.com", "on the Arbitrator back-end".
    static func hosting(_ lower: String) -> Reading? {
        let cloud = ["cloud", "hosted", "saas", "evidence.com", "vendor's servers", "their servers", "online"]
        let own = ["server", "prem", "on-site", "onsite", "on site", "in-house", "local", "our own", "your own"]
        let backend = ["existing", "back-end", "backend", "in-car", "arbitrator"]
        let isCloud =
            cloud.contains { lower.contains($0) } && !lower.contains("your server") && !lower.contains("own server")
        let isBackend = backend.contains { lower.contains($0) }
        let isOwn = own.contains { lower.contains($0) } && !isBackend
        switch (isCloud, isOwn, isBackend) {
        case (true, false, false): return .value(literal: "\"cloud\"", shown: "cloud")
        case (false, true, false): return .value(literal: "\"on-premises\"", shown: "on-premises")
        case (false, _, true): return .value(literal: "\"existing-backend\"", shown: "existing-backend")
        default: return nil
        }
    }

    /// A lead time: "ships in 2 weeks", "30 days after order", "3-4 months", "in three to four
    /// months": the days from the quote date, at the low and the high end.
    static func leadTime(_ lower: String) -> (low: Lead, high: Lead, text: String)? {
        let words = lower.replacing("–", with: "-").split(separator: " ").map(String.init)
        let skip: Set<String> = [
            "ships", "ship", "shipping", "in", "within", "delivery", "delivered", "available", "lead", "time", "after",
            "from", "order", "the", "of", "aro", "approximately", "about", "around",
        ]
        let numbers = [
            "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12,
        ]
        var values: [Int] = []
        var unit: String?
        for w in words {
            if skip.contains(w) || w == "to" || w == "-" { continue }
            if let n = Int(w) ?? numbers[w] {
                values.append(n)
            } else if w.contains("-"), case let parts = w.split(separator: "-"), parts.count == 2,
                let a = Int(parts[0]) ?? numbers[String(parts[0])], let b = Int(parts[1]) ?? numbers[String(parts[1])]
            {
                values += [a, b]
            } else if ["day", "days", "week", "weeks", "month", "months"].contains(w) {
                unit = w.hasSuffix("s") ? String(w.dropLast()) : w
            } else {
                return nil
            }
        }
        guard let unit, (1...2).contains(values.count), values.allSatisfy({ $0 > 0 && $0 <= 1000 }) else { return nil }
        func lead(_ n: Int) -> Lead {
            switch unit {
            case "week": return Lead(days: 7 * n)
            case "month": return Lead(months: n)
            default: return Lead(days: n)
            }
        }
        let low = values.min()!
        let high = values.max()!
        let text = (low == high ? "\(low)" : "\(low) to \(high)") + " \(unit)\(high == 1 ? "" : "s")"
        return (lead(low), lead(high), text)
    }

    /// Days or calendar months after a date.
    struct Lead: Equatable, Sendable {
        var days = 0
        var months = 0
    }
}

extension TOMLDate {
    /// The date `lead` after this one (a month later on the same day, or the month's last day).
    func adding(_ lead: SpecForm.Lead) -> TOMLDate {
        var y = year
        var m = month + lead.months
        while m > 12 {
            m -= 12
            y += 1
        }
        let d = min(day, TOMLDate.daysIn(month: m, year: y))
        return TOMLDate(daysSinceEpoch: TOMLDate(year: y, month: m, day: d).daysSinceEpoch + lead.days)
    }
}
