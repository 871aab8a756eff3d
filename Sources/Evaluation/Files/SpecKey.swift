/// A key of a product spec: spelled once, here. The decoder, the product form, the template
/// `lineup new` writes, the questions, the estimates and the list of unknown fields all name
/// keys through these values.
public struct SpecKey: Hashable, Sendable, CustomStringConvertible {
    /// The table it sits in (`camera`), "" for the top level.
    public let section: String
    /// Its name inside the table (`price`).
    public let key: String

    init(_ section: String, _ key: String) {
        self.section = section
        self.key = key
    }

    /// `camera.price`, as messages and the form name it.
    public var path: String { section.isEmpty ? key : section + "." + key }
    public var description: String { path }

    /// The most characters a text key may hold: the decoder refuses more, and the form stops
    /// typing there and says so. One table, so the two cannot disagree.
    public var textLimit: Int {
        switch self {
        case .vendor, .model, .inCarSystem: return 100
        case .resolution: return 40
        case .notes: return 5000
        default: return 2000
        }
    }

    /// Text keys that may hold line breaks (kept, and shown as ⏎ in the form).
    public var allowsLineBreaks: Bool { self == .notes || self == .summary }

    public static let vendor = SpecKey("", "vendor")
    public static let model = SpecKey("", "model")
    public static let summary = SpecKey("", "summary")
    public static let quoteDate = SpecKey("", "quote_date")
    public static let sources = SpecKey("", "sources")
    public static let notes = SpecKey("", "notes")

    public static let status = SpecKey("availability", "status")
    public static let availabilityDate = SpecKey("availability", "date")

    public static let cameraPrice = SpecKey("camera", "price")
    public static let accessories = SpecKey("camera", "accessories")
    public static let warrantyYears = SpecKey("camera", "warranty_years")
    public static let extendedWarranty = SpecKey("camera", "extended_warranty_per_year")

    public static let dockPrice = SpecKey("dock", "price")
    public static let camerasPerDock = SpecKey("dock", "cameras_per_dock")

    public static let resolution = SpecKey("video", "resolution")
    public static let gbPerHour = SpecKey("video", "gb_per_hour")
    public static let fieldOfView = SpecKey("video", "field_of_view")
    public static let batteryHours = SpecKey("video", "battery_hours")
    public static let preEventSeconds = SpecKey("video", "pre_event_seconds")
    public static let preEventAudio = SpecKey("video", "pre_event_audio")

    public static let storageModel = SpecKey("storage", "model")
    public static let perUserPerMonth = SpecKey("storage", "per_user_per_month")
    public static let perCameraPerMonth = SpecKey("storage", "per_camera_per_month")
    public static let includedGBPerUser = SpecKey("storage", "included_gb_per_user")
    public static let overagePerGBMonth = SpecKey("storage", "overage_per_gb_month")
    public static let serverPrice = SpecKey("storage", "server_price")
    public static let serverTB = SpecKey("storage", "server_tb")
    public static let upkeepPerTBYear = SpecKey("storage", "upkeep_per_tb_year")
    public static let setup = SpecKey("storage", "setup")
    /// The years a licence or cloud contract runs (shown; the horizon still decides the cost).
    public static let contractYears = SpecKey("storage", "contract_years")

    public static let inCarSystem = SpecKey("integration", "in_car_system")
    /// An integration link (`integration.car_triggers`).
    public static func feature(_ f: IntegrationFeature) -> SpecKey { SpecKey("integration", f.rawValue) }

    /// The sections of a spec, in the file's order.
    public static let sections = ["availability", "camera", "dock", "video", "storage", "integration"]

    /// Every key, in the order of a spec file.
    public static let all: [SpecKey] =
        [
            vendor, model, summary, quoteDate, sources, notes, status, availabilityDate, cameraPrice, accessories,
            warrantyYears, extendedWarranty, dockPrice, camerasPerDock, resolution, gbPerHour, fieldOfView,
            batteryHours, preEventSeconds, preEventAudio, storageModel, perUserPerMonth, perCameraPerMonth,
            includedGBPerUser, overagePerGBMonth, serverPrice, serverTB, upkeepPerTBYear, setup, contractYears,
            inCarSystem,
        ] + IntegrationFeature.allCases.map(feature)

    /// The keys a table may hold, by section ("" is the top level, which also holds the
    /// sections): what `validate` checks a spec against.
    public static let allowed: [String: [String]] = {
        var out: [String: [String]] = ["": []]
        for k in all { out[k.section, default: []].append(k.key) }
        out[""]! += sections
        return out
    }()
}
