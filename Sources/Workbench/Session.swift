import Foundation
import Model
import SimCore

/// Owns the state and the running engine; performs effects; advances the simulation a bounded amount per frame.
public final class WorkbenchSession {
    public private(set) var state: AppState
    public private(set) var simulation: Simulation?
    /// Applies scenario actions to the simulation: a replay's (it then drives the clock), or a recording's as they
    /// happen, so a recorded run and its replay go through the same code.
    public private(set) var player: ScenarioPlayer?
    /// Whether the player's scenario still sets the pace (false once the user changed a replayed run).
    private var playerDrivesClock = false
    private var finishReported = false
    /// Where unsaved work is kept between sessions.
    /// Where recovery files go: each design file gets its own beside this path (see `Recovery.path(base:for:)`).
    public let recoveryBase: String
    /// The recovery file of the design being edited now.
    public var recoveryPath: String { Recovery.path(base: recoveryBase, for: state.filePath) }
    /// Events the engine may process per frame, so input stays responsive whatever the speed asked for.
    public var eventBudgetPerFrame = 400_000
    private var lastCapture = -1.0
    /// The load curve's background runner, and the points it has posted that the UI thread has not taken yet.
    private var curveRunner: LoadCurveRunner?
    private let inbox = CurveInbox()

    public init(state: AppState, recoveryPath: String) {
        self.state = state
        self.recoveryBase = recoveryPath
        restart()
    }

    /// Dispatches an action and performs the effects it asks for (which may dispatch more).
    public func dispatch(_ action: Action) {
        let effects = Reducer.reduce(&state, action)
        for effect in effects { perform(effect) }
    }

    public func handle(_ event: InputEvent) {
        for action in Keymap.actions(for: event, in: state) { dispatch(action) }
    }

    /// Advances simulated time by `wallSeconds × speed`, doing at most `eventBudgetPerFrame` events.
    public func frame(wallSeconds: Double) {
        drainBackground()
        guard state.runState == .running, let simulation else { return }
        let start = simulation.now
        // `n` and `.` run to their target as fast as the frame budget allows.
        let stop = state.runTarget
        let target = stop ?? start + wallSeconds * state.speed
        if playerDrivesClock, let player {
            player.advance(to: target, budget: eventBudgetPerFrame)
        } else {
            simulation.advance(to: target, budget: eventBudgetPerFrame)
        }
        let behind = simulation.now < target - 1e-9
        publish(achievedSpeed: behind && wallSeconds > 0 && stop == nil ? (simulation.now - start) / wallSeconds : nil)
        if let stop, simulation.now >= stop - 1e-12 || simulation.isFinished { dispatch(.runTargetReached) }
    }

    /// Copies the engine's figures into the state (at most ten times per simulated-or-wall interval that matters).
    public func publish(achievedSpeed: Double? = nil) {
        guard let simulation else { return }
        var notices = simulation.drainNotices().map(\.message)
        if let player {
            if playerDrivesClock, let replay = state.replay, player.nextAction != replay.nextAction {
                dispatch(.replayAdvanced(next: player.nextAction, design: player.design))
            } else if !playerDrivesClock {
                // A recording's own actions: the reducer has logged them already.
                notices.removeAll { $0.hasPrefix("scenario: ") }
            }
        }
        // The percentile table is refreshed at most every quarter simulated second (and on any restart).
        let refresh = simulation.now < lastCapture || simulation.now - lastCapture >= 0.25
        if refresh { lastCapture = simulation.now }
        let live = LiveMetrics.capture(simulation, previous: state.live, refreshPercentiles: refresh)
        dispatch(.simAdvanced(time: simulation.now, live: live, achievedSpeed: achievedSpeed, notices: notices))
        if simulation.isFinished, !finishReported {
            finishReported = true
            dispatch(.simFinished)
            if state.replay != nil {
                dispatch(.replayFinished(fingerprint: simulation.fingerprint, events: simulation.eventsProcessed))
            }
        }
    }

    /// Dispatches the load-curve points the background runner has measured since the last call (UI thread only).
    /// Returns how many arrived.
    @discardableResult
    public func drainBackground() -> Int {
        let arrived = inbox.take()
        for (runner, point) in arrived where runner === curveRunner {
            dispatch(.loadCurvePointMeasured(run: runner.request.run, point: point))
        }
        return arrived.count
    }

    func restart() {
        player = nil
        playerDrivesClock = false
        finishReported = false
        lastCapture = -1
        if let replay = state.replay {
            do {
                let player = try ScenarioPlayer(scenario: replay.scenario)
                self.player = player
                playerDrivesClock = true
                simulation = player.simulation
            } catch {
                simulation = nil
                state.log(.error, "the engine refused this scenario: \(error)")
            }
            publish()
            return
        }
        guard !state.design.components.isEmpty, state.design.component(state.design.workload.entry) != nil,
              DesignParser.check(state.design).allSatisfy({ $0.severity != .error }) else {
            simulation = nil
            state.live = LiveMetrics()
            return
        }
        var options = RunOptions(seed: state.seed, durationS: .infinity, warmupS: 0)
        options.seriesCapacity = 600
        simulation = try? Simulation(design: state.design, options: options)
        if simulation == nil { state.log(.error, "the engine refused this design") }
        if let simulation, state.recording != nil { player = ScenarioPlayer(simulation: simulation, actions: []) }
        publish()
    }

    func perform(_ effect: Effect) {
        switch effect {
        case .restartSimulation:
            restart()
        case .applyDesign:
            guard let simulation else { restart(); return }
            if !simulation.apply(state.design) {
                state.log(.info, "design shape changed: run restarted at t=0")
                restart()
            }
        case .crash(let id):
            if let instance = simulation?.crash(id) {
                state.log(.error, "✗ \(id)#\(instance) crashed (injected)")
            }
        case .slow(let id, let factor):
            simulation?.slow(id, factor: factor)
        case .recover(let id):
            simulation?.recover(id)
        case .save(let path, let text):
            if let problem = Self.targetProblem(path) {
                dispatch(.fileError("could not save \(path): \(problem)"))
                return
            }
            // Saving over a hand-written file keeps every value and the key order, not its comments: say so.
            let comments = Self.commentLines(in: path)
            do {
                try AtomicFile.write(text, to: path)
                dispatch(.saved(path: path))
                if comments > 0 {
                    let note = "saved \(path); its \(comments) comment line\(comments == 1 ? " was" : "s were") not kept: sdw writes the canonical form (every value, in order)"
                    state.log(.warn, note)
                    state.message = StatusMessage(note)
                }
            } catch {
                dispatch(.fileError("could not save \(path): \(error.localizedDescription)"))
            }
        case .export(let path, let text, let format):
            if let problem = Self.targetProblem(path) {
                dispatch(.fileError("could not export \(path): \(problem)"))
                return
            }
            do {
                try AtomicFile.write(text, to: path)
                dispatch(.exported(path: path, format: format))
            } catch {
                dispatch(.fileError("could not export \(path): \(error.localizedDescription)"))
            }
        case .open(let path) where ScenarioFiles.isScenario(path):
            perform(.openScenario(path: path, allowChangedDesign: false))
        case .open(let path):
            do {
                let (design, _) = try DesignParser.load(path: path)
                dispatch(.designOpened(design, path: path))
            } catch let error as DesignLoadError {
                dispatch(.fileError(error.diagnostics.first?.description ?? "cannot open \(path)"))
            } catch {
                dispatch(.fileError("cannot open \(path): \(error)"))
            }
        case .writeRecovery:
            Recovery.write(state, to: recoveryPath)
        case .clearRecovery:
            try? FileManager.default.removeItem(atPath: recoveryPath)
        case .loadRecovery(let path):
            do {
                let recovered = try Recovery.read(path)
                var next = AppState(design: recovered.design, filePath: recovered.filePath, width: state.width, height: state.height)
                next.savedDesign = recovered.savedDesign ?? next.savedDesign
                next.runState = .running
                next.log(.ok, "recovered unsaved changes")
                state = next
                restart()
            } catch {
                dispatch(.fileError("could not read the recovery file: \(error)"))
            }
        case .listDesigns:
            dispatch(.openRequested(DesignCatalog.list()))
        case .startLoadCurve(let request):
            curveRunner?.cancel()
            let runner = LoadCurveRunner(request)
            curveRunner = runner
            let inbox = self.inbox
            runner.start { [weak runner] point in
                if let runner { inbox.post(runner, point) }
            }
        case .cancelLoadCurve:
            curveRunner?.cancel()
            curveRunner = nil
        case .quit:
            curveRunner?.cancel()
        case .applyScenarioActions(let actions):
            guard let simulation else { return }
            if player == nil { player = ScenarioPlayer(simulation: simulation, actions: []) }
            for action in actions {
                // The action's time is the clock rounded up to the millisecond: run that last fraction first.
                if simulation.now < action.atS { simulation.advance(to: action.atS) }
                let problems = player!.problems.count
                player!.apply(action)
                for problem in player!.problems.dropFirst(problems) { state.log(.error, problem) }
                if case .crash(let id, let instance?) = action.kind { state.log(.error, "✗ \(id)#\(instance) crashed (injected)") }
            }
        case .leaveReplay:
            playerDrivesClock = false
        case .saveScenario(let scenario, let path, let designFile, let overwrite):
            do {
                switch try ScenarioFiles.save(scenario, to: path, designFile: designFile, overwrite: overwrite) {
                case .exists:
                    dispatch(.scenarioFileExists(path: path))
                case .saved(let fingerprint, _, let byPath):
                    dispatch(.scenarioSaved(path: path, fingerprint: fingerprint, designByPath: byPath))
                }
            } catch {
                dispatch(.fileError("could not save \(path): \(error)"))
            }
        case .openScenario(let path, let allowChangedDesign):
            switch ScenarioFiles.load(path, allowChangedDesign: allowChangedDesign) {
            case .opened(let scenario, let warnings):
                dispatch(.scenarioOpened(scenario, path: path, warnings: warnings))
            case .designChanged(_, let message):
                dispatch(.scenarioDesignChanged(path: path, message: message))
            case .failed(let problems):
                for problem in problems.dropFirst() { state.log(.error, problem) }
                dispatch(.fileError((problems.first ?? "cannot open \(path)") + (problems.count > 1 ? " (+\(problems.count - 1) more in the event log)" : "")))
            }
        case .suggestScenarioName(let designFile, let designName):
            let existing = ScenarioFiles.existingNames()
            dispatch(.scenarioNameSuggested(ScenarioPaths.suggestedName(for: designFile, designName: designName, existing: existing)))
        }
    }
}

extension WorkbenchSession {
    /// Why a file cannot be written at `path`: it is a folder, `path` without `.yaml` is a folder (`:w /tmp`), or its
    /// folder does not exist (nothing is created behind the user's back).
    /// Comment lines of an existing file other than sdw's own header.
    static func commentLines(in path: String) -> Int {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").filter {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") && !$0.hasPrefix(DesignWriter.header)
        }.count
    }

    static func targetProblem(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "it is a folder; give a file name, e.g. \((path as NSString).appendingPathComponent("design.yaml"))"
        }
        let stem = (path as NSString).deletingPathExtension
        if stem != path, FileManager.default.fileExists(atPath: stem, isDirectory: &isDirectory), isDirectory.boolValue,
           !FileManager.default.fileExists(atPath: path) {
            return "\(stem) is a folder; give a file name, e.g. \((stem as NSString).appendingPathComponent("design.yaml"))"
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            return "there is no folder \(folder)"
        }
        if !folder.isEmpty, !isDirectory.boolValue { return "\(folder) is not a folder" }
        return nil
    }
}

/// Points posted by the load curve's background thread, taken by the UI thread between frames.
final class CurveInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var points: [(LoadCurveRunner, LoadCurvePoint)] = []

    func post(_ runner: LoadCurveRunner, _ point: LoadCurvePoint) { lock.withLock { points.append((runner, point)) } }

    func take() -> [(LoadCurveRunner, LoadCurvePoint)] {
        lock.withLock {
            defer { points.removeAll() }
            return points
        }
    }
}

/// The designs offered by the open picker: `Designs/` (and its subfolders) in the working directory.
public enum DesignCatalog {
    public static func list(root: String = "Designs") -> [DesignFile] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [DesignFile] = []
        for case let relative as String in enumerator where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
            let path = (root as NSString).appendingPathComponent(relative)
            if let (design, _) = try? DesignParser.load(path: path) {
                files.append(DesignFile(path: path, name: design.name, description: design.description))
            }
        }
        return files.sorted { ($0.path.components(separatedBy: "/").count, $0.path) < ($1.path.components(separatedBy: "/").count, $1.path) }
    }
}
