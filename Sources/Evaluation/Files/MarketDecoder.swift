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
        r.checkKeys(root, prefix: "", allowed: MarketItem.allCases.map(\.rawValue) + ["link_chance"])
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
        return Loaded(value: r.hasErrors ? nil : market, diagnostics: r.diagnostics)
    }
}
