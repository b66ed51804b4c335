import Foundation
import Model
import SimCore

/// Reading and writing scenario files for the session (the reducer never touches files).
public enum ScenarioFiles {
    /// Whether `path` is a scenario (it has a top-level `sdw_scenario:` line) rather than a design.
    public static func isScenario(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return false }
        return text.split(separator: "\n").contains { $0.hasPrefix("sdw_scenario:") }
    }

    public enum Loaded {
        case opened(Scenario, warnings: [String])
        /// The pinned design file has changed; `scenario` is the scenario on the current design, `message` says how.
        case designChanged(Scenario, message: String)
        /// Every problem, with file:line:column.
        case failed([String])
    }

    public static func load(_ path: String, allowChangedDesign: Bool) -> Loaded {
        do {
            let (scenario, diagnostics) = try ScenarioParser.load(path: path, allowChangedDesign: allowChangedDesign)
            return .opened(scenario, warnings: diagnostics.filter { $0.severity == .warning }.map(\.message))
        } catch let error as DesignLoadError {
            let marker = "has changed since the scenario was recorded"
            if !allowChangedDesign, let changed = error.diagnostics.first(where: { $0.message.contains(marker) }),
               case .opened(let scenario, _) = load(path, allowChangedDesign: true) {
                let message = changed.message.components(separatedBy: "; to replay against").first ?? changed.message
                return .designChanged(scenario, message: message)
            }
            return .failed(error.diagnostics.map(\.description))
        } catch {
            return .failed(["\(path): \(error)"])
        }
    }

    public enum Saved: Equatable {
        case saved(fingerprint: String, events: UInt64, designByPath: Bool)
        /// The file is there already and `overwrite` was not given.
        case exists
    }

    /// Writes `scenario` to `path` (creating its folder; atomically). The design is named by path + SHA-256 when
    /// `designFile` still holds the recorded design, else written inline. Before writing, the scenario is replayed
    /// headless to its end (the same player as `sdw replay`) and its fingerprint and event count are stored, and
    /// the text is read back to be sure it parses.
    public static func save(_ scenario: Scenario, to path: String, designFile: String?, overwrite: Bool) throws -> Saved {
        if !overwrite, FileManager.default.fileExists(atPath: path) { return .exists }
        var scenario = scenario
        var byPath = false
        if let designFile, let data = FileManager.default.contents(atPath: designFile),
           let text = String(data: data, encoding: .utf8),
           let (onDisk, _) = try? DesignParser.parse(text, file: designFile),
           ScenarioDiff.runShape(onDisk) == ScenarioDiff.runShape(scenario.design) {
            scenario.designSource = .file(path: ScenarioPaths.relative(designFile, from: path), sha256: SHA256.hex(data))
            byPath = true
        }
        let player = try ScenarioPlayer(scenario: scenario)
        player.run()
        scenario.fingerprint = player.simulation.fingerprint
        scenario.events = player.simulation.eventsProcessed
        let text = ScenarioWriter.yaml(scenario)
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        do {
            _ = try ScenarioParser.parse(text, file: path)
        } catch let error as DesignLoadError {
            throw ScenarioSaveError("the recorded scenario does not read back (\(error.diagnostics.first?.message ?? "?")); nothing was written")
        }
        try AtomicFile.write(text, to: path)
        return .saved(fingerprint: scenario.fingerprint ?? "", events: scenario.events ?? 0, designByPath: byPath)
    }

    /// The scenario names (file stems) in `folder`.
    public static func existingNames(in folder: String = ScenarioPaths.folder) -> Set<String> {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return Set(files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) })
    }
}

public struct ScenarioSaveError: Error, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}
