import Foundation
import Model

/// What a run measured at one component: the few figures the run-based warnings need (Analysis does not import SimCore).
public struct MeasuredComponent: Sendable, Equatable {
    public var id: String
    /// Fraction of worker time busy after the warm-up.
    public var utilization: Double
    /// Requests per second that left the component.
    public var throughputRPS: Double
    /// Retries of calls made here, per second after the warm-up.
    public var retriesPerS: Double

    public init(id: String, utilization: Double, throughputRPS: Double, retriesPerS: Double = 0) {
        self.id = id
        self.utilization = utilization
        self.throughputRPS = throughputRPS
        self.retriesPerS = retriesPerS
    }
}

/// The hook for warnings only a simulation can give: what happened differs from what theory expects.
extension DesignWarnings {
    /// Measured utilisation at which a component counts as saturated in the run.
    public static let measuredSaturation = 0.95
    /// Retries per request served above which retries are reported.
    public static let retryShare = 0.1

    public static func fromRun(_ design: Design, rateRPS: Double? = nil, components: [MeasuredComponent]) -> [DesignWarning] {
        let analysis = NetworkAnalyzer.analyze(design, rateRPS: rateRPS ?? design.workload.rateRPS)
        var found: [DesignWarning] = []
        for measured in components {
            guard let component = design.component(measured.id) else { continue }
            if measured.utilization >= measuredSaturation, let predicted = analysis?.station(measured.id)?.utilization,
               predicted < nearSaturation {
                var causes: [String] = []
                if design.failures.contains(where: { $0.components.contains(measured.id) }) { causes.append("its failure timeline") }
                if design.workload.pattern != .constant { causes.append("the \(design.workload.pattern.kind) load pattern") }
                if components.contains(where: { $0.retriesPerS > 0 && design.component($0.id)?.calls.contains { $0.to == measured.id } == true }) {
                    causes.append("retries into it")
                }
                found.append(DesignWarning(
                    id: "saturated-in-run", severity: .warning, component: measured.id,
                    message: "'\(measured.id)' was busy \(percent(measured.utilization)) of the run, though theory predicts ρ = \(number(predicted))",
                    reason: "the analysis sees the steady base load; "
                        + (causes.isEmpty ? "something in the run pushed it over" : causes.joined(separator: " and ") + " pushed it over")
                        + ", and a saturated component queues until it rejects or times out",
                    suggestion: "look at its utilisation over time; leave headroom for the bad minutes (more instances, "
                        + "a queue limit that fails fast) and make callers back off", noteID: "utilization-knee"))
            }
            if measured.retriesPerS > 0, measured.throughputRPS > 0, measured.retriesPerS >= retryShare * measured.throughputRPS,
               !component.calls.isEmpty {
                let share = measured.retriesPerS / measured.throughputRPS
                found.append(DesignWarning(
                    id: "retries-observed", severity: share >= 1 ? .critical : .warning, component: measured.id,
                    message: "'\(measured.id)' retried \(rate(measured.retriesPerS)) calls/s, \(percent(share)) of the requests it served",
                    reason: "each retry is one more request for a callee that was already failing or slow: the extra load arrives "
                        + "exactly when it can least take it",
                    suggestion: "back off with jitter, cap retries with a retry budget, and add a circuit breaker", noteID: "retry-storms"))
            }
        }
        return found
    }
}
