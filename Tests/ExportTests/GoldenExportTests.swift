import Foundation
import Testing
import Export
import Model

/// Golden files for every format of several catalogue designs: `__Snapshots__/<design>.<format>`.
@Suite struct GoldenExportTests {
    static let designs = ["Designs/web-tier.yaml", "Designs/five-tier.yaml", "Designs/validation/jackson-lb-web-db.yaml"]
    static let formats: [ExportFormat] = [.text, .ascii, .markdown, .mermaid, .d2, .dot]

    @Test(arguments: designs)
    func everyFormatMatchesItsGoldenFile(_ path: String) throws {
        let design = try catalogueDesign(path)
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        for format in Self.formats {
            assertGolden(Exporter.render(design, as: format), named: "\(name).\(format.rawValue)")
        }
    }

    @Test func yamlExportIsTheCanonicalWriterAndRoundTripsEveryCatalogueDesign() throws {
        let files = catalogueFiles()
        #expect(files.count >= 6)
        for file in files {
            let design = try catalogueDesign(file)
            let text = Exporter.render(design, as: .yaml)
            #expect(text == DesignWriter.yaml(design))
            let again = try DesignParser.parse(text, file: repositoryRoot.appendingPathComponent(file).path).0
            #expect(again == design, "\(file)")
            // Key order is kept: the same text again.
            #expect(DesignWriter.yaml(again) == text, "\(file)")
        }
    }

    /// Top-level keys and block ids come out in the order the catalogue files use.
    @Test func yamlExportKeepsTheKeyOrderOfTheCatalogue() throws {
        func keys(_ text: String) -> [String] {
            text.components(separatedBy: "\n").compactMap { line in
                line.range(of: #"^(  )?[A-Za-z0-9_-]+:"#, options: .regularExpression).map { String(line[$0]) }
            }.filter { !$0.hasPrefix("  ") || !["  entry:", "  arrivals:", "  rate:", "  pattern:", "  classes:"].contains($0) }
        }
        for file in catalogueFiles() {
            let source = try String(contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)
            let exported = keys(Exporter.render(try catalogueDesign(file), as: .yaml))
            let original = keys(source).filter(exported.contains)
            #expect(original == exported.filter(original.contains), "\(file)")
            #expect(exported.contains("components:"))
        }
    }

    @Test func formatNamesAndExtensions() {
        #expect(ExportFormat(name: "md") == .markdown)
        #expect(ExportFormat(name: "Graphviz") == .dot)
        #expect(ExportFormat(name: "pdf") == nil)
        #expect(ExportFormat.allCases.map(\.fileExtension) == ["txt", "txt", "md", "mmd", "d2", "dot", "yaml"])
    }
}
