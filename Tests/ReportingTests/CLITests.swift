import Foundation
import Testing

/// Drives the real `sdw` binary as a user would, checking output and exit codes.
struct CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        // The test bundle sits beside the executable in the build folder.
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("sdw"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("sdw"),
            root.appendingPathComponent(".build/debug/sdw"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryFile(_ text: String, name: String = "design.yaml") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}

@Suite(.serialized) struct CLITests {
    @Test func runPrintsAReadableReport() throws {
        let output = try CLI.run(["run", "Designs/web-tier.yaml", "--duration", "20s", "--warmup", "2s"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("Web tier with database\nseed 42 · 20s simulated, first 2s excluded as warm-up"))
        #expect(output.stdout.contains("Latency     mean "))
        #expect(output.stdout.contains("(95% CI, batch means)"))
        #expect(output.stdout.contains("component  kind "))
        #expect(output.stdout.contains("Theory: approximate"))
        #expect(output.stderr.isEmpty, "no progress line when stderr is not a terminal")
    }

    @Test func jsonReportHasTheDocumentedKeys() throws {
        let output = try CLI.run(["run", "Designs/validation/mm1-rho095.yaml", "--duration", "300s", "--warmup", "20s", "--json", "--seed", "3"])
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        for key in ["sdw_report", "design", "seed", "duration_s", "warmup_s", "events", "wall_s", "fingerprint", "requests",
                    "throughput_rps", "latency_ms", "components", "analysis"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["seed"] as? Int == 3)
        #expect(object["duration_s"] as? Double == 300)
        let requests = try #require(object["requests"] as? [String: Int])
        #expect(Set(requests.keys) == ["offered", "completed", "rejected", "timed_out", "failed", "rate_limited"])
        let latency = try #require(object["latency_ms"] as? [String: Any])
        for key in ["mean", "mean_ci95", "p50", "p90", "p95", "p99", "p999", "max"] { #expect(latency[key] is Double, "latency \(key)") }
        let server = try #require((object["components"] as? [String: Any])?["server"] as? [String: Any])
        #expect(server["kind"] as? String == "service")
        #expect(abs((server["utilization"] as? Double ?? 0) - 0.95) < 0.02)
        for key in ["throughput_rps", "mean_queue_length", "wait_ms", "response_ms"] { #expect(server[key] != nil) }
        let analysis = try #require(object["analysis"] as? [String: Any])
        #expect(analysis["model"] as? String == "M/M/1")
        #expect(abs((analysis["latency_ms_mean"] as? Double ?? 0) - 20) < 1e-9)
        #expect(analysis["bottleneck"] as? String == "server")
        #expect(abs((analysis["max_throughput_rps"] as? Double ?? 0) - 1000) < 1e-6)
        #expect((analysis["utilization"] as? [String: Double])?["server"] == 0.95)
        #expect((object["events"] as? Int ?? 0) > 500_000)
    }

    @Test func sameSeedSameJSONApartFromWallTime() throws {
        func stable(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("\"wall_s\"") && !$0.contains("\"events_per_s\"") }.joined(separator: "\n")
        }
        let a = try CLI.run(["run", "Designs/web-tier.yaml", "--duration", "10s", "--json"])
        let b = try CLI.run(["run", "Designs/web-tier.yaml", "--duration", "10s", "--json"])
        #expect(stable(a.stdout) == stable(b.stdout))
        let c = try CLI.run(["run", "Designs/web-tier.yaml", "--duration", "10s", "--json", "--seed", "9"])
        #expect(stable(a.stdout) != stable(c.stdout))
    }

    @Test func replicationsReportACIAcrossRuns() throws {
        let output = try CLI.run(["run", "Designs/validation/mm8-rho09.yaml", "--duration", "200s", "--warmup", "10s",
                                  "--replications", "4", "--json"])
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["replications"] as? Int == 4)
        let latency = try #require(object["latency_ms"] as? [String: Any])
        let mean = try #require(latency["mean"] as? Double), ci = try #require(latency["mean_ci95"] as? Double)
        #expect(ci > 0 && ci < 2)
        #expect(abs(mean - 18.77) < 3 * ci + 0.2)
    }

    @Test func validateAcceptsTheCatalogueAndRejectsMistakes() throws {
        let good = try CLI.run(["validate", "Designs/web-tier.yaml", "Designs/validation/mm1-rho095.yaml"])
        #expect(good.status == 0)
        #expect(good.stdout.contains("ok  Designs/web-tier.yaml  Web tier with database (3 components)"))
        let bad = try CLI.temporaryFile("""
        sdw: 1
        workload: { entry: web, rate: 100 }
        components:
          web:
            kind: service
            workres: 4
            service_time: { dist: exponential, mean: 5ms }
            calls: [dbb]
        """)
        let output = try CLI.run(["validate", bad])
        #expect(output.status == 1)
        #expect(output.stderr.contains("\(bad):6:5: error: unknown key 'workres' in component 'web' (did you mean 'workers'?)"))
        #expect(!output.stderr.contains("Swift.DecodingError"))
    }

    @Test func unstableDesignsAreAcceptedWithAWarning() throws {
        let path = try CLI.temporaryFile("""
        sdw: 1
        workload: { entry: web, rate: 2k }
        components:
          web: { kind: service, workers: 4, service_time: { dist: exponential, mean: 5ms } }
        """)
        let output = try CLI.run(["validate", path])
        #expect(output.status == 0)
        #expect(output.stderr.contains("warning: 'web' is saturated: utilisation 2.5 ≥ 1"))
    }

    @Test func badFlagsAndFilesGiveClearErrors() throws {
        let missing = try CLI.run(["run", "no/such/design.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no/such/design.yaml: no such file"))
        let directory = try CLI.run(["validate", "Designs"])
        #expect(directory.status == 1)
        #expect(directory.stderr.contains("Designs: is a directory, not a design file"))
        let empty = try CLI.run(["validate", try CLI.temporaryFile("")])
        #expect(empty.stderr.contains(":1:1: error: the file is empty; a design starts with 'sdw: 1'"))
        let badRate = try CLI.run(["run", "Designs/web-tier.yaml", "--rate", "fast"])
        #expect(badRate.status == 64)
        #expect(badRate.stderr.contains("--rate"))
        let badWarmup = try CLI.run(["run", "Designs/web-tier.yaml", "--duration", "5s", "--warmup", "10s"])
        #expect(badWarmup.status == 64)
        #expect(badWarmup.stderr.contains("warmup (10s) must be shorter than the duration (5s)"))
        let zeroReplications = try CLI.run(["run", "Designs/web-tier.yaml", "--replications", "0"])
        #expect(zeroReplications.status == 64)
    }

    @Test func blocksListsEveryKindWithDefaults() throws {
        let output = try CLI.run(["blocks"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("service\n"))
        #expect(output.stdout.contains("load_balancer\n"))
        #expect(output.stdout.contains("queue_capacity  10000"))
        #expect(output.stdout.contains("algorithm       round_robin"))
    }

    @Test func noArgumentsWithoutATerminalPointsToSdwRun() throws {
        let output = try CLI.run([])
        #expect(output.status == 2)
        #expect(output.stderr.contains("the workbench needs an interactive terminal"))
        #expect(output.stderr.contains("sdw run Designs/web-tier.yaml"))
        #expect(output.stdout.isEmpty)
    }

    @Test func helpIsAvailableEverywhere() throws {
        for arguments in [["--help"], ["run", "--help"], ["validate", "--help"], ["blocks", "--help"], ["open", "--help"]] {
            let output = try CLI.run(arguments)
            #expect(output.status == 0)
            #expect(output.stdout.contains("USAGE:"))
        }
    }
}
