import Glibc
import Render
import Testing
import Workbench
@testable import Terminal

extension Curses {
    /// Real signals, with the handlers installed (never SIGTSTP without them).
    @Suite struct Signals {
        /// Raises `signal` on a thread of our own that does not block it, so the handler has run when this
        /// returns. Test code runs on worker threads that block signals (a plain `raise` would stay pending),
        /// and signalling the whole process could interrupt a system call in another test running alongside.
        func deliver(_ signal: Int32) {
            let argument = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
            defer { argument.deallocate() }
            argument.pointee = signal
            var thread = pthread_t()
            let created = pthread_create(&thread, nil, { argument in
                let signal = argument!.assumingMemoryBound(to: Int32.self).pointee
                var set = sigset_t()
                sigemptyset(&set)
                sigaddset(&set, signal)
                pthread_sigmask(SIG_UNBLOCK, &set, nil)
                raise(signal)
                return nil
            }, argument)
            precondition(created == 0, "pthread_create failed")
            pthread_join(thread, nil)
        }

        @Test func terminatingSignalsAreRecordedOnce() {
            TerminalSignals.install()
            defer { TerminalSignals.uninstall() }
            #expect(TerminalSignals.pending() == nil)
            for signal in [SIGINT, SIGTERM, SIGHUP] {
                deliver(signal)
                #expect(TerminalSignals.pending() == signal)
                #expect(TerminalSignals.pending() == nil)
            }
        }

        @Test func jobControlSignalsSetTheirFlags() {
            TerminalSignals.install()
            defer { TerminalSignals.uninstall() }
            deliver(SIGTSTP)  // caught: only sets the flag
            #expect(TerminalSignals.consumeSuspendRequest())
            #expect(!TerminalSignals.consumeSuspendRequest())
            deliver(SIGCONT)
            #expect(TerminalSignals.consumeResumed())
            #expect(!TerminalSignals.consumeResumed())
            #expect(TerminalSignals.pending() == nil)
        }

        @Test func continuedProcessGetsResizeAndFullRedraw() throws {
            TerminalSignals.install()
            defer { TerminalSignals.uninstall() }
            let terminal = try HeadlessTerminal(width: 30, height: 8)
            defer { terminal.close() }
            terminal.screen.draw(ScreenBuffer(width: 30, height: 8))
            #expect(terminal.screen.lastDrawn != nil)
            deliver(SIGCONT)
            #expect(terminal.screen.readInput(timeoutMilliseconds: 0) == [.resize(width: 30, height: 8)])
            #expect(terminal.screen.lastDrawn == nil)
            #expect(terminal.screen.readInput(timeoutMilliseconds: 0) == [])
        }

        @Test func installClearsStaleFlags() {
            TerminalSignals.install()
            deliver(SIGINT)
            deliver(SIGCONT)
            TerminalSignals.install()
            defer { TerminalSignals.uninstall() }
            #expect(TerminalSignals.pending() == nil)
            #expect(!TerminalSignals.consumeResumed())
        }
    }
}

@Suite struct ExitCodeTests {
    @Test func shellConventionForSignals() {
        #expect(TerminalSignals.exitCode(for: SIGINT) == 130)
        #expect(TerminalSignals.exitCode(for: SIGTERM) == 143)
        #expect(TerminalSignals.exitCode(for: SIGHUP) == 129)
    }
}
