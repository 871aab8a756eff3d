import Evaluation
import TOML

/// The screens of the interface.
public enum Screen: String, Equatable, Sendable, CaseIterable {
    case ranking, detail, compare, weights, department, problems, help
    case sensitivity, chances, budget, timeline
    /// The product form: add, edit or duplicate a spec.
    case form
    /// The specs in vendors/retired/, to restore.
    case retired
    /// The must-haves panel: each rule on or off, its limit; the ranking below follows.
    case requirements
    /// What to ask each vendor next, largest effect first.
    case questions
    /// An evaluator scoring the judged criteria (blind to price when the profile says so).
    case scoring
}

/// A spec moved to vendors/retired/: not ranked, listed, restorable.
public struct RetiredSpec: Equatable, Sendable {
    public var path: String
    /// "Vendor Model" as the file says, or the file's name when it does not load.
    public var name: String
    /// When it was moved there (YYYY-MM-DD).
    public var retiredOn: String

    public init(path: String, name: String, retiredOn: String) {
        self.path = path
        self.name = name
        self.retiredOn = retiredOn
    }
}

/// A question or text field on the status line.
public enum Prompt: Equatable, Sendable {
    case filter
    /// CSV of this view, or the board report?
    case exportChoice
    case exportPath(String)
    case confirmOverwrite(String)
    case confirmSave
    /// The profile changed on disk since it was read: save the user's changes into it anyway?
    case confirmSaveOverChange
    /// Quit with weights or department figures not saved?
    case confirmQuit
    /// Retire this product (move its file to vendors/retired/)?
    case confirmRetire(path: String, name: String)
    /// A quote or source dated after the evaluation date arrived: move the evaluation to its
    /// date (the comparison is then as of that day), or keep it as hindsight?
    case confirmMoveEvaluation(to: TOMLDate, file: String)
    /// The name of a fund to add, as typed.
    case newFund(String)
    /// Remove the fund at this index of the profile's funding?
    case confirmRemoveFund(Int)
    /// Who is scoring (a file name in evaluations/, or a new evaluator's name), as typed.
    case evaluatorName(String)
    /// The note beside the selected score, as typed.
    case scoreNote(String)
    /// A new evaluator's conflict-of-interest statement, asked before the first save.
    case conflictStatement(String)
    /// Submit the scores (then the others' scores show)?
    case confirmSubmit
    /// The chair's consensus score and its reason (`6 the second mount fixes it`), as typed.
    case consensus(String)
}

/// The columns the ranking can be sorted by (each sorts best first).
/// What the ranking table is sorted by: a column of `Column.all` that has a sort
/// (`Column.sortable`, in the order `s` steps through them).
public typealias SortColumn = Column.ID

/// A department figure the lieutenant can change in the department panel.
public struct DepartmentField: Equatable, Sendable {
    public var figure: DepartmentFigure
    public var label: String
    public var step: Double { figure.step }
    public var minimum: Double { figure.limits.lowerBound }
    public var maximum: Double { figure.limits.upperBound }
    public var isMoney: Bool { figure.isMoney }
    /// Its key in the profile file.
    public var path: String { figure.key }
}

/// Requests the shell carries out; it answers each with an `Action`.
public enum Effect: Equatable, Sendable {
    /// Read the vendors folder again; answer `.loaded`.
    case reload
    /// Write `csv` to `path` atomically; unless `overwrite`, answer `.exportNeedsConfirmation`
    /// when the file exists. Answer `.exported` or `.failed`.
    case export(path: String, csv: String, overwrite: Bool)
    /// Apply `edits` to the profile file atomically; answer `.profileSaved` or `.failed`. Unless
    /// `force`, answer `.profileChangedOnDisk` when the file changed since it was last read.
    case saveProfile(path: String, edits: [ProfileEdit], force: Bool)
    /// Suspend the interface, open `path` in the user's editor, then reload.
    case openEditor(path: String)
    /// Move the spec at `path` into the folder's `retired/`; answer `.retired` or `.failed`.
    case retire(path: String)
    /// List the specs in the folder's `retired/`, newest first; answer `.retiredList`.
    case listRetired
    /// Move a retired spec back; answer `.restored` or `.failed`.
    case restore(retiredPath: String)
    /// Read the spec at `path` for the form; answer `.specRead` or `.failed`.
    case readSpec(path: String, purpose: FormState.Purpose)
    /// Write a spec from the form atomically. `expected` is the file as the form read it (a
    /// changed file is not overwritten); nil for a new file, which never replaces another (a
    /// free name is chosen). Answer `.specSaved` (the shell then reloads) or `.failed`.
    case saveSpec(path: String, text: String, expected: String?)
    /// Put the file saved last (the profile or a spec) back as it was; answer `.loaded` and a status.
    case undoSave
    /// Read the evaluator's file (`evaluations/ID.toml`) for the scoring screen; answer
    /// `.scoringOpened` (text nil when it does not exist yet).
    case openScoring(id: String, name: String?)
    /// Write an evaluator's file (only over the file as read: `expected`), logged in the audit
    /// log under the evaluator's name; answer `.evaluationSaved` (the shell then reloads) or `.failed`.
    case saveEvaluation(
        path: String, text: String, expected: String?, who: String, submitted: Bool, changes: [FieldChange])
    /// Record a consensus score in `evaluations/consensus.toml`, logged under the chair's name.
    case saveConsensus(score: ConsensusScore, who: String)
    case quit
}

/// Everything that can happen to the interface.
public enum Action: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case loaded(products: [Product], profile: Profile?, diagnostics: [Diagnostic])
    case exported(path: String, count: Int)
    case exportNeedsConfirmation(path: String)
    case profileSaved(path: String)
    /// The profile file changed on disk since it was read; the save waits for a yes.
    case profileChangedOnDisk(path: String)
    /// A spec was moved to `retiredPath` (the shell then reloads).
    case retired(name: String, retiredPath: String)
    case restored(name: String)
    case specRead(path: String, text: String, purpose: FormState.Purpose)
    case retiredList([RetiredSpec])
    /// The form's spec was written to `path` (the shell then reloads).
    case specSaved(path: String, created: Bool)
    /// Something did not happen, or happened only in part: said on the status line as a problem.
    case problem(String)
    /// Something was done: said on the status line.
    case done(String)
    /// `lineup score --as NAME`: the scoring screen alone, for this evaluator.
    case startScoring(name: String)
    /// The evaluator's file was read for scoring (nil: a new evaluator).
    case scoringOpened(id: String, name: String?, text: String?)
    /// The evaluator's file was written (the shell then reloads).
    case evaluationSaved(path: String, text: String, submitted: Bool)
}

/// The whole state of the interface: a value. `apply` is the only place it changes.
public struct AppState: Equatable, Sendable {
    public static let minimumWidth = 72
    public static let minimumHeight = 20
    public static let maximumMarked = 4

    public var vendorsFolder: String
    public var profilePath: String
    /// Today's date, from the shell's clock, for export file names.
    public var today: TOMLDate

    /// The profile as the file says.
    public internal(set) var savedProfile: Profile?
    /// The profile with the lieutenant's department changes.
    public internal(set) var profile: Profile?
    public internal(set) var products: [Product] = [] { didSet { listNames = ListName.of(products) } }
    /// How every list names each product in the room it has (`listName`), kept with the products.
    var listNames: [String: ListName] = [:]

    /// The product's name for a list `width` columns wide: what tells it apart stays visible.
    public func listName(_ p: Product, width: Int) -> String {
        (listNames[p.id] ?? ListName.of([p])[p.id]!).fitted(width)
    }
    public internal(set) var diagnostics: [Diagnostic] = []
    public internal(set) var weights: Weights
    public internal(set) var method: Method

    // Derived: recomputed when their inputs change.
    public internal(set) var assessments: [Assessment] = []
    public internal(set) var ranking: Ranking?
    /// The rows on screen: the ranking, filtered and sorted.
    public internal(set) var rows: [RankedProduct] = []
    /// The ranking the last `lineup rank` or export remembered, and what moved since.
    public internal(set) var history: RankingHistory?
    public internal(set) var changes: Changes?
    /// The simulation and sensitivity of the current ranking, computed when first shown.
    public internal(set) var simulation: Simulation.Result?
    public internal(set) var sensitivity: Sensitivity.Report?
    /// What to ask next, computed when first shown.
    public internal(set) var questions: Questions.Report?
    public var simulationOptions = Simulation.Options()

    public internal(set) var screen: Screen = .ranking
    /// Where Esc goes back to from help.
    public internal(set) var previousScreen: Screen = .ranking
    public internal(set) var cursor = 0
    public internal(set) var scroll = 0
    public internal(set) var detailScroll = 0
    public internal(set) var sort: SortColumn = .rank
    public internal(set) var filter = ""
    public internal(set) var prompt: Prompt?
    /// What the export being asked for writes.
    public internal(set) var exportKind = ExportKind.viewCSV
    public internal(set) var marked: [String] = []
    /// Quotes and sources after the evaluation date already offered as a new evaluation date
    /// (file and date): each is offered once.
    var offeredEvaluationMoves: Set<String> = []
    /// A save moves a date the folder's checks depend on (the evaluation date: which sources
    /// were knowable, which market purchases count): once saved, the folder is read again.
    var reloadAfterSave = false
    /// For each fund on screen, its index in the profile file (nil: added here, not saved yet);
    /// a saved index missing from it is a fund removed here.
    var fundOrigins: [Int?] = []
    public internal(set) var weightsCursor = 0
    public internal(set) var departmentCursor = 0
    public internal(set) var requirementsCursor = 0
    /// The status line; a new text is plain news unless `complain` set it.
    public internal(set) var status = "" { didSet { statusIsProblem = false } }
    /// The status line reports a problem (shown in the warning colour).
    public internal(set) var statusIsProblem = false
    /// The product form, while it is open.
    public internal(set) var form: FormState?
    /// The scoring screen's state, while it is open.
    public internal(set) var scoring: ScoringState?
    /// Opened by `lineup score --as NAME`: the scoring screen only (Esc and q leave Lineup).
    public var scoringOnly = false
    /// The save waiting for a new evaluator's conflict statement is a submission.
    var pendingSubmit = false

    /// The spec retired last in this session, for R.
    public internal(set) var lastRetired: String?
    /// The retired specs the R view lists, and its cursor.
    public internal(set) var retired: [RetiredSpec] = []
    public internal(set) var retiredCursor = 0
    public internal(set) var width: Int
    public internal(set) var height: Int

    public init(
        vendorsFolder: String, profilePath: String, today: TOMLDate, products: [Product], profile: Profile?,
        diagnostics: [Diagnostic], history: RankingHistory? = nil, width: Int = 80, height: Int = 24
    ) {
        self.history = history
        self.vendorsFolder = vendorsFolder
        self.profilePath = profilePath
        self.today = today
        self.width = width
        self.height = height
        weights = profile?.weights ?? .standard
        method = profile?.method ?? .weightedSum
        self.products = products
        listNames = ListName.of(products)
        self.diagnostics = diagnostics
        savedProfile = profile
        fundOrigins = profile.map { Array($0.funding.indices) } ?? []
        self.profile = profile
        recomputeAssessments()
        if profile == nil {
            status = "The department profile could not be loaded: see problems (p)."
        } else if !diagnostics.isEmpty {
            status = "\(brokenFileCount) file(s) could not be loaded; press p to see why."
        } else if let summary = changes?.summary {
            status = summary
        }
    }

    // MARK: - Derived values

    public var selected: RankedProduct? { rows.indices.contains(cursor) ? rows[cursor] : nil }
    public var brokenFileCount: Int { Set(diagnostics.filter { $0.severity == .error }.map(\.file)).count }
    public var problemCount: Int { diagnostics.count }
    public var tooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
    public var weightsChanged: Bool { savedProfile.map { $0.weights != weights || $0.method != method } ?? false }

    /// Rows of the list the cursor moves in, given the layout.
    public var listHeight: Int {
        let layout = Layout(self)
        return max(1, layout.tableRows)
    }

    mutating func recomputeAssessments() {
        if let profile {
            assessments = Assessment.assess(products, profile: profile)
        } else {
            assessments = []
        }
        recomputeRanking()
    }

    /// After a change of the must-haves only: the figures stand; rules and scores are redone.
    mutating func rejudge() {
        guard let profile, !assessments.isEmpty else { return recomputeAssessments() }
        assessments = Assessment.rejudge(assessments, profile: profile)
        recomputeRanking()
    }

    mutating func recomputeRanking() {
        if let profile {
            ranking = Ranking(assessments, weights: weights, method: method, evaluationDate: profile.evaluationDate)
        } else {
            ranking = nil
        }
        changes = ranking.flatMap { r in history.map { $0.changes(to: r) } }
        simulation = nil
        sensitivity = nil
        questions = nil
        refreshRows()
        computeAnalysesIfShown()
    }

    /// The simulation and sensitivity are computed only for the screens that show them.
    mutating func computeAnalysesIfShown() {
        guard let ranking else { return }
        // Keep a key press responsive with very many products: fewer draws, said on screen;
        // How sure and the questions use the same draws (the questions' base run is How sure's).
        var options = simulationOptions
        options.draws = min(options.draws, max(100, 3_000_000 / max(1, ranking.entries.count)))
        if screen == .questions && questions == nil, let profile {
            questions = Questions.analyse(products, profile: profile, ranking: ranking, options: options)
            if simulation == nil { simulation = questions?.simulation }
        }
        if screen == .chances && simulation == nil {
            simulation = Simulation.run(ranking, options: options)
        }
        if screen == .sensitivity && sensitivity == nil
            && (ranking.method == .weightedSum || ranking.entries.count <= 300)
        {
            sensitivity = Sensitivity.analyse(ranking)
        }
    }

    /// Filters and sorts the ranking into `rows`, keeping the cursor on the same product.
    mutating func refreshRows(keepSelection: String? = nil) {
        let keep = keepSelection ?? selected?.id
        // The ranked products, then those a must-have puts out, always below them.
        var list = (ranking?.entries ?? []) + (ranking?.failedEntries ?? [])
        if !filter.isEmpty {
            let needle = filter.lowercased()
            list = list.filter { e in
                let p = e.product
                // The fields people filter on: name, id, status, storage model, resolution, in-car
                // system, and the summary.
                return p.name.lowercased().contains(needle) || p.id.contains(needle)
                    || (p.summary?.lowercased().contains(needle) ?? false)
                    || (p.status?.rawValue.contains(needle) ?? false)
                    || (p.storageModel?.rawValue.contains(needle) ?? false)
                    || (p.resolution?.lowercased().contains(needle) ?? false)
                    || (p.inCarSystem?.lowercased().contains(needle) ?? false)
            }
        }
        if sort != .rank {
            let out = list.filter { $0.rank == 0 }
            list = Self.sorted(list.filter { $0.rank != 0 }, by: sort) + Self.sorted(out, by: sort)
        }
        rows = list
        if let keep, let i = rows.firstIndex(where: { $0.id == keep }) {
            cursor = i
        }
        clampCursor()
    }

    /// `list` sorted best first by `column`; equal values keep their rank order.
    static func sorted(_ list: [RankedProduct], by column: SortColumn) -> [RankedProduct] {
        switch Column.named(column).sort {
        case .byName?:
            let names = list.map(\.assessment.sortName)
            return list.indices.sorted { names[$0] != names[$1] ? names[$0] < names[$1] : $0 < $1 }.map { list[$0] }
        case .byNumber(let key)?:
            // One number per row, smaller first; computed once, not in every comparison, and on
            // both cores for a long list (the town's share of year one allocates the funds of
            // every row the first time: 97 ms at 10,000 products on one core).
            let keys: [Double]
            if list.count >= 2000 {
                let half = list.count / 2
                let parts = Parallel.map(2) { k in (k == 0 ? list[..<half] : list[half...]).map(key) }
                keys = parts[0] + parts[1]
            } else {
                keys = list.map(key)
            }
            return list.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { list[$0] }
        case nil:
            return list
        }
    }

    mutating func clampCursor() {
        if rows.isEmpty {
            cursor = 0
            scroll = 0
            return
        }
        cursor = min(max(0, cursor), rows.count - 1)
        let visible = listHeight
        if cursor < scroll { scroll = cursor }
        if cursor >= scroll + visible { scroll = cursor - visible + 1 }
        scroll = min(max(0, scroll), max(0, rows.count - visible))
    }

    // MARK: - Department figures

    public var departmentFields: [DepartmentField] {
        DepartmentFigure.all(in: profile).map { DepartmentField(figure: $0, label: $0.label(in: profile)) }
    }

    public static func value(of field: DepartmentField, in p: Profile) -> Double { field.figure.value(in: p) }

    static func setting(_ field: DepartmentField, to value: Double, in p: Profile) -> Profile {
        field.figure.setting(value, in: p)
    }

    /// The department figures that differ from the file, as edits to write: each changed key
    /// of a fund at its index in the file, a fund added here as a new table, one removed here
    /// taken out last (highest index first, so the others keep their places).
    public var departmentEdits: [ProfileEdit] {
        guard let saved = savedProfile, let profile else { return [] }
        var seen: Set<String> = []
        var edits: [ProfileEdit] = []
        func compare(_ now: DepartmentFigure, _ was: DepartmentFigure) {
            guard seen.insert(was.key).inserted else { return }
            let literal = now.fileLiteral(in: profile)
            guard literal != was.fileLiteral(in: saved) else { return }
            edits.append(literal.map { ProfileEdit(was.key, $0) } ?? .remove(was.key))
        }
        for figure in DepartmentFigure.fixed { compare(figure, figure) }
        let origins = fundOrigins.count == profile.funding.count ? fundOrigins : Array(profile.funding.indices)
        for (i, origin) in origins.enumerated() {
            guard let o = origin, o < saved.funding.count else {
                // A fund added here: its table whole.
                var lines = ["source = \(Quoting.toml(profile.funding[i].source))"]
                var written: Set<String> = []
                for figure in DepartmentFigure.fundFigures(i) {
                    // One line a key (a checklist is one pays_for list); a rule that says nothing, none.
                    let key = String(figure.key.split(separator: ".").last!)
                    guard written.insert(key).inserted, let literal = figure.fileLiteral(in: profile) else { continue }
                    lines.append("\(key) = \(literal)")
                }
                edits.append(.appendTable("funding", lines: lines))
                continue
            }
            for figure in DepartmentFigure.fundFigures(i) { compare(figure, figure.forFund(o)) }
            // A count of years and a date are one rule: setting one takes the other out.
            if profile.funding[i].until == nil, saved.funding[o].until != nil,
                seen.insert("funding[\(o)].until").inserted
            {
                edits.append(.remove("funding[\(o)].until"))
            }
            if profile.funding[i].years == nil, saved.funding[o].years != nil,
                seen.insert("funding[\(o)].years").inserted
            {
                edits.append(.remove("funding[\(o)].years"))
            }
        }
        let kept = Set(origins.compactMap { $0 })
        for o in saved.funding.indices.reversed() where !kept.contains(o) {
            edits.append(.removeTable("funding", index: o))
        }
        return edits
    }

    /// The must-haves that differ from the file, as edits to write.
    public var requirementEdits: [ProfileEdit] {
        guard let saved = savedProfile, let profile else { return [] }
        return Rule.allCases.compactMap { rule in
            let now = profile.requirements[rule]
            guard now != saved.requirements[rule] else { return nil }
            return ProfileEdit(
                "requirements." + rule.rawValue,
                rule.hasLimit ? Format.number(now, places: 6) : (now > 0 ? "true" : "false"))
        }
    }

    /// Everything changed here that a save writes: weights, method, department figures, must-haves.
    public var profileEdits: [ProfileEdit] { weightEdits + departmentEdits + requirementEdits }

    /// The weights and method, as edits to write.
    public var weightEdits: [ProfileEdit] {
        guard let saved = savedProfile else { return [] }
        var edits = weights.criteria.compactMap { c in
            weights[c] == saved.weights[c] ? nil : ProfileEdit("weights." + c.rawValue, number: weights[c])
        }
        if method != saved.method { edits.append(ProfileEdit("method", Quoting.toml(method.rawValue))) }
        return edits
    }
}

/// Where things go on the screen, from the state's size and screen.
public struct Layout: Equatable, Sendable {
    public var width: Int
    public var height: Int
    /// First row of the ranking table's header.
    public var tableTop: Int
    /// Rows of products the table shows.
    public var tableRows: Int
    /// Rows the panel above the table takes (weights, department).
    public var panelRows: Int

    public init(_ state: AppState) {
        width = state.width
        height = state.height
        // Row 0 title, row 1 summary; the last two rows are status and keys.
        let top = 2
        switch state.screen {
        case .weights: panelRows = state.weights.criteria.count + 3
        case .form, .retired, .questions: panelRows = 0
        case .requirements: panelRows = Rule.allCases.count + 2
        case .department: panelRows = min(state.departmentFields.count, max(3, state.height / 2 - 3)) + 2
        default: panelRows = 0
        }
        tableTop = top + panelRows
        tableRows = max(1, height - 2 - tableTop - 1)
        // When the list is longer than the room, its last row says how many more there are
        // (written over the column header, it once hid a title: "TB↓ 5 more").
        if state.rows.count > tableRows && tableRows > 1 {
            tableRows -= 1
            moreRow = true
        }
    }

    /// The row under the table says "↓ N more".
    public var moreRow = false
}
