import ArgumentParser
import Evaluation
import Platform

/// The uncertainty options every analysing command shares.
struct SimulationOptions: ParsableArguments {
    // Unconditional, so `--draws -1` reaches the range check instead of "Missing value".
    @Option(parsing: .unconditional, help: "Random draws for the chance of ranking first (0 turns the simulation off).")
    var draws: Int = 10_000

    @Option(help: "Seed for the draws, so a run can be repeated.")
    var seed: UInt64 = 2015

    @Option(
        name: .customLong("weight-band"), parsing: .unconditional,
        help: "How far each weight may move in the draws, in percent.")
    var weightBand: Double = 20

    func validate() throws {
        guard draws >= 0 && draws <= 10_000_000 else {
            throw ValidationError("--draws must be between 0 and 10,000,000; found \(draws)")
        }
        guard weightBand >= 0 && weightBand <= 100 else {
            throw ValidationError("--weight-band must be between 0 and 100 (percent)")
        }
    }

    var options: Simulation.Options { Simulation.Options(draws: draws, seed: seed, weightBand: weightBand / 100) }

    func run(_ ranking: Ranking) -> Simulation.Result? {
        draws > 0 ? Simulation.run(ranking, options: options) : nil
    }
}

struct Sensitivities: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "How sure the ranking is, what the money buys, and what changed since the last ranking.",
        discussion: """
            Prints the weight intervals within which the current #1 stays #1, the smallest change \
            of one weight that swaps each pair in the top three, the chance of ranking first \
            over random draws of prices, dates and weights, each product's budget plan, and the \
            movements since the last `lineup rank` or export (without recording this run).
            """)

    @OptionGroup var folder: FolderOptions
    @OptionGroup var ranking: RankingOptions
    @OptionGroup var simulation: SimulationOptions

    func run() throws {
        let loaded = try LoadedRanking(folder, ranking)
        let (profile, result) = (loaded.profile, loaded.ranking)
        var out = Sensitivity.lines(Sensitivity.analyse(result), ranking: result)
        if let sim = simulation.run(result) {
            out.append("")
            out += Simulation.lines(sim, ranking: result)
        }
        out.append("")
        out.append(MoneyLines.title(profile))
        for e in result.entries { out.append("  " + MoneyLines.sentence(e.assessment)) }
        if let history = HistoryFile.load(folder: folder.vendors) {
            let changes = history.changes(to: result)
            out.append("")
            out.append(changes.summary ?? "Since the last ranking: no change")
            for e in result.entries {
                if let m = changes.movements[e.id], m != .moved(0) {
                    out.append("  \(SafeText.padded(m.marker, 4)) \(SafeText.escaped(e.product.name))")
                }
            }
        }
        Console.out(out.joined(separator: "\n") + "\n")
    }
}
