import Foundation

/// Closed forms of queueing theory. λ arrival rate, μ service rate per server, c servers, ρ = λ/(cμ).
public enum QueueFormulas {
    /// Little's law: L = λW.
    public static func littlesLaw(arrivalRate: Double, meanTime: Double) -> Double { arrivalRate * meanTime }

    /// Erlang C: the probability that an arrival waits in an M/M/c queue; nil when ρ ≥ 1.
    public static func erlangC(servers c: Int, offeredLoad a: Double) -> Double? {
        let rho = a / Double(c)
        guard c >= 1, a >= 0, rho < 1 else { return nil }
        if a == 0 { return 0 }
        // Sum a^k/k! iteratively to avoid overflow for large c.
        var term = 1.0, sum = 0.0
        for k in 0..<c {
            if k > 0 { term *= a / Double(k) }
            sum += term
        }
        let last = term * a / Double(c) / (1 - rho)  // a^c/c! · 1/(1−ρ)
        return last / (sum + last)
    }

    /// Mean waiting time in queue (Wq) of M/M/c.
    public static func mmcWait(lambda: Double, mu: Double, servers c: Int) -> Double? {
        guard let probabilityOfWait = erlangC(servers: c, offeredLoad: lambda / mu) else { return nil }
        return probabilityOfWait / (Double(c) * mu - lambda)
    }

    /// Mean response time (W = Wq + 1/μ) of M/M/c; M/M/1 is c = 1, where W = 1/(μ−λ).
    public static func mmcResponse(lambda: Double, mu: Double, servers c: Int) -> Double? {
        mmcWait(lambda: lambda, mu: mu, servers: c).map { $0 + 1 / mu }
    }

    /// P(T > t) for the M/M/c response time T = Wq + S.
    public static func mmcResponseTail(_ t: Double, lambda: Double, mu: Double, servers c: Int) -> Double? {
        guard let probabilityOfWait = erlangC(servers: c, offeredLoad: lambda / mu) else { return nil }
        let theta = Double(c) * mu - lambda
        let serviceTail = exp(-mu * t)
        let sumTail: Double  // P(Exp(θ) + Exp(μ) > t)
        if abs(mu - theta) < 1e-12 * mu {
            sumTail = exp(-mu * t) * (1 + mu * t)
        } else {
            sumTail = (mu * exp(-theta * t) - theta * exp(-mu * t)) / (mu - theta)
        }
        return (1 - probabilityOfWait) * serviceTail + probabilityOfWait * sumTail
    }

    /// The p-quantile (0 < p < 1) of the M/M/c response time. For M/M/1 it is −ln(1−p)/(μ−λ).
    public static func mmcResponseQuantile(_ p: Double, lambda: Double, mu: Double, servers c: Int) -> Double? {
        guard p > 0, p < 1, mmcResponseTail(0, lambda: lambda, mu: mu, servers: c) != nil else { return nil }
        var low = 0.0, high = 1 / mu
        while mmcResponseTail(high, lambda: lambda, mu: mu, servers: c)! > 1 - p { high *= 2 }
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if mmcResponseTail(mid, lambda: lambda, mu: mu, servers: c)! > 1 - p { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }

    /// Mean number waiting (Lq) in M/M/1: ρ²/(1−ρ).
    public static func mm1QueueLength(rho: Double) -> Double? {
        rho < 1 ? rho * rho / (1 - rho) : nil
    }

    /// Pollaczek–Khinchine mean wait of M/G/1: Wq = λE[S²] / (2(1−ρ)).
    public static func pollaczekKhinchineWait(lambda: Double, meanService: Double, secondMoment: Double) -> Double? {
        let rho = lambda * meanService
        guard rho < 1 else { return nil }
        return lambda * secondMoment / (2 * (1 - rho))
    }

    /// Allen–Cunneen approximation of the M/G/c mean wait: Wq ≈ Wq(M/M/c) · (1 + cs²)/2,
    /// with cs² the squared coefficient of variation of service (arrivals Poisson). Exact for c = 1 (P-K).
    public static func allenCunneenWait(lambda: Double, meanService: Double, serviceSCV: Double, servers c: Int) -> Double? {
        guard meanService > 0 else { return 0 }
        return mmcWait(lambda: lambda, mu: 1 / meanService, servers: c).map { $0 * (1 + serviceSCV) / 2 }
    }
}
