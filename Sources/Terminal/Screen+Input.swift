import CNcurses
import Workbench

extension TerminalScreen {
    /// The most events one call returns; the rest stay queued for the next call.
    static let maximumEventsPerRead = 256

    /// Waits up to `timeoutMilliseconds` for the first event, then takes everything already pending
    /// without waiting. Returns [] when nothing arrived in time.
    ///
    /// Also handles job control: after Ctrl-Z (with `TerminalSignals` installed) it gives the terminal
    /// back, stops the process, and once continued returns `.resize` with the current size, as it
    /// does after any SIGCONT, so the caller redraws everything. A real resize also forces a full redraw.
    public func readInput(timeoutMilliseconds: Int) -> [InputEvent] {
        guard active else { return [] }
        if let resumed = handleJobControl() { return [resumed] }
        var events: [InputEvent] = []
        wtimeout(window, Int32(clamping: max(0, timeoutMilliseconds)))
        var waiting = true
        while events.count < TerminalScreen.maximumEventsPerRead {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == ERR { break }
            if waiting {
                // Something came (even if it decodes to nothing): take the rest without waiting again.
                wtimeout(window, 0)
                waiting = false
            }
            append(status == KEY_CODE_YES, Int(code), to: &events)
        }
        if let resumed = handleJobControl() { events.append(resumed) }
        return events
    }

    /// Gives the terminal back, stops the process as Ctrl-Z would, and returns once it is continued
    /// (`fg`), ready to draw again; the next `draw` repaints everything. `readInput` calls this for
    /// SIGTSTP; call it directly to offer suspend from a key.
    public func suspend() {
        guard active else { return }
        setMouseMotion(false)
        _ = endwin()  // leaves the alternate screen, restores the shell's modes, turns the mouse off
        fflush(output)
        TerminalSignals.stopProcess()
        _ = TerminalSignals.consumeResumed()
        prepareAfterResume()
    }

    /// A resize event to report after Ctrl-Z/`fg` or another SIGCONT, or nil when neither happened.
    private func handleJobControl() -> InputEvent? {
        if TerminalSignals.consumeSuspendRequest() {
            suspend()
        } else if TerminalSignals.consumeResumed() {
            // Continued after a stop we did not arrange (SIGSTOP): the shell may have reset the modes.
            _ = reset_prog_mode()
            prepareAfterResume()
        } else {
            return nil
        }
        let (width, height) = size
        return .resize(width: width, height: height)
    }

    private func prepareAfterResume() {
        mouseDecoder = MouseDecoder()
        mouseMotionPending = mouseEnabled
        forceFullRedraw()
    }

    private func append(_ isKeyCode: Bool, _ code: Int, to events: inout [InputEvent]) {
        if isKeyCode, code == Int(KEY_RESIZE) {
            // ncurses has already resized its windows; the terminal's contents are unknown.
            forceFullRedraw()
            let (width, height) = size
            if case .resize = events.last { events.removeLast() }
            events.append(.resize(width: width, height: height))
        } else if isKeyCode, code == Int(KEY_MOUSE) {
            // One KEY_MOUSE can stand for a run of reports that arrived together; getmouse hands
            // them out newest first, so collect them all and put them back in order.
            var reports: [MEVENT] = []
            var report = MEVENT()
            while reports.count < TerminalScreen.maximumEventsPerRead, getmouse(&report) == OK {
                reports.append(report)
            }
            for report in reports.reversed() {
                let decoded = mouseDecoder.decode(buttonState: report.bstate, x: Int(report.x), y: Int(report.y))
                events.append(contentsOf: decoded.map(InputEvent.mouse))
            }
        } else if let key = KeyDecoder.decode(code, isKeyCode: isKeyCode) {
            events.append(.key(key))
        }
    }
}
