// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import GSL
import ViralityCore
import ViralityIO

/// `viral run`: simulate a campaign and write its results.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Simulate a campaign: replicates of the spreading model on the scenario's graph.",
    discussion: """
      Writes runs.csv (one row per run), summary.csv (mean, sd, 95% bootstrap interval per \
      metric), timeseries.csv, generations.csv, graph.csv and manifest.json to \
      Results/<name>/, and prints a short table. The same scenario and seed give \
      byte-identical CSV on any number of threads.
      Examples:
        viral run Scenarios/word-of-mouth.yaml
        viral run Scenarios/rumour.yaml --replicates 1000 --set campaign.rate=2
        viral run Scenarios/ice-bucket-2014.yaml --json | python3 -m json.tool
      """)

  @Argument(help: ArgumentHelp("Scenario file (YAML).", valueName: "scenario.yaml"))
  var scenario: String

  @OptionGroup(title: "Common")
  var common: CommonOptions

  @OptionGroup(title: "Output")
  var output: OutputOptions

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Replicates per sweep point (overrides the scenario's).", valueName: "n"))
  var replicates: Int?

  @Option(name: .customLong("graph-stats"), help: "Statistics of the graph in graph.csv: none, basic, full.")
  var graphStats: StatisticsLevel = .basic

  func validate() throws {
    if let replicates, replicates < 1 {
      throw ValidationError("--replicates: give at least 1 replicate; got \(replicates).")
    }
  }

  func run() throws {
    let started = Date()
    var overrides = try common.overrides()
    if let replicates {
      overrides.append(Override(key: "replicates", value: String(replicates), origin: "--replicates \(replicates)"))
    }
    let loaded = try ScenarioLoader.load(path: scenario, overrides: overrides)
    let threads = common.threadCount
    let checked = try Preflight.check(loaded, work: .run(graphStatistics: graphStats), threads: threads)
    let staging = try ResultStaging(destination: common.out ?? "Results/\(loaded.base.name)")
    var graphReport = GraphReport(sweepKeys: loaded.sweepKeys)
    let campaign = loaded.base.campaign!
    var report = RunReport(sweepKeys: loaded.sweepKeys, extraMetrics: campaign.model.extraMetricNames)
    let progress = ProgressMeter(
      total: loaded.points.reduce(0) { $0 + $1.scenario.replicates }, unit: "runs", enabled: output.showsProgress)
    for point in loaded.points {
      let scenario = point.scenario
      let realizations = scenario.graph.realizations
      for realization in 0..<realizations {
        progress.status(realizations > 1 ? "graph \(realization + 1)/\(realizations)" : "graph")
        let built = try checked.graph(for: point, realization: realization, threads: threads)
        let statistics = GraphStatistics(
          built.graph, level: graphStats,
          stream: RandomStream(
            seed: StreamSeed.derive(master: scenario.seed, purpose: .separation, index: UInt64(realization)), kind: scenario.rng),
          threads: threads)
        graphReport.add(point: point, realization: realization, built: built, statistics: statistics)
        let population = try Preflight.population(for: built.graph, scenario: scenario, realization: realization, loaded: loaded)
        let first = realization * scenario.replicates / realizations
        let last = (realization + 1) * scenario.replicates / realizations
        let ensemble = Ensemble(
          graph: built.graph, population: population,
          variants: [SeedingVariant(label: "default", spec: scenario.seeding!)], replicates: first..<last,
          pointSeed: scenario.seed, horizon: scenario.horizon.hours,
          binWidth: scenario.outputs.binHours(horizon: scenario.horizon.hours), settings: scenario.outputs.measure,
          generator: scenario.rng)
        progress.status(realizations > 1 ? "runs on graph \(realization + 1)/\(realizations)" : "runs")
        let records: [RunRecord]
        do { records = try scenario.campaign!.model.run(ensemble, threads: threads) { _ in progress.advance() } } catch {
          throw loaded.document.describe(error.inside("seeding"))
        }
        report.add(
          point: point, variants: ["default"], realization: realization, records: records,
          context: RunReport.Context(nodes: built.graph.nodeCount, targetSize: population.targetSize),
          details: scenario.outputs.details)
      }
    }
    progress.finish()
    let summary = report.summarized(seed: loaded.base.seed, generator: loaded.base.rng)
    try staging.write("runs.csv", report.runs.csv)
    try staging.write("summary.csv", summary.csv.csv)
    if loaded.base.outputs.details {
      try staging.write("timeseries.csv", report.timeseries.csv)
      try staging.write("generations.csv", report.generations.csv)
    }
    try staging.write("graph.csv", graphReport.graphs.csv)
    var theoryLines: [String] = []
    let theories = loaded.points.compactMap { point in
      (point.scenario.campaign?.model as? any BranchingTheory).map { ($0, point.scenario.population) }
    }
    if theories.count == loaded.points.count {
      let theory = BranchingComparison.table(
        theories, summary: summary, earlyGenerations: loaded.base.outputs.earlyGenerations)
      try staging.write("theory.csv", theory.csv.csv)
      theoryLines = theory.lines
    }
    let manifest = Manifest(
      command: CommandLine.arguments, scenarioFile: scenario, loaded: loaded, started: started, finished: Date(),
      threads: threads, files: staging.fileNames + ["manifest.json"])
    try staging.write("manifest.json", try manifest.json())
    try staging.publish()
    let binHours = loaded.base.outputs.binHours(horizon: loaded.base.horizon.hours)
    let warnings = summary.warnings(horizon: loaded.base.horizon, binHours: binHours)
    let path = staging.destination.path
    if output.json {
      print(try summary.json(results: path, files: staging.fileNames, warnings: warnings, sweepKeys: loaded.sweepKeys))
    } else if output.quiet {
      print(path)
    } else {
      for line in summary.table(columns: campaign.model.summaryColumns, binHours: binHours) + theoryLines { print(line) }
      print("Results: \(path)/ (\(staging.fileNames.joined(separator: ", ")))")
    }
    for warning in warnings { Terminal.note(warning) }
  }
}
