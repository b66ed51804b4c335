/// A fixed-capacity ring of per-second samples: the newest `capacity` seconds are kept.
public struct TimeSeries: Sendable, Equatable {
    public private(set) var capacity: Int
    private var storage: [Double]
    private var start = 0
    public private(set) var count = 0
    /// Simulated second (its start) of the oldest kept sample.
    public private(set) var firstSecond = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage = []
        storage.reserveCapacity(self.capacity)  // filled once, then overwritten in place
    }

    public mutating func append(_ value: Double) {
        if count < capacity {
            storage.append(value)
            count += 1
        } else {
            storage[start] = value
            start = (start + 1) % capacity
            firstSecond += 1
        }
    }

    /// Oldest first.
    public var values: [Double] {
        (0..<count).map { storage[(start + $0) % capacity] }
    }

    public var last: Double? { count == 0 ? nil : storage[(start + count - 1) % capacity] }

    /// The newest `n` values, oldest first.
    public func suffix(_ n: Int) -> [Double] {
        let take = min(n, count)
        return (count - take..<count).map { storage[(start + $0) % capacity] }
    }
}
