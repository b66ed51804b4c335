import Foundation
import Testing
@testable import Model

/// `Units.fixed` writes what printf's `%.Nf` writes, without Foundation's formatter.
@Suite struct FixedFormatTests {
    @Test func agreesWithPrintfOnManyValues() {
        var generator = SplitMix(state: 42)  // seeded: the same values every run
        var mismatches: [String] = []
        for _ in 0..<200_000 {
            let exponent = Double.random(in: -4...9, using: &generator)
            let value = (Bool.random(using: &generator) ? 1 : -1) * pow(10, exponent) * Double.random(in: 1..<10, using: &generator) / 10
            for decimals in 0...2 {
                let ours = Units.fixed(value, decimals: decimals), theirs = String(format: "%.\(decimals)f", value)
                if ours != theirs { mismatches.append("\(value) %.\(decimals)f: \(ours) vs \(theirs)") }
            }
        }
        // Values on exact halves and the cases printf decides from the full binary expansion.
        for value in [0.125, 0.375, 2.5, 3.5, -0.5, 0.005, 1.005, 99.995, 0, -0.0001, 1e-9, 999.5, 12.345] {
            for decimals in 0...3 where Units.fixed(value, decimals: decimals) != String(format: "%.\(decimals)f", value) {
                mismatches.append("\(value) %.\(decimals)f: \(Units.fixed(value, decimals: decimals)) vs \(String(format: "%.\(decimals)f", value))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(10))")
    }
}

/// A seeded generator for reproducible test values.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
