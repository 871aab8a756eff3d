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

    @Option(name: .long, help: ArgumentHelp("Write to this file (atomically; - for standard output).", valueName: "file"))
    var output: String?

    func run() throws {
        let contents = SpecFolder.load(folder: folder.vendors, profilePath: folder.profilePath)
        Console.report(contents.diagnostics.filter { $0.severity == .error })
        guard let profile = contents.profile else { throw ExitCode.failure }
        let (weights, method) = try ranking.resolve(profile)
        let report = BoardReport(
            products: contents.products, profile: profile, weights: weights, method: method, today: Interactive.today(), options: simulation.options)
        let text = format == .html ? report.html : report.markdown
        if let output, output != "-" {
            do {
                let path = try AtomicFile.write(Array(text.utf8), to: output)
                Console.err("wrote the report of \(report.ranking.entries.count) products to \(path)")
            } catch {
                Console.err("error: \(error)")
                throw ExitCode.failure
            }
        } else {
            Console.out(text)
        }
    }
}
