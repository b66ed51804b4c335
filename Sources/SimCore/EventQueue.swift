/// What an event does when it fires.
enum EventKind: UInt32 {
    case externalArrival
    case serviceComplete
    case callTimeout
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

/// A binary min-heap of events. Hand-written so the hot path does no allocation once warmed up.
struct EventQueue {
    var heap: [Event] = []
    var nextSequence: UInt64 = 0

    init() { heap.reserveCapacity(1024) }

    var count: Int { heap.count }
    var isEmpty: Bool { heap.isEmpty }
    var peekTime: Double { heap.isEmpty ? .infinity : heap[0].time }

    @inline(__always)
    mutating func push(time: Double, kind: EventKind, job: UInt32 = 0, generation: UInt32 = 0, token: UInt32 = 0) {
        let event = Event(time: time, sequence: nextSequence, kind: kind, job: job, generation: generation, token: token)
        nextSequence &+= 1
        heap.append(event)
        heap.withUnsafeMutableBufferPointer { buffer in
            var child = buffer.count - 1
            while child > 0 {
                let parent = (child - 1) >> 1
                if !Event.precedes(event, buffer[parent]) { break }
                buffer[child] = buffer[parent]
                child = parent
            }
            buffer[child] = event
        }
    }

    @inline(__always)
    mutating func pop() -> Event {
        let top = heap[0]
        let last = heap.removeLast()
        if heap.isEmpty { return top }
        heap.withUnsafeMutableBufferPointer { buffer in
            let count = buffer.count
            var index = 0
            while true {
                var child = 2 * index + 1
                if child >= count { break }
                if child + 1 < count && Event.precedes(buffer[child + 1], buffer[child]) { child += 1 }
                if !Event.precedes(buffer[child], last) { break }
                buffer[index] = buffer[child]
                index = child
            }
            buffer[index] = last
        }
        return top
    }
}
