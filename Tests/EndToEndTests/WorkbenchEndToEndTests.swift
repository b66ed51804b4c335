import Foundation
import Testing

/// The real binary in tmux: start, edit, run, fail, save, quit, reopen; terminal restored on signals.
@Suite(.serialized, .enabled(if: TmuxPane.available, "tmux is not installed"))
struct WorkbenchEndToEndTests {
    func copyOfDesign(_ name: String = "web-tier.yaml") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-e2e-designs-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let copy = directory.appendingPathComponent(name)
        try FileManager.default.copyItem(at: TmuxPane.root.appendingPathComponent("Designs/\(name)"), to: copy)
        return copy.path
    }

    @Test func editRunFailSaveQuitAndReopen() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        let file = try copyOfDesign()
        try pane.run("\(TmuxPane.binary) \(file)")
        try pane.waitFor("Web tier with database")
        try pane.waitFor("▶ running")
        // Figures move while it runs.
        let first = try pane.waitUntil("throughput above zero") { (figure(after: "throughput ", in: $0) ?? 0) > 500 }
        #expect(first.contains("web ×4"))
        // Add a service and connect the database to it.
        try pane.type("a")
        try pane.waitFor("Add a block")
        try pane.press("Enter")
        try pane.waitFor("added svc1")
        // Give the new service room for the traffic it will get.
        try pane.type(":")
        try pane.type("set workers 32")
        try pane.press("Enter")
        try pane.waitFor("svc1: workers → 32")
        // Connect the database to the new block: select db, c, then pick svc1.
        try pane.type(":")
        try pane.type("select db")
        try pane.press("Enter")
        try pane.waitFor("Inspector: db")
        try pane.type("c")
        try pane.waitFor("Connect db → ?")
        try pane.type(":")  // ignored while connecting: the target is chosen by moving
        for _ in 0..<3 {
            if try pane.screen().contains("Inspector: svc1") { break }
            try pane.type("l")
            Thread.sleep(forTimeInterval: 0.2)
        }
        try pane.waitFor("Inspector: svc1")
        try pane.press("Enter")
        try pane.waitFor("connected db → svc1")
        try pane.type(":")
        try pane.type("rate 2k")
        try pane.press("Enter")
        try pane.waitFor("rate changed 950 → 2k/s")
        try pane.waitUntil("throughput near 2k") { (figure(after: "throughput ", in: $0) ?? 0) > 1500 }
        // Inject a failure into the database: crash its only instance, and the error rate rises.
        try pane.type(":")
        try pane.type("select db")
        try pane.press("Enter")
        try pane.waitFor("Inspector: db")
        try pane.type("f")
        try pane.waitFor("Inject a failure into db")
        try pane.press("Enter")
        try pane.waitFor("db#0 crashed (injected)")
        try pane.waitUntil("errors above zero") { (figure(after: "errors ", in: $0.components(separatedBy: "Metrics").last ?? "") ?? 0) > 0 }
        // Recover, save, quit.
        try pane.type("f")
        try pane.waitFor("Inject a failure into db")
        for _ in 0..<4 { try pane.press("Down") }
        try pane.press("Enter")
        try pane.waitFor("db recovered")
        try pane.type("s")
        try pane.waitFor("saved \(file)")
        try pane.type("q")
        try pane.waitFor("READY>")
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        #expect(saved.contains("svc1:"))
        #expect(saved.contains("- { to: svc1 }") || saved.contains("to: svc1"))
        #expect(saved.contains("rate: 2k"))
        // Reopen: the same design comes back, unmodified.
        try pane.run("clear; \(TmuxPane.binary) \(file)")
        let reopened = try pane.waitFor("svc1")
        #expect(!reopened.contains("database ●"))
        try pane.type("q")
        try pane.waitFor("READY>")
    }

    @Test func cacheShowsItsHitRatioAndTakesANewTTL() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        let file = try copyOfDesign("cache-aside-read-heavy.yaml")
        try pane.run("\(TmuxPane.binary) \(file)")
        try pane.waitFor("Read-heavy web app with cache-aside")
        try pane.waitFor("▶ running")
        try pane.type(":")
        try pane.type("select cache")
        try pane.press("Enter")
        try pane.waitFor("Inspector: cache")
        #expect(try pane.screen().contains("ttl         20s"))
        // The live section shows the cache's hit ratio once lookups have been counted (≈ 60–67% on this design).
        let live = try pane.waitUntil("a hit ratio above 30%") { screen in
            let inspector = screen.components(separatedBy: "─ live ").last ?? ""
            return (figure(after: "hit ", in: inspector) ?? 0) > 30
        }
        #expect(live.contains("misses "))
        #expect(live.contains("cache hit "))  // on the canvas box too
        try pane.type(":")
        try pane.type("set cache.ttl 5s")
        try pane.press("Enter")
        try pane.waitFor("cache: ttl → 5s")
        let edited = try pane.waitFor("ttl         5s")
        #expect(!edited.contains("✗"))
        // Still running, and the hit ratio comes back on the new run.
        try pane.waitUntil("a hit ratio after the edit") { screen in
            (figure(after: "hit ", in: screen.components(separatedBy: "─ live ").last ?? "") ?? 0) > 0
        }
        // A bad value is refused with the reason on the prompt line.
        try pane.type(":")
        try pane.type("set cache.ttl soon")
        try pane.press("Enter")
        try pane.waitFor("✗ ttl: 'soon' is not a duration such as 5ms or 2s")
        try pane.press("Escape")
        try pane.type("q")
        try pane.waitFor("has unsaved changes")
        try pane.type("y")
        try pane.waitFor("READY>")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("ttl: 20s"))
    }

    @Test func quitAsksAboutUnsavedChanges() throws {
        let pane = try TmuxPane(width: 100, height: 30)
        let file = try copyOfDesign()
        try pane.run("\(TmuxPane.binary) \(file)")
        try pane.waitFor("Web tier with database")
        try pane.type("a")
        try pane.press("Enter")
        try pane.waitFor("●")
        try pane.type("q")
        try pane.waitFor("has unsaved changes")
        try pane.type("n")
        try pane.type("u")
        try pane.waitFor("undone")
        try pane.type("q")
        try pane.waitFor("READY>")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let pane = try TmuxPane(width: 100, height: 30)
        try pane.run("\(TmuxPane.binary) \(try copyOfDesign()); echo \"exit=$?\"")
        try pane.waitFor("▶ running")
        try pane.signalForegroundProcess(SIGTERM)
        let after = try pane.waitFor("exit=143")
        #expect(!after.contains("▶ running"))
        try pane.run("stty -a | tr ' ' '\\n' | grep -E '^-?(echo|icanon)$' | tr '\\n' ' '; echo")
        let modes = try pane.waitFor("icanon ")
        #expect(modes.contains("echo icanon") || modes.contains("icanon echo"))
        #expect(!modes.contains("-echo "))
    }

    @Test func suspendAndResumeRedraw() throws {
        let pane = try TmuxPane(width: 100, height: 30)
        try pane.run("\(TmuxPane.binary) \(try copyOfDesign())")
        try pane.waitFor("▶ running")
        try pane.press("C-z")
        try pane.waitFor("Stopped")
        try pane.run("stty -a | tr ' ' '\\n' | grep -E '^-?echo$'")
        try pane.waitFor("\necho")
        try pane.run("fg")
        try pane.waitFor("▶ running")
        let screen = try pane.waitFor("Web tier with database")
        #expect(screen.contains("Canvas"))
        try pane.type("q")
        try pane.waitFor("READY>")
    }

    @Test func unsavedWorkIsOfferedAfterAKill() throws {
        let pane = try TmuxPane(width: 100, height: 30)
        let file = try copyOfDesign()
        try pane.run("\(TmuxPane.binary) \(file)")
        try pane.waitFor("▶ running")
        try pane.type("a")
        try pane.press("Enter")
        try pane.waitFor("added svc1")
        try pane.signalForegroundProcess(SIGKILL)
        try pane.waitFor("READY>")
        try pane.run("reset; \(TmuxPane.binary) \(file)")
        try pane.waitFor("Recover unsaved work?")
        try pane.type("y")
        try pane.waitFor("recovered unsaved changes")
        let screen = try pane.waitFor("svc1")
        #expect(screen.contains("Web tier with database ●"))
        // The file itself was never touched.
        #expect(!(try String(contentsOfFile: file, encoding: .utf8)).contains("svc1"))
        try pane.type("q")
        try pane.waitFor("unsaved changes")
        try pane.type("y")
        try pane.waitFor("READY>")
    }

    @Test func mouseClickSelectsABlock() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        try pane.run("\(TmuxPane.binary) \(try copyOfDesign())")
        try pane.waitFor("Inspector: lb")
        // web's box starts at canvas column 32 (canvas at x=20, border 1): click inside it, row 5.
        let x = 20 + 1 + 32 + 4, y = 1 + 1 + 1 + 2
        _ = try TmuxPane.tmux(["send-keys", "-t", pane.name, "-H", "1b", "5b", "4d", "20",
                               String(format: "%02x", x + 33), String(format: "%02x", y + 33)])
        _ = try TmuxPane.tmux(["send-keys", "-t", pane.name, "-H", "1b", "5b", "4d", "23",
                               String(format: "%02x", x + 33), String(format: "%02x", y + 33)])
        try pane.waitFor("Inspector: web")
        try pane.type("q")
        try pane.waitFor("READY>")
    }

    @Test func tooSmallThenResized() throws {
        let pane = try TmuxPane(width: 70, height: 20)
        try pane.run("\(TmuxPane.binary) \(try copyOfDesign())")
        try pane.waitFor("terminal too small")
        try pane.waitFor("(need 80×24, have 70×20)")
        _ = try TmuxPane.tmux(["resize-window", "-t", pane.name, "-x", "100", "-y", "30"])
        try pane.waitFor("▶ running")
        try pane.type("q")
        try pane.waitFor("READY>")
    }

    @Test func notATerminalGivesAHint() throws {
        let result = try Spawn.run(TmuxPane.binary, [])
        let text = result.output
        #expect(result.status == 2)
        #expect(text.contains("the workbench needs an interactive terminal"))
        #expect(text.contains("sdw run Designs/web-tier.yaml"))
    }

    /// `sdw Scenarios/x.yaml` replays an example: the timeline bar, `n` from event to event, `.` a second, quit.
    @Test func replayAnExampleScenario() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        // A broken scenario is refused before the screen opens, with file:line:column.
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-e2e-broken-\(UUID().uuidString.prefix(6)).yaml").path
        try "sdw_scenario: 1\nname: broken\ndesign: { path: ../nowhere.yaml, sha256: abc }\n".write(toFile: broken, atomically: true, encoding: .utf8)
        try pane.run("\(TmuxPane.binary) \(broken); echo exit=$?")
        try pane.waitFor("\(broken):3:")
        try pane.waitFor("exit=1")
        try pane.run("\(TmuxPane.binary) Scenarios/cache-stampede.yaml")
        try pane.waitFor("▷ Replay ├")
        try pane.waitFor("next 00:30.0 crash cache (n)")
        try pane.type("n")
        try pane.waitFor("❚❚ t=00:30.0 after crash cache")
        try pane.type("n")
        try pane.waitFor("❚❚ t=00:31.0 after end of crash cache")
        try pane.type("n")
        let screen = try pane.waitFor("❚❚ t=00:33.0 after set db.workers = 16")
        #expect(screen.contains("00:33.0/01:00.0  next 00:45.0 crash cache#0 (n)"))
        #expect(screen.contains("scenario: 33s set db.workers = 16"))
        try pane.type(".")
        try pane.waitFor("t=00:34.0")
        try pane.type("q")
        try pane.waitFor("READY>")
    }

    /// `R`, a rate change, `R` again, Enter: the scenario is saved and `sdw replay --check` agrees with it.
    @Test func recordAndSaveAScenario() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        let file = try copyOfDesign()
        let folder = (file as NSString).deletingLastPathComponent
        try pane.run("cd \(folder) && \(TmuxPane.binary) web-tier.yaml")
        try pane.waitFor("▶ running")
        try pane.type("R")
        try pane.waitFor("● REC")
        try pane.type(":")
        try pane.type("rate 2k")
        try pane.press("Enter")
        try pane.waitFor("(1 action)")
        try pane.type("R")
        try pane.waitFor("save scenario as: web-tier-1")
        try pane.press("Enter")
        try pane.waitFor("saved scenario Scenarios/web-tier-1.yaml: 1 action, design by path + SHA-256, fingerprint ")
        try pane.type("q")
        try pane.waitFor("has unsaved changes")
        try pane.type("y")
        try pane.waitFor("READY>")
        let scenario = folder + "/Scenarios/web-tier-1.yaml"
        #expect(try String(contentsOfFile: scenario, encoding: .utf8).contains("design: { path: ../web-tier.yaml, sha256: "))
        let check = try Spawn.run(TmuxPane.binary, ["replay", scenario, "--check"])
        #expect(check.status == 0)
        #expect(check.output.contains("matches the recorded run"))
    }
}
