import Model
import SimCore

/// The state of a circuit breaker, as the inspector names it.
public enum BreakerState: String, Sendable, Equatable {
    case closed, open
    case halfOpen = "half-open"
}

/// Live figures of a block's behaviour (cache hits, queue lag, 429s, retries, breakers, autoscaling…), captured
/// each frame from the engine's counters. Rates come from the difference between the counters now and at the start
/// of the current window, which restarts once at least one simulated second has passed: cheap (a few integer
/// copies per block and frame) and steady enough to read.
public struct BlockFigures: Sendable, Equatable {
    public struct Breaker: Sendable, Equatable {
        public var to: String
        public var state: BreakerState

        public init(to: String, state: BreakerState) {
            self.to = to
            self.state = state
        }
    }

    /// Counted since the run (re)started.
    public var totals = BlockCounters()
    /// Counted during the last complete window of `windowS` simulated seconds (0 until the first window closes).
    public var window = BlockCounters()
    public var windowS = 0.0
    /// The counters and time at which the current window began.
    public var windowStart = BlockCounters()
    public var windowStartS = 0.0
    /// Requests waiting now; for a queue, messages published and not yet consumed (its lag).
    public var waiting = 0
    /// Queues: p99 of the time from publish to processed, since the run started.
    public var lagP99S: Double?
    /// Breakers of the block's calls, in call order.
    public var breakers: [Breaker] = []
    /// Autoscaling groups: instances taking traffic and booting.
    public var online: Int?
    public var booting = 0

    public init() {}

    /// Events per simulated second over the last window.
    public func perSecond(_ counter: KeyPath<BlockCounters, Int>) -> Double {
        windowS > 0 ? Double(window[keyPath: counter]) / windowS : 0
    }

    /// Hits over lookups in the last window, or since the start before the first window closes.
    public var hitRatio: Double? { window.hitRatio ?? totals.hitRatio }

    /// Stale reads over reads in the last window (or since the start).
    public var staleShare: Double? {
        if window.reads > 0 { return Double(window.staleReads) / Double(window.reads) }
        return totals.reads > 0 ? Double(totals.staleReads) / Double(totals.reads) : nil
    }

    static func capture(_ simulation: Simulation, _ id: String, previous: BlockFigures?, refreshPercentiles: Bool) -> BlockFigures {
        var figures = BlockFigures()
        let now = simulation.now
        figures.totals = simulation.blockCounters(of: id)
        figures.waiting = simulation.waiting(of: id)
        // A restart (time went back or the counters shrank) starts the windows afresh.
        if let previous, now >= previous.windowStartS, figures.totals.hits >= previous.windowStart.hits,
           figures.totals.published >= previous.windowStart.published, figures.totals.reads >= previous.windowStart.reads {
            if now - previous.windowStartS >= 1 {
                figures.window = difference(figures.totals, previous.windowStart)
                figures.windowS = now - previous.windowStartS
                figures.windowStart = figures.totals
                figures.windowStartS = now
            } else {
                figures.window = previous.window
                figures.windowS = previous.windowS
                figures.windowStart = previous.windowStart
                figures.windowStartS = previous.windowStartS
            }
            figures.lagP99S = refreshPercentiles ? simulation.asyncLatencyPercentile(of: id, 99) : previous.lagP99S
        } else {
            figures.windowStart = figures.totals
            figures.windowStartS = now
            figures.lagP99S = simulation.asyncLatencyPercentile(of: id, 99)
        }
        let breakers = simulation.breakerStates(of: id)
        if !breakers.isEmpty {
            figures.breakers = breakers.map { Breaker(to: $0.to, state: BreakerState($0.state)) }
        }
        if let scaling = simulation.scalingState(of: id) {
            figures.online = scaling.online
            figures.booting = scaling.booting
        }
        return figures
    }

    /// Counts of `later` minus those of `earlier`.
    static func difference(_ later: BlockCounters, _ earlier: BlockCounters) -> BlockCounters {
        var d = BlockCounters()
        d.hits = later.hits - earlier.hits
        d.misses = later.misses - earlier.misses
        d.expired = later.expired - earlier.expired
        d.refreshes = later.refreshes - earlier.refreshes
        d.flushes = later.flushes - earlier.flushes
        d.lostWrites = later.lostWrites - earlier.lostWrites
        d.rateLimited = later.rateLimited - earlier.rateLimited
        d.retries = later.retries - earlier.retries
        d.hedges = later.hedges - earlier.hedges
        d.breakerRejected = later.breakerRejected - earlier.breakerRejected
        d.bulkheadRejected = later.bulkheadRejected - earlier.bulkheadRejected
        d.breakerOpenings = later.breakerOpenings - earlier.breakerOpenings
        d.lostCalls = later.lostCalls - earlier.lostCalls
        d.published = later.published - earlier.published
        d.dropped = later.dropped - earlier.dropped
        d.redelivered = later.redelivered - earlier.redelivered
        d.deadLettered = later.deadLettered - earlier.deadLettered
        d.duplicatesProcessed = later.duplicatesProcessed - earlier.duplicatesProcessed
        d.deduplicated = later.deduplicated - earlier.deduplicated
        d.blockedProducers = later.blockedProducers - earlier.blockedProducers
        d.reads = later.reads - earlier.reads
        d.writes = later.writes - earlier.writes
        d.staleReads = later.staleReads - earlier.staleReads
        d.failovers = later.failovers - earlier.failovers
        return d
    }
}

extension BreakerState {
    init(_ state: CircuitBreaker.State) {
        switch state {
        case .closed: self = .closed
        case .open: self = .open
        case .halfOpen: self = .halfOpen
        }
    }
}

/// The engine's block counters under a name views can use without importing the engine.
public typealias BlockCounts = BlockCounters
