import TOML

/// The outcome of reading one file: the value when it is usable, and every problem found.
public struct Loaded<Value: Sendable>: Sendable {
    public var value: Value?
    public var diagnostics: [Diagnostic]
}

/// Turns spec-file text into products and the profile. Pure: bytes and a name in, values out.
public enum SpecDecoder {
    /// The keys a product spec may hold, by section ("" is the top level): from `SpecKey`.
    public static var productKeys: [String: [String]] { SpecKey.allowed }

    public static let profileKeys: [String: [String]] = [
        "": [
            "name", "evaluation_date", "need_by", "cameras", "licensed_users", "officers_per_shift", "shifts_per_day",
            "recorded_hours_per_shift", "routine_retention_days", "evidence_share", "evidence_retention_days",
            "horizon_years",
            "method", "storage_penalty", "funding", "in_car", "weights", "integration_points", "announcements",
            "quote_max_age_days",
            "requirements", "cost_basis", "shift_hours", "already_has", "contact", "reply_by",
            "committee",
        ],
        "already_has": ["server", "docks", "evidence_software"],
        "requirements": Rule.allCases.map(\.rawValue),
        "announcements": ["slip_chance", "slip_max_days"],
        "funding": ["source", "amount", "pays_for", "years", "until", "recurring"],
        "in_car": ["system", "backend_free_tb"],
        "weights": Criterion.allCases.map(\.rawValue),
        "integration_points": IntegrationFeature.allCases.map(\.rawValue),
    ]

    static let dollars = "a number of dollars"

    /// Parses TOML, turning a syntax error into a diagnostic.
    static func document(_ bytes: [UInt8], file: String) -> Result<TOMLTable, Diagnostic> {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return .failure(Diagnostic(file: file, message: "the file is empty"))
        }
        do throws(TOMLError) {
            return .success(try TOML.parse(bytes, file: file).root)
        } catch {
            let message = error.key.map { SafeText.fitted($0, 60) + ": " + error.message } ?? error.message
            return .failure(
                Diagnostic(file: file, line: error.line, column: error.column, field: error.key ?? "", message: message)
            )
        }
    }

    /// Reads one product spec; `id` is the file name without `.toml`.
    public static func product(_ bytes: [UInt8], file: String, id: String) -> Loaded<Product> {
        let root: TOMLTable
        switch document(bytes, file: file) {
        case .failure(let d): return Loaded(value: nil, diagnostics: [d])
        case .success(let t): root = t
        }
        var r = FieldReader(file: file)
        r.checkKeys(root, prefix: "", allowed: productKeys[""]!)
        let vendor = r.text(root, .vendor, required: true)
        let model = r.text(root, .model, required: true)
        var p = Product(id: id, file: file, vendor: vendor ?? "", model: model ?? "")
        p.summary = r.text(root, .summary)
        p.sourceEntries = r.sources(root, SpecKey.sources.key)
        p.quoteDate = r.date(root, SpecKey.quoteDate.key)
        p.notes = r.text(root, .notes)

        // The six tables, in the order of SpecKey.sections (a short list, not a dictionary).
        var t: [(name: String, table: TOMLTable)] = []
        for name in SpecKey.sections {
            if let s = r.section(root, name) {
                r.checkKeys(s, prefix: name, allowed: productKeys[name]!)
                t.append((name, s))
            }
        }
        // Each key read from its own table, by its SpecKey.
        func table(_ k: SpecKey) -> TOMLTable? { t.first { $0.name == k.section }?.table }
        func number(_ k: SpecKey, _ what: String, _ range: ClosedRange<Double>) -> Double? {
            r.number(table(k), k.key, prefix: k.section, what: what, range: range)
        }
        func money(_ k: SpecKey, _ range: ClosedRange<Double>) -> Double? { number(k, dollars, range) }
        func estimate(_ k: SpecKey, example: String, _ range: ClosedRange<Double>) -> Estimate? {
            r.estimate(table(k), k.key, prefix: k.section, what: dollars, example: example, range: range)
        }
        p.status = r.choice(table(.status), SpecKey.status.key, prefix: SpecKey.status.section)
        p.availability = r.dateEstimate(
            table(.availabilityDate), SpecKey.availabilityDate.key, prefix: SpecKey.availabilityDate.section)

        p.cameraPrice = estimate(.cameraPrice, example: "[800, 1000]", 1...100_000)
        p.accessoriesPerCamera = money(.accessories, 0...10_000)
        p.warrantyYears = number(.warrantyYears, "a number of years", 0...20)
        p.extendedWarrantyPerCameraYear = money(.extendedWarranty, 0...10_000)

        p.dockPrice = money(.dockPrice, 0...100_000)
        p.camerasPerDock = r.integer(
            table(.camerasPerDock), SpecKey.camerasPerDock.key, prefix: SpecKey.camerasPerDock.section,
            what: "a number of cameras", range: 1...100)

        p.resolution = r.text(table(.resolution), .resolution)
        p.gbPerHour = number(.gbPerHour, "a number of GB per hour", 0.01...100)
        p.fieldOfViewDegrees = number(.fieldOfView, "a number of degrees", 1...360)
        p.batteryHours = number(.batteryHours, "a number of hours", 0.1...200)
        p.preEventSeconds = number(.preEventSeconds, "a number of seconds", 0...3600)
        p.preEventAudio = r.bool(
            table(.preEventAudio), SpecKey.preEventAudio.key, prefix: SpecKey.preEventAudio.section)

        p.storageModel = r.choice(table(.storageModel), SpecKey.storageModel.key, prefix: SpecKey.storageModel.section)
        p.perUserPerMonth = estimate(.perUserPerMonth, example: "[15, 79]", 0...10_000)
        p.perCameraPerMonth = estimate(.perCameraPerMonth, example: "[15, 79]", 0...10_000)
        p.contractYears = number(.contractYears, "a number of years", 0.1...30)
        // "unlimited" (as quotes say it): no overage at any volume.
        if let node = table(.includedGBPerUser)?[SpecKey.includedGBPerUser.key], case .string(let s) = node.value,
            s.lowercased() == "unlimited"
        {
            p.includedGBPerUser = .infinity
        } else {
            p.includedGBPerUser = number(
                .includedGBPerUser, "a number of GB, or \"unlimited\"", 0...1_000_000)
        }
        p.overagePerGBMonth = money(.overagePerGBMonth, 0...100)
        p.serverPrice = money(.serverPrice, 0...10_000_000)
        p.serverTB = number(.serverTB, "a number of terabytes", 0...100_000)
        p.upkeepPerTBYear = money(.upkeepPerTBYear, 0...100_000)
        p.setupCost = money(.setup, 0...10_000_000)

        p.inCarSystem = r.text(table(.inCarSystem), .inCarSystem)
        for f in IntegrationFeature.allCases {
            let k = SpecKey.feature(f)
            if let b = r.bool(table(k), k.key, prefix: k.section) { p.features[f] = b }
        }
        // Figures too small to be what was meant (a decimal point where a separator was meant).
        if let price = p.cameraPrice, price.low < 50 {
            r.fail(
                SpecKey.cameraPrice.path, at: r.positions[SpecKey.cameraPrice.path],
                "camera.price of \(Format.dollars(price.low, cents: price.low != price.low.rounded())) is implausibly low for a body camera; check the figure",
                severity: .warning)
        }
        if let setup = p.setupCost, setup > 0, setup < 10 {
            r.fail(
                SpecKey.setup.path, at: r.positions[SpecKey.setup.path],
                "storage.setup of \(Format.dollars(setup, cents: setup != setup.rounded())) is implausibly low for one-time software and set-up; check the figure",
                severity: .warning)
        }
        p.positions = r.positions
        // A new template with neither a price nor a status is not ready to rank.
        if !r.hasErrors && p.cameraPrice == nil && p.status == nil {
            r.fail(
                "", at: nil, "not ranked until it gives at least camera.price or availability.status",
                severity: .warning, kind: .notRanked)
            return Loaded(value: nil, diagnostics: r.diagnostics)
        }
        return Loaded(value: r.hasErrors ? nil : p, diagnostics: r.diagnostics)
    }

    /// Reads the department profile.
    /// The accepted range of each numeric department figure: the one table the decoder and the
    /// interface's department panel both use, so the panel can never set what the file refuses.
    public static let profileLimits: [String: ClosedRange<Double>] = [
        "shift_hours": 0.5...24,
        "cameras": 1...100_000, "licensed_users": 0...100_000, "officers_per_shift": 0...100_000,
        "shifts_per_day": 0...24,
        "recorded_hours_per_shift": 0...24, "routine_retention_days": 0...36_500, "evidence_share": 0...1,
        "evidence_retention_days": 0...36_500, "horizon_years": 1...30, "funding.amount": 0...1_000_000_000,
        "announcements.slip_chance": 0...1, "announcements.slip_max_days": 0...3650,
    ]

    public static func profile(_ bytes: [UInt8], file: String) -> Loaded<Profile> {
        let root: TOMLTable
        switch document(bytes, file: file) {
        case .failure(let d): return Loaded(value: nil, diagnostics: [d])
        case .success(let t): root = t
        }
        var r = FieldReader(file: file)
        r.checkKeys(root, prefix: "", allowed: profileKeys[""]!)
        let name = r.text(root, "name", required: true, maxLength: 200)
        let evaluation = r.date(root, "evaluation_date", required: true)
        let needBy = r.date(root, "need_by", required: true)
        let limits = profileLimits
        func whole(_ key: String) -> ClosedRange<Int> { Int(limits[key]!.lowerBound)...Int(limits[key]!.upperBound) }
        let cameras = r.integer(root, "cameras", what: "a number of cameras", range: whole("cameras"), required: true)
        let users = r.integer(
            root, "licensed_users", what: "a number of users", range: whole("licensed_users"), required: true)
        let officers = r.number(
            root, "officers_per_shift", what: "a number of officers", range: limits["officers_per_shift"]!,
            required: true)
        let shifts = r.number(
            root, "shifts_per_day", what: "a number of shifts", range: limits["shifts_per_day"]!, required: true)
        let hours = r.number(
            root, "recorded_hours_per_shift", what: "a number of hours", range: limits["recorded_hours_per_shift"]!,
            required: true)
        let routine = r.number(
            root, "routine_retention_days", what: "a number of days", range: limits["routine_retention_days"]!,
            required: true)
        let share = r.number(
            root, "evidence_share", what: "a fraction between 0 and 1", range: limits["evidence_share"]!, required: true
        )
        let evidenceDays = r.number(
            root, "evidence_retention_days", what: "a number of days", range: limits["evidence_retention_days"]!,
            required: true)
        let horizon = r.number(
            root, "horizon_years", what: "a number of years", range: limits["horizon_years"]!, required: true)
        let method: Method = r.choice(root, "method") ?? .weightedSum
        let penalty = r.number(root, "storage_penalty", what: "a fraction between 0 and 1", range: 0...1) ?? 0.5

        var funding: [FundingSource] = []
        var untilPositions: [TOMLPosition?] = []
        for f in r.tables(root, "funding") {
            r.checkKeys(f, prefix: "funding", allowed: profileKeys["funding"]!)
            if let s = r.text(f, "source", prefix: "funding", required: true),
                let a = r.number(
                    f, "amount", prefix: "funding", what: dollars, range: limits["funding.amount"]!,
                    required: true)
            {
                var fund = FundingSource(source: s, amount: a)
                if f["pays_for"] != nil {
                    var items = Set<CostItem>()
                    for (name, position) in r.textsWithPositions(f, "pays_for", prefix: "funding") {
                        if let item = CostItem(rawValue: name) {
                            items.insert(item)
                        } else {
                            let guess = FieldReader.closest(name, in: CostItem.allCases.map(\.rawValue))
                            r.fail(
                                "funding.pays_for", at: position,
                                "funding.pays_for: \"\(SafeText.fitted(name, 40))\" is not a cost item; "
                                    + (guess.map { "did you mean \"\($0)\"? " } ?? "")
                                    + "use " + CostItem.allCases.map(\.rawValue).joined(separator: ", "))
                        }
                    }
                    fund.paysFor = items
                    if case .array(let list)? = f["pays_for"]?.value, list.isEmpty {
                        r.fail(
                            "funding.pays_for", at: f["pays_for"]?.position,
                            "funding \"\(SafeText.fitted(s, 60))\" may pay for nothing (pays_for = []): it pays nothing; name the cost items it may pay",
                            severity: .warning)
                    }
                }
                fund.years = r.integer(f, "years", prefix: "funding", what: "a number of years", range: 1...30)
                fund.until = r.date(f, "until", prefix: "funding")
                fund.recurring = r.bool(f, "recurring", prefix: "funding")
                if fund.years != nil && fund.until != nil {
                    r.fail(
                        "funding.until", at: r.positions["funding.until"],
                        "give funding.years or funding.until, not both")
                }
                funding.append(fund)
                untilPositions.append(f["until"]?.position)
            }
        }
        let inCar = r.section(root, "in_car")
        if let inCar { r.checkKeys(inCar, prefix: "in_car", allowed: profileKeys["in_car"]!) }
        let system = r.text(inCar, "system", prefix: "in_car", maxLength: 100) ?? ""
        let freeRange = r.estimate(
            inCar, "backend_free_tb", prefix: "in_car", what: "a number of terabytes", example: "[4, 8]",
            range: 0...100_000)
        let freeTB = freeRange?.point ?? 0

        var weights = Weights.standard
        if let w = r.section(root, "weights") {
            r.checkKeys(w, prefix: "weights", allowed: profileKeys["weights"]!)
            for c in Criterion.allCases {
                if let v = r.number(
                    w, c.rawValue, prefix: "weights", what: "a number (0 or more)", range: 0...1_000_000)
                {
                    weights[c] = v
                }
            }
            if weights.total == 0 {
                r.fail(
                    "weights", at: r.positions["weights"],
                    "the weights add up to 0; give at least one criterion a weight")
            }
        }
        let committee = Self.committee(root, &r)
        if committee != nil && weights.values[.committee] == nil {
            r.fail(
                "weights.committee", at: r.positions["weights"],
                "the profile has judged criteria ([committee]) but no weights.committee: give the committee's score a weight beside cost, integration, storage and availability"
            )
        } else if committee == nil, weights.values[.committee] != nil {
            r.fail(
                "weights.committee", at: r.positions["weights.committee"],
                "weights.committee is ignored: the profile has no [[committee.criterion]]", severity: .warning)
            weights.values[.committee] = nil
        }
        var points = Dictionary(uniqueKeysWithValues: IntegrationFeature.allCases.map { ($0, $0.defaultPoints) })
        if let ip = r.section(root, "integration_points") {
            r.checkKeys(ip, prefix: "integration_points", allowed: profileKeys["integration_points"]!)
            for f in IntegrationFeature.allCases {
                if let v = r.number(
                    ip, f.rawValue, prefix: "integration_points", what: "a number of points", range: 0...1000)
                {
                    points[f] = v
                }
            }
        }
        let quoteAge = r.integer(root, "quote_max_age_days", what: "a number of days", range: 1...36_500)
        var slip = Slip.none
        if let a = r.section(root, "announcements") {
            r.checkKeys(a, prefix: "announcements", allowed: profileKeys["announcements"]!)
            let chance =
                r.number(
                    a, "slip_chance", prefix: "announcements", what: "a chance between 0 and 1",
                    range: limits["announcements.slip_chance"]!) ?? 0
            let days =
                r.integer(
                    a, "slip_max_days", prefix: "announcements", what: "a number of days",
                    range: whole("announcements.slip_max_days")) ?? 0
            slip = Slip(chance: chance, maxDays: days)
        }
        let costBasis: CostBasis = r.choice(root, "cost_basis") ?? .tco
        let shiftHours = r.number(root, "shift_hours", what: "a number of hours", range: profileLimits["shift_hours"]!)
        let contact = r.text(root, "contact", maxLength: 500)
        let replyBy = r.date(root, "reply_by")
        if let e = evaluation, let replyBy, replyBy.daysSinceEpoch <= e.daysSinceEpoch {
            r.fail(
                "reply_by", at: r.positions["reply_by"],
                "reply_by (\(replyBy.text)) must be after evaluation_date (\(e.text)): the letters are dated that day")
        }
        var owned = Owned()
        if let section = r.section(root, "already_has") {
            r.checkKeys(section, prefix: "already_has", allowed: profileKeys["already_has"]!)
            owned.server = r.bool(section, "server", prefix: "already_has") ?? false
            owned.docks = r.bool(section, "docks", prefix: "already_has") ?? false
            owned.evidenceSoftware = r.bool(section, "evidence_software", prefix: "already_has") ?? false
        }
        var requirements = Requirements.none
        if let section = r.section(root, "requirements") {
            r.checkKeys(section, prefix: "requirements", allowed: profileKeys["requirements"]!)
            for rule in Rule.allCases {
                if rule.hasLimit {
                    let what =
                        rule == .minResolution
                        ? "a number of lines, like 720 (0 is off)" : "a number of hours (0 is off)"
                    if let v = r.number(
                        section, rule.rawValue, prefix: "requirements", what: what, range: 0...rule.maximum)
                    {
                        requirements[rule] = v
                    }
                } else if let on = r.bool(section, rule.rawValue, prefix: "requirements") {
                    requirements[rule] = on ? 1 : 0
                }
            }
        }
        if let e = evaluation {
            // A fund whose date has passed pays nothing: say so where the date is written.
            for (fund, position) in zip(funding, untilPositions) where fund.hasLapsed(by: e) {
                r.fail(
                    "funding.until", at: position,
                    "funding \"\(SafeText.fitted(fund.source, 60))\" lapsed on \(fund.until!.text), before evaluation_date (\(e.text)): it pays nothing",
                    severity: .warning, kind: .lapsedFund)
            }
        }
        if let e = evaluation, let n = needBy, n.daysSinceEpoch <= e.daysSinceEpoch {
            r.fail(
                "need_by", at: r.positions["need_by"], "need_by (\(n.text)) must be after evaluation_date (\(e.text))")
        }
        guard !r.hasErrors, let name, let evaluation, let needBy, let cameras, let users, let officers, let shifts,
            let hours,
            let routine, let share, let evidenceDays, let horizon
        else { return Loaded(value: nil, diagnostics: r.diagnostics) }
        let profile = Profile(
            name: name, evaluationDate: evaluation, needBy: needBy, cameras: cameras, licensedUsers: users,
            officersPerShift: officers, shiftsPerDay: shifts, recordedHoursPerShift: hours,
            routineRetentionDays: routine,
            evidenceShare: share, evidenceRetentionDays: evidenceDays, horizonYears: horizon, funding: funding,
            inCarSystem: system, backendFreeTB: freeTB, weights: weights, method: method, integrationPoints: points,
            storagePenalty: penalty)
        var withSlip = profile
        withSlip.slip = slip
        withSlip.quoteMaxAgeDays = quoteAge
        withSlip.requirements = requirements
        withSlip.costBasis = costBasis
        withSlip.backendFreeTBRange = freeRange.flatMap { $0.isRange ? $0 : nil }
        withSlip.shiftHours = shiftHours
        withSlip.alreadyHas = owned
        withSlip.contact = contact
        withSlip.replyBy = replyBy
        withSlip.committee = committee
        return Loaded(value: withSlip, diagnostics: r.diagnostics)
    }
}
