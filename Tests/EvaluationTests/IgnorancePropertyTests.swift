import LineupTestSupport
import Testing

@testable import Evaluation

/// Issue 19, rule 1, as a property: on 300 seeded random lineups (both methods, with and
/// without the market reference), taking a stated figure away from a product never helps it.
/// Where the reference covers the figure, the unknown scores exactly as stating the reference's
/// middle; where it does not, never more than stating the least favourable value the lineup
/// gives; by weighted sum, never a better rank.
@Suite struct IgnorancePropertyTests {
    /// A figure a spec may leave out, how to take it away and how to state a value for it.
    struct Figure: Sendable {
        var name: String
        var item: MarketItem
        var applies: @Sendable (Product) -> Bool
        var remove: @Sendable (inout Product) -> Void
        var state: @Sendable (inout Product, Double) -> Void
    }

    static let figures: [Figure] = [
        Figure(
            name: "dock price", item: .docksPerCamera, applies: { $0.dockPrice != nil },
            remove: {
                $0.dockPrice = nil
                $0.camerasPerDock = nil
            },
            state: { p, v in
                p.dockPrice = v
                p.camerasPerDock = 1
            }),
        Figure(
            name: "setup", item: .setup, applies: { $0.setupCost != nil }, remove: { $0.setupCost = nil },
            state: { p, v in p.setupCost = v }),
        Figure(
            name: "server", item: .serverPrice, applies: { $0.serverPrice != nil && $0.storageModel == .onPremises },
            remove: { $0.serverPrice = nil }, state: { p, v in p.serverPrice = v }),
        // A licence per camera, taken away: the estimate of the product's hosting, per camera
        // as each range was derived (issue 19 rule 3). Only where no per-user licence is stated.
        Figure(
            name: "cloud licence per camera", item: .cloudPerCameraPerMonth,
            applies: { $0.perCameraPerMonth != nil && $0.perUserPerMonth == nil && $0.storageModel == .cloud },
            remove: { $0.perCameraPerMonth = nil }, state: { p, v in p.perCameraPerMonth = Estimate(v) }),
        Figure(
            name: "on-site licence per camera", item: .softwarePerCameraPerMonth,
            applies: { $0.perCameraPerMonth != nil && $0.perUserPerMonth == nil && $0.storageModel == .onPremises },
            remove: { $0.perCameraPerMonth = nil }, state: { p, v in p.perCameraPerMonth = Estimate(v) }),
        Figure(
            name: "back-end seats per camera", item: .backendPerCameraPerMonth,
            applies: {
                $0.perCameraPerMonth != nil && $0.perUserPerMonth == nil && $0.storageModel == .existingBackend
            },
            remove: { $0.perCameraPerMonth = nil }, state: { p, v in p.perCameraPerMonth = Estimate(v) }),
        Figure(
            name: "video rate", item: .gbPerHour, applies: { $0.gbPerHour != nil }, remove: { $0.gbPerHour = nil },
            state: { p, v in p.gbPerHour = v }),
    ]

    static func total(_ products: [Product], _ profile: Profile, _ id: String, _ method: Method) -> (Double, Int)? {
        let r = Ranking(
            Assessment.assess(products, profile: profile), weights: profile.weights, method: method,
            evaluationDate: profile.evaluationDate)
        return r.entry(id).map { ($0.score, $0.rank) }
    }

    @Test func anUnknownFigureNeverScoresBetterThanTheFigureItStandsFor() {
        var seeder = SplitMix64(seed: 19)
        var cases = 0
        var covered = 0
        for _ in 0..<300 {
            var rng = SplitMix64(seed: seeder.next())
            let (profile, products) = randomLineup(&rng, market: bundledMarket)
            for i in products.indices.prefix(3) {
                for f in Self.figures where f.applies(products[i]) {
                    var unknown = products
                    f.remove(&unknown[i])
                    // What stands in for it: the reference's middle, or the lineup's worst.
                    let value: Double
                    if let m = profile.market?[f.item] {
                        value = m.point
                        covered += 1
                    } else if let w = Fallbacks(
                        unknown, usersPerCamera: Double(profile.licensedUsers) / Double(max(1, profile.cameras))
                    ).worst[f.item] {
                        value = w.value
                    } else {
                        continue
                    }
                    var stated = unknown
                    f.state(&stated[i], value)
                    let id = products[i].id
                    for method in [Method.weightedSum, .topsis] {
                        guard let u = Self.total(unknown, profile, id, method),
                            let s = Self.total(stated, profile, id, method)
                        else { continue }
                        if profile.market?[f.item] != nil {
                            #expect(abs(u.0 - s.0) < 1e-9, "\(f.name) \(method): unknown \(u.0), stated middle \(s.0)")
                        } else {
                            #expect(u.0 <= s.0 + 1e-9, "\(f.name) \(method): unknown \(u.0) > stated worst \(s.0)")
                        }
                        if method == .weightedSum {
                            #expect(u.1 >= s.1, "\(f.name): unknown ranks \(u.1), stated \(s.1)")
                        }
                        cases += 1
                    }
                }
            }
        }
        print("ignorance never pays: \(cases) cases (\(covered) figures covered by the market reference)")
        #expect(cases > 1000)
    }
}
