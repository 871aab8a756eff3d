import ArgumentParser
import Evaluation
import Platform

#if canImport(Glibc)
    import Glibc
#endif

private let quietQuit: @convention(c) (Int32) -> Void = { sig in _exit(128 + sig) }

@main
struct Lineup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineup",
        abstract: "Choose a body-worn camera system: rank products on cost, integration, storage and availability.",
        discussion: """
            With no subcommand, opens the terminal interface on ./vendors (or --vendors DIR). When \
            standard output is not a terminal, prints the ranking instead.
            """,
        subcommands: [
            Rank.self, Validate.self, Explain.self, Sensitivities.self, QuestionsCommand.self, ReportCommand.self,
            New.self, BacktestCommand.self, AuditCommand.self, ScoreCommand.self,
        ])

    @OptionGroup var folder: FolderOptions

    /// Ctrl-\ (SIGQUIT) ends a headless command quietly with the shell's usual status (131),
    /// instead of the runtime's crash report and debugger prompt; the interface replaces this
    /// with its own clean quit.
    static func main() {
        signal(SIGQUIT, quietQuit)
        // The arguments as their bytes (a path from a Latin-1 USB stick is not UTF-8), not as
        // `CommandLine.arguments`, which repairs such bytes to U+FFFD and so names another path.
        let arguments = (1..<Int(CommandLine.argc)).map { i in
            CommandLine.unsafeArgv[i].map {
                PathText.string(UnsafeBufferPointer(start: $0, count: strlen($0)).map { UInt8(bitPattern: $0) })
            } ?? ""
        }
        Self.main(arguments)
    }

    @Flag(name: .customLong("no-color"), help: "Draw without colour (also when NO_COLOR is set).")
    var noColor = false

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (its own text selection); keys only.")
    var noMouse = false

    func run() throws {
        if isatty(1) != 0 && isatty(0) != 0 {
            let noColorEnv = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
            let session = Interactive(
                folder: folder.vendors, profilePath: folder.profilePath, color: !(noColor || noColorEnv),
                mouse: !noMouse)
            if session.run() { return }
            Console.err(
                "cannot open the terminal interface (TERM=\(getenv("TERM").map { String(cString: $0) } ?? "unset")); printing the ranking instead"
            )
        }
        let contents = SpecFolder.load(folder: folder.vendors, profilePath: folder.profilePath)
        guard let profile = contents.profile else {
            Console.report(contents.diagnostics)
            throw ExitCode.failure
        }
        Console.report(contents.diagnostics.filter { $0.severity == .error })
        let ranking = Ranking(
            Assessment.assess(contents.products, profile: profile), weights: profile.weights, method: profile.method,
            evaluationDate: profile.evaluationDate)
        // The same table as `lineup rank`: movements and the chance of ranking first filled in.
        let extras = RankingReport.Extras(
            simulation: Simulation.run(ranking),
            changes: HistoryFile.load(folder: folder.vendors).map { $0.changes(to: ranking) },
            sensitivity: Sensitivity.analyse(ranking))
        Console.out(RankingReport.table(ranking, profile: profile, extras: extras))
        if isatty(1) == 0 || isatty(0) == 0 {
            Console.err("(not a terminal, so the ranking was printed; run lineup in a terminal to open the interface)")
        }
    }
}
