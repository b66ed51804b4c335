import Model

/// Recording (`R`, `:record`) and replaying scenarios: the actions that start and stop them, `n` and `.`, and what
/// every other action's effects mean while one is under way (`follow`).
enum ScenarioReducer {
    /// Handles the scenario actions; nil for every other action.
    static func reduce(_ state: inout AppState, _ action: Action) -> [Effect]? {
        switch action {
        case .recordToggled:
            if state.recording != nil { return stop(&state, note: nil) }
            return start(&state, name: nil)
        case .recordRequested(let name):
            if state.recording != nil {
                state.message = StatusMessage("already recording: R stops and saves", isError: true)
                return []
            }
            return start(&state, name: name)
        case .scenarioNameChanged(let text):
            if case .scenarioName(_, _, let note) = state.mode { state.mode = .scenarioName(text: text, error: nil, note: note) }
            return []
        case .scenarioNameSuggested(let text):
            if case .scenarioName(_, nil, let note) = state.mode { state.mode = .scenarioName(text: text, error: nil, note: note) }
            return []
        case .scenarioNameSubmitted:
            guard case .scenarioName(let text, _, let note) = state.mode else { return [] }
            if let problem = ScenarioPaths.problem(with: text) {
                state.mode = .scenarioName(text: text, error: problem, note: note)
                return []
            }
            return save(&state, name: text, overwrite: false)
        case .scenarioFileExists(let path):
            state.mode = .confirmOverwrite(path: path)
            return []
        case .overwriteConfirmed:
            guard case .confirmOverwrite(let path) = state.mode else { return [] }
            return save(&state, name: path, overwrite: true)
        case .overwriteDeclined:
            guard case .confirmOverwrite(let path) = state.mode else { return [] }
            let stem = String(path.split(separator: "/").last ?? "").replacingOccurrences(of: ".yaml", with: "")
            state.mode = .scenarioName(text: stem, error: "\(path) exists: choose another name (Esc discards the recording)", note: nil)
            return []
        case .modeCancelled:
            guard case .scenarioName = state.mode, let pending = state.pendingRecording else { return nil }
            state.mode = .normal
            state.pendingRecording = nil
            state.message = StatusMessage("recording discarded (\(count(pending.actions.count)))")
            return []
        case .scenarioSaved(let path, let fingerprint, let byPath):
            let actions = state.pendingRecording?.actions.count ?? 0
            state.pendingRecording = nil
            var text = "saved scenario \(path): \(count(actions))"
            text += byPath ? ", design by path + SHA-256" : ", design inline"
            if let fingerprint { text += ", fingerprint \(fingerprint)" }
            state.message = StatusMessage(text)
            state.log(.ok, text)
            return []
        case .nextEventRequested:
            guard let replay = state.replay else {
                state.message = StatusMessage("n jumps to the next event of a replayed scenario: open one with :open Scenarios/NAME.yaml", isError: true)
                return []
            }
            guard state.runState != .stopped else {
                state.message = StatusMessage("the replay has finished: r replays it from the start")
                return []
            }
            guard let event = replay.nextEvent(after: state.simTime) else {
                state.message = StatusMessage("no more events: the run ends at \(clock(replay.durationS)) (space runs to it)")
                return []
            }
            state.runTarget = event.time
            state.runState = .running
            state.message = StatusMessage("→ \(clock(event.time)) \(event.label)")
            return []
        case .stepRequested:
            guard state.runState != .stopped else {
                state.message = StatusMessage("the run has finished: r starts it again", isError: true)
                return []
            }
            state.runTarget = state.simTime + 1
            state.runState = .running
            return []
        case .runTargetReached:
            guard let target = state.runTarget else { return [] }
            state.runTarget = nil
            state.achievedSpeed = nil
            if state.runState == .running { state.runState = .paused }
            let fired = state.replay?.events.filter { abs($0.time - target) < 1e-9 }.map(\.label) ?? []
            let what = fired.isEmpty ? "" : " after " + fired.joined(separator: ", ")
            state.message = StatusMessage("❚❚ t=\(clock(state.simTime))\(what) · n next event · . step 1 s · space run")
            return []
        case .runToggled where state.runTarget != nil:
            state.runTarget = nil
            state.runState = .paused
            state.achievedSpeed = nil
            return []
        case .scenarioDesignChanged(let path, let message):
            state.mode = .designChanged(path: path, message: message)
            return []
        case .changedDesignAccepted:
            guard case .designChanged(let path, _) = state.mode else { return [] }
            state.mode = .normal
            return [.openScenario(path: path, allowChangedDesign: true)]
        case .scenarioOpened(let scenario, let path, let warnings):
            let design = scenario.runDesign
            var designFile: String?
            if case .file(let relative, _) = scenario.designSource, scenario.failures.isEmpty {
                designFile = ScenarioParser.resolve(relative, from: path)
            }
            var next = AppState(design: design, filePath: designFile, width: state.width, height: state.height)
            next.seed = scenario.seed ?? design.seed
            next.replay = ReplayState(scenario: scenario, path: path, warnings: warnings)
            next.runState = .running
            next.speedIndex = state.speedIndex
            let failures = design.failures.count
            next.log(.info, "replaying \(path): \(count(scenario.actions.count)), \(failures) failure\(failures == 1 ? "" : "s"), seed \(next.seed)")
            for warning in warnings { next.log(.warn, "⚠ " + warning) }
            next.message = warnings.first.map { StatusMessage("⚠ " + $0, isError: true) }
                ?? StatusMessage("replaying \(scenario.name): n next event · . step 1 s · space pause · R record from it")
            state = next
            return [.restartSimulation]
        case .replayAdvanced(let nextIndex, let design):
            guard var replay = state.replay else { return [] }
            let applied = replay.scenario.actions[min(replay.nextAction, nextIndex)..<nextIndex]
            replay.nextAction = nextIndex
            state.replay = replay
            state.design = design
            state.savedDesign = design
            if state.recording != nil {
                state.recording?.actions += applied
                state.recording?.engineDesign = design
            }
            return []
        case .replayFinished(let fingerprint, let events):
            guard let replay = state.replay else { return [] }
            let measured = "fingerprint \(fingerprint) (\(events) events)"
            let text: String
            if let expected = replay.scenario.fingerprint {
                text = expected == fingerprint && (replay.scenario.events.map { $0 == events } ?? true)
                    ? "replay finished: \(measured) matches the recorded run"
                    : "replay finished: \(measured) differs from the recorded \(expected)"
            } else {
                text = "replay finished: \(measured); the scenario records none"
            }
            state.log(text.contains("differs") ? .warn : .ok, text)
            state.message = StatusMessage(text, isError: text.contains("differs"))
            return []
        case .quitRequested where state.recording != nil:
            state.message = StatusMessage("recording: R stops and saves it first (:q! quits without it)", isError: true)
            return []
        case .openChosen where state.recording != nil:
            state.mode = .normal
            state.message = StatusMessage("recording: R stops and saves it before opening another file", isError: true)
            return []
        default:
            return nil
        }
    }

    /// A replay that restarts starts again from its first action, on the scenario's design.
    static func rewindReplay(_ state: inout AppState) {
        state.runTarget = nil
        guard var replay = state.replay else { return }
        replay.nextAction = 0
        state.replay = replay
        state.design = replay.scenario.runDesign
        state.savedDesign = state.design
    }

    // MARK: Recording

    static func start(_ state: inout AppState, name: String?) -> [Effect] {
        if let name, let problem = ScenarioPaths.problem(with: name) {
            state.message = StatusMessage(problem, isError: true)
            return []
        }
        guard !state.design.components.isEmpty, state.design.component(state.design.workload.entry) != nil else {
            state.message = StatusMessage("nothing to record: this design cannot run yet", isError: true)
            return []
        }
        let wasAtZero = state.simTime == 0
        var recording: Recording
        if var replay = state.replay {
            // Recording from a replay: the replay starts again at t=0 and its actions are recorded as they apply;
            // a change of yours then ends the replay and is recorded after them.
            let scenario = replay.scenario
            recording = Recording(design: scenario.runDesign, seed: state.seed, designFile: nil,
                                  durationS: scenario.effectiveDurationS, warmupS: scenario.warmupS, name: name)
            replay.nextAction = 0
            state.replay = replay
            state.design = scenario.runDesign
            state.savedDesign = scenario.runDesign
        } else {
            recording = Recording(design: state.design, seed: state.seed, designFile: state.modified ? nil : state.filePath, name: name)
        }
        recording.endS = 0
        state.recording = recording
        state.pendingRecording = nil
        state.simTime = 0
        state.live = LiveMetrics()
        state.saturated = []
        state.runTarget = nil
        if state.runState == .stopped { state.runState = .running }
        state.log(.info, "● recording started at t=0 (seed \(state.seed))")
        state.message = StatusMessage((wasAtZero ? "● recording" : "● run restarted at t=0 for the recording (a scenario replays from t=0)")
            + ": rate, :set and failures are recorded; R stops and saves")
        return [.restartSimulation]
    }

    /// Ends the recording and asks for its name (or saves under the `:record NAME` one).
    static func stop(_ state: inout AppState, note: String?) -> [Effect] {
        guard var recording = state.recording else { return [] }
        recording.endS = max(recording.endS, state.simTime)
        state.recording = nil
        state.pendingRecording = recording
        state.log(.info, "■ recording stopped at \(clock(recording.endS)): \(count(recording.actions.count))" + (note.map { " (\($0))" } ?? ""))
        if let name = recording.name, note == nil { return save(&state, name: name, overwrite: false) }
        let stem = ScenarioPaths.suggestedName(for: recording.designFile ?? state.filePath, designName: recording.design.name, existing: [])
        state.mode = .scenarioName(text: stem, error: nil, note: note)
        return [.suggestScenarioName(designFile: recording.designFile ?? state.filePath, designName: recording.design.name)]
    }

    static func save(_ state: inout AppState, name: String, overwrite: Bool) -> [Effect] {
        guard let pending = state.pendingRecording else {
            state.mode = .normal
            return []
        }
        state.mode = .normal
        let path = ScenarioPaths.path(for: name)
        let stem = String(path.split(separator: "/").last ?? "").replacingOccurrences(of: ".yaml", with: "")
        return [.saveScenario(pending.scenario(name: stem), path: path, designFile: pending.designFile, overwrite: overwrite)]
    }

    // MARK: What other actions mean during a recording or a replay

    /// Rewrites `effects` of an ordinary action: a change to a replayed run ends the replay; during a recording,
    /// changes become scenario actions applied through the scenario player, and a restart ends the recording.
    static func follow(_ state: inout AppState, _ action: Action, _ effects: [Effect]) -> [Effect] {
        var effects = effects
        let changesRun = effects.contains {
            switch $0 {
            case .applyDesign, .crash, .slow, .recover: return true
            default: return false
            }
        }
        if state.replay != nil, changesRun {
            state.replay = nil
            state.runTarget = nil
            state.log(.info, "replay ended at \(clock(state.simTime)): you changed the run, which continues live")
            state.message = StatusMessage("replay ended: you changed the run at \(clock(state.simTime)); it continues live"
                + (state.recording != nil ? " (still recording)" : ""))
            effects.insert(.leaveReplay, at: 0)
        }
        guard var recording = state.recording else { return effects }
        if effects.contains(.restartSimulation) {
            return effects + stop(&state, note: "the run restarted at t=0")
        }
        let at = Recording.time(state.simTime)
        var result: [Effect] = []
        for effect in effects {
            var kinds: [ScenarioAction.Kind] = []
            switch effect {
            case .applyDesign:
                switch ScenarioDiff.between(recording.engineDesign, state.design) {
                case .nothing:
                    recording.engineDesign = state.design
                    continue
                case .actions(let found):
                    kinds = found
                    recording.engineDesign = state.design
                case .unrecordable(let reason):
                    // The edit goes ahead as an ordinary one; what was recorded before it can still be saved.
                    state.recording = recording
                    let stopped = stop(&state, note: "stopped before this edit: \(reason)")
                    state.message = StatusMessage("recording stopped: \(reason)", isError: true)
                    return effects + stopped
                }
            case .crash(let id):
                let down = state.live.components[id]?.down ?? []
                let taken = Set(recording.actions.compactMap { action -> Int? in
                    if action.atS == at, case .crash(component: id, instance: let instance?) = action.kind { return instance }
                    return nil
                })
                let instance = down.indices.first { !down[$0] && !taken.contains($0) } ?? 0
                kinds = [.crash(component: id, instance: instance)]
            case .slow(let id, let factor):
                kinds = [.slow(component: id, factor: factor)]
            case .recover(let id):
                kinds = [.recover(component: id, instance: nil)]
            default:
                result.append(effect)
                continue
            }
            let actions = kinds.map { ScenarioAction(atS: at, $0) }
            recording.actions += actions
            result.append(.applyScenarioActions(actions))
        }
        recording.endS = max(recording.endS, state.simTime)
        state.recording = recording
        return result
    }

    static func count(_ actions: Int) -> String { actions == 1 ? "1 action" : "\(actions) actions" }

    static func clock(_ seconds: Double) -> String {
        let total = max(0, seconds)
        let minutes = Int(total / 60), rest = total - Double(minutes) * 60
        return String(format: "%02d:%04.1f", minutes, rest)
    }
}

import Foundation
