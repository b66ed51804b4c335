import Testing
import Model
import Analysis
import Workbench
import Layout
@testable import Render

@Suite struct InspectorTheoryTests {
    func design(_ text: String) throws -> Design { try DesignParser.parse(text, file: "inline.yaml").0 }

    @Test func theMostSpecificNotesComeFirst() throws {
        let catalogue = try #require(InspectorTheory.catalogue)
        let cache = Component(id: "cache", kind: .cache, serviceTime: .constant(S: 0.0005))
        var behind = cache
        behind.cache = CacheSettings(hitRatio: 0.9, backing: "db", strategy: .writeBehind)
        let notes = InspectorTheory.notes(for: behind, in: catalogue)
        #expect(notes.first?.appliesTo.contains("cache.strategy=write_behind") == true)
        #expect(notes.count > 5)
        #expect(Set(notes.map(\.id)).count == notes.count)
        var balancer = Component(id: "lb", kind: .loadBalancer, serviceTime: .constant(S: 0), routes: ["web"])
        balancer.algorithm = .leastConnections
        #expect(InspectorTheory.notes(for: balancer, in: catalogue).first?.appliesTo.contains("load_balancer.algorithm=least_connections") == true)
    }

    @Test func tradeOffLinesFitTheirRowsAndWidth() throws {
        let catalogue = try #require(InspectorTheory.catalogue)
        let notes = InspectorTheory.notes(for: Component(id: "q", kind: .queue, serviceTime: .constant(S: 0.001)), in: catalogue)
        let lines = InspectorTheory.tradeOffLines(notes, width: 30, rows: 12)
        #expect(lines.count <= 12 && lines.count >= 4)
        #expect(lines.allSatisfy { $0.text.count <= 30 })
        #expect(lines.contains { $0.text.hasPrefix("+ ") && $0.role == .ok })
        #expect(lines.contains { $0.text.hasPrefix("sdw notes ") })
    }

    @Test func mathOfAnMM1StationAtRhoPoint95() throws {
        let mm1 = try design("""
        sdw: 1
        workload: { entry: server, rate: 950 }
        components:
          server:
            kind: service
            service_time: { dist: exponential, mean: 1ms }
        """)
        let analysis = try #require(NetworkAnalyzer.analyze(mm1))
        let lines = InspectorTheory.mathLines(component: mm1.components[0], station: try #require(analysis.station("server")),
                                              exact: analysis.exact, live: nil)
        #expect(lines[0] == "M/M/1")
        #expect(lines.contains("ρ = λ·hold/c = 0.95"))
        #expect(lines.contains { $0.hasPrefix("wait 19") && $0.contains("resp 20") })
        #expect(lines.contains("ρ ≤ 0.7 needs 2 instances (has 1)"))
    }
}

@Suite struct LinkGlyphTests {
    @Test func eachHandOverHasItsOwnLine() throws {
        let design = try DesignParser.load(path: root.appendingPathComponent("Designs/notification-fanout.yaml").path).0
        let session = runningSession(design, width: 160, height: 48, seconds: 2)
        let text = WorkbenchView.render(session.state).text
        // Async publishes to the queues are dashed with an open arrowhead; the providers' sync calls solid.
        #expect(text.contains("╌▷"))
        #expect(text.contains("─▶") || text.contains("│") )
        let web = try webTier()
        let routes = WorkbenchView.render(runningSession(web, width: 160, height: 48, seconds: 1).state).text
        // A balancer's routes hand the request on: double lines.
        #expect(routes.contains("═"))
        #expect(LineGlyphs(.forward).glyph("╭") == "╔" && LineGlyphs(.async).glyph("│") == "╎" && LineGlyphs(.sync).arrow == "▶")
    }
}

@Suite struct EdgeRoutingTests {
    @Test func linksOfOneBlockLeaveAndArriveOnTheirOwnRows() throws {
        let design = try DesignParser.load(path: root.appendingPathComponent("Designs/notification-fanout.yaml").path).0
        let state = AppState(design: design, filePath: nil, width: 160, height: 48)
        let edges = EdgeRouter.route(design, positions: state.positions)
        for component in design.components {
            let leaving = edges.filter { $0.from == component.id }
            // Up to three links per side get a row each.
            let firsts = Set(leaving.prefix(3).map { $0.cells[0] })
            #expect(firsts.count == min(leaving.count, 3), "\(component.id): \(leaving.map { $0.cells[0] })")
        }
    }
}
