import Foundation
import Testing
import Model
@testable import Workbench

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func webTierState() throws -> AppState {
    let design = try DesignParser.load(path: repositoryRoot.appendingPathComponent("Designs/web-tier.yaml").path).0
    return AppState(design: design, filePath: "Designs/web-tier.yaml")
}

/// Applies actions in order and returns every effect asked for.
@discardableResult
func send(_ state: inout AppState, _ actions: Action...) -> [Effect] {
    actions.flatMap { Reducer.reduce(&state, $0) }
}

@Suite struct ReducerTests {
    @Test func addingABlockSelectsItAndCanBeUndone() throws {
        var state = try webTierState()
        let before = state.design
        let effects = send(&state, .paletteOpened, .menuMoved(1), .menuChosen)
        #expect(effects == [.applyDesign, .writeRecovery])
        #expect(state.design.components.map(\.id) == ["lb", "web", "db", "lb1"])
        #expect(state.design.component("lb1")?.kind == .loadBalancer)
        #expect(state.selection == .component("lb1"))
        #expect(state.mode == .normal)
        #expect(state.modified)
        // Every block is pinned where it was, so adding one never reflows the others.
        #expect(state.design.components.allSatisfy { $0.position != nil })
        send(&state, .undoRequested)
        #expect(state.design == before)
        #expect(state.selection == .component("lb"))
        #expect(!state.modified)
        send(&state, .redoRequested)
        #expect(state.design.component("lb1") != nil)
    }

    @Test func connectingAddsACallOrARoute() throws {
        var state = try webTierState()
        send(&state, .blockAdded(.service))
        #expect(state.selection == .component("svc1"))
        send(&state, .componentClicked("db"), .connectStarted)
        #expect(state.mode == .connect(from: "db"))
        send(&state, .componentClicked("svc1"))
        #expect(state.design.component("db")?.calls == [Call(to: "svc1", mode: .sync)])
        #expect(state.selection == .link(from: "db", to: "svc1"))
        #expect(state.mode == .normal)
        // A balancer gets a route instead of a call.
        send(&state, .componentClicked("lb"), .connectStarted, .linkAdded(from: "lb", to: "svc1"))
        #expect(state.design.component("lb")?.routes == ["web", "svc1"])
    }

    @Test func connectionsThatWouldDeadlockAreRefused() throws {
        var state = try webTierState()
        let before = state.design
        send(&state, .linkAdded(from: "db", to: "web"))
        #expect(state.design == before)
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("cycle of sync calls") == true)
        send(&state, .linkAdded(from: "web", to: "web"))
        #expect(state.message == StatusMessage("a block cannot call itself", isError: true))
    }

    @Test func deletingABlockRemovesItsLinksAndUndoBringsThemBack() throws {
        var state = try webTierState()
        let before = state.design
        send(&state, .componentClicked("web"), .deleteRequested)
        #expect(state.design.components.map(\.id) == ["lb", "db"])
        #expect(state.design.component("lb")?.routes == [])
        #expect(state.selection == .component("lb"))
        send(&state, .undoRequested)
        #expect(state.design == before)
        // Deleting a link.
        send(&state, .linkAdded(from: "db", to: "lb"))  // refused: cycle through the balancer
        send(&state, .componentClicked("web"))
        state.selection = .link(from: "web", to: "db")
        send(&state, .deleteRequested)
        #expect(state.design.component("web")?.calls == [])
        #expect(state.selection == .component("web"))
    }

    @Test func anInvalidEditIsRefusedWithTheReasonAndNothingElseChanges() throws {
        var state = try webTierState()
        let before = state.design
        send(&state, .componentClicked("web"), .focusCycledTo(.inspector), .inspectorRowMoved(2), .editStarted)
        #expect(state.mode == .edit(field: "workers", text: "8", error: nil))
        send(&state, .editTextChanged("0"), .editCommitted)
        #expect(state.mode == .edit(field: "workers", text: "0", error: "workers must be at least 1"))
        #expect(state.design == before)
        #expect(state.undoStack.isEmpty)
        send(&state, .editTextChanged("16"), .editCommitted)
        #expect(state.mode == .normal)
        #expect(state.design.component("web")?.workers == 16)
        #expect(state.undoStack.count == 1)
    }

    @Test func serviceTimeAndWorkloadEdits() throws {
        var state = try webTierState()
        send(&state, .componentClicked("db"), .inspectorRowMoved(4), .editStarted)
        #expect(state.mode == .edit(field: "service_time", text: "exponential 2ms", error: nil))
        send(&state, .editTextChanged("lognormal 2ms p99 90ms"), .editCommitted)
        if case .edit(_, _, let error?) = state.mode { #expect(error.contains("at most ≈14.97 × the mean")) } else { Issue.record("accepted") }
        send(&state, .editTextChanged("lognormal 2ms p99 20ms"), .editCommitted)
        #expect(state.design.component("db")?.serviceTime == .lognormal(meanS: 0.002, shape: .p99(0.02)))
        // With nothing selected the inspector shows the workload.
        send(&state, .canvasClicked, .editStarted)
        #expect(state.mode == .edit(field: "workload.rate", text: "950", error: nil))
        send(&state, .editTextChanged("20k"), .editCommitted)
        #expect(state.design.workload.rateRPS == 20_000)
    }

    @Test func runPauseSpeedAndRestart() throws {
        var state = try webTierState()
        #expect(state.runState == .running || state.runState == .paused)
        state.runState = .running
        send(&state, .runToggled)
        #expect(state.runState == .paused)
        send(&state, .runToggled)
        #expect(state.runState == .running)
        #expect(state.speed == 1)
        send(&state, .speedChanged(up: true), .speedChanged(up: true))
        #expect(state.speed == 5)
        for _ in 0..<20 { send(&state, .speedChanged(up: true)) }
        #expect(state.speed == 100)
        for _ in 0..<20 { send(&state, .speedChanged(up: false)) }
        #expect(state.speed == 0.1)
        state.simTime = 42
        #expect(send(&state, .restartRequested) == [.restartSimulation])
        #expect(state.simTime == 0)
    }

    @Test func commandsChangeRateSeedAndSave() throws {
        var state = try webTierState()
        send(&state, .commandStarted, .commandTextChanged("rate 20k"), .commandSubmitted)
        #expect(state.design.workload.rateRPS == 20_000)
        #expect(state.mode == .normal)
        send(&state, .commandStarted, .commandTextChanged("seed 7"), .commandSubmitted)
        #expect(state.seed == 7)
        send(&state, .commandStarted, .commandTextChanged("rate fast"), .commandSubmitted)
        #expect(state.mode == .command(text: "rate fast", error: "usage: :rate 20k (requests per second > 0)"))
        send(&state, .modeCancelled, .commandStarted, .commandTextChanged("set workers 12"))
        state.selection = .component("web")
        send(&state, .commandSubmitted)
        #expect(state.design.component("web")?.workers == 12)
        let effects = send(&state, .commandStarted, .commandTextChanged("w /tmp/out.yaml"), .commandSubmitted)
        #expect(effects == [.save(path: "/tmp/out.yaml", text: DesignWriter.yaml(state.design))])
        send(&state, .commandStarted, .commandTextChanged("frobnicate"), .commandSubmitted)
        if case .command(_, let error?) = state.mode { #expect(error.hasPrefix("unknown command 'frobnicate'")) } else { Issue.record("accepted") }
    }

    @Test func quittingWithUnsavedChangesAsks() throws {
        var state = try webTierState()
        #expect(send(&state, .quitRequested) == [.clearRecovery, .quit])
        state = try webTierState()
        send(&state, .blockAdded(.service))
        #expect(send(&state, .quitRequested).isEmpty)
        #expect(state.mode == .confirmQuit)
        #expect(send(&state, .modeCancelled).isEmpty && !state.quitRequested)
        send(&state, .saved(path: "Designs/web-tier.yaml"))
        #expect(!state.modified)
        #expect(send(&state, .quitRequested) == [.clearRecovery, .quit])
    }

    @Test func failuresNeedASelectionAndAreLogged() throws {
        var state = try webTierState()
        state.selection = nil
        send(&state, .failureMenuOpened)
        #expect(state.mode == .normal && state.message?.isError == true)
        state.selection = .component("db")
        send(&state, .failureMenuOpened)
        #expect(state.mode == .failureMenu(index: 0))
        #expect(send(&state, .menuMoved(2), .menuChosen) == [.slow("db", factor: 5)])
        #expect(state.log.last?.text == "⚠ db slowed ×5 (injected)")
    }

    @Test func keymapFollowsTheMode() throws {
        var state = try webTierState()
        #expect(Keymap.actions(for: .key(.character(" ")), in: state) == [.runToggled])
        #expect(Keymap.actions(for: .key(.control("r")), in: state) == [.redoRequested])
        state.mode = .edit(field: "workers", text: "1", error: nil)
        #expect(Keymap.actions(for: .key(.character("6")), in: state) == [.editTextChanged("16")])
        #expect(Keymap.actions(for: .key(.backspace), in: state) == [.editTextChanged("")])
        #expect(Keymap.actions(for: .key(.escape), in: state) == [.modeCancelled])
        state.mode = .normal
        state.width = 60
        #expect(Keymap.actions(for: .key(.character("a")), in: state) == [])
        #expect(Keymap.actions(for: .key(.character("q")), in: state) == [.quitRequested])
    }

    @Test func clickingAndDraggingABlockMovesItWithOneUndoStep() throws {
        var state = try webTierState()
        state.width = 160
        state.height = 48
        let layout = ScreenLayout(state)
        let web = state.positions["web"]!
        let press = MouseEvent(kind: .press, x: layout.canvas.x + 1 + web.x + 3, y: layout.canvas.y + 1 + web.y + 1)
        for action in Keymap.actions(for: .mouse(press), in: state) { send(&state, action) }
        #expect(state.selection == .component("web"))
        #expect(state.drag == AppState.Drag(id: "web", grabX: 3, grabY: 1))
        for step in 1...5 {
            let drag = MouseEvent(kind: .drag, x: press.x + step, y: press.y + step)
            for action in Keymap.actions(for: .mouse(drag), in: state) { send(&state, action) }
        }
        for action in Keymap.actions(for: .mouse(MouseEvent(kind: .release, x: 0, y: 0)), in: state) { send(&state, action) }
        #expect(state.design.component("web")?.position == GridPoint(x: web.x + 5, y: web.y + 5))
        #expect(state.drag == nil)
        #expect(state.undoStack.count == 1)
        send(&state, .undoRequested)
        #expect(state.positions["web"] == web)
    }
}
