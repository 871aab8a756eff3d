/// What a key does: one table drives both the dispatch and the help screen and footer.
public enum CommandID: String, Sendable, CaseIterable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case openDetail, back, quit, help, reload, problems
    case weightsPanel, departmentPanel, export, toggleMark, compare
    case sortNext, sortPrevious, filter, toggleMethod
    case increase, decrease, increaseFine, decreaseFine, resetPanel, savePanel
    case nextProduct, previousProduct
    case sensitivityView, chancesView, budgetView, timelineView
    case openSpec, retire, restoreRetired, undoSave
    case addProduct, editProduct, duplicateProduct, restoreSelected, requirementsPanel, toggleRule, questionsView
    case formNext, formPrevious, formEnter, formSave, formClear, formCancel, formErase
    case formLeft, formRight, formHome, formEnd, formDeleteForward
    case addFund, removeFund
    case openScoring, scoreDigit, clearScore, scoreNote, saveScores, submitScores, recordConsensus
}

public struct Command: Sendable {
    public var id: CommandID
    public var keys: [Key]
    public var help: String
    /// The screens where the command applies; nil means everywhere.
    public var screens: Set<Screen>?
    /// Shown in the footer of those screens.
    public var footer: String?

    public func applies(on screen: Screen) -> Bool { screens?.contains(screen) ?? true }

    /// Which footer entries give way first on a narrow screen (higher goes first).
    var footerRank: Int {
        switch id {
        case .quit, .help, .formSave, .formCancel: return 0
        case .moveDown, .openDetail, .weightsPanel, .increase, .sensitivityView, .toggleRule: return 1
        case .export, .savePanel, .resetPanel, .previousProduct, .addProduct: return 2
        case .toggleMark, .compare, .sortNext: return 3
        default: return 4
        }
    }
}

/// What a key answers to a question on the status line.
public enum Answer: String, Sendable, CaseIterable {
    case yes, no, saveFirst, csv, html, markdown, accept, cancel, erase, clear
}

/// The kinds of question the status line asks, by the answers they take.
public enum PromptKind: String, Sendable, CaseIterable {
    /// y/n: overwrite, retire, save, save over a change, discard the form.
    case confirm
    /// y/s/n: quit with unsaved changes.
    case confirmQuit
    /// c/h/m: what to export.
    case exportChoice
    /// Typed text: the filter, the export's file name.
    case text

    public init(_ prompt: Prompt) {
        switch prompt {
        case .filter, .exportPath, .newFund, .evaluatorName, .scoreNote, .conflictStatement, .consensus: self = .text
        case .exportChoice: self = .exportChoice
        case .confirmQuit: self = .confirmQuit
        case .confirmOverwrite, .confirmSave, .confirmSaveOverChange, .confirmRetire, .confirmMoveEvaluation,
            .confirmRemoveFund, .confirmSubmit:
            self = .confirm
        }
    }
}

/// A key's answer to one kind of question.
public struct PromptBinding: Sendable {
    public var prompt: PromptKind
    public var keys: [Key]
    public var answer: Answer
    public var help: String
}

public enum Commands {
    /// Every answer a question on the status line takes: the keys live here, with the
    /// commands', and the help screen lists them.
    public static let prompts: [PromptBinding] = [
        PromptBinding(prompt: .confirm, keys: [.character("y"), .character("Y")], answer: .yes, help: "yes"),
        PromptBinding(prompt: .confirm, keys: [.character("n"), .character("N"), .escape], answer: .no, help: "no"),
        PromptBinding(prompt: .confirmQuit, keys: [.character("y"), .character("Y")], answer: .yes, help: "quit"),
        PromptBinding(
            prompt: .confirmQuit, keys: [.character("s"), .character("S")], answer: .saveFirst, help: "save, then stay"),
        PromptBinding(
            prompt: .confirmQuit, keys: [.character("n"), .character("N"), .escape], answer: .no, help: "stay"),
        PromptBinding(
            prompt: .exportChoice, keys: [.character("c"), .enter], answer: .csv, help: "the CSV of this view"),
        PromptBinding(
            prompt: .exportChoice, keys: [.character("h"), .character("r")], answer: .html,
            help: "the board report as HTML"),
        PromptBinding(
            prompt: .exportChoice, keys: [.character("m")], answer: .markdown, help: "the board report as Markdown"),
        PromptBinding(prompt: .exportChoice, keys: [.escape], answer: .cancel, help: "cancel"),
        PromptBinding(
            prompt: .text, keys: [.enter], answer: .accept, help: "keep the text (a filter) or write (a file name)"),
        PromptBinding(prompt: .text, keys: [.escape], answer: .cancel, help: "cancel (a filter is cleared)"),
        PromptBinding(prompt: .text, keys: [.backspace, .delete], answer: .erase, help: "erase the last character"),
        PromptBinding(prompt: .text, keys: [.control("u")], answer: .clear, help: "clear the text"),
    ]

    /// The answer `key` gives to a question of `kind`, if any (typed text takes every other
    /// printable key).
    public static func answer(for key: Key, to kind: PromptKind) -> Answer? {
        prompts.first { $0.prompt == kind && $0.keys.contains(key) }?.answer
    }

    static let lists: Set<Screen> = [.ranking, .weights, .department, .requirements]
    static let panels: Set<Screen> = [.weights, .department, .requirements]
    static let pages: Set<Screen> = [
        .detail, .problems, .help, .compare, .sensitivity, .chances, .budget, .timeline, .questions,
    ]

    /// Screen-specific commands come first, so they win over global ones with the same key.
    public static let table: [Command] = [
        // Panels: weights and department.
        Command(
            id: .moveUp, keys: [.up, .character("k")], help: "select the previous figure", screens: panels, footer: nil),
        Command(
            id: .moveDown, keys: [.down, .character("j")], help: "select the next figure", screens: panels, footer: nil),
        Command(
            id: .increase, keys: [.right, .character("+"), .character("l")], help: "raise the selected figure",
            screens: panels, footer: "←→ change"),
        Command(
            id: .decrease, keys: [.left, .character("-"), .character("h")], help: "lower the selected figure",
            screens: panels, footer: nil),
        Command(
            id: .increaseFine, keys: [.character("L"), .character(">")], help: "raise it by a small step",
            screens: [.weights], footer: nil),
        Command(
            id: .decreaseFine, keys: [.character("H"), .character("<")], help: "lower it by a small step",
            screens: [.weights], footer: nil),
        Command(
            id: .toggleRule, keys: [.character(" "), .enter], help: "turn the must-have on or off",
            screens: [.requirements], footer: "Space on/off"),
        Command(
            id: .resetPanel, keys: [.character("x")], help: "reset to the profile's figures", screens: panels,
            footer: "x reset"),
        Command(
            id: .savePanel, keys: [.character("s")], help: "save the changes to the profile file", screens: panels,
            footer: "s save"),
        Command(
            id: .addFund, keys: [.character("a")], help: "add a fund (its name, then its amount and rules)",
            screens: [.department], footer: "a add fund"),
        Command(
            id: .removeFund, keys: [.character("X")], help: "remove the selected fund (asks first; s saves)",
            screens: [.department], footer: nil),
        // Detail.
        Command(id: .moveUp, keys: [.up, .character("k")], help: "scroll up", screens: pages, footer: nil),
        Command(
            id: .moveDown, keys: [.down, .character("j")], help: "scroll down", screens: pages, footer: "↑↓ scroll"),
        Command(
            id: .previousProduct, keys: [.left, .character("h")], help: "the previous product", screens: [.detail],
            footer: "←→ product"),
        Command(
            id: .nextProduct, keys: [.right, .character("l")], help: "the next product", screens: [.detail], footer: nil
        ),
        // The scoring screen: its own keys only (nothing there shows a price or the ranking).
        Command(
            id: .moveUp, keys: [.up, .character("k")], help: "the previous criterion", screens: [.scoring], footer: nil),
        Command(
            id: .moveDown, keys: [.down, .character("j")], help: "the next criterion", screens: [.scoring],
            footer: "↑↓ criterion"),
        Command(
            id: .previousProduct, keys: [.left, .character("h")], help: "the previous product", screens: [.scoring],
            footer: "←→ product"),
        Command(
            id: .nextProduct, keys: [.right, .character("l")], help: "the next product", screens: [.scoring],
            footer: nil),
        Command(
            id: .scoreDigit, keys: (0...9).map { .character(Character(String($0))) },
            help: "type the score (1 then 0 is 10 on a 0-10 scale)", screens: [.scoring], footer: "0-9 score"),
        Command(
            id: .increase, keys: [.character("+"), .character("=")], help: "raise the score a step",
            screens: [.scoring], footer: nil),
        Command(
            id: .decrease, keys: [.character("-")], help: "lower the score a step", screens: [.scoring], footer: nil),
        Command(
            id: .clearScore, keys: [.character("x"), .backspace, .delete], help: "clear the score (not scored)",
            screens: [.scoring], footer: nil),
        Command(
            id: .scoreNote, keys: [.character("n")], help: "write a note beside the score (a field trial, a date)",
            screens: [.scoring], footer: "n note"),
        Command(
            id: .saveScores, keys: [.character("s")], help: "save your scores (not yet submitted)",
            screens: [.scoring], footer: "s save"),
        Command(
            id: .submitScores, keys: [.character("S")],
            help: "submit: your scores count in the ranking and the others' scores show (asks)", screens: [.scoring],
            footer: "S submit"),
        Command(
            id: .recordConsensus, keys: [.character("C")],
            help: "the chair: record the committee's consensus score with its reason", screens: [.scoring],
            footer: nil),
        Command(id: .help, keys: [.character("?")], help: "the keys", screens: [.scoring], footer: "? help"),
        Command(
            id: .quit, keys: [.character("q")], help: "leave the scoring screen (asks when not saved)",
            screens: [.scoring], footer: "q leave"),
        // The product form: every printable key types into the field.
        Command(id: .formNext, keys: [.down, .tab], help: "the next field", screens: [.form], footer: "↑↓ field"),
        Command(id: .formPrevious, keys: [.up, .backTab], help: "the previous field", screens: [.form], footer: nil),
        Command(id: .pageUp, keys: [.pageUp], help: "a page of fields up", screens: [.form], footer: nil),
        Command(id: .pageDown, keys: [.pageDown], help: "a page of fields down", screens: [.form], footer: nil),
        Command(
            id: .formEnter, keys: [.enter], help: "the next field (on Save: save)", screens: [.form],
            footer: "Enter next"),
        Command(id: .formLeft, keys: [.left], help: "move the caret left in the field", screens: [.form], footer: nil),
        Command(id: .formRight, keys: [.right], help: "move the caret right", screens: [.form], footer: nil),
        Command(
            id: .formHome, keys: [.home], help: "the caret to the start of the field", screens: [.form], footer: nil),
        Command(id: .formEnd, keys: [.end], help: "the caret to the end of the field", screens: [.form], footer: nil),
        Command(
            id: .formErase, keys: [.backspace], help: "erase the character before the caret", screens: [.form],
            footer: nil),
        Command(
            id: .formDeleteForward, keys: [.delete], help: "erase the character after the caret", screens: [.form],
            footer: nil),
        Command(
            id: .formClear, keys: [.control("u")], help: "clear the field (left out of the file)", screens: [.form],
            footer: "Ctrl-U clear"),
        Command(
            id: .formSave, keys: [.control("s"), .function(2)], help: "check and save the spec", screens: [.form],
            footer: "Ctrl-S save"),
        Command(
            id: .formCancel, keys: [.escape], help: "close the form (asks when changed)", screens: [.form],
            footer: "Esc cancel"),
        Command(
            id: .help, keys: [.function(1)], help: "the keys (Esc comes back to the form)", screens: [.form],
            footer: "F1 help"),
        // Ranking list.
        Command(id: .moveUp, keys: [.up, .character("k")], help: "move up", screens: [.ranking], footer: nil),
        Command(
            id: .moveDown, keys: [.down, .character("j")], help: "move down", screens: [.ranking], footer: "↑↓ move"),
        Command(
            id: .pageUp, keys: [.pageUp, .control("b")], help: "a page up", screens: pages.union([.ranking]),
            footer: nil),
        Command(
            id: .pageDown, keys: [.pageDown, .control("f")], help: "a page down", screens: pages.union([.ranking]),
            footer: nil),
        Command(
            id: .top, keys: [.home, .character("g")], help: "to the top", screens: pages.union([.ranking]), footer: nil),
        Command(
            id: .bottom, keys: [.end, .character("G")], help: "to the bottom", screens: pages.union([.ranking]),
            footer: nil),
        Command(
            id: .openDetail, keys: [.enter], help: "why: the figures behind the scores", screens: [.ranking],
            footer: "Enter why"),
        Command(
            id: .toggleMark, keys: [.character(" ")], help: "mark or unmark for comparison",
            screens: [.ranking, .detail], footer: "Space mark"),
        Command(
            id: .compare, keys: [.character("c")], help: "compare the marked products", screens: [.ranking, .detail],
            footer: "c compare"),
        Command(
            id: .sortNext, keys: [.character("s")], help: "sort by the next column", screens: [.ranking],
            footer: "s sort"),
        Command(
            id: .sortPrevious, keys: [.character("S")], help: "sort by the previous column (back to rank)",
            screens: [.ranking], footer: nil),
        Command(
            id: .filter, keys: [.character("/")], help: "filter by text (Esc clears)", screens: [.ranking],
            footer: "/ filter"),
        Command(
            id: .addProduct, keys: [.character("a")], help: "add a product: a form for the vendor's quote",
            screens: [.ranking, .detail], footer: "a add"),
        Command(
            id: .editProduct, keys: [.character("E")], help: "edit the selected product in the form",
            screens: [.ranking, .detail], footer: nil),
        Command(
            id: .duplicateProduct, keys: [.character("D")], help: "duplicate the selected product (a revised quote)",
            screens: [.ranking, .detail],
            footer: nil),
        Command(
            id: .openSpec, keys: [.character("o")], help: "open the spec file in $VISUAL or $EDITOR; reloads after",
            screens: [.ranking, .detail], footer: nil),
        Command(
            id: .retire, keys: [.character("X")], help: "retire: move the spec to vendors/retired/ (asks)",
            screens: [.ranking, .detail], footer: nil),
        Command(
            id: .restoreRetired, keys: [.character("R")], help: "retired specs: the list, to restore one",
            screens: [.ranking, .detail], footer: nil),
        Command(
            id: .moveUp, keys: [.up, .character("k")], help: "the previous retired spec", screens: [.retired],
            footer: nil),
        Command(
            id: .moveDown, keys: [.down, .character("j")], help: "the next retired spec", screens: [.retired],
            footer: "↑↓ move"),
        Command(
            id: .restoreSelected, keys: [.enter], help: "restore it: back into the folder and the ranking",
            screens: [.retired], footer: "Enter restore"),
        Command(
            id: .openScoring, keys: [.character("J")],
            help: "judge: score the committee's criteria as an evaluator (lineup score --as NAME does it alone)",
            screens: [.ranking, .detail], footer: nil),
        Command(
            id: .undoSave, keys: [.character("U")],
            help: "undo the last save (the profile or a spec): the file is put back as it was", screens: nil,
            footer: nil),
        // Everywhere.
        Command(
            id: .weightsPanel, keys: [.character("w")], help: "weights: change and watch the ranking move",
            screens: nil, footer: "w weights"),
        Command(
            id: .requirementsPanel, keys: [.character("M")], help: "must-haves: rules a product must meet to be ranked",
            screens: nil, footer: nil),
        Command(
            id: .departmentPanel, keys: [.character("d")],
            help: "department figures: cameras, shifts, retention, funds", screens: nil, footer: "d dept"),
        Command(
            id: .toggleMethod, keys: [.character("m")], help: "switch method: weighted sum / TOPSIS", screens: nil,
            footer: nil),
        Command(
            id: .sensitivityView, keys: [.character("v")],
            help: "sensitivity: how far each weight can move before #1 changes", screens: nil,
            footer: "v u b t analyses"),
        Command(
            id: .chancesView, keys: [.character("u")], help: "uncertainty: each product's chance of ranking first",
            screens: nil, footer: nil),
        Command(
            id: .budgetView, keys: [.character("b")], help: "budget plan: what the funds buy in year one, and after",
            screens: nil, footer: nil),
        Command(
            id: .questionsView, keys: [.character("Q")],
            help: "what to ask each vendor next, the answer that could change most first", screens: nil, footer: nil),
        Command(
            id: .timelineView, keys: [.character("t")],
            help: "timeline: availability dates against evaluation and need-by", screens: nil, footer: nil),
        Command(
            id: .export, keys: [.character("e")],
            help: "export: this view as CSV, or the board report (HTML or Markdown)", screens: nil, footer: "e export"),
        Command(
            id: .reload, keys: [.character("r"), .function(5)], help: "reload the vendors folder now", screens: nil,
            footer: nil),
        Command(
            id: .problems, keys: [.character("p")], help: "files that failed to load, and why", screens: nil,
            footer: nil),
        Command(id: .help, keys: [.character("?"), .function(1)], help: "this help", screens: nil, footer: "? help"),
        Command(id: .back, keys: [.escape], help: "back out of a view or panel", screens: nil, footer: nil),
        Command(
            id: .quit, keys: [.character("q"), .control("c")], help: "quit (from a view: back)", screens: nil,
            footer: "q quit"),
    ]

    /// Screens where the lieutenant types text: every printable key goes into the text, so
    /// only the screen's own commands apply to characters there (`?` types a question mark;
    /// F1 is help).
    public static let typing: Set<Screen> = [.form, .scoring]

    /// The key that runs `id` on `screen`, as the help writes it (its first key): panel hints
    /// name keys through this, so a hint never names a key the table does not bind.
    public static func key(_ id: CommandID, on screen: Screen) -> String {
        table.first { $0.id == id && $0.applies(on: screen) }?.keys.first?.label ?? "?"
    }

    /// The command `key` runs on `screen`, if any.
    public static func command(for key: Key, on screen: Screen) -> Command? {
        if typing.contains(screen), case .character = key {
            return table.first { $0.screens?.contains(screen) == true && $0.keys.contains(key) }
        }
        return table.first { $0.applies(on: screen) && $0.keys.contains(key) }
    }

    /// The footer text for `screen`: the main keys, in table order, fitted to `width` by
    /// leaving out keys from the middle; "? help" and "q quit" always stay.
    public static func footer(for screen: Screen, width: Int = .max) -> String {
        var seen = Set<String>()
        var items = table.compactMap { c -> (String, Int)? in
            guard c.applies(on: screen), let f = c.footer, !seen.contains(f) else { return nil }
            // In the form, letters type: only the form's own keys are shown.
            if typing.contains(screen) && c.screens == nil { return nil }
            seen.insert(f)
            return (f, c.footerRank)
        }
        while items.count > 2 && items.map(\.0).joined(separator: "  ").count > width {
            // The least needed entry goes first; among equals, the rightmost.
            let worst = items.indices.max { items[$0].1 < items[$1].1 || (items[$0].1 == items[$1].1 && $0 < $1) }!
            items.remove(at: worst)
        }
        return items.map(\.0).joined(separator: "  ")
    }
}
