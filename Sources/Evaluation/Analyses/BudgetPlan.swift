/// What the funds on hand buy in year one with one product, including what it needs to work.
///
/// - year one = cameras + docks and accessories + software, setup and server + the first
///   year's licences, storage and warranty (CostMetrics.yearOne);
/// - left over = funds - year one (negative: the shortfall);
/// - cameras funded = the most cameras whose year-one cost fits the funds;
/// - every year after = the recurring cost the town must budget.
public struct BudgetPlan: Equatable, Sendable {
    public var funds: Double
    public var camerasWanted: Int
    public var camerasFunded: Int
    public var cameras: Double
    public var docksAndAccessories: Double
    public var softwareAndServer: Double
    public var firstYearRecurring: Double
    public var yearOne: Double
    public var leftOver: Double
    public var everyYearAfter: Double
    /// Cost items the spec does not state (counted as $0).
    public var notCounted: [String]

    public init(_ cost: CostMetrics) {
        funds = cost.funds
        camerasWanted = cost.cameras
        camerasFunded = cost.camerasAffordable
        cameras = Double(cost.cameras) * cost.cameraPrice
        docksAndAccessories = cost.docksCost + Double(cost.cameras) * cost.accessoriesPerCamera
        softwareAndServer = cost.setup + cost.server
        firstYearRecurring = cost.annual
        yearOne = cost.yearOne
        leftOver = cost.leftover
        everyYearAfter = cost.annual
        notCounted = cost.notCounted
    }

    /// One sentence a lieutenant can read out.
    public func sentence(for name: String) -> String {
        let verdict =
            leftOver >= 0
            ? "leaves \(Format.dollars(leftOver))" : "is \(Format.dollars(-leftOver)) short"
        return "\(name): year one costs \(Format.dollars(yearOne)) and \(verdict) of \(Format.dollars(funds)); the funds equip \(camerasFunded) of \(camerasWanted) cameras; then \(Format.dollars(everyYearAfter)) a year."
    }

    public var lines: [String] {
        var out = [
            "cameras                        \(Format.dollars(cameras))",
            "docks and accessories          \(Format.dollars(docksAndAccessories))",
            "software, setup and server     \(Format.dollars(softwareAndServer))",
            "first year's licences/storage  \(Format.dollars(firstYearRecurring))",
            "year one                       \(Format.dollars(yearOne))  (funds \(Format.dollars(funds)))",
            leftOver >= 0 ? "left over                      \(Format.dollars(leftOver))" : "shortfall                      \(Format.dollars(-leftOver))",
            "cameras the funds equip        \(camerasFunded) of \(camerasWanted)",
            "every year after               \(Format.dollars(everyYearAfter))",
        ]
        if !notCounted.isEmpty { out.append("not stated, counted as $0: " + notCounted.joined(separator: ", ")) }
        return out
    }
}
