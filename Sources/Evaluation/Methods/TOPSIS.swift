/// TOPSIS (Hwang & Yoon 1981): vector normalisation of each column (x / sqrt(sum x^2)),
/// weighted; distances to the ideal (best of each column, by its direction) and anti-ideal;
/// closeness C = S- / (S* + S-).
public enum TOPSIS {
    public struct Result: Equatable, Sendable {
        public var closeness: [Double]
        public var toIdeal: [Double]
        public var toAntiIdeal: [Double]
    }

    /// `matrix` is alternatives x criteria; `benefit[j]` says more is better in column j.
    /// A column whose values are all zero normalises to zeros (it cannot tell products apart);
    /// when every alternative is both ideal and anti-ideal, each gets closeness 1.
    public static func evaluate(_ matrix: [[Double]], weights: [Double], benefit: [Bool]) -> Result {
        let m = matrix.count
        guard m > 0 else { return Result(closeness: [], toIdeal: [], toAntiIdeal: []) }
        let columns = weights.indices.map { j in matrix.map { $0[j] } }
        var result = Result(closeness: [], toIdeal: [], toAntiIdeal: [])
        evaluate(columns: columns, weights: weights, benefit: benefit) { _, dp, dm, c in
            result.toIdeal.append(dp)
            result.toAntiIdeal.append(dm)
            result.closeness.append(c)
        }
        return result
    }

    /// The arithmetic itself, on columns (criterion x alternatives), calling `each` with every
    /// alternative's index, distances and closeness in order. The simulation calls this once a
    /// draw with its drawn columns, so the two cannot differ.
    public static func evaluate(
        columns: [[Double]], weights: [Double], benefit: [Bool], each: (Int, Double, Double, Double) -> Void
    ) {
        let m = columns.first?.count ?? 0
        let norms = columns.map { c in c.reduce(0.0) { $0 + $1 * $1 }.squareRoot() }
        func v(_ j: Int, _ i: Int) -> Double { norms[j] > 0 ? columns[j][i] / norms[j] * weights[j] : 0 }
        var ideal = [Double](repeating: 0, count: columns.count)
        var anti = [Double](repeating: 0, count: columns.count)
        for j in columns.indices {
            var lo = Double.infinity
            var hi = -Double.infinity
            for i in 0..<m {
                lo = min(lo, v(j, i))
                hi = max(hi, v(j, i))
            }
            ideal[j] = benefit[j] ? hi : lo
            anti[j] = benefit[j] ? lo : hi
        }
        for i in 0..<m {
            var dp = 0.0
            var dm = 0.0
            for j in columns.indices {
                dp += (v(j, i) - ideal[j]) * (v(j, i) - ideal[j])
                dm += (v(j, i) - anti[j]) * (v(j, i) - anti[j])
            }
            dp = dp.squareRoot()
            dm = dm.squareRoot()
            each(i, dp, dm, dp + dm > 0 ? dm / (dp + dm) : 1)
        }
    }
}
