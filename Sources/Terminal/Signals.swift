import CNcurses

/// Process signals for the interactive workbench.
///
/// The handlers only set flags (plain C handlers in the shim: nothing else is safe inside a
/// signal handler); the main loop polls them between frames. Usage:
///
///     TerminalSignals.install()              // before creating the TerminalScreen
///     let screen = try TerminalScreen()
///     while TerminalSignals.pending() == nil { … screen.readInput(timeoutMilliseconds: 16) … }
///     screen.restore(); TerminalSignals.uninstall()
///     exit(TerminalSignals.exitCode(for: signal))
///
/// - SIGINT, SIGTERM, SIGHUP: recorded for `pending()`; the caller shuts down and exits with `exitCode(for:)`.
/// - SIGTSTP (Ctrl-Z): recorded; `TerminalScreen.readInput` restores the terminal, stops the process,
///   and after `fg` redraws and reports `.resize`.
/// - SIGCONT: recorded for `consumeResumed()` (also handled by `readInput`).
///
/// Handlers are installed without `SA_RESTART`, so a signal cuts a blocking read short.
/// Installing them before the screen matters: ncurses installs its own SIGINT/SIGTERM/SIGTSTP
/// handlers (which exit with status 1) only for signals still at their default disposition.
public enum TerminalSignals {
    /// The signals that end the program.
    public static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// The job-control signals handled so Ctrl-Z and `fg` leave a usable terminal.
    public static let jobControl: [Int32] = [SIGTSTP, SIGCONT]

    /// Whether our handlers are in place; touched only by the thread that installs them, never by a handler.
    nonisolated(unsafe) private static var installed = false

    /// Installs the flag-setting handlers for SIGINT, SIGTERM, SIGHUP, SIGTSTP and SIGCONT.
    /// Idempotent. Call before `TerminalScreen.init`.
    public static func install() {
        // Clear anything left from an earlier install so a stale flag cannot end the new session.
        _ = sdw_take_terminate_signal()
        _ = sdw_take_suspend_request()
        _ = sdw_take_resumed()
        for signal in terminating + jobControl { _ = sdw_install_signal_handler(signal) }
        sdw_unblock_ui_signals()
        installed = true
    }

    /// Puts every signal `install()` handled back to its default disposition.
    public static func uninstall() {
        for signal in terminating + jobControl { _ = sdw_default_signal_handler(signal) }
        installed = false
    }

    /// The terminating signal received since the last call (SIGINT, SIGTERM or SIGHUP), clearing it; nil if none.
    public static func pending() -> Int32? {
        let signal = sdw_take_terminate_signal()
        return signal == 0 ? nil : Int32(signal)
    }

    /// True once after the process was continued (SIGCONT, e.g. `fg` after Ctrl-Z): redraw everything.
    /// `TerminalScreen.readInput` consumes it and reports a `.resize` instead.
    public static func consumeResumed() -> Bool {
        sdw_take_resumed() != 0
    }

    /// True once after Ctrl-Z (SIGTSTP): restore the terminal and call `stopProcess()`.
    /// `TerminalScreen.readInput` consumes it and does exactly that.
    public static func consumeSuspendRequest() -> Bool {
        sdw_take_suspend_request() != 0
    }

    /// Stops the process as the default SIGTSTP action would, returning after it is continued.
    /// The terminal must already be restored (`endwin`). Our SIGTSTP handler, if installed, is reinstated afterwards.
    public static func stopProcess() {
        _ = sdw_default_signal_handler(SIGTSTP)
        sdw_stop_process()
        // Running again: `fg` (or `kill -CONT`) delivered SIGCONT.
        if installed { _ = sdw_install_signal_handler(SIGTSTP) }
    }

    /// The conventional shell status for a process ended by `signal`: 128 + its number
    /// (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP).
    public static func exitCode(for signal: Int32) -> Int32 {
        128 + signal
    }
}
