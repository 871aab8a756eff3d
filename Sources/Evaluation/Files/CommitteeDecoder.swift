import TOML

/// Reads the committee: its judged criteria in the profile (`[committee]`), each evaluator's
/// file and the consensus file in `vendors/evaluations/`. Checked like specs: every problem
/// with its file, line and column, an unknown product or criterion named with the nearest.
extension SpecDecoder {
    /// The folder under the vendors folder that holds the evaluators' files.
    public static let evaluationsFolder = "evaluations"
    /// The reserved name of the chair's consensus file in that folder.
    public static let consensusName = "consensus.toml"

    static let committeeKeys: [String: [String]] = [
        "committee": ["blind_to_price", "chair", "criterion"],
        "committee.criterion": ["key", "name", "weight", "scale", "low", "middle", "high"],
        "evaluator": ["name", "role", "conflict_of_interest", "date", "submitted", "scores"],
        "consensus_file": ["chair", "consensus"],
        "consensus": ["product", "criterion", "score", "reason"],
    ]

    /// The `[committee]` section of a profile, or nil when there is none.
    static func committee(_ root: TOMLTable, _ r: inout FieldReader) -> Committee? {
        guard let section = r.section(root, "committee") else { return nil }
        r.checkKeys(section, prefix: "committee", allowed: committeeKeys["committee"]!)
        let blind = r.bool(section, "blind_to_price", prefix: "committee") ?? false
        let chair = r.text(section, "chair", prefix: "committee", maxLength: 200)
        var criteria: [JudgedCriterion] = []
        let prefix = "committee.criterion"
        for t in r.tables(section, "criterion") {
            r.checkKeys(t, prefix: prefix, allowed: committeeKeys[prefix]!)
            let key = r.text(t, "key", prefix: prefix, required: true, maxLength: 40)
            let name = r.text(t, "name", prefix: prefix, required: true, maxLength: 200)
            let weight = r.number(t, "weight", prefix: prefix, what: "a number (0 or more)", range: 0...1_000_000)
            let scale = r.estimate(
                t, "scale", prefix: prefix, what: "a scale", example: "[0, 10]", range: -1_000_000...1_000_000)
            let low = r.text(t, "low", prefix: prefix, maxLength: 500) ?? ""
            let middle = r.text(t, "middle", prefix: prefix, maxLength: 500) ?? ""
            let high = r.text(t, "high", prefix: prefix, maxLength: 500) ?? ""
            if let key, !key.isEmpty, !key.unicodeScalars.allSatisfy({ isKeyScalar($0) }) {
                r.fail(
                    prefix + ".key", at: t["key"]?.position,
                    "committee.criterion.key \"\(SafeText.fitted(key, 40))\" must be lower-case letters, digits, - or _ (evaluator files name it)"
                )
                continue
            }
            if let key, criteria.contains(where: { $0.key == key }) {
                r.fail(prefix + ".key", at: t["key"]?.position, "committee.criterion.key \"\(key)\" is given twice")
                continue
            }
            if let key, Criterion(rawValue: key) != nil {
                r.fail(
                    prefix + ".key", at: t["key"]?.position,
                    "committee.criterion.key \"\(key)\" is a measured criterion's name; choose another")
                continue
            }
            if let scale, !(scale.high > scale.low) {
                r.fail(
                    prefix + ".scale", at: t["scale"]?.position,
                    "committee.criterion.scale must be [low, high] with high above low, like [0, 10]")
                continue
            }
            guard let key, let name else { continue }
            let s = scale ?? Estimate(low: 0, high: 10)
            criteria.append(
                JudgedCriterion(
                    key: key, name: name, weight: weight ?? 1, scaleLow: s.low, scaleHigh: s.high,
                    guidance: Guidance(low: low, middle: middle, high: high)))
        }
        if criteria.isEmpty {
            r.fail(
                "committee", at: root["committee"]?.position,
                "[committee] has no [[committee.criterion]]: give each judged criterion a key, a name, a weight and a scale",
                severity: .warning)
            return nil
        }
        return Committee(criteria: criteria, blindToPrice: blind, chair: chair)
    }

    public static func isKeyScalar(_ u: Unicode.Scalar) -> Bool {
        (u >= "a" && u <= "z") || (u >= "0" && u <= "9") || u == "-" || u == "_"
    }

    /// Names an unknown criterion at `field`, with the nearest and the list.
    private static func unknownCriterion(
        _ key: String, field: String, at position: TOMLPosition?, committee: Committee, _ r: inout FieldReader
    ) {
        let keys = committee.criteria.map(\.key)
        let guess = FieldReader.closest(key, in: keys)
        r.fail(
            field, at: position,
            "\(field) \"\(SafeText.fitted(key, 40))\" is not a judged criterion of the profile; "
                + (guess.map { "did you mean \"\($0)\"? " } ?? "") + "use " + keys.joined(separator: ", "))
    }

    /// Names an unknown product at `field`, with the nearest.
    private static func unknownProduct(
        _ product: String, field: String, at position: TOMLPosition?, products: [String], _ r: inout FieldReader
    ) {
        let guess = FieldReader.closest(product, in: products)
        r.fail(
            field, at: position,
            "\(field) \"\(SafeText.fitted(product, 60))\" is not a product in the folder (a spec file's name without .toml)"
                + (guess.map { "; did you mean \"\($0)\"?" } ?? ""))
    }

    /// A score on `criterion`'s scale. The unit's words are built only for a message: a file
    /// holds thousands of scores.
    private static func score(
        _ node: TOMLNode, field: String, criterion: JudgedCriterion, _ r: inout FieldReader
    ) -> Double? {
        let range = criterion.scaleLow...criterion.scaleHigh
        if case .integer(let i) = node.value, range.contains(Double(i)) { return Double(i) }
        if case .float(let d) = node.value, d.isFinite, range.contains(d) { return d }
        return r.checkedNumber(
            node, field: field, what: "a score on the scale \(criterion.scaleText)", range: range, rangeHint: "")
    }

    /// A consensus row's product, criterion and score, checked against the lineup and the committee.
    private static func target(
        _ t: TOMLTable, prefix: String, committee: Committee, products: [String], known: Set<String>,
        _ r: inout FieldReader
    ) -> (product: String, criterion: JudgedCriterion, score: Double)? {
        let product = r.text(t, "product", prefix: prefix, required: true, maxLength: 200)
        let key = r.text(t, "criterion", prefix: prefix, required: true, maxLength: 40)
        var criterion: JudgedCriterion?
        if let key {
            criterion = committee.criteria.first { $0.key == key }
            if criterion == nil {
                unknownCriterion(
                    key, field: prefix + ".criterion", at: t["criterion"]?.position, committee: committee, &r)
            }
        }
        if let product, !known.contains(product) {
            unknownProduct(product, field: prefix + ".product", at: t["product"]?.position, products: products, &r)
            return nil
        }
        guard let product, let criterion,
            let node = r.node(t, "score", prefix: prefix, required: true),
            let value = score(node, field: prefix + ".score", criterion: criterion, &r)
        else { return nil }
        return (product, criterion, value)
    }

    /// Reads one evaluator's file; `id` is the file name without `.toml`, `products` the ids of
    /// the folder's spec files.
    public static func evaluator(
        _ bytes: [UInt8], file: String, id: String, committee: Committee, products: [String]
    ) -> Loaded<Evaluator> {
        let root: TOMLTable
        switch document(bytes, file: file) {
        case .failure(let d): return Loaded(value: nil, diagnostics: [d])
        case .success(let t): root = t
        }
        var r = FieldReader(file: file)
        r.checkKeys(root, prefix: "", allowed: committeeKeys["evaluator"]!)
        let name = r.text(root, "name", required: true, maxLength: 200)
        let role = r.text(root, "role", maxLength: 200) ?? ""
        let conflict = r.text(root, "conflict_of_interest", required: true, maxLength: 2000)
        let date = r.date(root, "date")
        let submitted = r.bool(root, "submitted") ?? false
        var scores: [EvaluatorScore] = []
        let known = Set(products)
        let criteria = Dictionary(committee.criteria.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        // `[scores.PRODUCT]`, one key per criterion: a score, or `{ score = 7, note = "..." }`.
        // (TOML refuses a product's table or a criterion given twice.)
        if let section = r.section(root, "scores") {
            for entry in section.entries {
                let product = entry.key
                guard case .table(let table) = entry.node.value else {
                    r.fail(
                        "scores." + product, at: entry.keyPosition,
                        "scores.\(SafeText.fitted(product, 60)) must be a table ([scores.\(SafeText.fitted(product, 60))]) of criterion = score; found \(FieldReader.found(entry.node.value))"
                    )
                    continue
                }
                guard known.contains(product) else {
                    unknownProduct(product, field: "scores", at: entry.keyPosition, products: products, &r)
                    continue
                }
                for item in table.entries {
                    let field = "scores.\(product).\(item.key)"
                    guard let criterion = criteria[item.key] else {
                        unknownCriterion(
                            item.key, field: "scores.\(product)", at: item.keyPosition, committee: committee, &r)
                        continue
                    }
                    // `criterion = 7`, or `criterion = { score = 7, note = "..." }`.
                    var valueNode = item.node
                    var note: String?
                    if case .table(let inline) = item.node.value {
                        r.checkKeys(inline, prefix: field, allowed: ["score", "note"])
                        note = r.text(inline, "note", prefix: field, maxLength: 2000)
                        guard let n = r.node(inline, "score", prefix: field, required: true) else { continue }
                        valueNode = n
                    }
                    guard let value = score(valueNode, field: field, criterion: criterion, &r) else { continue }
                    scores.append(EvaluatorScore(product: product, criterion: criterion.key, score: value, note: note))
                }
            }
        }
        guard !r.hasErrors, let name, let conflict else { return Loaded(value: nil, diagnostics: r.diagnostics) }
        return Loaded(
            value: Evaluator(
                id: id, file: file, name: name, role: role, conflictOfInterest: conflict, date: date,
                submitted: submitted, scores: scores),
            diagnostics: r.diagnostics)
    }

    /// Reads the chair's consensus file.
    public static func consensus(
        _ bytes: [UInt8], file: String, committee: Committee, products: [String]
    ) -> Loaded<[ConsensusScore]> {
        let root: TOMLTable
        switch document(bytes, file: file) {
        case .failure(let d): return Loaded(value: nil, diagnostics: [d])
        case .success(let t): root = t
        }
        var r = FieldReader(file: file)
        r.checkKeys(root, prefix: "", allowed: committeeKeys["consensus_file"]!)
        _ = r.text(root, "chair", maxLength: 200)
        var out: [ConsensusScore] = []
        let known = Set(products)
        for t in r.tables(root, "consensus") {
            r.checkKeys(t, prefix: "consensus", allowed: committeeKeys["consensus"]!)
            let reason = r.text(t, "reason", prefix: "consensus", required: true, maxLength: 2000)
            guard
                let (product, criterion, score) = target(
                    t, prefix: "consensus", committee: committee, products: products, known: known, &r), let reason
            else { continue }
            out.removeAll { $0.product == product && $0.criterion == criterion.key }
            out.append(ConsensusScore(product: product, criterion: criterion.key, score: score, reason: reason))
        }
        return Loaded(value: r.hasErrors ? nil : out, diagnostics: r.diagnostics)
    }
}

/// The committee's files as Lineup writes them.
public enum ScoringText {
    /// The chair's consensus file with `score` added (a later score for the same product and
    /// criterion replaces an earlier one when read); `existing` is the file's text, nil when there
    /// is none yet.
    public static func consensus(existing: String?, chair: String, adding score: ConsensusScore) -> String {
        var text =
            existing
            ?? "# The committee's consensus scores: each stands beside the evaluators' median and counts.\nchair = \(Quoting.toml(chair))\n"
        if !text.hasSuffix("\n") { text += "\n" }
        text +=
            "\n[[consensus]]\nproduct = \(Quoting.toml(score.product))\ncriterion = \(Quoting.toml(score.criterion))\n"
        text += "score = \(Format.literal(score.score))\nreason = \(Quoting.toml(score.reason))\n"
        return text
    }
}
