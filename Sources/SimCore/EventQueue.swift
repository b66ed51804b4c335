/// What an event does when it fires.
enum EventKind: UInt32 {
    case externalArrival
    case serviceComplete
    case callTimeout
    /// A request reaches a station after network latency (job, token = station).
    case delayedArrival
    /// An answer reaches its caller after network latency (job = caller, token = its wait token).
    case resume
    /// A failed call is tried again after its backoff (job = caller, token = its wait token).
    case retryCall
    /// No answer yet: send a hedged copy (job = caller, token = its wait token).
    case hedge
    /// A failed queue message is delivered again (job = message).
    case redeliver
    /// Write-behind: a dirty entry is written to the store (job = cache station, generation = epoch, token = key).
    case flush
    /// A request served at the CDN shield leaves after the shield latency.
    case delayedLeave
    /// The failure timeline (job = entry index, token 0 = break, 1 = heal).
    case failure
    /// An autoscaling group looks at its utilisation (job = station).
    case autoscaleTick
    /// A new instance has booted and takes traffic (job = station, token = instance).
    case instanceBooted
}

/// A pending event: 32 bytes, ordered by (time, sequence) so ties break the same way every run.
struct Event {
    var time: Double
    var sequence: UInt64
    var kind: EventKind
    var job: UInt32
    var generation: UInt32
    var token: UInt32

    @inline(__always)
    static func precedes(_ a: Event, _ b: Event) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }
}

/// A binary min-heap of events over unsafe storage: no copy-on-write checks, no allocation once grown.
final class EventQueue {
    private(set) var heap: UnsafeMutablePointer<Event>
    private(set) var capacity: Int
    private(set) var count = 0
    private var nextSequence: UInt64 = 0

    init(capacity: Int = 1024) {
        self.capacity = capacity
        heap = .allocate(capacity: capacity)
    }

    deinit { heap.deallocate() }

    var isEmpty: Bool { count == 0 }
    var peekTime: Double { @inline(__always) get { count == 0 ? .infinity : heap[0].time } }

    @inline(__always)
    func push(time: Double, kind: EventKind, job: UInt32 = 0, generation: UInt32 = 0, token: UInt32 = 0) {
        let event = Event(time: time, sequence: nextSequence, kind: kind, job: job, generation: generation, token: token)
        nextSequence &+= 1
        if count == capacity { grow() }
        var child = count
        count += 1
        while child > 0 {
            let parent = (child - 1) >> 1
            if !Event.precedes(event, heap[parent]) { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = event
    }

    @inline(__always)
    func pop() -> Event {
        let top = heap[0]
        count -= 1
        if count == 0 { return top }
        let last = heap[count]
        var index = 0
        while true {
            var child = 2 * index + 1
            if child >= count { break }
            if child + 1 < count && Event.precedes(heap[child + 1], heap[child]) { child += 1 }
            if !Event.precedes(heap[child], last) { break }
            heap[index] = heap[child]
            index = child
        }
        heap[index] = last
        return top
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<Event>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: heap, count: count)
        heap.deallocate()
        heap = bigger
        capacity *= 2
    }

    var memoryBytes: Int { capacity * MemoryLayout<Event>.stride }
}
