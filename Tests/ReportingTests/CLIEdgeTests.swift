import Foundation
import Testing

/// Flag values a newcomer typed that used to get confusing answers.
@Suite(.serialized) struct CLIEdgeTests {
    @Test func negativeValuesAreRefusedForWhatTheyAre() throws {
        let rate = try CLI.run(["run", "Designs/web-tier.yaml", "--rate", "-5"])
        #expect(rate.status == 64)
        #expect(rate.stderr.hasPrefix("Error: --rate must be greater than 0"), "\(rate.stderr)")
        let seed = try CLI.run(["run", "Designs/web-tier.yaml", "--seed", "-1"])
        #expect(seed.status == 64)
        #expect(seed.stderr.contains("The value '-1' is invalid for '--seed <seed>'"), "\(seed.stderr)")
        let dau = try CLI.run(["estimate", "--dau", "-5", "--payload", "1KB"])
        #expect(dau.status == 64)
        #expect(dau.stderr.contains("--dau '-5' is not a count"), "\(dau.stderr)")
    }

    @Test func aWarmupPastTheDesignsDurationNamesTheFlagsAndTheRunUsage() throws {
        let output = try CLI.run(["run", "Designs/web-tier.yaml", "--warmup", "2m"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("warmup (2m) must be shorter than the duration (60s)"))
        #expect(output.stderr.contains("Usage: sdw run <file>"))
    }

    @Test func aScenarioGivenToRunSaysToReplayIt() throws {
        let output = try CLI.run(["run", "Scenarios/retry-storm.yaml"])
        #expect(output.status == 1)
        #expect(output.stderr == "Scenarios/retry-storm.yaml: this is a scenario (sdw_scenario), not a design; replay it with: sdw replay Scenarios/retry-storm.yaml\n")
    }

    @Test func blocksListsEveryKind() throws {
        let output = try CLI.run(["blocks"])
        for kind in ["service", "load_balancer", "api_gateway", "rate_limiter", "cache", "cdn", "queue", "database"] {
            #expect(output.stdout.contains("\n\(kind)\n") || output.stdout.hasPrefix("\(kind)\n"), "\(kind)")
        }
    }
}
