import Foundation
import Yams

/// Turns design-file text into a validated `Design`, or every error found with file:line:column.
public enum DesignParser {
    public static let topLevelKeys = ["sdw", "name", "description", "seed", "simulation", "workload", "components",
                                      "network", "failures"]
    static let simulationKeys = ["duration", "warmup"]
    static let workloadKeys = ["entry", "arrivals", "rate", "pattern", "classes", "keys"]
    static let classKeys = ["name", "weight", "write"]
    static let callKeys = ["to", "mode", "probability", "timeout", "class", "retries", "breaker", "bulkhead", "hedge_after",
                           "latency", "jitter"]
    static let commonComponentKeys = ["kind", "description", "instances", "workers", "queue_capacity", "service_time", "balancing",
                                      "position", "region"]
    static let cacheKeys = ["hit_ratio", "capacity", "ttl"]

    /// The keys a component of each kind accepts.
    public static func componentKeys(_ kind: ComponentKind) -> [String] {
        let stations = ["kind", "description", "service_time", "position", "region"]
        switch kind {
        case .service: return commonComponentKeys + ["calls", "rate_limit", "autoscale"]
        case .loadBalancer: return commonComponentKeys + ["algorithm", "routes", "weights"]
        case .apiGateway: return commonComponentKeys + ["algorithm", "routes", "weights", "rate_limit"]
        case .rateLimiter: return commonComponentKeys + ["calls", "rate_limit"]
        case .cache: return commonComponentKeys + cacheKeys + ["on_miss", "strategy", "flush_after", "refresh_at"]
        case .cdn: return commonComponentKeys + cacheKeys + ["origin", "shield_hit_ratio", "shield_latency"]
        case .queue:
            return stations + ["partitions", "consumers", "capacity", "overflow", "failure_probability", "max_retries",
                               "retry_delay", "dead_letter", "ack_loss", "idempotent", "calls"]
        case .database:
            return stations + ["connections", "queue_capacity", "shards", "sharding", "replicas", "replication_lag", "read_from",
                               "hot_key", "directory_lookup", "failover"]
        }
    }

    /// Loads and validates a design file.
    public static func load(path: String) throws -> (Design, [Diagnostic]) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory.boolValue ? "is a directory, not a design file"
                : "cannot be read as UTF-8 text"
            throw DesignLoadError([Diagnostic(.error, at: nil, "\(path): \(reason)")])
        }
        return try parse(text, file: path)
    }

    /// Parses and validates design text; warnings come back beside the design.
    public static func parse(_ text: String, file: String) throws -> (Design, [Diagnostic]) {
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw DesignLoadError([Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1),
                                                  "the file is empty; a design starts with 'sdw: 1'")])
            }
            root = composed
        } catch let error as YamlError {
            throw DesignLoadError([yamlDiagnostic(error, file: file)])
        }
        let reader = YAMLReader(file: file)
        let design = DesignBuilder(reader: reader).build(root)
        if let design, !reader.hasErrors {
            var diagnostics = reader.diagnostics
            diagnostics += DesignChecks.check(design, reader: reader)
            if diagnostics.contains(where: { $0.severity == .error }) {
                throw DesignLoadError(diagnostics.filter { $0.severity == .error }.sortedByLocation())
            }
            return (design, diagnostics.sortedByLocation())
        }
        throw DesignLoadError(reader.diagnostics.filter { $0.severity == .error }.sortedByLocation())
    }

    static func yamlDiagnostic(_ error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            return Diagnostic(.error, at: at(mark), message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(.error, at: at(context.mark),
                              "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping: each key may appear once")
        case .reader(let problem, _, _, _):
            return Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), "cannot read the file: \(problem)")
        default:
            return Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), "YAML error: \(error)")
        }
    }
}

extension Array where Element == Diagnostic {
    func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let la = a.element.location, lb = b.element.location
            let ka = (la?.line ?? Int.max, la?.column ?? Int.max, a.offset)
            let kb = (lb?.line ?? Int.max, lb?.column ?? Int.max, b.offset)
            return ka < kb
        }.map(\.element)
    }
}
