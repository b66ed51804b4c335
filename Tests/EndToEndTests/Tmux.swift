import Foundation
import Testing

/// Drives the real `sdw` binary inside a detached tmux session, as a person at a terminal would.
final class TmuxPane {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var binary: String { root.appendingPathComponent(".build/debug/sdw").path }
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || which("tmux") != nil }

    let name: String
    let stateHome: String

    /// Starts a shell in a new tmux session of the given size, with an isolated recovery folder.
    init(width: Int = 120, height: Int = 40) throws {
        name = "sdw-e2e-\(UUID().uuidString.prefix(8))"
        stateHome = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: stateHome, withIntermediateDirectories: true)
        let environment = "env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_STATE_HOME=\(stateHome) PS1='READY> ' bash --norc --noprofile"
        try Self.tmux(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "-c", Self.root.path, environment])
    }

    deinit { _ = try? Self.tmux(["kill-session", "-t", name]) }

    /// Types a shell command and presses Enter.
    func run(_ command: String) throws { try Self.tmux(["send-keys", "-t", name, "-l", command]); try press("Enter") }

    /// Sends tmux key names (`Enter`, `Escape`, `Tab`, `C-r`, `Space`, `Down`).
    func press(_ keys: String...) throws { for key in keys { try Self.tmux(["send-keys", "-t", name, key]) } }

    /// Types text literally.
    func type(_ text: String) throws { try Self.tmux(["send-keys", "-t", name, "-l", text]) }

    /// Sends a signal to the programs started from the pane's shell (not to the shell itself).
    func signalForegroundProcess(_ signal: Int32) throws {
        let shell = try Self.tmux(["list-panes", "-t", name, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try Spawn.run(Self.which("pkill") ?? "/usr/bin/pkill", ["-\(signal)", "-P", shell])
    }

    func screen() throws -> String { try Self.tmux(["capture-pane", "-p", "-t", name]) }

    /// Polls the screen until it contains `text`; fails with the last screen after `timeout` seconds.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitUntil(timeout: timeout, "\"\(text)\"", sourceLocation: sourceLocation) { $0.contains(text) }
    }

    @discardableResult
    func waitUntil(timeout: Double = 10, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for \(what); screen was:\n\(last)", sourceLocation: sourceLocation)
        throw TmuxError.timeout(what)
    }

    enum TmuxError: Error { case timeout(String), failed(String) }

    /// The suite runs its own tmux server on its own socket, so a stale or stuck server from elsewhere never matters;
    /// it exits by itself when the last pane's session is killed.
    static let socket = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-e2e-\(getpid()).sock").path

    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let result = try Spawn.run(which("tmux") ?? "/usr/bin/tmux", ["-S", socket] + arguments, timeout: 10)
        if result.status != 0 { throw TmuxError.failed("tmux \(arguments.joined(separator: " ")): \(result.output)") }
        return result.output
    }

    static func which(_ tool: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

/// Numbers shown after a label on screen, e.g. `errors 12/s` → 12.
func figure(after label: String, in screen: String) -> Double? {
    guard let range = screen.range(of: label) else { return nil }
    let rest = screen[range.upperBound...].drop { $0 == " " }
    var digits = ""
    for character in rest {
        if character.isNumber || character == "." { digits.append(character) } else { break }
    }
    guard var value = Double(digits) else { return nil }
    let unit = rest.dropFirst(digits.count).first
    if unit == "k" { value *= 1000 } else if unit == "M" { value *= 1_000_000 }
    return value
}
