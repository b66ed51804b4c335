import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion without Foundation's `Process`: `posix_spawn`, then `waitpid(WNOHANG)` polling.
///
/// `Process` learns that a child exited from SIGCHLD; in a test runner whose threads block signals that
/// notification can be lost, and the child stays a zombie while `isRunning` says true for ever. Polling
/// `waitpid` needs no signal at all. The child starts with an empty signal mask and default dispositions, so
/// whatever it starts (the tmux server, the shell, sdw) behaves as it would from a login shell.
public enum Spawn {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Standard output then standard error.
        public var output: String { stdout + stderr }
    }
    public enum Failure: Error, CustomStringConvertible {
        case couldNotStart(String, Int32), timedOut(String)
        public var description: String {
            switch self {
            case .couldNotStart(let command, let code): "could not start \(command): \(String(cString: strerror(code)))"
            case .timedOut(let command): "\(command) did not finish"
            }
        }
    }

    /// Output goes to files, never pipes, so a large output can never fill a pipe and block the child.
    public static func run(_ executable: String, _ arguments: [String], timeout: Double = 60) throws -> Result {
        let command = ([executable] + arguments).joined(separator: " ")
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-spawn-\(UUID().uuidString)").path
        let outputPath = base + ".out", errorPath = base + ".err"
        defer { unlink(outputPath); unlink(errorPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(); sigemptyset(&empty)
        var all = sigset_t(); sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard started == 0 else { throw Failure.couldNotStart(command, started) }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno == ECHILD { status = 0; break }  // reaped elsewhere (SIGCHLD ignored): judge by output
            if Date() >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw Failure.timedOut(command)
            }
            usleep(5_000)
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exitCode, stdout: output, stderr: errors)
    }

    /// The full path of a program on PATH, or nil.
    public static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
