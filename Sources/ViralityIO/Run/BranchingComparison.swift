// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// The branching-process expectations of a nomination campaign beside what the runs
/// measured (`theory.csv`, and lines on stdout): how much the graph's clustering — nominees
/// who were already nominated or already took part — slows a real chain down.
public enum BranchingComparison {
  /// One row per sweep point and variant and quantity: theory, simulated mean, runs.
  public static func table(_ process: BranchingProcess, report: RunReport, sweepKeys: [String]) -> (
    csv: CSVTable, lines: [String]
  ) {
    let keyColumns = sweepKeys.map { $0.replacingAll(".", with: "_") } + ["variant"]
    var csv = CSVTable(columns: keyColumns + ["quantity", "theory", "simulated", "runs", "simulated_from"])
    var lines = [
      "Branching process (tree-like network, k = \(process.trials), p = \(process.probability.shortDescription)):"
    ]
    let seeds = report.describe("seeds")
    let nominationR = report.describe("nomination_r")
    let diedEarly = report.describe("died_early")
    let participants = report.describe("participants")
    for (i, group) in seeds.enumerated() {
      let m = Int(group.mean.rounded())
      let prefix: [CSVValue] = group.values.map { .text($0) } + [.text(group.variant)]
      let rows: [(String, Double?, (mean: Double, n: Int), String)] = [
        ("mean_offspring", process.meanOffspring, (nominationR[i].mean, nominationR[i].n), "nomination_r"),
        ("extinction_probability", process.extinction(seeds: m), (diedEarly[i].mean, diedEarly[i].n), "died_early"),
        ("expected_participants", process.expectedTotal(seeds: m), (participants[i].mean, participants[i].n), "participants"),
      ]
      let label = (group.values + [group.variant]).joined(separator: " ")
      for (name, theory, simulated, source) in rows {
        csv.append(
          prefix + [
            .text(name), theory.map(CSVValue.double) ?? .missing, .double(simulated.mean), .int(simulated.n), .text(source),
          ])
        let theoryText = theory.map { String(format: "%.3f", $0) } ?? "unbounded"
        lines.append("  \(label): \(name) theory \(theoryText), simulated \(String(format: "%.3f", simulated.mean)) (\(source))")
      }
    }
    return (csv, lines)
  }
}
