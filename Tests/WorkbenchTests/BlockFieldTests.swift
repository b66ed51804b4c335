import Foundation
import Testing
import Model
@testable import Workbench

func designState(_ file: String) throws -> AppState {
    let design = try DesignParser.load(path: repositoryRoot.appendingPathComponent("Designs/\(file)").path).0
    return AppState(design: design, filePath: "Designs/\(file)")
}

/// `:set TEXT`; the refusal shown on the prompt, or nil when it was accepted.
@discardableResult
func set(_ state: inout AppState, _ text: String) -> String? {
    send(&state, .modeCancelled, .commandStarted, .commandTextChanged("set " + text), .commandSubmitted)
    if case .command(_, let error?) = state.mode { return error }
    return nil
}

func value(_ state: AppState, _ key: String) -> String? {
    InspectorFields.fields(for: state).first { $0.key == key }?.value
}

/// Every edit leaves a design the whole-design check accepts.
func checked(_ state: AppState, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let errors = DesignParser.check(state.design).filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors.map(\.message))", sourceLocation: sourceLocation)
}

@Suite struct BlockFieldTests {
    @Test func cacheRowsParseApplyAndRefuse() throws {
        var state = try designState("cache-aside-read-heavy.yaml")
        state.selection = .component("cache")
        let keys = InspectorFields.fields(for: state).map(\.key)
        #expect(Array(keys.suffix(6)) == ["hit_ratio", "capacity", "ttl", "strategy", "on_miss", "region"])
        #expect(value(state, "capacity") == "20000")
        #expect(value(state, "ttl") == "20s")
        #expect(value(state, "hit_ratio") == "—")

        #expect(set(&state, "cache.ttl 5s") == nil)
        #expect(state.design.component("cache")?.cache?.ttlS == 5)
        #expect(state.log.last?.text == "cache: ttl → 5s")
        #expect(set(&state, "cache.ttl soon") == "ttl: 'soon' is not a duration such as 5ms or 2s")
        #expect(set(&state, "cache.ttl -") == nil)
        #expect(state.design.component("cache")?.cache?.ttlS == nil)
        #expect(set(&state, "cache.strategy refresh_ahead") == "refresh_ahead needs a ttl: entries never age, so there is nothing to refresh")
        #expect(set(&state, "cache.strategy write_around")
                == "strategy 'write_around' is not known; valid: cache_aside, read_through, write_through, write_behind, refresh_ahead")
        #expect(set(&state, "cache.strategy write_behind") == nil)
        #expect(state.design.component("cache")?.cache?.strategy == .writeBehind)
        #expect(set(&state, "cache.capacity 0") == "capacity (entries per instance) must be at least 1")
        #expect(set(&state, "cache.capacity 50k") == nil)
        #expect(state.design.component("cache")?.cache?.capacity == 50_000)
        // A fixed hit ratio replaces the key model, and back.
        #expect(set(&state, "cache.hit_ratio 1.5") == "hit_ratio must be from 0 to 1 (100%), not '1.5'")
        #expect(set(&state, "cache.hit_ratio 90%") == nil)
        #expect(state.design.component("cache")?.cache?.hitRatio == 0.9)
        #expect(state.design.component("cache")?.cache?.capacity == nil)
        #expect(value(state, "hit_ratio") == "0.9")
        #expect(set(&state, "cache.hit_ratio -") == "a cache needs hit_ratio or capacity: set capacity instead")
        // The backing store must exist and not be the cache itself (the design check's messages).
        #expect(set(&state, "cache.on_miss cache") == "on_miss of 'cache' names the cache itself")
        #expect(set(&state, "cache.on_miss nowhere")?.contains("nowhere") == true)
        // The read-through path would make web wait on itself.
        #expect(set(&state, "cache.on_miss web") == "cycle of sync calls: web → cache → web; a sync caller would wait on itself")
        #expect(state.design.component("cache")?.cache?.backing == "db")
        #expect(set(&state, "cache.region eu-west") == nil)
        #expect(state.design.component("cache")?.region == "eu-west")
        #expect(set(&state, "cache.region -") == nil)
        #expect(state.design.component("cache")?.region == nil)
        checked(state)
    }

    @Test func cdnRows() throws {
        var state = try designState("cdn-video-origin.yaml")
        #expect(value(state, "origin") == "origin")
        #expect(value(state, "shield_hit_ratio") == "0.8")
        #expect(value(state, "strategy") == nil)
        #expect(set(&state, "edge.shield_hit_ratio 0.5") == nil)
        #expect(state.design.component("edge")?.cache?.shieldHitRatio == 0.5)
        #expect(set(&state, "edge.shield_hit_ratio -") == nil)
        #expect(state.design.component("edge")?.cache?.shieldHitRatio == nil)
        #expect(set(&state, "edge.origin storage") == nil)
        #expect(state.design.component("edge")?.cache?.backing == "storage")
        #expect(set(&state, "edge.origin edge") == "origin of 'edge' names the cdn itself")
        #expect(set(&state, "edge.on_miss storage")?.hasPrefix("no parameter 'on_miss' here") == true)
        checked(state)
    }

    @Test func queueRowsKeepInstancesInStep() throws {
        var state = try designState("logging-pipeline.yaml")
        state.selection = .component("logs")
        let keys = InspectorFields.fields(for: state).map(\.key)
        #expect(!keys.contains("instances") && !keys.contains("workers") && !keys.contains("queue_capacity"))
        let first = try #require(keys.firstIndex(of: "partitions"))
        #expect(Array(keys[first...].prefix(12)) == ["partitions", "consumers", "capacity", "overflow", "failure_probability", "max_retries",
                                                     "retry_delay", "dead_letter", "ack_loss", "idempotent", "call.0", "region"])
        #expect(set(&state, "logs.partitions 16") == nil)
        #expect(state.design.component("logs")?.queue?.partitions == 16)
        #expect(state.design.component("logs")?.instances == 16)
        #expect(set(&state, "logs.partitions 0") == "partitions must be at least 1")
        #expect(set(&state, "logs.capacity 4")
                == "the queue would hold 4 messages in 16 partitions; capacity must be at least one message per partition")
        #expect(set(&state, "logs.consumers 8") == nil)
        #expect(set(&state, "logs.overflow block") == nil)
        #expect(set(&state, "logs.overflow wait") == "overflow 'wait' is not known; valid: drop, block")
        #expect(set(&state, "logs.failure_probability 10%") == nil)
        #expect(set(&state, "logs.max_retries 5") == nil)
        #expect(set(&state, "logs.max_retries -1") == "max_retries must be at least 0")
        #expect(set(&state, "logs.retry_delay 500ms") == nil)
        #expect(set(&state, "logs.dead_letter logs") == "dead_letter of 'logs' names the queue itself")
        #expect(set(&state, "logs.dead_letter index") == nil)
        #expect(set(&state, "logs.ack_loss 1") == "ack_loss must be from 0 and below 1 (100%), not '1'")
        #expect(set(&state, "logs.ack_loss 0.01") == nil)
        #expect(set(&state, "logs.idempotent maybe") == "idempotent must be true or false, not 'maybe'")
        #expect(set(&state, "logs.idempotent true") == nil)
        #expect(set(&state, "logs.instances 3")?.hasPrefix("no parameter 'instances' here") == true)
        let queue = try #require(state.design.component("logs")?.queue)
        #expect(queue == QueueSettings(partitions: 16, consumers: 8, capacity: 1_000_000, overflow: .block, failureProbability: 0.1,
                                       maxRetries: 5, retryDelayS: 0.5, deadLetter: "index", ackLoss: 0.01, idempotent: true))
        #expect(value(state, "dead_letter") == "index")
        checked(state)
    }

    @Test func databaseRowsKeepInstancesInStep() throws {
        var state = try designState("cache-aside-read-heavy.yaml")
        state.selection = .component("db")
        let keys = InspectorFields.fields(for: state).map(\.key)
        #expect(!keys.contains("instances") && !keys.contains("workers") && keys.contains("connections"))
        #expect(value(state, "connections") == "24")
        #expect(set(&state, "db.connections 48") == nil)
        #expect(state.design.component("db")?.workers == 48)
        #expect(set(&state, "db.shards 4") == nil)
        #expect(state.design.component("db")?.instances == 4)
        #expect(set(&state, "db.failover 5s") == "failover needs replicas to promote: set replicas first")
        #expect(set(&state, "db.replicas 2") == nil)
        #expect(state.design.component("db")?.instances == 12)
        #expect(set(&state, "db.failover 5s") == nil)
        #expect(set(&state, "db.replicas 0") == "failover needs at least one replica to promote (set failover - first)")
        #expect(set(&state, "db.shards 400") == "400 shards × 3 nodes is 1200 nodes; at most 1000")
        #expect(set(&state, "db.sharding range") == nil)
        #expect(set(&state, "db.sharding modulo")?.hasPrefix("sharding 'modulo' is not known; valid: hash, range") == true)
        #expect(set(&state, "db.replication_lag 50ms") == nil)
        #expect(set(&state, "db.read_from any") == nil)
        #expect(set(&state, "db.hot_key 5%") == nil)
        #expect(set(&state, "db.hot_key 2") == "hot_key (the share of requests for one key) must be from 0 to 1 (100%), not '2'")
        let database = try #require(state.design.component("db")?.database)
        #expect(database == DatabaseSettings(shards: 4, sharding: .range, replicas: 2, replicationLagS: 0.05, readFrom: .any,
                                             hotKeyShare: 0.05, failoverS: 5))
        #expect(value(state, "replication_lag") == "50ms")
        checked(state)
    }

    @Test func rateLimitAutoscaleAndRegion() throws {
        var state = try designState("cache-aside-read-heavy.yaml")
        #expect(set(&state, "web.rate_limit 500 burst=50 per=client clients=100") == nil)
        #expect(state.design.component("web")?.rateLimit == RateLimit(ratePerS: 500, burst: 50, perClient: true, clients: 100))
        #expect(value(state, "rate_limit") == "500 burst=50 per=client clients=100")
        #expect(set(&state, "web.rate_limit 2k") == nil)
        #expect(state.design.component("web")?.rateLimit == RateLimit(ratePerS: 2000, burst: 200))
        #expect(set(&state, "web.rate_limit fast")
                == "rate_limit starts with a rate in tokens per second greater than 0, e.g. 500 burst=50")
        #expect(set(&state, "web.rate_limit 500 per=user") == "per must be 'global' or 'client', not 'user'")
        #expect(set(&state, "web.rate_limit 500 size=3") == "'size=3' is not understood in rate_limit; use burst=, per=, clients=")
        #expect(set(&state, "web.rate_limit -") == nil)
        #expect(state.design.component("web")?.rateLimit == nil)

        #expect(set(&state, "web.autoscale min=2 max=10 target=60% interval=15s boot=30s") == nil)
        #expect(state.design.component("web")?.autoscale == Autoscaling(minInstances: 2, maxInstances: 10, targetUtilisation: 0.6,
                                                                         intervalS: 15, bootS: 30))
        #expect(value(state, "autoscale") == "min=2 max=10 target=60% interval=15s boot=30s")
        #expect(state.design.component("web")?.instances == 4)
        #expect(set(&state, "web.instances 12") == "web would start with 12 instances, outside its autoscale range 2…10")
        #expect(set(&state, "web.autoscale min=5 max=3") == "max of autoscale (3) is below its min (5)")
        #expect(set(&state, "web.autoscale max=3") == "autoscale needs min= and max=, e.g. min=2 max=10 target=60%")
        #expect(set(&state, "web.autoscale min=2 max=3 target=100%") == "target must be from more than 0 and below 1 (100%), not '100%'")
        // The starting count moves into a new range.
        #expect(set(&state, "web.autoscale min=6 max=8") == nil)
        #expect(state.design.component("web")?.instances == 6)
        #expect(set(&state, "web.autoscale -") == nil)
        #expect(state.design.component("web")?.autoscale == nil)
        // Caches have no autoscale row; a rate_limiter cannot lose its limit.
        #expect(set(&state, "cache.autoscale min=1 max=2")?.hasPrefix("no parameter 'autoscale' here") == true)
        var limited = try designState("rate-limited-api.yaml")
        #expect(value(limited, "rate_limit") == "40 burst=80 per=client clients=200")
        send(&limited, .blockAdded(.rateLimiter))
        #expect(set(&limited, "limiter1.rate_limit -") == "a rate_limiter needs a rate_limit, e.g. 500 burst=50")
        checked(state)
    }

    @Test func resilientCallRows() throws {
        var state = try designState("retry-storm-fixed.yaml")
        state.selection = .link(from: "api", to: "inventory")
        #expect(value(state, "link.retries") == "2 backoff=50ms cap=1s")
        #expect(value(state, "link.breaker") == "window=5s open_for=2s")
        #expect(value(state, "link.bulkhead") == "—")
        #expect(set(&state, "retries 3 backoff=50ms jitter=equal") == nil)
        #expect(state.design.component("api")?.calls[0].retry == RetrySettings(maxRetries: 3, backoffS: 0.05, jitter: .equal))
        #expect(state.selection == .link(from: "api", to: "inventory"))
        #expect(set(&state, "retries 0") == "retries must be at least 1")
        #expect(set(&state, "retries 3 jitter=lots")
                == "jitter 'lots' is not known; valid: none, full, equal, decorrelated")
        #expect(set(&state, "breaker ratio=150%") == "failure_ratio must be from more than 0 to 1 (100%), not '150%'")
        #expect(set(&state, "breaker on") == nil)
        #expect(state.design.component("api")?.calls[0].breaker == BreakerSettings())
        #expect(value(state, "link.breaker") == "on")
        #expect(set(&state, "bulkhead 0") == "bulkhead (calls in flight) must be at least 1")
        #expect(set(&state, "bulkhead 64") == nil)
        #expect(set(&state, "hedge_after 20ms") == nil)
        #expect(set(&state, "latency 2ms") == nil)
        #expect(set(&state, "jitter 1ms") == nil)
        var call = try #require(state.design.component("api")?.calls[0])
        #expect(call.bulkhead == 64 && call.hedgeAfterS == 0.02 && call.latencyS == 0.002 && call.jitterS == 0.001)
        // Editing the call's row on the caller keeps its resilience settings.
        state.selection = .component("api")
        #expect(set(&state, "call.0 inventory sync timeout=200ms") == nil)
        call = try #require(state.design.component("api")?.calls[0])
        #expect(call.timeoutS == 0.2 && call.retry?.maxRetries == 3 && call.bulkhead == 64 && call.latencyS == 0.002)
        // Going async drops what only sync calls may have.
        state.selection = .link(from: "api", to: "inventory")
        #expect(set(&state, "mode async") == nil)
        call = try #require(state.design.component("api")?.calls[0])
        #expect(call.retry == nil && call.breaker == nil && call.bulkhead == nil && call.hedgeAfterS == nil && call.latencyS == 0.002)
        #expect(set(&state, "retries 3") == "retries applies only to sync calls (the call to inventory is async)")
        #expect(set(&state, "breaker on") == "breaker applies only to sync calls (the call to inventory is async)")
        checked(state)
    }

    @Test func shapeChangesRestartTheRunOtherEditsTooWhenTheEngineCannotApplyThem() throws {
        var state = try designState("logging-pipeline.yaml")
        state.runState = .running
        let session = WorkbenchSession(state: state, recoveryPath: "/tmp/sdw-test-recovery-\(UUID().uuidString).yaml")
        for _ in 0..<8 { session.frame(wallSeconds: 0.25) }
        #expect(session.simulation!.now == 2)
        session.dispatch(.commandStarted)
        session.dispatch(.commandTextChanged("set logs.partitions 16"))
        session.dispatch(.commandSubmitted)
        let texts = session.state.log.map(\.text)
        let edit = try #require(texts.firstIndex(of: "logs: partitions → 16"))
        #expect(texts[(edit + 1)...].contains("design shape changed: run restarted at t=0"))
        #expect(session.simulation!.now == 0)
        #expect(session.simulation!.instanceServed(of: "logs").count == 16)
    }

    @Test func everyPaletteKindRunsAtOnceAndConnectsSensibly() throws {
        var state = try webTierState()
        state.runState = .running
        let session = WorkbenchSession(state: state, recoveryPath: "/tmp/sdw-test-recovery-\(UUID().uuidString).yaml")
        for kind in ComponentKind.allCases {
            session.dispatch(.blockAdded(kind))
            #expect(session.state.message?.isError != true, "\(kind): \(session.state.message?.text ?? "")")
            #expect(DesignParser.check(session.state.design).allSatisfy { $0.severity != .error }, "\(kind)")
            #expect(session.simulation != nil, "\(kind)")
            session.frame(wallSeconds: 0.5)
            #expect(session.simulation!.now > 0, "\(kind)")
        }
        let ids = session.state.design.components.map(\.id)
        #expect(ids == ["lb", "web", "db", "svc1", "lb1", "gw1", "limiter1", "cache1", "cdn1", "queue1", "db1"])
        // web-tier's db is a plain service: a new cache reads through to the first database, else the first service.
        #expect(session.state.design.component("cache1")?.cache?.backing == "web")
        #expect(session.state.design.component("queue1")?.instances == 4)
        // c from the cache to the new database points its misses there.
        session.dispatch(.componentClicked("cache1"))
        session.dispatch(.connectStarted)
        session.dispatch(.componentClicked("db1"))
        #expect(session.state.design.component("cache1")?.cache?.backing == "db1")
        #expect(session.state.design.component("cache1")?.calls == [])
        // c from a service to a queue publishes to it.
        session.dispatch(.componentClicked("web"))
        session.dispatch(.connectStarted)
        session.dispatch(.componentClicked("queue1"))
        #expect(session.state.design.component("web")?.calls.last == Call(to: "queue1", mode: .async))
        session.frame(wallSeconds: 1)
        #expect(session.simulation!.blockCounters(of: "queue1").published > 0)
    }
}
