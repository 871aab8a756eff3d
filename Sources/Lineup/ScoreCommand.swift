import ArgumentParser
import Evaluation
import Platform
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score the committee's judged criteria as one evaluator, in the scoring screen alone.",
        discussion: """
            Opens vendors/evaluations/NAME.toml (or starts it): product by product, criterion by \
            criterion, with the guidance beside each score and a note field. When the profile says \
            blind_to_price, the screen shows no price, cost or cost score; the other evaluators' scores \
            show only after you submit (S). Every save is logged in the audit log under your name.
            """)

    @OptionGroup var folder: FolderOptions

    @Option(name: .customLong("as"), help: "Your name, or your file's name in evaluations/ (without .toml).")
    var name: String

    func run() throws {
        guard isatty(0) != 0 && isatty(1) != 0 else {
            Console.err("error: lineup score needs a terminal (it opens the scoring screen)")
            throw ExitCode.failure
        }
        // Blind scoring never falls back to the ranking: say what is wrong and stop instead.
        let contents = SpecFolder.load(folder: folder.vendors, profilePath: folder.profilePath)
        guard let committee = contents.profile?.committee else {
            Console.err(
                "error: the profile has no [committee] with judged criteria to score (see the README, 'The committee')")
            throw ExitCode.failure
        }
        let id = AppState.evaluatorID(for: name, committee: committee)
        guard !id.isEmpty, id + ".toml" != SpecDecoder.consensusName else {
            Console.err("error: give your name, or your file's name in evaluations/ (letters or digits)")
            throw ExitCode.failure
        }
        let noColor = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
        var session = Interactive(
            folder: folder.vendors, profilePath: folder.profilePath, color: !noColor, mouse: true)
        session.scoreAs = name
        if !session.run() {
            Console.err("error: cannot open the terminal interface")
            throw ExitCode.failure
        }
    }
}
