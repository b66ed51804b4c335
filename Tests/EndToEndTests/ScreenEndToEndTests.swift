import Foundation
import Testing

/// The full-screen views in the real binary: the analysis view, the envelope calculator and the load curve open and close.
@Suite(.serialized, .enabled(if: TmuxPane.available, "tmux is not installed"))
struct ScreenEndToEndTests {
    @Test func analysisCalculatorAndLoadCurveOpenAndClose() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        try pane.run("\(TmuxPane.binary) \(TmuxPane.root.appendingPathComponent("Designs/web-tier.yaml").path)")
        try pane.waitFor("Web tier with database")
        try pane.waitFor("▶ running")
        // Analysis: the bottleneck, headroom and cost, closed with Esc.
        try pane.type("A")
        let analysis = try pane.waitFor("bottleneck web: the design saturates at 4.57k req/s")
        #expect(analysis.contains("headroom    79%"))
        #expect(analysis.contains("$0.15 per million requests"))
        try pane.press("Escape")
        try pane.waitFor("Inspector: lb")
        #expect(!(try pane.screen().contains("bottleneck web")))
        // The calculator: 500M daily users writing 5.76 times a day → 33.3k writes/s.
        try pane.type(":")
        try pane.type("estimate")
        try pane.press("Enter")
        try pane.waitFor("Back-of-the-envelope calculator")
        try pane.type("e")
        try pane.press("C-u")
        try pane.type("500M")
        try pane.press("Enter")
        try pane.waitFor("daily active users → 500M")
        try pane.type("jj")
        try pane.type("e")
        try pane.press("C-u")
        try pane.type("5.76")
        try pane.press("Enter")
        let estimate = try pane.waitFor("2.88B writes/day ÷ 86,400 s")
        #expect(estimate.contains("33.3k req/s"))
        try pane.type("q")
        try pane.waitFor("Inspector: lb")
        // The load curve: points arrive in the background while the workbench stays live.
        try pane.type("C")
        try pane.waitFor("Load curve — Web tier with database")
        try pane.waitFor("12 of 12 done", timeout: 90)
        try pane.press("Escape")
        try pane.waitFor("Inspector: lb")
        try pane.type("q")
        try pane.waitFor("READY>")
    }
}
