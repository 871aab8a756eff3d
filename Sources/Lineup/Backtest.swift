import ArgumentParser
import Evaluation
import Platform

struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Hold the market reference's ranges against what departments really paid.",
        discussion: """
            Rebuilds each [[purchase]] of market.toml that names its spec, camera count and term as a \
            lineup of that one product at its size (the reference without that purchase, as known \
            when it was published) and says where the real total falls among the totals How sure \
            draws. Exits 1 when a rebuilt purchase falls outside the 5th-95th percentile band.
            """)

    @OptionGroup var folder: FolderOptions

    @Option(help: ArgumentHelp("How many draws for each purchase.", valueName: "n"))
    var draws = 10_000

    func validate() throws {
        guard (1...1_000_000).contains(draws) else { throw ValidationError("--draws must be 1 to 1,000,000") }
    }

    func run() throws {
        let contents = SpecFolder.load(folder: folder.vendors, profilePath: folder.profilePath)
        guard let profile = contents.profile else {
            Console.report(contents.diagnostics)
            throw ExitCode.failure
        }
        let marketPath = SpecFolder.join(folder.vendors, SpecDecoder.marketName)
        guard let market = contents.market else {
            Console.report(contents.diagnostics.filter { $0.file == marketPath })
            Console.err("error: the market reference \(SafeText.escaped(marketPath)) could not be read; see above")
            throw ExitCode.failure
        }
        guard !market.purchases.isEmpty else {
            Console.err(
                "error: no [[purchase]] in \(SafeText.escaped(marketPath)): nothing to hold the ranges against"
            )
            throw ExitCode.failure
        }
        let rows = Backtest.run(market: market, products: contents.products, profile: profile, draws: draws)
        Console.out(Backtest.lines(rows).joined(separator: "\n") + "\n")
        if rows.contains(where: { $0.verdict != nil && $0.verdict != .inside }) { throw ExitCode.failure }
    }
}
