/// A circuit breaker driven by simulated time (Nygard, "Release It!", 2007; the closed / open /
/// half-open machine of Hystrix and Resilience4j). Closed: calls pass and outcomes are counted in a
/// rolling window; once the window holds at least `minimumRequests` with a failure ratio of at
/// least `failureRatio`, it opens. Open: calls fail fast. After `openForS` it turns half-open and
/// lets at most `halfOpenProbes` calls through at once; that many consecutive successes close it,
/// any failure opens it again.
///
/// The window is a ring of at most 60 buckets (1 s each for windows up to 60 s, wider beyond),
/// with running totals, so `allow` and `record` are O(1) and never allocate.
/// Outcomes recorded while open are ignored. In half-open every recorded outcome counts as a
/// probe's, so the caller should record only the calls it was allowed to make.
public struct CircuitBreaker: Sendable {
    public enum State: UInt8, Sendable {
        case closed, open, halfOpen
    }

    public let failureRatio: Double
    public let minimumRequests: Int
    public let windowS: Double
    public let openForS: Double
    public let halfOpenProbes: Int
    public private(set) var state: State = .closed
    /// State changes so far (closed→open, open→half-open, half-open→closed or open).
    public private(set) var transitions = 0
    /// When the current state began.
    public private(set) var stateSinceS: Double = 0

    private let bucketWidthS: Double
    private var bucketSuccesses: [Int32]
    private var bucketFailures: [Int32]
    private var currentBucket = Int.min
    public private(set) var windowSuccesses = 0
    public private(set) var windowFailures = 0
    private var probesInFlight = 0
    private var probeSuccesses = 0

    public init(failureRatio: Double, minimumRequests: Int, windowS: Double, openForS: Double, halfOpenProbes: Int) {
        precondition(windowS > 0 && openForS >= 0, "a circuit breaker needs a positive window")
        self.failureRatio = failureRatio
        self.minimumRequests = max(1, minimumRequests)
        self.windowS = windowS
        self.openForS = openForS
        self.halfOpenProbes = max(1, halfOpenProbes)
        let buckets = min(60, max(1, Int(windowS.rounded(.up))))
        bucketWidthS = windowS / Double(buckets)
        bucketSuccesses = Array(repeating: 0, count: buckets)
        bucketFailures = Array(repeating: 0, count: buckets)
    }

    /// Whether a call may go ahead at `now`; false means fail fast. In half-open a true answer
    /// reserves a probe slot, released by the matching `record`.
    public mutating func allow(now: Double) -> Bool {
        switch state {
        case .closed:
            return true
        case .open:
            guard now >= stateSinceS + openForS else { return false }
            enter(.halfOpen, at: now)
            probesInFlight = 0
            probeSuccesses = 0
            return allow(now: now)
        case .halfOpen:
            guard probesInFlight < halfOpenProbes else { return false }
            probesInFlight += 1
            return true
        }
    }

    /// Records the outcome of a call that was allowed.
    public mutating func record(success: Bool, now: Double) {
        switch state {
        case .closed:
            advanceWindow(to: now)
            let slot = currentBucket % bucketSuccesses.count
            if success {
                bucketSuccesses[slot] += 1
                windowSuccesses += 1
            } else {
                bucketFailures[slot] += 1
                windowFailures += 1
            }
            let total = windowSuccesses + windowFailures
            if total >= minimumRequests, Double(windowFailures) >= failureRatio * Double(total) {
                enter(.open, at: now)
            }
        case .open:
            break
        case .halfOpen:
            probesInFlight = max(0, probesInFlight - 1)
            if !success {
                enter(.open, at: now)
            } else {
                probeSuccesses += 1
                if probeSuccesses >= halfOpenProbes {
                    clearWindow()
                    enter(.closed, at: now)
                }
            }
        }
    }

    private mutating func enter(_ next: State, at now: Double) {
        state = next
        stateSinceS = now
        transitions += 1
    }

    /// Moves the window's head to the bucket holding `now`, emptying the buckets it passes.
    private mutating func advanceWindow(to now: Double) {
        let bucket = Int((max(0, now) / bucketWidthS).rounded(.down))
        guard bucket > currentBucket else { return }  // same bucket (or time went back: keep it)
        let size = bucketSuccesses.count
        if currentBucket == Int.min || bucket - currentBucket >= size {
            clearWindow()
        } else {
            for passed in (currentBucket + 1)...bucket {
                let slot = passed % size
                windowSuccesses -= Int(bucketSuccesses[slot])
                windowFailures -= Int(bucketFailures[slot])
                bucketSuccesses[slot] = 0
                bucketFailures[slot] = 0
            }
        }
        currentBucket = bucket
    }

    private mutating func clearWindow() {
        for slot in bucketSuccesses.indices {
            bucketSuccesses[slot] = 0
            bucketFailures[slot] = 0
        }
        windowSuccesses = 0
        windowFailures = 0
    }
}
