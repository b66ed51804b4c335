import Foundation

/// A small log-bucketed histogram (8 buckets per octave, ≈9% resolution) for per-second percentiles in time series.
/// Cheap to clear every simulated second, unlike a full HdrHistogram.
struct CoarseHistogram {
    static let bucketsPerOctave = 8.0
    static let bucketCount = 360  // 2^0 … 2^45 ns
    var counts = [UInt32](repeating: 0, count: CoarseHistogram.bucketCount)
    var total = 0

    @inline(__always)
    mutating func record(_ seconds: Double) {
        // Octave from the exponent bits, eighth of an octave from the top three mantissa bits: no log2 needed.
        let nanoseconds = max(seconds * 1e9, 1)
        let bits = nanoseconds.bitPattern
        let octave = Int((bits >> 52) & 0x7FF) - 1023
        let bucket = min(octave * 8 + Int((bits >> 49) & 7), CoarseHistogram.bucketCount - 1)
        counts[bucket] &+= 1
        total += 1
    }

    /// The upper edge of the bucket holding the p-th percentile (p in 0…100), in seconds; 0 when empty.
    func percentile(_ p: Double) -> Double {
        guard total > 0 else { return 0 }
        let rank = max(1, Int((p / 100 * Double(total)).rounded(.up)))
        var seen = 0
        for (bucket, count) in counts.enumerated() {
            seen += Int(count)
            if seen >= rank { return Self.upperEdge(bucket) / 1e9 }
        }
        return 0
    }

    /// Upper edge in ns of a bucket: 2^octave · (1 + (eighth + 1)/8).
    static func upperEdge(_ bucket: Int) -> Double {
        let octave = bucket / 8, eighth = bucket % 8
        return pow(2, Double(octave)) * (1 + Double(eighth + 1) / 8)
    }

    mutating func clear() {
        if total == 0 { return }
        for index in counts.indices { counts[index] = 0 }
        total = 0
    }
}
