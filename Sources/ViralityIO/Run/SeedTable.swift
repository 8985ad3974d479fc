// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// `seeds.csv`: the accounts each variant picked, because "whom do we pay?" is the
/// strategist's question. One row per seed: the variant, the graph realization, the
/// replicate (empty for seeds every replicate shares), the seed's rank in the variant's
/// choice, the agent (its label when the graph has labels), its followers, tier and cost,
/// and the strategy's own score of it.
struct SeedTable {
  private(set) var table: CSVTable
  /// Per sweep point and variant, the seed choice's time and memory (`CompareTable`).
  private(set) var selections: [String: CompareTable.Selection] = [:]

  init(sweepKeys: [String]) {
    table = CSVTable(
      columns: ScenarioPoint.keyColumns(sweepKeys) + [
        "variant", "graph_realization", "replicate", "rank", "agent", "followers", "tier", "cost", "score_name", "score",
      ])
  }

  /// The seeds of one unit: the chosen ones once per graph, the drawn ones when
  /// `randomSeeds`.
  mutating func add(_ result: UnitResult, randomSeeds: Bool) {
    let values = result.point.keyValues
    let graph = result.graph
    let population = result.population
    func append(_ variant: Int, replicate: Int?, agents: [Int], scores: [Double?]) {
      let spec = result.variants[variant].spec
      for (rank, agent) in agents.enumerated() {
        let followers = graph.followerCount(of: agent)
        table.append(
          values.map { .text($0) } + [
            .text(result.variants[variant].label), .int(result.unit.realization), replicate.csv, .int(rank + 1),
            .text(graph.label(of: agent)), .int(followers), .text(population.tiers.tier(followers: followers)),
            .double(population.cost[agent]), spec.strategy.scoreName.map(CSVValue.text) ?? .missing,
            rank < scores.count ? scores[rank].csv : .missing,
          ])
      }
    }
    if result.firstOnGraph {
      for (v, chosen) in result.selections.enumerated() {
        guard let chosen else { continue }
        append(v, replicate: nil, agents: chosen.selection.agents, scores: chosen.selection.scores)
        let key = CompareTable.key(values, result.variants[v].label)
        var entry = selections[key] ?? CompareTable.Selection(seconds: 0, workspaceBytes: 0, graphs: 0)
        entry.seconds = (entry.seconds * Double(entry.graphs) + chosen.seconds) / Double(entry.graphs + 1)
        entry.workspaceBytes = max(entry.workspaceBytes, chosen.selection.workspaceBytes)
        entry.graphs += 1
        selections[key] = entry
      }
    }
    guard randomSeeds else { return }
    for record in result.records where !record.seeds.isEmpty {
      append(record.variant, replicate: record.replicate, agents: record.seeds, scores: [])
    }
  }
}
