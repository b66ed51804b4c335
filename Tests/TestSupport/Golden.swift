import Foundation
import Testing

/// Compares text with a golden file in `__Snapshots__` beside the calling test file; `SDW_RECORD_SNAPSHOTS=1 swift test`
/// re-records them. A name without an extension gets `.txt`. A missing golden file is written and the test fails, so a
/// new snapshot is always looked at once.
public func assertGolden(_ text: String, named name: String, filePath: String = #filePath,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let fileName = name.contains(".") ? name : name + ".txt"
    let file = directory.appendingPathComponent(fileName)
    let record = ProcessInfo.processInfo.environment["SDW_RECORD_SNAPSHOTS"] == "1"
    guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
        if !record { Issue.record("recorded new snapshot \(fileName); check it and run again", sourceLocation: sourceLocation) }
        return
    }
    if expected != text {
        let expectedLines = expected.components(separatedBy: "\n"), actualLines = text.components(separatedBy: "\n")
        let firstDifference = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
        let line = firstDifference?.offset ?? min(expectedLines.count, actualLines.count)
        Issue.record("""
            snapshot \(fileName) differs at line \(line + 1):
            expected: \(line < expectedLines.count ? expectedLines[line] : "<end>")
            actual:   \(line < actualLines.count ? actualLines[line] : "<end>")
            (re-record with SDW_RECORD_SNAPSHOTS=1 if the change is intended)
            """, sourceLocation: sourceLocation)
    }
}
