import Model

/// Parses an edited inspector value into a changed design, or says why it is refused.
enum FieldParser {
    enum Refusal: Error, Equatable { case invalid(String) }

    static func apply(_ key: String, text raw: String, to design: Design, selection: Selection?) throws -> Design {
        let text = raw.trimmingCharacters(in: .whitespaces)
        var design = design
        switch selection {
        case .component(let id)?:
            guard let index = design.index(of: id) else { throw Refusal.invalid("the component no longer exists") }
            try applyComponent(key, text, &design.components[index], design: design)
        case .link(let from, let to)?:
            guard let index = design.index(of: from),
                  let callIndex = design.components[index].calls.firstIndex(where: { $0.to == to }) else {
                throw Refusal.invalid("routes have no parameters")
            }
            try applyCall(key, text, &design.components[index].calls[callIndex])
        case nil:
            try applyWorkload(key, text, &design)
        }
        let problems = DesignParser.check(design).filter { $0.severity == .error }
        if let first = problems.first { throw Refusal.invalid(first.message) }
        return design
    }

    /// A whole number (`20000`, `20_000`, `20k`) from `minimum` to `maximum`.
    static func integer(_ text: String, minimum: Int, maximum: Int = 100_000, _ what: String) throws -> Int {
        let plain = text.replacingOccurrences(of: "_", with: "")
        let scaled = Units.parseRate(plain).flatMap { $0.rounded() == $0 && abs($0) < 1e15 ? Int($0) : nil }
        guard let value = Int(plain) ?? scaled else {
            throw Refusal.invalid("\(what) must be a whole number, not '\(text)'")
        }
        guard value >= minimum else { throw Refusal.invalid("\(what) must be at least \(minimum)") }
        guard value <= maximum else { throw Refusal.invalid("\(what) must be at most \(maximum)") }
        return value
    }

    static func duration(_ text: String, _ what: String, allowZero: Bool = false) throws -> Double {
        guard let seconds = Units.parseDuration(text), seconds.isFinite else {
            throw Refusal.invalid("\(what): '\(text)' is not a duration such as 5ms or 2s")
        }
        if seconds < 0 || (seconds == 0 && !allowZero) { throw Refusal.invalid("\(what) must be greater than 0") }
        return seconds
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ text: String, _ type: T.Type, _ what: String) throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw Refusal.invalid("\(what) '\(text)' is not known; valid: " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    static func applyComponent(_ key: String, _ text: String, _ c: inout Component, design: Design) throws {
        switch key {
        case "instances":
            guard c.kind != .queue, c.kind != .database else {
                throw Refusal.invalid(c.kind == .queue ? "a queue's instances follow its partitions: set partitions"
                                                       : "a database's instances follow shards × (1 + replicas): set shards or replicas")
            }
            c.instances = try integer(text, minimum: 1, "instances")
            guard c.instances <= 1000 else { throw Refusal.invalid("instances must be at most 1000") }
            if let scaling = c.autoscale, !(scaling.minInstances...scaling.maxInstances).contains(c.instances) {
                throw Refusal.invalid("\(c.id) would start with \(c.instances) instance\(c.instances == 1 ? "" : "s"), outside its autoscale range \(scaling.minInstances)…\(scaling.maxInstances)")
            }
        case "workers" where c.kind != .queue && c.kind != .database: c.workers = try integer(text, minimum: 1, "workers")
        case "connections" where c.kind == .database: c.workers = try integer(text, minimum: 1, "connections")
        case "queue_capacity": c.queueCapacity = try integer(text, minimum: 0, "queue capacity")
        case "service_time": c.serviceTime = try serviceTime(text)
        case "algorithm":
            c.algorithm = try choice(text, BalancingAlgorithm.self, "algorithm")
            if c.algorithm == .weighted, c.weights == nil { c.weights = c.routes.map { _ in 1 } }
        case "balancing": c.balancing = try choice(text, BalancingAlgorithm.self, "balancing")
        case "routes":
            let routes = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !routes.isEmpty else { throw Refusal.invalid("a load balancer needs at least one route") }
            c.routes = routes
            if let weights = c.weights, weights.count != routes.count { c.weights = routes.map { _ in 1 } }
        case "weights":
            if text == "-" || text == "—" || text.isEmpty {
                guard c.algorithm != .weighted else { throw Refusal.invalid("algorithm weighted needs weights") }
                c.weights = nil
                return
            }
            let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard values.allSatisfy({ ($0 ?? 0) > 0 }) else { throw Refusal.invalid("weights must be numbers greater than 0") }
            guard values.count == c.routes.count else {
                throw Refusal.invalid("give one weight per route (\(c.routes.count))")
            }
            c.weights = values.map { $0! }
        default:
            if key.hasPrefix("call."), let index = Int(key.dropFirst(5)), index < c.calls.count {
                c.calls[index] = keepingResilience(of: c.calls[index], in: try call(text))
            } else if try applyBlock(key, text, &c) {
                return
            } else {
                throw Refusal.invalid("\(key) cannot be edited")
            }
        }
    }

    static func applyCall(_ key: String, _ text: String, _ call: inout Call) throws {
        switch key {
        case "link.mode":
            call.mode = try choice(text, CallMode.self, "mode")
            if call.mode != .sync { call = keepingResilience(of: call, in: call) }
        case "link.probability":
            guard let p = Double(text), p > 0, p <= 1 else { throw Refusal.invalid("probability must be in (0, 1]") }
            call.probability = p
        case "link.timeout":
            if text == "-" || text == "—" || text.isEmpty { call.timeoutS = nil; return }
            guard call.mode == .sync else { throw Refusal.invalid("a timeout applies only to sync calls") }
            call.timeoutS = try duration(text, "timeout")
        case "link.class":
            call.requestClass = (text == "all" || text.isEmpty) ? nil : text
        default:
            guard try applyResilience(key, text, &call) else { throw Refusal.invalid("\(key) cannot be edited") }
        }
    }

    static func applyWorkload(_ key: String, _ text: String, _ design: inout Design) throws {
        switch key {
        case "workload.rate":
            guard let rate = Units.parseRate(text), rate > 0 else {
                throw Refusal.invalid("rate must be a number of requests per second greater than 0, such as 950, 10k or 1.5M")
            }
            design.workload.rateRPS = rate
        case "workload.arrivals": design.workload.arrivals = try choice(text, Workload.Arrivals.self, "arrivals")
        case "workload.entry":
            guard design.component(text) != nil else { throw Refusal.invalid("no component named '\(text)'") }
            design.workload.entry = text
        case "workload.pattern": design.workload.pattern = try pattern(text)
        default: throw Refusal.invalid("\(key) cannot be edited")
        }
    }

    /// `exponential 5ms`, `constant 1ms`, `uniform 1ms 3ms`, `lognormal 5ms p99 40ms`, `lognormal 5ms cv 1.5`.
    static func serviceTime(_ text: String) throws -> ServiceTime {
        let words = text.split(separator: " ").map(String.init)
        guard let dist = words.first else { throw Refusal.invalid("give a distribution and a mean, e.g. exponential 5ms") }
        switch (dist, words.count) {
        case ("exponential", 2): return .exponential(meanS: try duration(words[1], "mean"))
        case ("constant", 2): return .constant(S: try duration(words[1], "mean", allowZero: true))
        case ("uniform", 3):
            let low = try duration(words[1], "min", allowZero: true), high = try duration(words[2], "max")
            guard high > low else { throw Refusal.invalid("max must be greater than min") }
            return .uniform(minS: low, maxS: high)
        case ("lognormal", 4) where words[2] == "p99":
            let mean = try duration(words[1], "mean"), p99 = try duration(words[3], "p99")
            guard ServiceTime.lognormalSigma(mean: mean, p99: p99) != nil else {
                throw Refusal.invalid("no lognormal has mean \(words[1]) and p99 \(words[3]): the p99 must be above the mean and at most ≈14.97 × the mean")
            }
            return .lognormal(meanS: mean, shape: .p99(p99))
        case ("lognormal", 4) where words[2] == "cv":
            guard let cv = Double(words[3]), cv > 0 else { throw Refusal.invalid("cv must be a number greater than 0") }
            return .lognormal(meanS: try duration(words[1], "mean"), shape: .cv(cv))
        default:
            throw Refusal.invalid("write exponential 5ms · constant 1ms · uniform 1ms 3ms · lognormal 5ms p99 40ms · lognormal 5ms cv 1.5")
        }
    }

    /// `edited` with the network latency and, while it stays sync, the retries, breaker, bulkhead and hedging of
    /// `old` (the call row's text does not carry them; only sync calls may have them, as in the file).
    static func keepingResilience(of old: Call, in edited: Call) -> Call {
        var call = edited
        call.latencyS = old.latencyS
        call.jitterS = old.jitterS
        if call.mode == .sync {
            call.retry = old.retry
            call.breaker = old.breaker
            call.bulkhead = old.bulkhead
            call.hedgeAfterS = old.hedgeAfterS
        } else {
            call.timeoutS = nil
            call.retry = nil
            call.breaker = nil
            call.bulkhead = nil
            call.hedgeAfterS = nil
        }
        return call
    }

    /// `db sync p=0.3 timeout=500ms class=read`.
    static func call(_ text: String) throws -> Call {
        let words = text.split(separator: " ").map(String.init)
        guard words.count >= 1 else { throw Refusal.invalid("give the target and the mode, e.g. db sync") }
        var call = Call(to: words[0])
        for word in words.dropFirst() {
            if let mode = CallMode(rawValue: word) { call.mode = mode; continue }
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw Refusal.invalid("'\(word)' is not understood; use p=, timeout= or class=") }
            switch parts[0] {
            case "p", "probability":
                guard let p = Double(parts[1]), p > 0, p <= 1 else { throw Refusal.invalid("p must be in (0, 1]") }
                call.probability = p
            case "timeout": call.timeoutS = try duration(parts[1], "timeout")
            case "class": call.requestClass = parts[1]
            default: throw Refusal.invalid("'\(parts[0])' is not a call setting; use p=, timeout= or class=")
            }
        }
        if call.mode != .sync, call.timeoutS != nil { throw Refusal.invalid("a timeout applies only to sync calls") }
        return call
    }

    /// `constant`, `ramp to=3k over=60s [start=10s]`, `spike at=30s factor=3 for=10s`, `diurnal peak=2k period=10m`.
    static func pattern(_ text: String) throws -> LoadPattern {
        let words = text.split(separator: " ").map(String.init)
        var values: [String: String] = [:]
        for word in words.dropFirst() {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw Refusal.invalid("'\(word)' is not understood; write key=value") }
            values[parts[0]] = parts[1]
        }
        func rate(_ key: String) throws -> Double {
            guard let text = values[key], let value = Units.parseRate(text), value > 0 else { throw Refusal.invalid("\(key)= needs a rate such as 3k") }
            return value
        }
        func time(_ key: String, allowZero: Bool = false) throws -> Double {
            guard let text = values[key] else { throw Refusal.invalid("\(key)= is missing") }
            return try duration(text, key, allowZero: allowZero)
        }
        switch words.first {
        case "constant"?: return .constant
        case "ramp"?: return .ramp(toRPS: try rate("to"), overS: try time("over"), startS: values["start"] == nil ? 0 : try time("start", allowZero: true))
        case "spike"?:
            guard let factor = values["factor"].flatMap(Double.init), factor > 0 else { throw Refusal.invalid("factor= needs a number > 0") }
            return .spike(atS: try time("at", allowZero: true), factor: factor, forS: try time("for"))
        case "diurnal"?: return .diurnal(peakRPS: try rate("peak"), periodS: values["period"] == nil ? 86_400 : try time("period"))
        default: throw Refusal.invalid("pattern is one of constant, ramp, spike, diurnal")
        }
    }
}

import Foundation
