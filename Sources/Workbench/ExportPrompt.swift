import Export
import Foundation
import Model

/// `:export FORMAT [PATH]`: writes the design as a diagram or report, by default beside the design file as
/// `<file name>.<extension>` (`Designs/web-tier.md`). The text is made here, the file is written by the session.
enum ExportPrompt {
    static let usage = "usage: :export " + ExportFormat.allCases.map(\.rawValue).joined(separator: "|") + " [PATH]"

    /// The effect that writes the export, or why the command is refused.
    static func effect(_ argument: String, _ state: AppState) -> Result<Effect, Refusal> {
        let words = argument.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let name = words.first else { return .failure(Refusal(usage)) }
        guard let format = ExportFormat(name: name) else { return .failure(Refusal("unknown format '\(name)'; " + usage)) }
        let path = words.count > 1 && !words[1].isEmpty ? words[1] : defaultPath(state, format)
        if let file = state.filePath, samePath(path, file) {
            return .failure(Refusal("\(path) is the design file itself: give another PATH (or save it with :w)"))
        }
        return .success(.export(path: path, text: Exporter.render(state.design, as: format), format: format.rawValue))
    }

    struct Refusal: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// Beside the design file, named after it; without a file, after the design's name in the working directory.
    static func defaultPath(_ state: AppState, _ format: ExportFormat) -> String {
        guard let file = state.filePath else { return slug(state.design.name) + "." + format.fileExtension }
        let url = URL(fileURLWithPath: file)
        let base = url.deletingPathExtension().lastPathComponent
        let name = base + (format == .yaml ? ".export" : "") + "." + format.fileExtension
        let directory = (file as NSString).deletingLastPathComponent
        return directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
    }

    /// `Web tier with database` → `web-tier-with-database`.
    static func slug(_ name: String) -> String {
        let words = name.lowercased().split { !($0.isLetter || $0.isNumber) }
        return words.isEmpty ? "design" : words.joined(separator: "-")
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
    }
}
