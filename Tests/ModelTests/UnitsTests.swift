import Testing
@testable import Model

@Suite struct UnitsTests {
    @Test func durations() {
        #expect(Units.parseDuration("250ms") == 0.25)
        #expect(Units.parseDuration("2s") == 2)
        #expect(Units.parseDuration("1.5m") == 90)
        #expect(Units.parseDuration("1h") == 3600)
        #expect(abs(Units.parseDuration("100us")! - 100e-6) < 1e-18)
        #expect(Units.parseDuration("5ns") == 5e-9)
        #expect(Units.parseDuration("12") == 12)
        #expect(Units.parseDuration("fast") == nil)
        #expect(Units.parseDuration("ms") == nil)
    }

    @Test func rates() {
        #expect(Units.parseRate("950") == 950)
        #expect(Units.parseRate("10k") == 10_000)
        #expect(Units.parseRate("1.5M") == 1_500_000)
        #expect(Units.parseRate("20k/s") == 20_000)
        #expect(Units.parseRate("lots") == nil)
    }

    @Test func formatting() {
        #expect(Units.formatDuration(0.0382) == "38.2ms")
        #expect(Units.formatDuration(1.2) == "1.2s")
        #expect(Units.formatDuration(0.000097) == "97us")
        #expect(Units.formatRate(9400) == "9.4k")
        #expect(Units.formatRate(950) == "950")
        #expect(Units.formatRate(1_200_000) == "1.2M")
    }

    @Test func lognormalFromMeanAndP99() throws {
        let sigma = try #require(ServiceTime.lognormalSigma(mean: 0.005, p99: 0.040))
        let service = ServiceTime.lognormal(meanS: 0.005, shape: .p99(0.040))
        let (mu, s) = service.lognormalParameters
        #expect(abs(s - sigma) < 1e-12)
        // Mean and p99 of the fitted lognormal come back.
        #expect(abs(exp(mu + s * s / 2) - 0.005) < 1e-12)
        #expect(abs(exp(mu + ServiceTime.z99 * s) - 0.040) < 1e-12)
        #expect(ServiceTime.lognormalSigma(mean: 0.005, p99: 0.1) == nil)  // 20× the mean: impossible
        #expect(ServiceTime.lognormalSigma(mean: 0.005, p99: 0.004) == nil)
    }
}

import Foundation
