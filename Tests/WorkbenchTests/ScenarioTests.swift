import Foundation
import Testing
import Model
import SimCore
@testable import Workbench

/// Moves the state's clock as the session's frames do.
func advance(_ state: inout AppState, to time: Double, down: [String: [Bool]] = [:]) {
    var live = state.live
    for (id, flags) in down {
        var figures = live.components[id] ?? LiveMetrics.ComponentFigures()
        figures.down = flags
        live.components[id] = figures
    }
    send(&state, .simAdvanced(time: time, live: live, achievedSpeed: nil, notices: []))
}

func command(_ state: inout AppState, _ text: String) -> [Effect] {
    send(&state, .commandStarted, .commandTextChanged(text), .commandSubmitted)
}

func cacheStampede() throws -> Scenario {
    try ScenarioParser.load(path: repositoryRoot.appendingPathComponent("Scenarios/cache-stampede.yaml").path).0
}

func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-scenario-\(UUID().uuidString.prefix(8))").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct RecordingReducerTests {
    @Test func recordingStartsAtZeroAndRestartsARunThatHasMoved() throws {
        var state = try webTierState()
        #expect(send(&state, .recordToggled) == [.restartSimulation])
        #expect(state.recording?.actions == [])
        #expect(state.recording?.designFile == "Designs/web-tier.yaml")
        #expect(state.message?.text.hasPrefix("● recording:") == true)

        var moved = try webTierState()
        advance(&moved, to: 12.3)
        #expect(send(&moved, .recordToggled) == [.restartSimulation])
        #expect(moved.simTime == 0)
        #expect(moved.message?.text.contains("run restarted at t=0 for the recording") == true)
        // A modified design is recorded inline, not by its path.
        _ = command(&moved, "rate 2k")
        send(&moved, .recordToggled, .modeCancelled)
        send(&moved, .recordToggled)
        #expect(moved.recording?.designFile == nil)
    }

    @Test func everyKindOfChangeIsRecordedAtItsSimulatedTime() throws {
        var state = try webTierState()
        send(&state, .recordToggled)
        advance(&state, to: 2.5)
        #expect(command(&state, "rate 2k") == [.applyScenarioActions([ScenarioAction(atS: 2.5, .rate(2000))]), .writeRecovery])
        advance(&state, to: 4.2004)
        let workers = DesignParameter(component: "web", key: .workers)
        #expect(command(&state, "set web.workers 16") == [.applyScenarioActions([ScenarioAction(atS: 4.201, .set(workers, 16))]), .writeRecovery])
        advance(&state, to: 5, down: ["db": [false]])
        send(&state, .componentClicked("db"), .failureMenuOpened)
        #expect(send(&state, .failureChosen(.crashInstance)) == [.applyScenarioActions([ScenarioAction(atS: 5, .crash(component: "db", instance: 0))])])
        advance(&state, to: 6, down: ["db": [true]])
        #expect(send(&state, .failureChosen(.slow5)) == [.applyScenarioActions([ScenarioAction(atS: 6, .slow(component: "db", factor: 5))])])
        advance(&state, to: 7.25)
        #expect(send(&state, .failureChosen(.recover)) == [.applyScenarioActions([ScenarioAction(atS: 7.25, .recover(component: "db", instance: nil))])])
        #expect(state.recording?.actions.map(\.atS) == [2.5, 4.201, 5, 6, 7.25])
        // Undo is an edit like any other: the workers go back to 8.
        advance(&state, to: 8)
        #expect(send(&state, .undoRequested) == [.applyScenarioActions([ScenarioAction(atS: 8, .set(workers, 8))]), .writeRecovery])
        // Moving a block changes nothing the run sees: nothing is recorded and the engine is left alone.
        #expect(send(&state, .componentClicked("web"), .blockNudged(.right)) == [.writeRecovery])
        #expect(state.recording?.actions.count == 6)
    }

    @Test func aShapeChangeOrARestartStopsTheRecordingAndOffersToSaveIt() throws {
        var state = try webTierState()
        send(&state, .recordToggled)
        advance(&state, to: 3)
        _ = command(&state, "rate 2k")
        let effects = command(&state, "set web.instances 8")
        #expect(effects.contains(.applyDesign))
        #expect(state.recording == nil)
        #expect(state.pendingRecording?.actions.count == 1)
        guard case .scenarioName(let name, nil, let note?) = state.mode else { Issue.record("no name prompt: \(state.mode)"); return }
        #expect(name == "web-tier-1")
        #expect(note.contains("web.instances changes the design's shape"))

        var restarted = try webTierState()
        send(&restarted, .recordToggled)
        advance(&restarted, to: 3)
        send(&restarted, .restartRequested)
        #expect(restarted.recording == nil)
        #expect(restarted.pendingRecording != nil)
    }

    @Test func stoppingAsksForANameAndSavesThroughTheSession() throws {
        var state = try webTierState()
        send(&state, .recordToggled)
        advance(&state, to: 2)
        _ = command(&state, "rate 1.5k")
        advance(&state, to: 4.5)
        let stop = send(&state, .recordToggled)
        #expect(stop == [.suggestScenarioName(designFile: "Designs/web-tier.yaml", designName: "Web tier with database")])
        #expect(state.mode == .scenarioName(text: "web-tier-1", error: nil, note: nil))
        send(&state, .scenarioNameSuggested("web-tier-3"))
        #expect(state.mode == .scenarioName(text: "web-tier-3", error: nil, note: nil))
        send(&state, .scenarioNameChanged("bad name"), .scenarioNameSubmitted)
        guard case .scenarioName(_, let error?, _) = state.mode else { Issue.record("a name with a space was accepted"); return }
        #expect(error.contains("no spaces"))
        send(&state, .scenarioNameChanged("rush-hour"))
        let save = send(&state, .scenarioNameSubmitted)
        guard case .saveScenario(let scenario, let path, let designFile, let overwrite)? = save.first else {
            Issue.record("no save effect: \(save)"); return
        }
        #expect(path == "Scenarios/rush-hour.yaml")
        #expect(designFile == "Designs/web-tier.yaml")
        #expect(!overwrite)
        #expect(scenario.name == "rush-hour")
        #expect(scenario.seed == 42)
        #expect(scenario.actions == [ScenarioAction(atS: 2, .rate(1500))])
        #expect(scenario.durationS == nil)  // the design's 60 s covers the recording
        #expect(scenario.design.workload.rateRPS == 950)  // the design as it was at t=0
        // The file exists: the session says so, and nothing is written until the user confirms.
        send(&state, .scenarioFileExists(path: path))
        #expect(state.mode == .confirmOverwrite(path: path))
        send(&state, .overwriteDeclined)
        #expect(state.mode == .scenarioName(text: "rush-hour", error: "Scenarios/rush-hour.yaml exists: choose another name (Esc discards the recording)", note: nil))
        send(&state, .scenarioNameSubmitted, .scenarioFileExists(path: path))
        guard case .saveScenario(_, _, _, true)? = send(&state, .overwriteConfirmed).first else { Issue.record("no overwrite"); return }
        send(&state, .scenarioSaved(path: path, fingerprint: "0123456789abcdef", designByPath: true))
        #expect(state.pendingRecording == nil)
        #expect(state.message?.text == "saved scenario Scenarios/rush-hour.yaml: 1 action, design by path + SHA-256, fingerprint 0123456789abcdef")
    }

    @Test func escapeDiscardsAStoppedRecordingAndQuitWaitsForOne() throws {
        var state = try webTierState()
        send(&state, .recordToggled)
        send(&state, .quitRequested)
        #expect(!state.quitRequested)
        #expect(state.message?.text.contains("R stops and saves it first") == true)
        send(&state, .recordToggled, .modeCancelled)
        #expect(state.pendingRecording == nil)
        #expect(state.message?.text == "recording discarded (0 actions)")
        // :record NAME saves under that name when stopped.
        _ = command(&state, "record night-shift")
        #expect(state.recording?.name == "night-shift")
        guard case .saveScenario(_, "Scenarios/night-shift.yaml", _, false)? = send(&state, .recordToggled).first else {
            Issue.record("no save under the given name"); return
        }
    }

    @Test func keysForRecordingAndReplaying() throws {
        let state = try webTierState()
        #expect(Keymap.actions(for: .key(.character("R")), in: state) == [.recordToggled])
        #expect(Keymap.actions(for: .key(.character("n")), in: state) == [.nextEventRequested])
        #expect(Keymap.actions(for: .key(.character(".")), in: state) == [.stepRequested])
        var naming = state
        naming.mode = .scenarioName(text: "ab", error: nil, note: nil)
        #expect(Keymap.actions(for: .key(.character("c")), in: naming) == [.scenarioNameChanged("abc")])
        #expect(Keymap.actions(for: .key(.enter), in: naming) == [.scenarioNameSubmitted])
        var confirming = state
        confirming.mode = .confirmOverwrite(path: "Scenarios/a.yaml")
        #expect(Keymap.actions(for: .key(.character("y")), in: confirming) == [.overwriteConfirmed])
        #expect(Keymap.actions(for: .key(.escape), in: confirming) == [.overwriteDeclined])
    }
}

@Suite struct ReplayReducerTests {
    @Test func openingAScenarioReplaysItAndNJumpsFromEventToEvent() throws {
        var state = try webTierState()
        let scenario = try cacheStampede()
        #expect(send(&state, .scenarioOpened(scenario, path: "Scenarios/cache-stampede.yaml", warnings: [])) == [.restartSimulation])
        #expect(state.replay?.scenario == scenario)
        #expect(state.seed == 42)
        #expect(state.runState == .running)
        #expect(state.filePath == "Designs/cache-stampede.yaml")
        #expect(state.replay?.events.map(\.time) == [30, 31, 33, 45, 47])
        send(&state, .nextEventRequested)
        #expect(state.runTarget == 30)
        #expect(state.message?.text == "→ 00:30.0 crash cache")
        advance(&state, to: 30)
        send(&state, .runTargetReached)
        #expect(state.runState == .paused)
        #expect(state.runTarget == nil)
        #expect(state.message?.text == "❚❚ t=00:30.0 after crash cache · n next event · . step 1 s · space run")
        send(&state, .nextEventRequested)
        #expect(state.runTarget == 31)
        // Space while running to a target pauses where it is.
        send(&state, .runToggled)
        #expect(state.runTarget == nil && state.runState == .paused)
        // `.` steps one simulated second.
        send(&state, .stepRequested)
        #expect(state.runTarget == 31 && state.runState == .running)
        // The session reports the actions it applied: the design follows.
        var edited = scenario.runDesign
        edited.components[edited.index(of: "db")!].workers = 16
        advance(&state, to: 33)
        send(&state, .replayAdvanced(next: 1, design: edited))
        #expect(state.replay?.nextAction == 1)
        #expect(state.design.component("db")?.workers == 16)
        #expect(!state.modified)
        send(&state, .replayFinished(fingerprint: "3ea89e7150b35313", events: 384077))
        #expect(state.message?.text == "replay finished: fingerprint 3ea89e7150b35313 (384077 events) matches the recorded run")
    }

    @Test func editingDuringAReplayLeavesItAndNWithoutOneExplains() throws {
        var state = try webTierState()
        send(&state, .nextEventRequested)
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("open one with :open Scenarios/NAME.yaml") == true)
        send(&state, .scenarioOpened(try cacheStampede(), path: "Scenarios/cache-stampede.yaml", warnings: []))
        advance(&state, to: 10)
        let effects = command(&state, "rate 2k")
        #expect(effects.first == .leaveReplay)
        #expect(effects.contains(.applyDesign))
        #expect(state.replay == nil)
        #expect(state.message?.text == "replay ended: you changed the run at 00:10.0; it continues live")
    }

    @Test func recordingFromAReplayKeepsItsActionsAndAddsYours() throws {
        var state = try webTierState()
        let scenario = try cacheStampede()
        send(&state, .scenarioOpened(scenario, path: "Scenarios/cache-stampede.yaml", warnings: []))
        advance(&state, to: 5)
        #expect(send(&state, .recordToggled) == [.restartSimulation])
        #expect(state.replay?.nextAction == 0)
        #expect(state.recording?.durationS == 60)
        advance(&state, to: 34)
        var edited = scenario.runDesign
        edited.components[edited.index(of: "db")!].workers = 16
        send(&state, .replayAdvanced(next: 1, design: edited))
        advance(&state, to: 40)
        let effects = command(&state, "rate 2k")
        #expect(effects.first == .leaveReplay)
        #expect(effects.contains(.applyScenarioActions([ScenarioAction(atS: 40, .rate(2000))])))
        #expect(state.recording?.actions.map(\.description) == ["33s set db.workers = 16", "40s rate → 2k/s"])
    }

    @Test func aChangedDesignAsksBeforeReplaying() throws {
        var state = try webTierState()
        send(&state, .scenarioDesignChanged(path: "Scenarios/x.yaml", message: "the design has changed"))
        #expect(state.mode == .designChanged(path: "Scenarios/x.yaml", message: "the design has changed"))
        #expect(Keymap.actions(for: .key(.character("y")), in: state) == [.changedDesignAccepted])
        #expect(send(&state, .changedDesignAccepted) == [.openScenario(path: "Scenarios/x.yaml", allowChangedDesign: true)])
    }
}

@Suite struct ScenarioPieceTests {
    @Test func diffFindsRecordableChangesOnly() throws {
        let design = try webTierState().design
        var moved = design
        moved.components[0].position = GridPoint(x: 40, y: 3)
        #expect(ScenarioDiff.between(design, moved) == .nothing)
        var slower = design
        let db = slower.index(of: "db")!
        slower.components[db].serviceTime = slower.components[db].serviceTime.withMean(0.02)
        slower.components[db].queueCapacity = 50
        #expect(ScenarioDiff.between(design, slower) == .actions([
            .set(DesignParameter(component: "db", key: .queueCapacity), 50),
            .set(DesignParameter(component: "db", key: .serviceTime), 0.02),
        ]))
        var reshaped = design
        reshaped.components[db].serviceTime = .constant(S: 0.003)
        guard case .unrecordable = ScenarioDiff.between(design, reshaped) else { Issue.record("a new distribution was recorded"); return }
    }

    @Test func pathsAndNames() {
        #expect(ScenarioPaths.relative("Designs/web-tier.yaml", from: "Scenarios/x.yaml") == "../Designs/web-tier.yaml")
        #expect(ScenarioPaths.relative("/a/b/Designs/d.yaml", from: "/a/b/Scenarios/x.yaml") == "../Designs/d.yaml")
        #expect(ScenarioPaths.path(for: "rush") == "Scenarios/rush.yaml")
        #expect(ScenarioPaths.suggestedName(for: "Designs/web-tier.yaml", designName: "x", existing: ["web-tier-1", "web-tier-2"]) == "web-tier-3")
        #expect(Recording.time(12.3451) == 12.346)
        #expect(Recording.time(12.5) == 12.5)
    }

    @Test func badScenarioFilesGiveClearMessages() throws {
        let folder = try temporaryFolder()
        let corrupt = folder + "/corrupt.yaml"
        try "sdw_scenario: 1\nname: x\ndesign: [1, 2\n".write(toFile: corrupt, atomically: true, encoding: .utf8)
        guard case .failed(let problems) = ScenarioFiles.load(corrupt, allowChangedDesign: false) else { Issue.record("corrupt file loaded"); return }
        #expect(problems.first?.hasPrefix(corrupt + ":") == true)

        let newer = folder + "/newer.yaml"
        try "sdw_scenario: 9\nname: x\n".write(toFile: newer, atomically: true, encoding: .utf8)
        guard case .failed(let newerProblems) = ScenarioFiles.load(newer, allowChangedDesign: false) else { Issue.record("newer format loaded"); return }
        #expect(newerProblems.joined().contains("written by a newer sdw (format 9)"))

        // A design pinned by SHA-256 whose file has changed since.
        try FileManager.default.createDirectory(atPath: folder + "/Designs", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/Scenarios", withIntermediateDirectories: true)
        var text = try String(contentsOf: repositoryRoot.appendingPathComponent("Designs/web-tier.yaml"), encoding: .utf8)
        try text.write(toFile: folder + "/Designs/web-tier.yaml", atomically: true, encoding: .utf8)
        let sha = SHA256.hex(Data(text.utf8))
        let scenario = folder + "/Scenarios/pinned.yaml"
        try "sdw_scenario: 1\nname: pinned\ndesign: { path: ../Designs/web-tier.yaml, sha256: \(sha) }\nactions:\n  - { at: 2s, rate: 2k }\n"
            .write(toFile: scenario, atomically: true, encoding: .utf8)
        guard case .opened = ScenarioFiles.load(scenario, allowChangedDesign: false) else { Issue.record("pinned scenario did not load"); return }
        text += "# edited\n"
        try text.write(toFile: folder + "/Designs/web-tier.yaml", atomically: true, encoding: .utf8)
        guard case .designChanged(_, let message) = ScenarioFiles.load(scenario, allowChangedDesign: false) else {
            Issue.record("a changed design was not noticed"); return
        }
        #expect(message.contains("has changed since the scenario was recorded"))
        #expect(!message.contains("--allow-changed-design"))
        guard case .opened(_, let warnings) = ScenarioFiles.load(scenario, allowChangedDesign: true) else { Issue.record("no replay on the current design"); return }
        #expect(warnings.contains { $0.contains("has changed") })
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// The session with a real engine: record, save, reload, replay.
@Suite(.serialized) struct ScenarioSessionTests {
    func frames(_ session: WorkbenchSession, seconds: Double) {
        for _ in 0..<Int(seconds * 4) { session.frame(wallSeconds: 0.25) }
    }

    @Test func aRecordedRunReplaysToTheSameFingerprintAsTheHeadlessPlayer() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/Designs", withIntermediateDirectories: true)
        let designPath = folder + "/Designs/web-tier.yaml"
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("Designs/web-tier.yaml").path, toPath: designPath)
        var state = AppState(design: try DesignParser.load(path: designPath).0, filePath: designPath)
        state.runState = .running
        let session = WorkbenchSession(state: state, recoveryPath: folder + "/recovery.yaml")
        frames(session, seconds: 1.5)
        // `:record NAME` restarts the run at t=0 and records.
        session.dispatch(.commandStarted)
        session.dispatch(.commandTextChanged("record \(folder)/Scenarios/recorded"))
        session.dispatch(.commandSubmitted)
        #expect(session.state.recording != nil)
        #expect(session.simulation?.now == 0)
        frames(session, seconds: 2)
        session.dispatch(.commandStarted)
        session.dispatch(.commandTextChanged("rate 1.5k"))
        session.dispatch(.commandSubmitted)
        frames(session, seconds: 1.5)
        session.dispatch(.componentClicked("db"))
        session.dispatch(.failureChosen(.crashInstance))
        #expect(session.simulation?.isDown("db") == [true])
        frames(session, seconds: 0.75)
        session.dispatch(.failureChosen(.recover))
        frames(session, seconds: 1)
        #expect(session.state.recording?.actions.count == 3)
        let recordedEnd = session.simulation!.now
        let liveFingerprint = session.simulation!.fingerprint
        let liveEvents = session.simulation!.eventsProcessed
        session.dispatch(.recordToggled)  // named: saves without asking
        let path = folder + "/Scenarios/recorded.yaml"
        #expect(session.state.message?.text.hasPrefix("saved scenario \(path): 3 actions, design by path + SHA-256, fingerprint ") == true)

        let (scenario, _) = try ScenarioParser.load(path: path)
        #expect(scenario.designSource == .file(path: "../Designs/web-tier.yaml", sha256: SHA256.hex(FileManager.default.contents(atPath: designPath)!)))
        #expect(scenario.seed == 42)
        #expect(scenario.actions.map(\.description) == ["2s rate → 1.5k/s", "3.5s crash db#0", "4.25s recover db"])
        // The recorded span is the replay's, event for event.
        let partial = try ScenarioPlayer(scenario: scenario)
        partial.advance(to: recordedEnd)
        #expect(partial.simulation.fingerprint == liveFingerprint)
        #expect(partial.simulation.eventsProcessed == liveEvents)
        // The stored fingerprint is a full headless replay's.
        let headless = try ScenarioPlayer(scenario: scenario)
        headless.run()
        #expect(scenario.fingerprint == headless.simulation.fingerprint)
        #expect(scenario.events == headless.simulation.eventsProcessed)

        // Replaying it in the workbench, in small slices, with `n` and a step on the way, ends on the same run.
        let replay = WorkbenchSession(state: AppState(design: scenario.runDesign, filePath: nil), recoveryPath: folder + "/recovery.yaml")
        replay.eventBudgetPerFrame = 20_000
        replay.perform(.openScenario(path: path, allowChangedDesign: false))
        #expect(replay.state.replay != nil)
        replay.dispatch(.nextEventRequested)
        #expect(replay.state.runTarget == 2)
        while replay.state.runState == .running { replay.frame(wallSeconds: 0.25) }
        #expect(replay.simulation?.now == 2)
        #expect(replay.state.replay?.nextAction == 1)
        #expect(replay.state.design.workload.rateRPS == 1500)
        replay.dispatch(.stepRequested)
        while replay.state.runState == .running { replay.frame(wallSeconds: 0.25) }
        #expect(replay.simulation?.now == 3)
        replay.dispatch(.commandStarted)
        replay.dispatch(.commandTextChanged("speed 100"))
        replay.dispatch(.commandSubmitted)
        replay.dispatch(.runToggled)
        while replay.state.runState == .running { replay.frame(wallSeconds: 0.25) }
        #expect(replay.state.runState == .stopped)
        #expect(replay.simulation?.fingerprint == scenario.fingerprint)
        #expect(replay.state.message?.text.hasSuffix("matches the recorded run") == true)
    }

    @Test func anExampleScenarioReplaysInTheWorkbenchAsSdwReplayDoes() throws {
        let scenario = try cacheStampede()
        let session = WorkbenchSession(state: AppState(design: scenario.runDesign, filePath: nil), recoveryPath: "/tmp/sdw-test-recovery-\(UUID().uuidString).yaml")
        session.dispatch(.scenarioOpened(scenario, path: "Scenarios/cache-stampede.yaml", warnings: []))
        session.dispatch(.speedChanged(up: true))
        for _ in 0..<10 { session.dispatch(.speedChanged(up: true)) }
        while session.state.runState == .running { session.frame(wallSeconds: 0.25) }
        // The fingerprint the example records (and `sdw replay --check` verifies).
        #expect(session.simulation?.fingerprint == "3ea89e7150b35313")
        #expect(session.simulation?.fingerprint == scenario.fingerprint)
        #expect(session.state.replay?.nextAction == 3)
    }
}
