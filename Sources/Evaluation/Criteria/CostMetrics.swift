/// A cost figure that is not one stated number: a range the spec states, or an estimate
/// from the market reference for an item the spec leaves out. The totals use its middle;
/// the simulation draws it uniformly between low and high.
public struct UncertainFigure: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case statedRange = "stated range"
        case estimate
        case assumption = "department assumption"
        /// Not stated and no market range: the least favourable figure the lineup states.
        case worstStated = "the least favourable stated"
    }

    public var item: String
    /// The spec key that would state it (`dock.price`), and the cost item it is part of.
    public var field: SpecKey
    public var costItem: CostItem
    public var kind: Kind
    public var low: Double
    public var high: Double
    /// What TCO and year one move by per unit of the figure (cameras, users x months...).
    public var tcoPerUnit: Double
    public var yearOnePerUnit: Double
    /// Where an estimate comes from ("market reference: PERF 2014, 2014-09-01"); "" for a stated range.
    public var provenance: String

    public var point: Double { (low + high) / 2 }
    public var isRange: Bool { low != high }
}

extension MarketItem {
    /// The spec key a vendor's answer goes in, and the cost item the estimate is part of.
    var specField: (SpecKey, CostItem)? {
        switch self {
        case .cameraPrice: return (.cameraPrice, .cameras)
        case .docksPerCamera: return (.dockPrice, .docks)
        case .setup: return (.setup, .software)
        case .serverPrice: return (.serverPrice, .server)
        case .upkeepPerTBYear: return (.upkeepPerTBYear, .storage)
        // The price of the missing terabytes goes where a server's price would.
        case .extraStoragePerTB: return (.serverPrice, .server)
        case .backendPerCameraPerMonth, .cloudPerCameraPerMonth, .softwarePerCameraPerMonth:
            return (.perCameraPerMonth, .licences)
        // A spare battery for a camera that does not last the shift: an accessory, asked with the battery.
        case .spareBattery: return (.batteryHours, .accessories)
        case .gbPerHour: return nil
        }
    }
}

/// Cost: what the department pays, not the sticker price.
///
/// - up-front = cameras x (camera price + accessories) + docks x dock price + setup + server
/// - recurring per year = licences (per user and per camera) + cloud overage
///   + on-premises upkeep (stored TB x upkeep per TB) + extended warranty per camera
/// - TCO = up-front + horizon years x recurring; year one = up-front + recurring
/// - score = lowest TCO in the lineup / this TCO x 100
///
/// A figure the spec gives as a range counts at its middle; an item it leaves out counts at
/// the middle of the market reference's range (an estimate); an item with neither is unknown:
/// left out of the totals and named, never shown as $0. TCO and year one carry a low and high
/// from the ends of every range.
public struct CostMetrics: Equatable, Sendable {
    public var cameras: Int
    public var cameraPrice: Double
    public var cameraPriceNote: String
    public var accessoriesPerCamera: Double
    public var docks: Int
    public var dockPrice: Double
    public var setup: Double
    public var server: Double
    public var licencesPerYear: Double
    public var overagePerYear: Double
    public var upkeepPerYear: Double
    public var warrantyPerYear: Double
    public var horizonYears: Double
    public var funds: Double
    public var camerasAffordable: Int
    /// What scales with the number of cameras besides their price: cameras per dock, and the
    /// per-camera licence (a month) and warranty (a year).
    public var camerasPerDock: Int?
    /// Terabytes the storage it uses cannot hold (priced as extra disks when the market says how).
    public var storageShortfallTB = 0.0
    public var perCameraLicencePerMonth = 0.0
    /// Spare batteries (one-time) for cameras whose battery does not last the shift.
    public var spareBatteries = 0.0
    public var perCameraWarrantyPerYear = 0.0
    /// Cost items that are unknown: neither the spec nor the market reference gives them.
    /// They are left out of the totals (which then read "$X + unknown").
    public var unknownItems: [CostItem]
    /// The unknown items as the texts name them ("camera price", "software/setup").
    public var notCounted: [String] { unknownItems.map(\.unknownLabel) }
    /// Stated ranges and estimates behind the totals.
    public var uncertain: [UncertainFigure] = []
    /// The arithmetic, one line a step, each with its kind.
    public var working: [WorkingLine]
    public var lines: [String] { working.map(\.text) }

    public var camerasCost: Double { Double(cameras) * (cameraPrice + accessoriesPerCamera) }
    public var docksCost: Double { Double(docks) * dockPrice }
    public var upfront: Double { camerasCost + spareBatteries + docksCost + setup + server }
    public var annual: Double { licencesPerYear + overagePerYear + upkeepPerYear + warrantyPerYear }
    public var tco: Double { upfront + horizonYears * annual }
    public var yearOne: Double { upfront + annual }
    /// Funds left after year one (negative: the shortfall).
    public var leftover: Double { funds - yearOne }
    public var withinFunds: Bool { yearOne <= funds }

    /// TCO and year one at the low and high ends of every range (each total is linear in each
    /// figure, with a positive coefficient).
    public var tcoLow: Double { uncertain.reduce(tco) { $0 + $1.tcoPerUnit * ($1.low - $1.point) } }
    public var tcoHigh: Double { uncertain.reduce(tco) { $0 + $1.tcoPerUnit * ($1.high - $1.point) } }
    public var yearOneLow: Double { uncertain.reduce(yearOne) { $0 + $1.yearOnePerUnit * ($1.low - $1.point) } }
    public var yearOneHigh: Double { uncertain.reduce(yearOne) { $0 + $1.yearOnePerUnit * ($1.high - $1.point) } }
    /// Whether an unknown item recurs every year.
    public var recurringUnknown: Bool { unknownItems.contains(where: \.isRecurring) }

    /// Items estimated from the market reference (or the department's assumptions).
    public var estimatedItems: [String] { uncertain.filter { $0.kind != .statedRange }.map(\.item) }

    static func docksNeeded(_ cameras: Int, perDock: Int?) -> Int {
        let per = max(1, perDock ?? 1)
        return (cameras + per - 1) / per
    }

    /// Cost figures for `product`; `storedGB` comes from the storage criterion.
    static func compute(
        _ p: Product, _ profile: Profile, _ fallbacks: Fallbacks, storedGB: Double, explain: Bool = false
    ) -> CostMetrics {
        var notCounted: [CostItem] = []
        var lines = Working(enabled: explain)
        let n = profile.cameras

        var uncertain: [UncertainFigure] = []
        let market = profile.market
        let months = profile.horizonYears * 12
        /// Adds an estimate from the market reference, or without one the least favourable
        /// figure the lineup states (`Fallbacks`); returns it, or nil when nobody gives one.
        func estimate(_ item: MarketItem, tcoPerUnit: Double, yearOnePerUnit: Double) -> MarketFigure? {
            guard let (field, costItem) = item.specField else { return nil }
            if var f = market?[item] {
                // What the department owns already: from $0 (reuse it) to buying new.
                if let reuse = profile.alreadyHas.reuse(item, hosting: p.storageModel) {
                    f.low = 0
                    f.source += "; $0 if \(reuse), \(Format.dollars(f.high)) if bought new"
                }
                uncertain.append(
                    UncertainFigure(
                        item: item.label, field: field, costItem: costItem,
                        kind: f.assumption ? .assumption : .estimate,
                        low: f.low, high: f.high, tcoPerUnit: tcoPerUnit, yearOnePerUnit: yearOnePerUnit,
                        provenance: f.provenance))
                return f
            }
            guard let w = fallbacks.worst[item] else { return nil }
            let source = "no market range: the highest the lineup states, \(SafeText.escaped(w.from))'s"
            uncertain.append(
                UncertainFigure(
                    item: item.label, field: field, costItem: costItem, kind: .worstStated, low: w.value, high: w.value,
                    tcoPerUnit: tcoPerUnit, yearOnePerUnit: yearOnePerUnit, provenance: source))
            return MarketFigure(low: w.value, high: w.value, source: source)
        }
        /// How the figure `estimate` just added reads in the working.
        func estimateNote(_ f: MarketFigure) -> String {
            if uncertain.last?.kind == .worstStated {
                return " (not stated; \(f.source): \(Format.dollars(f.low, cents: f.low != f.low.rounded())))"
            }
            return
                " (not stated; estimate: middle of \(Format.dollars(f.low, cents: f.low != f.low.rounded()))-\(Format.dollars(f.high, cents: f.high != f.high.rounded())), \(f.provenance))"
        }

        let price: Double
        let priceNote: String
        if let e = p.cameraPrice {
            price = e.point
            priceNote = e.isRange ? " (middle of \(e.dollarsText))" : ""
            if e.isRange {
                uncertain.append(
                    UncertainFigure(
                        item: "camera price", field: .cameraPrice, costItem: .cameras, kind: .statedRange, low: e.low,
                        high: e.high,
                        tcoPerUnit: Double(n), yearOnePerUnit: Double(n), provenance: ""))
            }
        } else if let f = estimate(.cameraPrice, tcoPerUnit: Double(n), yearOnePerUnit: Double(n)) {
            price = f.point
            priceNote = estimateNote(f)
        } else {
            price = 0
            priceNote = " (price unknown: not in the totals)"
            notCounted.append(.cameras)
        }
        let accessories = p.accessoriesPerCamera ?? 0
        lines.add(
            "cameras: \(n) x \(Format.dollars(price))\(priceNote) = \(Format.dollars(Double(n) * price))",
            notCounted.contains(.cameras) ? .unknown : .step)
        if accessories > 0 {
            lines.add("accessories: \(n) x \(Format.dollars(accessories)) = \(Format.dollars(Double(n) * accessories))")
        }
        // A known shortfall has a price: a battery that does not last the shift needs a spare
        // battery (or a camera to swap) for each camera on a shift, from the market reference.
        var spares = 0.0
        let shift = profile.shiftLength
        if let hours = p.batteryHours, hours < shift {
            let k = profile.camerasOnShift
            let gap = "\(Format.number(hours)) h battery for \(Format.number(shift))-h shifts"
            if let f = estimate(.spareBattery, tcoPerUnit: Double(k), yearOnePerUnit: Double(k)) {
                spares = Double(k) * f.point
                lines.add(
                    "battery shortfall (one-time): \(gap): a spare for each of the \(k) cameras on a shift, \(k) x \(Format.dollars(f.point))\(estimateNote(f)) = \(Format.dollars(spares))",
                    .shortfall)
            } else {
                lines.add("battery shortfall: \(gap); not priced (no market range for a spare battery)", .shortfall)
            }
        }

        var docks = 0
        var dockPrice = 0.0
        if let d = p.dockPrice {
            docks = docksNeeded(n, perDock: p.camerasPerDock)
            dockPrice = d
            let per =
                p.camerasPerDock.map { "\($0) cameras per dock" } ?? "cameras per dock unknown: one dock per camera"
            lines.add("docks: \(docks) x \(Format.dollars(d)) (\(per)) = \(Format.dollars(Double(docks) * d))")
        } else if let f = estimate(.docksPerCamera, tcoPerUnit: Double(n), yearOnePerUnit: Double(n)) {
            docks = n
            dockPrice = f.point
            lines.add(
                "docks and charging: \(n) x \(Format.dollars(f.point))\(estimateNote(f)) = \(Format.dollars(Double(n) * f.point))"
            )
        } else {
            notCounted.append(.docks)
        }
        var setup = p.setupCost ?? 0
        if p.setupCost == nil {
            if let f = estimate(.setup, tcoPerUnit: 1, yearOnePerUnit: 1) {
                setup = f.point
                lines.add("software and setup (one-time): \(Format.dollars(setup))\(estimateNote(f))")
            } else {
                notCounted.append(.software)
            }
        } else if setup > 0 {
            lines.add("software and setup (one-time): \(Format.dollars(setup))")
        }
        var server = 0.0
        if p.storageModel == .onPremises {
            if let s = p.serverPrice {
                server = s
                lines.add("server or disks (one-time): \(Format.dollars(s))")
            } else if let f = estimate(.serverPrice, tcoPerUnit: 1, yearOnePerUnit: 1) {
                server = f.point
                lines.add("server or disks (one-time): \(Format.dollars(server))\(estimateNote(f))")
            } else {
                notCounted.append(.server)
            }
        }
        // A known shortfall has a price: the terabytes the back-end or server cannot hold,
        // bought as extra disks (one-time, with the server item), per TB from the market
        // reference. Without a price it stays a named shortfall.
        var shortfallTB = 0.0
        let capacity: Double? =
            p.storageModel == .existingBackend
            ? profile.backendFreeTB : p.storageModel == .onPremises ? p.serverTB : nil
        if let capacity, storedGB / 1000 > capacity {
            shortfallTB = storedGB / 1000 - capacity
            let tb = Format.fixed(shortfallTB, 2)
            if let f = estimate(.extraStoragePerTB, tcoPerUnit: shortfallTB, yearOnePerUnit: shortfallTB) {
                server += shortfallTB * f.point
                lines.add(
                    "storage shortfall (one-time): \(tb) TB more than the \(Format.number(capacity, places: 2)) TB free, x \(Format.dollars(f.point))\(estimateNote(f)) = \(Format.dollars(shortfallTB * f.point))",
                    .shortfall)
            } else {
                lines.add(
                    "storage shortfall: \(tb) TB more than the \(Format.number(capacity, places: 2)) TB free; not priced (no market range for extra storage)",
                    .shortfall)
            }
        }

        var licences = 0.0
        // The licence per camera a month, stated or estimated: it scales with the cameras.
        var perCameraLicence = p.perCameraPerMonth?.point ?? 0
        var licenceParts: [String] = []
        if let e = p.perUserPerMonth {
            let u = e.point
            let v = Double(profile.licensedUsers) * u * 12
            licences += v
            let range = e.isRange ? " (middle of \(e.dollarsText))" : ""
            if e.isRange {
                uncertain.append(
                    UncertainFigure(
                        item: "licences per user per month", field: .perUserPerMonth, costItem: .licences,
                        kind: .statedRange, low: e.low, high: e.high,
                        tcoPerUnit: months * Double(profile.licensedUsers),
                        yearOnePerUnit: 12 * Double(profile.licensedUsers), provenance: ""))
            }
            licenceParts.append(
                "\(profile.licensedUsers) users x \(Format.dollars(u, cents: u != u.rounded()))\(range) x 12 = \(Format.dollars(v))"
            )
        }
        if let e = p.perCameraPerMonth {
            let c = e.point
            let v = Double(n) * c * 12
            licences += v
            let range = e.isRange ? " (middle of \(e.dollarsText))" : ""
            if e.isRange {
                uncertain.append(
                    UncertainFigure(
                        item: "licences per camera per month", field: .perCameraPerMonth,
                        costItem: .licences, kind: .statedRange, low: e.low, high: e.high,
                        tcoPerUnit: months * Double(n),
                        yearOnePerUnit: 12 * Double(n), provenance: ""))
            }
            licenceParts.append(
                "\(n) cameras x \(Format.dollars(c, cents: c != c.rounded()))\(range) x 12 = \(Format.dollars(v))")
        }
        if licenceParts.isEmpty {
            // No licence stated: the estimate of its hosting model, per camera as each range
            // was derived (a cloud plan; software on the department's server; the existing
            // back-end's seats). Hosting not stated: the cloud plan, the dearer reading.
            let item: MarketItem
            let what: String
            switch p.storageModel {
            case .existingBackend?:
                item = .backendPerCameraPerMonth
                what = "back-end licences or seats per year"
            case .onPremises?:
                item = .softwarePerCameraPerMonth
                what = "software licences per year (on the department's server)"
            case .cloud?:
                item = .cloudPerCameraPerMonth
                what = "cloud evidence plan per year"
            case nil:
                item = .cloudPerCameraPerMonth
                what = "cloud evidence plan per year (hosting not stated: the dearer reading)"
            }
            if let f = estimate(item, tcoPerUnit: months * Double(n), yearOnePerUnit: 12 * Double(n)) {
                licences = Double(n) * f.point * 12
                perCameraLicence = f.point
                lines.add(
                    "\(what): \(n) cameras x \(Format.dollars(f.point, cents: f.point != f.point.rounded())) x 12 = \(Format.dollars(licences))\(estimateNote(f))"
                )
            } else {
                // No range for this hosting: unknown, named and marked, never nothing.
                notCounted.append(.licences)
                lines.add(
                    "\(what): not stated, no estimate for this hosting: unknown, not in the totals", .unknown)
            }
        } else {
            lines.add("licences per year: " + licenceParts.joined(separator: "; "))
        }
        var overage = 0.0
        if p.storageModel == .cloud, let o = p.overagePerGBMonth {
            if p.includedGBPerUser == .infinity {
                lines.add("cloud storage: unlimited, included in the licence: no extra storage charge")
            } else {
                // Included storage not stated: counted as none (the dearer reading), and said so.
                let included = (p.includedGBPerUser ?? 0) * Double(profile.licensedUsers)
                let extra = max(0, storedGB - included)
                overage = extra * o * 12
                let over =
                    p.includedGBPerUser == nil
                    ? "cloud storage (included storage not stated: counted as none)"
                    : "cloud storage over the included \(Format.number(included, places: 0)) GB"
                lines.add(
                    "\(over): \(Format.number(extra, places: 0)) GB x $\(Format.number(o, places: 4)) x 12 = \(Format.dollars(overage)) a year"
                )
            }
        }
        var upkeep = 0.0
        if p.storageModel == .onPremises || p.storageModel == .existingBackend {
            if let k = p.upkeepPerTBYear {
                upkeep = storedGB / 1000 * k
                lines.add(
                    "storage upkeep: \(Format.number(storedGB / 1000, places: 2)) TB x \(Format.dollars(k)) a year = \(Format.dollars(upkeep))"
                )
            } else if let f = estimate(
                .upkeepPerTBYear, tcoPerUnit: profile.horizonYears * storedGB / 1000, yearOnePerUnit: storedGB / 1000)
            {
                upkeep = storedGB / 1000 * f.point
                lines.add(
                    "storage upkeep: \(Format.number(storedGB / 1000, places: 2)) TB x \(Format.dollars(f.point)) a year = \(Format.dollars(upkeep))\(estimateNote(f))"
                )
            } else {
                notCounted.append(.storage)
            }
        }
        let warranty = Double(n) * (p.extendedWarrantyPerCameraYear ?? 0)
        if warranty > 0 {
            lines.add(
                "extended warranty: \(n) x \(Format.dollars(p.extendedWarrantyPerCameraYear!)) = \(Format.dollars(warranty)) a year"
            )
        }

        var m = CostMetrics(
            cameras: n, cameraPrice: price, cameraPriceNote: priceNote, accessoriesPerCamera: accessories, docks: docks,
            dockPrice: dockPrice, setup: setup, server: server, licencesPerYear: licences, overagePerYear: overage,
            upkeepPerYear: upkeep, warrantyPerYear: warranty, horizonYears: profile.horizonYears, funds: profile.funds,
            camerasAffordable: 0, unknownItems: notCounted, uncertain: uncertain, working: [])
        m.camerasPerDock = p.camerasPerDock
        m.storageShortfallTB = shortfallTB
        m.spareBatteries = spares
        m.perCameraLicencePerMonth = perCameraLicence
        m.perCameraWarrantyPerYear = p.extendedWarrantyPerCameraYear ?? 0
        m.camerasAffordable = m.affordableCameras()
        let h = Format.number(profile.horizonYears)
        lines.add(
            "up-front = \(Format.dollars(m.camerasCost + spares)) cameras\(spares > 0 ? " and spares" : "") + \(Format.dollars(m.docksCost)) docks + \(Format.dollars(setup + server)) software/server = \(Format.dollars(m.upfront))"
        )
        lines.add("recurring per year = \(Format.dollars(m.annual))")
        lines.add(
            "TCO over \(h) years = \(Format.dollars(m.upfront)) + \(h) x \(Format.dollars(m.annual)) = \(Format.dollars(m.tco))"
        )
        if !uncertain.isEmpty {
            lines.add("TCO range, every range at its ends: \(Format.dollars(m.tcoLow)) to \(Format.dollars(m.tcoHigh))")
        }
        let verdict = m.withinFunds ? "\(Format.dollars(m.leftover)) left" : "short by \(Format.dollars(-m.leftover))"
        lines.add(
            "year one = \(Format.dollars(m.yearOne)) against funds of \(Format.dollars(m.funds)): \(verdict)",
            m.withinFunds ? .step : .shortfall, pooledFunds: true)
        lines.add(
            m.camerasAffordable >= n
                ? "the funds equip all \(n) cameras wanted in year one"
                    + (m.camerasAffordable > n ? " (room for \(m.camerasAffordable))" : "")
                : "the funds equip \(m.camerasAffordable) of the \(n) cameras wanted in year one", pooledFunds: true)
        if !notCounted.isEmpty {
            lines.add(
                "unknown (not stated, no market estimate), not in the totals: "
                    + notCounted.map(\.unknownLabel).joined(separator: ", "), .unknown)
        }
        m.working = lines.lines
        return m
    }

    /// These costs for `k` cameras: the cameras, accessories, docks, per-camera licences and
    /// warranty scale; software, server, per-user licences and storage stay.
    public func forCameras(_ k: Int) -> CostMetrics {
        var m = self
        m.cameras = k
        if docks > 0 { m.docks = Self.docksNeeded(k, perDock: camerasPerDock) }
        m.licencesPerYear = licencesPerYear + Double(k - cameras) * perCameraLicencePerMonth * 12
        m.warrantyPerYear = Double(k) * perCameraWarrantyPerYear
        return m
    }

    /// The most cameras whose year-one cost fits `fits`, by bisection (0 when none do).
    public static func mostCameras(_ fits: (Int) -> Bool) -> Int {
        guard fits(0) else { return 0 }
        var lo = 0
        var hi = 1
        while fits(hi) {
            lo = hi
            if hi >= 1_000_000 { return hi }
            hi = min(hi * 2, 1_000_000)
        }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if fits(mid) { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// The most cameras whose year-one cost fits the funds as one pool.
    func affordableCameras() -> Int {
        Self.mostCameras { forCameras($0).yearOne <= funds }
    }
}
