import Model

/// Something that happened, named for what happened (not for what to do). `reduce` folds it into the state.
public enum Action: Sendable, Equatable {
    // Keyboard and mouse, already interpreted by the keymap.
    case selectionMoved(Direction)
    case componentClicked(String)
    case canvasClicked
    case blockDragged(id: String, to: GridPoint)
    case blockNudged(Direction)
    case canvasPanned(dx: Int, dy: Int)
    case focusCycled(forward: Bool)
    case focusCycledTo(Pane)
    case dragEnded
    case dragStarted(id: String, grabX: Int, grabY: Int)
    case paletteOpened
    case paletteMoved(Int)
    case blockAdded(ComponentKind)
    case connectStarted
    case linkAdded(from: String, to: String)
    case deleteRequested
    case editStarted
    case editTextChanged(String)
    case editCommitted
    case inspectorRowMoved(Int)
    case runToggled
    case restartRequested
    case speedChanged(up: Bool)
    case failureMenuOpened
    case failureChosen(FailureChoice)
    case undoRequested
    case redoRequested
    case saveRequested
    case openDialogRequested
    case openRequested([DesignFile])
    case openChosen(String)
    case helpToggled
    case helpScrolled(Int)
    case commandStarted
    case commandTextChanged(String)
    case commandSubmitted
    case modeCancelled
    case menuMoved(Int)
    case menuChosen
    case quitRequested
    case quitConfirmed
    case saveAndQuitRequested
    /// `x`: the export prompt, prefilled.
    case exportPromptOpened
    case recoveryAccepted
    case recoveryDeclined
    /// `A`, `E` (and `:analysis`, `:estimate`): a full-screen view opened; the load curve opens with `loadCurveRequested`.
    case screenOpened(FullScreen)
    case screenClosed
    case screenScrolled(Int)
    case envelopeRowMoved(Int)
    case envelopeEditStarted
    case envelopeTextChanged(String)
    case envelopeEditCommitted
    case envelopeEditCancelled
    /// `C` or `:curve [FROM..TO]`: sweep the design over load.
    case loadCurveRequested(LoadCurveSpec)
    /// `R`: start recording (the run restarts at t=0), or stop and ask for a name.
    case recordToggled
    /// `:record [NAME]`: start recording; with a name, the stop saves under it without asking.
    case recordRequested(name: String?)
    case scenarioNameChanged(String)
    case scenarioNameSubmitted
    case overwriteConfirmed
    case overwriteDeclined
    /// `n`: run to the next event of the replayed scenario and pause there.
    case nextEventRequested
    /// `.`: run one simulated second and pause.
    case stepRequested
    /// Replay against a design whose file changed since the scenario was recorded.
    case changedDesignAccepted
    // From the outside world.
    case resized(width: Int, height: Int)
    case simAdvanced(time: Double, live: LiveMetrics, achievedSpeed: Double?, notices: [String])
    case simFinished
    case designOpened(Design, path: String)
    case fileError(String)
    case saved(path: String)
    case exported(path: String, format: String)
    /// One simulated point of load-curve sweep `run`, from the background runner.
    case loadCurvePointMeasured(run: Int, point: LoadCurvePoint)
    /// The run reached `runTarget`.
    case runTargetReached
    case scenarioOpened(Scenario, path: String, warnings: [String])
    /// The scenario's design file has changed; `message` says how.
    case scenarioDesignChanged(path: String, message: String)
    case scenarioSaved(path: String, fingerprint: String?, designByPath: Bool)
    /// A replay reached its end with this fingerprint and event count.
    case replayFinished(fingerprint: String, events: UInt64)
    /// The first free `Scenarios/STEM-N` name, for the name prompt.
    case scenarioNameSuggested(String)
    /// Saving a scenario found its file already there.
    case scenarioFileExists(path: String)
    /// The replay applied scenario actions up to `next` (an index into its actions); `design` is the design they made.
    case replayAdvanced(next: Int, design: Design)
}

extension Action {
    /// Actions that come from the user clear the last status message; the world's updates do not.
    public var isUserInput: Bool {
        switch self {
        case .simAdvanced, .simFinished, .resized, .designOpened, .fileError, .saved, .exported, .loadCurvePointMeasured,
             .runTargetReached, .scenarioOpened, .scenarioDesignChanged, .scenarioSaved, .replayAdvanced, .scenarioNameSuggested,
             .scenarioFileExists, .replayFinished: return false
        default: return true
        }
    }
}

public enum Direction: Sendable, Equatable { case up, down, left, right }

public enum FailureChoice: Sendable, Equatable, CaseIterable {
    case crashInstance, slow2, slow5, slow10, recover

    public var label: String {
        switch self {
        case .crashInstance: return "crash one instance"
        case .slow2: return "slow ×2"
        case .slow5: return "slow ×5"
        case .slow10: return "slow ×10"
        case .recover: return "recover (restart instances, normal speed)"
        }
    }
}

/// Work for the outside world that `reduce` asks for; the session performs it.
public enum Effect: Sendable, Equatable {
    /// Start the engine afresh on the current design and seed (time 0).
    case restartSimulation
    /// Hand an edited design to the running engine; it restarts when the shape changed.
    case applyDesign
    case crash(String)
    case slow(String, factor: Double)
    case recover(String)
    case save(path: String, text: String)
    /// Write an exported diagram or report; unlike `save`, the design's file and saved state are untouched.
    case export(path: String, text: String, format: String)
    case open(path: String)
    case writeRecovery
    case clearRecovery
    case loadRecovery(path: String)
    case listDesigns
    /// Run the points of a load curve off the UI thread, posting each as `loadCurvePointMeasured`.
    case startLoadCurve(LoadCurveRequest)
    /// Stop the load-curve sweep in progress (the view closed or the design changed).
    case cancelLoadCurve
    case quit
    /// While recording: apply these changes through the scenario player (as a replay will), at their times.
    case applyScenarioActions([ScenarioAction])
    /// Write a recorded scenario (atomic; refuses an existing file unless `overwrite`), with its design by path
    /// when `designFile` still holds the recorded design, and the fingerprint of a full headless replay.
    case saveScenario(Scenario, path: String, designFile: String?, overwrite: Bool)
    /// List `Scenarios/` to prefill the name prompt with the design's stem and the first free counter.
    case suggestScenarioName(designFile: String?, designName: String)
    /// Load a scenario file and replay it.
    case openScenario(path: String, allowChangedDesign: Bool)
    /// The user changed a replayed run: the session stops applying the scenario's remaining actions.
    case leaveReplay
}
