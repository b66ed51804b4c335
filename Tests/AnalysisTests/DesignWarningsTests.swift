import Foundation
import Testing
import Model
@testable import Analysis

/// Design-level warnings: one small design per rule that triggers it, a clean design that triggers none, and the
/// example designs.
@Suite struct DesignWarningsTests {
    func warnings(_ text: String, rate: Double? = nil) throws -> [DesignWarning] {
        DesignWarnings.check(try DesignParser.parse(text, file: "inline.yaml").0, rateRPS: rate)
    }

    /// The one warning of a rule; fails when there is none or several.
    func only(_ id: String, in found: [DesignWarning], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> DesignWarning {
        let matching = found.filter { $0.id == id }
        #expect(matching.count == 1, "\(id): \(found.map(\.id))", sourceLocation: sourceLocation)
        return try #require(matching.first, sourceLocation: sourceLocation)
    }

    /// A service at `rate` on 2 instances × 1 worker of 10 ms, called by two load-balanced front instances.
    func twoInstances(rate: Double, pattern: String = "") -> String {
        """
        sdw: 1
        workload: { entry: web, rate: \(rate)\(pattern) }
        components:
          web: { kind: service, instances: 2, workers: 1, service_time: { dist: exponential, mean: 10ms } }
        """
    }

    @Test func nearSaturatedAndSaturated() throws {
        let near = try only("near-saturated", in: try warnings(twoInstances(rate: 180)))
        #expect(near.severity == .warning && near.component == "web")
        #expect(near.message == "'web' is near saturation: ρ = 0.9 at 180 req/s")
        #expect(near.reason.hasPrefix("waiting time grows as ρ/(1−ρ) = 9: mean wait ≈ 90ms (9× its hold of 10ms)"), "\(near.reason)")
        // Each instance is M/M/1 at λ = 90, μ = 100: p99 = ln(100)/(μ − λ) = 460.5 ms.
        #expect(near.reason.contains("p99 at the component ≈ 461ms (46.1× the mean service time, Erlang C)"), "\(near.reason)")
        #expect(near.suggestion == "run 3 instances (now 2) for ρ ≤ 70.0%")
        #expect(near.noteID == "utilization-knee")

        let saturated = try only("saturated", in: try warnings(twoInstances(rate: 250)))
        #expect(saturated.severity == .critical && saturated.component == "web")
        #expect(saturated.message == "'web' is saturated: ρ = 1.25 at 250 req/s")
        #expect(saturated.reason.contains("needs 2.5 busy slots on average"))
        #expect(saturated.suggestion == "run 4 instances (now 2) for ρ ≤ 70.0%")
        #expect(try warnings(twoInstances(rate: 150)).isEmpty, "ρ = 0.75 is below the threshold")
    }

    @Test func saturatedAtThePatternsPeak() throws {
        let found = try warnings(twoInstances(rate: 80, pattern: ", pattern: { kind: spike, at: 10s, factor: 3, for: 5s }"))
        let peak = try only("saturated-at-peak", in: found)
        #expect(peak.component == "web")
        #expect(peak.message.contains("ρ = 1.2 at 240 req/s into the entry (×3 the base rate)"), "\(peak.message)")
        #expect(peak.suggestion.hasPrefix("run 4 instances (now 2) for ρ ≤ 70.0% at the peak"))
    }

    @Test func queueConsumersThatCannotKeepUp() throws {
        let found = try warnings("""
        sdw: 1
        workload: { entry: app, rate: 500 }
        components:
          app:
            kind: service
            instances: 2
            workers: 8
            service_time: { dist: exponential, mean: 1ms }
            calls: [{ to: jobs, mode: async }]
          jobs:
            kind: queue
            partitions: 2
            consumers: 6
            service_time: { dist: exponential, mean: 5ms }
            dead_letter: dead
          dead: { kind: queue, service_time: { dist: constant, mean: 0s } }
        """)
        let lag = try only("queue-lag-grows", in: found)
        #expect(lag.severity == .critical && lag.component == "jobs")
        #expect(lag.message == "'jobs' consumers cannot keep up: ρ = 1.25 at 500 msg/s")
        #expect(lag.reason.contains("2 consumers at 5ms each process at most 400 msg/s"))
        #expect(lag.suggestion.hasPrefix("run 4 consumers (now 6) over at least 4 partitions (now 2)"))
        let idle = try only("idle-consumers", in: found)
        #expect(idle.message == "'jobs' has 6 consumers for 2 partitions: 4 sit idle")
        #expect(idle.severity == .info)
        // 'dead' is itself a dead-letter queue: it needs none of its own.
        #expect(!found.contains { $0.id == "drop-without-dead-letter" })
    }

    @Test func droppedMessagesWithoutADeadLetterQueue() throws {
        let found = try warnings("""
        sdw: 1
        workload: { entry: app, rate: 100 }
        components:
          app: { kind: service, instances: 2, workers: 8, service_time: { dist: exponential, mean: 1ms }, calls: [{ to: jobs, mode: async }] }
          jobs:
            kind: queue
            partitions: 4
            consumers: 4
            failure_probability: 0.1
            max_retries: 2
            service_time: { dist: exponential, mean: 5ms }
        """)
        let drop = try only("drop-without-dead-letter", in: found)
        #expect(drop.severity == .warning && drop.component == "jobs")
        #expect(drop.reason.contains("(0.1^3 = 0.10% of messages, ≈ 0.1 msg/s) is discarded"), "\(drop.reason)")
    }

    @Test func singlePointsOfFailure() throws {
        let found = try warnings("""
        sdw: 1
        workload: { entry: lb, rate: 100 }
        components:
          lb: { kind: load_balancer, routes: [web] }
          web:
            kind: service
            instances: 3
            workers: 4
            service_time: { dist: exponential, mean: 5ms }
            calls: [{ to: db, timeout: 1s }, { to: audit, probability: 0.5, timeout: 1s }]
          audit: { kind: service, service_time: { dist: exponential, mean: 1ms } }
          db: { kind: database, service_time: { dist: exponential, mean: 2ms } }
        """)
        let spofs = found.filter { $0.id == "single-point-of-failure" }
        #expect(spofs.map(\.component) == ["lb", "db"], "'audit' has one instance but only half the requests need it")
        #expect(spofs[0].message == "'lb' is a single load balancer on every request path")
        #expect(spofs[0].reason.hasPrefix("all 100 req/s pass through it with no alternative route"))
        #expect(spofs[1].message == "'db' is a single node (no replicas)")
        #expect(spofs[1].reason.hasPrefix("every request passes through it"))
        #expect(spofs[1].suggestion.contains("replicas: 1 and failover"))

        // Two single-instance backends behind the balancer are alternatives for each other.
        let pair = try warnings("""
        sdw: 1
        workload: { entry: lb, rate: 100 }
        components:
          lb: { kind: load_balancer, instances: 2, routes: [a, b] }
          a: { kind: service, workers: 4, service_time: { dist: exponential, mean: 5ms } }
          b: { kind: service, workers: 4, service_time: { dist: exponential, mean: 5ms } }
        """)
        #expect(pair.isEmpty, "\(pair.map(\.line))")
    }

    @Test func aSingleCacheInstanceStampedesItsStore() throws {
        let found = try warnings("""
        sdw: 1
        workload: { entry: web, rate: 1000 }
        components:
          web: { kind: service, instances: 4, workers: 16, service_time: { dist: exponential, mean: 1ms }, calls: [{ to: cache, timeout: 1s }] }
          cache: { kind: cache, workers: 8, hit_ratio: 0.8, on_miss: db }
          db: { kind: database, replicas: 1, connections: 2, service_time: { dist: exponential, mean: 5ms } }
        """)
        let stampede = try only("single-cache-instance", in: found)
        #expect(stampede.component == "cache" && stampede.severity == .warning)
        // 200 misses/s on 2 nodes × 2 connections of 5 ms: ρ 0.25; cold, every read: 1,000/s, ρ 1.25.
        #expect(stampede.reason.contains("from 200 req/s (ρ = 0.25) to 1k req/s (ρ = 1.25) until the cache refills: a cache stampede"),
                "\(stampede.reason)")
    }

    @Test func deepSyncChains() throws {
        func chain(_ hops: Int) -> String {
            let names = (0...hops).map { "s\($0)" }
            var text = "sdw: 1\nworkload: { entry: s0, rate: 10 }\ncomponents:\n"
            for (i, name) in names.enumerated() {
                let call = i < hops ? ", calls: [{ to: \(names[i + 1]), timeout: 1s }]" : ""
                text += "  \(name): { kind: service, instances: 2, workers: 8, service_time: { dist: exponential, mean: 1ms }\(call) }\n"
            }
            return text
        }
        #expect(try warnings(chain(4)).isEmpty, "4 hops is the limit")
        let deep = try only("deep-sync-chain", in: try warnings(chain(5)))
        #expect(deep.component == "s0")
        #expect(deep.message == "sync chain of 5 hops (more than 4): s0 → s1 → s2 → s3 → s4 → s5")
        #expect(deep.reason.contains("'s0' holds one for 6ms per request"), "\(deep.reason)")
        #expect(deep.reason.contains("backs up all 5 callers"))
    }

    @Test func retriesWithoutBackoffOrTimeoutAndTheirAmplification() throws {
        let found = try warnings("""
        sdw: 1
        workload: { entry: a, rate: 100 }
        components:
          a:
            kind: service
            instances: 2
            workers: 8
            service_time: { dist: exponential, mean: 1ms }
            calls: [{ to: b, timeout: 1s, retries: { max: 3, backoff: 0s, jitter: none } }]
          b:
            kind: service
            instances: 2
            workers: 8
            service_time: { dist: exponential, mean: 1ms }
            calls: [{ to: c, retries: 3 }]
          c: { kind: service, instances: 2, workers: 8, service_time: { dist: exponential, mean: 1ms } }
        """)
        let backoff = try only("retries-without-backoff", in: found)
        #expect(backoff.component == "a")
        #expect(backoff.message == "'a' → 'b' retries up to 3 times with no backoff and no jitter")
        #expect(backoff.reason.contains("rises up to ×4 (100 → 400 req/s)"))
        let timeout = try only("retries-without-timeout", in: found)
        #expect(timeout.component == "b" && timeout.message == "'b' → 'c' retries (max 3) but has no timeout")
        let amplification = try only("retry-amplification", in: found)
        #expect(amplification.message == "retries multiply to ×16 along a → b → c")
        #expect(!found.contains { $0.id == "sync-call-without-timeout" }, "the retry rule already covers 'b' → 'c'")
    }

    @Test func syncCallsWithoutATimeout() throws {
        let found = try warnings("""
        sdw: 1
        workload: { entry: web, rate: 50 }
        components:
          web: { kind: service, instances: 2, workers: 8, service_time: { dist: exponential, mean: 1ms }, calls: [db] }
          db: { kind: database, replicas: 1, connections: 2, queue_capacity: 100, service_time: { dist: exponential, mean: 10ms } }
        """)
        let call = try only("sync-call-without-timeout", in: found)
        #expect(call.component == "web")
        // A full queue of 100 × 10 ms over 2 connections: 500 ms.
        #expect(call.reason.contains("a call can wait ≈ 500ms"), "\(call.reason)")
        #expect(call.suggestion.contains("e.g. timeout: 50ms"), "\(call.suggestion)")
    }

    @Test func cachesSmallerThanTheHotSetAndShortTTLs() throws {
        let found = try warnings("""
        sdw: 1
        workload: { entry: web, rate: 1000, keys: { count: 100k, zipf: 0.8 } }
        components:
          web: { kind: service, instances: 4, workers: 16, service_time: { dist: exponential, mean: 1ms }, calls: [{ to: cache, timeout: 1s }] }
          cache: { kind: cache, instances: 2, workers: 8, capacity: 500, ttl: 1s, on_miss: db }
          db: { kind: database, replicas: 1, connections: 32, service_time: { dist: exponential, mean: 2ms } }
        """)
        let popularities = CacheTheory.zipfPopularities(count: 100_000, exponent: 0.8)
        var cumulative = 0.0
        let hotSet = popularities.firstIndex { cumulative += $0; return cumulative >= 0.8 }! + 1
        let small = try only("cache-smaller-than-hot-set", in: found)
        #expect(small.component == "cache" && small.severity == .warning)
        #expect(small.message == "'cache' holds 1,000 entries but 80.0% of requests go to the \(Units.formatGrouped(hotSet)) most popular keys")
        let hit = CacheTheory.cheLRU(popularities: popularities, capacity: 1000).hitRatio
        #expect(hit < 0.5 && small.reason.contains("gives a hit ratio of \(Units.formatPercent(hit))"), "\(small.reason)")
        let ttl = try only("ttl-shorter-than-reuse", in: found)
        // The median key's rank and its reads per second decide the gap.
        cumulative = 0
        let median = popularities.firstIndex { cumulative += $0; return cumulative >= 0.5 }!
        let gap = 1 / (popularities[median] * 1000)
        #expect(ttl.message == "'cache' TTL 1s is shorter than the \(Units.formatDuration(gap)) between reads of its median key "
                + "(#\(Units.formatGrouped(median + 1)) of 100,000)")
    }

    @Test func readYourWritesOnReplicas() throws {
        let text = """
        sdw: 1
        workload:
          entry: api
          rate: 1000
          keys: { count: 10k, zipf: 1 }
          classes: [{ name: read, weight: 9 }, { name: write, weight: 1, write: true }]
        components:
          api: { kind: service, instances: 4, workers: 16, service_time: { dist: exponential, mean: 1ms }, calls: [{ to: db, timeout: 1s }] }
          db: { kind: database, replicas: 2, read_from: READ, replication_lag: 200ms, connections: 32, service_time: { dist: exponential, mean: 2ms } }
        """
        let found = try warnings(text.replacingOccurrences(of: "READ", with: "replicas"))
        let stale = try only("read-your-writes", in: found)
        #expect(stale.component == "db")
        #expect(stale.message == "'db' serves reads from 2 replicas lagging 200ms while 100 writes/s reach its primary")
        let popularities = CacheTheory.zipfPopularities(count: 10_000, exponent: 1)
        let expected = popularities.reduce(0) { $0 + $1 * -expm1(-$1 * 100 * 0.2) }
        #expect(stale.reason.contains("≈ \(Units.formatPercent(expected)) of reads"), "\(stale.reason)")
        #expect(stale.reason.contains("(class 'write' then 'read')"))
        #expect(stale.noteID == "read-your-writes")
        #expect(!(try warnings(text.replacingOccurrences(of: "READ", with: "primary"))).contains { $0.id == "read-your-writes" })
    }

    @Test func writeBehindLossWindow() throws {
        let found = try warnings("""
        sdw: 1
        workload:
          entry: cache
          rate: 1000
          classes: [{ name: read, weight: 9 }, { name: write, weight: 1, write: true }]
        components:
          cache: { kind: cache, instances: 2, workers: 8, hit_ratio: 0.9, strategy: write_behind, flush_after: 2s, on_miss: db }
          db: { kind: database, replicas: 1, connections: 32, service_time: { dist: exponential, mean: 2ms } }
        """)
        let loss = try only("write-behind-loss-window", in: found)
        #expect(loss.severity == .info && loss.component == "cache")
        #expect(loss.reason.contains("at 100 writes/s about 200 writes are held only in the cache"))
    }

    @Test func rateLimitsBelowTheLoadAndAboveTheCapacityBehind() throws {
        func gateway(_ limit: Int) -> String {
            """
            sdw: 1
            workload: { entry: gw, rate: 1000 }
            components:
              gw: { kind: api_gateway, instances: 2, workers: 64, rate_limit: { rate: \(limit), burst: 100 }, routes: [web] }
              web: { kind: service, instances: 2, workers: 4, service_time: { dist: exponential, mean: 5ms } }
            """
        }
        let below = try only("rate-limit-below-load", in: try warnings(gateway(300)))
        #expect(below.severity == .warning && below.component == "gw")
        #expect(below.message == "'gw' admits ≈ 300 of the 1k req/s offered (300 req/s)")
        #expect(below.reason.hasPrefix("≈ 70.0% of requests get 429"))
        // 'web' serves at most 2 × 4 / 5 ms = 1,600 req/s; a limit of 5,000 never trips before it is overloaded.
        let above = try only("rate-limit-above-capacity", in: try warnings(gateway(5000)))
        #expect(above.message == "'gw' admits up to 5k req/s but 'web' behind it saturates at 1.6k req/s of admitted traffic")
        #expect(above.suggestion.hasPrefix("set the rate to about 70.0% of that, 1.12k req/s"))
        #expect(try warnings(gateway(1200)).isEmpty)
    }

    @Test func hotShard() throws {
        let found = try warnings("""
        sdw: 1
        workload: { entry: api, rate: 3000, keys: { count: 1M, zipf: 0 } }
        components:
          api: { kind: service, instances: 4, workers: 64, service_time: { dist: exponential, mean: 1ms }, calls: [{ to: users, timeout: 2s }] }
          users: { kind: database, shards: 4, replicas: 1, hot_key: 0.3, connections: 4, service_time: { dist: exponential, mean: 5ms } }
        """)
        let hot = try only("hot-shard", in: found)
        // 3,000 × 5 ms over 8 nodes × 4 connections: ρ 0.47 on average; the hot shard gets 0.3 + 0.7/4 = 47.5%: ρ 0.89.
        #expect(hot.severity == .warning && hot.component == "users")
        #expect(hot.message == "'users' hot shard runs at ρ = 0.89 (the others at 0.33; the average of 0.47 hides it)")
        #expect(hot.reason.contains("which gets 47.5% of the load (even share 25.0%)"))
    }

    @Test func autoscalingThatBootsSlowlyOrStopsShort() throws {
        let found = try warnings("""
        sdw: 1
        workload: { entry: web, rate: 200, pattern: { kind: spike, at: 10s, factor: 5, for: 20s } }
        components:
          web:
            kind: service
            instances: 2
            workers: 4
            service_time: { dist: exponential, mean: 20ms }
            autoscale: { min: 2, max: 6, target: 0.6, interval: 15s, boot: 60s }
        """)
        let boot = try only("autoscale-slow-boot", in: found)
        #expect(boot.message == "'web' boots instances in 60s, 4× its 15s scaling interval")
        #expect(boot.reason.contains("interval + boot = 75s"))
        // Peak 1,000 req/s × 20 ms = 20 busy workers: 5 instances just to keep up, 9 at a 60% target.
        let max = try only("autoscale-max-too-low", in: found)
        #expect(max.severity == .warning)
        #expect(max.message == "'web' autoscales to at most 6 instances; the spike pattern's peak of 1k req/s needs 9 at its 60.0% target")
        #expect(max.suggestion == "raise autoscale max to 9")
        #expect(!found.contains { $0.id == "saturated-at-peak" }, "autoscaling groups are judged by their maximum")
    }

    @Test func aCleanDesignHasNoWarnings() throws {
        let found = try warnings("""
        sdw: 1
        workload: { entry: lb, rate: 500, keys: { count: 10k, zipf: 0.9 } }
        components:
          lb: { kind: load_balancer, instances: 2, routes: [web] }
          web:
            kind: service
            instances: 4
            workers: 8
            service_time: { dist: exponential, mean: 5ms }
            calls: [{ to: cache, timeout: 50ms }, { to: db, probability: 0.2, timeout: 200ms, retries: { max: 2, backoff: 50ms } }]
          cache: { kind: cache, instances: 2, workers: 8, capacity: 5000, on_miss: db }
          db: { kind: database, replicas: 1, read_from: primary, failover: 30s, connections: 16, service_time: { dist: exponential, mean: 3ms } }
        """)
        #expect(found.isEmpty, "\(found.map(\.line))")
    }

    @Test func runHookReportsWhatTheorySaysCannotHappen() throws {
        let design = try DesignParser.parse(twoInstances(rate: 100) + "\n" + """
        failures:
          - { at: 20s, slow: web, factor: 4, until: 40s }
        """, file: "inline.yaml").0
        let quiet = DesignWarnings.fromRun(design, components: [MeasuredComponent(id: "web", utilization: 0.5, throughputRPS: 100)])
        #expect(quiet.isEmpty)
        let found = DesignWarnings.fromRun(design, components: [
            MeasuredComponent(id: "web", utilization: 0.97, throughputRPS: 100, retriesPerS: 0),
        ])
        let saturated = try only("saturated-in-run", in: found)
        #expect(saturated.message == "'web' was busy 97.0% of the run, though theory predicts ρ = 0.5")
        #expect(saturated.reason.contains("its failure timeline pushed it over"))

        let caller = try DesignParser.parse("""
        sdw: 1
        workload: { entry: api, rate: 100 }
        components:
          api: { kind: service, instances: 2, workers: 8, service_time: { dist: exponential, mean: 1ms }, calls: [{ to: web, timeout: 50ms, retries: 3 }] }
          web: { kind: service, instances: 2, workers: 8, service_time: { dist: exponential, mean: 5ms } }
        """, file: "inline.yaml").0
        let retries = try only("retries-observed", in: DesignWarnings.fromRun(caller, components: [
            MeasuredComponent(id: "api", utilization: 0.1, throughputRPS: 80, retriesPerS: 40),
        ]))
        #expect(retries.severity == .warning)
        #expect(retries.message == "'api' retried 40 calls/s, 50.0% of the requests it served")
    }

    // MARK: The example designs

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func example(_ path: String) throws -> [DesignWarning] {
        let url = Self.root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        return DesignWarnings.check(try DesignParser.parse(text, file: path).0)
    }

    @Test func everyExampleDesignGetsTrueAndCompleteWarnings() throws {
        let catalog = try TradeOffCatalog.load()
        let noteIDs = Set(catalog.notes.map(\.id))
        let folders = ["Designs", "Designs/validation"]
        var checked = 0
        for folder in folders {
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path)
            for name in names.sorted() where name.hasSuffix(".yaml") {
                let found = try example("\(folder)/\(name)")
                checked += 1
                for warning in found {
                    #expect(!warning.message.isEmpty && !warning.reason.isEmpty && !warning.suggestion.isEmpty, "\(name): \(warning.id)")
                    #expect(warning.id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(warning.id) is kebab-case")
                    if let note = warning.noteID { #expect(noteIDs.contains(note), "\(name): \(warning.id) points to unknown note \(note)") }
                    #expect(!warning.line.contains("nan") && !warning.line.contains("inf"), "\(name): \(warning.line)")
                }
                // Most severe first.
                #expect(found.map(\.severity) == found.map(\.severity).sorted(by: >), "\(name)")
            }
        }
        #expect(checked > 15)
    }

    @Test func examplesGetTheWarningsTheyAreAbout() throws {
        func ids(_ name: String) throws -> [String] { try example("Designs/\(name).yaml").map(\.id) }
        let storm = try example("Designs/retry-storm.yaml")
        #expect(storm.map(\.id) == ["retries-without-backoff"])
        #expect(storm[0].component == "api" && storm[0].reason.contains("(1.5k → 6k req/s)"))
        #expect(try ids("retry-storm-fixed").isEmpty, "backoff, jitter and a breaker fix it")

        let hot = try example("Designs/sharded-hot-key.yaml")
        #expect(hot.map(\.id) == ["single-point-of-failure", "hot-shard"])
        #expect(hot[1].message.hasPrefix("'users' hot shard runs at ρ = 0.89"), "the file's comment says ≈ 90%")

        let cqrs = try example("Designs/cqrs-read-replicas.yaml")
        #expect(cqrs.map(\.id) == ["read-your-writes"])
        // Measured in the simulation: ≈ 20% stale reads.
        #expect(cqrs[0].reason.contains("≈ 21.3% of reads"), "\(cqrs[0].reason)")

        let logs = try example("Designs/logging-pipeline.yaml")
        #expect(logs.first?.id == "queue-lag-grows")
        #expect(logs.first?.reason.contains("process at most 889 msg/s") == true, "the file's comment says ≈ 890 msg/s")

        let limited = try example("Designs/rate-limited-api.yaml")
        let below = try #require(limited.first { $0.id == "rate-limit-below-load" })
        // Measured: ≈ 30% 429s (the burst lets a little more through than the steady-state estimate).
        #expect(below.reason.hasPrefix("≈ 36.1% of requests get 429"), "\(below.reason)")
        #expect(try ids("cdn-video-origin").isEmpty)
    }
}
