/// The ranking as text for people (a table that fits 100 columns) and for programs (CSV, JSON).
public enum RankingReport {
    /// The per-product fields of CSV and JSON, in order.
    public static let fields = [
        "rank", "id", "vendor", "model", "score", "cost_score", "integration_score", "storage_score", "availability_score",
        "upfront_cost", "annual_cost", "tco", "year_one_cost", "funds", "funds_left", "within_funds", "cameras_affordable", "cameras_wanted",
        "storage_tb", "storage_fits", "available", "meets_need_by", "status", "not_counted",
    ]

    static func cells(_ e: RankedProduct, funds: Double) -> [CSV.Cell] {
        let a = e.assessment
        let p = a.product
        func score(_ c: Criterion) -> CSV.Cell { .number(a.scores[c], places: 2) }
        return [
            .integer(e.rank), .text(p.id), .text(p.vendor), .text(p.model), .number(e.score, places: 2),
            score(.cost), score(.integration), score(.storage), score(.availability),
            .number(a.cost.upfront, places: 2), .number(a.cost.annual, places: 2), .number(a.cost.tco, places: 2),
            .number(a.cost.yearOne, places: 2), .number(funds, places: 2), .number(a.cost.leftover, places: 2),
            .text(a.cost.withinFunds ? "yes" : "no"),
            .integer(a.cost.camerasAffordable), .integer(a.cost.cameras),
            .number(a.storage.storedTB, places: 3), .text(a.storage.fits.map { $0 ? "yes" : "no" } ?? "unknown"),
            a.availability.date.map { .text($0.text) } ?? .text("unknown"), .text(a.availability.meetsNeedBy ? "yes" : "no"),
            .text(p.status?.rawValue ?? "unknown"), .text(a.cost.notCounted.joined(separator: "; ")),
        ]
    }

    public static func csv(_ ranking: Ranking, funds: Double) -> String {
        csv(ranking.entries, funds: funds)
    }

    /// CSV of `entries` in the order given (a filtered or re-sorted view).
    public static func csv(_ entries: [RankedProduct], funds: Double) -> String {
        CSV.encode(header: fields, rows: entries.map { cells($0, funds: funds) })
    }

    public static func json(_ ranking: Ranking, funds: Double) -> String {
        var out = "{\n  \"method\": \(quote(ranking.method.rawValue)),\n  \"weights\": {"
        out += Criterion.allCases.map { "\(quote($0.rawValue)): \(Format.number(ranking.weights[$0], places: 6))" }.joined(separator: ", ")
        out += "},\n  \"evaluation_date\": \(quote(ranking.evaluationDate.text)),\n  \"products\": ["
        for (i, e) in ranking.entries.enumerated() {
            out += i == 0 ? "\n    {" : ",\n    {"
            let values = cells(e, funds: funds)
            out += zip(fields, values).map { name, cell in
                let value: String
                switch cell {
                case .text(let s): value = quote(s)
                case .integer(let n): value = String(n)
                case .number(let d, let places): value = d.isFinite ? Format.fixed(d, places) : "null"
                case .empty: value = "null"
                }
                return "\(quote(name)): \(value)"
            }.joined(separator: ", ")
            out += "}"
        }
        out += ranking.entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    /// "now" for a shipping product without a date, else the date used, or "unknown".
    public static func availableText(_ a: Assessment) -> String {
        if a.product.availability == nil && a.product.status == .shipping { return "now" }
        return a.availability.date?.text ?? "unknown"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
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
        return out + "\""
    }

    /// A plain-text table, at most 100 columns wide. `!` marks a year-one cost over the funds
    /// and a date after need-by; `?` an unknown date.
    public static func table(_ ranking: Ranking, profile: Profile) -> String {
        let pad = SafeText.padded
        var lines: [String] = []
        lines.append(SafeText.fitted("\(SafeText.escaped(profile.name)): \(ranking.entries.count) products, funds \(Format.dollars(profile.funds)), evaluated \(ranking.evaluationDate.text)", 100))
        lines.append("Method: \(ranking.method.label); weights \(ranking.weights.text)")
        lines.append(
            pad("Rank", 4, false) + " " + pad("Product", 25, false) + " " + pad("Score", 5, true) + " " + pad("Cost", 5, true) + " "
                + pad("Integ", 5, true) + " " + pad("Stor", 5, true) + " " + pad("Avail", 5, true) + " " + pad("TCO", 10, true) + " "
                + pad("Year one", 10, true) + " " + pad("TB", 5, true) + " " + pad("Available", 11, false))
        for e in ranking.entries {
            let a = e.assessment
            func s(_ c: Criterion) -> String { pad(Format.fixed(a.scores[c], 1), 5, true) }
            let yearOne = Format.dollars(a.cost.yearOne) + (a.cost.withinFunds ? " " : "!")
            let date = availableText(a) + (a.availability.date == nil ? "?" : a.availability.meetsNeedBy ? "" : "!")
            lines.append(
                pad("\(e.rank)", 4, true) + " " + pad(a.product.name, 25, false) + " " + pad(Format.fixed(e.score, 1), 5, true) + " "
                    + s(.cost) + " " + s(.integration) + " " + s(.storage) + " " + s(.availability) + " "
                    + pad(Format.dollars(a.cost.tco), 10, true) + " " + pad(yearOne, 10, true) + " "
                    + pad(Format.fixed(a.storage.storedTB, 1), 5, true) + " " + pad(date, 11, false))
        }
        lines.append("! year one over the funds, or available after the need-by date \(profile.needBy.text); ? no date known")
        return lines.map { String($0.trimmingTrailingSpaces) }.joined(separator: "\n") + "\n"
    }
}

extension String {
    var trimmingTrailingSpaces: Substring {
        var s = self[...]
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
