import Foundation
import Testing
@testable import SimCore

@Suite struct TokenBucketTests {
    @Test func aFullBurstPassesThenRejectsUntilRefilled() {
        var bucket = TokenBucket(ratePerS: 10, burst: 5)
        let burst = (0..<8).map { _ in bucket.take(now: 0) }
        #expect(burst == [true, true, true, true, true, false, false, false])
        #expect(bucket.take(now: 0.05) == false)  // half a token
        #expect(bucket.take(now: 0.1) == true)  // one token after 0.1 s at 10/s
        #expect(bucket.take(now: 0.1) == false)
        #expect(abs(bucket.waitTime(now: 0.1) - 0.1) < 1e-12)
        #expect(abs(bucket.waitTime(now: 0.1, tokens: 3) - 0.3) < 1e-12)
        #expect(bucket.waitTime(now: 0.1, tokens: 6) == .infinity)  // more than the bucket holds
        #expect(bucket.take(now: 0.4, tokens: 3) == true)
        #expect(bucket.take(now: 0.4, tokens: 0.5) == false)
    }

    @Test func idleRefillIsCappedAtTheBurst() {
        var bucket = TokenBucket(ratePerS: 100, burst: 4)
        for _ in 0..<4 { _ = bucket.take(now: 0) }
        #expect(bucket.available(now: 1000) == 4)
        let passed = (0..<10).filter { _ in bucket.take(now: 1000) }.count
        #expect(passed == 4)
        // Lowering the burst drops the tokens above it at once.
        #expect(bucket.available(now: 2000) == 4)
        bucket.burst = 2
        #expect(bucket.available(now: 2000) == 2)
    }

    @Test func sustainedRateIsExactlyTheRefillRate() {
        // Requests every millisecond for 100 s against 100/s with a burst of 10: 10 + 100·100 pass.
        var bucket = TokenBucket(ratePerS: 100, burst: 10)
        var passed = 0
        for tick in 0..<100_000 where bucket.take(now: Double(tick) * 0.001) { passed += 1 }
        #expect(passed == 10 + 100 * 100 - 1)  // the last refill (t = 99.999 s) is 0.1 token short of another
        // Poisson arrivals at 2500/s against 250/s for 200 s: admitted = burst + rate·t within one token.
        var poisson = TokenBucket(ratePerS: 250, burst: 20)
        var rng = Xoshiro256(seed: 9)
        var now = 0.0, admitted = 0
        while true {
            now += -log(rng.uniformPositive()) / 2500
            if now > 200 { break }
            if poisson.take(now: now) { admitted += 1 }
        }
        #expect(abs(Double(admitted) - (20 + 250 * 200)) <= 1)
    }
}

@Suite struct CircuitBreakerTests {
    @Test func walksClosedOpenHalfOpenClosed() {
        var breaker = CircuitBreaker(failureRatio: 0.5, minimumRequests: 10, windowS: 10, openForS: 5, halfOpenProbes: 2)
        #expect(breaker.state == .closed)
        // 6 successes then failures: 4/10 and 5/11 stay closed, 6/12 = 0.5 trips it.
        for step in 0..<6 { breaker.record(success: true, now: 1 + Double(step) * 0.1) }
        for step in 0..<5 {
            #expect(breaker.allow(now: 2 + Double(step) * 0.1) == true)
            breaker.record(success: false, now: 2 + Double(step) * 0.1)
        }
        #expect(breaker.state == .closed)
        #expect(breaker.windowFailures == 5 && breaker.windowSuccesses == 6)
        breaker.record(success: false, now: 2.5)
        #expect(breaker.state == .open && breaker.transitions == 1 && breaker.stateSinceS == 2.5)
        // Open: fail fast until 2.5 + 5 s; late outcomes are ignored.
        #expect(breaker.allow(now: 3) == false)
        breaker.record(success: true, now: 3)
        #expect(breaker.allow(now: 7.49) == false)
        #expect(breaker.state == .open)
        // Half-open at 7.5: two probes at once, a third is refused.
        #expect(breaker.allow(now: 7.5) == true)
        #expect(breaker.state == .halfOpen && breaker.transitions == 2)
        #expect(breaker.allow(now: 7.5) == true)
        #expect(breaker.allow(now: 7.6) == false)
        breaker.record(success: true, now: 7.7)
        #expect(breaker.state == .halfOpen)
        #expect(breaker.allow(now: 7.7) == true)  // the finished probe freed its slot
        breaker.record(success: true, now: 7.8)
        #expect(breaker.state == .closed && breaker.transitions == 3 && breaker.stateSinceS == 7.8)
        // Closing starts a fresh window: the old failures are forgotten.
        #expect(breaker.windowFailures == 0 && breaker.windowSuccesses == 0)
        #expect(breaker.allow(now: 8) == true)
    }

    @Test func aFailedProbeReopensForAnotherFullPeriod() {
        var breaker = CircuitBreaker(failureRatio: 1, minimumRequests: 3, windowS: 5, openForS: 2, halfOpenProbes: 3)
        for step in 0..<3 { breaker.record(success: false, now: Double(step)) }
        #expect(breaker.state == .open && breaker.stateSinceS == 2)
        #expect(breaker.allow(now: 4) && breaker.state == .halfOpen)
        breaker.record(success: true, now: 4.1)
        #expect(breaker.allow(now: 4.2) == true)
        breaker.record(success: false, now: 4.3)
        #expect(breaker.state == .open && breaker.transitions == 3 && breaker.stateSinceS == 4.3)
        #expect(breaker.allow(now: 6.2) == false)
        #expect(breaker.allow(now: 6.3) == true && breaker.state == .halfOpen)
        // The success count restarts with each half-open period: three in a row are needed.
        breaker.record(success: true, now: 6.4)
        #expect(breaker.allow(now: 6.4) == true)
        breaker.record(success: true, now: 6.5)
        #expect(breaker.state == .halfOpen)
        #expect(breaker.allow(now: 6.5) == true)
        breaker.record(success: true, now: 6.6)
        #expect(breaker.state == .closed && breaker.transitions == 5)
    }

    @Test func failuresAgeOutOfTheRollingWindow() {
        // 10 s window of 1 s buckets: failures in bucket 0 count at 9.5 s but are gone at 10.5 s.
        var inside = CircuitBreaker(failureRatio: 0.5, minimumRequests: 4, windowS: 10, openForS: 1, halfOpenProbes: 1)
        var outside = inside
        for time in [0.0, 0.1, 0.2] {
            inside.record(success: false, now: time)
            outside.record(success: false, now: time)
        }
        inside.record(success: false, now: 9.5)
        outside.record(success: false, now: 10.5)
        #expect(inside.state == .open)
        #expect(outside.state == .closed && outside.windowFailures == 1)
        // A long silence empties every bucket.
        outside.record(success: true, now: 500)
        #expect(outside.windowFailures == 0 && outside.windowSuccesses == 1)
    }

    @Test func tripsWhenTheRollingFailureRatioCrossesTheThreshold() {
        // 10 requests/s; 30% fail before 20 s, 60% after. Counting buckets 16–25 by hand, the
        // window first reaches 48 failures of 96 at request 255 (t = 25.5 s).
        var breaker = CircuitBreaker(failureRatio: 0.5, minimumRequests: 10, windowS: 10, openForS: 30, halfOpenProbes: 1)
        var trippedAt: Int?
        for request in 0..<400 {
            let now = Double(request) * 0.1
            guard breaker.allow(now: now) else { continue }
            breaker.record(success: request % 10 >= (now < 20 ? 3 : 6), now: now)
            if breaker.state == .open, trippedAt == nil { trippedAt = request }
        }
        #expect(trippedAt == 255)
        #expect(breaker.transitions == 1)  // still open: 30 s have not passed
    }
}

@Suite struct RetryPolicyTests {
    @Test func noJitterIsTheCappedExponential() {
        let policy = RetryPolicy(maxRetries: 8, baseS: 0.1, multiplier: 2, capS: 1, jitter: .none)
        var rng = Xoshiro256(seed: 1)
        let delays = (0..<7).map { policy.delay(attempt: $0, previousS: 0, rng: &rng) }
        let expected = [0.1, 0.2, 0.4, 0.8, 1, 1, 1]
        #expect(zip(delays, expected).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(policy.delay(attempt: 5000, previousS: 0, rng: &rng) == 1)  // m^attempt overflows to ∞, capped
    }

    @Test func fullAndEqualJitterHaveTheRightRangeAndMean() {
        var rng = Xoshiro256(seed: 2)
        let full = RetryPolicy(maxRetries: 5, baseS: 0.05, multiplier: 2, capS: 10, jitter: .full)
        let fullSamples = (0..<100_000).map { _ in full.delay(attempt: 3, previousS: 0, rng: &rng) }  // e = 0.4
        #expect(fullSamples.allSatisfy { $0 >= 0 && $0 < 0.4 })
        #expect(abs(fullSamples.reduce(0, +) / 100_000 - 0.2) < 0.002)  // standard error ≈ 0.0004
        let equal = RetryPolicy(maxRetries: 5, baseS: 0.05, multiplier: 2, capS: 10, jitter: .equal)
        let equalSamples = (0..<100_000).map { _ in equal.delay(attempt: 3, previousS: 0, rng: &rng) }
        #expect(equalSamples.allSatisfy { $0 >= 0.2 && $0 < 0.4 })
        #expect(abs(equalSamples.reduce(0, +) / 100_000 - 0.3) < 0.002)
    }

    @Test func decorrelatedJitterGrowsFromItsPreviousDelayAndRespectsTheCap() {
        let policy = RetryPolicy(maxRetries: 50, baseS: 0.1, multiplier: 2, capS: 2, jitter: .decorrelated)
        var rng = Xoshiro256(seed: 3)
        let first = (0..<100_000).map { _ in policy.delay(attempt: 0, previousS: 0, rng: &rng) }
        #expect(first.allSatisfy { $0 >= 0.1 && $0 < 0.3 })
        #expect(abs(first.reduce(0, +) / 100_000 - 0.2) < 0.002)  // uniform(base, 3·base)
        var previous = 0.0, reachedCap = false
        for attempt in 0..<50 {
            let delay = policy.delay(attempt: attempt, previousS: previous, rng: &rng)
            #expect(delay >= 0.1 && delay <= 2)
            #expect(delay <= 3 * max(previous, 0.1))
            reachedCap = reachedCap || delay == 2
            previous = delay
        }
        #expect(reachedCap)
    }

    @Test func everyJitterRespectsTheCap() {
        var rng = Xoshiro256(seed: 4)
        for jitter in RetryPolicy.Jitter.allCases {
            let policy = RetryPolicy(maxRetries: 30, baseS: 0.2, multiplier: 3, capS: 5, jitter: jitter)
            var previous = 0.0
            for attempt in 0..<30 {
                let delay = policy.delay(attempt: attempt, previousS: previous, rng: &rng)
                #expect(delay >= 0 && delay <= 5, "\(jitter) attempt \(attempt): \(delay)")
                previous = delay
            }
        }
    }
}
