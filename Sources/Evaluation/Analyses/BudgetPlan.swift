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
    /// Cost items that are unknown (neither stated nor estimated): not in the figures.
    public var notCounted: [String]
    /// An unknown item recurs every year.
    public var recurringUnknown: Bool
    /// The figures rest on a stated range or an estimate (any; recurring ones).
    public var uncertain: Bool
    public var recurringUncertain: Bool
    /// Year one at the ends of every range.
    public var yearOneLow: Double
    public var yearOneHigh: Double

    public init(_ cost: CostMetrics) {
        funds = cost.funds
        camerasWanted = cost.cameras
        camerasFunded = cost.camerasAffordable
        cameras = Double(cost.cameras) * cost.cameraPrice
        docksAndAccessories = cost.docksCost + Double(cost.cameras) * cost.accessoriesPerCamera + cost.spareBatteries
        softwareAndServer = cost.setup + cost.server
        firstYearRecurring = cost.annual
        yearOne = cost.yearOne
        leftOver = cost.leftover
        everyYearAfter = cost.annual
        notCounted = cost.notCounted
        recurringUnknown = cost.recurringUnknown
        uncertain = !cost.uncertain.isEmpty
        recurringUncertain = cost.uncertain.contains { $0.tcoPerUnit != $0.yearOnePerUnit }
        yearOneLow = cost.yearOneLow
        yearOneHigh = cost.yearOneHigh
    }

    /// A dollar figure with its marks: `~` when it rests on a range or an estimate, `+` when an
    /// unknown item is left out (the real figure is higher).
    public func marked(_ value: Double, recurring: Bool = false) -> String {
        Marks.money(
            value, uncertain: recurring ? recurringUncertain : uncertain,
            unknown: recurring ? recurringUnknown : !notCounted.isEmpty,
            prose: true)
    }

    /// "all 15 cameras (room for 21)" or "11 of 15 cameras": never "21 of 15", which reads
    /// like an error.
    public var equipText: String {
        camerasFunded >= camerasWanted
            ? "all \(camerasWanted) cameras" + (camerasFunded > camerasWanted ? " (room for \(camerasFunded))" : "")
            : "\(camerasFunded) of \(camerasWanted) cameras"
    }

    /// The short form for a table column: "all 15" or "11 of 15".
    public var equipShort: String { Self.equipShort(camerasFunded, of: camerasWanted) }

    public static func equipShort(_ funded: Int, of wanted: Int) -> String {
        funded >= wanted ? "all \(wanted)" : "\(funded) of \(wanted)"
    }

    /// One sentence a lieutenant can read out.
    public func sentence(for name: String) -> String {
        // With unknown items the real year one is higher: what is left is at most this.
        let bound = notCounted.isEmpty ? "" : leftOver >= 0 ? "at most " : "at least "
        let verdict =
            leftOver >= 0
            ? "leaves \(bound)\(Format.dollars(leftOver))" : "is \(bound)\(Format.dollars(-leftOver)) short"
        let range =
            uncertain && yearOneLow != yearOneHigh
            ? " (\(Format.dollars(yearOneLow))-\(Format.dollars(yearOneHigh)))" : ""
        return
            "\(name): year one costs \(marked(yearOne))\(range) and \(verdict) of \(Format.dollars(funds)); the funds equip \(equipText); then \(marked(everyYearAfter, recurring: true)) a year."
    }
}
