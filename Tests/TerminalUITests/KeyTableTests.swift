import Evaluation
import LineupTestSupport
import Testing

@testable import TerminalUI

/// The key table (`Commands.table`) drives dispatch, help and footer: walked whole.
@Suite struct KeyTableTests {
    /// Every key listed for a command runs that command on every screen it applies to, unless
    /// the screen's own command for that key comes first (a screen's command wins over a
    /// global one by design); and no two commands that both name a screen share a key there.
    @Test func everyListedKeyDispatchesAndNoTwoBindingsCollide() {
        var dispatched = 0
        for screen in Screen.allCases {
            var owner: [Key: CommandID] = [:]
            for c in Commands.table where c.applies(on: screen) {
                for key in c.keys {
                    let runs = Commands.command(for: key, on: screen)?.id
                    if let first = owner[key] {
                        // A later binding of a key already bound on this screen: only a global
                        // command may be shadowed, by the screen's own.
                        #expect(
                            c.screens == nil || first == c.id,
                            "\(screen): \(key.label) is bound to both \(first) and \(c.id)")
                        continue
                    }
                    owner[key] = c.id
                    if Commands.typing.contains(screen), case .character = key, c.screens == nil {
                        // Typing screens take every printable key as text.
                        #expect(runs == nil, "\(screen): \(key.label) should type, not run \(c.id)")
                        continue
                    }
                    #expect(
                        runs == c.id, "\(screen): \(key.label) runs \(String(describing: runs)), listed for \(c.id)")
                    dispatched += 1
                }
            }
        }
        #expect(dispatched > 150)
    }

    /// The help screen lists every key of every command.
    @Test func helpListsEveryKey() {
        let help = HelpView.lines(width: 200).map(\.0).joined(separator: "\n")
        for c in Commands.table {
            let keys = c.keys.map(\.label).joined(separator: " ")
            #expect(help.contains(keys + " ") && help.contains(c.help), "help does not list \(keys): \(c.help)")
        }
    }

    /// In the product form every printable key types into the field, `?` included (it used to
    /// open the help and lose the character); F1 is the form's help.
    @Test func theFormTypesEveryPrintableKey() {
        var s = fixtureState()
        s.press(.character("a"))
        #expect(s.screen == .form)
        s.press(.character("?"), .character("q"), .character("w"), .character("/"))
        #expect(s.screen == .form)
        let path = s.form!.field!.path
        #expect(s.form!.inputs[path] == "?qw/")
        s.press(.function(1))
        #expect(s.screen == .help)
    }

    /// The answers to questions on the status line come from the same table: each key gives
    /// its answer, no key gives two answers to one kind of question, and help lists them.
    @Test func everyPromptKeyAnswersAndHelpListsIt() {
        let help = HelpView.lines(width: 200).map(\.0).joined(separator: "\n")
        for kind in PromptKind.allCases {
            var owner: [Key: Answer] = [:]
            for b in Commands.prompts where b.prompt == kind {
                for key in b.keys {
                    #expect(owner[key] == nil, "\(kind): \(key.label) answers both \(owner[key]!) and \(b.answer)")
                    owner[key] = b.answer
                    #expect(Commands.answer(for: key, to: kind) == b.answer)
                }
                #expect(help.contains(b.keys.map(\.label).joined(separator: " ") + " "), "help lacks \(b.help)")
            }
        }
        // Retire, asked and answered by its key: n keeps the file, y retires it.
        var s = fixtureState()
        s.press(.character("X"))
        #expect(PromptKind(s.prompt!) == .confirm)
        s.press(.escape)
        #expect(s.prompt == nil && s.status == "Not retired")
        s.press(.character("X"))
        #expect(s.press(.character("Y")).contains { if case .retire = $0 { return true } else { return false } })
    }
}
