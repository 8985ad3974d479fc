// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ViralityCore
import ViralityIO

/// Options that build a graph without a scenario file (or override its `graph:` section).
struct GraphOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Graph model: \(GraphSection.modelNames.joined(separator: ", ")).", valueName: "model"))
  var model: String?

  @Option(name: .long, help: "Number of nodes.")
  var nodes: Int?

  @Option(name: .long, help: "Ring neighbours k (watts-strogatz, newman-watts).")
  var neighbors: Int?

  @Option(name: .long, help: "Rewiring probability p (watts-strogatz, follower).")
  var rewire: Double?

  @Option(name: .long, help: ArgumentHelp("Edge-list file to load (sets --model file).", valueName: "path"))
  var file: String?

  @Flag(name: .long, help: "The edge-list file is directed (a line 'u v' means u follows v).")
  var directed = false

  /// The options as `graph.*` overrides, applied before `--set`.
  var overrides: [String] {
    var result: [String] = []
    if let file {
      // Relative to where the command runs, quoted so any file name is read as text.
      let path = URL(fileURLWithPath: file).standardizedFileURL.path
      result += ["graph.model=file", "graph.path='\(path.replacingOccurrences(of: "'", with: "''"))'"]
      if directed { result.append("graph.directed=true") }
    }
    if let model { result.append("graph.model=\(model)") }
    if let nodes { result.append("graph.nodes=\(nodes)") }
    if let neighbors { result.append("graph.neighbors=\(neighbors)") }
    if let rewire { result.append("graph.rewire=\(rewire)") }
    return result
  }
}
