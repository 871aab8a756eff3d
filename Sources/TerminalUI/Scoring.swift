import Evaluation
import TOML

/// One evaluator scoring the lineup: product by product, criterion by criterion, with the
/// guidance beside each score. A value built only from what this evaluator may see: their own
/// file, the criteria, the products' names (never a price when scoring is blind to price), and
/// the other evaluators' scores only once this one has submitted.
public struct ScoringState: Equatable, Sendable {
    public struct Item: Equatable, Sendable {
        public var id: String
        public var name: String
    }

    /// The evaluator's file id (`evaluations/ID.toml`) and path.
    public let evaluatorID: String
    public let path: String
    /// The file as read (nil: a new evaluator): the save replaces only this.
    public private(set) var savedText: String?
    /// The scores as saved, to show beside the ones changed here.
    public private(set) var saved: Evaluator?
    /// The evaluator as edited here.
    public internal(set) var draft: Evaluator
    public let criteria: [JudgedCriterion]
    public let products: [Item]
    /// Technical scoring blind to price (the profile's `blind_to_price`).
    public let blind: Bool
    /// Whether this evaluator chairs the committee (may record consensus scores).
    public let isChair: Bool
    public internal(set) var product = 0
    public internal(set) var criterion = 0
    /// The other evaluators' submitted marks of each product and criterion: empty until this
    /// evaluator has submitted.
    public private(set) var others: [String: [JudgedMark]] = [:]
    /// The chair's consensus scores (shown, like the others, after submitting).
    public private(set) var consensus: [ConsensusScore] = []
    /// Digits typed into the score (`1` then `0` is 10 on a 0-10 scale).
    var typed = ""

    /// Opens the scoring of `evaluatorID` (its file's text, nil for a new evaluator).
    public init(
        evaluatorID: String, folder: String, text: String?, committee: Committee, products: [Product], today: TOMLDate,
        displayName: String? = nil
    ) {
        self.evaluatorID = evaluatorID
        let path = folder + "/" + SpecDecoder.evaluationsFolder + "/" + evaluatorID + ".toml"
        self.path = path
        criteria = committee.criteria
        self.products = products.sorted { $0.name.lowercased() < $1.name.lowercased() }.map {
            Item(id: $0.id, name: $0.name)
        }
        blind = committee.blindToPrice
        savedText = text
        let read = text.flatMap {
            SpecDecoder.evaluator(
                Array($0.utf8), file: path, id: evaluatorID, committee: committee, products: products.map(\.id)
            ).value
        }
        saved = read
        let draft =
            read
            ?? Evaluator(
                id: evaluatorID, file: path, name: displayName ?? evaluatorID, role: "", conflictOfInterest: "",
                date: today, submitted: false, scores: [])
        self.draft = draft
        isChair = committee.chair.map { $0 == draft.name || $0 == evaluatorID } ?? false
        refreshOthers(committee)
    }

    /// The others' scores and the consensus, only once this evaluator has submitted.
    mutating func refreshOthers(_ committee: Committee) {
        guard saved?.submitted == true else {
            others = [:]
            consensus = []
            return
        }
        var out: [String: [JudgedMark]] = [:]
        for e in committee.evaluators where e.id != evaluatorID && e.submitted {
            for s in e.scores {
                out[s.product + "/" + s.criterion, default: []].append(
                    JudgedMark(evaluator: e.name, score: s.score, note: s.note))
            }
        }
        others = out
        consensus = committee.consensus
    }

    /// After a save and reload: the file as it now is, and (once submitted) the others.
    mutating func reloaded(text: String?, committee: Committee, products: [Product]) {
        savedText = text
        saved = text.flatMap {
            SpecDecoder.evaluator(
                Array($0.utf8), file: path, id: evaluatorID, committee: committee, products: products.map(\.id)
            ).value
        }
        if let saved { draft = saved }
        refreshOthers(committee)
    }

    public var currentProduct: Item? { products.indices.contains(product) ? products[product] : nil }
    public var currentCriterion: JudgedCriterion? { criteria.indices.contains(criterion) ? criteria[criterion] : nil }

    /// This evaluator's score of a product on a criterion, as edited here.
    public func score(_ product: String, _ criterion: String) -> EvaluatorScore? { draft.score(product, criterion) }
    /// The same as saved.
    public func savedScore(_ product: String, _ criterion: String) -> EvaluatorScore? {
        saved?.score(product, criterion)
    }
    public var changed: Bool { saved.map { $0 != draft } ?? !draft.scores.isEmpty }
    public var scoredCount: Int { draft.scores.count }
    public var possibleCount: Int { products.count * criteria.count }

    /// Others' marks of the current product and criterion (empty before submitting).
    public func othersHere() -> [JudgedMark] {
        guard let p = currentProduct, let c = currentCriterion else { return [] }
        return others[p.id + "/" + c.key] ?? []
    }

    // MARK: Changes

    mutating func set(_ value: Double?, note: String? = nil, keepNote: Bool = true) {
        guard let p = currentProduct, let c = currentCriterion else { return }
        let existing = draft.scores.firstIndex { $0.product == p.id && $0.criterion == c.key }
        guard let value else {
            if let existing { draft.scores.remove(at: existing) }
            return
        }
        let v = min(c.scaleHigh, max(c.scaleLow, value))
        if let existing {
            draft.scores[existing].score = v
            if !keepNote { draft.scores[existing].note = note }
        } else {
            draft.scores.append(EvaluatorScore(product: p.id, criterion: c.key, score: v, note: note))
        }
    }

    /// A digit typed: appended while the number stays on the scale, else it starts again.
    mutating func typeDigit(_ d: Int) {
        guard let c = currentCriterion else { return }
        let joined = Double(typed + String(d)) ?? Double(d)
        if !typed.isEmpty && joined <= c.scaleHigh && joined >= c.scaleLow {
            typed += String(d)
            set(joined)
        } else {
            typed = String(d)
            set(Double(d))
        }
    }

    /// One step up or down the scale (a tenth of it, at least 1... as the scale's unit).
    mutating func step(_ direction: Double) {
        guard let p = currentProduct, let c = currentCriterion else { return }
        typed = ""
        let unit = max(0.5, ((c.scaleHigh - c.scaleLow) / 10).rounded())
        let current = score(p.id, c.key)?.score ?? (direction > 0 ? c.scaleLow - unit : c.scaleHigh + unit)
        set(current + direction * unit)
    }

    mutating func setNote(_ note: String) {
        guard let p = currentProduct, let c = currentCriterion else { return }
        if let i = draft.scores.firstIndex(where: { $0.product == p.id && $0.criterion == c.key }) {
            draft.scores[i].note = note.isEmpty ? nil : note
        }
    }

    mutating func move(product delta: Int) {
        typed = ""
        product = min(max(0, product + delta), max(0, products.count - 1))
    }

    mutating func move(criterion delta: Int) {
        typed = ""
        criterion = min(max(0, criterion + delta), max(0, criteria.count - 1))
    }

    // MARK: The file

    /// The evaluator's file as it will be written: the comment lines the file began with, then
    /// the fields, then one `[[score]]` per score in the order of products and criteria.
    public func fileText(submitted: Bool, today: TOMLDate) -> String {
        var out = ""
        if let savedText {
            for line in savedText.split(separator: "\n", omittingEmptySubsequences: false) {
                guard line.hasPrefix("#") else { break }
                out += line + "\n"
            }
        }
        let q = Quoting.toml
        out += "name = \(q(draft.name))\n"
        if !draft.role.isEmpty { out += "role = \(q(draft.role))\n" }
        out += "conflict_of_interest = \(q(draft.conflictOfInterest))\n"
        out += "date = \(today.text)\n"
        out += "submitted = \(submitted)\n"
        let productOrder = Dictionary(products.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let criterionOrder = Dictionary(criteria.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = draft.scores.sorted {
            let (a, b) = (productOrder[$0.product] ?? .max, productOrder[$1.product] ?? .max)
            return a != b ? a < b : (criterionOrder[$0.criterion] ?? .max) < (criterionOrder[$1.criterion] ?? .max)
        }
        // One table per product: `criterion = score`, or `{ score = 7, note = "..." }`.
        func key(_ k: String) -> String {
            !k.isEmpty && k.unicodeScalars.allSatisfy { SpecDecoder.isKeyScalar($0) || ($0 >= "A" && $0 <= "Z") }
                ? k : q(k)
        }
        var current: String?
        for s in sorted {
            if s.product != current {
                out += "\n[scores.\(key(s.product))]\n"
                current = s.product
            }
            let score = Format.literal(s.score)
            out += key(s.criterion) + " = " + (s.note.map { "{ score = \(score), note = \(q($0)) }" } ?? score) + "\n"
        }
        return out
    }

    /// What changed against the saved scores, for the audit log: `axon-body/fit` 6 -> 7.
    public func changes(submitted: Bool) -> [FieldChange] {
        var out: [FieldChange] = []
        for p in products {
            for c in criteria {
                let (was, now) = (savedScore(p.id, c.key), score(p.id, c.key))
                func text(_ s: EvaluatorScore?) -> String? {
                    s.map { Format.literal($0.score) + ($0.note.map { " (" + $0 + ")" } ?? "") }
                }
                if text(was) != text(now) {
                    out.append(FieldChange(field: p.id + "/" + c.key, old: text(was), new: text(now)))
                }
            }
        }
        if (saved?.submitted ?? false) != submitted {
            out.append(FieldChange(field: "submitted", old: String(saved?.submitted ?? false), new: String(submitted)))
        }
        return out
    }
}
