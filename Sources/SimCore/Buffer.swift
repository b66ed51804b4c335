/// A fixed-size array with reference semantics and no copy-on-write checks: the engine's hot counters live here,
/// so updating one is a plain store rather than a uniqueness test on every write.
final class Buffer<Element> {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(repeating value: Element, count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    init(_ elements: [Element]) {
        count = elements.count
        base = .allocate(capacity: max(count, 1))
        for (index, element) in elements.enumerated() { (base + index).initialize(to: element) }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    subscript(index: Int) -> Element {
        @inline(__always) unsafeAddress {
            assert(index >= 0 && index < count, "Buffer index out of range")
            return UnsafePointer(base + index)
        }
        @inline(__always) unsafeMutableAddress {
            assert(index >= 0 && index < count, "Buffer index out of range")
            return base + index
        }
    }

    var array: [Element] { (0..<count).map { base[$0] } }
}

/// The pool of request slots: grows by doubling (amortised, never per request once warm), reuses freed slots.
final class JobPool {
    private(set) var base: UnsafeMutablePointer<Job>
    private(set) var capacity: Int
    private(set) var count = 0
    private var free: UnsafeMutablePointer<UInt32>
    private var freeCount = 0

    init(capacity: Int = 1024) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
        free = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
        free.deallocate()
    }

    subscript(index: Int) -> Job {
        @inline(__always) unsafeAddress {
            assert(index >= 0 && index < count, "job slot out of range")
            return UnsafePointer(base + index)
        }
        @inline(__always) unsafeMutableAddress {
            assert(index >= 0 && index < count, "job slot out of range")
            return base + index
        }
    }

    @inline(__always)
    func allocate() -> Int {
        if freeCount > 0 {
            freeCount -= 1
            let index = Int(free[freeCount])
            base[index].live = true
            return index
        }
        if count == capacity { grow() }
        (base + count).initialize(to: Job())
        base[count].live = true
        count += 1
        return count - 1
    }

    @inline(__always)
    func release(_ index: Int) {
        base[index].generation &+= 1
        base[index].live = false
        base[index].holdsWorker = false
        free[freeCount] = UInt32(index)
        freeCount += 1
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<Job>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        let biggerFree = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * 2)
        biggerFree.moveInitialize(from: free, count: freeCount)
        free.deallocate()
        free = biggerFree
        capacity *= 2
    }

    var memoryBytes: Int { capacity * (MemoryLayout<Job>.stride + 4) }
}
