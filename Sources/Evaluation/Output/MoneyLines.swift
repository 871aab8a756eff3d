/// What the money buys, in words: decided once for every surface that writes it (the
/// `sensitivity` command, the board report's Markdown). With rules, each fund pays what its
/// rules allow and the town the rest (`FundAllocation`); without, the funds are one pool for
/// year one (`BudgetPlan`). A surface asks for the title and the lines; it never decides.
public enum MoneyLines {
    /// The section's title.
    public static func title(_ profile: Profile) -> String {
        profile.fundsHaveRules
            ? "What the town pays, year by year, after each fund pays what its rules allow"
            : "Budget plan: what the \(Format.dollars(profile.funds)) on hand buy in year one, and what the town pays every year after"
    }

    /// How a summary names the funds.
    public enum FundsStyle: Sendable {
        /// "$12,000+$5,000" (with rules) or "$17,000": the terminal's narrow header.
        case compact
        /// "$12,000 + $5,000 by their rules" or "$17,000".
        case amounts
        /// Each fund with its rules: "JAG $12,000 (may pay anything, in years 1-4), ...".
        case rules
    }

    /// The funds in one phrase, decided once: with rules each fund is named apart (never one
    /// pooled sum); without, their total.
    public static func funds(_ profile: Profile, _ style: FundsStyle) -> String {
        guard profile.fundsHaveRules else { return Format.dollars(profile.funds) }
        switch style {
        case .compact: return profile.funding.map { Format.dollars($0.amount) }.joined(separator: "+")
        case .amounts:
            return profile.funding.map { Format.dollars($0.amount) }.joined(separator: " + ") + " by their rules"
        case .rules:
            return profile.funding.map { f in
                let lapsed = f.hasLapsed(by: profile.evaluationDate) ? "; lapsed: pays nothing" : ""
                return "\(f.source) \(Format.dollars(f.amount)) (\(f.ruleText)\(lapsed))"
            }.joined(separator: ", ")
        }
    }

    /// One product's sentence, the name escaped.
    public static func sentence(_ a: Assessment) -> String {
        let name = SafeText.escaped(a.product.name)
        guard a.profile.fundsHaveRules else { return BudgetPlan(a.cost).sentence(for: name) }
        return a.allocation.sentence(for: name, cost: a.cost) + "; under the rules the funds equip "
            + BudgetPlan.equipShort(a.camerasEquipped, of: a.cost.cameras) + " cameras in year one"
    }
}
