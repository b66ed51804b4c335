import Foundation
import Testing
import Model
@testable import Analysis

@Suite struct CapacityTests {
    @Test func jacksonNetworkBoundHeadroomAndSizing() throws {
        let design = try loadDesign("Designs/validation/jackson-lb-web-db.yaml")
        let capacity = try #require(Capacity.analyze(design, targetUtilization: 0.7))
        // web: 4 × 2 workers / 6 ms = 1333/s; db: 4 / 10 ms ÷ 0.3 visits = 1333/s; lb: 10k/s.
        #expect(abs(capacity.boundRPS - 4000 / 3) < 1e-6)
        #expect(abs(capacity.saturationRateRPS - 4000 / 3) < 1e-6, "no sync calls: saturation is the bound")
        #expect(capacity.bottleneck == "web" || capacity.bottleneck == "db")
        #expect(abs(capacity.headroom - 0.25) < 1e-9, "1000 of 1333 req/s used")
        #expect(capacity.notes.isEmpty)
        let web = try #require(capacity.component("web")), db = try #require(capacity.component("db"))
        #expect(abs(web.headroom - 0.25) < 1e-12 && abs(db.headroom - 0.25) < 1e-12)
        // web offers 1000 × 6 ms = 6 busy workers: 6 / (2 × 0.7) = 4.29 → 5 instances; db 300 × 10 ms = 3 → 3 / (4 × 0.7) → 2.
        #expect(web.instancesForTargetUtilization == 5)
        #expect(db.instancesForTargetUtilization == 2)
        #expect(capacity.component("lb")?.instancesForTargetUtilization == 1)
        #expect(abs(db.visits - 0.3) < 1e-12)
    }

    @Test func mm1P99SizingFromTheReferenceExample() throws {
        // μ = 1000/s, λ = 950/s: one instance has p99 = ln(100)/50 = 92.1 ms; two (475/s each) have ln(100)/525 = 8.77 ms.
        let design = try loadDesign("Designs/validation/mm1-rho095.yaml")
        let capacity = try #require(Capacity.analyze(design, targetUtilization: 0.7, targetP99S: 0.050))
        let server = try #require(capacity.component("server"))
        #expect(server.instancesForTargetP99 == 2)
        #expect(server.instancesForTargetUtilization == 2, "950 × 1 ms / 0.7 = 1.36 → 2")
        #expect(abs(capacity.headroom - 0.05) < 1e-9)
        #expect(Capacity.instancesFor(p99S: 0.0922, lambda: 950, mu: 1000, workers: 1) == 1)
        #expect(Capacity.instancesFor(p99S: 0.0920, lambda: 950, mu: 1000, workers: 1) == 2)
        // Below the service time's own p99 (ln 100 ms = 4.6 ms) no number of instances helps.
        #expect(Capacity.instancesFor(p99S: 0.0046, lambda: 950, mu: 1000, workers: 1) == nil)
        let tooFast = try #require(Capacity.analyze(design, targetP99S: 0.004))
        #expect(tooFast.component("server")?.p99Note == "unreachable: its service time alone has p99 4.61ms")
    }

    @Test func p99SizingMatchesBruteForce() {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            let mu = Double.random(in: 10...1000, using: &random)
            let workers = Int.random(in: 1...16, using: &random)
            let lambda = mu * Double(workers) * Double.random(in: 0.1...40, using: &random)
            let target = log(100) / mu * Double.random(in: 1.01...6, using: &random)
            var brute = 1
            while true {
                if let p99 = QueueFormulas.mmcResponseQuantile(0.99, lambda: lambda / Double(brute), mu: mu, servers: workers),
                   p99 <= target { break }
                brute += 1
            }
            #expect(Capacity.instancesFor(p99S: target, lambda: lambda, mu: mu, workers: workers) == brute,
                    "λ \(lambda) μ \(mu) c \(workers) target \(target)")
        }
    }

    @Test func syncCallsSaturateTheCallerBeforeItsBound() throws {
        var design = try loadDesign("Designs/web-tier.yaml")
        design.components[design.index(of: "db")!].workers = 12
        let capacity = try #require(Capacity.analyze(design, targetP99S: 0.1))
        // web: 32 workers each held 5 ms + db's 2 ms → bound 32 / 7 ms = 4571/s (db's is 12 / 2 ms = 6000/s);
        // near it db runs at ρ ≈ 0.76 and its queueing lengthens web's hold, so web saturates sooner.
        #expect(capacity.boundComponent == "web")
        #expect(abs(capacity.boundRPS - 32 / 0.007) < 1e-6)
        #expect(capacity.saturationRateRPS < 0.995 * capacity.boundRPS && capacity.saturationRateRPS > 0.9 * capacity.boundRPS)
        #expect(capacity.bottleneck == "web")
        #expect(capacity.notes.first?.hasPrefix("'web' saturates at") == true)
        #expect(capacity.component("web")?.p99Note == "lognormal service: Erlang C needs exponential service, no p99 closed form")
        #expect(capacity.component("db")?.instancesForTargetP99 == 1)
        #expect(capacity.component("lb")?.p99Note == nil)
        let scanned = try #require(bruteForceSaturation(design, upTo: capacity.boundRPS * 1.01))
        #expect(abs(scanned - capacity.saturationRateRPS) <= capacity.boundRPS / 400 + 1e-6)
    }

    /// Random designs: an entry load balancer, then services with forward and sync calls drawn at random.
    @Test func saturationMatchesScanningTheRate() throws {
        var rng = SeededGenerator(seed: 7)
        for trial in 0..<30 {
            let design = randomDesign(&rng)
            let solved = try #require(Capacity.saturation(design), "trial \(trial)")
            let scanned = try #require(bruteForceSaturation(design, upTo: solved.boundRPS * 1.01), "trial \(trial)")
            #expect(abs(scanned - solved.rateRPS) <= solved.boundRPS / 400 + 1e-6,
                    "trial \(trial): solver \(solved.rateRPS) vs scan \(scanned) (bound \(solved.boundRPS))")
            #expect(solved.rateRPS <= solved.boundRPS * (1 + 1e-9))
            let hasSync = design.components.contains { $0.calls.contains { $0.mode == .sync } }
            if !hasSync { #expect(abs(solved.rateRPS - solved.boundRPS) < 1e-9 * solved.boundRPS) }
        }
    }

    @Test func componentsThatTakeNoTimeNeverSaturate() throws {
        let design = Design(name: "instant", workload: Workload(entry: "s", rateRPS: 100),
                            components: [Component(id: "s", kind: .service, serviceTime: .constant(S: 0))])
        let capacity = try #require(Capacity.analyze(design))
        #expect(capacity.saturationRateRPS == .infinity && capacity.boundRPS == .infinity)
        #expect(capacity.headroom == 1)
        #expect(capacity.component("s")?.instancesForTargetUtilization == 1)
    }

    /// The first rate on a fine grid where some component reaches ρ ≥ 1 (or the model has no steady state).
    func bruteForceSaturation(_ design: Design, upTo limit: Double) -> Double? {
        let steps = 400
        for step in 1...steps {
            let rate = limit * Double(step) / Double(steps)
            guard let analysis = NetworkAnalyzer.analyze(design, rateRPS: rate) else { return rate }
            if !analysis.stable || analysis.stations.contains(where: { $0.utilization >= 1 }) {
                return limit * Double(step - 1) / Double(steps)
            }
        }
        return nil
    }

    func randomDesign(_ rng: inout SeededGenerator) -> Design {
        let count = Int.random(in: 1...4, using: &rng)
        var services: [Component] = []
        for index in 0..<count {
            var calls: [Call] = []
            // Calls go only to later services, so there are no loops.
            for target in (index + 1)..<max(index + 1, count) where Bool.random(using: &rng) {
                calls.append(Call(to: "s\(target)", mode: Bool.random(using: &rng) ? .sync : .forward,
                                  probability: Double.random(in: 0.1...1, using: &rng)))
            }
            services.append(Component(id: "s\(index)", kind: .service, instances: Int.random(in: 1...4, using: &rng),
                                      workers: Int.random(in: 1...8, using: &rng),
                                      serviceTime: .exponential(meanS: Double.random(in: 0.001...0.02, using: &rng)), calls: calls))
        }
        let lb = Component(id: "lb", kind: .loadBalancer, serviceTime: .exponential(meanS: 0.0001), routes: ["s0"], algorithm: .random)
        return Design(name: "random", workload: Workload(entry: "lb", rateRPS: 100), components: [lb] + services)
    }
}

/// SplitMix64: reproducible random designs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
