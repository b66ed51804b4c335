import Foundation
import Model
@testable import SimCore

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func loadDesign(_ relative: String) throws -> Design {
    try DesignParser.load(path: repositoryRoot.appendingPathComponent(relative).path).0
}

func design(_ text: String) throws -> Design {
    try DesignParser.parse(text, file: "inline.yaml").0
}

/// Runs to the end and returns the result.
func run(_ design: Design, seed: UInt64? = nil, duration: Double? = nil, warmup: Double? = nil, rate: Double? = nil) throws -> RunResult {
    let simulation = try Simulation(design: design, options: RunOptions(design: design, seed: seed, durationS: duration,
                                                                          warmupS: warmup, rateRPS: rate))
    simulation.run()
    return simulation.result()
}

extension RunResult {
    func component(_ id: String) -> ComponentResult { components.first { $0.id == id }! }
}
