/// The weighted sum model: total = sum of (weight x score) / sum of weights.
public enum WeightedSum {
    /// Scores of each row of `matrix` (alternatives x criteria) under `weights`, which are
    /// used as given (divide by their sum first for a weighted mean).
    public static func scores(_ matrix: [[Double]], weights: [Double]) -> [Double] {
        matrix.map { row in zip(row, weights).reduce(0) { $0 + $1.0 * $1.1 } }
    }
}
