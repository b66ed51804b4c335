/// A FIFO of job slots for one instance's waiting room. Grows by doubling up to its capacity, never beyond.
final class JobRing {
    private var storage: UnsafeMutablePointer<UInt32>
    private var size: Int
    private var head = 0
    private(set) var count = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        size = min(max(capacity, 1), 16)
        storage = .allocate(capacity: size)
    }

    deinit { storage.deallocate() }

    var isFull: Bool { @inline(__always) get { count >= capacity } }

    @inline(__always)
    func push(_ job: UInt32) {
        if count == size { grow() }
        var tail = head + count
        if tail >= size { tail -= size }
        storage[tail] = job
        count += 1
    }

    @inline(__always)
    func pop() -> UInt32 {
        let job = storage[head]
        head += 1
        if head == size { head = 0 }
        count -= 1
        return job
    }

    private func grow() {
        let newSize = min(size * 2, max(capacity, 1))
        let bigger = UnsafeMutablePointer<UInt32>.allocate(capacity: newSize)
        for offset in 0..<count { bigger[offset] = storage[(head + offset) % size] }
        storage.deallocate()
        storage = bigger
        size = newSize
        head = 0
    }

    var memoryBytes: Int { size * 4 }
}
