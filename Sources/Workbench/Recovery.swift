import Foundation
import Model
import SimCore

/// Unsaved work kept beside the user's designs, offered on the next start.
/// The file is a design file with two header comments: the original path and whether it differs from the saved one.
public enum Recovery {
    public static func defaultPath() -> String {
        let base = ProcessInfo.processInfo.environment["XDG_STATE_HOME"]
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/state")
        return (base as NSString).appendingPathComponent("sdw/recovery.yaml")
    }

    /// The recovery file of one design file, beside `base` (`recovery-web-tier-<16 hex digits>.yaml`; unsaved designs share
    /// `recovery-unsaved.yaml`): work on one design never replaces or clears another's.
    public static func path(base: String, for file: String?) -> String {
        let stem = (base as NSString).deletingPathExtension
        guard let file else { return stem + "-unsaved.yaml" }
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
        let name = URL(fileURLWithPath: absolute).deletingPathExtension().lastPathComponent
            .filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        let hex = String(StableHash.fnv1a(absolute), radix: 16)
        return stem + "-" + String(name.prefix(40)) + "-" + String(repeating: "0", count: 16 - hex.count) + hex + ".yaml"
    }

    static func write(_ state: AppState, to path: String) {
        guard state.modified else {
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        let header = "# sdw recovery: \(state.filePath ?? "(unsaved)")\n# saved-at: \(ISO8601DateFormatter().string(from: Date()))\n"
        try? AtomicFile.write(header + DesignWriter.yaml(state.design), to: path)
    }

    public struct Recovered {
        public var design: Design
        public var filePath: String?
        public var savedDesign: Design?
        public var savedAt: String
    }

    /// When a recovery file exists: when it was written.
    public static func pending(at path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let savedAt = text.split(separator: "\n").first { $0.hasPrefix("# saved-at: ") }
        return savedAt.map { String($0.dropFirst("# saved-at: ".count)) } ?? "earlier"
    }

    /// The design file the recovered work belongs to (nil for a design never saved).
    public static func pendingFile(at path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("# sdw recovery: ") else { return nil }
        let value = String(line.dropFirst("# sdw recovery: ".count))
        return value == "(unsaved)" ? nil : value
    }

    /// Whether recovered work belongs to `file` (the same path once made absolute).
    public static func belongs(_ recovered: String?, to file: String?) -> Bool {
        func absolute(_ path: String?) -> String? {
            path.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        }
        return absolute(recovered) == absolute(file)
    }

    public static func read(_ path: String) throws -> Recovered {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let (design, _) = try DesignParser.parse(text, file: path)
        var filePath: String?
        if let line = text.split(separator: "\n").first, line.hasPrefix("# sdw recovery: ") {
            let value = String(line.dropFirst("# sdw recovery: ".count))
            if value != "(unsaved)" { filePath = value }
        }
        let saved = filePath.flatMap { try? DesignParser.load(path: $0).0 }
        return Recovered(design: design, filePath: filePath, savedDesign: saved, savedAt: pending(at: path) ?? "")
    }
}
