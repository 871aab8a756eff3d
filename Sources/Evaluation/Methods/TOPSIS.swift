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
        let n = weights.count
        var v = matrix
        for j in 0..<n {
            let norm = (0..<m).reduce(0.0) { $0 + matrix[$1][j] * matrix[$1][j] }.squareRoot()
            for i in 0..<m { v[i][j] = norm > 0 ? matrix[i][j] / norm * weights[j] : 0 }
        }
        var ideal = [Double](repeating: 0, count: n)
        var anti = [Double](repeating: 0, count: n)
        for j in 0..<n {
            let column = (0..<m).map { v[$0][j] }
            ideal[j] = benefit[j] ? column.max()! : column.min()!
            anti[j] = benefit[j] ? column.min()! : column.max()!
        }
        var sPlus: [Double] = []
        var sMinus: [Double] = []
        var c: [Double] = []
        for i in 0..<m {
            let dp = (0..<n).reduce(0.0) { $0 + (v[i][$1] - ideal[$1]) * (v[i][$1] - ideal[$1]) }.squareRoot()
            let dm = (0..<n).reduce(0.0) { $0 + (v[i][$1] - anti[$1]) * (v[i][$1] - anti[$1]) }.squareRoot()
            sPlus.append(dp)
            sMinus.append(dm)
            c.append(dp + dm > 0 ? dm / (dp + dm) : 1)
        }
        return Result(closeness: c, toIdeal: sPlus, toAntiIdeal: sMinus)
    }
}
