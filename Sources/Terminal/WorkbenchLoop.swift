import Foundation
import Render
import Workbench

/// The workbench's fixed-timestep loop: read input (waiting at most until the next frame), dispatch it,
/// advance the simulation by a bounded amount of work, render the state, flush only what changed.
public enum WorkbenchLoop {
    public static let framesPerSecond = 30.0

    /// Runs until the user quits or a signal arrives; returns the process exit status. The terminal is
    /// restored on every path (return, throw, SIGINT/SIGTERM/SIGHUP; Ctrl-Z suspends and `fg` redraws).
    public static func run(_ session: WorkbenchSession) throws -> Int32 {
        TerminalSignals.install()
        let screen = try TerminalScreen()
        defer {
            screen.restore()
            TerminalSignals.uninstall()
        }
        let size = screen.size
        session.dispatch(.resized(width: size.width, height: size.height))
        // Keep a frame's engine work well under the 50 ms key-to-screen budget (≈12M events/s on one core).
        session.eventBudgetPerFrame = 150_000
        let frame = 1 / framesPerSecond
        // For the launch-time benchmark: quit as soon as the first full frame is on the terminal.
        let exitAfterFirstFrame = ProcessInfo.processInfo.environment["SDW_EXIT_AFTER_FIRST_FRAME"] == "1"
        var last = monotonicSeconds()
        var nextFrame = last
        while true {
            if let signal = TerminalSignals.pending() {
                return TerminalSignals.exitCode(for: signal)
            }
            screen.draw(WorkbenchView.render(session.state))
            if exitAfterFirstFrame { return 0 }
            let wait = max(0, Int(((nextFrame - monotonicSeconds()) * 1000).rounded(.up)))
            for event in screen.readInput(timeoutMilliseconds: wait) {
                session.handle(event)
                if session.state.quitRequested { return 0 }
            }
            let now = monotonicSeconds()
            if now >= nextFrame {
                // A long pause (Ctrl-Z) does not make the simulation jump ahead.
                session.frame(wallSeconds: min(now - last, 0.25))
                last = now
                nextFrame = max(nextFrame + frame, now)
            }
        }
    }

    static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
