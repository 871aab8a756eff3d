/// How far the weights can move before the ranking changes (Triantaphyllou & Sanchez 1997).
///
/// The rule, named wherever the figures are shown: **one weight changes and the other weights
/// stay as they are**; because only proportions matter, that is the same as rescaling the other
/// weights in proportion so the shares still add up to 100%.
///
/// Weighted sum, with shares s (adding up to 1) and criterion scores a. Setting k's share to
/// t (0-1) and keeping the others' proportions, product i's total is a straight line in t:
/// - P(i, t) = R(i) + t x (a(i, k) - R(i)), where R(i) = (P(i) - s(k) a(i, k)) / (1 - s(k)) is
///   its total over the other criteria at their proportions. When the other weights are all 0
///   they have no proportions; the rule is then defined as sharing the freed weight equally
///   among them (R(i) = their mean score).
/// - Two products swap where their lines cross: t* = -(R(i) - R(j)) / ((a(i,k) - R(i)) -
///   (a(j,k) - R(j))), a swap only if the lower one is strictly above beyond t* within [0, 1].
///   At exactly 0% or 100% the two may only tie; the ranking's tie rule (`Ranking.precedes`:
///   lower TCO, then name) then decides, as `lineup rank --weights` would. Every share from
///   0 to 100% is reachable.
/// - The leader L stays first for the t where no line is above L's: an interval around s(k).
/// (This is Triantaphyllou & Sanchez's critical change, rescaled: their new share w becomes
/// t = w / (1 - s(k) + w).)
///
/// TOPSIS has no closed form; its figures come from a search over the weight (0.1% steps).
public enum Sensitivity {
    public static let rule = "one weight changes, the others keep their proportions"

    /// For one criterion: the range of its weight within which the current #1 stays #1.
    public struct Interval: Equatable, Sendable {
        public var criterion: Criterion
        /// The current share, 0-1.
        public var share: Double
        /// The lowest and highest shares (0-1, after rescaling) that keep the leader first.
        public var lowShare: Double
        public var highShare: Double
        /// Who takes first place just below the low end / above the high end (nil: nobody).
        public var takerBelow: String?
        public var takerAbove: String?
        /// The leader keeps first place up to, but not at, the low (high) end: there another
        /// product ties it and goes first by the tie rule (only at 0% or 100%).
        public var lowExclusive = false
        public var highExclusive = false
    }

    /// For one pair (i above j) and one criterion: the change of that weight that swaps them.
    public struct Swap: Equatable, Sendable {
        public var upper: String
        public var lower: String
        public var criterion: Criterion
        /// Current share of the criterion (0-1, before the change).
        public var share: Double
        /// T&S delta in share units (positive: lower the weight); nil when no change of this
        /// weight alone swaps them.
        public var delta: Double?
        /// The share after the change (0-1; the others keep their proportions).
        public var newShare: Double?
        /// The two are tied now: any change of the weight in one direction swaps them.
        public var tiedNow = false
        /// For a tie: true when raising the weight swaps them, false when lowering does.
        public var raiseSwaps = false

        /// 100 x delta / share, the relative change.
        public var relativeChange: Double? {
            guard let delta, share > 0 else { return nil }
            return 100 * delta / share
        }
    }

    public struct Report: Equatable, Sendable {
        public var method: Method
        public var leader: String?
        public var intervals: [Interval]
        public var swaps: [Swap]
        /// True when the figures come from a numerical search (TOPSIS).
        public var numerical: Bool
    }

    public static func analyse(_ ranking: Ranking) -> Report {
        let entries = ranking.entries
        guard let leader = entries.first else {
            return Report(
                method: ranking.method, leader: nil, intervals: [], swaps: [], numerical: ranking.method == .topsis)
        }
        let criteria = ranking.weights.criteria
        let shares = criteria.map { ranking.weights.share($0) }
        let assessments = entries.map(\.assessment)
        let top = Array(entries.prefix(3))
        switch ranking.method {
        case .weightedSum:
            let intervals = criteria.enumerated().map { k, c in
                weightedSumInterval(assessments, leader: 0, criterion: c, shares: shares, k: k)
            }
            var swaps: [Swap] = []
            for i in 0..<top.count {
                for j in (i + 1)..<top.count {
                    for (k, c) in criteria.enumerated() {
                        swaps.append(weightedSumSwap(top[i], top[j], criterion: c, shares: shares, k: k))
                    }
                }
            }
            return Report(method: .weightedSum, leader: leader.id, intervals: intervals, swaps: swaps, numerical: false)
        case .topsis:
            return numericalReport(ranking, shares: shares)
        }
    }

    /// P(i) with shares `s`.
    static func total(_ a: Assessment, _ s: [Double]) -> Double {
        // The four measured criteria, then the committee when the shares include it.
        let v = a.scores
        let measured = Scoring.weightedSum(
            s[0], s[1], s[2], s[3], cost: v.cost, integration: v.integration, storage: v.storage,
            availability: v.availability)
        return s.count > 4 ? measured + s[4] * v.committee : measured
    }

    /// A product's total as k's share t varies, the others keeping their proportions:
    /// base + slope x t.
    public static func line(_ row: [Double], shares s: [Double], k: Int) -> (base: Double, slope: Double) {
        let rest = 1 - s[k]
        let r: Double
        if rest > 1e-12 {
            var others = 0.0
            for j in row.indices where j != k { others += s[j] * row[j] }
            r = others / rest
        } else {
            // The others are all 0: the freed weight is shared equally among them.
            var sum = 0.0
            for j in row.indices where j != k { sum += row[j] }
            r = row.count > 1 ? sum / Double(row.count - 1) : 0
        }
        return (r, row[k] - r)
    }

    /// The share of k (0-1) at which `lower` passes `upper`, or nil when no change of k alone
    /// makes it strictly better. `tiedNow`: they are equal already, and moving k the right way
    /// at all swaps them.
    public static func swapShare(
        upper: [Double], lower: [Double], shares s: [Double], k: Int, lowerFirstOnTie: Bool = false
    )
        -> (share: Double, tiedNow: Bool)?
    {
        let u = line(upper, shares: s, k: k)
        let l = line(lower, shares: s, k: k)
        let g = u.base - l.base
        let h = u.slope - l.slope
        guard h != 0 else { return nil }
        let edge = 1e-12
        if abs(g + h * s[k]) <= Ranking.tolerance {
            // Tied now: moving k the way that favours the lower one swaps them, if k can move so.
            return (h > 0 ? s[k] > edge : s[k] < 1 - edge) ? (s[k], true) : nil
        }
        let t = -g / h
        // h > 0: the gap shrinks as k falls; a swap needs room below t. h < 0: above t.
        if h > 0 ? t > edge : t < 1 - edge { return (t, false) }
        // No crossing inside: at the end the lower one gains on, they may tie, and the tie rule
        // decides (at 0% the others share the weight; at 100% k has it all).
        let end = h > 0 ? 0.0 : 1.0
        if lowerFirstOnTie && abs(g + h * end) <= Ranking.tolerance && end != s[k] { return (end, false) }
        return nil
    }

    /// The range of k's share (0-1) within which row `leader` keeps a total no lower than any
    /// other's, and who passes it just below and just above.
    public static func leaderInterval(scores: [[Double]], shares s: [Double], leader l: Int, criterion k: Int)
        -> (low: Double, high: Double, below: Int?, above: Int?)
    {
        let lead = line(scores[l], shares: s, k: k)
        var low = 0.0
        var high = 1.0
        var below: Int?
        var above: Int?
        for i in scores.indices where i != l {
            let other = line(scores[i], shares: s, k: k)
            let g = lead.base - other.base
            let h = lead.slope - other.slope
            guard h != 0 else { continue }
            let bound = -g / h
            if h > 0 && bound > low {
                low = bound
                below = i
            } else if h < 0 && bound < high {
                high = bound
                above = i
            }
        }
        return (min(low, s[k]), max(high, s[k]), below, above)
    }

    /// A product's scores on the first `count` criteria (the shares' count: 4, or 5 with a committee).
    static func row(_ a: Assessment, _ count: Int) -> [Double] { Criterion.allCases.prefix(count).map { a.scores[$0] } }

    public static func weightedSumSwap(
        _ upper: RankedProduct, _ lower: RankedProduct, criterion c: Criterion, shares s: [Double], k: Int
    )
        -> Swap
    {
        var swap = Swap(upper: upper.id, lower: lower.id, criterion: c, share: s[k], delta: nil, newShare: nil)
        let lowerFirstOnTie = Ranking.precedes(0, lower.assessment, 0, upper.assessment)
        guard
            let found = swapShare(
                upper: row(upper.assessment, s.count), lower: row(lower.assessment, s.count), shares: s, k: k,
                lowerFirstOnTie: lowerFirstOnTie)
        else { return swap }
        swap.newShare = found.share
        swap.delta = s[k] - found.share
        swap.tiedNow = found.tiedNow
        if found.tiedNow {
            // Which way swaps them: the direction in which the lower one's line rises faster.
            let u = line(row(upper.assessment, s.count), shares: s, k: k)
            let l = line(row(lower.assessment, s.count), shares: s, k: k)
            swap.raiseSwaps = l.slope > u.slope
        }
        return swap
    }

    static func weightedSumInterval(
        _ all: [Assessment], leader l: Int, criterion c: Criterion, shares s: [Double], k: Int
    ) -> Interval {
        let b = leaderInterval(scores: all.map { row($0, s.count) }, shares: s, leader: l, criterion: k)
        var interval = Interval(
            criterion: c, share: s[k], lowShare: b.low, highShare: b.high, takerBelow: nil, takerAbove: nil)
        // Who is #1 just beyond each end, by the ranking's own arithmetic and tie rule (several
        // products may cross the leader at one point; the one ranked first there is named).
        // At exactly 0% or 100% another product may tie the leader and go first by the tie rule.
        func first(at t: Double) -> Int { firstPlace(all, shares(s, setting: k, to: t)) }
        if b.low > 1e-9 {
            interval.takerBelow = all[first(at: max(0, b.low - min(1e-6, b.low / 2)))].product.id
        } else if s[k] > 0, case let f = first(at: 0), f != l {
            interval.lowShare = 0
            interval.lowExclusive = true
            interval.takerBelow = all[f].product.id
        }
        if b.high < 1 - 1e-9 {
            interval.takerAbove = all[first(at: min(1, b.high + min(1e-6, (1 - b.high) / 2)))].product.id
        } else if s[k] < 1, case let f = first(at: 1), f != l {
            interval.highShare = 1
            interval.highExclusive = true
            interval.takerAbove = all[f].product.id
        }
        return interval
    }

    /// The index of the product `Ranking` puts first with shares `s` (weighted sum).
    static func firstPlace(_ all: [Assessment], _ s: [Double]) -> Int {
        var best = 0
        var bestTotal = total(all[0], s)
        for i in all.indices.dropFirst() {
            let t = total(all[i], s)
            if Ranking.precedes(t, all[i], bestTotal, all[best]) {
                best = i
                bestTotal = t
            }
        }
        return best
    }

    // MARK: - TOPSIS, by search

    /// Shares with criterion k set to `t` (0-1) and the others rescaled in proportion.
    static func shares(_ s: [Double], setting k: Int, to t: Double) -> [Double] {
        let rest = 1 - s[k]
        return s.indices.map { j in
            if j == k { return t }
            return rest > 0 ? s[j] / rest * (1 - t) : (1 - t) / Double(s.count - 1)
        }
    }

    static func topsisOrder(_ assessments: [Assessment], _ s: [Double]) -> [Int] {
        let criteria = Criterion.allCases.prefix(s.count)
        let matrix = assessments.map { a in criteria.map { a.raw($0) } }
        let c = TOPSIS.evaluate(matrix, weights: s, benefit: criteria.map(Assessment.isBenefit)).closeness
        return assessments.indices.sorted {
            Ranking.precedes(c[$0] * 100, assessments[$0], c[$1] * 100, assessments[$1])
        }
    }

    static func numericalReport(_ ranking: Ranking, shares s: [Double]) -> Report {
        let entries = ranking.entries
        let assessments = entries.map(\.assessment)
        let steps = 1000
        var intervals: [Interval] = []
        var swaps: [Swap] = []
        let top = Array(entries.prefix(3).indices)
        for (k, c) in ranking.weights.criteria.enumerated() {
            // The leader's order at each grid point.
            let orders = (0...steps).map {
                topsisOrder(assessments, shares(s, setting: k, to: Double($0) / Double(steps)))
            }
            let here = Int((s[k] * Double(steps)).rounded())
            var lo = here
            while lo > 0 && orders[lo - 1][0] == 0 { lo -= 1 }
            var hi = here
            while hi < steps && orders[hi + 1][0] == 0 { hi += 1 }
            intervals.append(
                Interval(
                    criterion: c, share: s[k], lowShare: Double(lo) / Double(steps),
                    highShare: Double(hi) / Double(steps),
                    takerBelow: lo > 0 ? entries[orders[lo - 1][0]].id : nil,
                    takerAbove: hi < steps ? entries[orders[hi + 1][0]].id : nil))
            for i in top {
                for j in top where j > i {
                    // The nearest grid point where j is ahead of i.
                    var best: Int?
                    for t in 0...steps {
                        let order = orders[t]
                        if order.firstIndex(of: j)! < order.firstIndex(of: i)!,
                            best.map({ abs($0 - here) > abs(t - here) }) ?? true
                        {
                            best = t
                        }
                    }
                    var swap = Swap(
                        upper: entries[i].id, lower: entries[j].id, criterion: c, share: s[k], delta: nil, newShare: nil
                    )
                    if let best {
                        let t = Double(best) / Double(steps)
                        swap.newShare = t
                        swap.delta = s[k] - t
                    }
                    swaps.append(swap)
                }
            }
        }
        return Report(method: .topsis, leader: entries.first?.id, intervals: intervals, swaps: swaps, numerical: true)
    }

    /// A change of a weight's share in one unit: "40.0% -> 59.7% (+19.7 points)". Both ends
    /// are shares of the total weight; the difference is in percentage points, never a
    /// percentage of a percentage.
    public static func shareChange(from old: Double, to new: Double) -> String {
        let points = (new - old) * 100
        let sign = points >= 0 ? "+" : "-"
        return
            "\(Format.fixed(old * 100, 1))% -> \(Format.fixed(new * 100, 1))% (\(sign)\(Format.fixed(abs(points), 1)) points)"
    }

    /// The report in words, by part, so a view can draw each part its own way without
    /// counting or re-reading lines.
    public struct Page: Equatable, Sendable {
        /// "Weight sensitivity (weighted sum; rule: ...)".
        public var title: String
        /// "X stays #1 while each weight, alone, stays within:".
        public var intro: String
        /// One line per criterion: its interval and who takes first beyond it.
        public var intervals: [String]
        /// Per pair of the top three: a heading, then one line per criterion.
        public var pairs: [(heading: String, swaps: [String])]

        public static func == (a: Page, b: Page) -> Bool {
            a.title == b.title && a.intro == b.intro && a.intervals == b.intervals
                && a.pairs.map(\.heading) == b.pairs.map(\.heading) && a.pairs.map(\.swaps) == b.pairs.map(\.swaps)
        }

        /// The page as text lines: title, intro, intervals, then each pair.
        public var lines: [String] { [title, intro] + intervals + pairs.flatMap { [$0.heading] + $0.swaps } }
    }

    /// The report as lines a lieutenant can read.
    public static func lines(_ report: Report, ranking: Ranking) -> [String] {
        page(report, ranking: ranking)?.lines ?? ["No products to analyse."]
    }

    public static func page(_ report: Report, ranking: Ranking) -> Page? {
        func name(_ id: String?) -> String {
            id.flatMap { ranking.entry($0)?.product.name }.map(SafeText.escaped) ?? "-"
        }
        let pct = Format.percent
        guard let leader = report.leader else { return nil }
        var page = Page(
            title:
                "Weight sensitivity (\(ranking.method.label); rule: \(rule)\(report.numerical ? "; found by searching each weight in 0.1% steps" : "; Triantaphyllou & Sanchez 1997"))",
            intro: "\(name(leader)) stays #1 while each weight, alone, stays within:", intervals: [], pairs: [])
        for i in report.intervals {
            let from = i.lowExclusive ? "just over \(pct(i.lowShare))" : pct(i.lowShare)
            let to = i.highExclusive ? "just under \(pct(i.highShare))" : pct(i.highShare)
            var line = "  \(SafeText.padded(i.criterion.label, 12)) now \(pct(i.share)): from \(from) to \(to)"
            var takers: [String] = []
            if let b = i.takerBelow {
                takers.append(
                    i.lowExclusive
                        ? "at \(pct(i.lowShare)): \(name(b)), tied and first by the tie rule" : "below: \(name(b))")
            }
            if let a = i.takerAbove {
                takers.append(
                    i.highExclusive
                        ? "at \(pct(i.highShare)): \(name(a)), tied and first by the tie rule" : "above: \(name(a))")
            }
            line += takers.isEmpty ? " (any value)" : " (then #1 " + takers.joined(separator: "; ") + ")"
            page.intervals.append(line)
        }
        var pairs: [(String, String)] = []
        for s in report.swaps where !pairs.contains(where: { $0 == (s.upper, s.lower) }) {
            pairs.append((s.upper, s.lower))
        }
        for (u, l) in pairs {
            var swaps: [String] = []
            for s in report.swaps where s.upper == u && s.lower == l {
                if s.tiedNow {
                    swaps.append(
                        "  \(SafeText.padded(s.criterion.label, 12)) tied now: \(s.raiseSwaps ? "raising" : "lowering") it at all puts \(name(s.lower)) first"
                    )
                } else if let d = s.delta, let n = s.newShare {
                    let direction = d > 0 ? "lower" : "raise"
                    swaps.append(
                        "  \(SafeText.padded(s.criterion.label, 12)) \(direction) \(Self.shareChange(from: s.share, to: n))"
                    )
                } else {
                    swaps.append(
                        "  \(SafeText.padded(s.criterion.label, 12)) no change of this weight alone swaps them")
                }
            }
            page.pairs.append(("\(name(u)) over \(name(l)): the smallest change of one weight that swaps them", swaps))
        }
        return page
    }
}
