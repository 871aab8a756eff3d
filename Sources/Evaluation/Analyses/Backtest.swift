import TOML

/// Holds the market reference's ranges against what departments really paid: each published
/// purchase that names its product (a spec in the folder), its camera count and its term is
/// rebuilt as a lineup of that one product at its size, with the reference without that
/// purchase (its derived ranges derived again from the rest), and the real total is placed
/// among the totals How sure draws. (With only what was published before each purchase, the
/// first cloud contract would have no class to be judged against.)
///
/// Each draw takes every range of the product's cost uniformly, as How sure does; the total
/// is linear in each figure, so a draw is the point total plus each figure's distance from its
/// middle times what the total moves by per unit.
public enum Backtest {
    public enum Verdict: String, Sendable, Equatable {
        case below, inside, above
    }

    public struct Row: Equatable, Sendable {
        public var purchase: Purchase
        /// The product it was rebuilt with; nil when it cannot be rebuilt (`reason` says why).
        public var product: String?
        public var reason: String?
        /// Lineup's total over the term: the point, the 5th and 95th percentile of the draws,
        /// and the ends of every range.
        public var point = 0.0
        public var p5 = 0.0
        public var p95 = 0.0
        public var low = 0.0
        public var high = 0.0
        /// The share of draws below the real total (0-1).
        public var percentile = 0.0

        public var verdict: Verdict? {
            guard product != nil else { return nil }
            return purchase.total < p5 ? .below : purchase.total > p95 ? .above : .inside
        }
    }

    public static func run(
        market: MarketReference, products: [Product], profile: Profile, draws: Int = 10_000, seed: UInt64 = 2015
    ) -> [Row] {
        market.purchases.indices.map { i in
            row(i, market: market, products: products, profile: profile, draws: draws, seed: seed)
        }
    }

    static func row(
        _ i: Int, market: MarketReference, products: [Product], profile base: Profile, draws: Int, seed: UInt64
    ) -> Row {
        let purchase = market.purchases[i]
        var row = Row(purchase: purchase)
        guard let spec = purchase.spec else {
            row.reason =
                purchase.vendor == nil ? "vendor and product not published" : "product not published (no spec named)"
            return row
        }
        guard let cameras = purchase.cameras else {
            row.reason = "camera count not published"
            return row
        }
        guard let years = purchase.years else {
            row.reason = "a one-off purchase: no term to cost"
            return row
        }
        guard let product = products.first(where: { $0.id == spec }) else {
            row.reason = "no spec \(spec).toml in the folder"
            return row
        }
        var profile = base
        profile.cameras = cameras
        profile.licensedUsers = cameras
        profile.horizonYears = years
        profile.evaluationDate = purchase.published
        profile.requirements = .none
        profile.market = market.leavingOut(i)
        guard let a = Assessment.assess([product], profile: profile).first else {
            row.reason = "its spec cannot be assessed"
            return row
        }
        let cost = a.cost
        guard cost.unknownItems.isEmpty else {
            row.reason = "unknown cost items: " + cost.notCounted.joined(separator: ", ")
            return row
        }
        row.product = product.name
        row.point = cost.tco
        row.low = cost.tcoLow
        row.high = cost.tcoHigh
        var rng = SplitMix64(seed: seed)
        var totals = [Double](repeating: cost.tco, count: max(1, draws))
        for d in totals.indices {
            for f in cost.uncertain where f.isRange {
                totals[d] += f.tcoPerUnit * (rng.uniform(f.low, f.high) - f.point)
            }
        }
        totals.sort()
        let n = totals.count
        row.p5 = totals[min(n - 1, Int(Double(n) * 0.05))]
        row.p95 = totals[min(n - 1, Int(Double(n) * 0.95))]
        row.percentile = Double(totals.prefix { $0 < purchase.total }.count) / Double(n)
        return row
    }

    /// "1st", "72nd", "13th".
    static func ordinal(_ n: Int) -> String {
        let suffix =
            (11...13).contains(n % 100) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th"
        return String(n) + suffix
    }

    /// The table `lineup backtest` prints, and its summary.
    public static func lines(_ rows: [Row]) -> [String] {
        var out: [String] = []
        func money(_ v: Double) -> String { Format.dollars(v) }
        out.append(
            SafeText.padded("Purchase", 34) + " " + SafeText.padded("Rebuilt with", 17) + " Cameras Years "
                + SafeText.padded("Real total", 11, alignRight: true) + "  " + SafeText.padded("Lineup 5th-95th", 21)
                + " Where")
        let rebuilt = rows.filter { $0.product != nil }
        for r in rebuilt {
            let p = r.purchase
            let verdict = r.verdict!
            let placed =
                verdict == .inside
                ? "inside, at the \(ordinal(Int((r.percentile * 100).rounded()))) percentile"
                : verdict.rawValue + " the band"
            out.append(
                SafeText.padded(SafeText.escaped(p.agency) + " (\(p.published.text))", 34) + " "
                    + SafeText.padded(SafeText.escaped(r.product!), 17) + " "
                    + SafeText.padded(String(p.cameras ?? 0), 7, alignRight: true) + " "
                    + SafeText.padded(Format.number(p.years ?? 0), 5, alignRight: true) + " "
                    + SafeText.padded(money(p.total), 11, alignRight: true) + "  "
                    + SafeText.padded(money(r.p5) + "-" + money(r.p95), 21) + " " + placed)
        }
        let inside = rebuilt.filter { $0.verdict == .inside }.count
        out.append(
            "Covered: \(inside) of \(rebuilt.count) rebuilt purchase\(rebuilt.count == 1 ? "" : "s") inside Lineup's 5th-95th percentile band, each left out of the reference it is tested against"
        )
        let apart = rows.filter { $0.product == nil }
        if !apart.isEmpty {
            out.append("Cannot be rebuilt (\(apart.count)):")
            for r in apart {
                out.append("  \(SafeText.escaped(r.purchase.agency)): \(r.reason ?? "")")
            }
        }
        return out
    }
}
