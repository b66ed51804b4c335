import Foundation
import Testing
import Model
import SimCore
@testable import Reporting

@Suite struct SweepTests {
    static func mm1() throws -> Design {
        try DesignParser.load(path: CLI.root.appendingPathComponent("Designs/validation/mm1-rho095.yaml").path).0
    }

    static func options(_ design: Design) -> RunOptions { RunOptions(design: design, durationS: 120, warmupS: 10) }

    func refusal(_ rate: String?, _ parameter: String?, steps: Int = 5) throws -> String {
        let design = try Self.mm1()
        do {
            _ = try SweepPlan(design: design, rate: rate, parameter: parameter, steps: steps, options: Self.options(design))
            return "accepted"
        } catch let error as SweepError {
            return error.description
        }
    }

    @Test func badRangesAreRefusedWithWhatToType() throws {
        #expect(try refusal("20k..1k", nil) == "--rate 20k..1k goes downward; write the smaller value first: 1k..20k")
        #expect(try refusal("1k..2k", nil, steps: 0) == "--steps must be between 2 and 200 (got 0)")
        #expect(try refusal("1k", nil) == "--rate 1k: give a range FROM..TO, e.g. --rate 1k..20k")
        #expect(try refusal("1x..2k", nil) == "--rate 1x..2k: '1x' is not a rate such as 950, 10k or 1.5M (per second)")
        #expect(try refusal("1k..", nil) == "--rate 1k..: write FROM..TO, e.g. 1k..20k")
        #expect(try refusal(nil, nil) == "say what to sweep: --rate 1k..20k, or --param web.instances=2..16")
        #expect(try refusal(nil, "api.instances=1..3") == "--param: no component named 'api'; the design has server")
        #expect(try refusal(nil, "server.colour=1..3")
                == "--param: 'colour' is not a numeric parameter of 'server'; use one of instances, workers, queue_capacity, service_time")
        #expect(try refusal(nil, "server.instances=0..3") == "--param: server.instances must be between 1 and 1000, not 0")
        #expect(try refusal(nil, "server.workers=2.5..4") == "--param server.workers=2.5..4: workers must be a whole number, not '2.5'")
        #expect(try refusal(nil, "server.service_time=1ms..fast")
                == "--param server.service_time=1ms..fast: service_time: 'fast' is not a duration such as 5ms or 2s")
        #expect(try refusal("1k..2k", "server.instances=1..3")
                == "sweep one thing at a time: give --rate a single value (e.g. --rate 2k) when sweeping --param")
        #expect(try refusal(nil, "server.instances") == "--param server.instances: write COMPONENT.KEY=FROM..TO, e.g. web.instances=2..16")
        #expect(try refusal("1k..20k", nil) == "accepted")
    }

    @Test func pointsAreEvenAndWholeNumbersDoNotRepeat() throws {
        #expect(SweepPlan.points(1000...2000, steps: 5, integer: false) == [1000, 1250, 1500, 1750, 2000])
        #expect(SweepPlan.points(2...4, steps: 10, integer: true) == [2, 3, 4])
        let design = try Self.mm1()
        let plan = try SweepPlan(design: design, rate: "500", parameter: "server.service_time=0.5ms..1.5ms", steps: 3,
                                 options: Self.options(design))
        #expect(plan.values == [0.0005, 0.001, 0.0015])
        #expect(plan.rateRPS == 500)
        let middle = try plan.point(0.001)
        #expect(middle.design.component("server")?.serviceTime == .exponential(meanS: 0.001))
    }

    @Test func rateSweepFollowsTheMM1Curve() throws {
        let design = try Self.mm1()
        let plan = try SweepPlan(design: design, rate: "200..800", parameter: nil, steps: 3, options: Self.options(design))
        let result = try Sweep.run(plan, curvePoints: 7)
        #expect(result.points.map(\.value) == [200, 500, 800])
        #expect(result.model == "M/M/1")
        for point in result.points {
            // M/M/1 with μ = 1000/s: W = 1/(μ − λ), p99 = ln 100/(μ − λ).
            let mean = 1 / (1000 - point.rateRPS)
            #expect(abs(try #require(point.theory.meanS) - mean) < 1e-12)
            #expect(abs(try #require(point.theory.p99S) - log(100) * mean) < 1e-6)
            #expect(abs(point.result.throughputRPS - point.rateRPS) / point.rateRPS < 0.03)
            #expect(abs(point.result.latency.mean - mean) / mean < 0.08, "λ \(point.rateRPS): \(point.result.latency.mean) vs \(mean)")
            #expect(point.errorFraction == 0)
        }
        #expect(result.curve.count == 7)
        #expect(result.curve.map(\.throughputRPS) == [200, 300, 400, 500, 600, 700, 800])
        // Same seed, same design: the sweep's points are the plain runs at those rates.
        var options = Self.options(design)
        options.rateRPS = 500
        let single = try Simulation(design: design, options: options)
        single.advance(to: options.durationS)
        #expect(single.result().fingerprint == result.points[1].result.fingerprint)

        let csv = result.csv.split(separator: "\n")
        #expect(csv.count == 4)
        #expect(csv[0] == "rate,rate_rps,throughput_rps,error_fraction,mean_ms,p50_ms,p99_ms,busiest,max_utilization,theory_throughput_rps,theory_mean_ms,theory_p99_ms")
        #expect(csv[1].hasPrefix("200.0,200.0,"))
        #expect(csv[2].hasPrefix("500.0,500.0,") && csv[2].contains(",500.0,2.0,9.2103403719761"))
        let text = result.text()
        #expect(text.contains("Throughput (req/s) against rate (req/s)"))
        #expect(text.contains("· theory p99   ▪ p50   ● p99"))
    }

    @Test func saturationShowsAsAPlateauInTheory() throws {
        let design = try Self.mm1()
        let plan = try SweepPlan(design: design, rate: "600..1400", parameter: nil, steps: 2,
                                 options: RunOptions(design: design, durationS: 30, warmupS: 5))
        let result = try Sweep.run(plan, curvePoints: 5)
        #expect(result.curve.map(\.throughputRPS) == [600, 800, 1000, 1000, 1000])
        #expect(result.curve.map { $0.meanS == nil } == [false, false, true, true, true])
        #expect(result.points[1].theory.meanS == nil)
        #expect(abs(result.points[1].result.throughputRPS - 1000) < 30, "the server's capacity caps throughput")
        #expect(result.text().contains("Past saturation the queues grow"))
    }
}
