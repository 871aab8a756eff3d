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
    public static func evaluate(
        _ p: Product, _ profile: Profile, cost: CostMetrics, storage: StorageMetrics, integration: IntegrationMetrics,
        availability: AvailabilityMetrics
    ) -> [RequirementResult] {
        profile.requirements.active.map { rule in
            switch rule {
            case .availableByNeedBy: return byNeedBy(p, profile, availability)
            case .yearOneWithinFunds: return withinFunds(profile, cost)
            case .worksWithInCar: return inCar(p, profile, integration)
            case .preEventAudio:
                switch p.preEventAudio {
                case true?: return RequirementResult(rule: rule, outcome: .passes, reason: "the pre-event buffer records audio")
                case false?: return RequirementResult(rule: rule, outcome: .fails, reason: "the pre-event buffer records no audio")
                case nil:
                    return RequirementResult(
                        rule: rule, outcome: .unverified, reason: "pre-event audio not stated", question: "Does the pre-event buffer record audio as well as video?")
                }
            case .minResolution:
                let limit = profile.requirements[rule]
                guard let text = p.resolution else {
                    return RequirementResult(rule: rule, outcome: .unverified, reason: "resolution not stated", question: "What is the recording resolution (720p, 1080p)?")
                }
                guard let lines = resolutionLines(text) else {
                    return RequirementResult(
                        rule: rule, outcome: .unverified, reason: "resolution \"\(SafeText.escaped(text))\" does not say its lines",
                        question: "What is the recording resolution in lines (720p, 1080p)?")
                }
                return lines >= limit
                    ? RequirementResult(rule: rule, outcome: .passes, reason: "\(Format.number(lines))p, at least \(Format.number(limit))p")
                    : RequirementResult(rule: rule, outcome: .fails, reason: "\(Format.number(lines))p, below \(Format.number(limit))p")
            case .minBatteryHours:
                let limit = profile.requirements[rule]
                guard let hours = p.batteryHours else {
                    return RequirementResult(rule: rule, outcome: .unverified, reason: "battery hours not stated", question: "How many hours does it record on one charge?")
                }
                return hours >= limit
                    ? RequirementResult(rule: rule, outcome: .passes, reason: "\(Format.number(hours)) h battery, at least \(Format.number(limit)) h")
                    : RequirementResult(rule: rule, outcome: .fails, reason: "\(Format.number(hours)) h battery, under \(Format.number(limit)) h")
            case .storageFitsBackend: return fits(profile, storage)
            }
        }
    }

    static func byNeedBy(_ p: Product, _ profile: Profile, _ a: AvailabilityMetrics) -> RequirementResult {
        let rule = Rule.availableByNeedBy
        let n = profile.needBy.daysSinceEpoch
        let needBy = profile.needBy.text
        guard let date = a.date else {
            return RequirementResult(
                rule: rule, outcome: .unverified, reason: "no ship date stated", question: "When will it ship: a date, or the earliest and latest?")
        }
        guard let draw = a.draw else {
            return date.daysSinceEpoch <= n
                ? RequirementResult(rule: rule, outcome: .passes, reason: a.availableNow ? "available now" : "available \(date.text), by \(needBy)")
                : RequirementResult(rule: rule, outcome: .fails, reason: "available \(date.text), after the need-by date \(needBy)")
        }
        let window = p.availability?.text ?? TOMLDate(daysSinceEpoch: draw.first).text
        if draw.first > n {
            return RequirementResult(rule: rule, outcome: .fails, reason: "ships \(window), after the need-by date \(needBy)")
        }
        if draw.latest <= n {
            return RequirementResult(
                rule: rule, outcome: .passes,
                reason: "ships \(window)" + (draw.slip.isNone ? "" : ", by \(TOMLDate(daysSinceEpoch: draw.latest).text) even if it slips") + ", by \(needBy)")
        }
        let chance = draw.cdf(n)
        return RequirementResult(
            rule: rule, outcome: .unverified,
            reason: "ships \(window)" + (draw.slip.isNone ? "" : " (announced: may slip)") + "; \(Format.fixed(chance * 100, 0))% chance by \(needBy)",
            question: "Will it ship by \(needBy)? It is announced for \(window).", chance: chance)
    }

    static func withinFunds(_ profile: Profile, _ cost: CostMetrics) -> RequirementResult {
        let rule = Rule.yearOneWithinFunds
        let funds = profile.funds
        // Stated figures alone: ranges at their low ends, estimates out (they are assumptions).
        let statedLow = cost.uncertain.reduce(cost.yearOne) { total, f in
            total + (f.kind == .statedRange ? f.yearOnePerUnit * (f.low - f.point) : -f.yearOnePerUnit * f.point)
        }
        if statedLow > funds {
            return RequirementResult(
                rule: rule, outcome: .fails,
                reason: "year one is at least \(Format.dollars(statedLow)) on stated figures alone, over the funds \(Format.dollars(funds))")
        }
        if cost.yearOneHigh <= funds && cost.notCounted.isEmpty {
            return RequirementResult(rule: rule, outcome: .passes, reason: "year one at most \(Format.dollars(cost.yearOneHigh)), within \(Format.dollars(funds))")
        }
        let open = cost.estimatedItems + cost.notCounted
        return RequirementResult(
            rule: rule, outcome: .unverified,
            reason: "year one " + (cost.yearOneLow == cost.yearOneHigh ? Format.dollars(cost.yearOne) : "\(Format.dollars(cost.yearOneLow)) to \(Format.dollars(cost.yearOneHigh))")
                + (cost.notCounted.isEmpty ? "" : " + unknown")
                + " against \(Format.dollars(funds))",
            question: "What is the full first-year price for \(cost.cameras) cameras" + (open.isEmpty ? "" : " (\(open.joined(separator: ", ")))") + "?")
    }

    static func inCar(_ p: Product, _ profile: Profile, _ m: IntegrationMetrics) -> RequirementResult {
        let rule = Rule.worksWithInCar
        let system = profile.inCarSystem.isEmpty ? "the in-car system" : SafeText.escaped(profile.inCarSystem)
        if let other = p.inCarSystem, !m.worksWithDepartmentSystem {
            return RequirementResult(rule: rule, outcome: .fails, reason: "its in-car link is for \(SafeText.escaped(other)), not \(system)")
        }
        let linked = m.features.filter { $0.1 == .yes }.map { $0.0.label.lowercased() }
        if m.worksWithDepartmentSystem && !linked.isEmpty {
            return RequirementResult(rule: rule, outcome: .passes, reason: "works with \(system): " + linked.joined(separator: ", "))
        }
        if m.features.allSatisfy({ $0.1 == .no }) {
            return RequirementResult(rule: rule, outcome: .fails, reason: "states no link to an in-car system")
        }
        let chance = m.worksWithDepartmentSystem && !m.chances.isEmpty ? 1 - m.chances.reduce(1) { $0 * (1 - $1.0) } : nil
        let unknown = m.features.filter { $0.1 == .unknown }.map { $0.0.label.lowercased() }
        return RequirementResult(
            rule: rule, outcome: .unverified,
            reason: p.inCarSystem == nil ? "does not say which in-car system it works with" : "links not stated: " + unknown.joined(separator: ", "),
            question: "Does it work with our \(system) in-car system (\(unknown.joined(separator: ", ")))?", chance: chance)
    }

    static func fits(_ profile: Profile, _ s: StorageMetrics) -> RequirementResult {
        let rule = Rule.storageFitsBackend
        if s.model == .cloud { return RequirementResult(rule: rule, outcome: .passes, reason: "cloud: the vendor keeps the video") }
        guard let model = s.model else {
            return RequirementResult(
                rule: rule, outcome: .unverified, reason: "storage model not stated", question: "Where is the video kept: your cloud, our server or our in-car back-end?")
        }
        guard let capacity = s.capacityTB else {
            return RequirementResult(
                rule: rule, outcome: .unverified, reason: "\(model.rawValue): capacity not stated",
                question: "How many TB does the \(model == .onPremises ? "server" : "back-end") hold?")
        }
        let (capLow, capHigh) = model == .existingBackend ? (profile.backendFreeTBRange?.low ?? capacity, profile.backendFreeTBRange?.high ?? capacity) : (capacity, capacity)
        let tb = { (v: Double) in Format.fixed(v, 1) + " TB" }
        if s.storedTBHigh <= capLow {
            return RequirementResult(rule: rule, outcome: .passes, reason: "\(tb(s.storedTBHigh)) at most, within \(tb(capLow))")
        }
        if s.storedTBLow > capHigh {
            return RequirementResult(rule: rule, outcome: .fails, reason: "\(tb(s.storedTBLow)) at least, over \(tb(capHigh))")
        }
        return RequirementResult(
            rule: rule, outcome: .unverified, reason: "\(tb(s.storedTBLow)) to \(tb(s.storedTBHigh)) against \(tb(capLow)) to \(tb(capHigh))",
            question: model == .existingBackend ? "How much free space does the in-car back-end have (ask IT)?" : "What video rate (GB per hour) does it record at?")
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
