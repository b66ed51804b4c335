import Foundation

/// Parsing and formatting of the units design files use: durations and rates.
public enum Units {
    static let durationUnits: [(String, Double)] = [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ]

    /// Parses `250ms`, `1.5s`, `2m`, `100us`; a bare number is seconds.
    public static func parseDuration(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let plain = Double(trimmed), plain.isFinite { return plain }
        return parseSuffixed(trimmed, units: durationUnits)
    }

    /// A number followed by one of `units`' suffixes, scaled; the longest suffix wins so "ms" is not read as "s".
    static func parseSuffixed(_ trimmed: String, units: [(String, Double)]) -> Double? {
        for (suffix, scale) in units.sorted(by: { $0.0.count > $1.0.count }) where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value.isFinite else { return nil }
            return value * scale
        }
        return nil
    }

    /// Parses `950`, `10k`, `1.5M`, `2G` as events per second; `/s` may follow.
    public static func parseRate(_ text: String) -> Double? {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("/s") { trimmed.removeLast(2) }
        if let plain = Double(trimmed), plain.isFinite { return plain }
        let scales: [Character: Double] = ["k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9]
        guard let last = trimmed.last, let scale = scales[last] else { return nil }
        guard let value = Double(trimmed.dropLast()), value.isFinite else { return nil }
        return value * scale
    }

    /// Formats seconds with a unit that keeps three significant figures: `38.2ms`, `1.20s`.
    public static func formatDuration(_ seconds: Double) -> String {
        if !seconds.isFinite { return "—" }
        let magnitude = abs(seconds)
        if magnitude == 0 { return "0s" }
        if magnitude < 1e-6 { return trim(seconds * 1e9) + "ns" }
        if magnitude < 1e-3 { return trim(seconds * 1e6) + "us" }
        if magnitude < 1 { return trim(seconds * 1e3) + "ms" }
        if magnitude < 120 { return trim(seconds) + "s" }
        if magnitude < 7200 { return trim(seconds / 60) + "m" }
        return trim(seconds / 3600) + "h"
    }

    /// Formats a rate per second compactly: `950`, `9.4k`, `1.2M`.
    public static func formatRate(_ perSecond: Double) -> String {
        if !perSecond.isFinite { return "—" }
        let magnitude = abs(perSecond)
        if magnitude >= 1e9 { return trim(perSecond / 1e9) + "G" }
        if magnitude >= 1e6 { return trim(perSecond / 1e6) + "M" }
        if magnitude >= 1e3 { return trim(perSecond / 1e3) + "k" }
        return trim(perSecond)
    }

    /// A fraction as a percentage: two decimals below 10%, one above (`0.02%`, `82.4%`).
    public static func formatPercent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "—" }
        let value = fraction * 100
        return fixed(value, decimals: value < 10 ? 2 : 1) + "%"
    }

    /// `value` with exactly `decimals` digits after the point, as `String(format: "%.Nf")` writes it, without
    /// Foundation's formatter (the workbench formats hundreds of numbers a frame). Rounds half to even on the scaled
    /// value, like printf on exact halves; falls back to printf for magnitudes past 1e15.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite, abs(value) < 1e15, (0...6).contains(decimals) else { return String(format: "%.\(decimals)f", value) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        // value × scale rounds once; its exact error (by a fused multiply-add) settles the products that land on a
        // half, as printf does from the full binary expansion: above the half up, below it down, exactly on it even.
        let product = value * scale
        var scaled = product.rounded(.toNearestOrEven)
        if abs(product - product.rounded(.towardZero)) == 0.5 {
            let error = (-product).addingProduct(value, scale)
            if error > 0 { scaled = product.rounded(.up) } else if error < 0 { scaled = product.rounded(.down) }
        }
        let negative = scaled < 0
        let units = UInt64(abs(scaled))
        var digits = String(units)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        // printf writes -0.00 for small negatives; so do we.
        return (negative || (scaled == 0 && value.sign == .minus) ? "-" : "") + digits
    }

    /// A whole number with thousands separators: `1,240`.
    public static func formatGrouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// Three significant figures, no trailing zeros after the point.
    public static func trim(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2
        var text = fixed(value, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
