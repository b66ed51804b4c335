import Foundation
import Model

/// What a back-of-the-envelope estimate starts from. Counts are per day; sizes in bytes (1 KB = 1,000 B).
public struct EnvelopeInputs: Sendable, Equatable {
    public var dailyActiveUsers: Double
    public var readsPerUser: Double
    public var writesPerUser: Double
    /// Bytes stored per write.
    public var writePayloadBytes: Double
    /// Bytes returned per read.
    public var readPayloadBytes: Double
    /// Peak rate ÷ average rate.
    public var peakFactor: Double
    public var retentionYears: Double
    /// Copies of every byte stored (replicas).
    public var replication: Double
    /// Share of a day's reads kept in cache (the 80/20 rule caches 20%).
    public var hotFraction: Double
    /// Requests per second one server handles.
    public var serverCapacityQPS: Double

    public init(dailyActiveUsers: Double, readsPerUser: Double, writesPerUser: Double, writePayloadBytes: Double,
                readPayloadBytes: Double? = nil, peakFactor: Double = 2, retentionYears: Double = 5, replication: Double = 1,
                hotFraction: Double = 0.2, serverCapacityQPS: Double = 1000) {
        self.dailyActiveUsers = dailyActiveUsers
        self.readsPerUser = readsPerUser
        self.writesPerUser = writesPerUser
        self.writePayloadBytes = writePayloadBytes
        self.readPayloadBytes = readPayloadBytes ?? writePayloadBytes
        self.peakFactor = peakFactor
        self.retentionYears = retentionYears
        self.replication = replication
        self.hotFraction = hotFraction
        self.serverCapacityQPS = serverCapacityQPS
    }

    /// Why the inputs cannot be estimated from, or nil when they can.
    public var problem: String? {
        let checks: [(Double, String, Bool)] = [
            (dailyActiveUsers, "daily active users", false), (readsPerUser, "reads per user", true),
            (writesPerUser, "writes per user", true), (writePayloadBytes, "write payload", true),
            (readPayloadBytes, "read payload", true), (retentionYears, "retention", true), (replication, "replication", false),
            (serverCapacityQPS, "per-server capacity", false),
        ]
        for (value, name, zeroAllowed) in checks where !value.isFinite || value < 0 || (!zeroAllowed && value == 0) {
            return "\(name) must be \(zeroAllowed ? "0 or more" : "greater than 0") (got \(Units.trim(value)))"
        }
        if readsPerUser + writesPerUser == 0 { return "give reads or writes per user: with neither there is no traffic" }
        if !(peakFactor >= 1) { return "peak factor must be at least 1 (peak ÷ average), got \(Units.trim(peakFactor))" }
        if !(hotFraction > 0 && hotFraction <= 1) { return "hot fraction must be in (0, 1], got \(Units.trim(hotFraction))" }
        return nil
    }
}

/// The unit of an estimate's value, which also decides how it is printed.
public enum EnvelopeUnit: String, Sendable, Equatable {
    case perDay = "/day"
    case perSecond = "req/s"
    case bytesPerSecond = "B/s"
    case bytes = "B"
    case ratio = ":1"
    case servers = "servers"

    public func format(_ value: Double) -> String {
        switch self {
        case .perDay: return Units.formatCount(value) + "/day"
        case .perSecond: return Units.formatCount(value) + " req/s"
        case .bytesPerSecond: return Units.formatBytes(value) + "/s"
        case .bytes: return Units.formatBytes(value)
        case .ratio: return Units.trim(value) + ":1"
        case .servers: return Units.formatGrouped(Int(value)) + (value == 1 ? " server" : " servers")
        }
    }
}

/// One line of the calculation: what it is, how it is computed (with the numbers), and the result.
public struct EnvelopeStep: Sendable, Equatable {
    /// Stable name for JSON, e.g. `peak_read_qps`.
    public var key: String
    public var label: String
    /// The formula with the numbers substituted, e.g. `500M users × 100 reads ÷ 86,400 s`.
    public var formula: String
    public var value: Double
    public var unit: EnvelopeUnit

    public var formatted: String { unit.format(value) }
}

/// Back-of-the-envelope capacity estimate: QPS, bandwidth, storage, cache and servers, every step shown.
public enum Envelope {
    /// A day ≈ 86,400 s ≈ 10⁵ s, so 1M requests/day ≈ 12 requests/s.
    public static let secondsPerDay = 86_400.0
    public static let daysPerYear = 365.0

    public static func estimate(_ inputs: EnvelopeInputs) -> [EnvelopeStep] {
        var steps: [EnvelopeStep] = []
        @discardableResult
        func step(_ key: String, _ label: String, _ formula: String, _ value: Double, _ unit: EnvelopeUnit) -> Double {
            steps.append(EnvelopeStep(key: key, label: label, formula: formula, value: value, unit: unit))
            return value
        }
        func count(_ value: Double) -> String { Units.formatCount(value) }
        func bytes(_ value: Double) -> String { Units.formatBytes(value) }
        let day = Units.formatGrouped(Int(secondsPerDay)) + " s"
        let users = count(inputs.dailyActiveUsers) + " users"

        let readsPerDay = step("reads_per_day", "reads per day", "\(users) × \(count(inputs.readsPerUser)) reads",
                               inputs.dailyActiveUsers * inputs.readsPerUser, .perDay)
        let writesPerDay = step("writes_per_day", "writes per day", "\(users) × \(count(inputs.writesPerUser)) writes",
                                inputs.dailyActiveUsers * inputs.writesPerUser, .perDay)
        let readQPS = step("avg_read_qps", "average read QPS", "\(count(readsPerDay)) reads/day ÷ \(day)",
                           readsPerDay / secondsPerDay, .perSecond)
        let writeQPS = step("avg_write_qps", "average write QPS", "\(count(writesPerDay)) writes/day ÷ \(day)",
                            writesPerDay / secondsPerDay, .perSecond)
        step("avg_qps", "average QPS", "\(count(readQPS)) reads/s + \(count(writeQPS)) writes/s", readQPS + writeQPS, .perSecond)
        let peak = Units.trim(inputs.peakFactor)
        let peakRead = step("peak_read_qps", "peak read QPS", "\(count(readQPS)) req/s × peak factor \(peak)",
                            readQPS * inputs.peakFactor, .perSecond)
        let peakWrite = step("peak_write_qps", "peak write QPS", "\(count(writeQPS)) req/s × peak factor \(peak)",
                             writeQPS * inputs.peakFactor, .perSecond)
        let peakTotal = step("peak_qps", "peak QPS", "\(count(peakRead)) reads/s + \(count(peakWrite)) writes/s",
                             peakRead + peakWrite, .perSecond)
        if writesPerDay > 0, readsPerDay > 0 {
            step("read_write_ratio", "read:write ratio", "\(count(inputs.readsPerUser)) reads ÷ \(count(inputs.writesPerUser)) writes",
                 inputs.readsPerUser / inputs.writesPerUser, .ratio)
        }
        step("ingress_bps", "write bandwidth (in)", "\(count(writeQPS)) writes/s × \(bytes(inputs.writePayloadBytes))",
             writeQPS * inputs.writePayloadBytes, .bytesPerSecond)
        let egress = step("egress_bps", "read bandwidth (out)", "\(count(readQPS)) reads/s × \(bytes(inputs.readPayloadBytes))",
                          readQPS * inputs.readPayloadBytes, .bytesPerSecond)
        step("peak_egress_bps", "peak read bandwidth", "\(bytes(egress))/s × peak factor \(peak)",
             egress * inputs.peakFactor, .bytesPerSecond)
        let copies = inputs.replication == 1 ? "" : " × \(Units.trim(inputs.replication)) replicas"
        let perDay = step("storage_per_day", "storage per day",
                          "\(count(writesPerDay)) writes × \(bytes(inputs.writePayloadBytes))\(copies)",
                          writesPerDay * inputs.writePayloadBytes * inputs.replication, .bytes)
        let perYear = step("storage_per_year", "storage per year", "\(bytes(perDay))/day × \(Int(daysPerYear)) days",
                           perDay * daysPerYear, .bytes)
        step("storage_retained", "storage for retention", "\(bytes(perYear))/year × \(Units.trim(inputs.retentionYears)) years",
             perYear * inputs.retentionYears, .bytes)
        step("cache_memory", "cache for the hot set",
             "\(Units.formatPercent(inputs.hotFraction)) × \(count(readsPerDay)) reads/day × \(bytes(inputs.readPayloadBytes))",
             inputs.hotFraction * readsPerDay * inputs.readPayloadBytes, .bytes)
        step("servers", "servers at peak", "⌈\(count(peakTotal)) req/s ÷ \(count(inputs.serverCapacityQPS)) req/s per server⌉",
             max(1, (peakTotal / inputs.serverCapacityQPS - 1e-9).rounded(.up)), .servers)
        return steps
    }
}
