import Model
import SimCore
import Foundation
let path = CommandLine.arguments[1]
do {
  let (design, warnings) = try DesignParser.load(path: path)
  warnings.forEach { print($0) }
  let sim = try Simulation(design: design, options: RunOptions(design: design))
  let start = Date()
  sim.run()
  let wall = Date().timeIntervalSince(start)
  let r = sim.result()
  print(r.requests, r.throughputRPS, r.latency, r.latencyMeanCI95, r.meanInSystem, r.events, Double(r.events)/wall, r.fingerprint)
  for c in r.components { print(c.id, c.throughputRPS, c.utilization, c.meanQueueLength, c.response.mean) }
} catch { print(error) }
