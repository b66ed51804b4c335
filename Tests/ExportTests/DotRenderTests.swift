import Foundation
import Testing
@testable import Export
import Model

/// DOT output goes through the real Graphviz `dot` (`.ci/run` installs it when missing).
@Suite struct DotRenderTests {
    static func render(_ source: String) throws -> (status: Int32, stderr: String, svg: String) {
        let dot = try #require(Spawn.which("dot"), "Graphviz `dot` is not installed: apt-get install graphviz (.ci/run does)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-dot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("design.dot"), output = directory.appendingPathComponent("design.svg")
        try source.write(to: input, atomically: true, encoding: .utf8)
        let result = try Spawn.run(dot, ["-Tsvg", "-o", output.path, input.path])
        return (result.status, result.stderr, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    @Test func everyCatalogueDesignRendersWithoutWarnings() throws {
        for file in catalogueFiles() {
            let design = try catalogueDesign(file)
            let (status, stderr, svg) = try Self.render(DotExport.render(design))
            #expect(status == 0, "\(file)")
            #expect(stderr.isEmpty, "\(file): \(stderr)")
            // Graphviz's SVG writes '-' in titles as &#45;.
            func svgText(_ id: String) -> String { id.replacingOccurrences(of: "-", with: "&#45;") }
            for component in design.components {
                #expect(svg.contains("<title>\(svgText(component.id))</title>"), "\(file): \(component.id)")
            }
            for link in ExportLink.all(in: design) {
                #expect(svg.contains("<title>\(svgText(link.from))&#45;&gt;\(svgText(link.to))</title>"), "\(file): \(link.from)->\(link.to)")
            }
        }
    }

    @Test func awkwardNamesAreEscapedAndStillRender() throws {
        let design = awkwardDesign()
        let source = DotExport.render(design)
        #expect(source.hasPrefix("digraph \"Quotes \\\"here\\\", #hash & <tags> — ünïcode\" {\n"))
        #expect(source.contains("    \"edge lb\" -> \"end\" [label=\"route\", style=bold];"))
        #expect(source.contains("    \"end\" -> \"1st.queue\" [label=\"async · 25%\", style=dashed];"))
        #expect(source.contains("[label=\"forward · 50% · class write \\\"x\\\"\", style=bold]"))
        #expect(DotExport.escape("a\\N\"b\"\nc") == "a\\\\N\\\"b\\\"\\nc")
        let (status, stderr, svg) = try Self.render(source)
        #expect(status == 0)
        #expect(stderr.isEmpty, "\(stderr)")
        #expect(svg.contains("<title>café</title>"))
        #expect(svg.contains("<title>cost$</title>"))
        #expect(svg.contains("ünïcode"))
        // Dashed for the async link, bold (stroke-width 2) for the forward ones.
        #expect(svg.contains("stroke-dasharray"))
    }
}
