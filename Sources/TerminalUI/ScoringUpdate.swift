import Evaluation
import TOML

/// The scoring screen's keys, prompts and answers.
extension AppState {
    /// The evaluator id a typed name stands for: an evaluator's file name or name, else the
    /// name made a file name (`Sgt. Ann Lee` -> `sgt-ann-lee`).
    public static func evaluatorID(for typed: String, committee: Committee?) -> String {
        let t = String(typed.trimmingSpaces)
        if let e = committee?.evaluators.first(where: { $0.id == t || $0.name.lowercased() == t.lowercased() }) {
            return e.id
        }
        var id = ""
        for u in t.lowercased().unicodeScalars {
            if (u >= "a" && u <= "z") || (u >= "0" && u <= "9") {
                id.unicodeScalars.append(u)
            } else if !id.isEmpty && !id.hasSuffix("-") {
                id += "-"
            }
        }
        while id.hasSuffix("-") { id.removeLast() }
        return String(id.prefix(60))
    }

    /// Asks who is scoring (the `J` key), or opens the scoring for `name` directly.
    mutating func startScoring(as name: String?) -> [Effect] {
        guard let committee = profile?.committee else {
            status = "No judged criteria: the profile has no [committee] (see the README, 'The committee')."
            return []
        }
        guard let name else {
            prompt = .evaluatorName("")
            return []
        }
        let id = Self.evaluatorID(for: name, committee: committee)
        guard !id.isEmpty, id + ".toml" != SpecDecoder.consensusName else {
            complain("Give an evaluator's name (letters or digits), or Esc")
            return []
        }
        return [.openScoring(id: id, name: String(name.trimmingSpaces))]
    }

    /// The evaluator's file has been read: the scoring screen opens on the first product.
    mutating func scoringOpened(id: String, name: String?, text: String?) {
        guard let committee = profile?.committee else { return }
        let shown = committee.evaluator(id) == nil ? name : nil
        scoring = ScoringState(
            evaluatorID: id, folder: vendorsFolder, text: text, committee: committee, products: products, today: today,
            displayName: shown)
        if screen != .scoring { previousScreen = screen }
        screen = .scoring
        let who = SafeText.escaped(scoring!.draft.name)
        status =
            text == nil
            ? "New evaluator \(who): score with 0-9, then s saves (you declare any conflict of interest first)"
            : scoring!.saved?.submitted == true
                ? "Scoring as \(who) (submitted: the others' scores show beside yours)"
                : "Scoring as \(who): 0-9 scores, n adds a note, s saves, S submits"
    }

    /// A key on the scoring screen.
    mutating func handleScoring(_ key: Key) -> [Effect] {
        guard var s = scoring else {
            screen = .ranking
            return []
        }
        guard let command = Commands.command(for: key, on: .scoring) else {
            if case .character(let c) = key, c != " " { status = "\(key.label): no such key here; ? lists the keys" }
            return []
        }
        status = ""
        switch command.id {
        case .moveUp: s.move(criterion: -1)
        case .moveDown: s.move(criterion: 1)
        case .previousProduct: s.move(product: -1)
        case .nextProduct: s.move(product: 1)
        case .scoreDigit:
            if case .character(let c) = key, let d = c.wholeNumberValue { s.typeDigit(d) }
        case .increase: s.step(1)
        case .decrease: s.step(-1)
        case .clearScore:
            s.typed = ""
            s.set(nil)
        case .scoreNote:
            guard let p = s.currentProduct, let c = s.currentCriterion, let score = s.score(p.id, c.key) else {
                status = "Score it first (0-9), then n adds a note"
                scoring = s
                return []
            }
            prompt = .scoreNote(score.note ?? "")
        case .saveScores, .submitScores:
            scoring = s
            if s.draft.conflictOfInterest.trimmingSpaces.isEmpty {
                prompt = .conflictStatement("")
                pendingSubmit = command.id == .submitScores
                return []
            }
            if command.id == .submitScores {
                prompt = .confirmSubmit
                return []
            }
            return saveScores(submitted: s.saved?.submitted ?? false)
        case .recordConsensus:
            guard s.isChair else {
                status =
                    "Only the chair (\(SafeText.escaped(profile?.committee?.chair ?? "none named"))) records consensus scores"
                scoring = s
                return []
            }
            prompt = .consensus("")
        case .help:
            previousScreen = .scoring
            screen = .help
            detailScroll = 0
        case .quit, .back:
            scoring = s
            if s.changed {
                prompt = .confirmQuit
                return []
            }
            return leaveScoring()
        default: break
        }
        scoring = s
        return []
    }

    mutating func leaveScoring() -> [Effect] {
        if scoringOnly { return [.quit] }
        scoring = nil
        screen = .ranking
        return []
    }

    /// Writes the evaluator's file (submitted or not).
    mutating func saveScores(submitted: Bool) -> [Effect] {
        guard let s = scoring else { return [] }
        let text = s.fileText(submitted: submitted, today: today)
        return [
            .saveEvaluation(
                path: s.path, text: text, expected: s.savedText, who: s.draft.name, submitted: submitted,
                changes: s.changes(submitted: submitted))
        ]
    }

    /// The file is written; the shell reloads next.
    mutating func evaluationSaved(path: String, text: String, submitted: Bool) {
        guard var s = scoring, let committee = profile?.committee else { return }
        s.reloaded(text: text, committee: committee, products: products)
        scoring = s
        status =
            submitted
            ? "Submitted: your scores count in the ranking; the others' scores now show beside yours"
            : "Saved \(SafeText.escaped(Paths.fileName(path))) (not submitted: S submits)"
    }

    /// The answers to the scoring screen's questions.
    mutating func handleScoringPrompt(_ current: Prompt, key: Key, answer: Answer?) -> [Effect] {
        switch current {
        case .evaluatorName(var name):
            switch answer {
            case .accept?:
                prompt = nil
                return startScoring(as: name)
            case .cancel?: prompt = nil
            default: if Self.edit(&name, answer: answer, key: key, limit: 100) { prompt = .evaluatorName(name) }
            }
        case .scoreNote(var note):
            switch answer {
            case .accept?:
                prompt = nil
                scoring?.setNote(String(note.trimmingSpaces))
            case .cancel?: prompt = nil
            default: if Self.edit(&note, answer: answer, key: key, limit: 500) { prompt = .scoreNote(note) }
            }
        case .conflictStatement(var text):
            switch answer {
            case .accept?:
                let trimmed = String(text.trimmingSpaces)
                guard !trimmed.isEmpty else {
                    status = "Declare any conflict of interest (or write: none), or Esc"
                    return []
                }
                prompt = nil
                scoring?.draft.conflictOfInterest = trimmed
                if pendingSubmit {
                    prompt = .confirmSubmit
                    return []
                }
                return saveScores(submitted: false)
            case .cancel?:
                prompt = nil
                status = "Not saved: an evaluator's file needs a conflict-of-interest statement"
            default:
                if Self.edit(&text, answer: answer, key: key, limit: 500) { prompt = .conflictStatement(text) }
            }
        case .confirmSubmit:
            switch answer {
            case .yes?:
                prompt = nil
                return saveScores(submitted: true)
            case .no?:
                prompt = nil
                status = "Not submitted"
            default: break
            }
        case .consensus(var text):
            switch answer {
            case .accept?:
                guard let s = scoring, let p = s.currentProduct, let c = s.currentCriterion else { return [] }
                let parts = text.trimmingSpaces.split(separator: " ", maxSplits: 1)
                guard let first = parts.first, let score = Double(first), score >= c.scaleLow, score <= c.scaleHigh,
                    parts.count == 2, !String(parts[1]).trimmingSpaces.isEmpty
                else {
                    status = "Type the score on the scale \(c.scaleText), a space, then the reason"
                    return []
                }
                prompt = nil
                return [
                    .saveConsensus(
                        score: ConsensusScore(
                            product: p.id, criterion: c.key, score: score,
                            reason: String(String(parts[1]).trimmingSpaces)),
                        who: s.draft.name)
                ]
            case .cancel?: prompt = nil
            default: if Self.edit(&text, answer: answer, key: key, limit: 500) { prompt = .consensus(text) }
            }
        default: break
        }
        return []
    }
}
