import Foundation
import Testing
import Model
@testable import Workbench

func mm1State() throws -> AppState {
    let design = try DesignParser.load(path: repositoryRoot.appendingPathComponent("Designs/validation/mm1-rho095.yaml").path).0
    return AppState(design: design, filePath: nil)
}

/// The full-screen views: analysis (A), envelope calculator (E), load curve (C).
@Suite struct ScreenTests {
    func keys(_ state: AppState, _ key: Key) -> [Action] { Keymap.actions(for: .key(key), in: state) }

    @Test func keysOpenAndCloseTheViews() throws {
        var state = try webTierState()
        #expect(keys(state, .character("A")) == [.screenOpened(.analysis)])
        #expect(keys(state, .character("E")) == [.screenOpened(.envelope)])
        #expect(keys(state, .character("C")) == [.loadCurveRequested(LoadCurveSpec())])
        #expect(send(&state, .screenOpened(.analysis)).isEmpty)
        #expect(state.mode == .screen(.analysis))
        #expect(keys(state, .down) == [.screenScrolled(1)])
        #expect(keys(state, .pageDown) == [.screenScrolled(10)])
        #expect(keys(state, .character("E")) == [.screenOpened(.envelope)])
        send(&state, .screenScrolled(3))
        #expect(state.screenScroll == 3)
        #expect(keys(state, .escape) == [.screenClosed])
        #expect(keys(state, .character("q")) == [.screenClosed], "q closes the view, it does not quit")
        send(&state, .screenClosed)
        #expect(state.mode == .normal)
        #expect(state.screenScroll == 0)
    }

    @Test func commandsOpenTheViews() throws {
        var state = try webTierState()
        send(&state, .commandStarted, .commandTextChanged("analysis"), .commandSubmitted)
        #expect(state.mode == .screen(.analysis))
        send(&state, .screenClosed, .commandStarted, .commandTextChanged("estimate"), .commandSubmitted)
        #expect(state.mode == .screen(.envelope))
        send(&state, .screenClosed, .commandStarted, .commandTextChanged("curve 10..5"), .commandSubmitted)
        #expect(state.mode == .command(text: "curve 10..5",
                                       error: "usage: :curve 100..10k (a rising range of rates; without one, 10%–120% of saturation)"))
        let effects = send(&state, .commandTextChanged("curve 100..2k"), .commandSubmitted)
        #expect(state.mode == .screen(.loadCurve))
        let curve = try #require(state.loadCurve)
        #expect(curve.rates.first == 100 && curve.rates.last == 2000 && curve.rates.count == 12)
        #expect(effects == [.startLoadCurve(LoadCurve.request(for: curve))])
    }

    @Test func analysisOverviewOfTheWebTier() throws {
        let state = try webTierState()
        let overview = try #require(AnalysisOverview.make(state.design))
        #expect(overview.rows.map(\.id) == ["lb", "web", "db"])
        #expect(overview.bottleneck == "web")
        let saturation = try #require(overview.saturationRPS)
        #expect(Units.formatRate(saturation) == "4.57k", "web: 4 × 8 workers ÷ 7 ms hold (5 ms + the 2 ms db call)")
        #expect(abs(try #require(overview.headroom) - (1 - 950 / overview.saturationRPS!)) < 1e-9)
        #expect(overview.rows.first { $0.id == "web" }?.instancesForTarget == 2)
        #expect(Int(overview.monthlyUSD.rounded()) == 373)
        // The design warnings: a single load balancer and a single database instance on every path.
        #expect(overview.warnings.count == 2)
        #expect(overview.warnings[0].hasPrefix("'lb' is a single load balancer on every request path"))
        #expect(overview.warnings[1].hasPrefix("'db' is a single instance on every request path"))
        #expect(!overview.exact)
    }

    @Test func calculatorEditsUpdateTheSteps() throws {
        var state = try webTierState()
        send(&state, .screenOpened(.envelope))
        #expect(keys(state, .down) == [.envelopeRowMoved(1)])
        #expect(keys(state, .character("e")) == [.envelopeEditStarted])
        // Daily active users: 500M.
        send(&state, .envelopeEditStarted)
        #expect(state.envelope.editing == "10M")
        #expect(keys(state, .character("x")) == [.envelopeTextChanged("10Mx")], "while editing, letters are typed")
        #expect(keys(state, .escape) == [.envelopeEditCancelled])
        send(&state, .envelopeTextChanged("500M"), .envelopeEditCommitted)
        #expect(state.envelope.editing == nil)
        #expect(state.envelope.inputs.dailyActiveUsers == 500e6)
        #expect(state.message == StatusMessage("daily active users → 500M"))
        // Writes per user: 5.76 (2M tweets a minute).
        send(&state, .envelopeRowMoved(2), .envelopeEditStarted, .envelopeTextChanged("5.76"), .envelopeEditCommitted)
        #expect(state.envelope.inputs.writesPerUser == 5.76)
        let writes = try #require(state.envelope.steps.first { $0.key == "avg_write_qps" })
        #expect(abs(writes.value - 2e6 / 60) < 1e-6)
        #expect(writes.formatted == "33.3k req/s")
        #expect(writes.formula == "2.88B writes/day ÷ 86,400 s")
        // Refused values keep the editor open with the reason, and the inputs unchanged.
        send(&state, .envelopeEditStarted, .envelopeTextChanged("lots"), .envelopeEditCommitted)
        #expect(state.envelope.editing == "lots")
        #expect(state.envelope.error == "'lots' is not a value for writes / user / day: a count ≥ 0, e.g. 5.76")
        send(&state, .envelopeEditCancelled, .envelopeRowMoved(3), .envelopeEditStarted, .envelopeTextChanged("0.5"), .envelopeEditCommitted)
        #expect(state.envelope.error == "peak factor must be at least 1 (peak ÷ average), got 0.5")
        #expect(state.envelope.inputs.peakFactor == 2)
        send(&state, .envelopeTextChanged("3"), .envelopeEditCommitted)
        #expect(state.envelope.inputs.peakFactor == 3)
        // Hot set as a percentage.
        send(&state, .envelopeRowMoved(3), .envelopeEditStarted, .envelopeTextChanged("10%"), .envelopeEditCommitted)
        #expect(state.envelope.inputs.hotFraction == 0.1)
        #expect(state.envelope.steps.first { $0.key == "cache_memory" }?.formatted == "1TB")
    }

    @Test func loadCurvePlanDefaultsToTenToOneHundredTwentyPercentOfSaturation() throws {
        var state = try mm1State()
        let effects = send(&state, .loadCurveRequested(LoadCurveSpec()))
        let curve = try #require(state.loadCurve)
        #expect(abs(curve.rates.first! - 100) < 1e-6 && abs(curve.rates.last! - 1200) < 1e-6)
        #expect(curve.rates.count == 12)
        #expect(curve.model == "M/M/1" && curve.exact)
        // Theory is there before any run: W = 1 / (μ − λ) at 500/s is 2 ms; throughput is capped at saturation.
        let half = try #require(LoadCurve.theory(state.design, rateRPS: 500, saturationRPS: 1000))
        #expect(abs(half.meanS! - 0.002) < 1e-12)
        #expect(curve.theory.last?.throughputRPS == 1000)
        #expect(effects == [.startLoadCurve(LoadCurve.request(for: curve))])
        #expect(curve.durationS == 10)
    }

    @Test func editingTheDesignOrClosingTheViewCancelsTheSweep() throws {
        var state = try mm1State()
        send(&state, .loadCurveRequested(LoadCurveSpec()))
        #expect(send(&state, .screenClosed) == [.cancelLoadCurve])
        #expect(state.loadCurve == nil)
        send(&state, .loadCurveRequested(LoadCurveSpec()))
        let run = state.loadCurve!.run
        let effects = send(&state, .commandStarted, .commandTextChanged("rate 500"), .commandSubmitted)
        #expect(effects.contains(.cancelLoadCurve))
        #expect(state.loadCurve == nil)
        // A point of the stopped sweep arriving late is dropped.
        send(&state, .loadCurvePointMeasured(run: run, point: LoadCurvePoint(rateRPS: 100, throughputRPS: 100, meanS: 0.001,
                                                                                p50S: 0.001, p99S: 0.004, errorFraction: 0)))
        #expect(state.loadCurve == nil)
    }

    /// The session runs the sweep on a background thread; each point arrives as an action on the UI thread.
    @Test func theSweepEffectPostsPointsAsActions() throws {
        var state = try mm1State()
        state.runState = .paused
        let session = WorkbenchSession(state: state, recoveryPath: "/tmp/sdw-test-recovery-curve-\(UUID().uuidString).yaml")
        session.dispatch(.loadCurveRequested(LoadCurveSpec(fromRPS: 200, toRPS: 800, points: 3, durationS: 2)))
        #expect(session.state.loadCurve?.points.isEmpty == true)
        let deadline = Date().addingTimeInterval(60)
        while session.state.loadCurve?.isComplete != true, Date() < deadline {
            session.frame(wallSeconds: 0.05)
            Thread.sleep(forTimeInterval: 0.02)
        }
        let curve = try #require(session.state.loadCurve)
        #expect(curve.points.map(\.rateRPS) == [200, 500, 800])
        for point in curve.points {
            #expect(abs(point.throughputRPS - point.rateRPS) / point.rateRPS < 0.1)
            #expect(point.errorFraction == 0)
            #expect((point.p99S ?? 0) > (point.p50S ?? 0))
        }
        #expect(session.state.log.last?.text == "load curve: 3 points measured")
        // The same request simulates to the same point (seeded).
        let again = LoadCurve.simulate(LoadCurve.request(for: curve), rateRPS: 500)
        #expect(again == curve.points[1])
    }
}
