import Foundation
import Testing
@testable import Model

/// Writes a design and reads it back under the same source name, so `Design.==` can compare the two.
private func reread(_ design: Design) throws -> Design {
    let text = DesignWriter.yaml(design)
    do {
        return try DesignParser.parse(text, file: design.source).0
    } catch {
        Issue.record("the written text does not parse: \(error)\n\(text)")
        throw error
    }
}

/// Full diagnostics ("file:line:column: error: message") of a design text.
private func located(_ text: String, file: String = "p.yaml") -> [String] {
    do {
        _ = try DesignParser.parse(text, file: file)
        return []
    } catch let error as DesignLoadError {
        return error.diagnostics.map(\.description)
    } catch {
        return ["unexpected \(error)"]
    }
}

private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A design using every key and every non-default value the format has.
private func everyKeyDesign(pattern: LoadPattern = .ramp(toRPS: 3000, overS: 30, startS: 5),
                            arrivals: Workload.Arrivals = .constant) -> Design {
    let edge = Component(id: "edge", kind: .loadBalancer, description: "Edge: the front door # not a comment",
                         instances: 2, workers: 4, queueCapacity: 0,
                         serviceTime: .exponential(meanS: 0.1 * 1e-3),
                         routes: ["api", "api-2"], algorithm: .weighted, weights: [3, 1.5],
                         balancing: .leastConnections, position: GridPoint(x: 0, y: 0))
    let api = Component(id: "api", kind: .service, description: "- starts with a dash",
                        instances: 3, workers: 8, queueCapacity: 250,
                        serviceTime: .lognormal(meanS: 0.005, shape: .p99(0.040)),
                        calls: [
                            Call(to: "db", mode: .sync, probability: 1, timeoutS: 1.0 / 3, requestClass: "read"),
                            Call(to: "slow_queue", mode: .forward, probability: 0.25),
                            Call(to: "on", mode: .async, probability: 0.1, requestClass: "write #2"),
                        ],
                        balancing: .powerOfTwo, position: GridPoint(x: 12, y: 3))
    let api2 = Component(id: "api-2", kind: .service, description: "ρ = 0.9 — \"quoted\", 'single' & {braces}",
                         queueCapacity: 5000, serviceTime: .lognormal(meanS: 123.456e-6, shape: .cv(1.5)),
                         calls: [Call(to: "db"), Call(to: "on", mode: .sync, probability: 0.5)],
                         balancing: .consistentHash)
    let db = Component(id: "db", kind: .service, description: "yes", workers: 16,
                       serviceTime: .uniform(minS: 0, maxS: 0.003), balancing: .weighted, position: GridPoint(x: 40, y: 7))
    let slowQueue = Component(id: "slow_queue", kind: .service, description: "",
                              serviceTime: .constant(S: 0), balancing: .roundRobin)
    let on = Component(id: "on", kind: .service, description: "line one\nline two\tand a tab",
                       serviceTime: .uniform(minS: 123.456e-6, maxS: 0.002))
    let spare = Component(id: "spare", kind: .loadBalancer, serviceTime: .constant(S: 0), routes: ["db"],
                          position: GridPoint(x: 5, y: 20))
    let minutes = Component(id: "batch", kind: .loadBalancer, serviceTime: .constant(S: 0.5), routes: ["db"],
                            algorithm: .random, weights: [2])
    return Design(name: "Shop: checkout — ρ ≈ 0.7 # peak", description: "\"Quoted\" start, a: colon and 1e3",
                  seed: 18_446_744_073_709_551_615,
                  simulation: SimulationSettings(durationS: 7, warmupS: 7.0 / 6),
                  workload: Workload(entry: "edge", arrivals: arrivals, rateRPS: 1500, pattern: pattern,
                                     classes: [RequestClass(name: "read", weight: 0.9),
                                               RequestClass(name: "write #2", weight: 0.1)]),
                  components: [edge, api, api2, db, slowQueue, on, spare, minutes], source: "every.yaml")
}

@Suite struct DesignWriterTests {
    @Test func everyCatalogueDesignRoundTrips() throws {
        let designs = repositoryRoot.appendingPathComponent("Designs")
        let files = FileManager.default.enumerator(at: designs, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "yaml" }
        #expect(files.count >= 5)
        for file in files {
            let (design, _) = try DesignParser.load(path: file.path)
            let text = DesignWriter.yaml(design)
            let again = try DesignParser.parse(text, file: file.path).0
            #expect(again == design, "\(file.lastPathComponent)")
            #expect(DesignWriter.yaml(again) == text, "\(file.lastPathComponent)")
        }
    }

    @Test func webTierIsWrittenInCanonicalForm() throws {
        let (design, _) = try DesignParser.load(path: repositoryRoot.appendingPathComponent("Designs/web-tier.yaml").path)
        let text = DesignWriter.yaml(design)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("    service_time: { dist: lognormal, mean: 5ms, p99: 40ms }"))
        #expect(lines.contains("simulation: { duration: 60s, warmup: 10s }"))
        #expect(lines.contains("    - { name: read, weight: 0.9 }"))
        #expect(lines.contains("      - { to: db, timeout: 500ms }"))
        #expect(lines.contains("    routes: [web]"))
        #expect(text == """
            # Saved by sdw
            sdw: 1
            name: Web tier with database
            description: A load balancer over four web instances that read from one database; the classic first design.
            seed: 42
            simulation: { duration: 60s, warmup: 10s }
            workload:
              entry: lb
              arrivals: poisson
              rate: 950
              classes:
                - { name: read, weight: 0.9 }
                - { name: write, weight: 0.1 }
            components:
              lb:
                kind: load_balancer
                description: Spreads requests over the web instances.
                algorithm: least_connections
                service_time: { dist: exponential, mean: 0.1ms }
                routes: [web]
              web:
                kind: service
                description: Renders pages; waits on the database for every request.
                instances: 4
                workers: 8
                queue_capacity: 1000
                service_time: { dist: lognormal, mean: 5ms, p99: 40ms }
                calls:
                  - { to: db, timeout: 500ms }
              db:
                kind: service
                description: One primary database with 16 connections.
                workers: 16
                queue_capacity: 1000
                service_time: { dist: exponential, mean: 2ms }

            """)
    }

    @Test func everyKeyRoundTrips() throws {
        let patterns: [LoadPattern] = [
            .constant, .ramp(toRPS: 3000, overS: 30, startS: 0), .ramp(toRPS: 2500, overS: 1.0 / 3, startS: 5),
            .spike(atS: 20, factor: 2.5, forS: 5), .spike(atS: 0, factor: 0.5, forS: 0.1 * 1e-3),
            .diurnal(peakRPS: 1.5e6, periodS: 86_400), .diurnal(peakRPS: 1234, periodS: 90),
        ]
        for pattern in patterns {
            for arrivals in Workload.Arrivals.allCases {
                let design = everyKeyDesign(pattern: pattern, arrivals: arrivals)
                let again = try reread(design)
                #expect(again == design, "\(pattern)")
                #expect(again.components.map(\.position) == design.components.map(\.position))
                #expect(again.components.map(\.description) == design.components.map(\.description))
                #expect(DesignWriter.yaml(again) == DesignWriter.yaml(design))
            }
        }
    }

    @Test func everyKeyIsWrittenAsDocumented() {
        let text = DesignWriter.yaml(everyKeyDesign())
        let lines = Set(text.split(separator: "\n").map(String.init))
        for line in [
            "name: \"Shop: checkout — ρ ≈ 0.7 # peak\"",
            "description: \"\\\"Quoted\\\" start, a: colon and 1e3\"",
            "seed: 18446744073709551615",
            "simulation: { duration: 7s, warmup: 1.1666666666666667s }",
            "  arrivals: constant",
            "  rate: 1.5k",
            "  pattern: { kind: ramp, to: 3k, over: 30s, start: 5s }",
            "    - { name: \"write #2\", weight: 0.1 }",
            "  edge:",
            "    kind: load_balancer",
            "    description: \"Edge: the front door # not a comment\"",
            "    algorithm: weighted",
            "    instances: 2",
            "    workers: 4",
            "    queue_capacity: 0",
            "    balancing: least_connections",
            "    service_time: { dist: exponential, mean: 0.1ms }",
            "    routes: [api, api-2]",
            "    weights: [3, 1.5]",
            "    position: [0, 0]",
            "    description: \"- starts with a dash\"",
            "      - { to: db, timeout: 333.3333333333333ms, class: read }",
            "      - { to: slow_queue, mode: forward, probability: 0.25 }",
            "      - { to: \"on\", mode: async, probability: 0.1, class: \"write #2\" }",
            "    service_time: { dist: lognormal, mean: 123.456us, cv: 1.5 }",
            "      - { to: \"on\", probability: 0.5 }",
            "    description: ρ = 0.9 — \"quoted\", 'single' & {braces}",
            "    description: \"yes\"",
            "    service_time: { dist: uniform, min: 0s, max: 3ms }",
            "    description: \"\"",
            "    service_time: { dist: constant, mean: 0s }",
            "  \"on\":",
            "    description: \"line one\\nline two\\tand a tab\"",
            "    service_time: { dist: uniform, min: 123.456us, max: 2ms }",
            "    service_time: { dist: constant, mean: 500ms }",
            "    algorithm: random",
            "    weights: [2]",
            "    position: [40, 7]",
        ] {
            #expect(lines.contains(line), "missing: \(line)\n\(text)")
        }
        // Defaults are left out: the spare balancer is kind, routes and position only.
        #expect(text.contains("""
              spare:
                kind: load_balancer
                routes: [db]
                position: [5, 20]
            """))
        #expect(!text.contains("mode: sync") && !text.contains("probability: 1,") && !text.contains("algorithm: round_robin"))
    }

    @Test func everyPatternKindIsWritten() {
        func line(_ pattern: LoadPattern) -> String? {
            DesignWriter.yaml(everyKeyDesign(pattern: pattern)).split(separator: "\n")
                .first { $0.hasPrefix("  pattern:") }.map(String.init)
        }
        #expect(line(.constant) == nil)
        #expect(line(.ramp(toRPS: 3000, overS: 30, startS: 0)) == "  pattern: { kind: ramp, to: 3k, over: 30s }")
        #expect(line(.spike(atS: 20, factor: 2.5, forS: 5)) == "  pattern: { kind: spike, at: 20s, factor: 2.5, for: 5s }")
        #expect(line(.spike(atS: 0, factor: 3, forS: 0.25)) == "  pattern: { kind: spike, at: 0s, factor: 3, for: 250ms }")
        #expect(line(.diurnal(peakRPS: 1.5e6, periodS: 86_400)) == "  pattern: { kind: diurnal, peak: 1.5M, period: 24h }")
    }

    @Test func trickyTextRoundTrips() throws {
        let samples = [
            "read", "yes", "No", "ON", "null", "Null", "~", "true", "1e3", "0.9", "12", "-3", "+4", ".5", "0x1F", "0o17",
            "1_000", "1:30", "2024-01-31", ".inf", "-.inf", ".NaN", "<<", "=", "- dash", "-dash", "--- doc", "...",
            "a: b", "ends:", "a:b", "trail ", " lead", "\ttab", "a #b", "a#b", "#tag", "ρ = 0.9 — ok", "quote \"inside\"",
            "'single'", "back\\slash", "tab\there", "line\nbreak", "cr\rhere", "", " ", "[x]", "{y}", "a, b", "a,b",
            "x]y", "&anchor", "*alias", "!tag", "|pipe", ">fold", "%pct", "@at", "`tick", "?q", "? q", ":colon",
            "emoji 🚀", "bell\u{7}", "nul\u{0}", "nbsp\u{A0}x", "bom\u{FEFF}", "del\u{7F}", "next\u{85}line",
            "ls\u{2028}x", "ps\u{2029}x", "http://x.y/z?a=1#frag", "C:\\path", "100%", "a \"b\" c",
        ]
        for sample in samples {
            var design = everyKeyDesign()
            design.name = sample
            design.description = sample
            design.components[1].description = sample
            design.workload.classes[1].name = sample
            design.components[1].calls[2].requestClass = sample
            if sample == "read" { design.workload.classes[0].name = "other"; design.components[1].calls[0].requestClass = nil }
            guard let again = try? reread(design) else {
                Issue.record("\(sample.debugDescription) does not read back")
                continue
            }
            #expect(again == design, "\(sample.debugDescription)")
            #expect(again.name == sample && again.workload.classes[1].name == sample, "\(sample.debugDescription)")
        }
        #expect(DesignWriter.text("read") == "read")
        #expect(DesignWriter.text("ρ = 0.9") == "ρ = 0.9")
        #expect(DesignWriter.text("Renders pages; waits on the database.") == "Renders pages; waits on the database.")
        #expect(DesignWriter.text("yes") == "\"yes\"")
        #expect(DesignWriter.text("1e3") == "\"1e3\"")
        #expect(DesignWriter.text("a: b") == "\"a: b\"")
        #expect(DesignWriter.text("say \"hi\"\n") == "\"say \\\"hi\\\"\\n\"")
        #expect(DesignWriter.text("a, b") == "a, b")
        #expect(DesignWriter.text("a, b", flow: true) == "\"a, b\"")
    }

    @Test func randomTextRoundTrips() throws {
        let alphabet: [String] = [" ", "-", ":", "#", ",", "[", "]", "{", "}", "\"", "'", "\\", "a", "y", "1", "0", ".",
                                  "e", "x", "\n", "\t", "?", "!", "&", "*", "|", ">", "%", "@", "`", "ρ", "~", "_", "+", "/",
                                  "=", "<", "\r", "\u{85}", "\u{A0}", "🚀"]
        var state: UInt64 = 12345
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var base = everyKeyDesign()
        base.components[1].calls[2].requestClass = nil
        for _ in 0..<600 {
            let sample = (0..<next(9)).map { _ in alphabet[next(alphabet.count)] }.joined()
            var design = base
            design.name = sample
            design.description = sample
            design.components[2].description = sample
            design.workload.classes[1].name = sample == "read" ? "other" : sample
            guard let again = try? reread(design) else {
                Issue.record("\(sample.debugDescription) does not read back")
                continue
            }
            #expect(again == design, "\(sample.debugDescription)")
        }
    }

    @Test func awkwardDurationsRoundTripExactly() {
        var values: [Double] = [
            0.1 * 1e-3, 1e-4, 100 * 1e-6, 1.0 / 3, 123.456 * 1e-6, 123.456e-6, 1e-7, 0.1 + 0.2, 7.0 / 6, 5e-9,
            1.5e-9, 1e-12, 0.25, 0.5, 1, 60, 90, 119.5, 120, 150, 3000, 5000, 7201, 86_400, 1e9, 2.5 * 1e-3, 2500 * 1e-6,
            .ulpOfOne, 1 + .ulpOfOne, 0.007, 1e-3, 0.999999, 1234.5678,
        ]
        // Deterministic pseudo-random values from 1 ns to 10 hours, spread evenly in log scale.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<5000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53)
            values.append(exp(log(1e-9) + unit * (log(36_000) - log(1e-9))))
        }
        for value in values {
            let text = DesignWriter.duration(value)
            #expect(Units.parseDuration(text) == value, "\(value) written as \(text)")
            #expect(text.last?.isLetter == true, "\(text) has no unit")
        }
        #expect(DesignWriter.duration(0.1 * 1e-3) == "0.1ms")
        #expect(DesignWriter.duration(100 * 1e-6) == "100us")
        #expect(DesignWriter.duration(0.005) == "5ms")
        #expect(DesignWriter.duration(0.25) == "250ms")
        #expect(DesignWriter.duration(2) == "2s")
        #expect(DesignWriter.duration(60) == "60s")
        #expect(DesignWriter.duration(150) == "2.5m")
        #expect(DesignWriter.duration(86_400) == "24h")
        #expect(DesignWriter.duration(5000) == "5000s")
        #expect(DesignWriter.duration(123.456 * 1e-6) == "123.456us")
        #expect(DesignWriter.duration(1.0 / 3) == "333.3333333333333ms")
        #expect(DesignWriter.duration(0) == "0s")
        // As docs/FORMAT.md says: the spelling is not kept, only the value.
        #expect(DesignWriter.duration(Units.parseDuration("1.5m")!) == "90s")
        #expect(DesignWriter.duration(Units.parseDuration("0.1ms")!) == "0.1ms")
        #expect(DesignWriter.duration(Units.parseDuration("100us")!) == "100us")
    }

    @Test func awkwardDurationsRoundTripThroughAFile() throws {
        for value in [1.0 / 3, 123.456e-6, 1e-7, 0.1 + 0.2, 0.1 * 1e-3, 1e-4] {
            var design = everyKeyDesign()
            design.components[1].serviceTime = .exponential(meanS: value)
            design.components[1].calls[0].timeoutS = value
            design.simulation = SimulationSettings(durationS: 10 + value, warmupS: value)
            #expect(try reread(design) == design, "\(value)")
        }
    }

    @Test func ratesAreCompactAndExact() {
        #expect(DesignWriter.rate(950) == "950")
        #expect(DesignWriter.rate(1000) == "1k")
        #expect(DesignWriter.rate(10_000) == "10k")
        #expect(DesignWriter.rate(1_500_000) == "1.5M")
        #expect(DesignWriter.rate(2e9) == "2G")
        #expect(DesignWriter.rate(1234) == "1234")
        #expect(DesignWriter.rate(12.5) == "12.5")
        for value in [950, 1000, 1234, 12.5, 1.0 / 3, 0.1, 1e-9, 123_456_789, 1.5e6, 2.5e3, 999.999, 1e15] as [Double] {
            let text = DesignWriter.rate(value)
            #expect(Units.parseRate(text) == value, "\(value) written as \(text)")
        }
    }

    @Test func positionsAreReadInBothForms() throws {
        func design(_ position: String) -> String {
            """
            sdw: 1
            name: P
            workload: { entry: a, rate: 10 }
            components:
              a:
                kind: service
                service_time: { dist: constant, mean: 1ms }
                position: \(position)
              lb:
                kind: load_balancer
                routes: [a]
                position: { x: 0, y: 12 }
            """
        }
        let parsed = try DesignParser.parse(design("[3, 7]"), file: "p.yaml").0
        #expect(parsed.component("a")?.position == GridPoint(x: 3, y: 7))
        #expect(parsed.component("lb")?.position == GridPoint(x: 0, y: 12))
        #expect(try DesignParser.parse(design("{ x: 3, y: 7 }"), file: "p.yaml").0.component("a")?.position == GridPoint(x: 3, y: 7))
        #expect(try DesignParser.parse(design("[1_0, 0]"), file: "p.yaml").0.component("a")?.position == GridPoint(x: 10, y: 0))
        let unplaced = try DesignParser.parse(design("[3, 7]").replacingOccurrences(of: "    position: [3, 7]\n", with: ""),
                                              file: "p.yaml").0
        #expect(unplaced.component("a")?.position == nil)
        #expect(parsed != unplaced)
    }

    @Test func positionErrorsAreLocated() {
        func design(_ position: String) -> String {
            """
            sdw: 1
            name: P
            workload: { entry: a, rate: 10 }
            components:
              a:
                kind: service
                service_time: { dist: constant, mean: 1ms }
                position: \(position)
            """
        }
        #expect(located(design("[3, -1]"))
            == ["p.yaml:8:19: error: position y (row) of component 'a' must be at least 0, found -1"])
        #expect(located(design("[-2, 5]"))
            == ["p.yaml:8:16: error: position x (column) of component 'a' must be at least 0, found -2"])
        #expect(located(design("[1, 2, 3]"))
            == ["p.yaml:8:15: error: position of component 'a' must be two whole numbers [x, y] (column, row), found 3 values"])
        #expect(located(design("[4]"))
            == ["p.yaml:8:15: error: position of component 'a' must be two whole numbers [x, y] (column, row), found 1 value"])
        #expect(located(design("left"))
            == ["p.yaml:8:15: error: position of component 'a' must be [x, y] (column, row), e.g. [3, 7], or { x: 3, y: 7 }, found 'left'"])
        #expect(located(design("[a, 2]"))
            == ["p.yaml:8:16: error: position x (column) of component 'a' must be a whole number, found 'a'"])
        #expect(located(design("[1.5, 2]"))
            == ["p.yaml:8:16: error: position x (column) of component 'a' must be a whole number, found '1.5'"])
        #expect(located(design("{ x: 3 }"))
            == ["p.yaml:8:15: error: position of component 'a' is missing 'y' (the row, a whole number ≥ 0)"])
        #expect(located(design("{ x: 3, y: 7, z: 1 }"))
            == ["p.yaml:8:29: error: unknown key 'z' in position of component 'a' (did you mean 'x'?); valid keys: x, y"])
    }

    @Test func positionIsPartOfEquality() {
        let a = Component(id: "a", kind: .service, serviceTime: .constant(S: 0.001))
        var b = a
        b.position = GridPoint(x: 1, y: 2)
        #expect(a != b)
        b.position = nil
        #expect(a == b)
    }

    @Test func positionIsInTheCatalogueAndValidKeys() {
        for kind in ComponentKind.allCases {
            #expect(DesignParser.componentKeys(kind).contains("position"))
            #expect(BlockCatalog.info(kind).parameters.contains { $0.key == "position" })
        }
    }
}
