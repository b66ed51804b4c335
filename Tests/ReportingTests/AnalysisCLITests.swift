import Foundation
import Testing

/// `sdw analyze`, `sdw estimate` and `sdw sweep` as a user runs them, including the mistakes users make.
@Suite(.serialized) struct AnalysisCLITests {
    func object(_ output: CLI.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    @Test func analyzeJSONHasCapacityAnswers() throws {
        let output = try CLI.run(["analyze", "Designs/validation/jackson-lb-web-db.yaml", "--target-p99", "50ms", "--json"])
        #expect(output.status == 0)
        let json = try object(output)
        #expect(json["sdw_analysis"] as? Int == 1)
        #expect(json["model"] as? String == "open Jackson network (M/M/c stations)")
        #expect(json["exact"] as? Bool == true)
        #expect(abs((json["latency_ms_mean"] as? Double ?? 0) - 18.353) < 0.001)
        let capacity = try #require(json["capacity"] as? [String: Any])
        #expect(abs((capacity["saturation_rps"] as? Double ?? 0) - 4000.0 / 3) < 1e-6)
        #expect(abs((capacity["headroom"] as? Double ?? 0) - 0.25) < 1e-9)
        let components = try #require(json["components"] as? [String: [String: Any]])
        #expect(components["web"]?["instances_for_target_utilization"] as? Int == 5)
        #expect(components["db"]?["instances_for_target_utilization"] as? Int == 2)
        #expect(abs((components["db"]?["visits"] as? Double ?? 0) - 0.3) < 1e-12)
        #expect(abs((components["web"]?["utilization"] as? Double ?? 0) - 0.75) < 1e-12)
        #expect(components["web"]?["instances_for_target_p99"] is Int)
        let cost = try #require(json["cost"] as? [String: Any])
        #expect(abs((cost["usd_per_month"] as? Double ?? 0) - 372.665) < 0.01)
    }

    @Test func analyzeTextSaysWhichAssumptionsFail() throws {
        let output = try CLI.run(["analyze", "Designs/web-tier.yaml", "--rate", "2k"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("Web tier with database — analysis at 2k req/s (poisson arrivals into 'lb')"))
        #expect(output.stdout.contains("  - sync calls hold a worker while waiting: holding times are not exponential"))
        #expect(output.stdout.contains("bottleneck 'web': the design saturates at 4.57k req/s"))
        #expect(output.stdout.contains("headroom 56.2% of the saturation rate"))
        #expect(output.stdout.contains("Cost per month"))
        let bad = try CLI.run(["analyze", "Designs/web-tier.yaml", "--target-utilization", "170%"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--target-utilization '170%' is not a fraction in (0, 1] such as 70% or 0.7"))
        let badRate = try CLI.run(["analyze", "Designs/web-tier.yaml", "--rate", "fast"])
        #expect(badRate.stderr.contains("--rate 'fast' is not a rate greater than 0 such as 950, 10k or 1.5M"))
    }

    @Test func analyzeListsDesignWarningsWithReasonsAndSuggestions() throws {
        let output = try CLI.run(["analyze", "Designs/retry-storm.yaml"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("""
        Warnings (1)
          warning [retries-without-backoff] 'api' → 'inventory' retries up to 3 times with no backoff and no jitter
            why: a failed or timed-out try is sent again at once into the callee that just failed it: while 'inventory' is slow \
        its load from here rises up to ×4 (1.5k → 6k req/s)
        """), "\(output.stdout)")
        #expect(output.stdout.contains("    fix: retries: { max: 3, backoff: 50ms, multiplier: 2, jitter: full }"))
        #expect(output.stdout.contains("    read: sdw notes retries-backoff"))
        #expect(try CLI.run(["analyze", "Designs/retry-storm-fixed.yaml"]).stdout.hasSuffix("Warnings: none\n"))

        let json = try object(try CLI.run(["analyze", "Designs/sharded-hot-key.yaml", "--json"]))
        let warnings = try #require(json["warnings"] as? [[String: Any]])
        #expect(warnings.map { $0["id"] as? String } == ["single-point-of-failure", "hot-shard"])
        let hot = warnings[1]
        #expect(hot["severity"] as? String == "warning")
        #expect(hot["component"] as? String == "users")
        #expect((hot["message"] as? String)?.hasPrefix("'users' hot shard runs at ρ = 0.89") == true)
        #expect((hot["reason"] as? String)?.contains("47.5% of the load") == true)
        #expect(hot["suggestion"] is String)
        #expect(hot["note"] as? String == "hot-keys")
    }

    @Test func runAddsDesignWarningsWithoutRepeatingSaturation() throws {
        let output = try CLI.run(["run", "Designs/logging-pipeline.yaml", "--duration", "5s", "--warmup", "1s", "--json"])
        #expect(output.status == 0)
        let json = try object(output)
        let warnings = try #require(json["warnings"] as? [String])
        // Saturation is said once, by the analysis's own warning; the design warnings add what it does not say.
        #expect(warnings.filter { $0.contains("'logs'") && $0.contains("saturated") }.count == 1, "\(warnings)")
        #expect(!warnings.contains { $0.contains("[queue-lag-grows") })
        #expect(warnings.contains { $0.hasPrefix("[drop-without-dead-letter · info] 'logs' drops messages") })
        let structured = try #require(json["design_warnings"] as? [[String: Any]])
        // (the run hook adds nothing here: theory already predicts the saturation, and nothing retries)
        #expect(structured.map { $0["id"] as? String } == ["drop-without-dead-letter"])
    }

    @Test func estimateTwitterFromTheSeed() throws {
        // 500M DAU and 2M tweets/minute: 2M × 1,440 ÷ 500M = 5.76 tweets per user per day ≈ 33.3K writes/s.
        let output = try CLI.run(["estimate", "--dau", "500M", "--reads-per-user", "100", "--writes-per-user", "5.76",
                                  "--payload", "1KB"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("average write QPS      2.88B writes/day ÷ 86,400 s"))
        #expect(output.stdout.contains("33.3k req/s"))
        #expect(output.stdout.contains("storage per day        2.88B writes × 1KB"))
        let json = try object(try CLI.run(["estimate", "--dau", "500M", "--writes-per-user", "5.76", "--payload", "1KB", "--json"]))
        let steps = try #require(json["steps"] as? [[String: Any]])
        let writes = try #require(steps.first { $0["key"] as? String == "avg_write_qps" })
        #expect(abs((writes["value"] as? Double ?? 0) - 33_333.333) < 0.001)
        #expect(writes["unit"] as? String == "req/s")
    }

    @Test func estimateRefusesBadInput() throws {
        let units = try CLI.run(["estimate", "--dau", "500M", "--payload", "1XB"])
        #expect(units.status == 64)
        #expect(units.stderr.contains("--payload '1XB' is not a size such as 512B, 1KB, 2.5MB or 4KiB"))
        let count = try CLI.run(["estimate", "--dau", "lots", "--payload", "1KB", "--reads-per-user", "1"])
        #expect(count.stderr.contains("--dau 'lots' is not a count such as 100, 2.5k, 500M or 1.5B"))
        let nothing = try CLI.run(["estimate", "--dau", "1M", "--payload", "1KB"])
        #expect(nothing.stderr.contains("give reads or writes per user"))
    }

    @Test func sweepPrintsCSVAndJSON() throws {
        let csv = try CLI.run(["sweep", "Designs/validation/mm1-rho095.yaml", "--rate", "200..800", "--steps", "3",
                               "--duration", "20s", "--warmup", "2s", "--csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("rate,rate_rps,throughput_rps,"))
        #expect(lines[3].hasPrefix("800.0,800.0,"))
        #expect(lines[3].contains(",800.0,5.0,23.02585092994")) // theory: W = 1/(1000 − 800) = 5 ms, p99 = 5 ms × ln 100
        let json = try object(try CLI.run(["sweep", "Designs/web-tier.yaml", "--param", "web.instances=1..3", "--rate", "3k",
                                           "--duration", "5s", "--warmup", "1s", "--json"]))
        #expect(json["axis"] as? String == "web.instances")
        #expect(json["rate_rps"] as? Double == 3000)
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(points.map { $0["value"] as? Double } == [1, 2, 3])
        let theory = try #require(points.first?["theory"] as? [String: Any])
        #expect(theory["mean_ms"] is NSNull, "one web instance saturates at 3k req/s")
        let text = try CLI.run(["sweep", "Designs/validation/mm1-rho095.yaml", "--rate", "200..800", "--steps", "3",
                                "--duration", "10s", "--warmup", "1s", "--ascii"])
        #expect(text.stdout.contains(". theory p99   x p50   o p99"))
        #expect(text.stdout.unicodeScalars.filter { !$0.isASCII }.allSatisfy { "—·ρλ".unicodeScalars.contains($0) }, "only the title and legend words are not ASCII")
    }

    @Test func sweepRefusesBadInputWithClearMessages() throws {
        let cases: [([String], String)] = [
            (["--rate", "20k..1k"], "--rate 20k..1k goes downward; write the smaller value first: 1k..20k"),
            (["--rate", "1k..2k", "--steps", "0"], "--steps must be between 2 and 200 (got 0)"),
            (["--param", "api.instances=1..3"], "--param: no component named 'api'; the design has lb, web, db"),
            (["--param", "web.colour=1..3"], "'colour' is not a numeric parameter of 'web'"),
            (["--rate", "1x..2k"], "'1x' is not a rate such as 950, 10k or 1.5M"),
            ([], "say what to sweep: --rate 1k..20k, or --param web.instances=2..16"),
        ]
        for (arguments, message) in cases {
            let output = try CLI.run(["sweep", "Designs/web-tier.yaml"] + arguments)
            #expect(output.status == 64, "\(arguments)")
            #expect(output.stderr.contains(message), "\(arguments): \(output.stderr)")
            #expect(output.stderr.contains("Usage: sdw sweep"), "the sweep's own usage")
        }
    }

    @Test func runPutsPredictedBesideSimulated() throws {
        let output = try CLI.run(["run", "Designs/validation/jackson-lb-web-db.yaml", "--duration", "60s", "--warmup", "5s"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("predicted vs simulated  λ theory  λ sim  ρ theory  ρ sim  resp theory  resp sim   diff"))
        let web = try #require(output.stdout.split(separator: "\n").first { $0.hasPrefix("  web ") })
        #expect(web.contains("75.0%") && web.contains("13.7ms"))
    }
}
