// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import ViralityCore
import ViralityIO

/// `viral validate`: every check `viral run` (or, without a campaign, `viral graph`) makes
/// before it starts, without running anything.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a scenario without running it: keys, types, ranges, sweep, memory, and the files it names.",
    discussion: """
      Makes every check viral run makes before simulating (viral graph's, for a scenario \
      without a campaign): it reads the edge-list and agent files, checks the target segment \
      and the seeds, and, for budget seeding, draws a graph and its agents to see what seeds \
      cost. Exit status 0: valid; 2: not, with one line saying why.
      """)

  @Argument(help: ArgumentHelp("Scenario file (YAML).", valueName: "scenario.yaml"))
  var scenario: String

  @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario field (repeatable).", valueName: "key=value"))
  var assignments: [String] = []

  /// The run's threads: memory depends on them.
  @OptionGroup var workers: ThreadOptions

  func run() throws {
    let overrides = try assignments.map { assignment throws(ScenarioError) in try Override(setting: assignment) }
    let (document, directory) = try ScenarioLoader.document(path: scenario)
    // Its one line is its output: progress only on a terminal.
    let checks = CheckProgress(enabled: ProgressLine().interactive)
    let outcome = try ScenarioValidation.check(
      document: document, directory: directory, overrides: overrides, threads: workers.count, progress: checks.report)
    checks.finish()
    let (loaded, peakBytes, everyPoint) = (outcome.loaded, outcome.peakBytes, outcome.everyPoint)
    let graph = loaded.base.graph
    let points = loaded.pointCount
    var parts = ["scenario '\(loaded.base.name)'", "graph \(graph.modelName)"]
    if let campaign = loaded.base.campaign { parts.append("campaign \(campaign.modelName)") }
    let variants = loaded.base.variants
    if variants.count == 1 { parts.append("seeding \(variants[0].spec.strategyName)") }
    if variants.count > 1 { parts.append("\(variants.count) seeding variants") }
    if let split = loaded.base.split {
      parts.append(
        "a split of \(split.budget.shortDescription) among \(split.arms.count) arms (\(split.allocations.count) allocations)")
    }
    parts.append(
      "\(points) sweep point\(points == 1 ? "" : "s")"
        + (everyPoint ? "" : " (the first checked whole, every listed value and range end)"))
    parts.append(
      "memory about \(GraphMemory.describe(bytes: peakBytes)) at the peak on \(workers.count) thread"
        + (workers.count == 1 ? "" : "s") + " (\(GraphMemory.describe(bytes: SystemMemory.availableBytes())) available)")
    print("\(scenario): valid — \(parts.joined(separator: ", "))")
  }
}
