// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ViralityCore
import ViralityIO

/// Options that build a graph without a scenario file (or override its `graph:` section).
struct GraphOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Graph model: \(GraphSection.modelNames.joined(separator: ", ")).", valueName: "model"))
  var model: String?

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Number of nodes.", valueName: "n"))
  var nodes: String?

  @Option(
    name: .long, parsing: .unconditional, help: ArgumentHelp("Ring neighbours k (watts-strogatz, newman-watts).", valueName: "k"))
  var neighbors: String?

  @Option(
    name: .long, parsing: .unconditional, help: ArgumentHelp("Rewiring probability p (watts-strogatz, follower).", valueName: "p")
  )
  var rewire: String?

  @Option(name: .long, help: ArgumentHelp("Edge-list file to load (sets --model file).", valueName: "path"))
  var file: String?

  @Flag(name: .long, help: "The edge-list file is directed (a line 'u v' means u follows v).")
  var directed = false

  /// The options as `graph.*` overrides, applied before `--set`; messages about them name
  /// the option (`--rewire 1.4`), and the scenario's checks judge their values.
  var overrides: [Override] {
    var result: [Override] = []
    if let file {
      // Relative to where the command runs, quoted so any file name is read as text.
      let path = URL(fileURLWithPath: file).standardizedFileURL.path
      let origin = "--file \(file)"
      result += [
        Override(key: "graph.model", value: "file", origin: origin),
        Override(key: "graph.path", value: "'\(path.replacingOccurrences(of: "'", with: "''"))'", origin: origin),
      ]
      if directed { result.append(Override(key: "graph.directed", value: "true", origin: "--directed")) }
    }
    if let model { result.append(Override(key: "graph.model", value: model, origin: "--model \(model)")) }
    for (key, value) in [("nodes", nodes), ("neighbors", neighbors), ("rewire", rewire)] {
      if let value { result.append(Override(key: "graph.\(key)", value: value, origin: "--\(key) \(value)")) }
    }
    return result
  }
}
