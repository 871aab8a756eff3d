/// Storage needs, from the department's own recording and retention policy.
///
/// - hours a day = officers per shift x shifts a day x recorded hours per shift
/// - GB a day = hours a day x the product's GB per hour
/// - retention days = routine days x (1 - evidence share) + evidence days x evidence share
/// - stored GB = GB a day x retention days; TB = GB / 1000
/// - score = smallest TB in the lineup / this TB x 100, times (1 - penalty) when the
///   product's storage is known not to hold it
public struct StorageMetrics: Equatable, Sendable {
    public var hoursPerDay: Double
    public var gbPerHour: Double
    public var gbPerHourNote: String
    public var retentionDays: Double
    public var capacityTB: Double?
    public var model: StorageModel?
    /// The market reference's range when the video rate is an estimate.
    public var gbPerHourRange: Estimate?
    /// The spec states its video rate (otherwise it is estimated, or borrowed without a market).
    public var gbPerHourStated: Bool
    public var working: [WorkingLine]
    public var lines: [String] { working.map(\.text) }

    /// Stored TB at the ends of an estimated video rate (equal to storedTB when it is stated).
    public var storedTBLow: Double { gbPerHourRange.map { storedTB / gbPerHour * $0.low } ?? storedTB }
    public var storedTBHigh: Double { gbPerHourRange.map { storedTB / gbPerHour * $0.high } ?? storedTB }
    public var isEstimated: Bool { !gbPerHourStated }
    /// No video rate: not stated, no market range and none stated in the lineup.
    public var rateUnknown = false

    public var gbPerDay: Double { hoursPerDay * gbPerHour }
    public var storedGB: Double { gbPerDay * retentionDays }
    public var storedTB: Double { storedGB / 1000 }
    /// Whether the storage holds the video: nil when unknown, true for cloud.
    public var fits: Bool? {
        if model == .cloud { return true }
        guard let c = capacityTB else { return nil }
        return storedTB <= c
    }

    static func compute(_ p: Product, _ profile: Profile, _ fallbacks: Fallbacks, explain: Bool = false)
        -> StorageMetrics
    {
        let hours = profile.officersPerShift * profile.shiftsPerDay * profile.recordedHoursPerShift
        let gbph: Double
        let note: String
        var range: Estimate?
        if let g = p.gbPerHour {
            gbph = g
            note = ""
        } else if let f = profile.market?[.gbPerHour] {
            gbph = f.point
            range = Estimate(low: f.low, high: f.high)
            note =
                " (not stated; estimate: middle of \(Format.number(f.low))-\(Format.number(f.high)) GB/h, \(f.provenance))"
        } else if let worst = fallbacks.gbPerHour {
            gbph = worst
            note = " (unknown: the highest rate stated in the lineup)"
        } else {
            gbph = 0
            note = " (unknown: no product states a rate and no market range gives one)"
        }
        let share = profile.evidenceShare
        let days = profile.routineRetentionDays * (1 - share) + profile.evidenceRetentionDays * share
        var capacity: Double?
        switch p.storageModel {
        case .existingBackend?: capacity = profile.backendFreeTB
        case .onPremises?: capacity = p.serverTB
        default: capacity = nil
        }
        var m = StorageMetrics(
            hoursPerDay: hours, gbPerHour: gbph, gbPerHourNote: note, retentionDays: days, capacityTB: capacity,
            model: p.storageModel,
            gbPerHourRange: range, gbPerHourStated: p.gbPerHour != nil, working: [])
        m.rateUnknown = p.gbPerHour == nil && range == nil && fallbacks.gbPerHour == nil
        guard explain else { return m }
        let n = Format.number
        let estimatedOrUnknown: WorkingLine.Kind = p.gbPerHour == nil && range == nil ? .unknown : .step
        m.working = [
            "hours recorded a day = \(n(profile.officersPerShift, 3)) officers x \(n(profile.shiftsPerDay, 3)) shifts x \(n(profile.recordedHoursPerShift, 3)) h = \(n(hours, 3)) h",
            WorkingLine(
                "GB a day = \(n(hours, 3)) h x \(n(gbph, 3)) GB/h\(note) = \(n(m.gbPerDay, 2)) GB", estimatedOrUnknown),
            "retention = \(n(profile.routineRetentionDays, 1)) d x \(n(1 - share, 3)) + \(n(profile.evidenceRetentionDays, 1)) d x \(n(share, 3)) = \(n(days, 2)) days",
            "stored = \(n(m.gbPerDay, 2)) GB x \(n(days, 2)) days = \(n(m.storedGB, 0)) GB = \(Format.fixed(m.storedTB, 2)) TB",
        ]
        if range != nil {
            m.working.append(
                "stored, at the ends of the estimated rate: \(Format.fixed(m.storedTBLow, 2)) to \(Format.fixed(m.storedTBHigh, 2)) TB"
            )
        }
        switch (p.storageModel, m.fits) {
        case (.cloud?, _): m.working.append("storage: cloud (no capacity limit; cost counted under Cost)")
        case (nil, _): m.working.append(WorkingLine("storage model: unknown", .unknown))
        case (let model?, nil): m.working.append(WorkingLine("storage: \(model.rawValue), capacity unknown", .unknown))
        case (let model?, let fits?):
            let place = model == .existingBackend ? "the existing back-end's free space" : "the server"
            m.working.append(
                WorkingLine(
                    "storage: \(model.rawValue); \(place) is \(n(capacity ?? 0, 2)) TB: "
                        + (fits ? "it fits" : "it does NOT fit"),
                    fits ? .step : .shortfall))
        }
        return m
    }
}
