import Foundation
import Yams

/// Turns scenario-file text into a `Scenario`, or every error found with file:line:column.
///
/// A design by path is read through `readFile` (relative paths from the scenario file's folder) and must still
/// have the SHA-256 the scenario pins; with `allowChangedDesign` a different hash is a warning instead.
public enum ScenarioParser {
    public static let topLevelKeys = ["sdw_scenario", "name", "description", "design", "seed", "duration", "warmup",
                                      "failures", "actions", "fingerprint", "events"]
    static let designReferenceKeys = ["path", "sha256"]

    /// Loads a scenario file (and the design file it names).
    public static func load(path: String, allowChangedDesign: Bool = false) throws -> (Scenario, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory.boolValue ? "is a directory, not a scenario file"
                : "cannot be read as UTF-8 text"
            throw DesignLoadError([Diagnostic(.error, at: nil, "\(path): \(reason)")])
        }
        return try parse(text, file: path, allowChangedDesign: allowChangedDesign)
    }

    /// Parses scenario text; warnings come back beside the scenario.
    public static func parse(_ text: String, file: String, allowChangedDesign: Bool = false,
                             readFile: @escaping (String) -> Data? = { FileManager.default.contents(atPath: $0) }) throws -> (Scenario, [Diagnostic]) {
        let reader = YAMLReader(file: file)
        let builder = ScenarioBuilder(reader: reader, allowChangedDesign: allowChangedDesign, readFile: readFile)
        guard let root = reader.compose(text), let scenario = builder.build(root), !reader.hasErrors else {
            throw DesignLoadError(reader.diagnostics.filter { $0.severity == .error }.sortedByLocation())
        }
        return (scenario, reader.diagnostics.sortedByLocation())
    }

    /// The path of a design a scenario refers to: relative paths start from the scenario file's folder.
    public static func resolve(_ designPath: String, from scenarioFile: String) -> String {
        if designPath.hasPrefix("/") { return designPath }
        let folder = (scenarioFile as NSString).deletingLastPathComponent
        let joined = folder.isEmpty ? designPath : folder + "/" + designPath
        // Fold "." and "name/.." so that messages show Designs/x.yaml rather than Scenarios/../Designs/x.yaml.
        var parts: [String] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        let path = parts.joined(separator: "/")
        return joined.hasPrefix("/") ? "/" + path : path
    }
}

/// Builds a `Scenario` from the node tree, reporting problems through the reader.
struct ScenarioBuilder {
    let reader: YAMLReader
    let allowChangedDesign: Bool
    let readFile: (String) -> Data?

    func build(_ root: Node) -> Scenario? {
        guard let top = reader.mapping(root, "the scenario") else { return nil }
        guard version(top) else { return nil }
        defer { top.finish(valid: ScenarioParser.topLevelKeys) }
        let fileName = URL(fileURLWithPath: reader.file).deletingPathExtension().lastPathComponent
        let name = top.take("name").flatMap { reader.string($0, "name") } ?? fileName
        let description = top.take("description").flatMap { reader.string($0, "description") } ?? ""
        let loaded = top.require("design", hint: "the design: a full design mapping, or { path: ../Designs/x.yaml, sha256: … }")
            .flatMap(design)
        var seed: UInt64?
        if let node = top.take("seed"), let text = reader.scalarText(node, "seed", expected: "a whole number ≥ 0") {
            if let value = UInt64(text) { seed = value } else { reader.error(node, "seed must be a whole number ≥ 0, found '\(text)'") }
        }
        let durationNode = top.take("duration")
        let duration = durationNode.flatMap { reader.duration($0, "duration") }
        let warmupNode = top.take("warmup")
        let warmup = warmupNode.flatMap { reader.duration($0, "warmup", allowZero: true) }
        let failures = top.take("failures").flatMap { DesignBuilder(reader: reader).failureTimeline($0) } ?? []
        let actionsNode = top.take("actions")
        var fingerprint: String?
        if let node = top.take("fingerprint"), let text = reader.text(node, "fingerprint") {
            if text.count == 16, text.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
                fingerprint = text
            } else {
                reader.error(node, "fingerprint must be 16 lowercase hex digits as sdw prints it, found '\(text)'")
            }
        }
        var events: UInt64?
        if let node = top.take("events"), let text = reader.scalarText(node, "events", expected: "a whole number") {
            if let value = UInt64(text.replacingOccurrences(of: "_", with: "")) { events = value } else {
                reader.error(node, "events must be a whole number ≥ 0, found '\(text)'")
            }
        }
        guard let (design, source) = loaded else { return nil }

        let durationS = duration ?? design.simulation.durationS
        if let warmup, warmup >= durationS {
            reader.error(warmupNode, "warmup (\(Units.formatDuration(warmup))) must be shorter than the duration (\(Units.formatDuration(durationS)))")
        }
        for event in failures {
            for id in event.components where design.component(id) == nil {
                reader.error(at: event.location, "failure '\(event.summary)': " + unknownComponent(id, in: design))
            }
            if event.atS >= durationS || (event.untilS ?? 0) > durationS {
                reader.warning(at: event.location, "failure '\(event.summary)' reaches past the end of the run (\(Units.formatDuration(durationS)))")
            }
        }
        let actions = actionsNode.flatMap { actionList($0, design: design, durationS: durationS) } ?? []
        return Scenario(name: name, description: description, designSource: source, design: design, seed: seed,
                        durationS: duration, warmupS: warmup, failures: failures, actions: actions,
                        fingerprint: fingerprint, events: events, source: reader.file)
    }

    /// Reads `sdw_scenario:`; a newer version stops here, since its other keys may mean something this sdw does not know.
    func version(_ top: KeyedNode) -> Bool {
        guard let node = top.take("sdw_scenario") else {
            if top.has("sdw") {
                reader.error(top.node, "this is a design file (it starts with 'sdw:'), not a scenario; run it with 'sdw run', "
                    + "or write a scenario that starts with 'sdw_scenario: \(Scenario.formatVersion)' and names it under 'design:'")
                return false
            }
            reader.error(top.node, "the scenario is missing 'sdw_scenario' (the format version; write 'sdw_scenario: \(Scenario.formatVersion)' first)")
            return true
        }
        guard let version = reader.integer(node, "sdw_scenario (format version)", minimum: 1) else { return true }
        if version > Scenario.formatVersion {
            reader.error(node, "this scenario was written by a newer sdw (format \(version)); this sdw reads format \(Scenario.formatVersion)")
            return false
        }
        return true
    }

    func unknownComponent(_ id: String, in design: Design) -> String {
        let ids = design.components.map(\.id)
        return "no component named '\(id)' in the design\(Suggest.didYouMean(id, ids)); it has \(ids.joined(separator: ", "))"
    }

    // MARK: Design

    /// An inline design mapping (it has `sdw:`), or a reference `{ path, sha256 }`.
    func design(_ node: Node) -> (Design, Scenario.DesignSource)? {
        guard case .mapping = node else {
            reader.error(node, "design must be a full design mapping (sdw: 1, workload, components…) or { path: ../Designs/x.yaml, sha256: … }, found \(YAMLReader.describe(node))")
            return nil
        }
        guard let map = reader.mapping(node, "design") else { return nil }
        if map.has("path") || !map.has("sdw") { return reference(map) }
        let before = reader.diagnostics.count
        guard var design = DesignBuilder(reader: reader).build(node) else { return nil }
        guard !reader.diagnostics[before...].contains(where: { $0.severity == .error }) else { return nil }
        for diagnostic in DesignChecks.check(design, reader: reader) {
            if diagnostic.severity == .error { reader.error(at: diagnostic.location, diagnostic.message) } else {
                reader.warning(at: diagnostic.location, diagnostic.message)
            }
        }
        if reader.hasErrors { return nil }
        design.source = reader.file
        return (design, .inline)
    }

    func reference(_ map: KeyedNode) -> (Design, Scenario.DesignSource)? {
        defer { map.finish(valid: ScenarioParser.designReferenceKeys) }
        guard let pathNode = map.require("path", hint: "the design file, relative to this scenario, e.g. ../Designs/web-tier.yaml"),
              let path = reader.text(pathNode, "design path") else { return nil }
        let shaNode = map.take("sha256")
        let expected = shaNode.flatMap { reader.text($0, "design sha256") }?.lowercased()
        let resolved = ScenarioParser.resolve(path, from: reader.file)
        guard let data = readFile(resolved) else {
            reader.error(pathNode, "the design '\(path)' cannot be read (looked for \(resolved))")
            return nil
        }
        let actual = SHA256.hex(data)
        if shaNode == nil {
            reader.error(map.node, "design is missing 'sha256' (the SHA-256 of the design file's bytes); the file now has sha256: \(actual)")
        } else if let expected, expected.count != 64 || !expected.allSatisfy({ $0.isHexDigit }) {
            reader.error(shaNode, "design sha256 '\(expected)' is not a SHA-256 (64 hex digits); the file now has sha256: \(actual)")
        } else if let expected, expected != actual {
            let message = "the design '\(path)' has changed since the scenario was recorded: the scenario expects sha256 \(expected), "
                + "the file has sha256 \(actual)"
            if allowChangedDesign {
                reader.warning(at: reader.location(shaNode), message + "; replaying against the current design, so the run may differ")
            } else {
                reader.error(shaNode, message + "; to replay against the current design anyway, use --allow-changed-design")
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            reader.error(pathNode, "the design '\(path)' cannot be read as UTF-8 text")
            return nil
        }
        do {
            let (design, warnings) = try DesignParser.parse(text, file: resolved)
            for warning in warnings { reader.warning(at: warning.location, warning.message) }
            return (design, .file(path: path, sha256: expected ?? actual))
        } catch let error as DesignLoadError {
            reader.error(pathNode, "the design '\(path)' is not valid (\(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s") below)")
            for diagnostic in error.diagnostics { reader.error(at: diagnostic.location, diagnostic.message) }
            return nil
        } catch {
            reader.error(pathNode, "the design '\(path)': \(error)")
            return nil
        }
    }
}
