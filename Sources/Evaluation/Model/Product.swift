import TOML

/// Where a product stands on the market.
public enum ProductStatus: String, Sendable, CaseIterable {
    case shipping
    case announced
}

/// How a product keeps its video.
public enum StorageModel: String, Sendable, CaseIterable {
    case cloud
    case onPremises = "on-premises"
    case existingBackend = "existing-backend"
}

/// One product as its spec file describes it. `nil` means the spec does not say (unknown).
public struct Product: Equatable, Sendable, Identifiable {
    /// The spec file's name without `.toml`.
    public var id: String
    public var file: String
    /// The interface keeps a product whose file stopped loading (a writer that paused, a typo
    /// being fixed) as it last loaded, marked `↺`, until the file loads again.
    public var isLastGoodVersion = false
    public var vendor: String
    public var model: String
    public var summary: String?
    /// The sources with their dates (when given) and where each is written.
    public var sourceEntries: [SourceEntry] = []
    /// The sources' texts.
    public var sources: [String] { sourceEntries.map(\.text) }
    public var quoteDate: TOMLDate?
    public var notes: String?

    public var status: ProductStatus?
    public var availability: DateEstimate?

    // Camera, dollars.
    public var cameraPrice: Estimate?
    public var accessoriesPerCamera: Double?
    public var dockPrice: Double?
    public var camerasPerDock: Int?
    public var warrantyYears: Double?
    public var extendedWarrantyPerCameraYear: Double?

    // Video.
    public var resolution: String?
    public var gbPerHour: Double?
    public var fieldOfViewDegrees: Double?
    public var batteryHours: Double?
    public var preEventSeconds: Double?
    public var preEventAudio: Bool?

    // Storage and software, dollars.
    public var storageModel: StorageModel?
    public var perUserPerMonth: Estimate?
    public var perCameraPerMonth: Estimate?
    public var includedGBPerUser: Double?
    /// The years a licence or cloud contract runs, as the quote says (shown, not scored).
    public var contractYears: Double?
    public var overagePerGBMonth: Double?
    public var serverPrice: Double?
    public var serverTB: Double?
    public var upkeepPerTBYear: Double?
    public var setupCost: Double?

    // Integration with an in-car system.
    public var inCarSystem: String?
    public var features: [IntegrationFeature: Bool] = [:]

    /// Where each field was written (`camera.price` -> line and column).
    public var positions = FieldPositions()

    public init(id: String, file: String, vendor: String, model: String) {
        self.id = id
        self.file = file
        self.vendor = vendor
        self.model = model
    }

    /// "Panasonic Arbitrator BWC".
    public var name: String { vendor + " " + model }
}

/// One source of a spec's figures: its text, its publication date when known, and where the
/// spec names it.
public struct SourceEntry: Equatable, Sendable {
    public var text: String
    public var date: TOMLDate?
    public var line: Int
    public var column: Int

    public init(text: String, date: TOMLDate?, line: Int, column: Int) {
        self.text = text
        self.date = date
        self.line = line
        self.column = column
    }
}

/// The integration features of DOMAIN.md, each worth points the profile can change.
public enum IntegrationFeature: String, Sendable, CaseIterable, Comparable {
    case evidenceSoftware = "shared_evidence_software"
    case carTriggers = "car_triggers"
    case synchronisedPlayback = "synchronised_playback"
    case sharedUpload = "shared_upload"

    public var label: String {
        switch self {
        case .evidenceSoftware: return "shared evidence software and back-end"
        case .carTriggers: return "recording triggered by the car (lights, siren)"
        case .synchronisedPlayback: return "synchronised car and body playback"
        case .sharedUpload: return "shared upload (same Wi-Fi or docks)"
        }
    }

    /// Default points: together 100.
    public var defaultPoints: Double {
        switch self {
        case .evidenceSoftware: return 40
        case .carTriggers: return 25
        case .synchronisedPlayback: return 20
        case .sharedUpload: return 15
        }
    }

    /// Its place in `allCases`: order, equality and hashing by it, not by the raw value's text.
    var ordinal: Int {
        switch self {
        case .evidenceSoftware: return 0
        case .carTriggers: return 1
        case .synchronisedPlayback: return 2
        case .sharedUpload: return 3
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.ordinal < b.ordinal }
    public static func == (a: Self, b: Self) -> Bool { a.ordinal == b.ordinal }
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
}
