// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// The branching-process expectations of the chains a campaign's seeds start, beside what
/// the runs measured in those chains (`theory.csv`, and lines on stdout): how much the
/// graph's clustering — nominees who were already nominated or already take part — slows a
/// real chain down. Chains started later (waves, agents who joined without a nomination) are
/// not what the process describes and are left out; the lines count them apart.
public enum BranchingComparison {
  /// The generations compared one by one.
  static let generations = 5

  /// One row per group (sweep point × variant) and quantity: theory, simulated, runs.
  /// `theories` holds each sweep point's model and population, in the order of the
  /// summary's groups (one group per point and variant); `earlyGenerations` is the
  /// `died_early` cut.
  public static func table(
    _ theories: [(model: any BranchingTheory, population: PopulationSpec)], summary: RunSummary, earlyGenerations: Int
  ) -> (
    csv: CSVTable, lines: [String]
  ) {
    var csv = CSVTable(
      columns: summary.keyColumns + ["quantity", "k", "p", "theory", "simulated", "runs", "simulated_from"])
    var lines = ["Chains started by the seeds, beside a branching process on a tree-like network:"]
    let variants = summary.groups.count / max(theories.count, 1)
    for (i, group) in summary.groups.enumerated() {
      let (theory, population) = theories[i / max(variants, 1)]
      guard let process = theory.branchingProcess(population: population),
        let chains = group.pooled.first(where: { $0.tree == theory.theoryTree })
      else { continue }
      func mean(_ name: String) -> Double? { summary.statistic(name, in: group).map(\.mean) }
      let seeds = Int((mean("seeds") ?? 0).rounded())
      let cut = earlyGenerations + 1
      var rows: [(String, Double?, Double?, Int, String)] = [
        (
          "mean_offspring", process.meanOffspring, chains.offspringMean(0..<generations), chains.runs,
          "seed chains, children per agent of generations 0-\(generations - 1), pooled over runs"
        )
      ]
      for g in 0..<generations {
        rows.append(
          (
            "offspring_generation_\(g)", process.meanOffspring, chains.offspringMean(g),
            g < chains.runsReaching.count ? chains.runsReaching[g] : 0, "seed chains, children per agent of generation \(g)"
          ))
      }
      rows += [
        (
          "died_early", Double.pow(process.emptyBy(generation: cut), Double(seeds)), chains.emptyShare(generation: cut),
          chains.runs, "share of runs whose seed chains have no generation \(cut)"
        ),
        (
          "extinction_probability", process.extinction(seeds: seeds), nil, chains.runs,
          "eventual extinction: a finite run cannot observe it"
        ),
        (
          "expected_participants", process.expectedTotal(seeds: seeds), mean(theory.theorySizeMetric),
          summary.statistic(theory.theorySizeMetric, in: group)?.n ?? 0, theory.theorySizeMetric
        ),
      ]
      let prefix: [CSVValue] = group.values.map { .text($0) } + [.text(group.variant)]
      for (name, expected, simulated, runs, source) in rows {
        csv.append(
          prefix + [
            .text(name), .int(process.trials), .double(process.probability), expected.csv, simulated.csv, .int(runs),
            .text(source),
          ])
      }
      lines += describe(group, process: process, chains: chains, cut: cut, seeds: seeds, theory: theory, summary: summary)
    }
    return (csv, lines)
  }

  /// The lines of one group: R by generation, early deaths and sizes, theory beside runs.
  static func describe(
    _ group: RunSummary.Group, process: BranchingProcess, chains: PooledGenerations, cut: Int, seeds: Int,
    theory: any BranchingTheory, summary: RunSummary
  ) -> [String] {
    func fixed(_ value: Double?, _ places: Int) -> String { value.map { String(format: "%.\(places)f", $0) } ?? "-" }
    let label = (group.values + [group.variant]).joined(separator: " ")
    let perGeneration = (0..<generations).map { fixed(chains.offspringMean($0), 2) }.joined(separator: " ")
    var lines = [
      "  \(label) (k = \(process.trials), p = \(fixed(process.probability, 3))): R by generation 0-\(generations - 1) \(perGeneration) (pooled \(fixed(chains.offspringMean(0..<generations), 3))), theory \(fixed(process.meanOffspring, 3))",
      "    no generation \(cut): theory \(fixed(Double.pow(process.emptyBy(generation: cut), Double(seeds)), 3)), simulated \(fixed(chains.emptyShare(generation: cut), 3)); agents in seed chains: simulated \(fixed(summary.statistic(theory.theorySizeMetric, in: group)?.mean, 1)), theory \(process.expectedTotal(seeds: seeds).map { fixed($0, 1) } ?? "unbounded (R ≥ 1)")",
    ]
    let others = group.pooled.filter { $0.tree != theory.theoryTree && $0.tree != "cascade" }
    let apart = others.compactMap { forest -> String? in
      let agents = forest.totals.agents.reduce(0, +)
      guard agents > 0 else { return nil }
      let roots = forest.totals.agents.first ?? 0
      let perRun = Double(forest.runs)
      return "\(forest.tree): \(fixed(Double(roots) / perRun, 1)) chains, \(fixed(Double(agents) / perRun, 1)) agents per run"
    }
    if !apart.isEmpty { lines.append("    counted apart: " + apart.joined(separator: "; ")) }
    return lines
  }
}
