import Model

/// The only place the workbench's state changes: `reduce(&state, action)` returns the effects to perform.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        let sweeping = state.loadCurve.flatMap { $0.isComplete ? nil : $0.run }
        var effects = fold(&state, action)
        effects += ScreenReducer.dropStaleCurve(&state)
        // A sweep replaced without a word (another design opened or recovered) is cancelled too.
        if let sweeping, state.loadCurve == nil || state.loadCurve?.run != sweeping, !effects.contains(.cancelLoadCurve),
           !effects.contains(where: { if case .startLoadCurve = $0 { return true }; return false }) {
            effects.append(.cancelLoadCurve)
        }
        return effects
    }

    static func fold(_ state: inout AppState, _ action: Action) -> [Effect] {
        if action.isUserInput { state.message = nil }
        if let effects = ScenarioReducer.reduce(&state, action) { return effects }
        let recordingBefore = state.recording
        let effects = reduceCore(&state, action)
        // A recording started by this very action (`:record`) is not stopped by its own restart.
        if recordingBefore == nil, state.recording != nil { return effects }
        return ScenarioReducer.follow(&state, action, effects)
    }

    static func reduceCore(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .resized(let width, let height):
            state.width = width
            state.height = height
            return []
        case .simAdvanced(let time, let live, let achieved, let notices):
            state.simTime = time
            state.live = live
            state.achievedSpeed = achieved
            for notice in notices { state.log(.ok, notice) }
            noteSaturation(&state)
            return []
        case .simFinished:
            state.runState = .stopped
            state.achievedSpeed = nil
            state.runTarget = nil
            state.log(.info, "run finished")
            return []
        case .runToggled:
            switch state.runState {
            case .running:
                state.runState = .paused
                state.achievedSpeed = nil
            case .paused: state.runState = .running
            case .stopped:
                state.runState = .running
                state.simTime = 0
                ScenarioReducer.rewindReplay(&state)
                return [.restartSimulation]
            }
            return []
        case .restartRequested:
            state.simTime = 0
            state.live = LiveMetrics()
            state.saturated = []
            state.log(.info, state.replay != nil ? "replay restarted at t=0" : "run restarted (seed \(state.seed))")
            ScenarioReducer.rewindReplay(&state)
            return [.restartSimulation]
        case .speedChanged(let up):
            state.speedIndex = max(0, min(AppState.speeds.count - 1, state.speedIndex + (up ? 1 : -1)))
            state.message = StatusMessage("speed ×\(Units.trim(state.speed))")
            return []
        case .focusCycled(let forward):
            let panes = state.isWide ? Pane.allCases : [Pane.canvas, .inspector, .palette, .metrics, .events]
            let index = panes.firstIndex(of: state.focus) ?? 0
            state.focus = panes[(index + (forward ? 1 : panes.count - 1)) % panes.count]
            if state.focus != .canvas { state.narrowSidePane = state.focus }
            return []
        case .focusCycledTo(let pane):
            state.focus = pane
            if pane != .canvas { state.narrowSidePane = pane }
            return []
        case .dragStarted(let id, let grabX, let grabY):
            state.drag = AppState.Drag(id: id, grabX: grabX, grabY: grabY)
            return []
        case .dragEnded:
            state.drag = nil
            return []
        case .canvasPanned(let dx, let dy):
            state.pan = GridPoint(x: max(0, state.pan.x + dx), y: max(0, state.pan.y + dy))
            return []
        case .helpToggled:
            state.mode = state.mode == .help ? .normal : .help
            state.helpScroll = 0
            return []
        case .helpScrolled(let delta):
            state.helpScroll = max(0, state.helpScroll + delta)
            return []
        case .modeCancelled:
            state.mode = .normal
            state.drag = nil
            return []
        case .inspectorRowMoved(let delta):
            let count = InspectorFields.fields(for: state).count
            state.inspectorRow = count == 0 ? 0 : max(0, min(count - 1, state.inspectorRow + delta))
            return []
        case .menuMoved(let delta):
            moveMenu(&state, delta)
            return []
        case .menuChosen:
            return chooseMenu(&state)
        case .quitRequested:
            if state.modified {
                state.mode = .confirmQuit
                return []
            }
            state.quitRequested = true
            return [.clearRecovery, .quit]
        case .saveAndQuitRequested:
            state.mode = .normal
            guard state.filePath != nil else { return save(&state, to: nil) }
            state.quitAfterSave = true
            return save(&state, to: state.filePath)
        case .quitConfirmed:
            state.quitRequested = true
            return [.clearRecovery, .quit]
        case .fileError(let text):
            state.quitAfterSave = false
            state.message = StatusMessage(text, isError: true)
            state.log(.error, text)
            return []
        case .saved(let path):
            state.savedDesign = state.design
            state.filePath = path
            state.message = StatusMessage("saved \(path)")
            state.log(.ok, "saved \(path)")
            if state.quitAfterSave {
                state.quitRequested = true
                return [.clearRecovery, .quit]
            }
            return [.clearRecovery]
        case .designOpened(let design, let path):
            let size = (state.width, state.height)
            state = AppState(design: design, filePath: path, width: size.0, height: size.1)
            state.runState = .running
            state.log(.info, "opened \(path)")
            return [.restartSimulation]
        case .recoveryAccepted:
            if case .recovery(let path, _, _) = state.mode {
                state.mode = .normal
                return [.loadRecovery(path: path)]
            }
            return []
        case .recoveryDeclined:
            state.mode = .normal
            return [.clearRecovery]
        case .commandStarted:
            state.mode = .command(text: "", error: nil)
            return []
        case .commandTextChanged(let text):
            state.mode = .command(text: text, error: nil)
            return []
        case .commandSubmitted:
            guard case .command(let text, _) = state.mode else { return [] }
            return Commands.run(text, &state)
        case .failureMenuOpened:
            guard state.selectedComponent != nil else {
                state.message = StatusMessage("select a block to inject a failure into", isError: true)
                return []
            }
            state.mode = .failureMenu(index: 0)
            return []
        case .failureChosen(let choice):
            return injectFailure(choice, &state)
        case .openDialogRequested:
            return [.listDesigns]
        case .openRequested(let files):
            guard !files.isEmpty else {
                state.message = StatusMessage("no designs found in Designs/", isError: true)
                return []
            }
            state.mode = .picker(files: files, index: 0)
            return []
        case .openChosen(let path):
            state.mode = .normal
            if state.modified {
                state.message = StatusMessage("unsaved changes: save with s, or :open! \(path) to discard them", isError: true)
                return []
            }
            return [.open(path: path)]
        case .saveRequested:
            return save(&state, to: state.filePath)
        case .exportPromptOpened:
            state.mode = .command(text: "export markdown", error: nil)
            return []
        case .exported(let path, let format):
            state.message = StatusMessage("exported \(format) to \(path)")
            state.log(.ok, "exported \(format) to \(path)")
            return []
        case .screenOpened, .screenClosed, .screenScrolled, .envelopeRowMoved, .envelopeEditStarted, .envelopeTextChanged,
             .envelopeEditCommitted, .envelopeEditCancelled, .loadCurveRequested, .loadCurvePointMeasured:
            return ScreenReducer.reduce(&state, action)
        default:
            return EditReducer.reduce(&state, action)
        }
    }

    static func save(_ state: inout AppState, to path: String?) -> [Effect] {
        guard let path else {
            state.message = StatusMessage("this design has no file yet: type :w PATH", isError: true)
            return []
        }
        if let problem = saveProblem(state.design) {
            state.message = StatusMessage(problem, isError: true)
            return []
        }
        return [.save(path: path, text: DesignWriter.yaml(state.design))]
    }

    /// A design that would not open again is not saved: the first error, said plainly.
    static func saveProblem(_ design: Design) -> String? {
        DesignParser.check(design).first { $0.severity == .error }.map { "not saved: \($0.message) — fix it first (the file would not open)" }
    }

    static func injectFailure(_ choice: FailureChoice, _ state: inout AppState) -> [Effect] {
        state.mode = .normal
        guard let component = state.selectedComponent else { return [] }
        let id = component.id
        switch choice {
        case .crashInstance:
            return [.crash(id)]
        case .slow2, .slow5, .slow10:
            let factor: Double = choice == .slow2 ? 2 : choice == .slow5 ? 5 : 10
            state.log(.warn, "⚠ \(id) slowed ×\(Int(factor)) (injected)")
            return [.slow(id, factor: factor)]
        case .recover:
            state.log(.ok, "✓ \(id) recovered")
            return [.recover(id)]
        }
    }

    static func moveMenu(_ state: inout AppState, _ delta: Int) {
        switch state.mode {
        case .addBlock(let index):
            state.mode = .addBlock(index: clamp(index + delta, ComponentKind.allCases.count))
            state.paletteIndex = clamp(index + delta, ComponentKind.allCases.count)
        case .picker(let files, let index):
            state.mode = .picker(files: files, index: clamp(index + delta, files.count))
        case .failureMenu(let index):
            state.mode = .failureMenu(index: clamp(index + delta, FailureChoice.allCases.count))
        case .help, .normal:
            if state.focus == .palette { state.paletteIndex = clamp(state.paletteIndex + delta, ComponentKind.allCases.count) }
        default:
            break
        }
    }

    static func chooseMenu(_ state: inout AppState) -> [Effect] {
        switch state.mode {
        case .addBlock(let index):
            state.mode = .normal
            return EditReducer.reduce(&state, .blockAdded(ComponentKind.allCases[index]))
        case .picker(let files, let index):
            return reduce(&state, .openChosen(files[index].path))
        case .failureMenu(let index):
            return injectFailure(FailureChoice.allCases[index], &state)
        default:
            return []
        }
    }

    static func clamp(_ value: Int, _ count: Int) -> Int { max(0, min(count - 1, value)) }

    /// Logs a component crossing into saturation (ρ ≥ 0.95) or errors, once until it recovers (ρ < 0.85).
    static func noteSaturation(_ state: inout AppState) {
        for component in state.design.components {
            guard let figures = state.live.components[component.id] else { continue }
            let hot = figures.utilization >= 0.95
            if hot, !state.saturated.contains(component.id) {
                state.saturated.insert(component.id)
                state.log(.warn, "⚠ \(component.id) saturated (ρ=\(String(format: "%.2f", figures.utilization)))")
            } else if figures.utilization < 0.85, state.saturated.contains(component.id) {
                state.saturated.remove(component.id)
                state.log(.ok, "✓ \(component.id) back to ρ=\(String(format: "%.2f", figures.utilization))")
            }
        }
    }
}

import Foundation
