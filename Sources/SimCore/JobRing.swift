/// A FIFO of job slots for one instance's waiting room. Grows by doubling up to its capacity, never beyond.
struct JobRing {
    var storage: [UInt32]
    var head = 0
    var count = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        storage = [UInt32](repeating: 0, count: min(max(capacity, 1), 16))
    }

    var isFull: Bool { count >= capacity }

    @inline(__always)
    mutating func push(_ job: UInt32) {
        if count == storage.count { grow() }
        var tail = head + count
        if tail >= storage.count { tail -= storage.count }
        storage[tail] = job
        count += 1
    }

    @inline(__always)
    mutating func pop() -> UInt32 {
        let job = storage[head]
        head += 1
        if head == storage.count { head = 0 }
        count -= 1
        return job
    }

    mutating func grow() {
        var bigger = [UInt32](repeating: 0, count: min(storage.count * 2, max(capacity, 1)))
        for offset in 0..<count { bigger[offset] = storage[(head + offset) % storage.count] }
        storage = bigger
        head = 0
    }

    mutating func removeAll() {
        head = 0
        count = 0
    }

    var memoryBytes: Int { storage.capacity * 4 }
}
