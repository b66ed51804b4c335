import Foundation
import Testing
import Model
import Workbench
@testable import Render

/// The full-screen views at 80×24 and 120×40: analysis, envelope calculator (one input being edited), load curve.
@Suite(.serialized) struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    func state(_ design: Design, _ width: Int, _ height: Int) -> AppState {
        AppState(design: design, filePath: nil, width: width, height: height)
    }

    @Test(arguments: [0, 1])
    func analysisView(size: Int) throws {
        let (width, height) = Self.sizes[size]
        var state = state(try webTier(), width, height)
        _ = Reducer.reduce(&state, .screenOpened(.analysis))
        let text = WorkbenchView.render(state).text
        #expect(text.contains("bottleneck web: the design saturates at 4.57k req/s"))
        #expect(text.contains("Esc"))
        assertGolden(text, named: "analysis-\(width)x\(height)")
    }

    @Test(arguments: [0, 1])
    func envelopeCalculator(size: Int) throws {
        let (width, height) = Self.sizes[size]
        var state = state(try webTier(), width, height)
        for action: Action in [.screenOpened(.envelope), .envelopeEditStarted, .envelopeTextChanged("500M"), .envelopeEditCommitted,
                               .envelopeRowMoved(2), .envelopeEditStarted, .envelopeTextChanged("5.76"), .envelopeEditCommitted,
                               .envelopeRowMoved(3), .envelopeEditStarted, .envelopeTextChanged("0.5"), .envelopeEditCommitted] {
            _ = Reducer.reduce(&state, action)
        }
        let screen = WorkbenchView.render(state)
        #expect(screen.text.contains("✗ peak factor must be at least 1"))
        if height >= 40 { #expect(screen.text.contains("33.3k req/s")) }
        #expect(screen.cursor != nil, "the cursor sits in the input being edited")
        assertGolden(screen.text, named: "envelope-edit-\(width)x\(height)")
    }

    /// The M/M/1 validation design swept 100..1,200 req/s with points fixed here (not simulated), 9 of 12 in.
    @Test(arguments: [0, 1])
    func loadCurve(size: Int) throws {
        let (width, height) = Self.sizes[size]
        let design = try DesignParser.load(path: root.appendingPathComponent("Designs/validation/mm1-rho095.yaml").path).0
        var state = state(design, width, height)
        _ = Reducer.reduce(&state, .loadCurveRequested(LoadCurveSpec()))
        let run = try #require(state.loadCurve?.run)
        // Throughput, p50, p99 (ms) as a 10 s run gives them: M/M/1 with μ = 1000/s; past saturation the queue grows.
        let measured: [(Double, Double, Double)] = [(100, 0.8, 5.0), (200, 0.9, 5.8), (300, 1.0, 6.6), (400, 1.2, 7.7), (500, 1.4, 9.2),
                                                     (600, 1.7, 11.5), (700, 2.3, 15.4), (800, 3.4, 23.0), (900, 6.8, 46.1)]
        for (index, (throughput, p50, p99)) in measured.enumerated() {
            let rate = state.loadCurve!.rates[index]
            _ = Reducer.reduce(&state, .loadCurvePointMeasured(run: run, point: LoadCurvePoint(
                rateRPS: rate, throughputRPS: throughput * rate / (100 * Double(index + 1)), meanS: p50 * 1.4 / 1000,
                p50S: p50 / 1000, p99S: p99 / 1000, errorFraction: 0)))
        }
        let text = WorkbenchView.render(state).text
        #expect(text.contains("⟳ 9 of 12 done"))
        assertGolden(text, named: "load-curve-\(width)x\(height)")
    }
}
