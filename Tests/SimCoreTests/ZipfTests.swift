import Foundation
import Testing
import Analysis
@testable import SimCore

/// Pearson's χ² of observed counts against expected probabilities (same bins, probabilities sum to 1).
func chiSquare(observed: [Int], probabilities: [Double]) -> Double {
    let samples = Double(observed.reduce(0, +))
    var statistic = 0.0
    for (count, probability) in zip(observed, probabilities) {
        let expected = probability * samples
        statistic += (Double(count) - expected) * (Double(count) - expected) / expected
    }
    return statistic
}

/// The χ² value exceeded with probability 0.001 for `degrees` degrees of freedom
/// (Wilson–Hilferty: χ²ₚ ≈ k(1 − 2/(9k) + z√(2/(9k)))³, z = 3.0902; within 1% for k ≥ 10).
func chiSquareCritical001(degrees: Int) -> Double {
    let k = Double(degrees), z = 3.0902
    let term = 1 - 2 / (9 * k) + z * (2 / (9 * k)).squareRoot()
    return k * term * term * term
}

@Suite struct ZipfTests {
    /// Counts samples per rank, grouping ranks by `bins` (upper bounds, exclusive, ascending).
    func histogram(_ sampler: ZipfSampler, samples: Int, seed: UInt64, bins: [Int]) -> [Int] {
        var rng = Xoshiro256(seed: seed)
        var counts = Array(repeating: 0, count: sampler.count)
        for _ in 0..<samples {
            let rank = sampler.sample(&rng)
            precondition(rank >= 0 && rank < sampler.count)
            counts[rank] += 1
        }
        return group(counts, bins: bins)
    }

    func group<T: AdditiveArithmetic>(_ values: [T], bins: [Int]) -> [T] {
        var lower = 0
        return bins.map { upper in
            defer { lower = upper }
            return values[lower..<upper].reduce(.zero, +)
        }
    }

    @Test func everyRankMatchesExactProbabilitiesNearOne() {
        // n = 1000, s = 0.99: all 1000 ranks as bins (rank 999 still expects ~140 samples).
        let probabilities = CacheTheory.zipfPopularities(count: 1000, exponent: 0.99)
        let bins = Array(1...1000)
        let observed = histogram(ZipfSampler(count: 1000, exponent: 0.99), samples: 1_000_000, seed: 7, bins: bins)
        #expect(probabilities[999] * 1_000_000 > 100)
        let statistic = chiSquare(observed: observed, probabilities: probabilities)
        #expect(statistic < chiSquareCritical001(degrees: 999))
        // The test has power: the same counts reject a neighbouring exponent.
        let wrong = CacheTheory.zipfPopularities(count: 1000, exponent: 1.02)
        #expect(chiSquare(observed: observed, probabilities: wrong) > chiSquareCritical001(degrees: 999))
        // Rank 0's share: 1/H(1000, 0.99) ≈ 0.1344.
        #expect(abs(Double(observed[0]) / 1_000_000 - probabilities[0]) < 0.002)
    }

    @Test func exponentZeroIsUniform() {
        let probabilities = CacheTheory.zipfPopularities(count: 100, exponent: 0)
        #expect(probabilities.allSatisfy { abs($0 - 0.01) < 1e-15 })
        let observed = histogram(ZipfSampler(count: 100, exponent: 0), samples: 500_000, seed: 11, bins: Array(1...100))
        #expect(chiSquare(observed: observed, probabilities: probabilities) < chiSquareCritical001(degrees: 99))
    }

    @Test func exponentExactlyOneNeedsNoSpecialCase() {
        // Harmonic weights: P(rank k) = 1/((k+1)·H₅₀).
        let harmonic = (1...50).reduce(0.0) { $0 + 1 / Double($1) }
        let probabilities = CacheTheory.zipfPopularities(count: 50, exponent: 1)
        #expect(abs(probabilities[0] - 1 / harmonic) < 1e-15)
        let observed = histogram(ZipfSampler(count: 50, exponent: 1), samples: 300_000, seed: 5, bins: Array(1...50))
        #expect(chiSquare(observed: observed, probabilities: probabilities) < chiSquareCritical001(degrees: 49))
    }

    @Test func aMillionKeysSteepHeadAndTailByDecade() {
        // n = 10⁶, s = 1.2: the first 50 ranks one by one, then decades out to the last rank.
        let count = 1_000_000
        let probabilities = CacheTheory.zipfPopularities(count: count, exponent: 1.2)
        let bins = Array(1...50) + [100, 1_000, 10_000, 100_000, count]
        let observed = histogram(ZipfSampler(count: count, exponent: 1.2), samples: 1_000_000, seed: 3, bins: bins)
        let expected = group(probabilities, bins: bins)
        #expect(abs(expected.reduce(0, +) - 1) < 1e-12)
        #expect(expected.last! * 1_000_000 > 1_000)  // the last decade is really exercised
        #expect(chiSquare(observed: observed, probabilities: expected) < chiSquareCritical001(degrees: bins.count - 1))
    }

    @Test func sameSeedSameRanksAndPinnedFingerprint() {
        let sampler = ZipfSampler(count: 100_000_000, exponent: 0.8)
        var first = Xoshiro256(seed: 42), second = Xoshiro256(seed: 42), other = Xoshiro256(seed: 43)
        let a = (0..<1000).map { _ in sampler.sample(&first) }
        let b = (0..<1000).map { _ in sampler.sample(&second) }
        let c = (0..<1000).map { _ in sampler.sample(&other) }
        #expect(a == b)
        #expect(a != c)
        #expect(a.allSatisfy { $0 >= 0 && $0 < 100_000_000 })
        // A fingerprint: any change to the sampler or the generator shows up here.
        #expect(Array(a.prefix(6)) == [65_194_940, 9_880_297, 422_323, 808, 2, 92_610])
    }
}
