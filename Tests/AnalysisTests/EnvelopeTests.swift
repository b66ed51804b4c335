import Testing
import Model
@testable import Analysis

@Suite struct EnvelopeTests {
    func value(_ steps: [EnvelopeStep], _ key: String) -> Double? { steps.first { $0.key == key }?.value }

    @Test func twitterSeedFigures() throws {
        // The seed: 500M DAU and 2M tweets/minute ≈ 33K writes/s. 2M/min × 1,440 min ÷ 500M users = 5.76 tweets per user a day.
        let inputs = EnvelopeInputs(dailyActiveUsers: 500e6, readsPerUser: 100, writesPerUser: 5.76, writePayloadBytes: 1000,
                                    peakFactor: 2, retentionYears: 5)
        #expect(inputs.problem == nil)
        let steps = Envelope.estimate(inputs)
        let writes = try #require(value(steps, "avg_write_qps"))
        #expect(abs(writes - 2e6 / 60) < 1e-6, "2M tweets/minute = 33,333/s")
        #expect(steps.first { $0.key == "avg_write_qps" }?.formatted == "33.3k req/s")
        // 500M × 100 reads ÷ 86,400 s = 578,704 reads/s; peak ×2.
        #expect(abs(try #require(value(steps, "avg_read_qps")) - 578_703.7037) < 1e-3)
        #expect(abs(try #require(value(steps, "peak_qps")) - 2 * (578_703.7037 + 33_333.3333)) < 1e-2)
        #expect(abs(try #require(value(steps, "read_write_ratio")) - 100 / 5.76) < 1e-12)
        // Storage: 2.88B tweets/day × 1 KB = 2.88 TB/day; × 365 = 1.05 PB/year; × 5 years = 5.26 PB.
        #expect(try #require(value(steps, "storage_per_day")) == 2.88e12)
        #expect(steps.first { $0.key == "storage_per_day" }?.formatted == "2.88TB")
        #expect(abs(try #require(value(steps, "storage_retained")) - 2.88e12 * 365 * 5) < 1)
        // Cache: 20% of 50B reads/day × 1 KB = 10 TB.
        #expect(try #require(value(steps, "cache_memory")) == 1e13)
        // Bandwidth: 33.3k writes/s × 1 KB = 33.3 MB/s in; 578.7k reads/s × 1 KB = 578.7 MB/s out.
        #expect(abs(try #require(value(steps, "ingress_bps")) - 33_333_333.33) < 1)
        #expect(abs(try #require(value(steps, "egress_bps")) - 578_703_703.7) < 1)
        // 1.224M req/s at peak ÷ 1,000 per server → 1,225 servers.
        #expect(value(steps, "servers") == 1225)
        #expect(steps.first { $0.key == "servers" }?.formula == "⌈1.22M req/s ÷ 1k req/s per server⌉")
    }

    @Test func referenceRuleOfThumb() {
        // REFERENCE.md: 1M requests/day ≈ 12 requests/s. Netflix (seed): 1B requests/day ≈ 11.6k/s.
        let million = Envelope.estimate(EnvelopeInputs(dailyActiveUsers: 1e6, readsPerUser: 1, writesPerUser: 0, writePayloadBytes: 0))
        #expect(abs(value(million, "avg_qps")! - 11.574) < 1e-3)
        #expect(value(million, "read_write_ratio") == nil, "no ratio without writes")
        #expect(value(million, "servers") == 1)
        let netflix = Envelope.estimate(EnvelopeInputs(dailyActiveUsers: 1e9, readsPerUser: 1, writesPerUser: 0, writePayloadBytes: 0))
        #expect(abs(value(netflix, "avg_qps")! - 11_574.07) < 0.01)
    }

    @Test func everyStepShowsItsNumbers() {
        let steps = Envelope.estimate(EnvelopeInputs(dailyActiveUsers: 10e6, readsPerUser: 20, writesPerUser: 2, writePayloadBytes: 500,
                                                     readPayloadBytes: 2000, peakFactor: 3, retentionYears: 2, replication: 3))
        #expect(steps.first { $0.key == "reads_per_day" }?.formula == "10M users × 20 reads")
        #expect(steps.first { $0.key == "avg_read_qps" }?.formula == "200M reads/day ÷ 86,400 s")
        #expect(steps.first { $0.key == "storage_per_day" }?.formula == "20M writes × 500B × 3 replicas")
        #expect(value(steps, "storage_per_day") == 20e6 * 500 * 3)
        #expect(abs(value(steps, "peak_egress_bps")! - 200e6 / 86_400 * 2000 * 3) < 1e-6)
        #expect(Set(steps.map(\.key)).count == steps.count, "keys are unique")
    }

    @Test func refusesInputsItCannotUse() {
        #expect(EnvelopeInputs(dailyActiveUsers: 0, readsPerUser: 1, writesPerUser: 1, writePayloadBytes: 1).problem
                == "daily active users must be greater than 0 (got 0)")
        #expect(EnvelopeInputs(dailyActiveUsers: 1, readsPerUser: 0, writesPerUser: 0, writePayloadBytes: 1).problem?
                    .hasPrefix("give reads or writes per user") == true)
        #expect(EnvelopeInputs(dailyActiveUsers: 1, readsPerUser: 1, writesPerUser: 1, writePayloadBytes: 1, peakFactor: 0.5).problem
                == "peak factor must be at least 1 (peak ÷ average), got 0.5")
        #expect(EnvelopeInputs(dailyActiveUsers: 1, readsPerUser: 1, writesPerUser: 1, writePayloadBytes: 1, hotFraction: 1.5).problem
                == "hot fraction must be in (0, 1], got 1.5")
    }
}
