// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// `cascades.csv`: who reached whom in the runs `outputs.trace` picked. One row per agent a
/// run touched: first the cascade tree in the order agents were reached (parent and
/// generation set; the parent's row comes before its children's), then the agents who only
/// heard (empty parent, generation and time). Agents are named by their labels when the
/// graph has them.
struct CascadeTable {
  private(set) var table: CSVTable

  init(sweepKeys: [String]) {
    table = CSVTable(
      columns: ScenarioPoint.keyColumns(sweepKeys) + [
        "variant", "replicate", "graph_realization", "agent", "parent", "generation", "time_h", "how", "outcome", "aware_h",
        "adopted_h", "stopped_h",
      ])
  }

  mutating func add(_ result: TraceResult) {
    let values: [CSVValue] = result.point.keyValues.map { .text($0) }
    let graph = result.graph
    for trace in result.traces {
      let prefix = values + [.text(result.variants[trace.variant]), .int(trace.replicate), .int(result.realization)]
      for agent in trace.agents {
        table.append(
          prefix + [
            .text(graph.label(of: agent.agent)), agent.parent.map { .text(graph.label(of: $0)) } ?? .missing,
            agent.generation.csv, agent.reached.csv, agent.route.map { .text($0.rawValue) } ?? .missing,
            .text(agent.outcome), agent.aware.csv, agent.adopted.csv, agent.stopped.csv,
          ])
      }
    }
  }
}
