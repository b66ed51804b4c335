import Foundation
import Testing
import Model
@testable import Workbench

/// A running session on a design file, advanced `seconds` simulated seconds in quarter-second frames (deterministic).
func session(_ file: String, seconds: Double) throws -> WorkbenchSession {
    var state = try designState(file)
    state.runState = .running
    let session = WorkbenchSession(state: state, recoveryPath: "/tmp/sdw-test-recovery-\(UUID().uuidString).yaml")
    for _ in 0..<Int(seconds * 4) { session.frame(wallSeconds: 0.25) }
    return session
}

@Suite struct BlockFiguresTests {
    @Test func cacheHitRatioAndDatabaseReadsFromARealRun() throws {
        let run = try session("cache-aside-read-heavy.yaml", seconds: 30)
        let cache = try #require(run.state.live.components["cache"]?.block)
        let counters = run.simulation!.blockCounters(of: "cache")
        #expect(cache.totals == counters)
        // The design's comment: ≈ 0.67 over a 40 s run; after 30 s the last window is near it.
        let hit = try #require(cache.hitRatio)
        #expect(hit > 0.6 && hit < 0.75, "hit ratio \(hit)")
        #expect(abs(cache.windowS - 1) < 1e-9)
        #expect(cache.window.hits + cache.window.misses > 1500)  // ≈ 2,000 lookups a second
        #expect(cache.perSecond(\.expired) > 0)  // ttl 20 s: entries have begun to age out
        let db = try #require(run.state.live.components["db"]?.block)
        // Misses are read from the database: ≈ (1 − hit) × 2,000/s.
        #expect(db.perSecond(\.reads) == cache.perSecond(\.misses))  // 671/s at 30 s
        #expect(cache.perSecond(\.misses) > 550 && cache.perSecond(\.misses) < 800)
        #expect(db.perSecond(\.writes) == 0)
        #expect(cache.breakers.isEmpty && cache.online == nil)
    }

    @Test func queueLagPublishedAndRestart() throws {
        let run = try session("logging-pipeline.yaml", seconds: 20)
        let logs = try #require(run.state.live.components["logs"]?.block)
        // 1,200 requests a second each publish one message.
        #expect(abs(logs.perSecond(\.published) - 1200) < 150, "published \(logs.perSecond(\.published))/s")
        #expect(logs.waiting == run.simulation!.waiting(of: "logs"))
        // The design's point: 4 consumers fall behind, so the lag grows (6,146 messages, p99 5.5 s at 20 s).
        #expect(logs.waiting > 3000)
        #expect(logs.lagP99S ?? 0 > 2)
        #expect(logs.totals.deadLettered == 0)
        run.dispatch(.restartRequested)
        let fresh = try #require(run.state.live.components["logs"]?.block)
        #expect(fresh.totals.published == 0 && fresh.windowS == 0 && fresh.windowStartS == 0)
    }

    @Test func breakersRetriesAndAutoscaling() throws {
        // The inventory service is slowed ×4 from 20 s to 30 s: timeouts, retries, then the breaker opens.
        let storm = try session("retry-storm-fixed.yaml", seconds: 24)
        let api = try #require(storm.state.live.components["api"]?.block)
        #expect(api.breakers.map(\.to) == ["inventory"])
        #expect(api.totals.retries > 0)
        #expect(api.totals.breakerOpenings > 0)
        #expect(api.breakers.map(\.state) == [.open])  // at 24 s, inside the slowdown
        let states = storm.simulation!.breakerStates(of: "api").map { BreakerState($0.state) }
        #expect(api.breakers.map(\.state) == states)

        let crowd = try session("autoscale-flash-crowd.yaml", seconds: 40)
        let web = try #require(crowd.state.live.components["web"]?.block)
        let scaling = try #require(crowd.simulation!.scalingState(of: "web"))
        #expect(web.online == scaling.online && web.booting == scaling.booting)
        #expect((web.online ?? 0) > 3)  // scaled out after the 4× spike at 20 s
    }

    @Test func rateLimitedRequestsPerSecond() throws {
        let run = try session("rate-limited-api.yaml", seconds: 10)
        let gateway = try #require(run.state.live.components["gateway"]?.block)
        // 1,200 req/s against 200 clients × 40/s over Zipf(1.2) keys: the hot clients are refused (≈ 474/s).
        #expect(gateway.perSecond(\.rateLimited) > 300 && gateway.perSecond(\.rateLimited) < 650)
        #expect(gateway.totals.rateLimited == run.simulation!.blockCounters(of: "gateway").rateLimited)
    }
}
