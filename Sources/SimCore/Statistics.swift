import Foundation

/// Small statistics helpers: Student-t quantiles and confidence intervals.
public enum Statistics {
    /// Two-sided 95% Student-t quantile (t_{0.975, dof}).
    public static func t975(dof: Int) -> Double {
        let table: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
            2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ]
        if dof < 1 { return .infinity }
        if dof <= table.count { return table[dof - 1] }
        // Cornish–Fisher expansion around the normal quantile; exact to 3 decimals beyond 30 dof.
        let z = 1.959964, n = Double(dof)
        return z + (z * z * z + z) / (4 * n) + (5 * pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n)
    }

    /// Mean and 95% half-width of independent (or batch) means.
    public static func meanCI95(_ values: [Double]) -> (mean: Double, halfWidth: Double) {
        guard !values.isEmpty else { return (0, .nan) }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        guard values.count > 1 else { return (mean, .nan) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, t975(dof: values.count - 1) * (variance / n).squareRoot())
    }
}
