import Layout
import Model

/// Interprets keys and mouse events in the current mode. Pure: the same event in the same state gives the same actions.
public enum Keymap {
    public static func actions(for event: InputEvent, in state: AppState) -> [Action] {
        switch event {
        case .resize(let width, let height):
            return [.resized(width: width, height: height)]
        case .mouse(let mouse):
            return mouseActions(mouse, state)
        case .key(let key):
            if state.isTooSmall {
                if state.mode == .confirmQuit { return keyActions(key, state) }
                if key == .character("q") || key == .control("c") { return [.quitRequested] }
                return []
            }
            return keyActions(key, state)
        }
    }

    static func keyActions(_ key: Key, _ state: AppState) -> [Action] {
        switch state.mode {
        case .edit(_, let text, _):
            return textInput(key, text, changed: Action.editTextChanged, submit: .editCommitted)
        case .command(let text, _):
            if key == .backspace && text.isEmpty { return [.modeCancelled] }
            return textInput(key, text, changed: Action.commandTextChanged, submit: .commandSubmitted)
        case .help:
            switch key {
            case .up, .character("k"): return [.helpScrolled(-1)]
            case .down, .character("j"), .character(" "): return [.helpScrolled(1)]
            case .pageUp: return [.helpScrolled(-10)]
            case .pageDown: return [.helpScrolled(10)]
            case .escape, .character("?"), .character("q"), .enter: return [.helpToggled]
            default: return []
            }
        case .confirmQuit:
            switch key {
            case .character("y"), .character("Y"): return [.quitConfirmed]
            case .character("s"): return [.saveAndQuitRequested]
            case .character("n"), .escape: return [.modeCancelled]
            default: return []
            }
        case .scenarioName(let text, _, _):
            return textInput(key, text, changed: Action.scenarioNameChanged, submit: .scenarioNameSubmitted)
        case .confirmOverwrite:
            switch key {
            case .character("y"), .character("Y"): return [.overwriteConfirmed]
            case .character("n"), .escape: return [.overwriteDeclined]
            default: return []
            }
        case .designChanged:
            switch key {
            case .character("y"), .character("Y"), .enter: return [.changedDesignAccepted]
            case .character("n"), .escape: return [.modeCancelled]
            default: return []
            }
        case .recovery:
            switch key {
            case .character("y"), .character("Y"), .enter: return [.recoveryAccepted]
            case .character("n"), .escape: return [.recoveryDeclined]
            default: return []
            }
        case .addBlock, .picker, .failureMenu:
            switch key {
            case .up, .character("k"): return [.menuMoved(-1)]
            case .down, .character("j"): return [.menuMoved(1)]
            case .enter: return [.menuChosen]
            case .escape, .character("q"): return [.modeCancelled]
            default: return []
            }
        case .connect(let from):
            switch key {
            case .escape: return [.modeCancelled]
            case .enter:
                if case .component(let to) = state.selection, to != from { return [.linkAdded(from: from, to: to)] }
                return []
            default:
                if let direction = direction(key) { return [.selectionMoved(direction)] }
                return []
            }
        case .screen(let screen):
            return screenKey(key, screen, state)
        case .normal:
            return normalKey(key, state)
        }
    }

    /// Keys in a full-screen view: scroll, close, and (in the calculator) pick and edit an input.
    static func screenKey(_ key: Key, _ screen: FullScreen, _ state: AppState) -> [Action] {
        if screen == .envelope, let text = state.envelope.editing {
            if key == .escape { return [.envelopeEditCancelled] }
            return textInput(key, text, changed: Action.envelopeTextChanged, submit: .envelopeEditCommitted)
        }
        switch key {
        case .escape, .character("q"): return [.screenClosed]
        case .character("A") where screen != .analysis: return [.screenOpened(.analysis)]
        case .character("E") where screen != .envelope: return [.screenOpened(.envelope)]
        case .character("C") where screen != .loadCurve: return [.loadCurveRequested(LoadCurveSpec())]
        case .character("r") where screen == .loadCurve: return [.loadCurveRequested(LoadCurveSpec())]
        case .pageUp: return [.screenScrolled(-10)]
        case .pageDown, .character(" "): return [.screenScrolled(10)]
        case .home: return [.screenScrolled(-1000)]
        default: break
        }
        if screen == .envelope {
            switch key {
            case .up, .character("k"): return [.envelopeRowMoved(-1)]
            case .down, .character("j"): return [.envelopeRowMoved(1)]
            case .character("e"), .enter: return [.envelopeEditStarted]
            default: return []
            }
        }
        switch key {
        case .up, .character("k"): return [.screenScrolled(-1)]
        case .down, .character("j"): return [.screenScrolled(1)]
        default: return []
        }
    }

    static func direction(_ key: Key) -> Direction? {
        switch key {
        case .up, .character("k"): return .up
        case .down, .character("j"): return .down
        case .left, .character("h"): return .left
        case .right, .character("l"): return .right
        default: return nil
        }
    }

    static func normalKey(_ key: Key, _ state: AppState) -> [Action] {
        if let direction = direction(key) {
            switch state.focus {
            case .inspector:
                if direction == .up { return [.inspectorRowMoved(-1)] }
                if direction == .down { return [.inspectorRowMoved(1)] }
                return []
            case .palette:
                if direction == .up { return [.menuMoved(-1)] }
                if direction == .down { return [.menuMoved(1)] }
                return []
            default:
                return [.selectionMoved(direction)]
            }
        }
        switch key {
        case .character("H"): return [.blockNudged(.left)]
        case .character("J"): return [.blockNudged(.down)]
        case .character("K"): return [.blockNudged(.up)]
        case .character("L"): return [.blockNudged(.right)]
        case .tab: return [.focusCycled(forward: true)]
        case .backTab: return [.focusCycled(forward: false)]
        case .character("a"): return [.paletteOpened]
        case .character("c"): return [.connectStarted]
        case .character("d"), .delete: return [.deleteRequested]
        case .character("e"): return [.editStarted]
        case .enter:
            if state.focus == .palette { return [.blockAdded(ComponentKind.allCases[state.paletteIndex])] }
            return [.editStarted]
        case .character(" "): return [.runToggled]
        case .character("r"): return [.restartRequested]
        case .character("R"): return [.recordToggled]
        case .character("n"): return [.nextEventRequested]
        case .character("."): return [.stepRequested]
        case .character("+"), .character("="): return [.speedChanged(up: true)]
        case .character("-"), .character("_"): return [.speedChanged(up: false)]
        case .character("f"): return [.failureMenuOpened]
        case .character("u"): return [.undoRequested]
        case .control("r"): return [.redoRequested]
        case .character("s"), .control("s"): return [.saveRequested]
        case .character("?"), .function(1): return [.helpToggled]
        case .character("o"): return [.openDialogRequested]
        case .character("x"): return [.exportPromptOpened]
        case .character("A"): return [.screenOpened(.analysis)]
        case .character("E"): return [.screenOpened(.envelope)]
        case .character("C"): return [.loadCurveRequested(LoadCurveSpec())]
        case .character(":"): return [.commandStarted]
        case .character("q"), .control("c"): return [.quitRequested]
        case .escape: return state.focus == .canvas ? [.canvasClicked] : [.focusCycledTo(.canvas)]
        case .pageUp: return [.canvasPanned(dx: 0, dy: -5)]
        case .pageDown: return [.canvasPanned(dx: 0, dy: 5)]
        case .home: return [.canvasPanned(dx: -state.pan.x, dy: -state.pan.y)]
        default: return []
        }
    }

    /// Line editing for the prompt and the inspector editor.
    static func textInput(_ key: Key, _ text: String, changed: (String) -> Action, submit: Action) -> [Action] {
        switch key {
        case .enter: return [submit]
        case .escape: return [.modeCancelled]
        case .backspace: return [changed(String(text.dropLast()))]
        case .control("u"): return [changed("")]
        case .control("w"):
            var trimmed = text
            while trimmed.last == " " { trimmed.removeLast() }
            while let last = trimmed.last, last != " " { trimmed.removeLast() }
            return [changed(trimmed)]
        case .character(let character): return [changed(text + String(character))]
        default: return []
        }
    }

    static func mouseActions(_ mouse: MouseEvent, _ state: AppState) -> [Action] {
        let layout = ScreenLayout(state)
        let canvas = layout.canvas
        // Canvas coordinates of the pointer.
        let cx = mouse.x - canvas.x - 1 + state.pan.x, cy = mouse.y - canvas.y - 1 + state.pan.y
        switch mouse.kind {
        case .wheelUp where { if case .screen = state.mode { return true }; return false }():
            return [.screenScrolled(-3)]
        case .wheelDown where { if case .screen = state.mode { return true }; return false }():
            return [.screenScrolled(3)]
        case .wheelUp:
            return canvas.contains(mouse.x, mouse.y) ? [.canvasPanned(dx: 0, dy: -3)] : [.inspectorRowMoved(-1)]
        case .wheelDown:
            return canvas.contains(mouse.x, mouse.y) ? [.canvasPanned(dx: 0, dy: 3)] : [.inspectorRowMoved(1)]
        case .press:
            guard state.mode == .normal || { if case .connect = state.mode { return true }; return false }() else { return [] }
            if canvas.contains(mouse.x, mouse.y) {
                if let id = CanvasLayout.component(at: cx, cy, in: state.positions, design: state.design) {
                    guard state.mode == .normal, let corner = state.positions[id] else { return [.componentClicked(id)] }
                    return [.componentClicked(id), .dragStarted(id: id, grabX: cx - corner.x, grabY: cy - corner.y)]
                }
                return [.canvasClicked]
            }
            if let inspector = layout.inspector, inspector.contains(mouse.x, mouse.y) {
                let row = mouse.y - inspector.y - 1 - state.inspectorRow
                return [.focusCycledTo(.inspector), .inspectorRowMoved(row)]
            }
            if let palette = layout.palette, palette.contains(mouse.x, mouse.y) {
                let index = mouse.y - palette.y - 1
                if index >= 0, index < ComponentKind.allCases.count { return [.blockAdded(ComponentKind.allCases[index])] }
            }
            return []
        case .drag:
            guard let drag = state.drag else { return [] }
            return [.blockDragged(id: drag.id, to: GridPoint(x: cx - drag.grabX, y: cy - drag.grabY))]
        case .release:
            return state.drag != nil ? [.dragEnded] : []
        }
    }
}
