import Foundation
import Model

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func catalogueDesign(_ relative: String) throws -> Design {
    try DesignParser.load(path: repositoryRoot.appendingPathComponent(relative).path).0
}

/// Every design under Designs/, with its path relative to the repository.
func catalogueFiles() -> [String] {
    let root = repositoryRoot.appendingPathComponent("Designs")
    let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    return files.filter { $0.hasSuffix(".yaml") }.sorted().map { "Designs/" + $0 }
}

/// A design whose names and labels are awkward for every format: spaces, quotes, keywords, digits, unicode,
/// markup characters, and one link of each mode.
func awkwardDesign() -> Design {
    let edge = Component(id: "edge lb", kind: .loadBalancer, description: "Says \"hi\" | <b>bold</b> #1",
                         serviceTime: .constant(S: 0), routes: ["end"], algorithm: .random)
    let end = Component(id: "end", kind: .service, instances: 3, workers: 4, serviceTime: .exponential(meanS: 0.002),
                        calls: [Call(to: "café", mode: .sync, timeoutS: 0.5), Call(to: "1st.queue", mode: .async, probability: 0.25),
                                Call(to: "label", mode: .forward, probability: 0.5, requestClass: "write \"x\"")])
    let cafe = Component(id: "café", kind: .service, serviceTime: .lognormal(meanS: 0.005, shape: .p99(0.04)))
    let queue = Component(id: "1st.queue", kind: .service, workers: 2, serviceTime: .uniform(minS: 0.001, maxS: 0.003))
    let label = Component(id: "label", kind: .service, serviceTime: .constant(S: 0.001), calls: [Call(to: "cost$", mode: .sync)])
    let cost = Component(id: "cost$", kind: .service, serviceTime: .exponential(meanS: 0.001))
    return Design(name: "Quotes \"here\", #hash & <tags> — ünïcode", description: "A | pipe and `ticks`",
                  workload: Workload(entry: "edge lb", rateRPS: 100), components: [edge, end, cafe, queue, label, cost])
}
