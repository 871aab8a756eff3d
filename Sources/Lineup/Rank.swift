import ArgumentParser
import Evaluation
import Platform

struct Rank: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank the products and print (or write) the ranking.",
        discussion: """
            Broken spec files are reported on standard error and left out; the valid ones are \
            still ranked. With --strict, any broken file makes the exit status 1.
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @OptionGroup var folder: FolderOptions
    @OptionGroup var ranking: RankingOptions

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write to this file (atomically; - for standard output) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Exit with status 1 when any spec file could not be loaded.")
    var strict = false

    @OptionGroup var simulation: SimulationOptions

    @Flag(name: .customLong("no-history"), help: "Do not remember this ranking for the next run's movement markers.")
    var noHistory = false

    func run() throws {
        AtomicFile.removeStaleTemporaries(in: folder.vendors)
        let contents = SpecFolder.load(folder: folder.vendors, profilePath: folder.profilePath)
        Console.report(contents.diagnostics)
        guard let profile = contents.profile else { throw ExitCode.failure }
        let (weights, method) = try ranking.resolve(profile)
        let result = Ranking(
            Assessment.assess(contents.products, profile: profile), weights: weights, method: method,
            evaluationDate: profile.evaluationDate)
        let extras = RankingReport.Extras(
            simulation: simulation.run(result),
            changes: HistoryFile.load(folder: folder.vendors).map { $0.changes(to: result) },
            sensitivity: Sensitivity.analyse(result))
        let text: String
        switch format {
        case .table: text = RankingReport.table(result, profile: profile, extras: extras)
        case .csv: text = RankingReport.csv(result, extras: extras)
        case .json: text = RankingReport.json(result, extras: extras)
        }
        try Console.write(text, to: output, what: "\(result.entries.count) products")
        if !noHistory {
            do {
                if let note = try HistoryFile.save(result, folder: folder.vendors) { Console.err("warning: " + note) }
            } catch {
                Console.err("warning: could not remember this ranking: \(error)")
            }
        }
        if !contents.brokenFiles.isEmpty {
            Console.err(
                "\(contents.brokenFiles.count) file(s) could not be loaded and are not ranked; see the messages above")
            if strict { throw ExitCode.failure }
        }
    }
}
