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
        return value < 10 ? String(format: "%.2f%%", value) : String(format: "%.1f%%", value)
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
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
