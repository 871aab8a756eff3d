import TOML

/// What a spec may leave out, and what the market reference (`vendors/market.toml`) gives
/// for it: a range with its source and the source's date.
public enum MarketItem: String, Sendable, CaseIterable {
    case cameraPrice = "camera_price"
    case docksPerCamera = "docks_per_camera"
    case setup
    case serverPrice = "server_price"
    case perUserPerMonth = "per_user_per_month"
    case upkeepPerTBYear = "upkeep_per_tb_year"
    case gbPerHour = "gb_per_hour"
    /// Disks added to a server or back-end that cannot hold the video: one-time, per missing TB.
    case extraStoragePerTB = "extra_storage_per_tb"
    /// Licences or seats for the added cameras on the department's existing back-end.
    case backendPerCameraPerMonth = "backend_per_camera_per_month"

    /// How the item reads in a sentence.
    public var label: String {
        switch self {
        case .cameraPrice: return "camera price"
        case .docksPerCamera: return "docks and charging, per camera"
        case .setup: return "software and setup (one-time)"
        case .serverPrice: return "server or disks (one-time)"
        case .perUserPerMonth: return "licences per user per month"
        case .upkeepPerTBYear: return "storage upkeep per TB a year"
        case .gbPerHour: return "GB of video per hour"
        case .extraStoragePerTB: return "extra storage per missing TB (one-time)"
        case .backendPerCameraPerMonth: return "back-end licences or seats per camera per month"
        }
    }

    /// The range a figure may take, as in the spec's own field.
    var limits: ClosedRange<Double> {
        switch self {
        case .cameraPrice: return 1...100_000
        case .docksPerCamera: return 0...100_000
        case .setup, .serverPrice: return 0...10_000_000
        case .perUserPerMonth: return 0...10_000
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
    public var provenance: String {
        (assumption ? "department assumption: " : "market reference: ") + source + (date.map { ", " + $0.text } ?? "")
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

    public init(file: String, figures: [MarketItem: MarketFigure] = [:]) {
        self.file = file
        self.figures = figures
    }

    public subscript(item: MarketItem) -> MarketFigure? { figures[item] }
}
