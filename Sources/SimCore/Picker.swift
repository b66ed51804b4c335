import Model

/// One place a request can be handed to: an instance of a station.
struct Target: Equatable {
    var station: Int32
    var instance: Int32
}

/// Chooses an instance among targets by a load-balancing algorithm.
/// `load(target)` is the instance's requests in system (queued + in service).
struct Picker {
    let algorithm: BalancingAlgorithm
    let targets: [Target]
    var cursor = 0
    /// Smooth weighted round robin (as in nginx): static weights and running current weights.
    var weights: [Double]
    var currentWeights: [Double]
    var ring: ConsistentHashRing?

    init(algorithm: BalancingAlgorithm, targets: [Target], weights: [Double]? = nil, names: [String]) {
        self.algorithm = algorithm
        self.targets = targets
        self.weights = weights ?? [Double](repeating: 1, count: targets.count)
        self.currentWeights = [Double](repeating: 0, count: targets.count)
        if algorithm == .consistentHash { ring = ConsistentHashRing(names: names) }
    }

    
    mutating func pick(rng: inout Xoshiro256, key: UInt64, load: (Target) -> Int) -> Target {
        let count = targets.count
        if count == 1 { return targets[0] }
        switch algorithm {
        case .random:
            return targets[rng.below(count)]
        case .roundRobin:
            let target = targets[cursor]
            cursor += 1
            if cursor == count { cursor = 0 }
            return target
        case .leastConnections:
            // Scan from a rotating start so ties spread instead of piling on the first instance.
            var best = cursor, bestLoad = Int.max
            for step in 0..<count {
                var index = cursor + step
                if index >= count { index -= count }
                let current = load(targets[index])
                if current < bestLoad { best = index; bestLoad = current }
            }
            cursor += 1
            if cursor == count { cursor = 0 }
            return targets[best]
        case .powerOfTwo:
            let first = rng.below(count)
            var second = rng.below(count - 1)
            if second >= first { second += 1 }
            return load(targets[second]) < load(targets[first]) ? targets[second] : targets[first]
        case .weighted:
            var total = 0.0, best = 0
            for index in 0..<count {
                currentWeights[index] += weights[index]
                total += weights[index]
                if currentWeights[index] > currentWeights[best] { best = index }
            }
            currentWeights[best] -= total
            return targets[best]
        case .consistentHash:
            return targets[ring!.lookup(key)]
        }
    }
}

/// A hash ring with virtual nodes: each target owns `virtualNodes` points; a key goes to the next point clockwise.
/// A hash ring with virtual nodes: a key belongs to the first point at or after its hash.
public struct ConsistentHashRing: Sendable {
    var points: [UInt64] = []
    var owners: [Int] = []
    static let virtualNodes = 100

    public init(names: [String]) {
        var entries: [(UInt64, Int)] = []
        for (index, name) in names.enumerated() {
            for replica in 0..<Self.virtualNodes {
                entries.append((StableHash.mix(StableHash.fnv1a("\(name)#\(replica)")), index))
            }
        }
        entries.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        points = entries.map(\.0)
        owners = entries.map(\.1)
    }

    
    public func lookup(_ key: UInt64) -> Int {
        var low = 0, high = points.count
        while low < high {
            let mid = (low + high) >> 1
            if points[mid] < key { low = mid + 1 } else { high = mid }
        }
        return owners[low == points.count ? 0 : low]
    }
}
