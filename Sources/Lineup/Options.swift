import ArgumentParser
import Evaluation
import Platform

/// Where the spec files are.
struct FolderOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder of product spec files.", valueName: "dir"))
    var vendors: String = "vendors"

    @Option(
        name: .long, help: ArgumentHelp("The department profile (default: <dir>/department.toml).", valueName: "file"))
    var profile: String?

    var profilePath: String { profile ?? SpecFolder.defaultProfile(for: vendors) }

    func validate() throws {
        if vendors.isEmpty { throw ValidationError("--vendors needs a folder; found an empty name") }
        if profile?.isEmpty == true { throw ValidationError("--profile needs a file; found an empty name") }
    }
}

/// How to rank: method and weights, both defaulting to the profile's.
struct RankingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("weighted-sum or topsis (default: the profile's method).", valueName: "method"))
    var method: String?

    @Option(
        help: ArgumentHelp(
            "Weights to use instead of the profile's, e.g. cost=40,integration=25,storage=15,availability=20 (any subset).",
            valueName: "list"))
    var weights: String?

    func validate() throws {
        if let method, Method(rawValue: method) == nil {
            throw ValidationError("--method must be weighted-sum or topsis; found \"\(SafeText.fitted(method, 40))\"")
        }
        if let weights { _ = try Self.parseWeights(weights, base: .standard) }
    }

    static func parseWeights(_ text: String, base: Weights) throws -> Weights {
        var w = base
        var seen: Set<Criterion> = []
        // Every part is a pair: ",,," or "cost=1,,storage=2" is a typing slip, not "no change".
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        if parts.allSatisfy({ $0.allSatisfy(\.isWhitespace) })
            || parts.contains(where: { $0.allSatisfy(\.isWhitespace) })
        {
            throw ValidationError(
                "--weights takes name=number pairs separated by commas, like cost=40,integration=25; found \"\(SafeText.fitted(SafeText.escaped(text), 40))\""
            )
        }
        for part in parts {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0.filter { !$0.isWhitespace }) }
            guard pair.count == 2, let c = Criterion(rawValue: pair[0]) else {
                throw ValidationError(
                    "--weights takes name=number pairs for cost, integration, storage, availability; found \"\(SafeText.fitted(String(part), 40))\""
                )
            }
            guard seen.insert(c).inserted else {
                throw ValidationError("--weights gives \(c.rawValue) twice; give each criterion once")
            }
            guard let v = Double(pair[1]), v.isFinite, v >= 0, v <= 1_000_000 else {
                throw ValidationError(
                    "--weights: \(c.rawValue) must be a number between 0 and 1,000,000; found \"\(SafeText.fitted(pair[1], 40))\""
                )
            }
            w[c] = v
        }
        if w.total == 0 { throw ValidationError("--weights add up to 0; give at least one criterion a weight") }
        return w
    }

    func resolve(_ profile: Profile) throws -> (Weights, Method) {
        let w = try weights.map { try Self.parseWeights($0, base: profile.weights) } ?? profile.weights
        let m = method.flatMap(Method.init(rawValue:)) ?? profile.method
        return (w, m)
    }
}

/// What the analysing commands share: the folder read (its errors reported), the profile, and
/// the ranking with the options' method and weights.
struct LoadedRanking {
    let contents: FolderContents
    let profile: Profile
    let ranking: Ranking

    init(_ folder: FolderOptions, _ options: RankingOptions) throws {
        contents = SpecFolder.load(folder: folder.vendors, profilePath: folder.profilePath)
        Console.report(contents.diagnostics.filter { $0.severity == .error })
        guard let profile = contents.profile else { throw ExitCode.failure }
        self.profile = profile
        let (weights, method) = try options.resolve(profile)
        ranking = Ranking(
            Assessment.assess(contents.products, profile: profile), weights: weights, method: method,
            evaluationDate: profile.evaluationDate)
    }
}

extension Console {
    /// Writes `text` to `output` atomically (saying so on standard error with `what`), or to
    /// standard output when there is no file or it is `-`.
    static func write(_ text: String, to output: String?, what: String) throws {
        guard let output, output != "-" else { return out(text) }
        do {
            let path = try AtomicFile.write(Array(text.utf8), to: output)
            err("wrote \(what) to \(SafeText.escaped(path))")
        } catch {
            err("error: \(error)")
            throw ExitCode.failure
        }
    }
}
