import TOML

/// What a cost is for: what a fund's rules name (`pays_for`).
public enum CostItem: String, Sendable, CaseIterable, Hashable {
    case cameras, accessories, docks, software, server, licences, storage, warranty

    /// Its place in `allCases`. Equality and hashing go by it: a String raw value would make
    /// both hash and compare the text (4% of a CSV of 10,000 products, in the allocations).
    var ordinal: Int {
        switch self {
        case .cameras: return 0
        case .accessories: return 1
        case .docks: return 2
        case .software: return 3
        case .server: return 4
        case .licences: return 5
        case .storage: return 6
        case .warranty: return 7
        }
    }

    public static func == (a: CostItem, b: CostItem) -> Bool { a.ordinal == b.ordinal }
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

    /// Licences, storage and warranty come back every year.
    public var isRecurring: Bool { self == .licences || self == .storage || self == .warranty }

    /// The item in a grant's words: what a fund that may pay it pays for. One phrase for the
    /// fund's rules in every text, the department panel's checklist and the README.
    public var label: String {
        switch self {
        case .cameras: return "cameras"
        case .accessories: return "accessories (mounts, cables, spare batteries)"
        case .docks: return "docks and chargers"
        case .software: return "software and set-up"
        case .server: return "servers and disks"
        case .licences: return "licences and cloud evidence services (with their storage)"
        case .storage: return "upkeep of the department's own storage"
        case .warranty: return "warranty"
        }
    }

    /// The label as a checklist line starts it.
    public var meaning: String { label.prefix(1).uppercased() + label.dropFirst() }

    /// How the texts name the item when nothing gives its figure.
    public var unknownLabel: String {
        switch self {
        case .cameras: return "camera price"
        case .software: return "software/setup"
        case .storage: return "storage upkeep"
        default: return rawValue
        }
    }

    /// The spec key a vendor's answer goes in.
    public var specField: SpecKey {
        switch self {
        case .cameras: return .cameraPrice
        case .accessories: return .accessories
        case .docks: return .dockPrice
        case .software: return .setup
        case .server: return .serverPrice
        case .licences: return .perCameraPerMonth
        case .storage: return .upkeepPerTBYear
        case .warranty: return .extendedWarranty
        }
    }
}

/// One product's costs year by year, and who pays them: each fund, by its rules, and the town
/// for the rest.
///
/// The allocation is a transportation problem: funds (each with its amount) on one side,
/// the product's costs (each item in each year) on the other, an edge wherever a fund's rules
/// allow it to pay that item in that year. The town pays what no fund can, so the town's share
/// is smallest when the money moved from funds to costs is largest: a maximum flow. Among the
/// maximum flows, the one that pays the earliest years first (the cost of an edge is its year)
/// is found by successive shortest augmenting paths (Bellman-Ford on the residual graph), which
/// gives a minimum-cost maximum flow; with at most a handful of funds and a few dozen costs it
/// is exact and instant. Greedy allocation is not: a fund that may pay anything spent on the
/// cameras first can leave a cameras-only fund with nothing it may pay (`FundAllocationTests`).
public struct FundAllocation: Equatable, Sendable {
    /// Years of the horizon (the last may be part of a year).
    public var years: Int
    /// Cost per year.
    public var costByYear: [Double]
    /// What each fund pays in each year: [fund][year].
    public var paidByFund: [[Double]]
    /// What the town pays in each year.
    public var townByYear: [Double]
    /// Each fund's money left over.
    public var unused: [Double]
    public var funding: [FundingSource]
    /// Funds whose `until` date is before the evaluation date: they pay nothing.
    public var lapsed: [Bool] = []

    public var townTotal: Double { townByYear.reduce(0, +) }

    /// Why a fund has money left: "the donation may pay only cameras: $1,400 unused".
    public var unusedNotes: [String] {
        if !funding.contains(where: \.hasRules) {
            // One pool for year one: what is left of it, not which fund it came from.
            let left = unused.reduce(0, +)
            return left >= 0.5 ? ["\(Format.dollars(left)) of the funds left after year one"] : []
        }
        return funding.indices.compactMap { i in
            guard unused[i] >= 0.5 else { return nil }
            if i < lapsed.count && lapsed[i], let until = funding[i].until {
                return
                    "\(funding[i].source) lapsed on \(until.text), before the evaluation date: \(Format.dollars(unused[i])) unused"
            }
            return "\(funding[i].source) \(funding[i].ruleText): \(Format.dollars(unused[i])) unused"
        }
    }

    public enum End: Sendable { case middle, low, high }

    /// A product's costs by item and year over the horizon: a flat table in the order of the
    /// cost items (the allocation runs several times a product: a dictionary of arrays was a
    /// fifth of a CSV of 10,000 products).
    public struct CostSchedule: Sendable, Equatable {
        public let years: Int
        /// What the last year counts for: the part of a year the horizon takes (1 when whole).
        let lastShare: Double
        var amounts: [Double]

        public init(horizonYears: Double) {
            years = max(1, Int(horizonYears.rounded(.up)))
            lastShare = horizonYears - Double(years - 1)
            amounts = Array(repeating: 0, count: CostItem.allCases.count * years)
        }

        /// From a dictionary of each item's costs by year (beyond `years` left out).
        public init(_ items: [CostItem: [Double]], years: Int) {
            self.init(horizonYears: Double(max(1, years)))
            for (item, values) in items {
                for (y, v) in values.enumerated() where y < self.years { self[item, y] = v }
            }
        }

        /// The part of year `y` (0-based) the horizon counts.
        public func share(_ y: Int) -> Double { y < years - 1 ? 1.0 : lastShare }

        public subscript(item: CostItem, year: Int) -> Double {
            get { amounts[item.ordinal * years + year] }
            set { amounts[item.ordinal * years + year] = newValue }
        }
    }

    /// The costs with every range and estimate at its `end`.
    public static func costs(_ cost: CostMetrics, horizonYears: Double, at end: End) -> (
        years: Int, items: CostSchedule
    ) {
        guard end != .middle else { return costs(cost, horizonYears: horizonYears) }
        return costs(cost, horizonYears: horizonYears) { end == .low ? $0.low : $0.high }
    }

    /// The costs with each range and estimate at the value `value` gives it.
    public static func costs(_ cost: CostMetrics, horizonYears: Double, value: (UncertainFigure) -> Double) -> (
        years: Int, items: CostSchedule
    ) {
        var (years, items) = costs(cost, horizonYears: horizonYears)
        for f in cost.uncertain {
            let item = f.costItem
            let delta = f.yearOnePerUnit * (value(f) - f.point)
            if item.isRecurring {
                for y in 0..<years { items[item, y] = max(0, items[item, y] + delta * items.share(y)) }
            } else {
                items[item, 0] = max(0, items[item, 0] + delta)
            }
        }
        return (years, items)
    }

    /// The town's share over the horizon with every range at its low end and at its high end.
    public static func townRange(_ cost: CostMetrics, profile: Profile) -> (low: Double, high: Double) {
        if cost.uncertain.isEmpty {
            let point = allocate(cost, profile: profile).townTotal
            return (point, point)
        }
        func total(_ end: End) -> Double {
            let (years, items) = costs(cost, horizonYears: profile.horizonYears, at: end)
            return allocate(
                items: items, years: years, funding: profile.funding, evaluationDate: profile.evaluationDate
            ).townTotal
        }
        return (total(.low), total(.high))
    }

    /// The town's share in year `y` (0-based) as the tables show it: `~` when the product's
    /// figures rest on ranges or estimates, `+` when an unknown cost is left out.
    public func townText(_ y: Int, cost: CostMetrics) -> String {
        Marks.money(townByYear[y], uncertain: Marks.costIsUncertain(cost), unknown: !cost.notCounted.isEmpty)
    }

    /// "the town pays ~$4,010 in year one, then ~$1,010, ~$1,010, ~$2,010, ~$2,010; JAG pays
    /// $12,000 in years 1-4, the donation $5,000; unused: ..."
    public func sentence(for name: String, cost: CostMetrics) -> String {
        var s = "\(name): the town pays \(townText(0, cost: cost)) in year one"
        if years > 1 { s += ", then " + (1..<years).map { townText($0, cost: cost) }.joined(separator: ", ") }
        let paying = funding.indices.filter { paidByFund[$0].reduce(0, +) >= 0.5 }.map { i -> String in
            let paid = paidByFund[i]
            let inYears = paid.indices.filter { paid[$0] >= 0.5 }.map { "\($0 + 1)" }
            return "\(funding[i].source) pays \(Format.dollars(paid.reduce(0, +)))"
                + (inYears == ["1"] ? "" : " (years \(inYears.joined(separator: ", ")))")
        }
        if !paying.isEmpty { s += "; " + paying.joined(separator: ", ") }
        if !unusedNotes.isEmpty { s += "; " + unusedNotes.joined(separator: "; ") }
        return s
    }

    /// The costs of `cost` (a product's figures) spread over the horizon.
    public static func costs(_ cost: CostMetrics, horizonYears: Double) -> (years: Int, items: CostSchedule) {
        var items = CostSchedule(horizonYears: horizonYears)
        let years = items.years
        func once(_ item: CostItem, _ v: Double) { items[item, 0] = v }
        func yearly(_ item: CostItem, _ v: Double) { for y in 0..<years { items[item, y] = v * items.share(y) } }
        once(.cameras, Double(cost.cameras) * cost.cameraPrice)
        once(.accessories, Double(cost.cameras) * cost.accessoriesPerCamera + cost.spareBatteries)
        once(.docks, cost.docksCost)
        once(.software, cost.setup)
        once(.server, cost.server)
        yearly(.licences, cost.licencesPerYear)
        yearly(.storage, cost.overagePerYear + cost.upkeepPerYear)
        yearly(.warranty, cost.warrantyPerYear)
        return (years, items)
    }

    /// What the funds can pay of this product's year one at most: with rules, their allocation
    /// with every range at its high end (the most they could be asked to pay); without, the
    /// pooled funds. A drawn year one above it leaves the town a share.
    public static func mostPaidOfYearOne(_ cost: CostMetrics, profile: Profile) -> Double {
        guard profile.fundsHaveRules else { return profile.funds }
        let (years, items) = costs(cost, horizonYears: profile.horizonYears, at: .high)
        let paid = allocate(
            items: items, years: years, funding: profile.funding, evaluationDate: profile.evaluationDate)
        return paid.costByYear[0] - paid.townByYear[0]
    }

    /// Allocates `funding` to the product's costs: the least the town can pay, the earliest
    /// years paid first.
    public static func allocate(_ cost: CostMetrics, profile: Profile) -> FundAllocation {
        let (years, items) = costs(cost, horizonYears: profile.horizonYears)
        return allocate(items: items, years: years, funding: profile.funding, evaluationDate: profile.evaluationDate)
    }

    /// The same from costs written as a dictionary of each item's costs by year.
    public static func allocate(
        items: [CostItem: [Double]], years: Int, funding: [FundingSource], evaluationDate: TOMLDate
    ) -> FundAllocation {
        allocate(
            items: CostSchedule(items, years: years), years: years, funding: funding, evaluationDate: evaluationDate)
    }

    public static func allocate(
        items: CostSchedule, years: Int, funding: [FundingSource], evaluationDate: TOMLDate
    ) -> FundAllocation {
        if !funding.contains(where: \.hasRules) { return pooled(items: items, years: years, funding: funding) }
        // Nodes: 0 source, 1...F funds, then one per (item, year) with a cost, then the sink.
        var cells: [(CostItem, Int, Double)] = []
        for item in CostItem.allCases {
            for y in 0..<items.years where items[item, y] > 0 { cells.append((item, y, items[item, y])) }
        }
        let f = funding.count
        let sink = 1 + f + cells.count
        var graph = FlowGraph(nodes: sink + 1)
        for (i, fund) in funding.enumerated() { graph.add(0, 1 + i, capacity: fund.amount, cost: 0) }
        // The edge from fund i to cell c is edge paying[c * f + i] (-1 when it may not pay it).
        var paying = [Int](repeating: -1, count: cells.count * f)
        let mayPay = cells.map { item, year, _ in
            funding.map { $0.mayPay(item, inYear: year + 1, evaluationDate: evaluationDate) }
        }
        // Among the allocations that leave the town the least, the one that spends the most
        // restricted and the soonest-lapsing money first: a fund's place in that order is part
        // of its edges' cost (after the year). So a cameras-only donation pays for cameras
        // before a grant that may pay anything, and no fund is called unused while it could pay.
        let priority = Self.spendingOrder(funding, evaluationDate: evaluationDate)
        for (c, (_, year, amount)) in cells.enumerated() {
            graph.add(1 + f + c, sink, capacity: amount, cost: 0)
            for i in 0..<f where mayPay[c][i] {
                // Earlier years first; among funds, the most restricted first.
                paying[c * f + i] = graph.add(
                    1 + i, 1 + f + c, capacity: .infinity, cost: Double(year) * 1000 + Double(priority[i]))
            }
        }
        graph.minCostMaxFlow(from: 0, to: sink)
        var paid = Array(repeating: Array(repeating: 0.0, count: years), count: f)
        var costByYear = Array(repeating: 0.0, count: years)
        var funded = Array(repeating: 0.0, count: years)
        for (c, (_, year, amount)) in cells.enumerated() {
            costByYear[year] += amount
            for i in 0..<f {
                let e = paying[c * f + i]
                let flow = e < 0 ? 0 : graph.edges[e].flow
                paid[i][year] += flow
                funded[year] += flow
            }
        }
        let town = (0..<years).map { max(0, costByYear[$0] - funded[$0]) }
        let unused = funding.indices.map { i in max(0, funding[i].amount - paid[i].reduce(0, +)) }
        var result = FundAllocation(
            years: years, costByYear: costByYear, paidByFund: paid, townByYear: town, unused: unused, funding: funding)
        result.lapsed = funding.map { $0.hasLapsed(by: evaluationDate) }
        return result
    }

    /// Each fund's place in the order money is spent in: the soonest to lapse first, then the
    /// one that may pay the fewest items, then the one that may not pay recurring costs, then
    /// as listed. `priority[i]` is fund i's place (0 first).
    static func spendingOrder(_ funding: [FundingSource], evaluationDate: TOMLDate) -> [Int] {
        let keys = funding.enumerated().map { i, f in
            (
                f.lastYear(evaluationDate: evaluationDate), f.paysFor?.count ?? CostItem.allCases.count,
                f.recurring == false ? 0 : 1, i
            )
        }
        let order = keys.sorted { $0 < $1 }.map(\.3)
        var priority = Array(repeating: 0, count: funding.count)
        for (place, i) in order.enumerated() { priority[i] = place }
        return priority
    }

    /// Without rules the funds are one pool for year one: the flow's answer in closed form
    /// (each fund in turn pays year one until it is spent; the town pays the rest and every
    /// later year). `withoutRulesTheFundsAreOnePoolForYearOne` checks it against the pooled sum.
    static func pooled(items: CostSchedule, years: Int, funding: [FundingSource]) -> FundAllocation {
        var costByYear = Array(repeating: 0.0, count: years)
        // Summed in the fixed order of the cost items (a dictionary's order changes from run to
        // run, and so would the last bits of the sum).
        for item in CostItem.allCases {
            for y in 0..<min(years, items.years) { costByYear[y] += items[item, y] }
        }
        var left = costByYear[0]
        var paid = Array(repeating: Array(repeating: 0.0, count: years), count: funding.count)
        var unused = Array(repeating: 0.0, count: funding.count)
        for (i, fund) in funding.enumerated() {
            let pay = min(fund.amount, max(0, left))
            paid[i][0] = pay
            left -= pay
            unused[i] = fund.amount - pay
        }
        var town = costByYear
        town[0] = max(0, left)
        return FundAllocation(
            years: years, costByYear: costByYear, paidByFund: paid, townByYear: town, unused: unused, funding: funding)
    }

    /// The most cameras whose year-one cost the funds cover entirely under their rules (the
    /// same scaling as the pooled count, `CostMetrics.forCameras`).
    public static func camerasEquipped(_ cost: CostMetrics, profile: Profile) -> Int {
        // Without rules the funds are one pool: the pooled count, already computed.
        guard profile.fundsHaveRules else { return cost.camerasAffordable }
        func fits(_ k: Int) -> Bool {
            let (years, items) = costs(cost.forCameras(k), horizonYears: profile.horizonYears)
            return allocate(
                items: items, years: years, funding: profile.funding, evaluationDate: profile.evaluationDate
            ).townByYear[0] < 0.005
        }
        // Rules only take money away, so the pooled count is the most they can equip: one
        // allocation when they equip it all (the common case), else bisection below it.
        let pooled = cost.camerasAffordable
        if fits(pooled) { return pooled }
        guard fits(0) else { return 0 }
        var lo = 0
        var hi = pooled
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if fits(mid) { lo = mid } else { hi = mid }
        }
        return lo
    }
}

extension FundingSource {
    /// Whether it may no longer be spent: its `until` date is before the evaluation date. A
    /// lapsed fund pays nothing (and `validate` warns).
    public func hasLapsed(by evaluationDate: TOMLDate) -> Bool {
        guard let until else { return false }
        return until.daysSinceEpoch < evaluationDate.daysSinceEpoch
    }

    /// Whether this fund may pay `item` in year `year` (1-based). No rules: anything, year one.
    public func mayPay(_ item: CostItem, inYear year: Int, evaluationDate: TOMLDate) -> Bool {
        if let items = paysFor, !items.contains(item) { return false }
        if item.isRecurring && recurring == false { return false }
        return year <= lastYear(evaluationDate: evaluationDate)
    }

    /// The last year (1-based) it may be spent in; 0 when it has lapsed.
    public func lastYear(evaluationDate: TOMLDate) -> Int {
        if let years { return years }
        if hasLapsed(by: evaluationDate) { return 0 }
        if let until {
            let days = until.daysSinceEpoch - evaluationDate.daysSinceEpoch
            return max(1, Int((Double(days) / 365.25).rounded(.up)))
        }
        return 1
    }

    /// "may pay only cameras, in year one": its rules in words.
    public var ruleText: String {
        var parts: [String] = []
        if let items = paysFor, items.count < CostItem.allCases.count {
            let names = CostItem.allCases.filter(items.contains).map(\.label)
            parts.append("may pay only " + names.joined(separator: ", "))
        } else {
            parts.append("may pay anything")
        }
        if let years {
            parts.append(years == 1 ? "in year one" : "in years 1-\(years)")
        } else if let until {
            parts.append("until \(until.text)")
        } else {
            parts.append("in year one")
        }
        if recurring == false { parts.append("no recurring costs") }
        return parts.joined(separator: ", ")
    }
}

/// A small flow network for the allocation: edges with their reverses (edge e ^ 1), each
/// node's edges listed in the order they were added (compressed rows, built when the flow
/// runs: two arrays, not one per node).
struct FlowGraph {
    struct Edge {
        var to: Int
        var capacity: Double
        var cost: Double
        var flow = 0.0
    }

    var edges: [Edge] = []
    /// Each edge's tail.
    var tails: [Int] = []
    let nodes: Int

    init(nodes: Int) { self.nodes = nodes }

    /// Adds the edge and its reverse; returns the edge's index (its flow is `edges[e].flow`).
    @discardableResult
    mutating func add(_ from: Int, _ to: Int, capacity: Double, cost: Double) -> Int {
        let e = edges.count
        edges.append(Edge(to: to, capacity: capacity, cost: cost))
        tails.append(from)
        edges.append(Edge(to: from, capacity: 0, cost: -cost))
        tails.append(to)
        return e
    }

    /// Node v's edges are list[start[v]..<start[v + 1]], in the order they were added.
    func adjacency() -> (start: [Int], list: [Int]) {
        var start = [Int](repeating: 0, count: nodes + 1)
        for t in tails { start[t + 1] += 1 }
        for v in 0..<nodes { start[v + 1] += start[v] }
        var next = start
        var list = [Int](repeating: 0, count: edges.count)
        for (e, t) in tails.enumerated() {
            list[next[t]] = e
            next[t] += 1
        }
        return (start, list)
    }

    /// Successive shortest paths: each augmentation along the cheapest path with room left;
    /// ends when no path has room. The result is a maximum flow of least total cost.
    mutating func minCostMaxFlow(from s: Int, to t: Int) {
        let n = nodes
        let (start, list) = adjacency()
        var distance = Array(repeating: Double.infinity, count: n)
        var via = Array(repeating: -1, count: n)
        var queued = Array(repeating: false, count: n)
        var queue: [Int] = []
        queue.reserveCapacity(n * 4)
        while true {
            for i in 0..<n {
                distance[i] = .infinity
                via[i] = -1
            }
            distance[s] = 0
            // Bellman-Ford with a queue (SPFA): the residual graph has negative costs on
            // reverse edges, and no negative cycle (each augmentation is a shortest path).
            queue.removeAll(keepingCapacity: true)
            queue.append(s)
            queued[s] = true
            var head = 0
            while head < queue.count {
                let u = queue[head]
                head += 1
                queued[u] = false
                for j in start[u]..<start[u + 1] {
                    let e = list[j]
                    let edge = edges[e]
                    if edge.capacity - edge.flow > 1e-9 && distance[u] + edge.cost < distance[edge.to] - 1e-12 {
                        distance[edge.to] = distance[u] + edge.cost
                        via[edge.to] = e
                        if !queued[edge.to] {
                            queued[edge.to] = true
                            queue.append(edge.to)
                        }
                    }
                }
            }
            guard distance[t] < .infinity else { return }
            var room = Double.infinity
            var v = t
            while v != s {
                let e = via[v]
                room = min(room, edges[e].capacity - edges[e].flow)
                v = edges[e ^ 1].to
            }
            v = t
            while v != s {
                let e = via[v]
                edges[e].flow += room
                edges[e ^ 1].flow -= room
                v = edges[e ^ 1].to
            }
        }
    }
}
