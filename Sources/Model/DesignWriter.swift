import Foundation

/// Writes a `Design` as canonical design-file YAML: the layout of `Designs/web-tier.yaml`, defaults left out,
/// every number written so that `DesignParser.parse` reads back exactly the same value.
///
/// Comments and the author's spelling (`0.1ms` versus `100us`, `1000` versus `1k`) are not kept: the text depends
/// only on the design. Each component is written with the keys its kind accepts (calls for a service; routes,
/// algorithm and weights for a load balancer).
public enum DesignWriter {
    /// The first line of every saved file.
    public static let header = "# Saved by sdw"

    public static func yaml(_ design: Design) -> String {
        var out: [String] = [header]
        out.append("sdw: \(Design.formatVersion)")
        out.append("name: " + text(design.name))
        if !design.description.isEmpty { out.append("description: " + text(design.description)) }
        out.append("seed: \(design.seed)")
        out.append("simulation: " + flowMapping([("duration", duration(design.simulation.durationS)),
                                                  ("warmup", duration(design.simulation.warmupS))]))
        out += workload(design.workload)
        if design.components.isEmpty {
            out.append("components: {}")
        } else {
            out.append("components:")
            for component in design.components { out += self.component(component) }
        }
        if design.network != NetworkSettings() {
            out.append("network: " + flowMapping([("cross_region_latency", duration(design.network.crossRegionLatencyS))]))
        }
        if !design.failures.isEmpty {
            out.append("failures:")
            for event in design.failures { out.append("  - " + failure(event)) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Sections

    static func workload(_ workload: Workload) -> [String] {
        var out = ["workload:"]
        out.append("  entry: " + text(workload.entry))
        out.append("  arrivals: " + workload.arrivals.rawValue)
        out.append("  rate: " + rate(workload.rateRPS))
        if workload.pattern != .constant { out.append("  pattern: " + pattern(workload.pattern)) }
        if let keys = workload.keys {
            out.append("  keys: " + flowMapping([("count", "\(keys.count)"), ("zipf", number(keys.zipf))]))
        }
        if !workload.classes.isEmpty {
            out.append("  classes:")
            for requestClass in workload.classes {
                var pairs = [("name", text(requestClass.name, flow: true)), ("weight", number(requestClass.weight))]
                if requestClass.write { pairs.append(("write", "true")) }
                out.append("    - " + flowMapping(pairs))
            }
        }
        return out
    }

    static func pattern(_ pattern: LoadPattern) -> String {
        var pairs: [(String, String)] = [("kind", pattern.kind)]
        switch pattern {
        case .constant:
            break
        case .ramp(let to, let over, let start):
            pairs += [("to", rate(to)), ("over", duration(over))]
            if start != 0 { pairs.append(("start", duration(start))) }
        case .spike(let at, let factor, let length):
            pairs += [("at", duration(at)), ("factor", number(factor)), ("for", duration(length))]
        case .diurnal(let peak, let period):
            pairs += [("peak", rate(peak)), ("period", duration(period))]
        }
        return flowMapping(pairs)
    }

    static func component(_ component: Component) -> [String] {
        var out = ["  " + text(component.id) + ":"]
        func key(_ name: String, _ value: String) { out.append("    \(name): \(value)") }
        let kind = component.kind
        key("kind", kind.rawValue)
        if let description = component.description { key("description", text(description)) }
        if kind.routes, component.algorithm != .roundRobin { key("algorithm", component.algorithm.rawValue) }
        if kind != .queue, kind != .database {
            if component.instances != 1 { key("instances", "\(component.instances)") }
            if component.workers != 1 { key("workers", "\(component.workers)") }
            let defaultBalancing: BalancingAlgorithm = kind == .cache ? .consistentHash : .random
            if component.balancing != defaultBalancing { key("balancing", component.balancing.rawValue) }
        }
        if kind == .database, component.workers != 10 { key("connections", "\(component.workers)") }
        if kind != .queue, component.queueCapacity != Component.defaultQueueCapacity { key("queue_capacity", "\(component.queueCapacity)") }
        if component.serviceTime != kind.defaultServiceTime { key("service_time", serviceTime(component.serviceTime)) }
        if let region = component.region { key("region", text(region)) }
        out += blockSettings(component)
        if kind.routes {
            key("routes", flowSequence(component.routes.map { text($0, flow: true) }))
            if let weights = component.weights { key("weights", flowSequence(weights.map(number))) }
        }
        if !component.calls.isEmpty {
            out.append("    calls:")
            for call in component.calls { out.append("      - " + self.call(call)) }
        }
        if let position = component.position { key("position", "[\(position.x), \(position.y)]") }
        return out
    }

    static func serviceTime(_ serviceTime: ServiceTime) -> String {
        var pairs: [(String, String)] = [("dist", serviceTime.name)]
        switch serviceTime {
        case .exponential(let mean):
            pairs.append(("mean", duration(mean)))
        case .constant(let value):
            pairs.append(("mean", duration(value)))
        case .uniform(let low, let high):
            pairs += [("min", duration(low)), ("max", duration(high))]
        case .lognormal(let mean, .p99(let p99)):
            pairs += [("mean", duration(mean)), ("p99", duration(p99))]
        case .lognormal(let mean, .cv(let cv)):
            pairs += [("mean", duration(mean)), ("cv", number(cv))]
        }
        return flowMapping(pairs)
    }

    static func call(_ call: Call) -> String {
        var pairs: [(String, String)] = [("to", text(call.to, flow: true))]
        if call.mode != .sync { pairs.append(("mode", call.mode.rawValue)) }
        if call.probability != 1 { pairs.append(("probability", number(call.probability))) }
        if let timeout = call.timeoutS { pairs.append(("timeout", duration(timeout))) }
        if let requestClass = call.requestClass { pairs.append(("class", text(requestClass, flow: true))) }
        pairs += resilience(call)
        return flowMapping(pairs)
    }

    static func flowMapping(_ pairs: [(String, String)]) -> String {
        "{ " + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + " }"
    }

    static func flowSequence(_ items: [String]) -> String {
        "[" + items.joined(separator: ", ") + "]"
    }

    // MARK: Numbers

    /// Duration units from the largest; the scale is the one `Units.parseDuration` multiplies by.
    static let durationUnits: [(suffix: String, scale: Double)] = [
        ("h", 3600), ("m", 60), ("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9),
    ]

    /// A duration with a unit that reads back as exactly `seconds`.
    ///
    /// The usual unit for the size (ns, us or ms below a second, s below 2 minutes, m below 2 hours, then h) when
    /// the value is an exact decimal of at most 6 significant digits in it: `250ms`, `100us`, `60s`, `2.5m`, `24h`.
    /// Otherwise the shortest such form in any unit, the number between 0.001 and 999999 (`0.1ms` for what `0.1ms`
    /// reads as, which differs from what `100us` reads as by one bit; `5000s`). Otherwise the shortest digits that
    /// read back exactly, in the usual unit or else in seconds (`0.3333333333333333s`).
    public static func duration(_ seconds: Double) -> String {
        if seconds == 0 { return "0s" }
        guard seconds.isFinite else { return "\(seconds)s" }
        let natural: Int
        switch abs(seconds) {
        case 7200...: natural = 0
        case 120...: natural = 1
        case 1...: natural = 2
        case 1e-3...: natural = 3
        case 1e-6...: natural = 4
        default: natural = 5
        }
        func exact(_ unit: Int, digits: ClosedRange<Int>) -> String? {
            let (suffix, scale) = durationUnits[unit]
            let number = seconds / scale
            guard abs(number) >= 0.001, abs(number) < 1e6 || digits.upperBound > 6 else { return nil }
            for count in digits {
                let mantissa = decimal(number, significantDigits: count)
                if let value = Double(mantissa), value * scale == seconds { return mantissa + suffix }
            }
            return nil
        }
        if let text = exact(natural, digits: 1...6) { return text }
        var best: String?
        for unit in durationUnits.indices where unit != natural {
            if let text = exact(unit, digits: 1...6), text.count < best?.count ?? Int.max { best = text }
        }
        return best ?? exact(natural, digits: 7...17) ?? (plainNumber(seconds) + "s")
    }

    /// A rate per second: `950`, `1.5k`, `10k`, `2.5M`, `12.5`; `k`, `M` and `G` only when exact with at most
    /// 3 significant digits, so `1234` stays as it is.
    public static func rate(_ perSecond: Double) -> String {
        for (suffix, scale) in [("G", 1e9), ("M", 1e6), ("k", 1e3)] where abs(perSecond) >= scale {
            for count in 1...3 {
                let mantissa = decimal(perSecond / scale, significantDigits: count)
                if let value = Double(mantissa), value * scale == perSecond { return mantissa + suffix }
            }
        }
        return number(perSecond)
    }

    /// The shortest decimal that reads back as exactly `value`: `1`, `0.9`, `0.3333333333333333`.
    public static func number(_ value: Double) -> String { plainNumber(value) }

    static func plainNumber(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        for count in 1...17 {
            let text = decimal(value, significantDigits: count)
            if Double(text) == value {
                // Very large or very small values read better with an exponent.
                return text.count > 24 ? "\(value)" : text
            }
        }
        return "\(value)"
    }

    /// `value` rounded to `count` significant digits, written without an exponent: `0.0001`, `123.456`, `1500`.
    static func decimal(_ value: Double, significantDigits count: Int) -> String {
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        let scientific = String(format: "%.\(max(count, 1) - 1)e", abs(value))
        let parts = scientific.split(separator: "e")
        guard parts.count == 2, let exponent = Int(parts[1]) else { return "\(value)" }
        var digits = parts[0].replacingOccurrences(of: ".", with: "")
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        let point = exponent + 1
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) }
        return sign + digits.prefix(point) + "." + digits.dropFirst(point)
    }

    // MARK: Strings

    /// `string` as a YAML scalar: plain when plain YAML keeps it as this very text, double-quoted otherwise.
    /// `flow`: the scalar sits inside `{ }` or `[ ]`, where `,`, `:`, brackets and braces also end a plain scalar.
    public static func text(_ string: String, flow: Bool = false) -> String {
        needsQuotes(string, flow: flow) ? quoted(string) : string
    }

    static let indicators: Set<Character> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">",
                                             "'", "\"", "%", "@", "`"]
    static let specialWords: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
                                            ".inf", "-.inf", "+.inf", ".nan", "<<", "="]

    static func needsQuotes(_ string: String, flow: Bool) -> Bool {
        guard let first = string.first, let last = string.last else { return true }
        if first.isWhitespace || last.isWhitespace || indicators.contains(first) { return true }
        if string.unicodeScalars.contains(where: { needsEscape($0) && $0 != "\"" && $0 != "\\" }) { return true }
        if string.contains(": ") || string.contains(" #") || last == ":" { return true }
        if flow, string.contains(where: { ",:[]{}".contains($0) }) { return true }
        if specialWords.contains(string.lowercased()) { return true }
        return looksNumeric(string)
    }

    /// Numbers, including YAML 1.1 forms (`1_000`, `0x1F`, `0o17`, `1:30`), and dates such as `2024-01-31`.
    static func looksNumeric(_ string: String) -> Bool {
        if Double(string) != nil || Double(string.replacingOccurrences(of: "_", with: "")) != nil { return true }
        let patterns = [
            #"^[-+]?0x[0-9a-fA-F_]+$"#, #"^[-+]?0o?[0-7_]+$"#, #"^[-+]?[0-9][0-9_]*(:[0-9_]+)+(\.[0-9_]*)?$"#,
            #"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$"#, #"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"#,
        ]
        return patterns.contains { string.range(of: $0, options: .regularExpression) != nil }
    }

    /// Characters a plain scalar cannot hold and a double-quoted one must escape.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: return scalar == "\"" || scalar == "\\"
        // YAML reads U+2028 and U+2029 as line breaks, like U+0085; U+FEFF is a byte order mark.
        case 0xA0...0xD7FF, 0xE000...0xFFFD: return [0x2028, 0x2029, 0xFEFF].contains(scalar.value)
        case 0x10000...0x10FFFF: return false
        default: return true
        }
    }

    static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default:
                if needsEscape(scalar) {
                    out += scalar.value <= 0xFF ? String(format: "\\x%02X", scalar.value) : String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
