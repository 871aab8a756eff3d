import TOML

/// The ranking as text for people (a table that fits 100 columns) and for programs (CSV, JSON).
public enum RankingReport {
    /// The analyses that go beside the ranking when they were computed.
    public struct Extras: Sendable {
        public var simulation: Simulation.Result?
        public var changes: Changes?
        public var sensitivity: Sensitivity.Report?

        public init(
            simulation: Simulation.Result? = nil, changes: Changes? = nil, sensitivity: Sensitivity.Report? = nil
        ) {
            self.simulation = simulation
            self.changes = changes
            self.sensitivity = sensitivity
        }

        /// The sensitivity line for a product in the top three: the smallest relative change of
        /// one weight that swaps it with the next product down.
        func swapText(_ id: String, in ranking: Ranking) -> String {
            guard let report = sensitivity, report.swaps.contains(where: { $0.upper == id }) else { return "" }
            let candidates = report.swaps.filter { $0.upper == id && $0.delta != nil }
            // Only the top three have swaps; the lookup of the next product is O(1).
            guard
                let next = ranking.position(of: id).flatMap({
                    ranking.entries.indices.contains($0 + 1) ? ranking.entries[$0 + 1].id : nil
                }),
                let best = candidates.filter({ $0.lower == next }).min(by: {
                    abs($0.relativeChange ?? .infinity) < abs($1.relativeChange ?? .infinity)
                }),
                let newShare = best.newShare
            else { return "" }
            if best.tiedNow {
                return "\(best.criterion.rawValue): tied now; \(best.raiseSwaps ? "raising" : "lowering") it swaps them"
            }
            return "\(best.criterion.rawValue) " + Sensitivity.shareChange(from: best.share, to: newShare)
        }
    }

    /// The per-product fields of CSV and JSON, in order (`Column.data`).
    public static var fields: [String] { Column.data.map(\.id.rawValue) }

    /// One row's CSV and JSON values, in the order of `fields`.
    static func cells(_ e: RankedProduct, extras: Extras, order: Ranking?) -> [CSV.Cell] {
        let row = Row(e, extras: extras, ranking: order)
        return Column.data.map { $0.data(row) }
    }

    /// The ranked products, then those a must-have put out (rank "out").
    public static func csv(_ ranking: Ranking, extras: Extras = Extras()) -> String {
        csv(ranking.entries + ranking.failedEntries, extras: extras, ranking: ranking)
    }

    /// CSV of `entries` in the order given (a filtered or re-sorted view). Every row ends with
    /// how the figures were produced (method, weights, evaluation date): columns, not a note
    /// above the header, so a spreadsheet still opens the file as one table.
    public static func csv(_ entries: [RankedProduct], extras: Extras = Extras(), ranking: Ranking)
        -> String
    {
        let made = provenanceCells(ranking)
        // Block by block on every core, each block's cells encoded and let go at once.
        let block = 256
        let blocks = (entries.count + block - 1) / block
        let text = Parallel.map(blocks) { b in
            CSV.encodeRows(
                entries[(b * block)..<min(entries.count, (b + 1) * block)].map {
                    cells($0, extras: extras, order: ranking) + made
                })
        }
        return CSV.encodeHeader(fields + provenanceFields) + text.joined()
    }

    /// Every row's cells, in blocks on every core (each row allocates the funds three times).
    static func rows(_ entries: [RankedProduct], extras: Extras, ranking: Ranking) -> [[CSV.Cell]] {
        let block = 256
        let blocks = (entries.count + block - 1) / block
        return Parallel.map(blocks) { b in
            entries[(b * block)..<min(entries.count, (b + 1) * block)].map {
                cells($0, extras: extras, order: ranking)
            }
        }.flatMap { $0 }
    }

    /// The columns every CSV ends with.
    public static let provenanceFields = ["method", "weights", "evaluation_date"]

    public static func provenanceCells(_ ranking: Ranking) -> [CSV.Cell] {
        [.text(ranking.method.rawValue), .text(ranking.weights.text), .text(ranking.evaluationDate.text)]
    }

    /// The budget plan, a row a product: what year one pays for, against the funds, and after.
    public static let budgetFields = [
        "rank", "id", "vendor", "model", "cameras_wanted", "cameras_funded", "cameras_cost", "docks_and_accessories",
        "software_and_server",
        "first_year_recurring", "year_one", "year_one_low", "year_one_high", "funds", "left_over", "every_year_after",
        "estimated", "not_counted",
        "town_share_by_year", "town_share_total", "funds_by_year", "funds_unused",
    ]

    public static func budgetCSV(_ entries: [RankedProduct], ranking: Ranking) -> String {
        let made = provenanceCells(ranking)
        return CSV.encode(
            header: budgetFields + provenanceFields,
            rows: entries.map { e in
                let plan = BudgetPlan(e.assessment.cost)
                let money = { (v: Double) in CSV.Cell.number(v, places: 2) }
                return [
                    e.rank == 0 ? .text("out") : .integer(e.rank), .text(e.id), .text(e.product.vendor),
                    .text(e.product.model),
                    .integer(plan.camerasWanted), .integer(e.assessment.camerasEquipped), money(plan.cameras),
                    money(plan.docksAndAccessories),
                    money(plan.softwareAndServer), money(plan.firstYearRecurring), money(plan.yearOne),
                    money(plan.yearOneLow), money(plan.yearOneHigh),
                    money(plan.funds), money(plan.leftOver), money(plan.everyYearAfter),
                    .text(e.assessment.cost.estimatedItems.joined(separator: "; ")),
                    .text(plan.notCounted.joined(separator: "; ")),
                ] + allocationCells(e) + made
            })
    }

    /// The allocation's columns of the budget plan: the town's share each year, each fund's
    /// payments each year ("JAG: 12000.00;0.00; donation: ...") and money unused and why.
    static func allocationCells(_ e: RankedProduct) -> [CSV.Cell] {
        let a = e.assessment
        let allocation = a.allocation
        let byFund = allocation.funding.indices.map { i in
            allocation.funding[i].source + ": "
                + allocation.paidByFund[i].map { Format.fixed($0, 2) }.joined(separator: ";")
        }
        return [
            .text(allocation.townByYear.map { Format.fixed($0, 2) }.joined(separator: ";")),
            .number(allocation.townTotal, places: 2),
            .text(byFund.joined(separator: " | ")), .text(allocation.unusedNotes.joined(separator: "; ")),
        ]
    }

    /// What to ask next, a row a question, largest effect first.
    public static let questionFields = [
        "vendor", "product", "model", "field", "question", "assumed_now", "low", "high", "first_at_low",
        "first_at_high", "most_moved",
        "most_moved_at_low", "most_moved_at_high", "qualifies_at_low", "qualifies_at_high", "effect", "draws", "seed",
    ]

    public static func questionsCSV(_ report: Questions.Report, ranking: Ranking) -> String {
        let made = provenanceCells(ranking)
        func chance(_ v: Double?) -> CSV.Cell { v.map { .number($0, places: 4) } ?? .empty }
        return CSV.encode(
            header: questionFields + provenanceFields,
            rows: report.questions.map { q in
                [
                    .text(q.product.vendor), .text(q.product.id), .text(q.product.model), .text(q.fact.field.path),
                    .text(q.fact.question),
                    .text(q.fact.now), .text(q.fact.lowText), .text(q.fact.highText),
                    chance(q.effect == nil ? nil : q.firstAtLow),
                    chance(q.effect == nil ? nil : q.firstAtHigh), .text(q.effect == nil ? "" : q.mostMovedName),
                    chance(q.effect == nil ? nil : q.mostMovedLow), chance(q.effect == nil ? nil : q.mostMovedHigh),
                    chance(q.qualifiesAtLow),
                    chance(q.qualifiesAtHigh), chance(q.effect), .integer(report.options.draws),
                    .text(String(report.options.seed)),
                ] + made
            })
    }

    public static func json(_ ranking: Ranking, extras: Extras = Extras()) -> String {
        var out = "{\n  \"method\": \(quote(ranking.method.rawValue)),\n  \"weights\": {"
        out += ranking.weights.criteria.map { "\(quote($0.rawValue)): \(ranking.weights[$0])" }.joined(separator: ", ")
        out += "},\n  \"evaluation_date\": \(quote(ranking.evaluationDate.text)),\n  \"products\": ["
        let all = ranking.entries + ranking.failedEntries
        let computed = rows(all, extras: extras, ranking: ranking)
        for (i, _) in all.enumerated() {
            out += i == 0 ? "\n    {" : ",\n    {"
            let values = computed[i]
            out += zip(fields, values).map { name, cell in
                let value: String
                switch cell {
                case .text(let s): value = quote(s)
                case .integer(let n): value = String(n)
                // Unrounded, so anyone can check the arithmetic (the CSV rounds for people).
                case .number(let d, _): value = d.isFinite ? "\(d)" : "null"
                case .empty: value = "null"
                }
                return "\(quote(name)): \(value)"
            }.joined(separator: ", ")
            out += "}"
        }
        out += ranking.entries.isEmpty && ranking.failed.isEmpty ? "]" : "\n  ]"
        if let sim = extras.simulation {
            out +=
                ",\n  \"simulation\": {\"draws\": \(sim.options.draws), \"seed\": \(sim.options.seed), \"weight_band\": \(sim.options.weightBand)}"
        }
        if let changes = extras.changes {
            out +=
                ",\n  \"gone\": ["
                + changes.gone.map {
                    "{\"id\": \(quote($0.id)), \"name\": \(quote($0.name)), \"previous_rank\": \($0.rank)}"
                }.joined(separator: ", ") + "]"
        }
        if let report = extras.sensitivity {
            out +=
                ",\n  \"sensitivity\": {\"rule\": \(quote(Sensitivity.rule)), \"numerical\": \(report.numerical), \"leader\": \(report.leader.map(quote) ?? "null"), \"intervals\": ["
            out +=
                report.intervals.map { i in
                    "{\"criterion\": \(quote(i.criterion.rawValue)), \"share\": \(i.share), \"low\": \(i.lowShare), \"high\": \(i.highShare), "
                        + "\"low_exclusive\": \(i.lowExclusive), \"high_exclusive\": \(i.highExclusive), "
                        + "\"first_below\": \(i.takerBelow.map(quote) ?? "null"), \"first_above\": \(i.takerAbove.map(quote) ?? "null")}"
                }.joined(separator: ", ") + "], \"swaps\": ["
            out +=
                report.swaps.map { s in
                    "{\"upper\": \(quote(s.upper)), \"lower\": \(quote(s.lower)), \"criterion\": \(quote(s.criterion.rawValue)), \"share\": \(s.share), \"delta\": \(s.delta.map { "\($0)" } ?? "null"), \"new_share\": \(s.newShare.map { "\($0)" } ?? "null"), \"change_points\": \(s.newShare.map { "\(($0 - s.share) * 100)" } ?? "null")}"
                }.joined(separator: ", ") + "]}"
        }
        out += "\n}\n"
        return out
    }

    /// Wraps `text` at spaces to lines of at most 100 characters, continuations indented.
    static func wrap(_ text: String, width: Int = 100) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = "      " + word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// "now" for a shipping product without a date, else the date used, or "unknown".
    public static func availableText(_ a: Assessment) -> String {
        if a.product.availability == nil && a.product.status == .shipping { return "now" }
        return a.availability.date?.text ?? "unknown"
    }

    static func quote(_ s: String) -> String { Quoting.json(s) }

    /// A plain-text table, at most 100 columns wide. `!` marks a year-one cost over the funds
    /// and a date after need-by; `?` an unknown date.
    public static func table(_ ranking: Ranking, profile: Profile, extras: Extras = Extras()) -> String {
        let pad = SafeText.padded
        var lines: [String] = []
        let out = ranking.failed.isEmpty ? "" : ", \(ranking.failed.count) out"
        let rules = MoneyLines.byRules(profile)
        let funds = "funds " + MoneyLines.funds(profile, .amounts)
        lines.append(
            SafeText.fitted(
                "\(SafeText.escaped(profile.name)): \(ranking.entries.count) products\(out), \(funds), evaluated \(ranking.evaluationDate.text)",
                100))
        lines.append(
            "Method: \(ranking.method.label); weights \(ranking.weights.text)"
                + (profile.costBasis == .townShare ? "; cost scored on the town's share" : ""))
        // The columns of `Column.all` the text table shows; the move column only with a history.
        let columns = Column.shown(in: .text).filter { $0.id != .move || extras.changes != nil }
            .filter { $0.id != .chanceFirst || extras.simulation != nil }
        func line(_ cells: [String]) -> String {
            zip(columns, cells).map { c, text in pad(text, c.display!.textWidth, c.display!.right) }.joined(
                separator: " ")
        }
        lines.append(line(columns.map { $0.title(profile, in: .text) }))
        for e in ranking.entries {
            let row = Row(e, extras: extras, ranking: ranking)
            lines.append(line(columns.map { $0.text(row) }))
        }
        for e in ranking.failedEntries {
            lines += wrap("out " + SafeText.fitted(Marks.name(e.product), 40) + ": " + e.assessment.notRankedBecause)
        }

        lines += wrap(MoneyLines.yearOneLegend(profile))
        lines += wrap(Marks.legend)
        if !profile.requirements.isEmpty {
            lines += wrap(
                Marks.requirementsLegend + "; must-haves: "
                    + profile.requirements.active.map { $0.label(profile.requirements[$0]) }.joined(separator: ", "))
        }
        if let sim = extras.simulation, let top = sim.outcomes.max(by: { $0.chanceFirst < $1.chanceFirst }),
            let e = ranking.entry(top.id)
        {
            lines += wrap(
                "First in: the chance of ranking first over \(Format.count(sim.options.draws)) draws: \(SafeText.fitted(e.product.name, 40)) ranks first in \(Format.fixed(top.chanceFirst * 100, 1))% of plausible cases"
            )
            lines += wrap(Simulation.variedText(sim))
        }
        if let report = extras.sensitivity, let leader = report.leader, let e = ranking.entry(leader),
            !report.intervals.isEmpty
        {
            let ranges = report.intervals.map {
                "\($0.criterion.rawValue) \(Format.fixed($0.lowShare * 100, 1))-\(Format.fixed($0.highShare * 100, 1))%"
            }
            lines += wrap(
                "Weights that keep \(SafeText.fitted(e.product.name, 40)) #1, one at a time (the others keep their proportions): "
                    + ranges.joined(separator: ", "))
        }
        if rules {
            lines.append("What the town pays after the funds, year by year (funds by their rules):")
            let years = max(1, Int(profile.horizonYears.rounded(.up)))
            lines.append(
                pad("", 4, false) + " " + pad("Product", 22, false)
                    + (1...years).map { pad("Year \($0)", 10, true) }.joined() + pad("Total", 11, true))
            for e in ranking.entries {
                let a = e.assessment
                let allocation = a.allocation
                lines.append(
                    pad(Marks.rank(e), 4, true) + " " + pad(Marks.name(a.product), 22, false)
                        + (0..<allocation.years).map { pad(allocation.townText($0, cost: a.cost), 10, true) }.joined()
                        + pad(
                            Marks.money(
                                allocation.townTotal, uncertain: Marks.costIsUncertain(a.cost),
                                unknown: !a.cost.notCounted.isEmpty), 11, true))
            }
            for e in ranking.entries.prefix(3) {
                lines += wrap(
                    "Budget: "
                        + e.assessment.allocation.sentence(
                            for: SafeText.fitted(e.product.name, 40), cost: e.assessment.cost))
            }
        } else {
            for e in ranking.entries.prefix(3) {
                lines += wrap(
                    "Budget: " + BudgetPlan(e.assessment.cost).sentence(for: SafeText.fitted(e.product.name, 40)))
            }
        }
        if let summary = extras.changes?.summary {
            lines += wrap(summary)
        } else if extras.changes != nil {
            lines.append("Since the last ranking: no change")
        }
        return lines.map { String($0.trimmingTrailingSpaces) }.joined(separator: "\n") + "\n"
    }
}

extension String {
    var trimmingTrailingSpaces: Substring {
        var s = self[...]
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
