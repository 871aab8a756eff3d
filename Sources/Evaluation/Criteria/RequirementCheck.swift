import TOML

/// Must-haves: each active rule of the profile's `[requirements]` gives a product one of three
/// outcomes. A product that *fails* any rule leaves the ranking; one that is *unverified* stays,
/// marked, with the question that would settle it.
///
/// - available by the need-by date N: a fixed date passes when on or before N, else fails; a
///   window [first, last] (announced dates: plus the profile's slip) passes when its latest
///   day is on or before N, fails when its first day is after N (the vendor's own date is too
///   late even before any slip), else is unverified with chance P(day <= N); no date for an
///   announced product is unverified.
/// - year one within the funds F: fails when the stated figures alone (stated ranges at their
///   low ends, estimates and unknowns left out) exceed F; passes when year one at every range's
///   high end is within F and nothing is unknown; else unverified.
/// - works with the in-car system: passes when a stated link works with the department's
///   system; fails when the spec names another system, or states every link absent; else
///   unverified (the chance that at least one unstated link is there, from the market's chances).
/// - pre-event audio, minimum resolution (the smaller side in lines: 720p, 1280x720 -> 720),
///   minimum battery hours: pass or fail on the stated figure; unverified when not stated.
/// - storage fits: cloud passes; a back-end or server passes when the stored TB at the high end
///   of the video rate fits the smallest stated capacity, fails when the stored TB at the low end
///   exceeds the largest, else unverified.
public enum RequirementCheck {
    typealias Words = @Sendable () -> (reason: String, question: String?)

    static func result(_ rule: Rule, _ outcome: RequirementOutcome, chance: Double? = nil, _ words: @escaping Words)
        -> RequirementResult
    {
        RequirementResult(rule: rule, outcome: outcome, chance: chance, words: words)
    }

    /// The outcome of each of `rules` (default: every active one) for one product.
    public static func evaluate(
        _ p: Product, _ profile: Profile, cost: CostMetrics, storage: StorageMetrics, integration: IntegrationMetrics,
        availability: AvailabilityMetrics, rules: [Rule]? = nil
    ) -> [RequirementResult] {
        (rules ?? profile.requirements.active).map { rule in
            switch rule {
            case .availableByNeedBy: return byNeedBy(p, profile, availability)
            case .yearOneWithinFunds: return withinFunds(profile, cost)
            case .worksWithInCar: return inCar(p, profile, integration)
            case .preEventAudio:
                switch p.preEventAudio {
                case true?: return result(rule, .passes) { ("the pre-event buffer records audio", nil) }
                case false?: return result(rule, .fails) { ("the pre-event buffer records no audio", nil) }
                case nil:
                    return result(rule, .unverified) {
                        ("pre-event audio not stated", "Does the pre-event buffer record audio as well as video?")
                    }
                }
            case .minResolution:
                let limit = profile.requirements[rule]
                guard let text = p.resolution else {
                    return result(rule, .unverified) {
                        ("resolution not stated", "What is the recording resolution (720p, 1080p)?")
                    }
                }
                guard let lines = resolutionLines(text) else {
                    return result(rule, .unverified) {
                        (
                            "resolution \"\(SafeText.escaped(text))\" does not say its lines",
                            "What is the recording resolution in lines (720p, 1080p)?"
                        )
                    }
                }
                return lines >= limit
                    ? result(rule, .passes) { ("\(Format.number(lines))p, at least \(Format.number(limit))p", nil) }
                    : result(rule, .fails) { ("\(Format.number(lines))p, below \(Format.number(limit))p", nil) }
            case .minBatteryHours:
                let limit = profile.requirements[rule]
                guard let hours = p.batteryHours else {
                    return result(rule, .unverified) {
                        ("battery hours not stated", "How many hours does it record on one charge?")
                    }
                }
                return hours >= limit
                    ? result(rule, .passes) {
                        ("\(Format.number(hours)) h battery, at least \(Format.number(limit)) h", nil)
                    }
                    : result(rule, .fails) {
                        ("\(Format.number(hours)) h battery, under \(Format.number(limit)) h", nil)
                    }
            case .storageFitsBackend: return fits(profile, storage)
            }
        }
    }

    static func byNeedBy(_ p: Product, _ profile: Profile, _ a: AvailabilityMetrics) -> RequirementResult {
        let rule = Rule.availableByNeedBy
        let n = profile.needBy.daysSinceEpoch
        let needBy = profile.needBy
        guard let date = a.date else {
            return result(rule, .unverified) {
                ("no ship date stated", "When will it ship: a date, or the earliest and latest?")
            }
        }
        guard let draw = a.draw else {
            let now = a.availableNow
            return date.daysSinceEpoch <= n
                ? result(rule, .passes) { (now ? "available now" : "available \(date.text), by \(needBy.text)", nil) }
                : result(rule, .fails) { ("available \(date.text), after the need-by date \(needBy.text)", nil) }
        }
        let window = p.availability
        let windowText: @Sendable () -> String = { window?.text ?? TOMLDate(daysSinceEpoch: draw.first).text }
        if draw.first > n {
            return result(rule, .fails) { ("ships \(windowText()), after the need-by date \(needBy.text)", nil) }
        }
        if draw.latest <= n {
            return result(rule, .passes) {
                (
                    "ships \(windowText())"
                        + (draw.slip.isNone
                            ? "" : ", by \(TOMLDate(daysSinceEpoch: draw.latest).text) even if it slips")
                        + ", by \(needBy.text)", nil
                )
            }
        }
        let chance = draw.cdf(n)
        return result(rule, .unverified, chance: chance) {
            (
                "ships \(windowText())" + (draw.slip.isNone ? "" : " (announced: may slip)")
                    + "; \(Format.fixed(chance * 100, 0))% chance by \(needBy.text)",
                "Will it ship by \(needBy.text)? It is announced for \(windowText())."
            )
        }
    }

    /// What to ask when year one is open: the full price, naming what is estimated or unknown.
    static func firstYearQuestion(_ cost: CostMetrics) -> String {
        let open = cost.estimatedItems + cost.notCounted
        return "What is the full first-year price for \(cost.cameras) cameras"
            + (open.isEmpty ? "" : " (\(open.joined(separator: ", ")))") + "?"
    }

    static func withinFunds(_ profile: Profile, _ cost: CostMetrics) -> RequirementResult {
        let rule = Rule.yearOneWithinFunds
        // Items it leaves out that are counted at the lineup's least favourable stated figure:
        // an assumption, so they never let the rule pass.
        let borrowed = cost.uncertain.filter { $0.kind == .worstStated }.map(\.item)
        let borrowedText =
            borrowed.isEmpty ? "" : " (\(borrowed.joined(separator: ", ")) at the lineup's highest stated)"
        let funds = profile.funds
        if profile.fundsHaveRules {
            // By the funds' rules: year one is within the funds when the town pays none of it.
            func town(_ value: (UncertainFigure) -> Double) -> Double {
                let (years, items) = FundAllocation.costs(cost, horizonYears: profile.horizonYears, value: value)
                return Scoring.cents(
                    FundAllocation.allocate(
                        items: items, years: years, funding: profile.funding, evaluationDate: profile.evaluationDate
                    ).townByYear[0])
            }
            // Stated figures alone: ranges at their low ends, estimates out (they are assumptions).
            let statedLow = town { $0.kind == .statedRange ? $0.low : 0 }
            if statedLow > 0 {
                return result(rule, .fails) {
                    (
                        "on stated figures alone the funds' rules leave the town at least \(Format.dollars(statedLow)) of year one to pay",
                        nil
                    )
                }
            }
            let high = town { $0.high }
            let low = town { $0.low }
            if high == 0 && cost.notCounted.isEmpty && borrowed.isEmpty {
                return result(rule, .passes) {
                    ("the funds pay all of year one by their rules, even at the high end of every range", nil)
                }
            }
            return result(rule, .unverified) {
                (
                    "by the funds' rules the town pays \(Format.dollars(low)) to \(Format.dollars(high)) of year one"
                        + (cost.notCounted.isEmpty ? "" : " + unknown") + borrowedText, firstYearQuestion(cost)
                )
            }
        }
        // Stated figures alone: ranges at their low ends, estimates out (they are assumptions).
        let statedLow = Scoring.cents(
            cost.uncertain.reduce(cost.yearOne) { total, f in
                total + (f.kind == .statedRange ? f.yearOnePerUnit * (f.low - f.point) : -f.yearOnePerUnit * f.point)
            })
        if statedLow > funds {
            return result(rule, .fails) {
                (
                    "year one is at least \(Format.dollars(statedLow)) on stated figures alone, over the funds \(Format.dollars(funds))",
                    nil
                )
            }
        }
        let high = Scoring.cents(cost.yearOneHigh)
        if high <= funds && cost.notCounted.isEmpty && borrowed.isEmpty {
            return result(rule, .passes) {
                ("year one at most \(Format.dollars(high)), within \(Format.dollars(funds))", nil)
            }
        }
        return result(rule, .unverified) {
            (
                "year one "
                    + (cost.yearOneLow == cost.yearOneHigh
                        ? Format.dollars(cost.yearOne)
                        : "\(Format.dollars(cost.yearOneLow)) to \(Format.dollars(cost.yearOneHigh))")
                    + (cost.notCounted.isEmpty ? "" : " + unknown") + borrowedText
                    + " against \(Format.dollars(funds))",
                firstYearQuestion(cost)
            )
        }
    }

    static func inCar(_ p: Product, _ profile: Profile, _ m: IntegrationMetrics) -> RequirementResult {
        let rule = Rule.worksWithInCar
        let department = profile.inCarSystem
        let system: @Sendable () -> String = { department.isEmpty ? "the in-car system" : SafeText.escaped(department) }
        if let other = p.inCarSystem, !m.worksWithDepartmentSystem {
            return result(rule, .fails) { ("its in-car link is for \(SafeText.escaped(other)), not \(system())", nil) }
        }
        let features = m.features.map { ($0.0, $0.1) }
        let linked = features.filter { $0.1 == .yes }.map(\.0)
        if m.worksWithDepartmentSystem && !linked.isEmpty {
            return result(rule, .passes) {
                ("works with \(system()): " + linked.map { $0.label.lowercased() }.joined(separator: ", "), nil)
            }
        }
        if features.allSatisfy({ $0.1 == .no }) {
            return result(rule, .fails) { ("states no link to an in-car system", nil) }
        }
        let chance =
            m.worksWithDepartmentSystem && !m.chances.isEmpty ? 1 - m.chances.reduce(1) { $0 * (1 - $1.0) } : nil
        let unstatedSystem = p.inCarSystem == nil
        return result(rule, .unverified, chance: chance) {
            let unknown = features.filter { $0.1 == .unknown }.map { $0.0.label.lowercased() }
            return (
                unstatedSystem
                    ? "does not say which in-car system it works with"
                    : "links not stated: " + unknown.joined(separator: ", "),
                "Does it work with our \(system()) in-car system (\(unknown.joined(separator: ", ")))?"
            )
        }
    }

    static func fits(_ profile: Profile, _ s: StorageMetrics) -> RequirementResult {
        let rule = Rule.storageFitsBackend
        if s.model == .cloud { return result(rule, .passes) { ("cloud: the vendor keeps the video", nil) } }
        guard let model = s.model else {
            return result(rule, .unverified) {
                ("storage model not stated", "Where is the video kept: your cloud, our server or our in-car back-end?")
            }
        }
        guard let capacity = s.capacityTB else {
            return result(rule, .unverified) {
                (
                    "\(model.rawValue): capacity not stated",
                    "How many TB does the \(model == .onPremises ? "server" : "back-end") hold?"
                )
            }
        }
        let range = profile.backendFreeTBRange
        let (capLow, capHigh) =
            model == .existingBackend ? (range?.low ?? capacity, range?.high ?? capacity) : (capacity, capacity)
        let tb: @Sendable (Double) -> String = { Format.fixed($0, 1) + " TB" }
        let (low, high) = (s.storedTBLow, s.storedTBHigh)
        if high <= capLow { return result(rule, .passes) { ("\(tb(high)) at most, within \(tb(capLow))", nil) } }
        if low > capHigh { return result(rule, .fails) { ("\(tb(low)) at least, over \(tb(capHigh))", nil) } }
        return result(rule, .unverified) {
            (
                "\(tb(low)) to \(tb(high)) against \(tb(capLow)) to \(tb(capHigh))",
                model == .existingBackend
                    ? "How much free space does the in-car back-end have (ask IT)?"
                    : "What video rate (GB per hour) does it record at?"
            )
        }
    }

    /// "720p" -> 720, "1080P" -> 1080, "1280x720" -> 720, "Full HD" -> 1080, "HD" -> 720.
    public static func resolutionLines(_ text: String) -> Double? {
        let t = text.lowercased()
        if t.contains("full hd") || t.contains("fhd") { return 1080 }
        let digits = t.split { !$0.isNumber }.compactMap { Double($0) }
        if t.contains("x"), digits.count >= 2 { return min(digits[0], digits[1]) }
        if let first = digits.first, t.contains("p") { return first }
        if t.contains("hd") { return 720 }
        return nil
    }
}

extension Assessment {
    /// What is known against it although no must-have asks: every rule the profile leaves
    /// off, checked as if it were on (the battery against the profile's shift length; the
    /// others as written; a resolution needs a limit, so it is left out), keeping what fails
    /// or cannot be shown to pass. The recommendation never reads cleaner than its facts.
    /// The limit a rule that is off is checked against: one shift for the battery, else on.
    public func weaknessLimit(_ rule: Rule) -> Double {
        rule == .minBatteryHours ? profile.shiftLength : 1
    }

    public var knownWeaknesses: [RequirementResult] {
        let off = Rule.allCases.filter { !profile.requirements.active.contains($0) && $0 != .minResolution }
        guard !off.isEmpty else { return [] }
        var asIfOn = profile
        var limits: [Rule: Double] = [:]
        for rule in Rule.allCases { limits[rule] = profile.requirements[rule] }
        for rule in off { limits[rule] = weaknessLimit(rule) }
        asIfOn.requirements = Requirements(limits)
        let cost = self.cost
        return RequirementCheck.evaluate(
            product, asIfOn, cost: cost, storage: storage, integration: integration, availability: availability,
            rules: off
        ).filter { $0.outcome != .passes }.map { r in
            // A weakness the cost already prices says so, wherever it is shown.
            let priced: String?
            switch r.rule {
            case .minBatteryHours where cost.spareBatteries > 0:
                priced = "priced: spare batteries ~\(Format.dollars(cost.spareBatteries)) one-time"
            case .storageFitsBackend where cost.storageShortfallTB > 0:
                priced =
                    "priced: \(Format.fixed(cost.storageShortfallTB, 2)) TB of extra storage at the middle video rate"
            default: priced = nil
            }
            guard let priced else { return r }
            return RequirementResult(rule: r.rule, outcome: r.outcome, chance: r.chance) {
                let w = r.words()
                return (w.reason + "; " + priced, w.question)
            }
        }
    }
}
