import TOML

/// What a spec may leave out, and what the market reference (`vendors/market.toml`) gives
/// for it: a range with its source and the source's date.
public enum MarketItem: String, Sendable, CaseIterable {
    case cameraPrice = "camera_price"
    case docksPerCamera = "docks_per_camera"
    case setup
    case serverPrice = "server_price"
    /// A cloud evidence plan (storage and software), per camera a month: derived from the
    /// published cloud purchases when the reference does not state it.
    case cloudPerCameraPerMonth = "cloud_per_camera_per_month"
    /// Evidence software run on the department's own server, per camera a month.
    case softwarePerCameraPerMonth = "software_per_camera_per_month"
    case upkeepPerTBYear = "upkeep_per_tb_year"
    case gbPerHour = "gb_per_hour"
    /// Disks added to a server or back-end that cannot hold the video: one-time, per missing TB.
    case extraStoragePerTB = "extra_storage_per_tb"
    /// Licences or seats for the added cameras on the department's existing back-end.
    case backendPerCameraPerMonth = "backend_per_camera_per_month"
    /// A spare battery (or a second camera to swap) for each camera on a shift, when the
    /// battery does not last the shift: one-time, per camera on shift.
    case spareBattery = "spare_battery"

    /// How the item reads in a sentence.
    public var label: String {
        switch self {
        case .cameraPrice: return "camera price"
        case .docksPerCamera: return "docks and charging, per camera"
        case .setup: return "software and setup (one-time)"
        case .serverPrice: return "server or disks (one-time)"
        case .cloudPerCameraPerMonth: return "cloud evidence plan per camera per month"
        case .softwarePerCameraPerMonth: return "software on the department's server, per camera per month"
        case .upkeepPerTBYear: return "storage upkeep per TB a year"
        case .gbPerHour: return "GB of video per hour"
        case .extraStoragePerTB: return "extra storage per missing TB (one-time)"
        case .backendPerCameraPerMonth: return "back-end licences or seats per camera per month"
        case .spareBattery: return "spare battery per camera on a shift (one-time)"
        }
    }

    /// The range a figure may take, as in the spec's own field.
    var limits: ClosedRange<Double> {
        switch self {
        case .cameraPrice: return 1...100_000
        case .docksPerCamera: return 0...100_000
        case .setup, .serverPrice: return 0...10_000_000
        case .cloudPerCameraPerMonth, .softwarePerCameraPerMonth: return 0...10_000
        case .spareBattery: return 0...100_000
        case .upkeepPerTBYear: return 0...100_000
        case .gbPerHour: return 0.01...100
        case .extraStoragePerTB: return 0...100_000
        case .backendPerCameraPerMonth: return 0...10_000
        }
    }

    var isDollars: Bool { self != .gbPerHour }
}

/// One figure of the market reference: a range, where it comes from and when.
public struct MarketFigure: Equatable, Sendable {
    public var low: Double
    public var high: Double
    public var source: String
    public var date: TOMLDate?
    /// True when no public source exists and the figure is the department's own assumption.
    public var assumption: Bool

    public init(low: Double, high: Double, source: String, date: TOMLDate? = nil, assumption: Bool = false) {
        self.low = low
        self.high = high
        self.source = source
        self.date = date
        self.assumption = assumption
    }

    /// The figure used for ranking: the middle, as for any range.
    public var point: Double { (low + high) / 2 }

    /// "market reference: PERF 2014, 2014-09-01" or "department assumption: ...".
    /// The file's text escaped: a control character in a source never reaches a terminal.
    public var provenance: String {
        (assumption ? "department assumption: " : "market reference: ") + SafeText.escaped(source)
            + (date.map { ", " + $0.text } ?? "")
    }
}

/// The market reference: ranges for the figures specs leave out.
public struct MarketReference: Equatable, Sendable {
    public var file: String
    public var figures: [MarketItem: MarketFigure]
    /// Where each figure's date is written, for messages.
    public var datePositions: [MarketItem: TOMLPosition] = [:]
    /// For each integration link, the chance (low = high, 0-1) that a product working with the
    /// department's in-car system has it when its spec does not say.
    public var linkChances: [IntegrationFeature: MarketFigure] = [:]
    /// Real purchases published before the evaluation date (`[[purchase]]`).
    public var purchases: [Purchase] = []
    /// The items derived from `purchases` rather than stated.
    public var derived: Set<MarketItem> = []

    public init(file: String, figures: [MarketItem: MarketFigure] = [:]) {
        self.file = file
        self.figures = figures
    }

    public subscript(item: MarketItem) -> MarketFigure? { figures[item] }
}

/// A whole contract a council approved and published: what a body-camera programme really
/// cost (`[[purchase]]` in the market reference). The reference class the recurring ranges are
/// derived from, and what `lineup backtest` holds Lineup's ranges against.
public struct Purchase: Equatable, Sendable {
    public var agency: String
    public var published: TOMLDate
    /// Who sold it, as published ("TASER"); nil when not stated.
    public var vendor: String?
    /// The spec in the vendors folder that rebuilds it (`axon-body`), for the backtest.
    public var spec: String?
    public var cameras: Int?
    /// The contract's term in years; nil for a one-off purchase.
    public var years: Double?
    public var total: Double
    /// The one-time part of the total, where the contract splits it out.
    public var once: Double?
    /// Where the video is kept: cloud or the department's server; nil when not stated.
    public var hosting: StorageModel?
    /// What the total covers, as published.
    public var covers: String
    public var source: String

    public init(
        agency: String, published: TOMLDate, vendor: String? = nil, spec: String? = nil, cameras: Int? = nil,
        years: Double? = nil, total: Double, once: Double? = nil, hosting: StorageModel? = nil, covers: String = "",
        source: String = ""
    ) {
        self.agency = agency
        self.published = published
        self.vendor = vendor
        self.spec = spec
        self.cameras = cameras
        self.years = years
        self.total = total
        self.once = once
        self.hosting = hosting
        self.covers = covers
        self.source = source
    }

    /// What it cost per camera a month over its term: the recurring part where the one-time
    /// part is published ((total - once) / cameras / months), else all in (total / cameras /
    /// months, the cameras included: the cautious, higher reading). Nil without cameras or a term.
    public var perCameraPerMonth: Double? {
        guard let cameras, cameras > 0, let years, years > 0 else { return nil }
        return (total - (once ?? 0)) / Double(cameras) / (years * 12)
    }

    /// Whether `perCameraPerMonth` includes the one-time part.
    public var isAllIn: Bool { once == nil }
}

extension MarketReference {
    /// How a recurring range is derived from the purchases of one hosting model: from half the
    /// lowest to one and a half times the highest per-camera monthly figure. A handful of
    /// contracts says little about the tails (with three, the next lies outside their own span
    /// one time in two), so the range is wider than the class on both sides.
    public static let lowFactor = 0.5
    public static let highFactor = 1.5

    /// The purchases a range for `hosting` is derived from: that hosting, with cameras and a term.
    public func reference(for hosting: StorageModel) -> [Purchase] {
        purchases.filter { $0.hosting == hosting && $0.perCameraPerMonth != nil }
    }

    /// Derives the cloud plan's range from the cloud purchases when the file does not state it.
    /// A range derived before is derived again from the purchases now held.
    public mutating func deriveRanges() {
        if derived.remove(.cloudPerCameraPerMonth) != nil { figures[.cloudPerCameraPerMonth] = nil }
        if figures[.cloudPerCameraPerMonth] != nil { return }
        let cloud = reference(for: .cloud)
        let figures = cloud.compactMap(\.perCameraPerMonth)
        guard let lowest = figures.min(), let highest = figures.max() else { return }
        let low = (lowest * Self.lowFactor * 100).rounded() / 100
        let high = (highest * Self.highFactor * 100).rounded() / 100
        let each = cloud.map {
            "\($0.agency) \(Format.dollars($0.perCameraPerMonth!, cents: true))\($0.isAllIn ? " all in" : "")"
        }
        let source =
            "derived from \(cloud.count) published cloud contract\(cloud.count == 1 ? "" : "s") (\(each.joined(separator: "; "))): half the lowest to 1.5 x the highest, per camera a month"
        let latest = cloud.map(\.published).max { $0.daysSinceEpoch < $1.daysSinceEpoch }
        self.figures[.cloudPerCameraPerMonth] = MarketFigure(low: low, high: high, source: source, date: latest)
        derived.insert(.cloudPerCameraPerMonth)
    }

    /// This reference with only the purchases `keep` accepts, the derived ranges derived again.
    func keeping(_ keep: (Int, Purchase) -> Bool) -> MarketReference {
        var m = self
        m.purchases = purchases.indices.filter { keep($0, purchases[$0]) }.map { purchases[$0] }
        m.deriveRanges()
        return m
    }

    /// This reference as a buyer knew it on `date`: purchases published later are left out.
    public func knownBy(_ date: TOMLDate) -> MarketReference {
        guard purchases.contains(where: { $0.published.daysSinceEpoch > date.daysSinceEpoch }) else { return self }
        return keeping { $1.published.daysSinceEpoch <= date.daysSinceEpoch }
    }

    /// This reference without the purchase at `index`: what a buyer knew without that contract.
    public func leavingOut(_ index: Int) -> MarketReference { keeping { i, _ in i != index } }
}
