import Foundation
import Testing
import Export
import Model

/// Drives the real `sdw export` as a user would, checking output files, messages and exit codes.
@Suite(.serialized) struct ExportCLITests {
    static var binary: String {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("sdw"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("sdw"),
            repositoryRoot.appendingPathComponent(".build/debug/sdw"),
        ]
        return (candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!).path
    }

    static func sdw(_ arguments: String...) throws -> Spawn.Result { try Spawn.run(binary, arguments) }

    static func path(_ relative: String) -> String { repositoryRoot.appendingPathComponent(relative).path }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func printsTheTextDiagramToStandardOutput() throws {
        let result = try Self.sdw("export", Self.path("Designs/web-tier.yaml"), "--format", "text")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == TextExport.render(try catalogueDesign("Designs/web-tier.yaml")))
        let ascii = try Self.sdw("export", Self.path("Designs/web-tier.yaml"), "--format", "text", "--ascii")
        #expect(ascii.status == 0)
        #expect(ascii.stdout.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(ascii.stdout.contains("|------->|"))
    }

    @Test func writesTheOutputFileAtomically() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("nested/five.mmd").path
        let result = try Self.sdw("export", Self.path("Designs/five-tier.yaml"), "-f", "mermaid", "-o", out)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "wrote \(out) (mermaid)\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == MermaidExport.render(try catalogueDesign("Designs/five-tier.yaml")))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("nested").path)
        #expect(leftovers == ["five.mmd"], "no temporary file left behind")
    }

    @Test func unknownFormatsListTheKnownOnes() throws {
        let result = try Self.sdw("export", Self.path("Designs/web-tier.yaml"), "--format", "pdf")
        #expect(result.status == 64)
        #expect(result.stderr.contains("'pdf'"))
        for format in ExportFormat.allCases { #expect(result.stderr.contains("\n  - \(format.rawValue)\n"), "\(format)") }
    }

    @Test func refusesToOverwriteTheDesignFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let design = directory.appendingPathComponent("mine.yaml")
        let original = "# my notes\n" + (try String(contentsOfFile: Self.path("Designs/web-tier.yaml"), encoding: .utf8))
        try original.write(to: design, atomically: true, encoding: .utf8)
        let sneaky = directory.appendingPathComponent("sub/../mine.yaml").path
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let result = try Self.sdw("export", design.path, "-f", "yaml", "-o", sneaky)
        #expect(result.status == 64)
        #expect(result.stderr.contains("is the design file itself"))
        #expect(try String(contentsOf: design, encoding: .utf8) == original)
    }

    @Test func unwritablePathsFailClearly() throws {
        let result = try Self.sdw("export", Self.path("Designs/web-tier.yaml"), "-f", "dot", "-o", "/proc/sdw-no-such-dir/out.dot")
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write /proc/sdw-no-such-dir/out.dot: "))
    }

    @Test func markdownWithRunAddsTheSimulatedResults() throws {
        let result = try Self.sdw("export", Self.path("Designs/validation/mm1-rho095.yaml"), "-f", "markdown", "--with-run",
                                  "--duration", "20s", "--warmup", "2s", "--seed", "3")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("## Simulated results\n\nSeed 3, 20s simulated, the first 2s excluded as warm-up; fingerprint `"))
        let row = try #require(result.stdout.components(separatedBy: "\n").first { $0.hasPrefix("| server | ") && $0.hasSuffix(" | 0 | 0 |") })
        let utilisation = row.components(separatedBy: " | ")[2]
        let percent = try #require(Double(utilisation.dropLast()))
        #expect(percent > 85 && percent < 100, "server utilisation \(utilisation) near ρ = 0.95")
        // The same seed gives the same report.
        let again = try Self.sdw("export", Self.path("Designs/validation/mm1-rho095.yaml"), "-f", "markdown", "--with-run",
                                 "--duration", "20s", "--warmup", "2s", "--seed", "3")
        #expect(again.stdout == result.stdout)
    }

    @Test func runOptionsNeedWithRunAndMarkdown() throws {
        let dot = try Self.sdw("export", Self.path("Designs/web-tier.yaml"), "-f", "dot", "--with-run")
        #expect(dot.status == 64)
        #expect(dot.stderr.contains("--with-run goes with --format markdown"))
        let seed = try Self.sdw("export", Self.path("Designs/web-tier.yaml"), "-f", "markdown", "--seed", "3")
        #expect(seed.status == 64)
        #expect(seed.stderr.contains("add --with-run"))
    }
}
