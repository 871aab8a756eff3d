import ArgumentParser
import Evaluation
import Platform
import TOML

#if canImport(Glibc)
    import Glibc
#endif

struct QuestionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questions",
        abstract: "What to ask each vendor next, the question that could change the decision most first.",
        discussion: """
            For every figure that is unknown or a range, of the products that could still rank \
            first, and every must-have they leave unverified: the chance of ranking first with the \
            answer at the low end and at the high end of what is assumed now (the same draws and \
            seed for both). Grouped by vendor. --requests DIR writes one request for information \
            per vendor (Markdown, to mail), each file atomically.
            """)

    @OptionGroup var folder: FolderOptions
    @OptionGroup var ranking: RankingOptions
    @OptionGroup var simulation: SimulationOptions

    @Option(help: ArgumentHelp("Only this vendor's questions (its name as in the specs, any case).", valueName: "name"))
    var vendor: String?

    @Option(help: ArgumentHelp("text, markdown or json.", valueName: "format"))
    var format: String = "text"

    @Option(
        help: ArgumentHelp(
            "Write a request for information per vendor into this folder (created when missing).", valueName: "dir"))
    var requests: String?

    func validate() throws {
        guard ["text", "markdown", "json"].contains(format) else {
            throw ValidationError("--format must be text, markdown or json; found \"\(SafeText.fitted(format, 40))\"")
        }
        if simulation.draws == 0 {
            throw ValidationError("--draws must be at least 1: the effect of a question is measured by the draws")
        }
    }

    func run() throws {
        let loaded = try LoadedRanking(folder, ranking)
        let (contents, profile, result) = (loaded.contents, loaded.profile, loaded.ranking)
        let report = Questions.analyse(
            contents.products, profile: profile, ranking: result, options: simulation.options)
        if let vendor, !report.vendors.contains(where: { $0.lowercased() == vendor.lowercased() }) {
            let known = Set(contents.products.map(\.vendor))
            guard known.contains(where: { $0.lowercased() == vendor.lowercased() }) else {
                Console.err(
                    "error: no vendor \"\(SafeText.escaped(vendor))\"; the vendors are: \(known.sorted().map { SafeText.escaped($0) }.joined(separator: ", "))"
                )
                throw ExitCode.failure
            }
        }
        if let dir = requests {
            if mkdir(dir, 0o755) != 0 && errno != EEXIST {
                Console.err("error: cannot create \(SafeText.escaped(dir)): \(String(cString: strerror(errno)))")
                throw ExitCode.failure
            }
            for v in report.vendors where vendor == nil || v.lowercased() == vendor!.lowercased() {
                // A name of its own, never another letter's or an existing file (Acme, ACME and
                // Acme! share a slug; a non-Latin name has none): a numbered suffix, and never
                // written through a link.
                // Markdown for --format markdown (and json), plain text otherwise.
                let markdown = format != "text"
                let ext = markdown ? "md" : "txt"
                let slug = Questions.slug(v).isEmpty ? "vendor" : Questions.slug(v)
                var path = SpecFolder.join(dir, "request-\(slug).\(ext)")
                var n = 2
                var st = stat()
                while lstat(path, &st) == 0 {
                    path = SpecFolder.join(dir, "request-\(slug)-\(n).\(ext)")
                    n += 1
                }
                let text = Questions.request(report, vendor: v, profile: profile, markdown: markdown)
                let asked = Questions.letterQuestions(report, vendor: v).reduce(0) { $0 + $1.questions.count }
                do {
                    let written = try AtomicFile.write(Array(text.utf8), to: path, as: .owned)
                    Console.err("wrote \(SafeText.escaped(written)) (\(asked) questions)")
                } catch {
                    Console.err("error: \(error)")
                    throw ExitCode.failure
                }
            }
        }
        switch format {
        case "json": Console.out(json(report))
        case "markdown": Console.out(Questions.text(report, markdown: true, vendor: vendor))
        default: Console.out(Questions.text(report, vendor: vendor))
        }
    }

    func json(_ report: Questions.Report) -> String {
        func q(_ s: String) -> String { Quoting.json(s) }
        func n(_ d: Double?) -> String { d.map { "\($0)" } ?? "null" }
        let items = report.questions.filter { vendor == nil || $0.product.vendor.lowercased() == vendor!.lowercased() }
            .map { x in
                "{\"vendor\": \(q(x.product.vendor)), \"product\": \(q(x.product.id)), \"field\": \(q(x.fact.field.path)), \"question\": \(q(x.fact.question)), "
                    + "\"assumed\": \(q(x.fact.now)), \"low\": \(q(x.fact.lowText)), \"high\": \(q(x.fact.highText)), "
                    + "\"first_at_low\": \(n(x.firstAtLow)), \"first_at_high\": \(n(x.firstAtHigh)), \"most_moved\": \(q(x.mostMovedName)), "
                    + "\"most_moved_at_low\": \(n(x.mostMovedLow)), \"most_moved_at_high\": \(n(x.mostMovedHigh)), "
                    + "\"qualifies_at_low\": \(n(x.qualifiesAtLow)), \"qualifies_at_high\": \(n(x.qualifiesAtHigh)), \"effect\": \(n(x.effect))}"
            }
        // The judged scores whose disagreement could change the #1 (for the committee).
        let committee = report.committee.map { c in
            "{\"product\": \(q(c.product.id)), \"criterion\": \(q(c.criterion.key)), \"median\": \(c.median), "
                + "\"lowest\": \(c.lowest), \"highest\": \(c.highest), \"first_at_lowest\": \(q(c.firstAtLowest)), "
                + "\"first_at_highest\": \(q(c.firstAtHighest))}"
        }
        return "{\n  \"draws\": \(report.options.draws), \"seed\": \(report.options.seed),\n  \"questions\": [\n    "
            + items.joined(separator: ",\n    ") + "\n  ],\n  \"committee\": [" + committee.joined(separator: ", ")
            + "]\n}\n"
    }
}
