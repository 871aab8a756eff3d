/// Integration with the department's existing in-car system: each feature that works with the
/// system the department owns earns its points. A feature the spec does not state, on a
/// product that works with the department's system, earns the market reference's chance of
/// it x its points (the mean of what the simulation draws: the link there or not); without a
/// chance it earns nothing and says so.
///
/// - score = points earned / points available x 100
public struct IntegrationMetrics: Equatable, Sendable {
    public enum State: String, Sendable { case yes, no, unknown }

    public var worksWithDepartmentSystem: Bool
    public var features: [(IntegrationFeature, State, Double)]
    public var earned: Double
    public var available: Double
    public var working: [WorkingLine]
    public var lines: [String] { working.map(\.text) }
    /// Unknown links with a chance: (chance, points), drawn in the simulation.
    public var chances: [(Double, Double)] = []
    /// The feature of each of `chances`.
    public var chanceFeatures: [IntegrationFeature] = []
    /// The points of the links that are known.
    public var knownEarned: Double = 0

    public var score: Double { available > 0 ? earned / available * 100 : 0 }

    public static func == (a: Self, b: Self) -> Bool {
        a.earned == b.earned && a.available == b.available && a.lines == b.lines
    }

    static func normalised(_ s: String) -> String {
        String(s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " "))
    }

    static func compute(_ p: Product, _ profile: Profile, explain: Bool = false) -> IntegrationMetrics {
        let system = p.inCarSystem.map(normalised)
        let matches = system != nil && !profile.inCarSystem.isEmpty && system == normalised(profile.inCarSystem)
        var lines = Working(enabled: explain)
        if let s = p.inCarSystem {
            lines.add(
                matches
                    ? "works with \(SafeText.escaped(s)), the department's in-car system"
                    : "its in-car link is for \(SafeText.escaped(s)), not \(SafeText.escaped(profile.inCarSystem)): no feature counts"
            )
        } else {
            lines.add("in-car system it works with: not stated", .unknown)
        }
        var features: [(IntegrationFeature, State, Double)] = []
        var earned = 0.0
        var available = 0.0
        var known = 0.0
        var chances: [(Double, Double)] = []
        var chanceFeatures: [IntegrationFeature] = []
        for f in IntegrationFeature.allCases {
            let pts = profile.integrationPoints[f] ?? f.defaultPoints
            available += pts
            let state: State = p.features[f].map { $0 ? .yes : .no } ?? .unknown
            var got = matches && state == .yes ? pts : 0
            if matches && state == .unknown, let c = profile.market?.linkChances[f] {
                got = c.low * pts
                chances.append((c.low, pts))
                chanceFeatures.append(f)
                lines.add(
                    "\(f.label): not stated -> estimate \(Format.number(c.low * 100, places: 1))% chance x \(Format.number(pts)) = \(Format.number(got)) of \(Format.number(pts)) points (\(c.provenance))"
                )
            } else {
                known += got
                lines.add(
                    "\(f.label): \(state.rawValue) -> \(Format.number(got)) of \(Format.number(pts)) points",
                    state == .unknown ? .unknown : .step)
            }
            earned += got
            features.append((f, state, got))
        }
        lines.add("points = \(Format.number(earned)) of \(Format.number(available))")
        var m = IntegrationMetrics(
            worksWithDepartmentSystem: matches, features: features, earned: earned, available: available,
            working: lines.lines)
        m.chances = chances
        m.chanceFeatures = chanceFeatures
        m.knownEarned = known
        return m
    }
}
