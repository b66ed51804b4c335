import Foundation
import Testing
import Model
import Analysis
@testable import SimCore

/// Queues, databases and rate limits in the engine, checked against closed forms and exact counts.
@Suite struct QueueDatabaseBehaviourTests {
    static func queueDesign(_ queue: String, rate: Int = 800, producers: String = "", duration: String = "120s") -> String {
        """
        sdw: 1
        simulation: { duration: \(duration), warmup: 20s }
        workload: { entry: api, rate: \(rate) }
        components:
          api:
            kind: service
            workers: 64
            service_time: { dist: constant, mean: 1ms }
            calls: [{ to: jobs, mode: async }]
        \(producers)
          jobs:
            kind: queue
        \(queue)
        """
    }

    @Test func eachConsumerIsAnMM1OverItsPartitions() throws {
        // 4 partitions, 2 consumers: each consumer serves λ/2 = 400/s at μ = 500/s, so W = 1/(μ − λ/2) = 10 ms.
        let result = try run(try design(Self.queueDesign("""
            partitions: 4
            consumers: 2
            service_time: { dist: exponential, mean: 2ms }
        """)))
        let jobs = result.component("jobs")
        let latency = try #require(jobs.asyncLatency)
        #expect(abs(latency.mean - 0.010) / 0.010 < 0.06, "publish→done mean \(latency.mean)")
        #expect(abs(jobs.utilization - 0.8) < 0.02)
        #expect(jobs.blocks.published > 75_000)
        // The analysis sees two M/M/1 consumers.
        let analysis = try #require(NetworkAnalyzer.analyze(try design(Self.queueDesign("""
            partitions: 4
            consumers: 2
            service_time: { dist: exponential, mean: 2ms }
        """))))
        #expect(abs(try #require(analysis.station("jobs")).utilization - 0.8) < 1e-9)
    }

    @Test func moreConsumersThanPartitionsLeaveTheExtraOnesIdle() throws {
        let few = try run(try design(Self.queueDesign("""
            partitions: 2
            consumers: 2
            service_time: { dist: exponential, mean: 2ms }
        """)))
        let many = try run(try design(Self.queueDesign("""
            partitions: 2
            consumers: 8
            service_time: { dist: exponential, mean: 2ms }
        """)))
        // Ordering per partition allows one consumer per partition: six extra consumers change nothing.
        #expect(abs(try #require(many.component("jobs").asyncLatency).mean - (try #require(few.component("jobs").asyncLatency)).mean) < 0.001)
    }

    @Test func failedMessagesAreRetriedThenDeadLettered() throws {
        // Each delivery fails with probability 0.5; after 2 retries (3 deliveries) a message is dead-lettered: 0.5³ = 12.5%.
        let result = try run(try design(Self.queueDesign("""
            partitions: 4
            consumers: 4
            failure_probability: 0.5
            max_retries: 2
            retry_delay: 100ms
            dead_letter: dlq
            service_time: { dist: exponential, mean: 1ms }
          dlq:
            kind: service
            workers: 8
            service_time: { dist: constant, mean: 1ms }
        """, rate: 400)))
        let jobs = result.component("jobs")
        let share = Double(jobs.blocks.deadLettered) / Double(jobs.blocks.published)
        #expect(abs(share - 0.125) < 0.01, "dead-lettered \(share)")
        // Expected redeliveries per message: 0.5 + 0.25 = 0.75.
        #expect(abs(Double(jobs.blocks.redelivered) / Double(jobs.blocks.published) - 0.75) < 0.03)
        #expect(abs(result.component("dlq").throughputRPS - 50) < 4)
    }

    @Test func overflowDropsOrBlocksTheProducer() throws {
        let queue = """
            partitions: 1
            consumers: 1
            capacity: 100
            service_time: { dist: exponential, mean: 2ms }
        """
        // Offered 800/s to a consumer that does 500/s.
        let dropping = try run(try design(Self.queueDesign(queue, duration: "40s")))
        let blocking = try run(try design(Self.queueDesign(queue + "\n    overflow: block", duration: "40s")))
        let dropped = dropping.component("jobs").blocks
        #expect(abs(Double(dropped.dropped) / Double(dropped.published) - 0.375) < 0.02)
        #expect(abs(dropping.component("jobs").throughputRPS - 500) < 15)
        // Blocking loses nothing: the producer's workers wait instead, and its clients see it.
        #expect(blocking.component("jobs").blocks.dropped == 0)
        #expect(blocking.component("jobs").blocks.blockedProducers > 1000)
        #expect(blocking.component("api").utilization > 0.95)
        #expect(blocking.component("api").rejected > 0)
    }

    @Test func lostAcksRedeliverAndIdempotentConsumersSkipTheDuplicates() throws {
        let base = """
            partitions: 2
            consumers: 2
            ack_loss: 0.1
            service_time: { dist: exponential, mean: 1ms }
        """
        let plain = try run(try design(Self.queueDesign(base, rate: 400)))
        let idempotent = try run(try design(Self.queueDesign(base + "\n    idempotent: true", rate: 400)))
        let p = plain.component("jobs").blocks, i = idempotent.component("jobs").blocks
        // Redeliveries per message: 0.1 + 0.01 + … = 1/9.
        #expect(abs(Double(p.redelivered) / Double(p.published) - 1.0 / 9) < 0.01)
        #expect(abs(Double(p.duplicatesProcessed) - Double(p.redelivered)) / Double(p.redelivered) < 0.02)
        #expect(i.duplicatesProcessed == 0)
        #expect(i.deduplicated > 0)
    }

    // MARK: Databases

    static func databaseDesign(_ database: String, keys: String = "", rate: Int = 2000, classes: String = "") -> String {
        """
        sdw: 1
        simulation: { duration: 60s, warmup: 10s }
        workload:
          entry: api
          rate: \(rate)
          \(keys)
          \(classes)
        components:
          api:
            kind: service
            workers: 256
            service_time: { dist: constant, mean: 1ms }
            calls: [db]
          db:
            kind: database
            service_time: { dist: exponential, mean: 2ms }
        \(database)
        """
    }

    @Test func aHotKeySaturatesItsShardWhileTheOthersIdle() throws {
        let hot = try design(Self.databaseDesign("""
            connections: 4
            shards: 4
            hot_key: 0.4
        """))
        let simulation = try Simulation(design: hot, options: RunOptions(design: hot))
        simulation.run()
        let db = simulation.result().component("db")
        // Shards get 0.4 + 0.6/4 = 55% and 15% of 2000/s: ρ = 1100·2ms/4 = 0.55 and 0.15; mean over the shards 0.25.
        #expect(abs(db.utilization - 0.25) < 0.01)
        let perShard = simulation.shardUtilisation(of: "db")
        #expect(perShard.max()! > 0.5 && perShard.min()! < 0.2, "per shard \(perShard)")
    }

    @Test func rangeShardingPutsPopularKeysOnTheFirstShard() throws {
        let text = Self.databaseDesign("""
            shards: 4
            sharding: range
        """, keys: "keys: { count: 100000, zipf: 1.0 }")
        let simulation = try Simulation(design: try design(text), options: RunOptions(design: try design(text)))
        simulation.run()
        let busy = simulation.shardUtilisation(of: "db")
        // Zipf(1) over 100k keys: the first quarter of the key range gets about 89% of the requests.
        #expect(busy[0] > 5 * busy[1], "per shard \(busy)")
    }

    @Test func replicasServeReadsAndLagMakesSomeStale() throws {
        // 10 keys, writes 200/s (20 per key per second), lag 50 ms: a replica read is stale with
        // probability 1 − e^(−20·0.05) = 63.2% (Poisson writes per key).
        let text = Self.databaseDesign("""
            connections: 16
            replicas: 2
            replication_lag: 50ms
        """, keys: "keys: { count: 10, zipf: 0 }", rate: 1000,
            classes: "classes: [{ name: read, weight: 4 }, { name: write, weight: 1, write: true }]")
        let simulation = try Simulation(design: try design(text), options: RunOptions(design: try design(text)))
        simulation.run()
        let db = simulation.result().component("db").blocks
        #expect(abs(Double(db.writes) / Double(db.reads + db.writes) - 0.2) < 0.01)
        let stale = Double(db.staleReads) / Double(db.reads)
        #expect(abs(stale - (1 - exp(-1))) < 0.03, "stale share \(stale)")
        // Writes go to the primary (node 0) only; reads to the two replicas.
        let nodes = simulation.instanceServed(of: "db")
        #expect(abs(Double(nodes[0]) / Double(nodes.reduce(0, +)) - 0.2) < 0.02)
    }

    @Test func aReplicaIsPromotedAfterThePrimaryCrashes() throws {
        let text = Self.databaseDesign("""
            connections: 16
            replicas: 1
            failover: 3s
        failures:
          - { at: 20s, crash: db, instance: 0 }
        """, rate: 500, classes: "classes: [{ name: read, weight: 1 }, { name: write, weight: 1, write: true }]")
        let result = try run(try design(text))
        #expect(result.component("db").blocks.failovers == 1)
        // Writes fail from the crash until detection (2 s) + failover (3 s): about 250/s × 5 s.
        let failed = Double(result.requests.failed)
        #expect(failed > 900 && failed < 1600, "failed \(failed)")
    }

    @Test func addingAShardMovesFewKeysOnlyWithConsistentHashing() {
        // hash mod N → N+1 moves N/(N+1) of the keys; a ring with 100 virtual nodes per shard about 1/(N+1).
        for shards in [4, 8] {
            let hash = ShardPlacement.movedShare(strategy: .hash, shards: shards)
            let ring = ShardPlacement.movedShare(strategy: .consistentHash, shards: shards)
            let n = Double(shards)
            #expect(abs(hash - n / (n + 1)) < 0.01, "hash \(hash)")
            #expect(abs(ring - 1 / (n + 1)) < 0.05, "ring \(ring)")
        }
    }

    // MARK: Rate limits

    @Test func aTokenBucketPassesItsRateAndCounts429sApart() throws {
        let text = """
        sdw: 1
        simulation: { duration: 60s, warmup: 10s }
        workload: { entry: limiter, rate: 2000 }
        components:
          limiter:
            kind: rate_limiter
            rate_limit: { rate: 500, burst: 50 }
            calls: [app]
          app:
            kind: service
            workers: 16
            service_time: { dist: exponential, mean: 2ms }
        """
        let result = try run(try design(text))
        #expect(abs(result.component("app").throughputRPS - 500) < 8)
        let limited = Double(result.requests.rateLimited) / Double(result.requests.offered)
        #expect(abs(limited - 0.75) < 0.01)
        #expect(result.requests.failed == 0)
        #expect(result.component("limiter").blocks.rateLimited == result.requests.rateLimited)
    }

    @Test func perClientBucketsLimitEachClientSeparately() throws {
        let text = """
        sdw: 1
        simulation: { duration: 40s, warmup: 5s }
        workload: { entry: gw, rate: 1000 }
        components:
          gw:
            kind: api_gateway
            rate_limit: { rate: 20, burst: 5, per: client, clients: 10 }
            routes: [app]
          app:
            kind: service
            workers: 16
            service_time: { dist: exponential, mean: 2ms }
        """
        let result = try run(try design(text))
        // Ten clients at ~100/s each, each allowed 20/s: 200/s pass in total.
        #expect(abs(result.component("app").throughputRPS - 200) < 10)
    }
}

extension Simulation {
    /// Utilisation per shard of a database after the warm-up (work started over the shard's slots).
    func shardUtilisation(of id: String) -> [Double] {
        let station = design.index(of: id)!
        let settings = design.components[station].database!
        let completions = instanceServed(of: id)
        return (0..<settings.shards).map { shard in
            let nodes = completions[(shard * settings.nodesPerShard)..<((shard + 1) * settings.nodesPerShard)]
            return Double(nodes.reduce(0, +)) * design.components[station].serviceTime.meanS
                / ((now - warmupTime) * Double(settings.nodesPerShard * design.components[station].workers))
        }
    }
}
