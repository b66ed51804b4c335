import Model

/// The full-screen views: the design's analysis (`A`), the envelope calculator (`E`) and the load curve (`C`).
public enum FullScreen: Sendable, Equatable, CaseIterable {
    case analysis, envelope, loadCurve

    public var title: String {
        switch self {
        case .analysis: return "Analysis"
        case .envelope: return "Back-of-the-envelope calculator"
        case .loadCurve: return "Load curve"
        }
    }
}

/// Opening, scrolling and closing the full-screen views; editing the calculator; the load curve's sweep and its points.
enum ScreenReducer {
    static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .screenOpened(let screen):
            if screen == .loadCurve { return reduce(&state, .loadCurveRequested(LoadCurveSpec())) }
            state.mode = .screen(screen)
            state.screenScroll = 0
            state.envelope.editing = nil
            state.envelope.error = nil
            return closeCurve(&state)
        case .screenClosed:
            state.mode = .normal
            state.screenScroll = 0
            state.envelope.editing = nil
            state.envelope.error = nil
            return closeCurve(&state)
        case .screenScrolled(let delta):
            state.screenScroll = max(0, min(1000, state.screenScroll + delta))
            return []
        case .envelopeRowMoved(let delta):
            state.envelope.row = max(0, min(EnvelopeForm.fields.count - 1, state.envelope.row + delta))
            // Keep the highlighted input on screen: inputs start three lines into the view.
            state.screenScroll = min(state.screenScroll, state.envelope.row + 2)
            return []
        case .envelopeEditStarted:
            let field = EnvelopeForm.fields[state.envelope.row]
            state.envelope.editing = field.value(state.envelope.inputs)
            state.envelope.error = nil
            return []
        case .envelopeTextChanged(let text):
            if state.envelope.editing != nil {
                state.envelope.editing = text
                state.envelope.error = nil
            }
            return []
        case .envelopeEditCommitted:
            let field = EnvelopeForm.fields[state.envelope.row]
            let before = state.envelope.inputs
            state.envelope.commit()
            if state.envelope.inputs != before {
                state.message = StatusMessage("\(field.label) → \(field.value(state.envelope.inputs))")
            }
            return []
        case .envelopeEditCancelled:
            state.envelope.editing = nil
            state.envelope.error = nil
            return []
        case .loadCurveRequested(let spec):
            state.loadCurveRuns += 1
            switch LoadCurve.plan(state.design, spec: spec, run: state.loadCurveRuns, seed: state.seed) {
            case .failure(let error):
                state.message = StatusMessage(error.message, isError: true)
                return []
            case .success(let curve):
                let previous = state.loadCurve != nil
                state.loadCurve = curve
                state.mode = .screen(.loadCurve)
                state.screenScroll = 0
                state.log(.info, "load curve: \(curve.rates.count) runs of \(Units.trim(curve.durationS)) s, "
                          + "\(Units.formatRate(curve.rates.first!))..\(Units.formatRate(curve.rates.last!)) req/s")
                return (previous ? [.cancelLoadCurve] : []) + [.startLoadCurve(LoadCurve.request(for: curve))]
            }
        case .loadCurvePointMeasured(let run, let point):
            guard state.loadCurve?.run == run else { return [] }
            state.loadCurve?.points.append(point)
            if state.loadCurve?.isComplete == true { state.log(.ok, "load curve: \(state.loadCurve!.points.count) points measured") }
            return []
        default:
            return []
        }
    }

    static func closeCurve(_ state: inout AppState) -> [Effect] {
        guard let curve = state.loadCurve else { return [] }
        state.loadCurve = nil
        return curve.isComplete ? [] : [.cancelLoadCurve]
    }

    /// A sweep of another design than the one on screen is stopped and dropped (the design was edited, or another opened).
    static func dropStaleCurve(_ state: inout AppState) -> [Effect] {
        guard let curve = state.loadCurve, curve.design != state.design else { return [] }
        state.loadCurve = nil
        if state.mode == .screen(.loadCurve) { state.mode = .normal }
        state.message = StatusMessage("the design changed: load curve stopped (C sweeps again)")
        return curve.isComplete ? [] : [.cancelLoadCurve]
    }
}
