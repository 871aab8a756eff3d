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

    /// One product's sentence, the name escaped.
    public static func sentence(_ a: Assessment) -> String {
        let name = SafeText.escaped(a.product.name)
        guard a.profile.fundsHaveRules else { return BudgetPlan(a.cost).sentence(for: name) }
        return a.allocation.sentence(for: name, cost: a.cost) + "; under the rules the funds equip "
            + BudgetPlan.equipShort(a.camerasEquipped, of: a.cost.cameras) + " cameras in year one"
    }
}
