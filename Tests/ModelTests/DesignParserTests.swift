import Foundation
import Testing
@testable import Model

/// A minimal valid design; tests change one thing at a time.
let validDesign = """
sdw: 1
name: Test
seed: 7
simulation: { duration: 30s, warmup: 5s }
workload:
  entry: lb
  rate: 10k
  classes:
    - { name: read, weight: 3 }
    - { name: write, weight: 1 }
components:
  lb:
    kind: load_balancer
    algorithm: weighted
    weights: [3, 1]
    routes: [web, web2]
  web:
    kind: service
    instances: 4
    workers: 8
    service_time: { dist: lognormal, mean: 5ms, p99: 40ms }
    calls:
      - { to: db, mode: sync, timeout: 500ms, class: read }
      - { to: audit, mode: async, probability: 0.1 }
  web2:
    kind: service
    service_time: { dist: uniform, min: 1ms, max: 3ms }
    calls: [db]
  db:
    kind: service
    workers: 16
    queue_capacity: 0
    service_time: { dist: exponential, mean: 2ms }
  audit:
    kind: service
    service_time: { dist: constant, mean: 1ms }
"""

func parse(_ text: String) throws -> Design {
    try DesignParser.parse(text, file: "t.yaml").0
}

/// The errors a text produces, as "line:column: message".
func errors(_ text: String) -> [String] {
    do {
        _ = try DesignParser.parse(text, file: "t.yaml")
        return []
    } catch let error as DesignLoadError {
        return error.diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-"): \($0.message)" }
    } catch {
        return ["unexpected \(error)"]
    }
}

@Suite struct DesignParserTests {
    @Test func parsesEveryKey() throws {
        let design = try parse(validDesign)
        #expect(design.name == "Test")
        #expect(design.seed == 7)
        #expect(design.simulation == SimulationSettings(durationS: 30, warmupS: 5))
        #expect(design.workload.rateRPS == 10_000)
        #expect(design.workload.classes.map(\.name) == ["read", "write"])
        #expect(design.components.map(\.id) == ["lb", "web", "web2", "db", "audit"])
        let lb = try #require(design.component("lb"))
        #expect(lb.kind == .loadBalancer && lb.algorithm == .weighted && lb.weights == [3, 1] && lb.routes == ["web", "web2"])
        #expect(lb.serviceTime == .constant(S: 0))
        let web = try #require(design.component("web"))
        #expect(web.instances == 4 && web.workers == 8 && web.queueCapacity == Component.defaultQueueCapacity)
        #expect(web.serviceTime == .lognormal(meanS: 0.005, shape: .p99(0.040)))
        #expect(web.calls == [Call(to: "db", mode: .sync, probability: 1, timeoutS: 0.5, requestClass: "read"),
                              Call(to: "audit", mode: .async, probability: 0.1)])
        #expect(design.component("web2")?.calls == [Call(to: "db")])
        #expect(design.component("web2")?.serviceTime == .uniform(minS: 0.001, maxS: 0.003))
        #expect(design.component("db")?.queueCapacity == 0)
    }

    @Test func everyDesignInTheCatalogueIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let designs = root.appendingPathComponent("Designs")
        let files = FileManager.default.enumerator(at: designs, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "yaml" }
        #expect(files.count >= 5)
        for file in files {
            let (design, diagnostics) = try DesignParser.load(path: file.path)
            #expect(!design.components.isEmpty)
            #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(file.lastPathComponent)")
        }
    }

    @Test func unknownKeyIsLocatedWithASuggestion() {
        let text = validDesign.replacingOccurrences(of: "    instances: 4", with: "    instnaces: 4")
        #expect(errors(text) == ["19:5: unknown key 'instnaces' in component 'web' (did you mean 'instances'?); valid keys: kind, description, instances, workers, queue_capacity, service_time, balancing, position, region, calls, rate_limit, autoscale"])
    }

    @Test func wrongTypesSayWhatIsExpected() {
        #expect(errors(validDesign.replacingOccurrences(of: "workers: 8", with: "workers: eight"))
            == ["20:14: workers of component 'web' must be a whole number, found 'eight'"])
        #expect(errors(validDesign.replacingOccurrences(of: "workers: 8", with: "workers: [8]"))
            == ["20:14: workers of component 'web' must be a whole number, found a list"])
        #expect(errors(validDesign.replacingOccurrences(of: "rate: 10k", with: "rate: quick"))
            == ["7:9: workload rate must be a rate per second such as 950, 10k or 1.5M, found 'quick'"])
    }

    @Test func zeroAndNegativeCountsAndRatesAreRefused() {
        #expect(errors(validDesign.replacingOccurrences(of: "instances: 4", with: "instances: 0"))
            == ["19:16: instances of component 'web' must be at least 1, found 0"])
        #expect(errors(validDesign.replacingOccurrences(of: "workers: 16", with: "workers: -2"))
            == ["31:14: workers of component 'db' must be at least 1, found -2"])
        #expect(errors(validDesign.replacingOccurrences(of: "rate: 10k", with: "rate: 0"))
            == ["7:9: workload rate must be greater than 0, found '0'"])
    }

    @Test func unknownReferencesNameTheValidComponents() {
        #expect(errors(validDesign.replacingOccurrences(of: "to: db, mode: sync", with: "to: dbb, mode: sync"))
            == ["23:15: call from 'web': unknown component 'dbb' (did you mean 'db'?); components: lb, web, web2, db, audit"])
        #expect(errors(validDesign.replacingOccurrences(of: "entry: lb", with: "entry: gateway"))
            == ["6:10: workload entry: unknown component 'gateway'; components: lb, web, web2, db, audit"])
        #expect(errors(validDesign.replacingOccurrences(of: "routes: [web, web2]", with: "routes: [web, wbe2]"))
            == ["16:19: route of 'lb': unknown component 'wbe2' (did you mean 'web2'?); components: lb, web, web2, db, audit"])
        #expect(errors(validDesign.replacingOccurrences(of: "class: read", with: "class: reads"))
            == ["23:54: call from 'web' names request class 'reads', which is not declared (did you mean 'read'?); classes: read, write"])
    }

    @Test func syncCyclesAreRefused() {
        let text = validDesign.replacingOccurrences(of: "    service_time: { dist: exponential, mean: 2ms }",
                                                    with: "    service_time: { dist: exponential, mean: 2ms }\n    calls: [web2]")
        #expect(errors(text) == ["28:13: cycle of sync calls: web2 → db → web2; a sync caller would wait on itself"])
    }

    @Test func forwardFeedbackLoopsAreAllowed() throws {
        let text = validDesign.replacingOccurrences(of: "    calls: [db]", with: "    calls:\n      - { to: db, mode: forward, probability: 0.5 }")
            .replacingOccurrences(of: "    service_time: { dist: exponential, mean: 2ms }",
                                  with: "    service_time: { dist: exponential, mean: 2ms }\n    calls: [{ to: web2, mode: forward, probability: 0.2 }]")
        #expect(try parse(text).component("db")?.calls.first?.mode == .forward)
    }

    @Test func forwardProbabilitiesMustNotExceedOne() {
        let text = validDesign.replacingOccurrences(of: "    calls: [db]", with: """
            calls:
              - { to: db, mode: forward, probability: 0.7 }
              - { to: audit, mode: forward, probability: 0.6 }
        """)
        #expect(errors(text).first?.contains("forward calls of 'web2' add up to probability 1.3") == true)
    }

    @Test func durationsNeedUnits() {
        #expect(errors(validDesign.replacingOccurrences(of: "mean: 2ms", with: "mean: 2"))
            == ["33:46: mean of service_time of component 'db' needs a unit: write 2ms or 2s (units: ns, us, ms, s, m, h)"])
    }

    @Test func impossibleLognormalIsExplained() {
        let messages = errors(validDesign.replacingOccurrences(of: "p99: 40ms", with: "p99: 400ms"))
        #expect(messages.count == 1)
        #expect(messages[0].hasPrefix("21:54: service_time of component 'web': no lognormal has mean 5ms and p99 400ms"))
    }

    @Test func yamlSyntaxErrorsAreLocated() {
        let messages = errors("sdw: 1\nworkload: { entry: a\ncomponents: {}\n")
        #expect(messages.count == 1)
        #expect(messages[0].hasPrefix("3:"))
        #expect(messages[0].contains("YAML syntax"))
    }

    @Test func missingAndUnknownKinds() {
        #expect(errors(validDesign.replacingOccurrences(of: "kind: load_balancer", with: "kind: load_balancr"))
            == ["13:11: kind of component 'lb' 'load_balancr' is not known (did you mean 'load_balancer'?); valid: service, load_balancer, api_gateway, rate_limiter, cache, cdn, queue, database"])
    }

    @Test func severalErrorsAreAllReported() {
        let text = validDesign.replacingOccurrences(of: "workers: 8", with: "workers: 0")
            .replacingOccurrences(of: "seed: 7", with: "seed: -1")
        #expect(errors(text).count == 2)
    }

    @Test func unreachableComponentsAreAWarning() throws {
        let text = validDesign + "\n  orphan:\n    kind: service\n    service_time: { dist: constant, mean: 1ms }\n"
        let (_, diagnostics) = try DesignParser.parse(text, file: "t.yaml")
        #expect(diagnostics.map(\.description) == ["t.yaml:37:3: warning: 'orphan' receives no traffic: nothing on the path from 'lb' calls or routes to it"])
    }

    @Test func versionIsRequired() {
        #expect(errors(validDesign.replacingOccurrences(of: "sdw: 1\n", with: "")).first?.contains("missing 'sdw'") == true)
        #expect(errors(validDesign.replacingOccurrences(of: "sdw: 1\n", with: "sdw: 2\n"))
            == ["1:6: format version 2 is not supported; this sdw reads 'sdw: 1'"])
    }
}
