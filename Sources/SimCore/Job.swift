/// Why a request ended without an answer.
public enum Outcome: UInt8, Sendable {
    case completed
    /// A full queue turned it away.
    case rejected
    /// A sync call's timeout expired before the answer came.
    case timedOut
    /// Anything else (reserved for crashes and breakers).
    case failed
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
}
