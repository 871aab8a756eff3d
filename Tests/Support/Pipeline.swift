import Evaluation

/// Everything Lineup does with one spec file, end to end and in memory: decode it as a
/// product beside the sample products and rank them all by both methods; run the sensitivity,
/// a short simulation, the explanation and every output format; then decode the same bytes as
/// a department profile and, if it loads, rank the samples under it. The libFuzzer target
/// (`.ci/fuzz 600 spec`) calls this on every input, and `swift test` replays each saved
/// crasher through it. It must never trap, whatever the bytes.
public enum SpecPipeline {
    public static func exercise(_ bytes: [UInt8]) {
        let samples = [panasonicBWC, vievuCloud, axonBody]
        let loaded = SpecDecoder.product(bytes, file: "fuzz.toml", id: "fuzz")
        for d in loaded.diagnostics { _ = d.description }
        if let p = loaded.value { rankEverything(samples + [p], profile: wilton()) }
        let profile = SpecDecoder.profile(bytes, file: "department.toml")
        for d in profile.diagnostics { _ = d.description }
        if let p = profile.value { rankEverything(samples, profile: p) }
    }

    static func rankEverything(_ products: [Product], profile: Profile) {
        for method in [Method.weightedSum, .topsis] {
            let ranking = Ranking(
                Assessment.assess(products, profile: profile), weights: profile.weights, method: method,
                evaluationDate: profile.evaluationDate)
            let simulation = Simulation.run(ranking, options: .init(draws: 40, seed: 1))
            let sensitivity = Sensitivity.analyse(ranking)
            let extras = RankingReport.Extras(simulation: simulation, sensitivity: sensitivity)
            _ = RankingReport.table(ranking, profile: profile, extras: extras)
            _ = RankingReport.csv(ranking, extras: extras)
            _ = RankingReport.json(ranking, extras: extras)
            _ = Simulation.lines(simulation, ranking: ranking)
            _ = Sensitivity.lines(sensitivity, ranking: ranking)
            for e in ranking.entries {
                _ = Explanation.lines(e, in: ranking, profile: profile)
                _ = BudgetPlan(e.assessment.cost).sentence(for: e.product.name)
            }
        }
    }
}
