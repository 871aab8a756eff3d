/// What the money buys, in words: decided once for every surface that writes it (the
/// `sensitivity` command, the board report's Markdown). With rules, each fund pays what its
/// rules allow and the town the rest (`FundAllocation`); without, the funds are one pool for
/// year one (`BudgetPlan`). A surface asks for the title and the lines; it never decides.
public enum MoneyLines {
    /// The section's title.
    public static func title(_ profile: Profile) -> String {
        byRules(profile)
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
        guard byRules(profile) else { return Format.dollars(profile.funds) }
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

    /// Whether the money is shown fund by fund (the funds have rules) or as one pool. Every
    /// surface's choice between the two is made here, by the functions below; none reads the
    /// profile's rules itself.
    public static func byRules(_ profile: Profile) -> Bool { profile.fundsHaveRules }

    /// The figure the year-one column shows and sorts by: the town's share of year one by the
    /// rules, or year one itself against the pooled funds.
    public static func yearOneFigure(_ a: Assessment) -> Double {
        byRules(a.profile) ? a.allocation.townByYear[0] : a.cost.yearOne
    }

    /// The title of the section on what the town pays, year by year.
    public static func townTitle(_ profile: Profile) -> String {
        byRules(profile)
            ? "What the town pays, year by year, after each fund pays what its rules allow"
            : "What the town pays, year by year (the funds are one pool for year one)"
    }

    /// The title of the year-one budget section (the terminal's budget view).
    public static func yearOneTitle(_ profile: Profile) -> String {
        byRules(profile)
            ? "What year one pays for (each fund by its rules: the table above)"
            : "What \(Format.dollars(profile.funds)) buys in year one, and what the town pays every year after"
    }

    /// The title of the report's funds chart.
    public static func chartTitle(_ profile: Profile) -> String {
        byRules(profile)
            ? "What the funds pay, each by its rules, and what the town pays"
            : "What the funds buy: year one against \(Format.dollars(profile.funds)), and every year after"
    }

    /// The year-one verdict beside a product's bar: the town's share of year one by the rules,
    /// or what is left of (or short of) the pooled funds; `bad` when short of pooled funds.
    public static func yearOneVerdict(_ a: Assessment) -> (text: String, bad: Bool) {
        if byRules(a.profile) { return ("town " + a.allocation.townText(0, cost: a.cost), false) }
        let left = a.cost.leftover
        return left >= 0 ? (Format.dollars(left) + " left", false) : (Format.dollars(-left) + " short!", true)
    }

    /// "the funds equip 11 of 15 cameras in year one" (" under their rules" with rules).
    public static func equipNote(_ a: Assessment) -> String {
        "the funds equip \(BudgetPlan.equipShort(a.camerasEquipped, of: a.cost.cameras)) cameras in year one"
            + (byRules(a.profile) ? " under their rules" : "")
    }

    /// The funds left after year one, as compare shows it: with rules there is no pool left.
    public static func fundsLeft(_ a: Assessment) -> Double? { byRules(a.profile) ? nil : a.cost.leftover }

    /// The legend line of the text table for the year-one column and the marks.
    public static func yearOneLegend(_ profile: Profile) -> String {
        byRules(profile)
            ? "Town y1: what the town pays in year one after each fund pays what its rules allow; ! available after the need-by date \(profile.needBy.text); ? no date"
            : "! year one over the funds, or available after the need-by date \(profile.needBy.text); ? no date known"
    }

    /// The recommendation's money line for the leading product.
    public static func recommendation(_ a: Assessment) -> String {
        if byRules(a.profile) {
            return "Money, each fund by its rules: " + a.allocation.sentence(for: a.product.name, cost: a.cost) + "; "
                + equipNote(a) + "."
        }
        let plan = BudgetPlan(a.cost)
        var money = "Money: year one costs \(plan.marked(plan.yearOne))"
        if plan.uncertain { money += " (\(Format.dollars(plan.yearOneLow)) to \(Format.dollars(plan.yearOneHigh)))" }
        money += " against \(Format.dollars(a.profile.funds)) on hand"
        money +=
            plan.leftOver >= 0
            ? ", leaving \(Format.dollars(plan.leftOver))" : ": the town adds about \(Format.dollars(-plan.leftOver))"
        money += "; then \(plan.marked(plan.everyYearAfter, recurring: true)) every year after; \(equipNote(a))."
        return money
    }

    /// What the recommended product costs and who pays, in a Board's words (page 1 of the
    /// board report): up front, each later year and over the horizon; what each fund pays by
    /// its rules (or what the pooled funds cover); what the town pays in year one and in all.
    /// "about" where a figure rests on a range or an estimate; costs no one has given are named.
    public static func board(_ a: Assessment) -> [String] {
        let c = a.cost
        let uncertain = Marks.costIsUncertain(c)
        func about(_ v: Double) -> String { (uncertain ? "about " : "") + Format.dollars(v) }
        let years = Format.number(a.profile.horizonYears)
        var cost =
            "It costs \(about(c.upfront)) up front (cameras, docks or chargers, set-up and any server) and \(about(c.annual)) in each later year (licences, storage and warranty): \(about(c.tco)) over the \(years) years compared"
        if !c.notCounted.isEmpty {
            cost += ", plus what the vendor has not priced (\(c.notCounted.joined(separator: ", ")))"
        }
        var out = [cost + "."]
        if byRules(a.profile) {
            let al = a.allocation
            let paid = al.funding.indices.map { i -> String in
                let total = al.paidByFund[i].reduce(0, +)
                return "the \(al.funding[i].source) pays \(Format.dollars(total)) (it \(al.funding[i].ruleText))"
            }
            var money = paid.isEmpty ? "" : "Of that, " + list(paid) + ". "
            money +=
                "The town pays \(about(al.townByYear[0])) in year one and \(about(al.townTotal)) over the \(years) years"
            if !c.notCounted.isEmpty { money += ", plus what is not yet priced" }
            out.append(money + "; \(equipNote(a)).")
        } else {
            let plan = BudgetPlan(c)
            var money = "The \(Format.dollars(a.profile.funds)) on hand "
            money +=
                plan.leftOver >= 0
                ? "pays year one's \(about(plan.yearOne)) and leaves \(Format.dollars(plan.leftOver))"
                : "pays \(Format.dollars(a.profile.funds)) of year one's \(about(plan.yearOne)); the town adds \(about(-plan.leftOver))"
            money += "; the town then pays \(about(plan.everyYearAfter)) every year after; \(equipNote(a))."
            out.append(money)
        }
        return out
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// One product's sentence, the name escaped.
    public static func sentence(_ a: Assessment) -> String {
        let name = SafeText.escaped(a.product.name)
        guard byRules(a.profile) else { return BudgetPlan(a.cost).sentence(for: name) }
        return a.allocation.sentence(for: name, cost: a.cost) + "; under the rules the funds equip "
            + BudgetPlan.equipShort(a.camerasEquipped, of: a.cost.cameras) + " cameras in year one"
    }
}
