import Evaluation
import Plot
import TOML

/// The board packet: what a Board of Finance reads, in the order it reads it. One HTML page
/// with everything inline (a Content-Security-Policy forbids any request; no script), whose
/// body prints to at most three US Letter pages; sources and the full list of questions follow
/// as an appendix. Built with Plot, so every text is escaped as it is placed; the few attribute
/// values that carry text go through `attribute(_:)`. Every figure comes from the same values
/// as `lineup rank` (the same ranking, the same seeded simulation).
public struct BoardReport: Sendable {
    public var profile: Profile
    public var ranking: Ranking
    public var simulation: Simulation.Result?
    public var sensitivity: Sensitivity.Report?
    public var questions: Questions.Report?
    public var today: TOMLDate

    /// Questions are asked about the products first in at least this share of the draws.
    public static let questionMinimumChance = 0.01

    /// The report of `ranking` as its caller ranked it: the report never ranks again.
    public init(ranking: Ranking, profile: Profile, today: TOMLDate, options: Simulation.Options = Simulation.Options())
    {
        self.profile = profile
        self.today = today
        self.ranking = ranking
        sensitivity = ranking.entries.isEmpty ? nil : Sensitivity.analyse(ranking)
        // The same draws as `lineup questions` and the letters (one set of figures); the
        // products a board would ask about: first in at least 1% of the draws, five at most.
        // The questions' base run is the report's simulation: the draws run once.
        let products = ranking.entries.map(\.product) + ranking.failed.map(\.product)
        questions =
            options.draws > 0 && !ranking.entries.isEmpty
            ? Questions.analyse(
                products, profile: profile, ranking: ranking, options: options,
                minimumChance: Self.questionMinimumChance, contenders: 5) : nil
        simulation = questions?.simulation
    }

    /// Ranks `products` for `profile` with `weights` and `method`, then reports.
    public init(
        products: [Product], profile: Profile, weights: Weights, method: Method, today: TOMLDate,
        options: Simulation.Options = Simulation.Options()
    ) {
        let ranking = Ranking(
            Assessment.assess(products, profile: profile), weights: weights, method: method,
            evaluationDate: profile.evaluationDate)
        self.init(ranking: ranking, profile: profile, today: today, options: options)
    }

    // MARK: - Words and figures, shared by HTML and Markdown

    func pct(_ x: Double) -> String { Format.percent(x) }

    var leader: RankedProduct? { ranking.entries.first }

    func margin(_ i: Sensitivity.Interval) -> Double {
        let below = i.takerBelow != nil ? (i.share - i.lowShare) : .infinity
        let above = i.takerAbove != nil ? (i.highShare - i.share) : .infinity
        return min(below, above)
    }

    /// The table's marks, in the Board's words.
    static let legend =
        "~ rests on a quoted range or an estimate (the middle is shown); + leaves out a cost the vendor has not given; ◆ announced, not yet shipping; † a must-have not yet confirmed; out: fails a must-have; ! over the funds or after the need-by date."

    /// The page's title.
    static func title(_ profile: Profile) -> String {
        "Body-worn cameras: a recommendation to the Board, \(profile.name)"
    }

    /// The line under the title: as of when, and by when the cameras are needed.
    var meta: String {
        "As of \(profile.evaluationDate.text); the cameras are needed by \(profile.needBy.text). How the figures were worked out is at the end."
    }

    /// The rows of the ranking table (ranked, then out), each cell as it is shown.
    /// The report's columns of `Column.all`.
    var tableColumns: [Column] { Column.shown(in: .report) }

    public var tableRows: [(id: String, cells: [String])] {
        let extras = RankingReport.Extras(simulation: simulation)
        let entries = ranking.entries + ranking.failedEntries
        let (ranking, columns) = (ranking, tableColumns)
        // Blocks of rows on every core (1,000 products: a tenth of the report on one core).
        let block = 128
        return Parallel.map((entries.count + block - 1) / block) { b in
            entries[(b * block)..<min(entries.count, (b + 1) * block)].map { e in
                let row = Row(e, extras: extras, ranking: ranking)
                // A table cell needs no alignment padding.
                return (e.id, columns.map { Self.trailingSpacesTrimmed($0.text(row)) })
            }
        }.flatMap { $0 }
    }

    /// `s` without the spaces it ends with.
    static func trailingSpacesTrimmed(_ s: String) -> String {
        guard s.utf8.last == UInt8(ascii: " ") else { return s }
        let bytes = s.utf8
        guard let last = bytes.lastIndex(where: { $0 != UInt8(ascii: " ") }) else { return "" }
        return String(decoding: bytes[...last], as: UTF8.self)
    }

    public var tableHeader: [String] { tableColumns.map { $0.title(profile, in: .report) } }

    /// Products drawn in the charts: the ranking's top eight (the appendix lists every figure).
    var charted: [RankedProduct] { Array(ranking.entries.prefix(8)) }

    // MARK: - HTML

    /// `s` safe inside a double-quoted attribute (Plot writes attribute values as given).
    static func attribute(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Text as a node: Plot escapes < and >, and keeps what looks like an entity; the & is
    /// escaped first so "&lt;" in a vendor's name shows as written.
    static func text(_ s: String) -> Node<HTML.BodyContext> {
        .text(SafeText.escaped(s).replacing("&", with: "&amp;"))
    }

    static let css = """
        @page { size: letter; margin: 0; }
        body { font: 10pt/1.35 "DejaVu Sans", Arial, sans-serif; color: #000; max-width: 7.3in; margin: 0 auto; padding: 0.55in 0.6in; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
        h1 { font-size: 15pt; margin: 0 0 2pt; } h2 { font-size: 11.5pt; margin: 10pt 0 3pt; border-bottom: 1px solid #000; }
        p { margin: 3pt 0; } .meta { font-size: 8.5pt; color: #333; } .lead { font-size: 11pt; }
        table { border-collapse: collapse; width: 100%; font-size: 8.5pt; } th, td { border-bottom: 1px solid #999; padding: 1.5pt 3pt; text-align: left; }
        td.n, th.n { text-align: right; } tr.out td { color: #555; font-style: italic; }
        h2 { break-after: avoid-page; page-break-after: avoid; } table, svg, li { break-inside: avoid; page-break-inside: avoid; }
        svg { display: block; width: 100%; height: auto; } svg text { font: 9.5px "DejaVu Sans", Arial, sans-serif; }
        .appendix { break-before: page; page-break-before: always; } .small { font-size: 8pt; }
        ul { margin: 2pt 0 2pt 14pt; padding: 0; } li { margin: 1pt 0; }
        @media screen { body { margin: 1em auto; padding: 0 1em; } }
        """

    /// The whole page.
    public var html: String {
        let title = Self.title(profile)
        let doc = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(
                    .attribute(named: "http-equiv", value: "Content-Security-Policy"),
                    .attribute(named: "content", value: "default-src 'none'; style-src 'unsafe-inline'; img-src data:")),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Written here, escaped for an element and an attribute alike: Plot's `.title`
                // also copies the text, unescaped, into twitter:title and og:title attributes,
                // where a profile name with a quote could add a refresh to another site.
                .raw("<title>\(Self.attribute(SafeText.escaped(title)))</title>"),
                .style(Self.css)
            ),
            .body(
                .h1(Self.text(title)),
                .p(.class("meta"), Self.text(meta)),
                .group(
                    summary.enumerated().map { i, line in
                        .p(.class(i == 0 ? "lead" : ""), i == 0 ? .strong(Self.text(line)) : Self.text(line))
                    }),
                .h2(Self.text("The ranking")),
                rankingTable,
                .p(.class("small"), Self.text(Self.legend)),
                .h2(
                    Self.text(
                        MoneyLines.chartTitle(profile))),
                fundsChart,
                .h2(Self.text("When each can be on patrol")),
                timelineChart,
                .h2(Self.text("How likely each is to be the best choice")),
                chancesChart,
                .p(
                    .class("small"),
                    Self.text(
                        simulation == nil
                            ? "The plausible cases were not run."
                            : "The share of plausible cases in which each product is the best choice: prices, ship dates, features a vendor has not confirmed and the department's priorities vary within what is known (the end of the report says how)."
                    )),
                requirementsSection,
                committeeSection,
                questionsSection,
                .h2(Self.text("The department's assumptions")),
                .ul(.group(assumptions.map { .li(Self.text($0)) })),
                .h2(Self.text(Self.workingsTitle)),
                .group(workings.map { .p(.class("small"), Self.text($0)) }),
                appendix
            )
        )
        return doc.render()
    }

    var rankingTable: Node<HTML.BodyContext> {
        let numeric = Set(tableColumns.indices.filter { tableColumns[$0].display!.right })
        return .table(
            .tr(.group(tableHeader.enumerated().map { i, h in .th(.class(numeric.contains(i) ? "n" : ""), .text(h)) })),
            .group(
                tableRows.map { row in
                    .tr(
                        .attribute(named: "data-id", value: Self.attribute(row.id)),
                        .class(row.cells[0] == "out" ? "out" : ""),
                        .group(
                            row.cells.enumerated().map { i, c in
                                .td(.class(numeric.contains(i) ? "n" : ""), Self.text(c))
                            }))
                })
        )
    }

    // MARK: - Charts (inline SVG, black and white: labels and patterns, never colour alone)

    static func svg(width: Double, height: Double, _ nodes: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        .element(
            named: "svg",
            nodes: [
                .attribute(named: "viewBox", value: "0 0 \(n(width)) \(n(height))"),
                .attribute(named: "role", value: "img"),
                .element(
                    named: "defs",
                    nodes: [
                        .element(
                            named: "pattern",
                            nodes: [
                                .attribute(named: "id", value: "hatch"), .attribute(named: "width", value: "4"),
                                .attribute(named: "height", value: "4"),
                                .attribute(named: "patternUnits", value: "userSpaceOnUse"),
                                .element(
                                    named: "path",
                                    nodes: [
                                        .attribute(named: "d", value: "M0,4 L4,0"),
                                        .attribute(named: "stroke", value: "#000"),
                                        .attribute(named: "stroke-width", value: "0.8"),
                                    ]),
                            ])
                    ]),
            ] + nodes)
    }

    static func n(_ v: Double) -> String { Format.fixed(v, 1) }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: Bool = true) -> Node<
        HTML.BodyContext
    > {
        .element(
            named: "rect",
            nodes: [
                .attribute(named: "x", value: n(x)), .attribute(named: "y", value: n(y)),
                .attribute(named: "width", value: n(max(0, w))),
                .attribute(named: "height", value: n(h)), .attribute(named: "fill", value: fill),
            ]
                + (stroke
                    ? [.attribute(named: "stroke", value: "#000"), .attribute(named: "stroke-width", value: "0.5")]
                    : []))
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, dashed: Bool = false, width: Double = 0.8)
        -> Node<HTML.BodyContext>
    {
        .element(
            named: "line",
            nodes: [
                .attribute(named: "x1", value: n(x1)), .attribute(named: "y1", value: n(y1)),
                .attribute(named: "x2", value: n(x2)),
                .attribute(named: "y2", value: n(y2)), .attribute(named: "stroke", value: "#000"),
                .attribute(named: "stroke-width", value: n(width)),
            ] + (dashed ? [.attribute(named: "stroke-dasharray", value: "3,2")] : []))
    }

    static func label(_ s: String, x: Double, y: Double, anchor: String = "start", bold: Bool = false) -> Node<
        HTML.BodyContext
    > {
        .element(
            named: "text",
            nodes: [
                .attribute(named: "x", value: n(x)), .attribute(named: "y", value: n(y)),
                .attribute(named: "text-anchor", value: anchor),
            ] + (bold ? [.attribute(named: "font-weight", value: "bold")] : []) + [text(s)])
    }

    // Every chart is drawn at print size: 525 units across is the body's 7.3 inches, so one
    // unit is one point and the 9.5-unit labels print at 9.5 pt.
    static let chartWidth = 525.0
    static let nameColumn = 128.0

    /// A product's name at the left of a chart row, cut to the name column.
    static func nameLabel(_ p: Product, y: Double) -> Node<HTML.BodyContext> {
        label(SafeText.fitted(Marks.name(p), 24), x: nameColumn - 4, y: y, anchor: "end")
    }

    /// "The top 8 of 11 by rank; the table above lists every product." under a chart that
    /// does not show them all.
    func chartedNote(_ shown: Int) -> Node<HTML.BodyContext> {
        let all = ranking.entries.count
        guard shown < all else { return .empty }
        return .p(
            .class("small"), Self.text("The top \(shown) of \(all) by rank; the table above lists every product."))
    }

    /// A dollar axis under a money chart: ticks at round amounts from $0 to `maxValue`.
    static func dollarAxis(x: (Double) -> Double, maxValue: Double, y: Double) -> [Node<HTML.BodyContext>] {
        guard maxValue > 0 else { return [] }
        let rough = maxValue / 4
        let magnitude = pow10(floor(log10(rough)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? rough
        var nodes: [Node<HTML.BodyContext>] = [line(x(0), y, x(maxValue), y, width: 0.6)]
        var v = 0.0
        while v <= maxValue + 1e-9 {
            nodes.append(line(x(v), y, x(v), y + 3, width: 0.6))
            nodes.append(label(Format.dollars(v), x: x(v), y: y + 13, anchor: "middle"))
            v += step
        }
        return nodes
    }

    static func pow10(_ e: Double) -> Double {
        var r = 1.0
        if e >= 0 { for _ in 0..<Int(e) { r *= 10 } } else { for _ in 0..<Int(-e) { r /= 10 } }
        return r
    }

    static func floor(_ v: Double) -> Double { v.rounded(.down) }

    static func log10(_ v: Double) -> Double {
        var e = 0.0
        var x = v
        while x >= 10 {
            x /= 10
            e += 1
        }
        while x < 1 && x > 0 {
            x *= 10
            e -= 1
        }
        return e
    }

    /// Year one as a solid bar with a whisker from its low to its high end, a hatched bar for
    /// every year after, and a dashed line at the funds on hand.
    var fundsChart: Node<HTML.BodyContext> {
        let rows = charted
        guard !rows.isEmpty else { return .p(Self.text("No product to chart.")) }
        if MoneyLines.byRules(profile) { return .group(fundsByRulesChart(rows), chartedNote(rows.count)) }
        let width = Self.chartWidth
        let left = Self.nameColumn
        let right = 120.0
        let plot = width - left - right
        let rowHeight = 24.0
        let top = 16.0
        let height = top + Double(rows.count) * rowHeight + 34
        let maxValue = max(profile.funds, rows.map { BudgetPlan($0.assessment.cost).yearOneHigh }.max() ?? 0) * 1.05
        func x(_ v: Double) -> Double { left + plot * (maxValue > 0 ? v / maxValue : 0) }
        var nodes: [Node<HTML.BodyContext>] = [
            Self.label("solid: year one (whisker: low to high); hatched: every year after", x: left, y: 10)
        ]
        for (i, e) in rows.enumerated() {
            let plan = BudgetPlan(e.assessment.cost)
            let y = top + Double(i) * rowHeight
            nodes.append(Self.nameLabel(e.product, y: y + 10))
            nodes.append(Self.rect(left, y + 2, x(plan.yearOne) - left, 9, fill: "#000"))
            if plan.uncertain {
                nodes.append(Self.line(x(plan.yearOneLow), y + 6.5, x(plan.yearOneHigh), y + 6.5, width: 0.8))
                nodes.append(Self.line(x(plan.yearOneLow), y + 3, x(plan.yearOneLow), y + 10))
                nodes.append(Self.line(x(plan.yearOneHigh), y + 3, x(plan.yearOneHigh), y + 10))
            }
            nodes.append(Self.rect(left, y + 13, x(plan.everyYearAfter) - left, 8, fill: "url(#hatch)"))
            nodes.append(
                Self.label(
                    "\(plan.marked(plan.yearOne)); then \(plan.marked(plan.everyYearAfter, recurring: true))/yr",
                    x: max(x(plan.yearOneHigh), x(plan.yearOne)) + 4, y: y + 10))
        }
        let axis = top + Double(rows.count) * rowHeight + 2
        nodes.append(Self.line(x(profile.funds), top - 2, x(profile.funds), axis, dashed: true, width: 1.2))
        nodes += Self.dollarAxis(x: x, maxValue: maxValue, y: axis)
        nodes.append(
            Self.label(
                "dashed: the funds, \(Format.dollars(profile.funds))", x: x(profile.funds), y: height - 3,
                anchor: "middle", bold: true))
        return .group(Self.svg(width: width, height: height, nodes), chartedNote(rows.count))
    }

    /// With rules the funds are not one pool: year one as what the funds pay (solid) and what
    /// the town pays (white), then the town's share in each later year (hatched), all written.
    func fundsByRulesChart(_ rows: [RankedProduct]) -> Node<HTML.BodyContext> {
        let width = Self.chartWidth
        let left = Self.nameColumn
        let plot = width - left - 175
        let rowHeight = 24.0
        let top = 16.0
        let height = top + Double(rows.count) * rowHeight + 20
        let allocations = rows.map { $0.assessment.allocation }
        let maxValue = (allocations.map { $0.costByYear[0] }.max() ?? 1) * 1.05
        func w(_ v: Double) -> Double { plot * (maxValue > 0 ? v / maxValue : 0) }
        var nodes: [Node<HTML.BodyContext>] = [
            Self.label(
                "solid: paid by the funds in year one; white: by the town; hatched: by the town each later year", x: 0,
                y: 10)
        ]
        for (i, (e, a)) in zip(rows, allocations).enumerated() {
            let y = top + Double(i) * rowHeight
            let funded = a.costByYear[0] - a.townByYear[0]
            nodes.append(Self.nameLabel(e.product, y: y + 10))
            nodes.append(Self.rect(left, y + 2, w(funded), 9, fill: "#000"))
            nodes.append(Self.rect(left + w(funded), y + 2, w(a.townByYear[0]), 9, fill: "#fff"))
            let later = a.years > 1 ? a.townByYear[1...].reduce(0, +) / Double(a.years - 1) : 0
            nodes.append(Self.rect(left, y + 13, w(later), 8, fill: "url(#hatch)"))
            let text =
                "town \(a.townText(0, cost: e.assessment.cost))"
                + (a.years > 1 ? ", then \(a.townText(1, cost: e.assessment.cost))/yr" : "")
            nodes.append(Self.label(text, x: left + w(a.costByYear[0]) + 4, y: y + 10))
        }
        nodes += Self.dollarAxis(x: { left + w($0) }, maxValue: maxValue, y: top + Double(rows.count) * rowHeight + 2)
        return Self.svg(width: width, height: height, nodes)
    }

    /// Each product's date (a dot) or promised window (a bar; how far it may slip, dashed)
    /// against the evaluation date and the need-by date.
    var timelineChart: Node<HTML.BodyContext> {
        let rows = charted
        guard !rows.isEmpty else { return .p(Self.text("No product to chart.")) }
        let e = profile.evaluationDate.daysSinceEpoch
        let needBy = profile.needBy.daysSinceEpoch
        // From two months before the evaluation: what ships earlier is "now" at the left edge.
        let from = e - 60
        let to = max(
            needBy + 30,
            rows.compactMap {
                $0.assessment.availability.draw?.latest ?? $0.product.availability?.latest.daysSinceEpoch
            }.max() ?? needBy)
        let width = Self.chartWidth
        let left = Self.nameColumn
        let right = 150.0
        let plot = width - left - right
        let rowHeight = 16.0
        let top = 18.0
        let height = top + Double(rows.count) * rowHeight + 16
        func x(_ day: Int) -> Double { left + plot * Double(day - from) / Double(max(1, to - from)) }
        var nodes: [Node<HTML.BodyContext>] = []
        nodes.append(Self.line(x(e), top - 4, x(e), height - 14, width: 1))
        nodes.append(Self.label("as of \(profile.evaluationDate.text)", x: x(e), y: 10, anchor: "middle"))
        nodes.append(Self.line(x(needBy), top - 4, x(needBy), height - 14, dashed: true, width: 1.2))
        nodes.append(
            Self.label("need by \(profile.needBy.text)", x: x(needBy), y: height - 3, anchor: "middle", bold: true))
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            let a = row.assessment.availability
            nodes.append(Self.nameLabel(row.product, y: y + 9))
            var note = Marks.available(row.assessment)
            if let window = row.product.availability, window.isRange || a.draw != nil {
                let lo = x(window.earliest.daysSinceEpoch)
                let hi = x(window.latest.daysSinceEpoch)
                nodes.append(Self.rect(lo, y + 2, max(2, hi - lo), 8, fill: "url(#hatch)"))
                if let draw = a.draw, !draw.slip.isNone {
                    nodes.append(Self.line(hi, y + 6, x(draw.latest), y + 6, dashed: true))
                }
                note = window.text + (a.chanceLate > 0 ? "; \(pct(a.chanceLate)) late" : "")
            } else if let d = a.date {
                let cx = x(max(e, d.daysSinceEpoch))
                nodes.append(
                    .element(
                        named: "circle",
                        nodes: [
                            .attribute(named: "cx", value: Self.n(cx)), .attribute(named: "cy", value: Self.n(y + 6)),
                            .attribute(named: "r", value: "3.5"), .attribute(named: "fill", value: "#000"),
                        ]))
            }
            nodes.append(Self.label(note, x: width - right + 4, y: y + 9))
        }
        return .group(Self.svg(width: width, height: height, nodes), chartedNote(rows.count))
    }

    /// The chance of being the best choice, a bar each, with its percentage written beside it.
    var chancesChart: Node<HTML.BodyContext> {
        guard let sim = simulation else { return .p(Self.text("The simulation was not run (--draws 0).")) }
        let rows = sim.outcomes.sorted { $0.chanceFirst > $1.chanceFirst }.prefix(charted.count)
        let width = Self.chartWidth
        let left = Self.nameColumn
        let plot = width - left - 170
        let rowHeight = 15.0
        let height = Double(rows.count) * rowHeight + 4
        var nodes: [Node<HTML.BodyContext>] = []
        for (i, o) in rows.enumerated() {
            let y = Double(i) * rowHeight
            if let p = ranking.entry(o.id)?.product {
                nodes.append(Self.nameLabel(p, y: y + 10))
            }
            nodes.append(Self.rect(left, y + 2, plot * o.chanceFirst, 9, fill: "#000"))
            var note = pct(o.chanceFirst) + "; " + placesText(o)
            if let q = o.chanceQualifies, q < 1 { note += "; meets must-haves \(pct(q))" }
            nodes.append(Self.label(note, x: left + plot * o.chanceFirst + 4, y: y + 10))
        }
        let all = sim.outcomes.count
        return .group(
            Self.svg(width: width, height: height, nodes),
            rows.count < all
                ? .p(
                    .class("small"),
                    Self.text(
                        "The \(rows.count) most often best of \(all); the table above gives every product's share."))
                : .empty)
    }

    /// "places 1st to 3rd in 9 of 10 cases" from the rank band.
    func placesText(_ o: Simulation.Outcome) -> String {
        guard let a = o.rankP5 else { return "rarely in the first \(Simulation.countedPlaces)" }
        func ordinal(_ n: Int) -> String {
            let suffix =
                (11...13).contains(n % 100)
                ? "th" : (n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th")
            return "\(n)\(suffix)"
        }
        guard let b = o.rankP95 else { return "\(ordinal(a)) or lower in 9 of 10 cases" }
        return a == b ? "always \(ordinal(a))" : "\(ordinal(a)) to \(ordinal(b)) in 9 of 10 cases"
    }

    var requirementsSection: Node<HTML.BodyContext> {
        guard !profile.requirements.isEmpty else { return .empty }
        let all = ranking.entries.map(\.assessment) + ranking.failed
        let passing = all.filter { $0.requirements.outcome == .passes }
        let open = all.filter { $0.requirements.outcome != .passes }
        return .group(
            .h2(Self.text("Must-haves: passed, failed, unverified")),
            .p(
                Self.text(
                    "In force: "
                        + profile.requirements.active.map { $0.label(profile.requirements[$0]) }.joined(separator: "; ")
                        + ". "
                        + (passing.isEmpty
                            ? "None passes all."
                            : "\(passing.count) of \(all.count) pass all: "
                                + passing.map(\.product.name).joined(separator: ", ") + "."))),
            .ul(
                .group(
                    open.map { a in
                        let notes = a.requirements.filter { $0.outcome != .passes }
                        let outcome =
                            a.requirements.outcome == .fails
                            ? "fails (out of the ranking)" : "unverified (ranked, to ask)"
                        return .li(
                            Self.text(
                                Marks.name(a.product) + ": " + outcome + ": "
                                    + notes.map(\.reason).joined(separator: "; ")))
                    }))
        )
    }

    /// The evaluation committee: criteria and guidance, scores with medians and ranges,
    /// consensus with reasons, the evaluators and their declarations, blind or not.
    var committeeSection: Node<HTML.BodyContext> {
        guard let c = CommitteeReport(ranking) else { return .empty }
        return .group(
            .h2(Self.text("The evaluation committee")),
            .p(
                .class("small"),
                Self.text(
                    c.summary + " Details: appendix."))
        )
    }

    /// Each product's judged scores, the criteria with their guidance and the evaluators with
    /// their conflict-of-interest statements (the appendix: the body must fit three pages).
    var committeeAppendix: Node<HTML.BodyContext> {
        guard let c = CommitteeReport(ranking) else { return .empty }
        return .group(
            .h2(Self.text("Appendix: the committee's scores, criteria and evaluators")),
            .p(Self.text(c.intro)),
            .table(
                .tr(.group(c.header.map { .th(.text($0)) })),
                .group(c.rows.map { row in .tr(.group(row.map { .td(Self.text($0)) })) })),
            c.consensus.isEmpty
                ? .empty
                : .group(
                    .p(.strong(Self.text("Consensus scores and their reasons"))),
                    .ul(.group(c.consensus.map { .li(Self.text($0)) }))),
            .ul(.group(c.criteria.map { .li(Self.text($0)) })),
            .p(.strong(Self.text("The evaluators and their declarations"))),
            .ul(.group(c.evaluators.map { .li(Self.text($0)) }))
        )
    }

    /// The three questions per vendor that matter most (all of them in the appendix).
    var questionsSection: Node<HTML.BodyContext> {
        guard let report = questions, !report.questions.isEmpty else { return .empty }
        // The vendors whose answers could move a chance by a point or more; two questions each.
        let vendors = report.vendors.filter { v in report.questions(for: v).contains { ($0.effect ?? 0) >= 0.01 } }
        return .group(
            .h2(Self.text("What to ask each vendor next")),
            .p(
                .class("small"),
                Self.text(
                    "The answers that could move a chance of being the best choice by a point or more, largest first: the chance at the low and at the high end of what is assumed now, for the products that are the best choice in at least 1% of plausible cases; all their questions in the appendix."
                )),
            .ul(
                .group(
                    vendors.map { v in
                        let top = report.questions(for: v).filter { ($0.effect ?? 0) >= 0.01 }.prefix(2)
                        return .li(
                            .strong(Self.text("Ask \(v): ")),
                            Self.text(
                                top.map {
                                    "\($0.product.model), \($0.fact.what) (\($0.fact.now)): \($0.mostMovedName) first in \(pct($0.mostMovedLow)) at \($0.fact.lowText), \(pct($0.mostMovedHigh)) at \($0.fact.highText)"
                                }.joined(separator: "; ")))
                    }))
        )
    }

    /// The department's own figures and judgements, and the market estimates that stand in for
    /// what vendors have not published.
    public var assumptions: [String] {
        var out = [
            "\(profile.cameras) cameras, \(profile.licensedUsers) licensed users; \(Format.number(profile.officersPerShift)) officers a shift, \(Format.number(profile.shiftsPerDay)) shifts a day, \(Format.number(profile.recordedHoursPerShift)) h recorded a shift",
            "Retention: \(Format.number(profile.routineRetentionDays)) days routine, \(Format.number(profile.evidenceRetentionDays)) days for the \(pct(profile.evidenceShare)) kept as evidence; costs over \(Format.number(profile.horizonYears)) years",
            "Funds: " + profile.funding.map { "\($0.source) \(Format.dollars($0.amount))" }.joined(separator: "; "),
            "In-car system: \(profile.inCarSystem.isEmpty ? "none" : profile.inCarSystem)"
                + (profile.backendFreeTBRange.map {
                    "; free back-end space \(Format.number($0.low))-\(Format.number($0.high)) TB (estimate)"
                } ?? ""),
        ]
        if !profile.slip.isNone {
            out.append(
                "Announced dates slip with chance \(pct(profile.slip.chance)) by up to \(profile.slip.maxDays) days (the department's view)"
            )
        }
        if profile.market != nil {
            out.append(
                "Where a spec is silent, figures from the market reference stand in, marked ~ (listed in the appendix)")
        }
        return out
    }

    /// The open figures that are the department's own (upkeep of storage it runs, a server it
    /// already has): never asked of a vendor, found out by the department.
    public var departmentToDo: [String] {
        (questions?.questions ?? []).filter(\.fact.department).map {
            "\($0.fact.what.prefix(1).uppercased() + $0.fact.what.dropFirst()) for the \($0.product.name) (assumed now: \($0.fact.now))"
        }
    }

    /// The market reference's ranges that stand in for what specs leave out, with their sources.
    public var marketEstimates: [String] {
        var out: [String] = []
        if let market = profile.market {
            for item in MarketItem.allCases {
                if let f = market[item] {
                    let range =
                        item == .gbPerHour
                        ? "\(Format.number(f.low))-\(Format.number(f.high)) GB"
                        : "\(Format.dollars(f.low, cents: f.low != f.low.rounded()))-\(Format.dollars(f.high, cents: f.high != f.high.rounded()))"
                    out.append(
                        "\(item.label.prefix(1).uppercased() + item.label.dropFirst()): \(range) (\(f.provenance))")
                }
            }
        }
        return out
    }

    /// Every product's sources with their dates, and every question.
    var appendix: Node<HTML.BodyContext> {
        let products = ranking.entries.map(\.product) + ranking.failed.map(\.product)
        return .div(
            .class("appendix"),
            .h2(Self.text("Appendix: sources")),
            .ul(
                .group(
                    products.map { p in
                        let sources = p.sourceEntries.map {
                            $0.text + ($0.date.map { " (\($0.text))" } ?? " (undated)")
                        }
                        return .li(
                            .strong(Self.text(p.name + ": ")),
                            Self.text(sources.isEmpty ? "no source given" : sources.joined(separator: "; ")))
                    })),
            marketEstimates.isEmpty
                ? .empty
                : .group(
                    .h2(Self.text("Appendix: market estimates used where a spec is silent")),
                    .ul(.group(marketEstimates.map { .li(Self.text($0)) }))),
            departmentToDo.isEmpty
                ? .empty
                : .group(
                    .h2(Self.text("Appendix: the department's own figures to find out")),
                    .ul(.group(departmentToDo.map { .li(Self.text($0)) }))),
            committeeAppendix,
            .h2(Self.text("Appendix: words used")),
            .ul(.group(Self.glossary.map { .li(.strong(Self.text($0.term + ": ")), Self.text($0.meaning)) })),
            .h2(Self.text("Appendix: every question")),
            .ul(
                .group(
                    (questions?.questions ?? []).map { q in
                        .li(
                            Self.text("\(q.product.vendor), \(q.product.model): \(q.fact.question) Now: \(q.fact.now).")
                        )
                    }))
        )
    }

    // MARK: - Markdown (for e-mail)

    public var markdown: String {
        var out = "# \(MarkdownText.escaped(Self.title(profile)))\n\n\(MarkdownText.escaped(meta))\n\n"
        // Every text from the files is Markdown-escaped: it shows as text, never as markup.
        out += summary.map(MarkdownText.escaped).joined(separator: "\n\n") + "\n\n## The ranking\n\n"
        out +=
            "| " + tableHeader.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: tableHeader.count)
            + "\n"
        for row in tableRows {
            out +=
                "| " + row.cells.map(MarkdownText.escaped).joined(separator: " | ")
                + " |\n"
        }
        out +=
            "\n" + MarkdownText.escaped(Marks.legend) + "\n\n## " + MarkdownText.escaped(MoneyLines.title(profile))
            + "\n\n"
        for e in ranking.entries { out += "- " + MarkdownText.escaped(MoneyLines.sentence(e.assessment)) + "\n" }
        if let c = CommitteeReport(ranking) {
            let esc = MarkdownText.escaped
            out += "\n## The evaluation committee\n\n" + esc(c.intro) + "\n\n"
            out += c.criteria.map { "- " + esc($0) }.joined(separator: "\n") + "\n\n"
            out += "| " + c.header.map(esc).joined(separator: " | ") + " |\n|"
            out += String(repeating: "---|", count: c.header.count) + "\n"
            for row in c.rows { out += "| " + row.map(esc).joined(separator: " | ") + " |\n" }
            if !c.consensus.isEmpty {
                out += "\nConsensus scores:\n\n" + c.consensus.map { "- " + esc($0) }.joined(separator: "\n") + "\n"
            }
            out += "\nThe evaluators:\n\n" + c.evaluators.map { "- " + esc($0) }.joined(separator: "\n") + "\n"
        }
        if let q = questions, !q.questions.isEmpty {
            out += "\n" + Questions.text(q, markdown: true).replacing("# What to ask next", with: "## What to ask next")
        }
        out +=
            "\n## The department's assumptions\n\n"
            + assumptions.map { "- " + MarkdownText.escaped($0) }.joined(separator: "\n") + "\n"
        if !departmentToDo.isEmpty {
            out +=
                "\n## The department's own figures to find out\n\n"
                + departmentToDo.map { "- " + MarkdownText.escaped($0) }.joined(separator: "\n") + "\n"
        }
        out +=
            "\n## \(Self.workingsTitle)\n\n" + workings.map(MarkdownText.escaped).joined(separator: "\n\n") + "\n"
        out +=
            "\n## Words used\n\n"
            + Self.glossary.map { "- **" + MarkdownText.escaped($0.term) + "**: " + MarkdownText.escaped($0.meaning) }
            .joined(separator: "\n") + "\n"
        return out
    }
}
