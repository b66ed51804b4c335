import Foundation
import Testing
import Model
import Workbench
@testable import Render

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func webTier() throws -> Design {
    try DesignParser.load(path: root.appendingPathComponent("Designs/web-tier.yaml").path).0
}

/// A session on a design, run for `seconds` simulated seconds in fixed frames (deterministic).
func runningSession(_ design: Design, width: Int, height: Int, seconds: Int = 30) -> WorkbenchSession {
    var state = AppState(design: design, filePath: "Designs/web-tier.yaml", width: width, height: height)
    state.runState = .running
    let session = WorkbenchSession(state: state, recoveryPath: "/tmp/sdw-test-recovery-\(UUID().uuidString).yaml")
    for _ in 0..<(seconds * 4) { session.frame(wallSeconds: 0.25) }
    return session
}

@Suite(.serialized) struct SnapshotTests {
    static let sizes = [(80, 24), (160, 48)]

    @Test(arguments: [0, 1])
    func runningDesign(size: Int) throws {
        let (width, height) = Self.sizes[size]
        let session = runningSession(try webTier(), width: width, height: height)
        assertGolden(WorkbenchView.render(session.state).text, named: "running-\(width)x\(height)")
    }

    @Test(arguments: [0, 1])
    func emptyWorkbench(size: Int) throws {
        let (width, height) = Self.sizes[size]
        let empty = Design(name: "untitled", workload: Workload(entry: "", rateRPS: 100), components: [])
        let session = WorkbenchSession(state: AppState(design: empty, filePath: nil, width: width, height: height),
                                       recoveryPath: "/tmp/sdw-test-recovery-empty.yaml")
        assertGolden(WorkbenchView.render(session.state).text, named: "empty-\(width)x\(height)")
    }

    @Test(arguments: [0, 1])
    func inspectorEditing(size: Int) throws {
        let (width, height) = Self.sizes[size]
        let session = runningSession(try webTier(), width: width, height: height, seconds: 5)
        session.dispatch(.componentClicked("web"))
        session.dispatch(.focusCycledTo(.inspector))
        session.dispatch(.inspectorRowMoved(2))
        session.dispatch(.editStarted)
        session.dispatch(.editTextChanged("zero"))
        session.dispatch(.editCommitted)
        let screen = WorkbenchView.render(session.state)
        #expect(session.state.mode == .edit(field: "workers", text: "zero", error: "workers must be a whole number, not 'zero'"))
        #expect(screen.text.contains("✗ workers must be a whole"))
        assertGolden(screen.text, named: "inspector-edit-\(width)x\(height)")
    }

    @Test(arguments: [0, 1])
    func helpOverlay(size: Int) throws {
        let (width, height) = Self.sizes[size]
        let session = runningSession(try webTier(), width: width, height: height, seconds: 1)
        session.dispatch(.helpToggled)
        assertGolden(WorkbenchView.render(session.state).text, named: "help-\(width)x\(height)")
    }

    /// The cache of the cache-aside design, selected after 30 simulated seconds: its rows and live hit ratio.
    @Test func inspectorWithARunningCache() throws {
        let design = try DesignParser.load(path: root.appendingPathComponent("Designs/cache-aside-read-heavy.yaml").path).0
        let session = runningSession(design, width: 120, height: 40)
        session.dispatch(.componentClicked("cache"))
        session.dispatch(.focusCycledTo(.inspector))
        let text = WorkbenchView.render(session.state).text
        #expect(text.contains("hit 67.0%  misses 671/s"))
        #expect(text.contains("cache hit 67.0%"))
        #expect(text.contains("capacity    20000"))
        assertGolden(text, named: "inspector-cache-120x40")
    }

    /// The cache-stampede example replayed to just after its third event (`n` three times): the timeline bar with
    /// its marks, the cursor at 33 s and the next event.
    @Test func replayTimeline() throws {
        let scenario = try ScenarioParser.load(path: root.appendingPathComponent("Scenarios/cache-stampede.yaml").path).0
        let session = WorkbenchSession(state: AppState(design: scenario.runDesign, filePath: nil, width: 120, height: 40),
                                       recoveryPath: "/tmp/sdw-test-recovery-\(UUID().uuidString).yaml")
        session.dispatch(.scenarioOpened(scenario, path: "Scenarios/cache-stampede.yaml", warnings: []))
        for _ in 0..<3 {
            session.dispatch(.nextEventRequested)
            while session.state.runState == .running { session.frame(wallSeconds: 0.25) }
        }
        #expect(session.state.simTime == 33)
        let text = WorkbenchView.render(session.state).text
        let bar = text.split(separator: "\n").first { $0.hasPrefix(" ▷ Replay") }.map(String.init) ?? ""
        #expect(bar.contains("✗✓●─"), "the cursor, on the event just fired")
        #expect(bar.contains("00:33.0/01:00.0  next 00:45.0 crash cache#0 (n)"))
        #expect(bar.filter { $0 == "◆" }.count == 2)
        #expect(text.contains("❚❚ t=00:33.0 after set db.workers = 16"))
        assertGolden(text, named: "replay-timeline-120x40")
    }

    /// The title bar while recording.
    @Test func recordingTitle() throws {
        let session = runningSession(try webTier(), width: 120, height: 40, seconds: 1)
        session.dispatch(.recordToggled)
        for _ in 0..<8 { session.frame(wallSeconds: 0.25) }
        session.dispatch(.commandStarted)
        session.dispatch(.commandTextChanged("rate 2k"))
        session.dispatch(.commandSubmitted)
        let title = WorkbenchView.render(session.state).text.split(separator: "\n")[0]
        #expect(title.hasPrefix(" sdw ▸ Web tier with database ●  ● REC 00:02.0 (1 action)  ▶ running  t=00:02.0"))
    }

    @Test func tooSmallScreen() throws {
        let state = AppState(design: try webTier(), filePath: nil, width: 60, height: 20)
        let text = WorkbenchView.render(state).text
        #expect(text.contains("terminal too small"))
        #expect(text.contains("(need 80×24, have 60×20)"))
        assertGolden(text, named: "too-small-60x20")
    }
}
