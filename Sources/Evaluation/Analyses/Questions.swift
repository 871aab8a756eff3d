import TOML

/// What to ask each vendor next: every figure that is unknown or given as a range, of the
/// products that could still rank first, and every must-have they leave unverified, with how
/// much the answer could change the decision.
///
/// The effect of a question: the figure is set to the low end of its range (a window's first
/// day; a link or feature absent; a battery or resolution just under the limit), the lineup is
/// assessed and ranked again, and the simulation is run with the same options and seed; then
/// the same at the high end. The effect is the largest change, over all products, of the
/// chance of ranking first between the two answers (for a must-have, also the product's chance
/// of qualifying), in percentage points. Questions are sorted by effect, largest first, and
/// grouped by vendor; one whose answer moves no chance by a tenth of a point is listed last
/// ("may be left"). Figures no range is known for are listed with no effect.
public enum Questions {
    /// One figure to ask about.
    public struct Fact: Equatable, Sendable {
        public var productID: String
        /// The spec key the answer goes in: `dock.price`.
        public var field: SpecKey
        /// "the dock price (per camera)".
        public var what: String
        /// The question as a vendor would read it.
        public var question: String
        /// What is assumed now: "between $50 and $250 (market estimate)".
        public var now: String
        public var lowText: String
        public var highText: String
        /// A figure of the department's own (upkeep of its server, a server it already has):
        /// on its to-do list, never asked of a vendor.
        public var department = false
        let set: @Sendable (inout Product, Bool) -> Void

        public static func == (a: Fact, b: Fact) -> Bool { a.productID == b.productID && a.field == b.field }
    }

    public struct Question: Equatable, Sendable {
        public var fact: Fact
        public var product: Product
        /// The product's chance of ranking first with the answer at the low and at the high end.
        public var firstAtLow: Double
        public var firstAtHigh: Double
        /// The product's chance of meeting the must-haves at each end (nil when none applies).
        public var qualifiesAtLow: Double?
        public var qualifiesAtHigh: Double?
        /// The product whose chance of first moves most, and that largest change (0-1).
        public var mostMovedName: String
        public var mostMovedLow: Double
        public var mostMovedHigh: Double
        /// The largest change of a chance, 0-1; nil when no range is known to try.
        public var effect: Double?

        /// "the dock price (between $50 and $250; Arbitrator BWC first in 34.0% of cases at
        /// $50, 21.0% at $250)".
        public var sentence: String {
            var s = "\(fact.what) (\(fact.now)"
            guard effect != nil else { return s + "; no range known, so its effect cannot be computed)" }
            s +=
                "; \(SafeText.escaped(mostMovedName)) first in \(pct(mostMovedLow)) of cases at \(fact.lowText), \(pct(mostMovedHigh)) at \(fact.highText)"
            if let a = qualifiesAtLow, let b = qualifiesAtHigh, a != b {
                s += "; \(SafeText.escaped(product.model)) meets the must-haves in \(pct(a)) and \(pct(b))"
            }
            return s + ")"
        }
    }

    public struct Report: Equatable, Sendable {
        public var options: Simulation.Options
        /// The base run the effects are measured from: the simulation of the ranking as it is.
        public var simulation: Simulation.Result
        /// Largest effect first.
        public var questions: [Question]
        /// The ranking's first product: the letters add the questions its known weaknesses raise.
        public var recommended: Assessment?
        /// Judged scores whose disagreement could change the #1: for the committee.
        public var committee: [CommitteeItem] = []
        /// Vendors in the order of their largest question.
        public var vendors: [String] {
            var seen: [String] = []
            for q in questions where !seen.contains(q.product.vendor) { seen.append(q.product.vendor) }
            return seen
        }

        public func questions(for vendor: String) -> [Question] { questions.filter { $0.product.vendor == vendor } }
    }

    /// A question whose answer moves no chance by this much may be left unasked.
    public static let negligible = 0.001

    static func pct(_ x: Double) -> String { Format.percent(x) }

    /// The questions for the products of `ranking` that rank first in at least one draw
    /// (or in `minimumChance` of them; at most `contenders` products, the likeliest first; all
    /// ranked products when none does), computed with `options`.
    ///
    /// Each answer's two ends are replayed from the base run's draws with only that product
    /// changed (common random numbers, `Simulation.Recorded`): the same figures a full
    /// re-assessment and re-run of the changed lineup with the same seed gives, which
    /// `incremental: false` computes (TOPSIS, and a change that moves what the lineup shares,
    /// such as the lowest cost benchmark's floor or a fallback, are always run in full).
    public static func analyse(
        _ products: [Product], profile: Profile, ranking: Ranking, options: Simulation.Options,
        minimumChance: Double = 0, contenders limit: Int = .max, incremental: Bool = true
    ) -> Report {
        let recorded = Simulation.record(ranking, options: options)
        let base = recorded.result
        let likely = base.outcomes.filter {
            $0.chanceFirst > minimumChance || ($0.chanceFirst > 0 && minimumChance == 0)
        }
        var contenders = Set(likely.sorted { $0.chanceFirst > $1.chanceFirst }.prefix(limit).map(\.id))
        if contenders.isEmpty { contenders = Set(ranking.entries.map(\.id)) }
        let byID = Dictionary(products.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var found: [(Fact, Product)] = []
        for e in ranking.entries where contenders.contains(e.id) {
            guard let p = byID[e.id] else { continue }
            found += Self.facts(e.assessment).map { ($0, p) }
        }
        let facts = found
        // Every answer at each end: the product changed, and its new assessment when the change
        // leaves the rest of the lineup as it is.
        let assessed = Dictionary(
            (ranking.entries.map(\.assessment) + ranking.failed).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let lineup = products.compactMap { assessed[$0.id] }
        let inLineup = lineup.count == products.count
        let position = Dictionary(products.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let tries: [(fact: Int, high: Bool)] = facts.indices.flatMap { k in
            facts[k].0.lowText == "" ? [] : [(k, false), (k, true)]
        }
        let changed: [Product] = tries.map { t in
            var p = facts[t.fact].1
            facts[t.fact].0.set(&p, t.high)
            return p
        }
        let changes = incremental && inLineup ? LineupChanges(lineup) : nil
        let reassessed: [(assessment: Assessment, best: LineupBest)?] = Parallel.map(tries.count) { k in
            guard let changes, let i = position[facts[tries[k].fact].1.id] else { return nil }
            return changes.reassessing(changed[k], at: i)
        }
        var replayable: [Int] = []
        var replays: [(replacing: String?, with: Assessment?, best: LineupBest)] = []
        for (k, r) in reassessed.enumerated() {
            guard let (a, best) = r else { continue }
            let id = facts[tries[k].fact].1.id
            replayable.append(k)
            replays.append((ranking.entry(id) == nil ? nil : id, a.ranks ? a : nil, best))
        }
        var chances = [VariantChances?](repeating: nil, count: tries.count)
        for (k, c) in zip(replayable, recorded.replay(replays)) { chances[k] = c }
        // The rest in full: the changed lineup assessed, ranked and run again with the same seed.
        let missing = chances.indices.filter { chances[$0] == nil }
        let full: [VariantChances] = Parallel.map(missing.count) { m in
            let t = tries[missing[m]]
            var lineup = products
            let id = facts[t.fact].1.id
            if let i = lineup.firstIndex(where: { $0.id == id }) { lineup[i] = changed[missing[m]] }
            let r = Ranking(
                Assessment.assess(lineup, profile: profile), weights: ranking.weights, method: ranking.method,
                evaluationDate: ranking.evaluationDate)
            return VariantChances(Simulation.run(r, options: options), product: id)
        }
        for (m, k) in missing.enumerated() { chances[k] = full[m] }
        var ends: [Int: (low: VariantChances, high: VariantChances)] = [:]
        for k in stride(from: 0, to: tries.count, by: 2) { ends[tries[k].fact] = (chances[k]!, chances[k + 1]!) }
        let requirementsApply = !profile.requirements.isEmpty
        let results: [Question] = facts.indices.map { k in
            let (fact, product) = facts[k]
            guard let (low, high) = ends[k] else {
                return Question(
                    fact: fact, product: product, firstAtLow: 0, firstAtHigh: 0, mostMovedName: product.name,
                    mostMovedLow: 0, mostMovedHigh: 0, effect: nil)
            }
            // The product whose chance of first moves most (this one when tied).
            var best = (name: product.name, low: low.first(product.id), high: high.first(product.id))
            var effect = abs(best.low - best.high)
            for e in ranking.entries {
                let a = low.first(e.id)
                let b = high.first(e.id)
                if abs(a - b) > effect + 1e-12 {
                    effect = abs(a - b)
                    best = (e.product.name, a, b)
                }
            }
            if requirementsApply { effect = max(effect, abs(low.qualifies - high.qualifies)) }
            return Question(
                fact: fact, product: product, firstAtLow: low.first(product.id), firstAtHigh: high.first(product.id),
                qualifiesAtLow: requirementsApply ? low.qualifies : nil,
                qualifiesAtHigh: requirementsApply ? high.qualifies : nil, mostMovedName: best.name,
                mostMovedLow: best.low, mostMovedHigh: best.high, effect: effect)
        }
        let sorted = results.enumerated().sorted { x, y in
            let a = x.element.effect ?? -1
            let b = y.element.effect ?? -1
            return a != b ? a > b : x.offset < y.offset
        }.map(\.element)
        var report = Report(
            options: options, simulation: base, questions: sorted, recommended: ranking.entries.first?.assessment)
        report.committee = committeeItems(ranking)
        return report
    }

    /// Every open figure of one product: its cost ranges and estimates, an announced window,
    /// an estimated video rate, unstated integration links, and the figures its unverified
    /// must-haves need.
    public static func facts(_ a: Assessment) -> [Fact] {
        let p = a.product
        let id = p.id
        var out: [Fact] = []
        func money(_ v: Double) -> String { Format.dollars(v, cents: v != v.rounded()) }
        func now(_ f: UncertainFigure) -> String {
            "between \(money(f.low)) and \(money(f.high))"
                + (f.kind == .statedRange
                    ? ", as quoted" : ", \(f.kind == .assumption ? "department assumption" : "market estimate")")
        }
        for f in a.cost.uncertain where f.isRange {
            let low = f.low
            let high = f.high
            let (what, question): (String, String)
            let set: @Sendable (inout Product, Bool) -> Void
            switch f.field {
            case .cameraPrice:
                (what, question) = ("the camera price", "What is your price per camera for \(a.cost.cameras) cameras?")
                set = { p, hi in p.cameraPrice = Estimate(hi ? high : low) }
            case .dockPrice:
                (what, question) = (
                    "the dock or charger price per camera",
                    "What do docks or chargers cost, and how many cameras does each take?"
                )
                set = { p, hi in
                    p.dockPrice = hi ? high : low
                    p.camerasPerDock = 1
                }
            case .setup:
                (what, question) = (
                    "the one-time software and setup", "What does the one-time software licence and setup cost?"
                )
                set = { p, hi in p.setupCost = hi ? high : low }
            case .serverPrice:
                (what, question) = ("the server price", "What server or disks does it need, and at what price?")
                set = { p, hi in p.serverPrice = hi ? high : low }
            case .perUserPerMonth:
                (what, question) = (
                    "the licence per user per month", "What is the licence or storage fee per user per month?"
                )
                set = { p, hi in p.perUserPerMonth = Estimate(hi ? high : low) }
            case .perCameraPerMonth:
                (what, question) = (
                    "the licence per camera per month",
                    "What is the licence or service fee per camera per month, storage included?"
                )
                set = { p, hi in p.perCameraPerMonth = Estimate(hi ? high : low) }
            case .upkeepPerTBYear:
                (what, question) = ("the storage upkeep per TB a year", "What does storage upkeep cost per TB a year?")
                set = { p, hi in p.upkeepPerTBYear = hi ? high : low }
            default: continue
            }
            var fact = Fact(
                productID: id, field: f.field, what: what, question: question, now: now(f), lowText: money(low),
                highText: money(high), set: set)
            // Upkeep of storage the department runs, and a server it already has, are its own
            // figures to find out, not a vendor's to quote.
            let ownStorage = a.storage.model == .onPremises || a.storage.model == .existingBackend
            fact.department =
                (f.field == .upkeepPerTBYear && ownStorage)
                || (f.field == .serverPrice && (a.profile.alreadyHas.server || a.storage.model == .existingBackend))
            out.append(fact)
        }
        if let draw = a.availability.draw, let window = p.availability {
            let first = window.earliest
            // The latest day How sure draws: the window's end plus the longest slip, so the
            // answer's two ends span what the simulation already counts on.
            let last = TOMLDate(daysSinceEpoch: draw.latest)
            if first != last || p.status == .announced {
                let slip =
                    p.status == .announced && !draw.slip.isNone ? "; announced dates may slip, up to \(last.text)" : ""
                out.append(
                    Fact(
                        productID: id, field: .availabilityDate, what: "the ship date",
                        question: "On what date will it ship, for certain?",
                        now: "announced for \(window.text)\(slip)", lowText: first.text, highText: last.text,
                        set: { p, hi in
                            p.availability = DateEstimate(hi ? last : first)
                            // A date the vendor commits to: shipping from then, no slip.
                            p.status = .shipping
                        }))
            }
        }
        if a.storage.isEstimated, let range = a.storage.gbPerHourRange {
            out.append(
                Fact(
                    productID: id, field: .gbPerHour, what: "the video rate",
                    question: "How many GB of video does it record per hour, at the resolution we would use?",
                    now:
                        "between \(Format.number(range.low)) and \(Format.number(range.high)) GB an hour, market estimate",
                    lowText: "\(Format.number(range.low)) GB/h", highText: "\(Format.number(range.high)) GB/h",
                    set: { p, hi in p.gbPerHour = hi ? range.high : range.low }))
        }
        if a.integration.worksWithDepartmentSystem {
            for (feature, state, _) in a.integration.features where state == .unknown {
                out.append(
                    Fact(
                        productID: id, field: .feature(feature),
                        what: "whether it offers \(feature.label.lowercased())",
                        question:
                            "Does it offer \(feature.label.lowercased()) with our \(SafeText.escaped(a.profile.inCarSystem))?",
                        now: "not stated", lowText: "no", highText: "yes", set: { p, hi in p.features[feature] = hi }))
            }
        }
        for r in a.requirements where r.outcome == .unverified {
            let limit = a.profile.requirements[r.rule]
            switch r.rule {
            case .preEventAudio:
                out.append(
                    Fact(
                        productID: id, field: .preEventAudio,
                        what: "whether the pre-event buffer records audio (a must-have)",
                        question: r.question ?? "", now: "not stated", lowText: "no", highText: "yes",
                        set: { p, hi in p.preEventAudio = hi }))
            case .minBatteryHours:
                out.append(
                    Fact(
                        productID: id, field: .batteryHours,
                        what: "the battery hours (a must-have: \(Format.number(limit)) h)",
                        question: r.question ?? "", now: "not stated", lowText: "under \(Format.number(limit)) h",
                        highText: "\(Format.number(limit)) h",
                        set: { p, hi in p.batteryHours = hi ? limit : max(0.1, limit - 1) }))
            case .minResolution:
                out.append(
                    Fact(
                        productID: id, field: .resolution,
                        what: "the resolution (a must-have: \(Format.number(limit))p)", question: r.question ?? "",
                        now: p.resolution.map { "\"\(SafeText.escaped($0))\"" } ?? "not stated",
                        lowText: "under \(Format.number(limit))p",
                        highText: "\(Format.number(limit))p",
                        set: { p, hi in p.resolution = "\(Int(hi ? limit : max(1, limit - 1)))p" }))
            case .availableByNeedBy where p.availability == nil:
                out.append(
                    Fact(
                        productID: id, field: .availabilityDate,
                        what: "the ship date (a must-have: by \(a.profile.needBy.text))",
                        question: r.question ?? "", now: "not stated", lowText: "", highText: "", set: { _, _ in }))
            default: break
            }
        }
        // Items counted at the lineup's least favourable stated figure: asked, with no range
        // to show an effect across.
        for f in a.cost.uncertain where f.kind == .worstStated {
            out.append(
                Fact(
                    productID: id, field: f.field, what: "the \(f.item)",
                    question: "What do you charge for the \(f.item)?",
                    now: "not stated; counted at \(money(f.low)), the highest the lineup states", lowText: "",
                    highText: "", set: { _, _ in }))
        }
        // Cost items nobody gives a range for: asked, with no effect to show.
        for item in a.cost.unknownItems {
            let name = item.unknownLabel
            out.append(
                Fact(
                    productID: id, field: item.specField, what: "the \(name)",
                    question: "What do you charge for the \(name)?",
                    now: "unknown", lowText: "", highText: "",
                    set: { _, _ in }))
        }
        return out
    }

    // MARK: - Text

    /// The report as text (or Markdown), grouped by vendor, largest effect first.
    public static func text(_ report: Report, markdown: Bool = false, vendor: String? = nil) -> String {
        var out = markdown ? "# What to ask next\n\n" : "What to ask next\n"
        let intro =
            "Each question's effect: how far the answer could move a chance of ranking first (or of meeting the must-haves), "
            + "from the low end of what is assumed now to the high end; \(Format.count(report.options.draws)) draws, seed \(report.options.seed)."
        out += (markdown ? [intro] : RankingReport.wrap(intro)).joined(separator: "\n") + "\n"
        let vendors = report.vendors.filter { vendor == nil || $0.lowercased() == vendor!.lowercased() }
        if report.questions.isEmpty {
            out += "\nNothing to ask: every figure of the products that could rank first is stated.\n"
        }
        if vendor == nil && !report.committee.isEmpty {
            let head = "For the committee: judged scores whose disagreement could change the first place"
            out += markdown ? "\n## \(head)\n\n" : "\n\(head):\n"
            for (i, item) in report.committee.enumerated() {
                let line = SafeText.escaped(item.sentence)
                out +=
                    markdown
                    ? "\(i + 1). \(MarkdownText.escaped(item.sentence))\n"
                    : RankingReport.wrap("\(i + 1). \(line)", width: 98).map { "  " + $0 }.joined(separator: "\n")
                        + "\n"
            }
        }
        for v in vendors {
            out += markdown ? "\n## Ask \(MarkdownText.escaped(v))\n\n" : "\nAsk \(SafeText.escaped(v)):\n"
            for (i, q) in report.questions(for: v).enumerated() {
                let effect =
                    q.effect.map {
                        $0 < negligible ? "may be left: no effect" : "effect \(Format.fixed($0 * 100, 1)) points"
                    } ?? "effect unknown"
                let own = q.fact.department ? " (the department's own figure: not asked of the vendor)" : ""
                let line = "\(SafeText.escaped(q.product.model)): \(q.sentence)\(own) [\(effect)]"
                out +=
                    markdown
                    ? "\(i + 1). \(MarkdownText.escaped(line))\n"
                    : RankingReport.wrap("\(i + 1). \(line)", width: 98).map { "  " + $0 }.joined(separator: "\n")
                        + "\n"
            }
        }
        return out
    }

    /// The questions a letter asks one vendor: its open figures whose answer matters (or whose
    /// effect no range can show), never the department's own figures, then the questions the
    /// recommended product's known weaknesses raise, each once, in the order of effect.
    public static func letterQuestions(_ report: Report, vendor: String) -> [(model: String, questions: [String])] {
        var byModel: [(model: String, questions: [String])] = []
        func add(_ model: String, _ question: String) {
            guard !question.isEmpty else { return }
            if let i = byModel.firstIndex(where: { $0.model == model }) {
                if !byModel[i].questions.contains(question) { byModel[i].questions.append(question) }
            } else {
                byModel.append((model, [question]))
            }
        }
        for q in report.questions(for: vendor) where !q.fact.department {
            if let effect = q.effect, effect < negligible { continue }
            add(q.product.model, q.fact.question)
        }
        if let a = report.recommended, a.product.vendor == vendor {
            for question in weaknessQuestions(a) { add(a.product.model, question) }
        }
        return byModel
    }

    /// The questions the product's known weaknesses and unconfirmed must-haves raise: a battery
    /// against the shift, storage beyond what the back-end holds, the warranty.
    public static func weaknessQuestions(_ a: Assessment) -> [String] {
        var out: [String] = []
        let shift = Format.number(a.profile.shiftLength)
        for r in a.requirements.unverified + a.knownWeaknesses {
            switch r.rule {
            case .minBatteryHours:
                if let hours = a.product.batteryHours {
                    out.append(
                        "Our shifts are \(shift) hours and the camera records \(Format.number(hours)) hours on one charge: what does a spare battery, or one that lasts a shift, cost?"
                    )
                } else {
                    out.append("How many hours does it record on one charge? Our shifts are \(shift) hours.")
                }
            case .storageFitsBackend:
                out.append("What does added storage for the back-end cost per terabyte?")
            case .yearOneWithinFunds:
                continue
            default:
                if let q = r.question { out.append(q) }
            }
        }
        if a.product.warrantyYears == nil {
            out.append("What warranty comes with each camera, and what does a longer warranty cost a year?")
        }
        return out
    }

    /// A request for information to mail to one vendor: the questions in plain words, most
    /// important first, asking for the figure without telling the vendor what the department
    /// assumes; dated the evaluation date, with the department's contact and a reply-by date.
    public static func request(_ report: Report, vendor: String, profile: Profile, markdown: Bool = true) -> String {
        func t(_ s: String) -> String { markdown ? MarkdownText.escaped(s) : SafeText.escaped(s) }
        let contact = profile.contact ?? profile.name
        var out = markdown ? "# Request for information: \(t(vendor))\n\n" : "Request for information: \(t(vendor))\n\n"
        out += "From: \(t(contact))\(markdown ? "  " : "")\n"
        out += "To: \(t(vendor))\(markdown ? "  " : "")\n"
        out += "Date: \(profile.evaluationDate.text)\(markdown ? "  " : "")\n"
        out += "Please reply by: \(profile.replyDate.text)\n\n"
        out +=
            t(
                "We are comparing body-worn camera systems for \(profile.cameras) cameras and \(profile.licensedUsers) licensed users, "
                    + "to be in service by \(profile.needBy.text). Please answer each question with a figure, say whether it is a firm quote "
                    + "and what it includes, and reply by \(profile.replyDate.text).") + "\n\n"
        var n = 0
        let groups = letterQuestions(report, vendor: vendor)
        if groups.isEmpty {
            out += t("We have no open questions for you at present; thank you for the figures you have given.") + "\n\n"
        }
        for (model, questions) in groups {
            out += markdown ? "## \(t(model))\n\n" : "\(t(model))\n\n"
            for q in questions {
                n += 1
                out += "\(n). " + t(q) + "\n"
            }
            out += "\n"
        }
        out += "Thank you.\n\n" + t(contact) + "\n"
        return out
    }

    /// `panasonic` from "Panasonic", for a file name.
    public static func slug(_ vendor: String) -> String {
        SpecForm.fileName(vendor: vendor, model: "").dropLast(5).description
    }
}
