import Evaluation

/// Two to four marked products side by side, field by field; the better value of each row is
/// bold and starred (so it reads without colour).
enum CompareView {
    enum Better { case higher, lower, none }

    struct Row: Sendable {
        var label: String
        var better: Better
        /// The figure to compare (nil: unknown) and its text.
        var value: @Sendable (RankedProduct) -> (Double?, String)
        /// Whether the row means something for this profile (funds left of a pool only exist
        /// when the funds are one pool).
        var applies: @Sendable (Profile?) -> Bool = { _ in true }
    }

    /// The rows for `profile`.
    static func rows(for profile: Profile?) -> [Row] { rows.filter { $0.applies(profile) } }

    static func money(_ v: Double?) -> (Double?, String) { (v, v.map { Format.dollars($0) } ?? "unknown") }
    /// A cost figure with its marks (Marks.money). With an unknown item left out it is a lower
    /// bound, so it is not starred as the best.
    static func marked(_ c: CostMetrics, _ v: Double) -> (Double?, String) {
        (
            c.notCounted.isEmpty ? v : nil,
            Marks.money(v, uncertain: Marks.costIsUncertain(c), unknown: !c.notCounted.isEmpty)
        )
    }
    static func number(_ v: Double?, _ unit: String = "") -> (Double?, String) {
        (v, v.map { Format.number($0) + unit } ?? "unknown")
    }
    static func yesNo(_ v: Bool?) -> (Double?, String) {
        (v.map { $0 ? 1 : 0 }, v.map { $0 ? "yes" : "no" } ?? "unknown")
    }

    static let rows: [Row] =
        [
            Row(label: "Rank", better: .lower) { ($0.rank == 0 ? nil : Double($0.rank), Marks.rank($0)) },
            Row(label: "Score", better: .higher) { ($0.score, Marks.total($0)) },
            Row(label: "Cost score", better: .higher) {
                ($0.assessment.scores.cost, Marks.score($0.assessment, .cost, places: 1))
            },
            Row(label: "Integration score", better: .higher) {
                ($0.assessment.scores.integration, Marks.score($0.assessment, .integration, places: 1))
            },
            Row(label: "Storage score", better: .higher) {
                ($0.assessment.scores.storage, Marks.score($0.assessment, .storage, places: 1))
            },
            Row(label: "Availability score", better: .higher) {
                ($0.assessment.scores.availability, Marks.score($0.assessment, .availability, places: 1))
            },
            Row(label: "Up-front cost", better: .lower) { marked($0.assessment.cost, $0.assessment.cost.upfront) },
            Row(label: "Recurring a year", better: .lower) { marked($0.assessment.cost, $0.assessment.cost.annual) },
            Row(label: "TCO", better: .lower) { marked($0.assessment.cost, $0.assessment.cost.tco) },
            Row(label: "TCO range", better: .none) { e in
                let c = e.assessment.cost
                if !c.notCounted.isEmpty { return (nil, "at least \(Format.dollars(c.tcoLow))") }
                return (
                    nil, c.tcoLow == c.tcoHigh ? "exact" : "\(Format.dollars(c.tcoLow))-\(Format.dollars(c.tcoHigh))"
                )
            },
            Row(label: "Year one", better: .lower) { marked($0.assessment.cost, $0.assessment.cost.yearOne) },
            Row(
                label: "Funds left", better: .higher,
                value: { e in MoneyLines.fundsLeft(e.assessment).map(money) ?? (nil, "") },
                // With rules the funds are not one pool: the town's share says what is left to pay.
                applies: { $0.map { !MoneyLines.byRules($0) } ?? true }),
            Row(label: "Town, year one", better: .lower) { e in
                let a = e.assessment.allocation
                return (
                    e.assessment.cost.notCounted.isEmpty ? a.townByYear[0] : nil, a.townText(0, cost: e.assessment.cost)
                )
            },
            Row(label: "Town, all years", better: .lower) { e in
                let a = e.assessment.allocation
                let c = e.assessment.cost
                return (
                    c.notCounted.isEmpty ? a.townTotal : nil,
                    Marks.money(a.townTotal, uncertain: Marks.costIsUncertain(c), unknown: !c.notCounted.isEmpty)
                )
            },
            Row(label: "Warranty", better: .higher) {
                ($0.assessment.product.warrantyYears, Marks.warranty($0.assessment.product, short: true))
            },
            Row(label: "Cameras funded", better: .higher) {
                (
                    Double($0.assessment.camerasEquipped),
                    "\($0.assessment.camerasEquipped) of \($0.assessment.cost.cameras)"
                )
            },
            Row(label: "Must-haves", better: .none) { e in
                let r = e.assessment.requirements
                guard !r.isEmpty else { return (nil, "none in force") }
                let open = r.filter { $0.outcome != .passes }
                return (
                    nil, r.outcome.rawValue + (open.isEmpty ? "" : ": " + open.map(\.reason).joined(separator: "; "))
                )
            },
            Row(label: "Storage TB", better: .lower) {
                ($0.assessment.storage.storedTB, Marks.storageTB($0.assessment.storage, places: 2))
            },
            Row(label: "Storage fits", better: .higher) { yesNo($0.assessment.storage.fits) },
            Row(label: "Available", better: .lower) { e in
                (e.assessment.availability.date.map { Double($0.daysSinceEpoch) }, Marks.available(e.assessment))
            },
            Row(label: "Chance late", better: .lower) { e in
                (
                    e.assessment.availability.chanceLate,
                    Format.fixed(e.assessment.availability.chanceLate * 100, 0) + "%"
                )
            },
            Row(label: "Status", better: .none) { (nil, $0.product.status?.rawValue ?? "unknown") },
            Row(label: "Camera price", better: .lower) { e in
                if let p = e.product.cameraPrice { return (p.point, p.dollarsText) }
                let c = e.assessment.cost
                // Not stated: the estimate the cost uses, marked, or unknown.
                return c.unknownItems.contains(.cameras)
                    ? (nil, "unknown") : (c.cameraPrice, "~" + Format.dollars(c.cameraPrice) + " est.")
            },
            Row(label: "GB per hour", better: .lower) { e in
                if let g = e.product.gbPerHour { return (g, Format.number(g)) }
                let s = e.assessment.storage
                return s.isEstimated ? (s.gbPerHour, "~" + Format.number(s.gbPerHour) + " est.") : (nil, "unknown")
            },
            Row(label: "Resolution", better: .none) { (nil, $0.product.resolution ?? "unknown") },
            Row(label: "Battery hours", better: .higher) { number($0.product.batteryHours) },
            Row(label: "Pre-event seconds", better: .higher) { number($0.product.preEventSeconds) },
            Row(label: "Field of view", better: .higher) { number($0.product.fieldOfViewDegrees, "°") },
            Row(label: "Storage model", better: .none) { (nil, $0.product.storageModel?.rawValue ?? "unknown") },
            Row(label: "In-car system", better: .none) { (nil, $0.product.inCarSystem ?? "unknown") },
        ]
        + IntegrationFeature.allCases.map { f in
            Row(label: f.label, better: .higher) { yesNo($0.product.features[f]) }
        }
        + [
            // What is known against each although no must-have asks (fewer is better).
            Row(label: "Known weaknesses", better: .lower) { e in
                let w = e.assessment.knownWeaknesses
                let fails = w.filter { $0.outcome == .fails }.count
                return (Double(w.count), w.isEmpty ? "none" : "\(fails) fail, \(w.count - fails) open")
            }
        ]

    /// The furthest the comparison scrolls: its last row at the bottom, the header kept.
    static func maxScroll(_ state: AppState) -> Int {
        guard state.marked.compactMap({ state.ranking?.entry($0) }).count >= 2 else { return 0 }
        return max(0, rows(for: state.profile).count - (state.height - 2 - 2 - 2))
    }

    static func draw(_ state: AppState, into b: inout ScreenBuffer) {
        let entries = state.marked.compactMap { id in state.ranking?.entry(id) }
        guard entries.count >= 2 else {
            b.put("Mark 2 to 4 products with Space in the ranking, then press c.", x: 1, y: 3)
            return
        }
        let labelWidth = min(26, max(16, state.width / 4))
        let columnWidth = max(8, (state.width - labelWidth - 1) / entries.count - 1)
        var lines: [[(String, Style, Tone)]] = []
        lines.append(
            [(SafeText.padded("", labelWidth), .bold, .normal)]
                + entries.map {
                    (
                        SafeText.padded(state.listName($0.product, width: columnWidth), columnWidth),
                        [.bold, .underline], .normal
                    )
                })
        for row in rows(for: state.profile) {
            let values = entries.map(row.value)
            let known = values.compactMap(\.0)
            var best: Double?
            switch row.better {
            case .higher: best = known.max()
            case .lower: best = known.min()
            case .none: best = nil
            }
            // Only a real difference is worth a star.
            if Set(known).count < 2 { best = nil }
            var cells: [(String, Style, Tone)] = [(SafeText.padded(row.label, labelWidth), [], .muted)]
            for v in values {
                let isBest = best != nil && v.0 == best
                let text = v.1 + (isBest ? " *" : "")
                cells.append(
                    (
                        SafeText.padded(text, columnWidth), isBest ? .bold : [],
                        isBest ? .good : (v.1 == "unknown" ? .warning : .normal)
                    ))
            }
            lines.append(cells)
        }
        let top = 2
        let available = state.height - 2 - top - 2
        let maxScroll = max(0, lines.count - 1 - available)
        let scroll = min(state.detailScroll, maxScroll)
        for (i, cells) in ([lines[0]] + lines.dropFirst().dropFirst(scroll).prefix(available)).enumerated() {
            var x = 0
            for (n, cell) in cells.enumerated() {
                let w = n == 0 ? labelWidth : columnWidth
                b.put(cell.0, x: x, y: top + i, limit: w, style: cell.1, tone: cell.2)
                x += w + 1
            }
        }
        b.put("* the better value of the row", x: 0, y: state.height - 3, tone: .muted)
    }
}
