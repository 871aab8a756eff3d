import ArgumentParser
import Evaluation
import Platform
import Report

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The board report: one self-contained HTML page (or Markdown for e-mail).",
        discussion: """
            The recommendation with how sure it is and what would change it, the ranking, what \
            the funds buy, the timeline, the chance of ranking first, the must-haves, the questions \
            still open and the department's assumptions; sources and every question follow as an \
            appendix. The HTML needs no network, file or script; printed, its body fits three US \
            Letter pages. The figures are those of `lineup rank` with the same options.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, markdown }

    @OptionGroup var folder: FolderOptions
    @OptionGroup var ranking: RankingOptions
    @OptionGroup var simulation: SimulationOptions

    @Option(help: "html or markdown.")
    var format: Format = .html

    @Option(
        name: .long, help: ArgumentHelp("Write to this file (atomically; - for standard output).", valueName: "file"))
    var output: String?

    func run() throws {
        let loaded = try LoadedRanking(folder, ranking)
        let report = BoardReport(
            ranking: loaded.ranking, profile: loaded.profile, today: Interactive.today(), options: simulation.options)
        try Console.write(
            format == .html ? report.html : report.markdown, to: output,
            what: "the report of \(report.ranking.entries.count) products")
    }
}
