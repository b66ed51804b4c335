import Foundation

/// Counts (`500M` users) and sizes (`1KB`, `2.5GiB`) for back-of-the-envelope estimates.
/// Sizes follow the SI convention estimates use: 1 KB = 1,000 bytes; KiB, MiB… are the binary units.
extension Units {
    static let countScales: [Character: Double] = ["k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12]

    static let byteUnits: [(String, Double)] = [
        ("B", 1), ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("PB", 1e15),
        ("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824), ("TiB", 1_099_511_627_776),
    ]

    /// Parses `500`, `2k`, `500M`, `1.5B` (billion; `G` also), `3T`, `1_000`. Nil when not a finite number.
    public static func parseCount(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
            .replacingOccurrences(of: ",", with: "")
        if let plain = Double(trimmed), plain.isFinite { return plain }
        guard let last = trimmed.last, let scale = countScales[last] else { return nil }
        guard let value = Double(trimmed.dropLast()), value.isFinite else { return nil }
        return value * scale
    }

    /// Parses `512B`, `1KB`, `1.5 MB`, `4KiB`, `2GB`; a bare number is bytes. Units are case-sensitive (`Kb` is refused).
    public static func parseBytes(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let plain = Double(trimmed), plain.isFinite { return plain }
        return parseSuffixed(trimmed, units: byteUnits)
    }

    /// Formats bytes in SI units with three significant figures: `1KB`, `2.74TB`, `512B`.
    public static func formatBytes(_ bytes: Double) -> String {
        guard bytes.isFinite else { return "—" }
        let magnitude = abs(bytes)
        for (suffix, scale) in [("PB", 1e15), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)] where magnitude >= scale {
            return trim(bytes / scale) + suffix
        }
        return trim(bytes) + "B"
    }

    /// Formats a plain count compactly: `950`, `43.2M`, `1.5B` (billions as B, as estimates say them).
    public static func formatCount(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let magnitude = abs(value)
        if magnitude >= 1e12 { return trim(value / 1e12) + "T" }
        if magnitude >= 1e9 { return trim(value / 1e9) + "B" }
        if magnitude >= 1e6 { return trim(value / 1e6) + "M" }
        if magnitude >= 1e3 { return trim(value / 1e3) + "k" }
        return trim(value)
    }
}
