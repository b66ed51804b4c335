import Foundation
import Testing
import Model
@testable import Workbench

/// Fixes from a newcomer's walkthrough: work on one design never clears another's recovery, and blocks from the
/// palette always leave a design that opens again.
@Suite struct WalkthroughFixTests {
    @Test func eachDesignHasItsOwnRecoveryFile() {
        let base = "/state/sdw/recovery.yaml"
        let a = Recovery.path(base: base, for: "Designs/web-tier.yaml")
        let b = Recovery.path(base: base, for: "/tmp/other/web-tier.yaml")
        #expect(a != b)
        #expect(a.hasPrefix("/state/sdw/recovery-web-tier-") && a.hasSuffix(".yaml"))
        #expect(Recovery.path(base: base, for: nil) == "/state/sdw/recovery-unsaved.yaml")
        // The same file by another spelling is the same recovery file.
        let cwd = FileManager.default.currentDirectoryPath
        #expect(Recovery.path(base: base, for: "Designs/./web-tier.yaml") == Recovery.path(base: base, for: cwd + "/Designs/web-tier.yaml"))
    }

    @Test func aNewBalancerRoutesToAServiceSoTheDesignStaysValid() throws {
        let design = Design(name: "d", workload: Workload(entry: "web", rateRPS: 10),
                            components: [Component(id: "web", kind: .service, serviceTime: .exponential(meanS: 0.005))])
        for kind in [ComponentKind.loadBalancer, .apiGateway] {
            let block = try #require(EditReducer.defaultBlock(kind, id: "lb1", in: design))
            #expect(block.routes == ["web"])
            var next = design
            next.components.append(block)
            #expect(DesignParser.check(next).allSatisfy { $0.severity != .error })
        }
        let empty = Design(name: "e", workload: Workload(entry: "", rateRPS: 10), components: [])
        #expect(EditReducer.defaultBlock(.loadBalancer, id: "lb1", in: empty) == nil)
        var state = AppState(design: empty, filePath: nil)
        _ = EditReducer.addBlock(.loadBalancer, &state)
        #expect(state.message?.text == "a load_balancer needs a service to route to: add one first")
        #expect(state.design.components.isEmpty)
    }

    @Test func setNamesAMissingBlockAndSuggestsKeys() throws {
        let design = try DesignParser.load(path: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Designs/web-tier.yaml").path).0
        var state = AppState(design: design, filePath: nil)
        _ = Commands.run("set nope.workers 3", &state)
        #expect(state.mode == .command(text: "set nope.workers 3", error: "there is no block 'nope'; blocks: lb, web, db")
                || state.message?.text == "there is no block 'nope'; blocks: lb, web, db", "\(state.mode) \(String(describing: state.message))")
        var typo = AppState(design: design, filePath: nil)
        _ = Commands.run("set web.workres 3", &typo)
        let text: String
        if case .command(_, let error?) = typo.mode { text = error } else { text = typo.message?.text ?? "" }
        #expect(text.hasPrefix("no parameter 'workres' here (did you mean 'workers'?)"), "\(text)")
    }

    @Test func savingOverAHandWrittenFileSaysItsCommentsWereNotKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-comments-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("d.yaml").path
        let text = """
        # What this design teaches.
        # Try: more workers.
        sdw: 1
        workload: { entry: web, rate: 10 }
        components:
          web:
            kind: service
            service_time: { dist: exponential, mean: 5ms }
        """
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let design = try DesignParser.load(path: file).0
        var state = AppState(design: design, filePath: file)
        state.runState = .paused
        let session = WorkbenchSession(state: state, recoveryPath: folder.appendingPathComponent("recovery.yaml").path)
        session.dispatch(.saveRequested)
        #expect(session.state.message?.text == "saved \(file); its 2 comment lines were not kept: sdw writes the canonical form (every value, in order)",
                "\(String(describing: session.state.message))")
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix(DesignWriter.header))
    }

    @Test func selectTakesALink() throws {
        let design = try DesignParser.load(path: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Designs/web-tier.yaml").path).0
        var state = AppState(design: design, filePath: nil)
        _ = Commands.run("select web->db", &state)
        #expect(state.selection == .link(from: "web", to: "db"))
        _ = Commands.run("select web → db", &state)
        #expect(state.selection == .link(from: "web", to: "db"))
        var wrong = AppState(design: design, filePath: nil)
        _ = Commands.run("select db->web", &wrong)
        let text: String
        if case .command(_, let error?) = wrong.mode { text = error } else { text = wrong.message?.text ?? "" }
        #expect(text == "'db' has no link to 'web'")
    }
}
