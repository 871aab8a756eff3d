import TOML

extension SpecDecoder {
    /// The reserved name of the market reference in a vendors folder.
    public static let marketName = "market.toml"

    /// The keys of one figure of the market reference.
    static let marketFigureKeys = ["low", "high", "source", "date", "assumption"]

    /// Reads the market reference: one table per item (`[camera_price]` with `low`, `high`,
    /// `source`, `date` and `assumption`), and `[link_chance.NAME]` tables with the `chance`
    /// (0-1) that a product silent about that integration link has it.
    public static func market(_ bytes: [UInt8], file: String) -> Loaded<MarketReference> {
        let root: TOMLTable
        switch document(bytes, file: file) {
        case .failure(let d): return Loaded(value: nil, diagnostics: [d])
        case .success(let t): root = t
        }
        var r = FieldReader(file: file)
        if let old = root.entries.first(where: { $0.key == "per_user_per_month" }) {
            // The range was derived per camera and charged per user; it is now split by hosting.
            r.fail(
                "per_user_per_month", at: old.keyPosition,
                "per_user_per_month is no longer read: a licence estimate is per camera and by hosting; write cloud_per_camera_per_month (a cloud plan, or let Lineup derive it from [[purchase]] entries) and software_per_camera_per_month (software on the department's server)",
                severity: .warning)
        }
        r.checkKeys(
            root, prefix: "",
            allowed: MarketItem.allCases.map(\.rawValue) + ["link_chance", "purchase", "per_user_per_month"])
        var market = MarketReference(file: file)
        for item in MarketItem.allCases {
            guard let t = r.section(root, item.rawValue) else { continue }
            r.checkKeys(t, prefix: item.rawValue, allowed: marketFigureKeys)
            let what = item.isDollars ? dollars : "a number"
            let low = r.number(t, "low", prefix: item.rawValue, what: what, range: item.limits, required: true)
            let high = r.number(t, "high", prefix: item.rawValue, what: what, range: item.limits, required: true)
            let source = r.text(t, "source", prefix: item.rawValue, required: true, maxLength: 500)
            let date = r.date(t, "date", prefix: item.rawValue)
            let assumption = r.bool(t, "assumption", prefix: item.rawValue) ?? false
            guard let low, let high, let source else { continue }
            guard low <= high else {
                r.fail(
                    item.rawValue + ".low", at: r.positions[item.rawValue + ".low"],
                    "\(item.rawValue): low (\(Format.number(low))) must not exceed high (\(Format.number(high)))")
                continue
            }
            market.figures[item] = MarketFigure(
                low: low, high: high, source: source, date: date, assumption: assumption)
            market.datePositions[item] = r.positions[item.rawValue + ".date"]
        }
        // [link_chance.NAME]: chance, source, date, assumption.
        if let chances = r.section(root, "link_chance") {
            r.checkKeys(chances, prefix: "link_chance", allowed: IntegrationFeature.allCases.map(\.rawValue))
            for f in IntegrationFeature.allCases {
                let prefix = "link_chance." + f.rawValue
                guard let t = r.section(chances, f.rawValue, prefix: "link_chance") else { continue }
                r.checkKeys(t, prefix: prefix, allowed: ["chance", "source", "date", "assumption"])
                let chance = r.number(
                    t, "chance", prefix: prefix, what: "a chance between 0 and 1", range: 0...1, required: true)
                let source = r.text(t, "source", prefix: prefix, required: true, maxLength: 500)
                let date = r.date(t, "date", prefix: prefix)
                let assumption = r.bool(t, "assumption", prefix: prefix) ?? false
                if let chance, let source {
                    market.linkChances[f] = MarketFigure(
                        low: chance, high: chance, source: source, date: date, assumption: assumption)
                }
            }
        }
        market.purchases = purchases(root, &r)
        market.deriveRanges()
        return Loaded(value: r.hasErrors ? nil : market, diagnostics: r.diagnostics)
    }

    static let purchaseKeys = [
        "agency", "published", "vendor", "spec", "cameras", "years", "total", "once", "hosting", "covers", "source",
    ]

    /// `[[purchase]]`: whole contracts published before the evaluation date.
    static func purchases(_ root: TOMLTable, _ r: inout FieldReader) -> [Purchase] {
        var out: [Purchase] = []
        for t in r.tables(root, "purchase") {
            let prefix = "purchase"
            r.checkKeys(t, prefix: prefix, allowed: purchaseKeys)
            let agency = r.text(t, "agency", prefix: prefix, required: true, maxLength: 200)
            let published = r.date(t, "published", prefix: prefix, required: true)
            let total = r.number(t, "total", prefix: prefix, what: dollars, range: 0...10_000_000_000, required: true)
            let once = r.number(t, "once", prefix: prefix, what: dollars, range: 0...10_000_000_000)
            let cameras = r.integer(t, "cameras", prefix: prefix, what: "a number of cameras", range: 1...1_000_000)
            let years = r.number(t, "years", prefix: prefix, what: "a number of years", range: 0.1...30)
            let hosting: StorageModel? = r.choice(t, "hosting", prefix: prefix)
            let vendor = r.text(t, "vendor", prefix: prefix, maxLength: 100)
            let spec = r.text(t, "spec", prefix: prefix, maxLength: 200)
            let covers = r.text(t, "covers", prefix: prefix, maxLength: 500) ?? ""
            let source = r.text(t, "source", prefix: prefix, required: true, maxLength: 500)
            guard let agency, let published, let total, let source else { continue }
            if let once, once > total {
                r.fail(
                    "purchase.once", at: t["once"]?.position,
                    "purchase \"\(SafeText.fitted(agency, 60))\": once (\(Format.number(once))) must not exceed total (\(Format.number(total)))"
                )
                continue
            }
            out.append(
                Purchase(
                    agency: agency, published: published, vendor: vendor, spec: spec, cameras: cameras, years: years,
                    total: total, once: once, hosting: hosting, covers: covers, source: source))
        }
        return out
    }
}
