import Foundation
import Yams

/// Writes a `Scenario` as canonical scenario YAML (what the workbench saves after recording), and records a
/// measured fingerprint into an existing scenario file while keeping the rest of its text as it was.
public enum ScenarioWriter {
    public static func yaml(_ scenario: Scenario) -> String {
        var out: [String] = [DesignWriter.header]
        out.append("sdw_scenario: \(Scenario.formatVersion)")
        out.append("name: " + DesignWriter.text(scenario.name))
        if !scenario.description.isEmpty { out.append("description: " + DesignWriter.text(scenario.description)) }
        switch scenario.designSource {
        case .file(let path, let sha256):
            out.append("design: " + DesignWriter.flowMapping([("path", DesignWriter.text(path, flow: true)), ("sha256", sha256)]))
        case .inline:
            out.append("design:")
            for line in DesignWriter.yaml(scenario.design).split(separator: "\n", omittingEmptySubsequences: false)
            where !line.isEmpty && line != Substring(DesignWriter.header) {
                out.append("  " + line)
            }
        }
        if let seed = scenario.seed { out.append("seed: \(seed)") }
        if let duration = scenario.durationS { out.append("duration: " + DesignWriter.duration(duration)) }
        if let warmup = scenario.warmupS { out.append("warmup: " + DesignWriter.duration(warmup)) }
        if !scenario.failures.isEmpty {
            out.append("failures:")
            for event in scenario.failures { out.append("  - " + DesignWriter.failure(event)) }
        }
        if !scenario.actions.isEmpty {
            out.append("actions:")
            for action in scenario.actions { out.append("  - " + self.action(action)) }
        }
        if let fingerprint = scenario.fingerprint { out.append("fingerprint: \"\(fingerprint)\"") }
        if let events = scenario.events { out.append("events: \(events)") }
        return out.joined(separator: "\n") + "\n"
    }

    static func action(_ action: ScenarioAction) -> String {
        var pairs = [("at", DesignWriter.duration(action.atS))]
        switch action.kind {
        case .rate(let rate):
            pairs.append(("rate", DesignWriter.rate(rate)))
        case .set(let parameter, let value):
            let text = parameter.isInteger ? String(Int(value)) : DesignWriter.duration(value)
            pairs.append(("set", DesignWriter.flowMapping([(parameter.description, text)])))
        case .crash(let id, let instance), .recover(let id, let instance):
            if case .crash = action.kind { pairs.append(("crash", DesignWriter.text(id, flow: true))) } else {
                pairs.append(("recover", DesignWriter.text(id, flow: true)))
            }
            if let instance { pairs.append(("instance", "\(instance)")) }
        case .slow(let id, let factor):
            pairs.append(("slow", DesignWriter.flowMapping([(DesignWriter.text(id, flow: true), DesignWriter.number(factor))])))
        }
        return DesignWriter.flowMapping(pairs)
    }

    /// `text` (a scenario file) with its top-level `fingerprint:` and `events:` set to the measured values: their
    /// lines are replaced where they are, or appended at the end; every other byte stays as it was.
    public static func recording(fingerprint: String, events: UInt64, in text: String) throws -> String {
        guard let root = try Yams.compose(yaml: text), case .mapping(let top) = root else {
            throw ScenarioWriteError("the scenario is not a YAML mapping")
        }
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var missing: [String] = []
        for (key, value) in [("fingerprint", "\"\(fingerprint)\""), ("events", "\(events)")] {
            let entry = top.first { pair in
                if case .scalar(let scalar) = pair.key { return scalar.string == key }
                return false
            }
            guard let entry else { missing.append("\(key): \(value)"); continue }
            let keyMark = entry.key.mark, valueMark = entry.value.mark
            guard let line = keyMark?.line, keyMark?.column == 1, valueMark?.line == line, line <= lines.count,
                  lines[line - 1].hasPrefix(key) else {
                throw ScenarioWriteError("cannot update '\(key)' in place: write it as a top-level '\(key): VALUE' on one line")
            }
            // Keep a comment after the value.
            let comment = lines[line - 1].range(of: " #").map { String(lines[line - 1][$0.lowerBound...]) } ?? ""
            lines[line - 1] = "\(key): \(value)" + comment
        }
        return (lines + missing).joined(separator: "\n") + "\n"
    }
}

public struct ScenarioWriteError: Error, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}
