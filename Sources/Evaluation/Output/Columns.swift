import TOML

/// One row of a ranking as every column sees it: the product's entry and what the outputs
/// put beside it. The allocation of the funds is computed for the row when a column first
/// asks (a CSV of 100,000 rows must not keep 100,000 allocations).
public final class Row {
    public let entry: RankedProduct
    public let extras: RankingReport.Extras
    /// The ranking the row belongs to (who is next down, for the swap column).
    public let ranking: Ranking?

    public init(_ entry: RankedProduct, extras: RankingReport.Extras = .init(), ranking: Ranking? = nil) {
        self.entry = entry
        self.extras = extras
        self.ranking = ranking
    }

    public var assessment: Assessment { entry.assessment }
    public var profile: Profile { entry.assessment.profile }
    /// The assessment's own allocation and range (computed once per product, whoever asks
    /// first: a table, CSV, JSON or the report), never a fresh run of the min-cost flow per row.
    public var allocation: FundAllocation { assessment.allocation }
    public var townRange: (low: Double, high: Double) { assessment.townRange }
}

/// A column of the ranking: its identity, its CSV/JSON field, where the tables show it, how
/// a table sorts by it, and its value. Every ranking surface (the terminal's table, the text
/// table of `lineup rank`, CSV, JSON, the board report's HTML and Markdown) is a renderer of
/// `Column.all`: a figure, its marks and its title are decided here once. A new column is one
/// entry in `Column.all`.
public struct Column: Sendable {
    /// Every column. The raw value is the CSV and JSON field name where there is one.
    public enum ID: String, Sendable, CaseIterable, Hashable {
        case rank, id, vendor, model
        case product, move, scoreBar  // tables only
        case score
        case cost = "cost_score"
        case integration = "integration_score"
        case storage = "storage_score"
        case availability = "availability_score"
        case upfront = "upfront_cost"
        case annual = "annual_cost"
        case tco
        case yearOne = "year_one_cost"
        case funds
        case fundsLeft = "funds_left"
        case withinFunds = "within_funds"
        /// The cameras the funds pay for with their year-one costs (by the funds' rules when they
        /// have rules): the one count every view and output gives.
        case camerasEquipped = "cameras_equipped"
        case camerasWanted = "cameras_wanted"
        case storageTB = "storage_tb"
        case storageFits = "storage_fits"
        case available
        case meetsNeedBy = "meets_need_by"
        case status
        case notCounted = "not_counted"
        case chanceFirst = "chance_first"
        case rankP5 = "rank_p5"
        case rankP95 = "rank_p95"
        case previousRank = "previous_rank"
        case movement
        case swapWithNext = "swap_with_next"
        case tcoLow = "tco_low"
        case tcoHigh = "tco_high"
        case yearOneLow = "year_one_low"
        case yearOneHigh = "year_one_high"
        case estimated
        case storageTBLow = "storage_tb_low"
        case storageTBHigh = "storage_tb_high"
        case availableEarliest = "available_earliest"
        case availableLatest = "available_latest"
        case chanceLate = "chance_late"
        case requirements
        case requirementNotes = "requirement_notes"
        case chanceQualifies = "chance_qualifies"
        case townShareYearOne = "town_share_year_one"
        case townShareByYear = "town_share_by_year"
        case townShareTotal = "town_share_total"
        case townShareLow = "town_share_low"
        case townShareHigh = "town_share_high"
        case fundsUnused = "funds_unused"
        case notRanked = "not_ranked"
        case warrantyYears = "warranty_years"
        case extendedWarranty = "extended_warranty_per_camera_year"
        case committeeScore = "committee_score"
        case judgedScores = "judged_scores"
        case judgedSpreads = "judged_spreads"
    }

    /// The tables that show columns (CSV and JSON show every column with a field).
    public enum Table: Sendable, Hashable { case terminal, text, report }

    /// How the tables show a column.
    public struct Display: Sendable {
        /// The place from the left in every table (smaller first).
        public var order: Int
        public var title: @Sendable (Profile?) -> String
        /// The terminal's title where it differs (a narrower column).
        public var terminalTitle: (@Sendable (Profile?) -> String)?
        /// Widths in the terminal (0: the product name, which takes what is left) and in the
        /// 100-column text table.
        public var width: Int
        public var textWidth: Int
        public var right: Bool
        public var tables: Set<Table>
    }

    /// How a table sorts by the column, best first.
    public enum Sort: Sendable {
        case byName
        /// Smaller first.
        case byNumber(@Sendable (RankedProduct) -> Double)
    }

    public let id: ID
    /// Whether CSV and JSON carry it (under `id.rawValue`).
    public let inData: Bool
    public let display: Display?
    public let sort: Sort?
    /// How the status line names the sort: "cost score".
    public let sortLabel: String
    /// The value for CSV and JSON.
    public let data: @Sendable (Row) -> CSV.Cell
    /// The value as the tables show it, with its marks (`~`, `+`, `!`, `?`, `†`).
    public let text: @Sendable (Row) -> String

    public func title(_ profile: Profile?, in table: Table) -> String {
        guard let display else { return id.rawValue }
        if table == .terminal, let t = display.terminalTitle { return t(profile) }
        if table == .report, let t = Self.boardTitle(id, profile) { return t }
        return display.title(profile)
    }

    /// The board report's titles where a Board needs words, not the analyst's abbreviations.
    static func boardTitle(_ id: ID, _ profile: Profile?) -> String? {
        switch id {
        case .tco: return profile.map { "Cost over \(Format.number($0.horizonYears)) years" } ?? "Total cost"
        case .yearOne: return profile.map { MoneyLines.byRules($0) ? "Town pays, year one" : "Year one" }
        case .chanceFirst: return "Best choice in"
        default: return nil
        }
    }

    public func shows(in table: Table) -> Bool { display?.tables.contains(table) == true }
}

extension Column {
    /// The columns `table` shows, left to right.
    public static func shown(in table: Table) -> [Column] {
        all.filter { $0.shows(in: table) }.sorted { $0.display!.order < $1.display!.order }
    }

    /// The columns of CSV and JSON, in their order.
    public static let data: [Column] = all.filter(\.inData)

    public static func named(_ id: ID) -> Column { all.first { $0.id == id }! }

    /// The columns a table may sort by, in the order `s` steps through them.
    public static let sortable: [ID] = shown(in: .terminal).filter { $0.sort != nil }.map(\.id)

    // MARK: - The list

    private static func dataOnly(_ id: ID, _ value: @escaping @Sendable (Row) -> CSV.Cell) -> Column {
        Column(id: id, inData: true, display: nil, sort: nil, sortLabel: "", data: value, text: { _ in "" })
    }

    /// A total the tables show as "unknown" (nothing known, only unknown items) is empty in
    /// CSV and null in JSON, never 0.
    private static func unknownOrMoney(_ cost: CostMetrics, _ value: Double) -> CSV.Cell {
        !cost.notCounted.isEmpty && value == 0 ? .empty : .number(value, places: 2)
    }

    private static func money(_ id: ID, _ value: @escaping @Sendable (Assessment) -> Double) -> Column {
        dataOnly(id) { .number(value($0.assessment), places: 2) }
    }

    private static func shown(
        _ id: ID, order: Int, _ title: String, terminal: String? = nil, width: Int, text textWidth: Int,
        right: Bool = true,
        in tables: Set<Table>, data: Bool = true, sort: Sort? = nil, sortLabel: String = "",
        value: @escaping @Sendable (Row) -> CSV.Cell = { _ in .empty }, shown: @escaping @Sendable (Row) -> String
    ) -> Column {
        var terminalTitle: (@Sendable (Profile?) -> String)?
        if let terminal { terminalTitle = { (_: Profile?) -> String in terminal } }
        let display = Display(
            order: order, title: { (_: Profile?) -> String in title }, terminalTitle: terminalTitle, width: width,
            textWidth: textWidth, right: right, tables: tables)
        return Column(
            id: id, inData: data, display: display, sort: sort, sortLabel: sortLabel, data: value, text: shown)
    }

    private static func criterion(_ c: Criterion, order: Int, _ title: String, terminal: String? = nil, width: Int)
        -> Column
    {
        shown(
            ID(rawValue: c.rawValue + "_score")!, order: order, title, terminal: terminal, width: width, text: 5,
            in: [.terminal, .text], sort: .byNumber { -$0.assessment.scores[c] }, sortLabel: "\(c.rawValue) score",
            value: { r in
                r.assessment.unrankable.contains { $0.criterion == c }
                    ? .empty : .number(r.assessment.scores[c], places: 2)
            }, shown: { Marks.score($0.assessment, c, places: 0) })
    }

    /// Every column: CSV and JSON in this order; the tables by `Display.order`.
    public static let all: [Column] = part0 + part1 + part2 + part3 + part4 + part5 + part6 + part7

    private static let part0: [Column] = [
        shown(
            .rank, order: 0, "Rank", terminal: "  #", width: 4, text: 4, in: [.terminal, .text, .report],
            sort: .byNumber { Double($0.rank) },
            sortLabel: "rank", value: { $0.entry.rank == 0 ? .text("out") : .integer($0.entry.rank) },
            shown: { Marks.rank($0.entry) }),
        dataOnly(.id) { .text($0.assessment.product.id) },
        dataOnly(.vendor) { .text($0.assessment.product.vendor) },
        dataOnly(.model) { .text($0.assessment.product.model) },
        shown(
            .product, order: 1, "Product", width: 0, text: 17, right: false, in: [.terminal, .text, .report],
            data: false, sort: .byName,
            sortLabel: "product", shown: { Marks.name($0.assessment.product) }),
        shown(
            .move, order: 2, "Move", width: 4, text: 3, right: false, in: [.terminal, .text], data: false,
            shown: { $0.extras.changes?.movements[$0.entry.id]?.marker ?? "" }),
        // Drawn by the terminal itself (a bar of the contributions, as wide as there is room).
        shown(
            .scoreBar, order: 3, "Score bar", width: 10, text: 0, right: false, in: [.terminal], data: false,
            shown: { _ in "" }),
    ]

    private static let part1: [Column] = [
        shown(
            .score, order: 4, "Score", width: 5, text: 5, in: [.terminal, .text, .report],
            value: { $0.entry.rank == 0 ? .empty : .number($0.entry.score, places: 2) },
            shown: { Marks.total($0.entry) }),
        criterion(.cost, order: 5, "Cost", width: 4),
        criterion(.integration, order: 6, "Integ", terminal: "Intg", width: 4),
        criterion(.storage, order: 7, "Stor", width: 4),
        criterion(.availability, order: 8, "Avail", width: 5),
        money(.upfront) { $0.cost.upfront },
    ]

    private static let part2: [Column] = [
        money(.annual) { $0.cost.annual },
        shown(
            .tco, order: 9, "TCO", width: 10, text: 10, in: [.terminal, .text, .report],
            sort: .byNumber { $0.assessment.cost.tco },
            sortLabel: "TCO", value: { unknownOrMoney($0.assessment.cost, $0.assessment.cost.tco) },
            shown: { Marks.tco($0.assessment.cost) }),
        // Without fund rules, year one itself (`!` over the pooled funds); with rules, the town's
        // share of year one after each fund pays what its rules allow ("Town y1"). Sorted by
        // the figure it shows.
        Column(
            id: .yearOne, inData: true,
            display: Display(
                order: 10, title: { $0.map(Marks.yearOneTitle) ?? "Year one" },
                terminalTitle: { ($0.map(Marks.yearOneTitle) ?? "Year one") + " " }, width: 11, textWidth: 10,
                right: true, tables: [.terminal, .text, .report]),
            sort: .byNumber { MoneyLines.yearOneFigure($0.assessment) },
            sortLabel: "year-one cost", data: { unknownOrMoney($0.assessment.cost, $0.assessment.cost.yearOne) },
            text: { Marks.yearOneCell($0.assessment) }),
        dataOnly(.funds) { .number($0.profile.funds, places: 2) },
        money(.fundsLeft) { $0.cost.leftover },
        dataOnly(.withinFunds) { .text($0.assessment.cost.withinFunds ? "yes" : "no") },
        dataOnly(.camerasEquipped) { .integer($0.assessment.camerasEquipped) },
    ]

    private static let part3: [Column] = [
        dataOnly(.camerasWanted) { .integer($0.assessment.cost.cameras) },
        shown(
            .storageTB, order: 11, "TB", width: 5, text: 0, in: [.terminal],
            sort: .byNumber { $0.assessment.storage.storedTB },
            sortLabel: "storage TB", value: { .number($0.assessment.storage.storedTB, places: 3) },
            shown: { Marks.storageTB($0.assessment.storage) }),
        dataOnly(.storageFits) { .text($0.assessment.storage.fits.map { $0 ? "yes" : "no" } ?? "unknown") },
        // The date used, `~` for a window's middle; `!` after the need-by date, `?` no date.
        shown(
            .available, order: 12, "Available", width: 11, text: 12, right: false, in: [.terminal, .text, .report],
            sort: .byNumber { $0.assessment.availability.date.map { Double($0.daysSinceEpoch) } ?? .infinity },
            sortLabel: "availability date",
            value: { $0.assessment.availability.date.map { .text($0.text) } ?? .text("unknown") },
            shown: { r in
                let a = r.assessment
                return Marks.available(a) + (a.availability.date == nil ? "?" : (a.availability.meetsNeedBy ? "" : "!"))
            }),
        dataOnly(.meetsNeedBy) { .text($0.assessment.availability.meetsNeedBy ? "yes" : "no") },
        dataOnly(.status) { .text($0.assessment.product.status?.rawValue ?? "unknown") },
        dataOnly(.notCounted) { .text($0.assessment.cost.notCounted.joined(separator: "; ")) },
    ]

    private static let part4: [Column] = [
        shown(
            .chanceFirst, order: 13, "First in", width: 8, text: 8, in: [.text, .report],
            value: { r in r.extras.simulation?.outcome(r.entry.id).map { .number($0.chanceFirst, places: 4) } ?? .empty
            },
            shown: { r in
                r.entry.rank == 0
                    ? "out" : r.extras.simulation?.outcome(r.entry.id).map { Format.percent($0.chanceFirst) } ?? ""
            }),
        dataOnly(.rankP5) { r in r.extras.simulation?.outcome(r.entry.id)?.rankP5.map { .integer($0) } ?? .empty },
        dataOnly(.rankP95) { r in r.extras.simulation?.outcome(r.entry.id)?.rankP95.map { .integer($0) } ?? .empty },
        dataOnly(.previousRank) { r in
            if case .moved(let n)? = r.extras.changes?.movements[r.entry.id] { return .integer(r.entry.rank + n) }
            return .empty
        },
        dataOnly(.movement) { r in r.extras.changes?.movements[r.entry.id].map { .text($0.text) } ?? .empty },
        dataOnly(.swapWithNext) { r in .text(r.ranking.map { r.extras.swapText(r.entry.id, in: $0) } ?? "") },
    ]

    private static let part5: [Column] = [
        money(.tcoLow) { $0.cost.tcoLow },
        money(.tcoHigh) { $0.cost.tcoHigh },
        money(.yearOneLow) { $0.cost.yearOneLow },
        money(.yearOneHigh) { $0.cost.yearOneHigh },
        dataOnly(.estimated) { r in
            var estimated = r.assessment.cost.estimatedItems
            if r.assessment.storage.isEstimated { estimated.append("GB of video per hour") }
            return .text(estimated.joined(separator: "; "))
        },
        dataOnly(.storageTBLow) { .number($0.assessment.storage.storedTBLow, places: 3) },
    ]

    private static let part6: [Column] = [
        dataOnly(.storageTBHigh) { .number($0.assessment.storage.storedTBHigh, places: 3) },
        dataOnly(.availableEarliest) { r in r.assessment.product.availability.map { .text($0.earliest.text) } ?? .empty
        },
        dataOnly(.availableLatest) { r in
            let a = r.assessment
            return a.availability.draw.map { .text(TOMLDate(daysSinceEpoch: $0.latest).text) }
                ?? a.product.availability.map { .text($0.latest.text) } ?? .empty
        },
        dataOnly(.chanceLate) { .number($0.assessment.availability.chanceLate, places: 4) },
        // The must-haves: the outcome over every rule in force (empty when none is).
        shown(
            .requirements, order: 14, "Must-haves", width: 10, text: 10, right: false, in: [.report],
            value: { r in r.assessment.requirements.isEmpty ? .empty : .text(r.assessment.requirements.outcome.rawValue)
            },
            shown: { r in
                if let u = r.assessment.unrankable.first { return "not ranked: " + u.criterion.label.lowercased() }
                return r.assessment.requirements.isEmpty ? "" : r.assessment.requirements.outcome.rawValue
            }),
        dataOnly(.requirementNotes) { r in
            let results = r.assessment.requirements
            guard !results.isEmpty else { return .empty }
            return .text(
                results.filter { $0.outcome != .passes }.map {
                    "\($0.rule.rawValue): \($0.outcome.rawValue): \($0.reason)"
                }
                .joined(separator: "; "))
        },
        dataOnly(.chanceQualifies) { r in
            guard !r.assessment.requirements.isEmpty else { return .empty }
            if r.entry.rank == 0 { return .number(0, places: 4) }
            guard let outcome = r.extras.simulation?.outcome(r.entry.id) else { return .empty }
            return outcome.chanceQualifies.map { .number($0, places: 4) } ?? .text("unknown")
        },
        // What the town pays after the funds, by their rules.
        dataOnly(.townShareYearOne) { unknownOrMoney($0.assessment.cost, $0.allocation.townByYear[0]) },
    ]

    private static let part7: [Column] = [
        dataOnly(.townShareByYear) {
            .text($0.allocation.townByYear.map { Format.fixed($0, 2) }.joined(separator: ";"))
        },
        dataOnly(.townShareTotal) { .number($0.allocation.townTotal, places: 2) },
        dataOnly(.townShareLow) { .number($0.townRange.low, places: 2) },
        dataOnly(.townShareHigh) { r in
            r.assessment.cost.notCounted.isEmpty ? .number(r.townRange.high, places: 2) : .text("unknown")
        },
        dataOnly(.fundsUnused) { .text($0.allocation.unusedNotes.joined(separator: "; ")) },
        // Why a product is out: a must-have it fails, or a criterion nothing lets it be ranked on.
        dataOnly(.notRanked) { .text($0.assessment.notRankedBecause) },
        // The warranty as the spec states it (empty when it does not): a question, never a saving.
        shown(
            .warrantyYears, order: 15, "Warranty", width: 9, text: 9, right: false, in: [.report],
            value: { r in r.assessment.product.warrantyYears.map { .number($0, places: 2) } ?? .empty },
            shown: { Marks.warranty($0.assessment.product, short: true) }),
        dataOnly(.extendedWarranty) { r in
            r.assessment.product.extendedWarrantyPerCameraYear.map { .number($0, places: 2) } ?? .empty
        },
        // The committee (empty without one): its score, each judged score that counts (the
        // consensus, else the median) and each range of the evaluators' marks.
        dataOnly(.committeeScore) { r in
            r.profile.committee == nil ? .empty : .number(r.assessment.scores.committee, places: 2)
        },
        dataOnly(.judgedScores) { r in
            .text(
                r.assessment.judged.map { j in
                    j.criterion.key + "=" + (j.counted.map { Format.literal($0) } ?? "")
                        + (j.consensus != nil ? " consensus" : "")
                }.joined(separator: ";"))
        },
        dataOnly(.judgedSpreads) { r in
            .text(
                r.assessment.judged.map { j in
                    j.criterion.key + "="
                        + (j.lowest.map { lo in Format.literal(lo) + "-" + Format.literal(j.highest!) } ?? "")
                        + " of \(j.marks.count)" + (j.disputed ? " disputed" : "")
                }.joined(separator: ";"))
        },
    ]
}
