// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ViralityIO

/// `viral split`: the best way to divide one budget among tiers or strategies.
struct SplitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "split",
    abstract: "Find the best split of one budget among arms (tiers or strategies): a race on common random numbers.",
    discussion: """
      Reads the scenario's split: section (budget, step, arms, metric), makes every \
      allocation of the budget on the grid of step shares, and races them on the same \
      replicate streams: each round runs block more replicates of every allocation still in \
      the race and drops those a paired t test (Bonferroni over pairs and rounds) shows worse \
      than the leader. Writes split.csv (every allocation, best first: shares, budgets, the \
      metric's mean and 95% interval, the paired difference to the best, the probability of \
      being best) and race.csv (round by round) to Results/<name>-split/.
      Examples:
        viral split Scenarios/sports-brand-launch.yaml
        viral split Scenarios/sports-brand-launch.yaml --set split.step=0.1
      """)

  @Argument(help: ArgumentHelp("Scenario file (YAML) with a split: section.", valueName: "scenario.yaml"))
  var scenario: String

  @OptionGroup(title: "Common")
  var common: CommonOptions

  @Flag(name: .long, help: "Print only the results folder's path (no table, no progress).")
  var quiet = false

  func run() throws {
    let started = Date()
    let overrides = try common.overrides()
    let loaded = try ScenarioLoader.load(path: scenario, overrides: overrides)
    let threads = common.threadCount
    let study = try SplitStudy(loaded, threads: threads)
    let staging = try ResultStaging(
      destination: common.destination(name: loaded.base.name, overrides: overrides, suffix: "-split"))
    let split = study.split
    // A step is one replicate of every allocation still in the race; the race may stop early.
    let progress = ProgressMeter(total: split.maxReplicates, unit: "replicates at most", enabled: !quiet)
    let outcome = try study.run(observer: progress)
    progress.finish()
    let labels = split.allocations.map(study.label(of:))
    let table = SplitTable(outcome, labels: labels, seed: loaded.base.seed, generator: loaded.base.rng)
    try staging.write("split.csv", table.split.csv)
    try staging.write("race.csv", table.race.csv)
    let manifest = Manifest(
      command: CommandLine.arguments, scenarioFile: scenario, loaded: loaded, started: started, finished: Date(),
      threads: threads, files: staging.fileNames + ["manifest.json"])
    try staging.write("manifest.json", try manifest.json())
    try staging.publish()
    let path = staging.destination.path
    guard !quiet else { return print(path) }
    for line in table.lines() { print(line) }
    print("Results: \(path)/ (\(staging.fileNames.joined(separator: ", ")))")
  }
}
