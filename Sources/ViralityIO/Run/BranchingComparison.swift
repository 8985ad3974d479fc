// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// The branching-process expectations of a nomination campaign beside what the runs
/// measured (`theory.csv`, and lines on stdout): how much the graph's clustering — nominees
/// who were already nominated or already took part — slows a real chain down.
public enum BranchingComparison {
  /// One row per sweep point and variant and quantity: theory, simulated mean, runs.
  /// `processes` holds each sweep point's process, in the order the report's groups were
  /// added (one group per point and variant).
  public static func table(_ processes: [BranchingProcess], report: RunReport, sweepKeys: [String]) -> (
    csv: CSVTable, lines: [String]
  ) {
    let keyColumns = sweepKeys.map { $0.replacingAll(".", with: "_") } + ["variant"]
    var csv = CSVTable(
      columns: keyColumns + ["quantity", "k", "p", "theory", "simulated", "runs", "simulated_from"])
    var lines = ["Branching process on a tree-like network, beside the runs:"]
    let seeds = report.describe("seeds")
    // The early chains (nomination-tree generations 0-4, before the graph fills up), pooled
    // over runs: a per-run ratio would weigh a two-agent chain like a large one.
    let agents = report.describe("chain_agents_first_5_generations")
    let children = report.describe("chain_children_first_5_generations")
    let diedEarly = report.describe("died_early")
    let participants = report.describe("participants")
    let variants = seeds.count / max(processes.count, 1)
    for (i, group) in seeds.enumerated() {
      let process = processes[i / max(variants, 1)]
      let m = Int(group.mean.rounded())
      let prefix: [CSVValue] = group.values.map { .text($0) } + [.text(group.variant)]
      let rows: [(String, Double?, (mean: Double, n: Int), String)] = [
        (
          "mean_offspring", process.meanOffspring, (children[i].mean / agents[i].mean, agents[i].n),
          "chain children / agents, generations 0-4"
        ),
        ("extinction_probability", process.extinction(seeds: m), (diedEarly[i].mean, diedEarly[i].n), "died_early"),
        ("expected_participants", process.expectedTotal(seeds: m), (participants[i].mean, participants[i].n), "participants"),
      ]
      let label =
        (group.values + [group.variant]).joined(separator: " ")
        + " (k = \(process.trials), p = \(process.probability.shortDescription))"
      for (name, theory, simulated, source) in rows {
        csv.append(
          prefix + [
            .text(name), .int(process.trials), .double(process.probability), theory.map(CSVValue.double) ?? .missing,
            .double(simulated.mean), .int(simulated.n), .text(source),
          ])
        let theoryText = theory.map { String(format: "%.3f", $0) } ?? "unbounded"
        lines.append("  \(label): \(name) theory \(theoryText), simulated \(String(format: "%.3f", simulated.mean)) (\(source))")
      }
    }
    return (csv, lines)
  }
}
