/// How a figure says where it comes from, in every table: `~` before a figure that rests on a
/// stated range or an estimate (the middle is shown; the why view gives the range and the
/// source), `+` after a total that leaves out an unknown item (the real total is higher). A
/// figure without a mark rests only on single stated numbers.
public enum Marks {
    public static let legend =
        "~ rests on a stated range or an estimate (why shows which); + leaves out an unknown cost; ◆ announced, not shipping"
    /// Said under a table when a must-have is in force.
    public static let requirementsLegend =
        "† a must-have is unverified (why shows the question); out: fails a must-have, not ranked"

    /// The rank as tables show it: "2", "2†" when a must-have is unverified, "out" when one fails.
    public static func rank(_ e: RankedProduct) -> String {
        if e.rank == 0 { return "out" }
        return "\(e.rank)" + (e.assessment.requirements.unverified.isEmpty ? "" : "†")
    }

    /// The name as the tables show it: `◆ ` before an announced product's, so its status is
    /// visible in every table at any width; `↺ ` before the last good version of a file that
    /// does not load now.
    public static func name(_ p: Product) -> String {
        (p.isLastGoodVersion ? "↺ " : "") + (p.status == .announced ? "◆ " : "") + p.name
    }

    /// The warranty as the spec states it: "2 years", "1 year; extended $60 a camera a year",
    /// "not stated" (short: "2 yr", "?"). One rule for why, compare, CSV and the report.
    public static func warranty(_ p: Product, short: Bool = false) -> String {
        guard let years = p.warrantyYears else { return short ? "not stated" : "not stated (ask the vendor)" }
        if short { return Format.number(years) + " yr" }
        var s = Format.number(years) + (years == 1 ? " year" : " years")
        if let extended = p.extendedWarrantyPerCameraYear {
            s += "; extended \(Format.dollars(extended, cents: extended != extended.rounded())) a camera a year"
        }
        return s
    }

    static func mark(_ text: String, uncertain: Bool, unknown: Bool = false) -> String {
        (uncertain ? "~" : "") + text + (unknown ? "+" : "")
    }

    /// Whether the cost figures rest on anything but single stated numbers.
    public static func costIsUncertain(_ c: CostMetrics) -> Bool { !c.uncertain.isEmpty }

    /// A dollar figure with its marks, the one rule for every money cell and sentence: `~` when
    /// it rests on a range or estimate; an unknown item left out adds `+` (tables) or
    /// " + unknown" (sentences); a figure that is nothing but unknown reads "unknown", never $0.
    public static func money(_ value: Double, uncertain: Bool, unknown: Bool, prose: Bool = false) -> String {
        if unknown && value == 0 { return "unknown" }
        return mark(Format.dollars(value), uncertain: uncertain) + (unknown ? (prose ? " + unknown" : "+") : "")
    }

    public static func tco(_ c: CostMetrics) -> String {
        money(c.tco, uncertain: costIsUncertain(c), unknown: !c.notCounted.isEmpty)
    }

    public static func yearOne(_ c: CostMetrics) -> String {
        money(c.yearOne, uncertain: costIsUncertain(c), unknown: !c.notCounted.isEmpty)
    }

    /// The year-one column of every table, one rule: without fund rules year one itself, `!`
    /// when over the pooled funds; with rules (the funds are not one pool) the town's share of
    /// year one, titled "Town y1".
    public static func yearOneTitle(_ profile: Profile) -> String {
        MoneyLines.byRules(profile) ? "Town y1" : "Year one"
    }

    public static func yearOneCell(_ a: Assessment) -> String {
        MoneyLines.byRules(a.profile)
            ? a.allocation.townText(0, cost: a.cost) + " " : yearOne(a.cost) + (a.cost.withinFunds ? " " : "!")
    }

    public static func storageTB(_ s: StorageMetrics, places: Int = 1) -> String {
        mark(Format.fixed(s.storedTB, places), uncertain: s.isEstimated)
    }

    /// The date used: `~` for the middle of a window, `now`, or `unknown`.
    public static func available(_ a: Assessment) -> String {
        let text = RankingReport.availableText(a)
        return mark(text, uncertain: a.availability.draw != nil)
    }

    /// A criterion score, marked when its own figures are uncertain.
    public static func score(_ a: Assessment, _ c: Criterion, places: Int) -> String {
        // A criterion nothing lets it be ranked on has no score, never one from a missing figure.
        if a.unrankable.contains(where: { $0.criterion == c }) { return "—" }
        let text = Format.fixed(a.scores[c], places)
        switch c {
        case .cost: return mark(text, uncertain: costIsUncertain(a.cost) || !a.cost.notCounted.isEmpty)
        case .storage: return mark(text, uncertain: a.storage.isEstimated)
        case .availability: return mark(text, uncertain: a.availability.draw != nil)
        case .integration: return mark(text, uncertain: !a.integration.chances.isEmpty)
        case .committee: return mark(text, uncertain: a.judged.contains(where: \.varies))
        }
    }

    /// Whether the total rests on anything uncertain.
    public static func totalIsUncertain(_ a: Assessment) -> Bool {
        costIsUncertain(a.cost) || !a.cost.notCounted.isEmpty || a.storage.isEstimated || a.availability.draw != nil
            || !a.integration.chances.isEmpty || a.judged.contains(where: \.varies)
    }

    public static func total(_ e: RankedProduct, places: Int = 1) -> String {
        if e.rank == 0 { return "—" }
        // The top of the scale is "100", so a marked "~100" fits where "~100.0" would be cut.
        let text = Format.fixed(e.score, places) == Format.fixed(100, places) ? "100" : Format.fixed(e.score, places)
        return mark(text, uncertain: totalIsUncertain(e.assessment))
    }
}

/// How a list names a product in the room it has: the whole name when it fits; else the
/// model before the vendor ("Arbitrator BWC · Panasonic"); else the model alone when no other
/// product has that model (the vendor when one does), cut so that what tells it apart from the
/// lineup's other names stays: the start when the start already differs, else the start and
/// the end ("Arb…5-04-24)" beside "Arb…tor BWC"). Marks (`◆`, `↺`) stay in front. One rule
/// for every list of the interface.
public struct ListName: Equatable, Sendable {
    public var marks: String
    public var full: String
    /// The model, then the vendor.
    public var modelFirst: String
    /// What is cut when nothing whole fits: the model, or the model and vendor when another
    /// product has the same model.
    var core: String
    /// Characters `core` shares at its start with the nearest other product's.
    var shared: Int

    /// The name in `width` columns (padding is the caller's).
    public func fitted(_ width: Int) -> String {
        let room = max(1, width - SafeText.width(marks))
        if SafeText.width(full) <= room { return marks + full }
        if SafeText.width(modelFirst) <= room { return marks + modelFirst }
        if SafeText.width(core) <= room { return marks + core }
        // The first room - 1 characters already differ from every other name: a plain cut.
        if shared < room - 1 { return marks + SafeText.fitted(core, room) }
        // Else its start and its end, where a revision or the vendor tells it apart.
        let name = Array(core)
        let head = max(1, min(room / 3, room - 3))
        var tail: [Character] = []
        var used = 0
        for c in name.reversed() {
            let w = SafeText.width(of: c)
            if used + w > room - head - 1 { break }
            tail.insert(c, at: 0)
            used += w
        }
        return marks + String(name[..<head]) + "…" + String(tail)
    }

    /// Each product's list name, by id.
    public static func of(_ products: [Product]) -> [String: ListName] {
        var modelCount: [String: Int] = [:]
        for p in products { modelCount[p.model, default: 0] += 1 }
        func modelFirst(_ p: Product) -> String { p.vendor.isEmpty ? p.model : p.model + " · " + p.vendor }
        func core(_ p: Product) -> String { modelCount[p.model, default: 0] > 1 ? modelFirst(p) : p.model }
        let names = products.map { Array(core($0)) }
        // The longest start a name shares with any other is with a neighbour in sorted order.
        let order = names.indices.sorted { names[$0].lexicographicallyPrecedes(names[$1]) }
        var shared = [Int](repeating: 0, count: products.count)
        func common(_ a: [Character], _ b: [Character]) -> Int {
            var n = 0
            while n < a.count && n < b.count && a[n] == b[n] { n += 1 }
            return n
        }
        for k in order.indices.dropFirst() {
            let (i, j) = (order[k - 1], order[k])
            let c = common(names[i], names[j])
            shared[i] = max(shared[i], c)
            shared[j] = max(shared[j], c)
        }
        var out: [String: ListName] = [:]
        for (i, p) in products.enumerated() {
            let marks = (p.isLastGoodVersion ? "↺ " : "") + (p.status == .announced ? "◆ " : "")
            out[p.id] = ListName(
                marks: marks, full: p.name, modelFirst: modelFirst(p), core: core(p), shared: shared[i])
        }
        return out
    }
}
