// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// `layout.csv` and `edges.csv`: the graphs of traced runs small enough to draw
/// (`maximumAgents`), for a report's animation. `layout.csv` places every agent in the unit
/// square (`ForceLayout`), `edges.csv` lists each tie once.
struct NetworkTable {
  /// The most agents a graph may have to be drawn.
  static let maximumAgents = 5_000

  private(set) var layout: CSVTable
  private(set) var edges: CSVTable

  init(sweepKeys: [String]) {
    let keys = ScenarioPoint.keyColumns(sweepKeys)
    layout = CSVTable(columns: keys + ["graph_realization", "agent", "x", "y"])
    edges = CSVTable(columns: keys + ["graph_realization", "source", "target"])
  }

  mutating func add(_ result: TraceResult) {
    let graph = result.graph
    guard graph.nodeCount <= Self.maximumAgents else { return }
    let prefix: [CSVValue] = result.point.keyValues.map { .text($0) } + [.int(result.realization)]
    let (x, y) = ForceLayout.positions(graph)
    for agent in 0..<graph.nodeCount {
      layout.append(
        prefix + [
          .text(graph.label(of: agent)), .double((x[agent] * 1e4).rounded() / 1e4), .double((y[agent] * 1e4).rounded() / 1e4),
        ])
    }
    graph.forEachTie { u, v in edges.append(prefix + [.text(graph.label(of: u)), .text(graph.label(of: v))]) }
  }
}
