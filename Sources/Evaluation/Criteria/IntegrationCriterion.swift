/// Integration with the department's existing in-car system: each feature that works with the
/// system the department owns earns its points; unknown earns nothing and says so.
///
/// - score = points earned / points available x 100
public struct IntegrationMetrics: Equatable, Sendable {
    public enum State: String, Sendable { case yes, no, unknown }

    public var worksWithDepartmentSystem: Bool
    public var features: [(IntegrationFeature, State, Double)]
    public var earned: Double
    public var available: Double
    public var lines: [String]

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
                matches ? "works with \(SafeText.escaped(s)), the department's in-car system"
                    : "its in-car link is for \(SafeText.escaped(s)), not \(SafeText.escaped(profile.inCarSystem)): no feature counts")
        } else {
            lines.add("in-car system it works with: not stated")
        }
        var features: [(IntegrationFeature, State, Double)] = []
        var earned = 0.0
        var available = 0.0
        for f in IntegrationFeature.allCases {
            let pts = profile.integrationPoints[f] ?? f.defaultPoints
            available += pts
            let state: State = p.features[f].map { $0 ? .yes : .no } ?? .unknown
            let got = matches && state == .yes ? pts : 0
            earned += got
            features.append((f, state, got))
            lines.add("\(f.label): \(state.rawValue) -> \(Format.number(got)) of \(Format.number(pts)) points")
        }
        lines.add("points = \(Format.number(earned)) of \(Format.number(available))")
        return IntegrationMetrics(worksWithDepartmentSystem: matches, features: features, earned: earned, available: available, lines: lines.lines)
    }
}
