/// Why a request ended without an answer.
public enum Outcome: UInt8, Sendable {
    case completed
    /// A full queue turned it away.
    case rejected
    /// A sync call's timeout expired before the answer came.
    case timedOut
    /// Anything else: crashes, open breakers, full bulkheads, lost calls.
    case failed
    /// A rate limiter refused it (429 Too Many Requests): counted apart from errors.
    case rateLimited
}

enum JobRole: UInt8 {
    /// An external request: its end-to-end time is what users see.
    case root
    /// Made by a sync call: its caller's worker waits for it.
    case syncChild
    /// Made by an async call: nobody waits.
    case asyncChild
}

/// A request in flight. Lives in a slot pool; `generation` tells stale events from live ones after reuse.
struct Job {
    var generation: UInt32 = 0
    /// In use (not on the free list).
    var live = false
    /// Holding a worker at `station`/`instance` (in service or waiting on a sync call).
    var holdsWorker = false
    var role: JobRole = .root
    var station: Int32 = 0
    /// Global instance index.
    var instance: Int32 = 0
    /// Next entry of the station's call list to consider.
    var callIndex: Int32 = 0
    var requestClass: Int32 = -1
    var parent: Int32 = -1
    var parentGeneration: UInt32 = 0
    /// Bumped whenever a wait ends, so a pending timeout for it goes stale.
    var waitToken: UInt32 = 0
    var child: UInt32 = 0
    var childGeneration: UInt32 = 0
    var key: UInt64 = 0
    /// The external request's number, for the fingerprint.
    var sequence: UInt64 = 0
    /// When the request (or this child) was created.
    var born: Double = 0
    var stationArrival: Double = 0
    /// Resilient calls: the compiled call this child serves (-1: a plain or internal call).
    var call: Int32 = -1
    /// The caller's wait token when this child was sent; an answer for an older wait is ignored.
    var parentToken: UInt32 = 0
    /// A parent waiting on a resilient call: which one, tries so far, children still out (hedging).
    var currentCall: Int32 = -1
    var attempt: UInt16 = 0
    var outstanding: UInt16 = 0
    /// Queue messages: failed deliveries so far.
    var deliveries: UInt16 = 0
    var flags: JobFlags = []
    /// A cache to fill with this request's key when the answer comes (-1: none).
    var fill: Int32 = -1
}

/// Marks on a request that the block behaviours need.
struct JobFlags: OptionSet {
    let rawValue: UInt8
    /// A queue message a consumer is processing (a failure then means redelivery).
    static let consuming = JobFlags(rawValue: 1)
    /// A redelivered message (at-least-once): idempotent consumers skip its work.
    static let duplicate = JobFlags(rawValue: 2)
    /// The message's end-to-end async latency has been recorded.
    static let delivered = JobFlags(rawValue: 4)
}
