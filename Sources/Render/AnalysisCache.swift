import Foundation
import Model
import Analysis

/// The inspector's theory for the design on screen, solved once per design rather than once per frame.
final class AnalysisCache: @unchecked Sendable {
    static let shared = AnalysisCache()
    private let lock = NSLock()
    private var design: Design?
    private var result: DesignAnalysis?

    func analysis(of design: Design) -> DesignAnalysis? {
        lock.withLock {
            if let cached = self.design, cached == design { return result }
            self.design = design
            result = NetworkAnalyzer.analyze(design)
            return result
        }
    }
}
