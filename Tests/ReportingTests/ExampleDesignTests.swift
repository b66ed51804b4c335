import Foundation
import Testing
import Model
import SimCore
import Analysis
import Reporting

/// Runs each example design of `Designs/` briefly, in process and seeded, and checks the behaviour its comments
/// promise with real numbers.
@Suite struct ExampleDesignTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let examples = [
        "cache-aside-read-heavy", "logging-pipeline", "url-shortener", "sharded-hot-key", "cdn-video-origin",
        "retry-storm", "retry-storm-fixed", "autoscale-flash-crowd", "rate-limited-api", "notification-fanout",
        "cqrs-read-replicas", "cache-stampede", "multi-region-partition", "tail-latency-hedging", "write-behind-counters",
    ]

    static func design(_ name: String) throws -> Design {
        try DesignParser.load(path: root.appendingPathComponent("Designs/\(name).yaml").path).0
    }

    /// A simulation of the design, ready to advance.
    static func simulation(_ design: Design, duration: Double, warmup: Double, seed: UInt64 = 42) throws -> Simulation {
        try Simulation(design: design, options: RunOptions(seed: seed, durationS: duration, warmupS: warmup))
    }

    static func run(_ name: String, duration: Double, warmup: Double) throws -> RunResult {
        let simulation = try simulation(try design(name), duration: duration, warmup: warmup)
        simulation.run()
        return simulation.result()
    }

    /// Mean of a per-second series over [from, to) simulated seconds.
    static func mean(_ series: TimeSeries, from: Int, to: Int) -> Double {
        let values = series.values
        let start = max(from - series.firstSecond, 0), end = min(to - series.firstSecond, values.count)
        guard end > start else { return .nan }
        return values[start..<end].reduce(0, +) / Double(end - start)
    }

    // MARK: The catalogue

    @Test func everyExampleParsesCleanlyAndRoundTrips() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Designs").path)
            .filter { $0.hasSuffix(".yaml") }
        for name in Self.examples { #expect(files.contains("\(name).yaml"), "missing \(name).yaml") }
        for file in files {
            let path = Self.root.appendingPathComponent("Designs/\(file)").path
            let (design, diagnostics) = try DesignParser.load(path: path)
            #expect(diagnostics.isEmpty, "\(file): \(diagnostics.map(\.description))")
            let again = try DesignParser.parse(DesignWriter.yaml(design), file: path).0
            #expect(again == design, "\(file) does not round-trip")
            // Every example opens with comments that teach: what it shows, what to watch, what to try.
            if Self.examples.contains(String(file.dropLast(5))) {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                #expect(text.hasPrefix("# "), "\(file) opens with a comment")
                #expect(text.contains("What to watch") && text.contains("Try:"), "\(file) says what to watch and try")
            }
        }
    }

    // MARK: Caches

    @Test func cacheAsideKeepsTheDatabaseQuiet() throws {
        let result = try Self.run("cache-aside-read-heavy", duration: 40, warmup: 10)
        let cache = try #require(result.components.first { $0.id == "cache" })
        let db = try #require(result.components.first { $0.id == "db" })
        let hit = try #require(cache.blocks.hitRatio)
        #expect(hit > 0.6 && hit < 0.8, "hit ratio \(hit)")
        #expect(cache.blocks.expired > 0, "some misses are TTL expiries")
        #expect(db.utilization > 0.04 && db.utilization < 0.2, "db utilisation \(db.utilization)")
        #expect(abs(db.throughputRPS - (1 - hit) * result.throughputRPS) < 0.05 * result.throughputRPS)
        #expect(result.requests.completed == result.requests.offered - result.requests.rejected - result.requests.timedOut
                - result.requests.failed || result.requests.rejected + result.requests.timedOut + result.requests.failed == 0)
    }

    @Test func urlShortenerServesRedirectsFromTheCache() throws {
        let result = try Self.run("url-shortener", duration: 30, warmup: 10)
        let cache = try #require(result.components.first { $0.id == "cache" })
        let links = try #require(result.components.first { $0.id == "links" })
        let hit = try #require(cache.blocks.hitRatio)
        #expect(hit > 0.72 && hit < 0.88, "hit ratio \(hit)")
        // 1 write per 100 reads reaches the primary; only misses reach the replicas.
        let writeShare = Double(links.blocks.writes) / Double(result.requests.offered)
        #expect(abs(writeShare - 1.0 / 101) < 0.004, "write share \(writeShare)")
        #expect(links.blocks.reads > 5 * links.blocks.writes)
        #expect(Double(links.blocks.reads) < 0.27 * Double(result.requests.offered))
        #expect(links.blocks.staleReads > 0, "a redirect right after a new link can read a stale replica")
    }

    @Test func cdnShieldShieldsTheOrigin() throws {
        let result = try Self.run("cdn-video-origin", duration: 30, warmup: 10)
        let edge = try #require(result.components.first { $0.id == "edge" })
        let origin = try #require(result.components.first { $0.id == "origin" })
        let hit = try #require(edge.blocks.hitRatio)
        #expect(hit > 0.65 && hit < 0.9, "edge hit ratio \(hit)")
        // The shield catches 80% of edge misses: the origin sees ≈ 20% of them.
        let share = origin.throughputRPS / ((1 - hit) * result.throughputRPS)
        #expect(share > 0.15 && share < 0.25, "origin share of misses \(share)")
        #expect(origin.throughputRPS < 0.1 * result.throughputRPS)
    }

    @Test func cacheCrashCausesAStampedeOnTheDatabase() throws {
        let simulation = try Self.simulation(try Self.design("cache-stampede"), duration: 45, warmup: 10)
        simulation.run()
        let series = simulation.series
        let db = try #require(series.stations.firstIndex(of: "db"))
        let before = Self.mean(series.utilization[db], from: 20, to: 30)
        let after = Self.mean(series.utilization[db], from: 31, to: 34)
        #expect(before < 0.7, "db before the crash \(before)")
        #expect(after > 0.95, "db after the cold restart \(after)")
        let p99Before = Self.mean(series.p99S, from: 20, to: 30), p99After = Self.mean(series.p99S, from: 31, to: 34)
        #expect(p99After > 5 * p99Before, "p99 \(p99Before) → \(p99After)")
        let result = simulation.result()
        #expect(result.requests.failed > 0, "reads fail while the cache is down")
    }

    // MARK: Queues

    @Test func tooFewConsumersLetLagGrow() throws {
        let simulation = try Self.simulation(try Self.design("logging-pipeline"), duration: 30, warmup: 5)
        simulation.run()
        let result = simulation.result()
        let logs = try #require(result.components.first { $0.id == "logs" })
        #expect(logs.utilization > 0.99)
        #expect(logs.throughputRPS < 0.8 * result.throughputRPS, "consumers keep up: \(logs.throughputRPS)")
        let lag = try #require(logs.asyncLatency)
        #expect(lag.p99 > 3, "publish-to-processed p99 \(lag.p99) s")
        let station = try #require(simulation.series.stations.firstIndex(of: "logs"))
        let early = Self.mean(simulation.series.queueLength[station], from: 8, to: 10)
        let late = Self.mean(simulation.series.queueLength[station], from: 27, to: 29)
        #expect(late > early + 4000, "backlog \(early) → \(late)")
        #expect(result.latency.p99 < 0.02, "producers do not wait")

        // With one consumer per partition the same topic keeps up.
        var design = try Self.design("logging-pipeline")
        let index = try #require(design.components.firstIndex { $0.id == "logs" })
        design.components[index].queue?.consumers = 8
        let fixed = try Self.simulation(design, duration: 30, warmup: 5)
        fixed.run()
        let keptUp = try #require(fixed.result().components.first { $0.id == "logs" })
        #expect(try #require(keptUp.asyncLatency).p99 < 0.2)
    }

    @Test func fanOutRetriesAndDeadLetters() throws {
        let result = try Self.run("notification-fanout", duration: 30, warmup: 10)
        func queue(_ id: String) throws -> ComponentResult { try #require(result.components.first { $0.id == id }) }
        let email = try queue("email"), push = try queue("push"), sms = try queue("sms"), dlq = try queue("dlq")
        for channel in [email, push, sms] { #expect(channel.blocks.published > 1800, "\(channel.id) published") }
        let smsRetryShare = Double(sms.blocks.redelivered) / Double(sms.blocks.published)
        #expect(smsRetryShare > 0.25 && smsRetryShare < 0.42, "sms redelivered \(smsRetryShare)")
        #expect(sms.blocks.deadLettered > 2, "sms dead letters \(sms.blocks.deadLettered)")
        #expect(sms.blocks.deadLettered > 5 * (email.blocks.deadLettered + push.blocks.deadLettered))
        #expect(dlq.blocks.published == email.blocks.deadLettered + push.blocks.deadLettered + sms.blocks.deadLettered
                || dlq.blocks.published > 0)
        #expect(result.latency.p99 < 0.02, "the API does not wait for notifications")
    }

    // MARK: Databases

    @Test func hotKeyOverloadsOneShard() throws {
        let hot = try Self.run("sharded-hot-key", duration: 25, warmup: 5)
        var design = try Self.design("sharded-hot-key")
        let index = try #require(design.components.firstIndex { $0.id == "users" })
        design.components[index].database?.hotKeyShare = 0
        let even = try Self.simulation(design, duration: 25, warmup: 5)
        even.run()
        let hotDB = try #require(hot.components.first { $0.id == "users" })
        let evenDB = try #require(even.result().components.first { $0.id == "users" })
        // The same total work, so the same average utilisation: the hot shard shows up as waiting.
        #expect(abs(hotDB.utilization - evenDB.utilization) < 0.03)
        #expect(hotDB.wait.mean > 10 * max(evenDB.wait.mean, 1e-4), "wait \(evenDB.wait.mean) → \(hotDB.wait.mean)")
        #expect(hotDB.meanQueueLength > 2, "queue \(hotDB.meanQueueLength)")
    }

    @Test func replicasServeStaleReads() throws {
        let result = try Self.run("cqrs-read-replicas", duration: 30, warmup: 10)
        let store = try #require(result.components.first { $0.id == "store" })
        let total = Double(store.blocks.reads + store.blocks.writes)
        #expect(abs(Double(store.blocks.writes) / total - 0.1) < 0.01)
        let stale = Double(store.blocks.staleReads) / Double(store.blocks.reads)
        #expect(stale > 0.05 && stale < 0.3, "stale share \(stale)")
    }

    // MARK: Resilience

    /// Retries and errors per second after the slowdown has healed (30 s) and the system had 5 s to recover.
    static func afterHealing(_ name: String) throws -> (retriesPerS: Double, errorShare: Double, utilisation: Double) {
        let simulation = try simulation(try design(name), duration: 45, warmup: 5)
        simulation.advance(to: 35)
        let retries = simulation.result().components.first { $0.id == "api" }!.blocks.retries
        let counts = simulation.requestCounts
        simulation.run()
        let end = simulation.requestCounts
        let laterRetries = simulation.result().components.first { $0.id == "api" }!.blocks.retries
        let offered = Double(end.offered - counts.offered)
        let errors = Double((end.rejected + end.timedOut + end.failed) - (counts.rejected + counts.timedOut + counts.failed))
        let inventory = simulation.series.stations.firstIndex(of: "inventory")!
        return (Double(laterRetries - retries) / 10, errors / offered,
                mean(simulation.series.utilization[inventory], from: 35, to: 45))
    }

    @Test func retryStormNeverRecoversButTheFixDoes() throws {
        let storm = try Self.afterHealing("retry-storm")
        let fixed = try Self.afterHealing("retry-storm-fixed")
        #expect(storm.retriesPerS > 2000, "storm retries/s \(storm.retriesPerS)")
        #expect(storm.errorShare > 0.8, "storm errors \(storm.errorShare)")
        #expect(storm.utilisation > 0.95)
        #expect(fixed.retriesPerS < 20, "fixed retries/s \(fixed.retriesPerS)")
        #expect(fixed.errorShare < 0.01, "fixed errors \(fixed.errorShare)")
        #expect(fixed.utilisation < 0.5)

        let during = try Self.run("retry-storm-fixed", duration: 30, warmup: 19)
        let api = try #require(during.components.first { $0.id == "api" })
        #expect(api.blocks.breakerOpenings >= 1)
        #expect(api.blocks.breakerRejected > 0)
        #expect(api.blocks.retries < 4 * 1500 * 10)
    }

    @Test func autoscalerAddsInstancesAfterTheBootDelay() throws {
        let result = try Self.run("autoscale-flash-crowd", duration: 60, warmup: 5)
        let web = try #require(result.components.first { $0.id == "web" })
        let timeline = web.instanceTimeline
        #expect(timeline.first?.instances == 3)
        let peak = timeline.map(\.instances).max() ?? 0
        #expect(peak >= 7 && peak <= 12, "peak instances \(peak)")
        // Nothing new takes traffic before the spike (20 s) plus one interval and the 15 s boot.
        let firstAdded = try #require(timeline.first { $0.instances > 3 })
        #expect(firstAdded.time >= 35 && firstAdded.time <= 45, "first new instance at \(firstAdded.time)")
        #expect(web.rejected > 0, "the boot gap rejects requests")
    }

    @Test func perClientLimitsThrottleHeavyClientsOnly() throws {
        let result = try Self.run("rate-limited-api", duration: 30, warmup: 5)
        let limited = Double(result.requests.rateLimited) / Double(result.requests.offered)
        #expect(limited > 0.2 && limited < 0.45, "429 share \(limited)")
        #expect(result.requests.rejected + result.requests.timedOut + result.requests.failed == 0, "429s are not errors")
        let gateway = try #require(result.components.first { $0.id == "gateway" })
        #expect(gateway.blocks.rateLimited == result.requests.rateLimited)
        let api = try #require(result.components.first { $0.id == "api" })
        #expect(api.utilization < 0.5)
    }

    @Test func partitionCutsTheRemoteRegionOff() throws {
        let simulation = try Self.simulation(try Self.design("multi-region-partition"), duration: 40, warmup: 5)
        simulation.run()
        let result = simulation.result()
        let eu = try #require(result.classes.first { $0.name == "eu" })
        let us = try #require(result.classes.first { $0.name == "us" })
        #expect(eu.latency.p50 > us.latency.p50 + 0.12, "eu p50 \(eu.latency.p50) us p50 \(us.latency.p50)")
        let apiEU = try #require(result.components.first { $0.id == "api-eu" })
        #expect(apiEU.blocks.lostCalls > 0)
        let errors = simulation.series.errorsRPS
        #expect(Self.mean(errors, from: 22, to: 28) > 100, "errors during the partition")
        #expect(Self.mean(errors, from: 33, to: 38) < 1, "errors after it heals")
    }
}

/// Prints the headline figures of every example (run with SDW_PRINT_EXAMPLES=1).
@Suite struct ExampleDesignFigures {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SDW_PRINT_EXAMPLES"] != nil)) func printFigures() throws {
        for name in ExampleDesignTests.examples {
            let design = try ExampleDesignTests.design(name)
            let simulation = try Simulation(design: design, options: RunOptions(design: design))
            simulation.run()
            let result = simulation.result()
            print("== \(name): offered \(result.requests.offered) completed \(result.requests.completed) 429 \(result.requests.rateLimited) rejected \(result.requests.rejected) timedOut \(result.requests.timedOut) failed \(result.requests.failed) p50 \(result.latency.p50) p99 \(result.latency.p99)")
            for c in result.components {
                if let station = simulation.series.stations.firstIndex(of: c.id) {
                    let windows = stride(from: 0, to: Int(design.simulation.durationS), by: 5).map {
                        String(format: "%.2f", ExampleDesignTests.mean(simulation.series.utilization[station], from: $0, to: $0 + 5))
                    }
                    print("  \(c.id) utilisation per 5 s: \(windows.joined(separator: " "))")
                }
                print("  \(c.id) util \(String(format: "%.3f", c.utilization)) rps \(String(format: "%.1f", c.throughputRPS)) q \(String(format: "%.1f", c.meanQueueLength)) wait \(c.wait.mean) hit \(c.blocks.hitRatio.map { String(format: "%.3f", $0) } ?? "-") \(c.blocks) lag \(c.asyncLatency.map { "\($0.mean)/\($0.p99)" } ?? "-") timeline \(c.instanceTimeline.map { "\(Int($0.time)):\($0.instances)" })")
            }
        }
    }
}

@Suite struct RunReportRateLimitTests {
    /// The report keeps the run's 429s (they used to be dropped when the runs were merged into the report).
    @Test func reportKeepsRateLimitedRequests() throws {
        let design = try ExampleDesignTests.design("rate-limited-api")
        let report = try Runner.run(design: design, options: RunOptions(seed: 42, durationS: 10, warmupS: 2), replications: 1)
        #expect(report.requests.rateLimited > 0)
        #expect(report.requests.rateLimited == report.runs[0].requests.rateLimited)
    }
}

extension ExampleDesignTests {
    // MARK: Hedging, bulkheads, rate limiters; write-behind and failover

    @Test func hedgingCutsTheIndexTailAndTheLimiterShedsTheSpike() throws {
        let result = try ExampleDesignTests.run("tail-latency-hedging", duration: 60, warmup: 10)
        let index = try #require(result.components.first { $0.id == "index" })
        let api = try #require(result.components.first { $0.id == "api" })
        // The index's own p99 is ≈ 80 ms; hedging after 25 ms brings the end-to-end p99 under half of it.
        #expect(index.response.p99 > 0.06)
        #expect(result.latency.p99 < index.response.p99 / 2, "p99 \(result.latency.p99) vs index \(index.response.p99)")
        let hedgeShare = Double(api.blocks.hedges) / Double(result.requests.completed)
        #expect(hedgeShare > 0.03 && hedgeShare < 0.1, "hedges \(hedgeShare)")
        // 10 s at 2.5 × 800/s against a 900/s bucket: ≈ 1,100 × 10 refused.
        #expect(abs(Double(result.requests.rateLimited) - 11_000) < 1_500, "429s \(result.requests.rateLimited)")
        #expect(result.requests.failed + result.requests.timedOut == 0)
    }

    @Test func writeBehindLosesItsWindowAndTheDatabaseFailsOver() throws {
        let result = try ExampleDesignTests.run("write-behind-counters", duration: 60, warmup: 10)
        let counters = try #require(result.components.first { $0.id == "counters" })
        let db = try #require(result.components.first { $0.id == "db" })
        // ≈ 400 writes/s wait 2 s to be flushed: ≈ 800 lost when the cache crashes.
        #expect(counters.blocks.lostWrites > 600 && counters.blocks.lostWrites < 950, "lost \(counters.blocks.lostWrites)")
        #expect(db.blocks.failovers == 1)
        // Flushes fail between the crash (45 s) and the promotion (≈ 50 s): ≈ 5 s × 400/s.
        #expect(result.asyncFailed > 1_500 && result.asyncFailed < 2_500, "failed flushes \(result.asyncFailed)")
        // Writes are acknowledged at the cache: far faster than a database round trip.
        let writes = try #require(result.classes.first { $0.name == "write" })
        #expect(writes.latency.mean < 0.0015)
    }
}
