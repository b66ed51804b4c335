import Foundation
import Model

/// Rules about the shape of request paths: single points of failure, sync chains, retries and timeouts.
extension DesignWarnings {
    /// Components every request from the entry passes through: the entry, every route of a load balancer that all its
    /// routes share, and unconditional sync or forward calls (probability 1, no class).
    static func mustVisit(_ design: Design) -> Set<String> {
        var memo: [String: Set<String>] = [:]
        func visit(_ id: String, _ path: Set<String>) -> Set<String> {
            if let known = memo[id] { return known }
            guard let component = design.component(id), !path.contains(id) else { return [] }
            let path = path.union([id])
            var result: Set<String> = [id]
            if component.kind.routes, let first = component.routes.first {
                result.formUnion(component.routes.dropFirst().reduce(visit(first, path)) { $0.intersection(visit($1, path)) })
            }
            for call in component.calls where call.mode != .async && call.probability >= 1 && call.requestClass == nil {
                result.formUnion(visit(call.to, path))
            }
            memo[id] = result
            return result
        }
        return visit(design.workload.entry, [])
    }

    /// A single instance every request passes through; a database without replicas that requests reach.
    static func singlePointsOfFailure(_ context: Context) -> [DesignWarning] {
        let onEveryPath = mustVisit(context.design)
        var found: [DesignWarning] = []
        for component in context.reachable {
            guard let station = context.station(component.id), station.arrivalRateRPS > 0 else { continue }
            if let settings = component.database {
                guard settings.replicas == 0 else { continue }
                let share = onEveryPath.contains(component.id)
                    ? "every request passes through it" : "\(rate(station.arrivalRateRPS)) queries/s (\(number(station.visits)) per request) need it"
                let nodes = settings.shards == 1
                    ? "a single node (no replicas)" : "\(settings.shards) shards of a single node each (no replicas)"
                found.append(DesignWarning(
                    id: "single-point-of-failure", severity: .warning, component: component.id,
                    message: "'\(component.id)' is \(nodes)",
                    reason: "\(share); while a node is down "
                        + (settings.shards == 1 ? "they all fail" : "the requests for its 1/\(settings.shards) of the keys fail")
                        + ", and with no replica there is nothing to fail over to",
                    suggestion: "add replicas: 1 and failover: 30s (a replica is promoted when the primary dies)", noteID: "failover"))
                continue
            }
            guard onEveryPath.contains(component.id), component.instances == 1, (component.autoscale?.maxInstances ?? 1) <= 1,
                  [.service, .loadBalancer, .apiGateway, .rateLimiter].contains(component.kind) else { continue }
            let role = component.kind == .service ? "instance" : "\(component.kind.rawValue.replacingOccurrences(of: "_", with: " "))"
            found.append(DesignWarning(
                id: "single-point-of-failure", severity: .warning, component: component.id,
                message: "'\(component.id)' is a single \(role) on every request path",
                reason: "all \(rate(station.arrivalRateRPS)) req/s pass through it with no alternative route: a crash, a deploy or a "
                    + "stuck process stops all traffic until it is back",
                suggestion: component.kind == .service
                    ? "run at least 2 instances behind a health-checked load balancer"
                    : "run a pair (active/standby with a floating IP, or two behind DNS) so one can fail",
                noteID: "availability-nines"))
        }
        return found
    }

    /// Sync hand-overs out of a component: its sync calls and read-through loads from a cache's store.
    static func syncEdges(_ component: Component) -> [String] {
        component.outgoing.filter { $0.mode == .sync }.map(\.to)
    }

    /// The longest chain of sync calls from a component reachable from the entry, when it has more than `maxSyncDepth` hops.
    static func syncChains(_ context: Context) -> [DesignWarning] {
        var memo: [String: [String]] = [:]
        func longest(_ id: String, _ path: Set<String>) -> [String] {
            if let known = memo[id] { return known }
            guard let component = context.design.component(id), !path.contains(id) else { return [] }
            var best: [String] = []
            for next in syncEdges(component) {
                let chain = longest(next, path.union([id]))
                if chain.count > best.count { best = chain }
            }
            memo[id] = [id] + best
            return [id] + best
        }
        var chain: [String] = []
        for component in context.reachable {
            let candidate = longest(component.id, [])
            if candidate.count > chain.count { chain = candidate }
        }
        let hops = chain.count - 1
        guard hops > maxSyncDepth, let head = chain.first, let station = context.station(head),
              let component = context.design.component(head) else { return [] }
        let own = chain.compactMap { context.design.component($0)?.serviceTime.meanS }.reduce(0, +)
        return [DesignWarning(
            id: "deep-sync-chain", severity: .warning, component: head,
            message: "sync chain of \(hops) hops (more than \(maxSyncDepth)): " + chain.joined(separator: " → "),
            reason: "each caller holds a worker until everything after it answers: '\(head)' holds one for \(duration(station.holdTimeS)) "
                + "per request (\(duration(component.serviceTime.meanS)) of its own work; the chain's service times add up to \(duration(own))), "
                + "and a slowdown at '\(chain.last!)' backs up all \(hops) callers",
            suggestion: "make hops async through a queue where the answer is not needed, merge chatty services, and give each hop a "
                + "timeout shorter than its caller's (deadline propagation)", noteID: "sync-vs-async")]
    }

    /// Retries without backoff or jitter, retries without a timeout, and retries multiplying along a chain.
    static func retries(_ context: Context) -> [DesignWarning] {
        var found: [DesignWarning] = []
        for component in context.reachable {
            for call in component.calls where call.mode == .sync {
                guard let retry = call.retry else { continue }
                let callRate = context.arrival(component.id) * call.probability
                let factor = 1 + retry.maxRetries
                if retry.backoffS == 0 || retry.jitter == .none {
                    let how = retry.backoffS == 0 && retry.jitter == .none ? "no backoff and no jitter"
                        : retry.backoffS == 0 ? "no backoff" : "no jitter (a fixed \(duration(retry.backoffS)) × \(number(retry.multiplier))ⁿ schedule)"
                    let reason = retry.backoffS == 0
                        ? "a failed or timed-out try is sent again at once into the callee that just failed it: while '\(call.to)' is slow its "
                            + "load from here rises up to ×\(factor) (\(rate(callRate)) → \(rate(callRate * Double(factor))) req/s), which can "
                            + "keep it overloaded after the cause is gone (a retry storm)"
                        : "callers that failed together retry together: the retries reach '\(call.to)' in synchronised waves "
                            + "(up to \(rate(callRate * Double(factor))) req/s at ×\(factor)) instead of spread out"
                    found.append(DesignWarning(
                        id: "retries-without-backoff", severity: .warning, component: component.id,
                        message: "'\(component.id)' → '\(call.to)' retries up to \(retry.maxRetries) times with \(how)",
                        reason: reason,
                        suggestion: "retries: { max: \(retry.maxRetries), backoff: \(retry.backoffS > 0 ? duration(retry.backoffS) : "50ms"), "
                            + "multiplier: 2, jitter: full }, and a breaker so a struggling callee gets room to recover",
                        noteID: "retries-backoff"))
                }
                if call.timeoutS == nil {
                    let response = context.station(call.to).flatMap { $0.responseS ?? $0.holdTimeS }
                    found.append(DesignWarning(
                        id: "retries-without-timeout", severity: .warning, component: component.id,
                        message: "'\(component.id)' → '\(call.to)' retries (max \(retry.maxRetries)) but has no timeout",
                        reason: "only outright failures are retried: a slow or hung '\(call.to)' holds the caller's worker for as long as "
                            + "it takes and is never retried",
                        suggestion: "add a timeout" + (response.map { " of a few times its expected response of \(duration($0))" } ?? ""),
                        noteID: "timeouts"))
                }
            }
        }
        // Amplification: the largest product of (1 + retries) along a chain of sync calls.
        var memo: [String: (Double, [String])] = [:]
        func amplification(_ id: String, _ path: Set<String>) -> (Double, [String]) {
            if let known = memo[id] { return known }
            guard let component = context.design.component(id), !path.contains(id) else { return (1, []) }
            var best: (Double, [String]) = (1, [id])
            for call in component.calls where call.mode == .sync {
                let (below, chain) = amplification(call.to, path.union([id]))
                let factor = Double(1 + (call.retry?.maxRetries ?? 0)) * below
                if factor > best.0 { best = (factor, [id] + chain) }
            }
            memo[id] = best
            return best
        }
        var worst: (Double, [String]) = (1, [])
        for component in context.reachable {
            let candidate = amplification(component.id, [])
            if candidate.0 > worst.0 { worst = candidate }
        }
        if worst.0 > maxRetryAmplification, let head = worst.1.first, let last = worst.1.last {
            found.append(DesignWarning(
                id: "retry-amplification", severity: .warning, component: head,
                message: "retries multiply to ×\(number(worst.0)) along " + worst.1.joined(separator: " → "),
                reason: "each layer retries the layer below, so when '\(last)' fails one request at '\(head)' becomes up to "
                    + "\(number(worst.0)) calls to it — the extra load arrives exactly when it is least able to take it",
                suggestion: "retry at one layer only (the one nearest the failure) and let the others fail fast, or cap retries with a "
                    + "retry budget (e.g. at most 10% extra calls)", noteID: "retry-storms"))
        }
        return found
    }

    /// Sync calls without a timeout (and without retries, which the retry rule covers) to a callee that can queue.
    static func timeouts(_ context: Context) -> [DesignWarning] {
        var found: [DesignWarning] = []
        for component in context.reachable {
            for call in component.calls where call.mode == .sync && call.timeoutS == nil && call.retry == nil {
                guard let callee = context.design.component(call.to), callee.queueCapacity > 0,
                      let station = context.station(call.to) else { continue }
                let fullWait = Double(callee.queueCapacity) * station.holdTimeS / Double(callee.servers.perGroup)
                let expected = station.responseS ?? station.holdTimeS
                found.append(DesignWarning(
                    id: "sync-call-without-timeout", severity: .warning, component: component.id,
                    message: "'\(component.id)' → '\(call.to)' is a sync call without a timeout",
                    reason: "'\(call.to)' queues up to \(count(callee.queueCapacity)) requests per instance; when it slows down a call can "
                        + "wait ≈ \(duration(fullWait)) (a full queue × \(duration(station.holdTimeS)) ÷ \(callee.servers.perGroup) "
                        + "worker\(callee.servers.perGroup == 1 ? "" : "s")), holding one of '\(component.id)''s workers all that time",
                    suggestion: "add a timeout of a few times its expected response of \(duration(expected)), e.g. timeout: "
                        + duration(niceTimeout(expected)), noteID: "timeouts"))
            }
        }
        return found
    }

    /// 4 × the expected response, rounded up to 1, 2 or 5 × a power of ten (at least 1 ms).
    static func niceTimeout(_ expected: Double) -> Double {
        let raw = max(0.001, 4 * expected)
        let power = pow(10, floor(log10(raw)))
        for step in [1.0, 2, 5, 10] where step * power >= raw * (1 - 1e-9) { return step * power }
        return 10 * power
    }
}
