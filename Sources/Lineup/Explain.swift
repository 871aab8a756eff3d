import ArgumentParser
import Evaluation
import Platform

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every figure behind every score of one product, with the arithmetic.")

    @Argument(help: "The product's id: its spec file's name without .toml (e.g. axon-body).")
    var id: String

    @OptionGroup var folder: FolderOptions
    @OptionGroup var ranking: RankingOptions

    func run() throws {
        let contents = SpecFolder.load(folder: folder.vendors, profilePath: folder.profilePath)
        guard let profile = contents.profile else {
            Console.report(contents.diagnostics)
            throw ExitCode.failure
        }
        let (weights, method) = try ranking.resolve(profile)
        let result = Ranking(
            Assessment.assess(contents.products, profile: profile), weights: weights, method: method,
            evaluationDate: profile.evaluationDate)
        // Exact spelling: "café" typed in NFD must not pick the file named in NFC (Swift's == would).
        // A product a must-have put out is explained too (rank 0: "Not ranked").
        let all = result.entries + result.failedEntries
        guard let entry = all.first(where: { $0.id.unicodeScalars.elementsEqual(id.unicodeScalars) }) else {
            let ids = all.map(\.id).sorted()
            if let broken = contents.diagnostics.first(where: {
                $0.file.unicodeScalars.reversed().starts(with: ("/" + id + ".toml").unicodeScalars.reversed())
                    && $0.severity == .error
            }) {
                Console.err("error: \(SafeText.escaped(id)) could not be loaded:")
                Console.report(contents.diagnostics.filter { $0.file == broken.file })
            } else {
                Console.err(
                    "error: no product \"\(SafeText.escaped(id))\" in \(SafeText.escaped(folder.vendors)); the ids are: \(ids.map { SafeText.escaped($0) }.joined(separator: ", "))"
                )
            }
            throw ExitCode.failure
        }
        Console.out(Explanation.lines(entry, in: result, profile: profile).joined(separator: "\n") + "\n")
    }
}
