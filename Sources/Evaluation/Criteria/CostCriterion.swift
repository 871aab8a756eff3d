/// Cost: what the department pays, not the sticker price.
///
/// - up-front = cameras x (camera price + accessories) + docks x dock price + setup + server
/// - recurring per year = licences (per user and per camera) + cloud overage
///   + on-premises upkeep (stored TB x upkeep per TB) + extended warranty per camera
/// - TCO = up-front + horizon years x recurring; year one = up-front + recurring
/// - score = lowest TCO in the lineup / this TCO x 100
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
    /// Cost items the spec does not state, counted as $0.
    public var notCounted: [String]
    /// The arithmetic, one line a step.
    public var lines: [String]

    public var camerasCost: Double { Double(cameras) * (cameraPrice + accessoriesPerCamera) }
    public var docksCost: Double { Double(docks) * dockPrice }
    public var upfront: Double { camerasCost + docksCost + setup + server }
    public var annual: Double { licencesPerYear + overagePerYear + upkeepPerYear + warrantyPerYear }
    public var tco: Double { upfront + horizonYears * annual }
    public var yearOne: Double { upfront + annual }
    /// Funds left after year one (negative: the shortfall).
    public var leftover: Double { funds - yearOne }
    public var withinFunds: Bool { yearOne <= funds }

    static func docksNeeded(_ cameras: Int, perDock: Int?) -> Int {
        let per = max(1, perDock ?? 1)
        return (cameras + per - 1) / per
    }

    /// Cost figures for `product`; `storedGB` comes from the storage criterion.
    static func compute(_ p: Product, _ profile: Profile, _ fallbacks: Fallbacks, storedGB: Double, explain: Bool = false) -> CostMetrics {
        var notCounted: [String] = []
        var lines = Working(enabled: explain)
        let n = profile.cameras

        let price: Double
        let priceNote: String
        if let e = p.cameraPrice {
            price = e.point
            priceNote = e.isRange ? " (middle of \(e.dollarsText))" : ""
        } else if let worst = fallbacks.cameraPrice {
            price = worst
            priceNote = " (price unknown: the highest price stated in the lineup)"
        } else {
            price = 0
            priceNote = " (price unknown)"
            notCounted.append("camera price")
        }
        let accessories = p.accessoriesPerCamera ?? 0
        lines.add("cameras: \(n) x \(Format.dollars(price))\(priceNote) = \(Format.dollars(Double(n) * price))")
        if accessories > 0 {
            lines.add("accessories: \(n) x \(Format.dollars(accessories)) = \(Format.dollars(Double(n) * accessories))")
        }

        var docks = 0
        var dockPrice = 0.0
        if let d = p.dockPrice {
            docks = docksNeeded(n, perDock: p.camerasPerDock)
            dockPrice = d
            let per = p.camerasPerDock.map { "\($0) cameras per dock" } ?? "cameras per dock unknown: one dock per camera"
            lines.add("docks: \(docks) x \(Format.dollars(d)) (\(per)) = \(Format.dollars(Double(docks) * d))")
        } else {
            notCounted.append("docks")
        }
        let setup = p.setupCost ?? 0
        if p.setupCost == nil { notCounted.append("software/setup") }
        if setup > 0 { lines.add("software and setup (one-time): \(Format.dollars(setup))") }
        var server = 0.0
        if p.storageModel == .onPremises {
            if let s = p.serverPrice {
                server = s
                lines.add("server or disks (one-time): \(Format.dollars(s))")
            } else {
                notCounted.append("server")
            }
        }

        var licences = 0.0
        var licenceParts: [String] = []
        if let e = p.perUserPerMonth {
            let u = e.point
            let v = Double(profile.licensedUsers) * u * 12
            licences += v
            let range = e.isRange ? " (middle of \(e.dollarsText))" : ""
            licenceParts.append("\(profile.licensedUsers) users x \(Format.dollars(u, cents: u != u.rounded()))\(range) x 12 = \(Format.dollars(v))")
        }
        if let e = p.perCameraPerMonth {
            let c = e.point
            let v = Double(n) * c * 12
            licences += v
            let range = e.isRange ? " (middle of \(e.dollarsText))" : ""
            licenceParts.append("\(n) cameras x \(Format.dollars(c, cents: c != c.rounded()))\(range) x 12 = \(Format.dollars(v))")
        }
        if licenceParts.isEmpty {
            if p.storageModel != .existingBackend { notCounted.append("licences") }
        } else {
            lines.add("licences per year: " + licenceParts.joined(separator: "; "))
        }
        var overage = 0.0
        if p.storageModel == .cloud, let o = p.overagePerGBMonth {
            let included = (p.includedGBPerUser ?? 0) * Double(profile.licensedUsers)
            let extra = max(0, storedGB - included)
            overage = extra * o * 12
            lines.add(
                "cloud storage over the included \(Format.number(included, places: 0)) GB: \(Format.number(extra, places: 0)) GB x \(Format.dollars(o, cents: true)) x 12 = \(Format.dollars(overage)) a year"
            )
        }
        var upkeep = 0.0
        if p.storageModel == .onPremises || p.storageModel == .existingBackend {
            if let k = p.upkeepPerTBYear {
                upkeep = storedGB / 1000 * k
                lines.add("storage upkeep: \(Format.number(storedGB / 1000, places: 2)) TB x \(Format.dollars(k)) a year = \(Format.dollars(upkeep))")
            } else {
                notCounted.append("storage upkeep")
            }
        }
        let warranty = Double(n) * (p.extendedWarrantyPerCameraYear ?? 0)
        if warranty > 0 {
            lines.add("extended warranty: \(n) x \(Format.dollars(p.extendedWarrantyPerCameraYear!)) = \(Format.dollars(warranty)) a year")
        }

        var m = CostMetrics(
            cameras: n, cameraPrice: price, cameraPriceNote: priceNote, accessoriesPerCamera: accessories, docks: docks,
            dockPrice: dockPrice, setup: setup, server: server, licencesPerYear: licences, overagePerYear: overage,
            upkeepPerYear: upkeep, warrantyPerYear: warranty, horizonYears: profile.horizonYears, funds: profile.funds,
            camerasAffordable: 0, notCounted: notCounted, lines: [])
        m.camerasAffordable = m.affordableCameras(perDock: p.camerasPerDock, perCameraLicence: p.perCameraPerMonth?.point ?? 0, perCameraWarranty: p.extendedWarrantyPerCameraYear ?? 0)
        let h = Format.number(profile.horizonYears)
        lines.add(
            "up-front = \(Format.dollars(m.camerasCost)) cameras + \(Format.dollars(m.docksCost)) docks + \(Format.dollars(setup + server)) software/server = \(Format.dollars(m.upfront))"
        )
        lines.add("recurring per year = \(Format.dollars(m.annual))")
        lines.add("TCO over \(h) years = \(Format.dollars(m.upfront)) + \(h) x \(Format.dollars(m.annual)) = \(Format.dollars(m.tco))")
        let verdict = m.withinFunds ? "\(Format.dollars(m.leftover)) left" : "short by \(Format.dollars(-m.leftover))"
        lines.add("year one = \(Format.dollars(m.yearOne)) against funds of \(Format.dollars(m.funds)): \(verdict)")
        lines.add("the funds equip \(m.camerasAffordable) camera(s) in year one (\(n) wanted)")
        if !notCounted.isEmpty { lines.add("not stated, counted as $0: " + notCounted.joined(separator: ", ")) }
        m.lines = lines.lines
        return m
    }

    /// The most cameras whose year-one cost fits the funds (licences per user stay fixed).
    func affordableCameras(perDock: Int?, perCameraLicence: Double, perCameraWarranty: Double) -> Int {
        func yearOne(_ k: Int) -> Double {
            let docks = dockPrice > 0 ? Double(Self.docksNeeded(k, perDock: perDock)) * dockPrice : 0
            let fixedLicences = licencesPerYear - Double(cameras) * perCameraLicence * 12
            return Double(k) * (cameraPrice + accessoriesPerCamera + perCameraLicence * 12 + perCameraWarranty) + docks + setup + server
                + fixedLicences + overagePerYear + upkeepPerYear
        }
        if yearOne(0) > funds { return 0 }
        var lo = 0
        var hi = 1_000_000
        if yearOne(hi) <= funds { return hi }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if yearOne(mid) <= funds { lo = mid } else { hi = mid }
        }
        return lo
    }
}
