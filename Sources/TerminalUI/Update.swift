import Evaluation
import TOML

extension AppState {
    /// Applies `action` and returns what the shell must do. The only place state changes.
    public mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
            clampCursor()
            return []
        case .key(let key):
            if case .mouse(let event, let x, let y) = key { return handleMouse(event, x: x, y: y) }
            if prompt != nil { return handlePrompt(key) }
            if screen == .form && !tooSmall { return handleForm(key) }
            if screen == .scoring && !tooSmall { return handleScoring(key) }
            guard let command = Commands.command(for: key, on: screen) else {
                if !tooSmall, case .character(let c) = key, c != " " {
                    status = "\(key.label): no such key here; ? lists the keys"
                }
                return []
            }
            return run(command.id)
        case .loaded(let newProducts, let newProfile, let newDiagnostics):
            reload(newProducts, newProfile, newDiagnostics)
            return []
        case .exported(let path, _):
            prompt = nil
            switch exportKind {
            // The state knows what its CSV holds (a comparison holds the compared products).
            case .viewCSV:
                status = "Exported \(exportWhat) (\(exportedProducts) product(s)) to \(Paths.fileFirst(path))"
            case .reportHTML, .reportMarkdown: status = "Wrote the board report to \(Paths.fileFirst(path))"
            }
            // The shell remembered this ranking; movements now count from it.
            if let ranking {
                history = RankingHistory(ranking)
                changes = history?.changes(to: ranking)
            }
            return []
        case .exportNeedsConfirmation(let path):
            prompt = .confirmOverwrite(path)
            return []
        case .retired(let name, let path):
            lastRetired = path
            status = "Retired \(SafeText.escaped(name)) to retired/; R lists retired specs"
            return []
        case .retiredList(let list):
            retired = list
            // The one retired last in this session first under the cursor, else the newest.
            retiredCursor = list.firstIndex { $0.path == lastRetired } ?? 0
            if screen != .retired { previousScreen = screen }
            screen = .retired
            status = list.isEmpty ? "No retired specs: X on a product moves its file to \(vendorsFolder)/retired/" : ""
            return []
        case .specRead(let path, let text, let purpose):
            openForm(purpose, path: path, text: text)
            return []
        case .specSaved(let path, let created):
            let name = SafeText.escaped(Paths.fileName(path))
            let id = String(Paths.fileName(path).dropLast(5))
            form = nil
            screen = .ranking
            // The shell has reloaded the folder: say whether the product is in the ranking now
            // (a spec with neither a price nor a status is kept but not ranked), and select it.
            var placement = "ranked"
            if ranking?.entry(id) == nil {
                if ranking?.failed.contains(where: { $0.id == id }) == true {
                    placement =
                        "out: it " + (ranking?.failed.first { $0.id == id }?.notRankedBecause ?? "fails a must-have")
                } else if let why = diagnostics.first(where: { Paths.fileName($0.file) == Paths.fileName(path) }) {
                    placement = why.kind == .notRanked ? why.message : "not ranked: " + why.message
                }
            }
            status = (created ? "Added \(name)" : "Saved \(name)") + "; \(placement) (U undoes)"
            refreshRows(keepSelection: id)
            return []
        case .restored(let name):
            lastRetired = nil
            if screen == .retired { screen = .ranking }
            status = "Restored \(SafeText.escaped(name))"
            return []
        case .profileChangedOnDisk:
            prompt = .confirmSaveOverChange
            return []
        case .profileSaved(let path):
            if var saved = profile {
                saved.weights = weights
                saved.method = method
                savedProfile = saved
                fundOrigins = Array(saved.funding.indices)
            }
            status = "Saved \(Paths.fileFirst(path)) (its comments were kept)"
            if reloadAfterSave {
                reloadAfterSave = false
                return [.reload]
            }
            return []
        case .problem(let message):
            prompt = nil
            complain(message)
            return []
        case .done(let message):
            prompt = nil
            status = message
            return []
        case .startScoring(let name):
            scoringOnly = true
            return startScoring(as: name)
        case .scoringOpened(let id, let name, let text):
            scoringOpened(id: id, name: name, text: text)
            return []
        case .evaluationSaved(let path, let text, let submitted):
            evaluationSaved(path: path, text: text, submitted: submitted)
            return []
        }
    }

    // MARK: - Commands

    mutating func run(_ id: CommandID) -> [Effect] {
        if tooSmall && id != .quit && id != .back { return [] }
        status = ""
        switch id {
        case .moveUp: move(by: -1)
        case .moveDown: move(by: 1)
        case .pageUp: move(by: -pageSize)
        case .pageDown: move(by: pageSize)
        case .top: move(by: -1_000_000_000)
        case .bottom: move(by: 1_000_000_000)
        case .openDetail:
            guard selected != nil else {
                status = "No product selected."
                return []
            }
            screen = .detail
            detailScroll = 0
        case .undoSave:
            return [.undoSave]
        case .addProduct:
            openForm(.add, path: nil, text: nil)
        case .editProduct, .duplicateProduct:
            guard let e = selected else {
                status = "No product selected."
                return []
            }
            return [.readSpec(path: e.product.file, purpose: id == .editProduct ? .edit : .duplicate)]
        case .formNext, .formPrevious, .formEnter, .formSave, .formClear, .formCancel, .formErase, .formLeft,
            .formRight, .formHome,
            .formEnd, .formDeleteForward:
            return []
        case .retire:
            guard let e = selected else {
                status = "No product selected."
                return []
            }
            prompt = .confirmRetire(path: e.product.file, name: e.product.name)
        case .restoreRetired:
            return [.listRetired]
        case .restoreSelected:
            guard retired.indices.contains(retiredCursor) else {
                status = "Nothing to restore"
                return []
            }
            return [.restore(retiredPath: retired[retiredCursor].path)]
        case .openSpec:
            guard let e = selected else {
                status = "No product selected."
                return []
            }
            return [.openEditor(path: e.product.file)]
        case .back:
            return back()
        case .quit:
            switch screen {
            case .ranking:
                // Unsaved weights or department figures: ask before they are lost.
                if !profileEdits.isEmpty {
                    prompt = .confirmQuit
                    return []
                }
                return [.quit]
            default: return back()
            }
        case .help:
            if screen != .help { previousScreen = screen }
            screen = .help
            detailScroll = 0
        case .reload:
            status = "Reloading \(vendorsFolder)…"
            return [.reload]
        case .problems:
            if screen != .problems { previousScreen = screen == .help ? previousScreen : screen }
            screen = .problems
            detailScroll = 0
        case .weightsPanel:
            screen = screen == .weights ? .ranking : .weights
        case .requirementsPanel:
            guard profile != nil else {
                status = "No department profile loaded; press p to see why."
                return []
            }
            screen = screen == .requirements ? .ranking : .requirements
        case .toggleRule:
            toggleRule()
        case .departmentPanel:
            guard profile != nil else {
                status = "No department profile loaded; press p to see why."
                return []
            }
            screen = screen == .department ? .ranking : .department
        case .export:
            guard ranking != nil else {
                status = "Nothing to export: the department profile did not load."
                return []
            }
            prompt = .exportChoice
        case .toggleMark:
            guard let id = selected?.id else { return [] }
            if let i = marked.firstIndex(of: id) {
                marked.remove(at: i)
            } else if marked.count >= Self.maximumMarked {
                status = "At most \(Self.maximumMarked) products can be compared; unmark one first."
            } else {
                marked.append(id)
            }
            if status.isEmpty {
                status = "\(marked.count) marked for comparison" + (marked.count >= 2 ? "; press c to compare" : "")
            }
        case .compare:
            guard marked.count >= 2 else {
                status = "Mark 2 to \(Self.maximumMarked) products with Space to compare them (\(marked.count) marked)."
                return []
            }
            screen = .compare
            detailScroll = 0
        case .sortNext, .sortPrevious:
            let all = Column.sortable
            let step = id == .sortNext ? 1 : all.count - 1
            sort = all[((all.firstIndex(of: sort) ?? 0) + step) % all.count]
            refreshRows()
            status = sortStatus(back: "S goes back")
        case .filter:
            prompt = .filter
        case .toggleMethod:
            method = method == .weightedSum ? .topsis : .weightedSum
            recomputeRanking()
            status = "Method: \(method.label)"
        case .increase: adjustPanel(by: 1, fine: false)
        case .decrease: adjustPanel(by: -1, fine: false)
        case .increaseFine: adjustPanel(by: 1, fine: true)
        case .decreaseFine: adjustPanel(by: -1, fine: true)
        case .resetPanel:
            if screen == .weights, let saved = savedProfile {
                weights = saved.weights
                method = saved.method
                recomputeRanking()
                status = "Weights and method reset to the profile's"
            } else if screen == .requirements, let saved = savedProfile, var p = profile {
                p.requirements = saved.requirements
                profile = p
                rejudge()
                status = "Must-haves reset to the profile's"
            } else if screen == .department, let saved = savedProfile {
                var p = saved.with(weights: weights, method: method)
                p.requirements = profile?.requirements ?? saved.requirements
                profile = p
                fundOrigins = Array(saved.funding.indices)
                recomputeAssessments()
                status = "Department figures reset to the profile's"
            }
        case .addFund:
            guard profile != nil else { return [] }
            prompt = .newFund("")
        case .removeFund:
            guard let p = profile, departmentFields.indices.contains(departmentCursor),
                let i = departmentFields[departmentCursor].figure.fund, i < p.funding.count
            else {
                status = "Select a fund's amount or rules to remove it"
                return []
            }
            prompt = .confirmRemoveFund(i)
        case .savePanel:
            let count = profileEdits.count
            guard count > 0 else {
                status = "Nothing to save: the figures match the profile file."
                return []
            }
            prompt = .confirmSave
        case .sensitivityView, .chancesView, .budgetView, .timelineView, .questionsView:
            let target: Screen = [
                .sensitivityView: .sensitivity, .chancesView: .chances, .budgetView: .budget, .timelineView: .timeline,
                .questionsView: .questions,
            ][id]!
            screen = screen == target ? .ranking : target
            detailScroll = 0
            computeAnalysesIfShown()
        case .openScoring:
            return startScoring(as: nil)
        case .scoreDigit, .clearScore, .scoreNote, .saveScores, .submitScores, .recordConsensus:
            return []
        case .nextProduct, .previousProduct:
            guard !rows.isEmpty else { return [] }
            cursor = min(max(0, cursor + (id == .nextProduct ? 1 : -1)), rows.count - 1)
            detailScroll = 0
            clampCursor()
        }
        return []
    }

    /// Says `text` on the status line as a problem.
    mutating func complain(_ text: String) {
        status = text
        statusIsProblem = true
    }

    func sortStatus(back: String) -> String {
        switch sort {
        case .rank: return "Sorted by rank"
        case .product: return "Sorted by product name, A to Z (\(back))"
        default: return "Sorted by \(Column.named(sort).sortLabel), best first (\(back))"
        }
    }

    var pageSize: Int {
        switch screen {
        case .ranking, .weights, .department, .requirements: return max(1, listHeight - 1)
        default: return max(1, height - 5)
        }
    }

    mutating func move(by delta: Int) {
        switch screen {
        case .ranking:
            guard !rows.isEmpty else { return }
            cursor = min(max(0, cursor + delta), rows.count - 1)
            clampCursor()
        case .detail:
            scrollDetail(by: delta)
        case .weights:
            weightsCursor = min(max(0, weightsCursor + delta), weights.criteria.count)
        case .department:
            departmentCursor = min(max(0, departmentCursor + delta), departmentFields.count - 1)
        case .requirements:
            requirementsCursor = min(max(0, requirementsCursor + delta), Rule.allCases.count - 1)
        case .problems, .help, .compare, .sensitivity, .chances, .budget, .timeline, .questions:
            scrollDetail(by: delta)
        case .form, .scoring: break
        case .retired:
            retiredCursor = min(max(0, retiredCursor + delta), max(0, retired.count - 1))
        }
    }

    /// Scrolls a text view, never past its last page: after End, Up moves at once.
    mutating func scrollDetail(by delta: Int) {
        detailScroll = max(0, min(detailScroll + delta, pageMaxScroll))
    }

    /// How far the current text view can scroll.
    var pageMaxScroll: Int {
        switch screen {
        case .detail: return Page.maxScroll(DetailView.lines(self).count, self)
        case .problems: return Page.maxScroll(ProblemsView.lines(self).count, self)
        case .help: return Page.maxScroll(HelpView.lines(width: width).count, self)
        case .sensitivity: return Page.maxScroll(SensitivityView.lines(self).count, self)
        case .chances: return Page.maxScroll(ChancesView.lines(self).count, self)
        case .budget: return Page.maxScroll(BudgetView.lines(self).count, self)
        case .timeline: return Page.maxScroll(TimelineView.lines(self).count, self)
        case .questions: return Page.maxScroll(QuestionsView.lines(self).count, self)
        case .compare: return CompareView.maxScroll(self)
        case .ranking, .weights, .department, .form, .retired, .requirements, .scoring: return 0
        }
    }

    mutating func back() -> [Effect] {
        switch screen {
        case .ranking:
            if !filter.isEmpty {
                filter = ""
                refreshRows()
                status = "Filter cleared"
            } else if !marked.isEmpty {
                marked = []
                status = "Marks cleared"
            }
        case .help:
            screen =
                previousScreen == .help || (previousScreen == .scoring && scoring == nil) ? .ranking : previousScreen
        case .problems: screen = previousScreen == .problems || previousScreen == .help ? .ranking : previousScreen
        default: screen = .ranking
        }
        clampCursor()
        return []
    }

    mutating func adjustPanel(by direction: Double, fine: Bool) {
        if screen == .weights {
            if weightsCursor == weights.criteria.count {
                method = method == .weightedSum ? .topsis : .weightedSum
                recomputeRanking()
                status = "Method: \(method.label)"
                return
            }
            let c = weights.criteria[weightsCursor]
            let step = fine ? 1.0 : 5.0
            var w = weights
            w[c] = max(0, (w[c] + direction * step).rounded())
            guard w.total > 0 else {
                status = "At least one weight must stay above 0."
                return
            }
            let leader = ranking?.entries.first?.id
            weights = w
            recomputeRanking()
            let now = ranking?.entries.first
            status = "\(c.label) weight \(Format.number(w[c])) (\(Format.fixed(w.share(c) * 100, 1))%)"
            if let now, now.id != leader { status += "; new #1: " + now.product.name }
        } else if screen == .requirements, var p = profile {
            let rule = Rule.allCases[requirementsCursor]
            guard rule.hasLimit else {
                toggleRule()
                return
            }
            let now = p.requirements[rule]
            let next =
                now == 0 && direction > 0 ? rule.defaultLimit : min(rule.maximum, max(0, now + direction * rule.step))
            p.requirements[rule] = next
            profile = p
            rejudge()
            status = requirementStatus(rule)
        } else if screen == .department, let p = profile {
            let fields = departmentFields
            guard fields.indices.contains(departmentCursor) else { return }
            let f = fields[departmentCursor]
            let value = AppState.value(of: f, in: p) + direction * f.step
            profile = AppState.setting(f, to: value, in: p)
            recomputeAssessments()
            let shown = f.figure.text(AppState.value(of: f, in: profile!))
            status =
                "\(f.label): \(shown)"
                + (f.figure == .evaluationDate
                    ? "; s saves it, and sources and market figures are then checked against it" : "")
        }
    }

    /// Turns the selected must-have on or off (a rule with a limit: to its usual limit, or 0).
    mutating func toggleRule() {
        guard var p = profile else { return }
        let rule = Rule.allCases[requirementsCursor]
        let on = p.requirements.isOn(rule)
        p.requirements[rule] =
            on
            ? 0
            : (rule.hasLimit
                ? (savedProfile.map { $0.requirements[rule] }.flatMap { $0 > 0 ? $0 : nil } ?? rule.defaultLimit) : 1)
        profile = p
        rejudge()
        status = requirementStatus(rule)
    }

    /// "Must-have on: available by the need-by date; 1 out, 2 unverified".
    func requirementStatus(_ rule: Rule) -> String {
        guard let p = profile else { return "" }
        let on = p.requirements.isOn(rule)
        var text = "Must-have \(on ? "on" : "off"): \(rule.label(on ? p.requirements[rule] : rule.defaultLimit))"
        if on {
            let all = (ranking?.entries.map(\.assessment) ?? []) + (ranking?.failed ?? [])
            let results = all.compactMap { a in a.requirements.first { $0.rule == rule } }
            text +=
                "; \(results.filter { $0.outcome == .fails }.count) out, \(results.filter { $0.outcome == .unverified }.count) unverified"
        }
        return text
    }

    // MARK: - Prompts

    mutating func handlePrompt(_ key: Key) -> [Effect] {
        guard let current = prompt else { return [] }
        let answer = Commands.answer(for: key, to: PromptKind(current))
        switch current {
        case .filter:
            switch answer {
            case .accept?:
                prompt = nil
                status = filter.isEmpty ? "" : "\(rows.count) product(s) match \"\(filter)\"; Esc clears"
            case .cancel?:
                prompt = nil
                filter = ""
                refreshRows()
            case .erase?:
                if !filter.isEmpty { filter.removeLast() }
                refreshRows()
            case .clear?:
                filter = ""
                refreshRows()
            default:
                if case .character(let c) = key, filter.count < 60 {
                    filter.append(c)
                    refreshRows()
                }
            }
        case .exportChoice:
            switch answer {
            case .csv?, .html?, .markdown?:
                exportKind = answer == .csv ? .viewCSV : answer == .html ? .reportHTML : .reportMarkdown
                prompt = .exportPath(defaultExportName(exportKind))
            case .cancel?:
                prompt = nil
                status = "Export cancelled"
            default: break
            }
        case .exportPath(var path):
            switch answer {
            case .accept?:
                let trimmed = String(path.trimmingSpaces)
                guard !trimmed.isEmpty else {
                    status = "Give a file name, or Esc to cancel."
                    return []
                }
                prompt = nil
                return [.export(path: trimmed, csv: exportText(exportKind), overwrite: false)]
            case .cancel?:
                prompt = nil
                status = "Export cancelled"
            default:
                if Self.edit(&path, answer: answer, key: key, limit: 250) { prompt = .exportPath(path) }
            }
        case .confirmOverwrite(let path):
            switch answer {
            case .yes?:
                prompt = nil
                return [.export(path: path, csv: exportText(exportKind), overwrite: true)]
            case .no?:
                prompt = .exportPath(path)
                status = "Not overwritten; choose another name or Esc"
            default: break
            }
        case .confirmRetire(let path, _):
            switch answer {
            case .yes?:
                prompt = nil
                return [.retire(path: path)]
            case .no?:
                prompt = nil
                status = "Not retired"
            default: break
            }
        case .evaluatorName, .scoreNote, .conflictStatement, .confirmSubmit, .consensus:
            return handleScoringPrompt(current, key: key, answer: answer)
        case .confirmQuit where screen == .scoring:
            switch answer {
            case .yes?:
                prompt = nil
                return leaveScoring()
            case .saveFirst?:
                prompt = nil
                return saveScores(submitted: scoring?.saved?.submitted ?? false)
            case .no?:
                prompt = nil
                status = "Not left: s saves your scores"
            default: break
            }
        case .confirmQuit:
            switch answer {
            case .yes?:
                prompt = nil
                return [.quit]
            case .saveFirst?:
                prompt = nil
                return saveProfile(profileEdits)
            case .no?:
                prompt = nil
                status = "Not quit; w or d shows the changes, s in either saves them"
            default: break
            }
        case .confirmSave:
            switch answer {
            case .yes?:
                prompt = nil
                return saveProfile(profileEdits)
            case .no?:
                prompt = nil
                status = "Not saved"
            default: break
            }
        case .newFund(var name):
            switch answer {
            case .accept?:
                let trimmed = String(name.trimmingSpaces)
                guard !trimmed.isEmpty, var p = profile else {
                    status = "Give the fund's name, or Esc to cancel."
                    return []
                }
                prompt = nil
                p.funding.append(FundingSource(source: trimmed, amount: 0))
                profile = p
                fundOrigins.append(nil)
                recomputeAssessments()
                departmentCursor = departmentFields.firstIndex { $0.figure == .fundAmount(p.funding.count - 1) } ?? 0
                status = "Added \(SafeText.escaped(trimmed)): set its amount (←→) and its rules below it; s saves"
            case .cancel?:
                prompt = nil
                status = "No fund added"
            default:
                if Self.edit(&name, answer: answer, key: key, limit: 200) { prompt = .newFund(name) }
            }
        case .confirmRemoveFund(let i):
            switch answer {
            case .yes?:
                prompt = nil
                guard var p = profile, i < p.funding.count else { return [] }
                let name = p.funding.remove(at: i).source
                profile = p
                if i < fundOrigins.count { fundOrigins.remove(at: i) }
                recomputeAssessments()
                departmentCursor = min(departmentCursor, departmentFields.count - 1)
                status = "Removed \(SafeText.escaped(name)) (s saves; x brings it back)"
            case .no?:
                prompt = nil
                status = "Not removed"
            default: break
            }
        case .confirmMoveEvaluation(let date, _):
            switch answer {
            case .yes?:
                prompt = nil
                status = "Evaluation moved to \(date.text): the comparison is now as of that day"
                return saveProfile([ProfileEdit(DepartmentFigure.evaluationDate.key, date.text)])
            case .no?:
                prompt = nil
                status =
                    "Kept as hindsight: the evaluation stays as of \(profile?.evaluationDate.text ?? "its date") (p lists the warning)"
            default: break
            }
        case .confirmSaveOverChange:
            switch answer {
            case .yes?:
                prompt = nil
                // Only the figures changed here are written; the other edit on disk stays.
                return [.saveProfile(path: profilePath, edits: profileEdits, force: true)]
            case .no?:
                prompt = nil
                status = "Not saved; the file on disk is unchanged (r reloads it)"
            default: break
            }
        }
        return []
    }

    // MARK: - Reload

    mutating func reload(_ newProducts: [Product], _ newProfile: Profile?, _ newDiagnostics: [Diagnostic]) {
        // The scoring screen sees the others' scores only once its evaluator has submitted.
        defer {
            if var s = scoring, let committee = profile?.committee {
                s.refreshOthers(committee)
                scoring = s
            }
        }
        // Not uniqueKeysWithValues: two files may have ids that are equal to Swift (NFC/NFD).
        let old = Dictionary(products.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(newProducts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let added = newProducts.filter { old[$0.id] == nil }
        // A product whose file is still there but now has errors did not go away: it no longer
        // loads (a half-saved or mistyped file), and the user must hear that, not "removed".
        let brokenNow = Set(newDiagnostics.filter { $0.severity == .error }.map(\.file))
        let gone = products.filter { new[$0.id] == nil }
        let removed = gone.filter { !brokenNow.contains($0.file) }
        let failing = gone.filter { brokenNow.contains($0.file) }
        // A file that loads again after its last good version was kept has changed back.
        let changed = newProducts.filter { p in old[p.id].map { $0 != p } ?? false }
        let brokenBefore = brokenFileCount
        // What the user changed here, against the file as last read: only these survive the
        // reload, so a save never writes back figures someone else changed on disk meanwhile.
        let userWeights = savedProfile.map { s in weights.criteria.filter { weights[$0] != s.weights[$0] } } ?? []
        let userMethod = savedProfile.map { method != $0.method } ?? false
        let pendingDepartment = departmentEdits
        let pendingRequirements = requirementEdits.isEmpty ? nil : profile?.requirements
        let current = profile
        // A file that stopped loading keeps its last good version in the ranking, marked ↺,
        // until it loads again: a writer that pauses mid-file, or a typo being fixed, must not
        // make a product vanish (and come back) under the user's eyes.
        products =
            newProducts
            + failing.map { p in
                var kept = p
                kept.isLastGoodVersion = true
                return kept
            }
        diagnostics = newDiagnostics
        let profileChanged = newProfile != savedProfile
        // Only the committee's files changed (they are read with the profile)?
        var withOldCommittee = newProfile
        withOldCommittee?.committee = savedProfile?.committee
        let onlyCommittee = newProfile != nil && withOldCommittee == savedProfile
        savedProfile = newProfile
        if var p = newProfile {
            // Unsaved department changes survive a reload.
            if let current {
                for f in departmentFields where pendingDepartment.contains(where: { $0.path == f.figure.key }) {
                    p = AppState.setting(f, to: AppState.value(of: f, in: current), in: p)
                }
            }
            if let pendingRequirements { p.requirements = pendingRequirements }
            profile = p
            // Funds added or removed here and not saved do not survive a reload of the file.
            fundOrigins = Array(p.funding.indices)
            var w = p.weights
            for c in userWeights { w[c] = weights[c] }
            weights = w
            if !userMethod { method = p.method }
        } else {
            profile = nil
        }
        let shown = Set(products.map(\.id))
        marked = marked.filter { shown.contains($0) }
        recomputeAssessments()

        var parts: [String] = []
        func names(_ list: [Product]) -> String {
            let shown = list.prefix(3).map(\.name).joined(separator: ", ")
            return list.count > 3 ? shown + ", …" : shown
        }
        if !added.isEmpty { parts.append("\(added.count) new: " + names(added)) }
        // Said once, when a file stops loading; a kept version still failing is not news.
        let newlyFailing = failing.filter { !$0.isLastGoodVersion }
        if !newlyFailing.isEmpty {
            parts.append(
                "\(newlyFailing.count) no longer load: " + names(newlyFailing)
                    + " (↺ last good version kept; p shows why)")
        }
        if !removed.isEmpty { parts.append("\(removed.count) removed: " + names(removed)) }
        if !changed.isEmpty { parts.append("\(changed.count) changed: " + names(changed)) }
        if profileChanged {
            parts.append(
                newProfile == nil
                    ? "the profile failed to load"
                    : onlyCommittee ? "the committee's scores changed" : "profile changed")
        }
        if brokenFileCount > 0 {
            parts.append("\(brokenFileCount) file(s) with errors (p)")
        } else if brokenBefore > 0 {
            parts.append("no more files with errors")
        }
        status = parts.isEmpty ? "Reloaded: nothing changed" : "Reloaded: " + parts.joined(separator: "; ")
        offerEvaluationMove()
    }

    /// Typing into a question's text (a file name, a fund's name): erase, clear, or a character
    /// up to `limit`; true when the text changed.
    static func edit(_ text: inout String, answer: Answer?, key: Key, limit: Int) -> Bool {
        switch answer {
        case .erase?:
            guard !text.isEmpty else { return false }
            text.removeLast()
        case .clear?: text = ""
        default:
            guard case .character(let c) = key, text.count < limit else { return false }
            text.append(c)
        }
        return true
    }

    /// Saves `edits` to the profile. Moving the evaluation date changes which sources were
    /// knowable and which market purchases count, so once saved the folder is read again.
    mutating func saveProfile(_ edits: [ProfileEdit]) -> [Effect] {
        reloadAfterSave = edits.contains { $0.path == DepartmentFigure.evaluationDate.key }
        return [.saveProfile(path: profilePath, edits: edits, force: false)]
    }

    /// A quote or source newer than the evaluation date has arrived: offer once, with one key,
    /// to move the evaluation to its date (the latest such date of those not yet offered).
    mutating func offerEvaluationMove() {
        guard prompt == nil, let e = profile?.evaluationDate else { return }
        let late = diagnostics.filter { $0.kind == .afterEvaluation }.compactMap { d -> (String, TOMLDate)? in
            guard let date = d.date, date.daysSinceEpoch > e.daysSinceEpoch else { return nil }
            return (d.file, date)
        }
        let new = late.filter { !offeredEvaluationMoves.contains($0.0 + " " + $0.1.text) }
        for (file, date) in new { offeredEvaluationMoves.insert(file + " " + date.text) }
        guard let latest = new.max(by: { $0.1.daysSinceEpoch < $1.1.daysSinceEpoch }) else { return }
        // A date the need-by date does not allow (on or after it) cannot be the evaluation's.
        guard let needBy = profile?.needBy, latest.1.daysSinceEpoch < needBy.daysSinceEpoch else { return }
        prompt = .confirmMoveEvaluation(to: latest.1, file: latest.0)
    }
}

extension Profile {
    func with(weights: Weights, method: Method) -> Profile {
        var p = self
        p.weights = weights
        p.method = method
        return p
    }
}
