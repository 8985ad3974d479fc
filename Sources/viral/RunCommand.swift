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
      Writes runs.csv (one row per run), summary.csv (mean, sd, 95% CI per metric), \
      timeseries.csv, generations.csv, graph.csv and manifest.json to Results/<name>/, and \
      prints a short table. The same scenario and seed give byte-identical CSV on any number \
      of threads.
      Examples:
        viral run Scenarios/word-of-mouth.yaml
        viral run Scenarios/rumour.yaml --replicates 1000 --set campaign.rate=2
      """)

  @Argument(help: ArgumentHelp("Scenario file (YAML).", valueName: "scenario.yaml"))
  var scenario: String

  @OptionGroup(title: "Common")
  var common: CommonOptions

  @Option(name: .long, help: "Replicates per sweep point (overrides the scenario's).")
  var replicates: Int?

  @Option(name: .customLong("graph-stats"), help: "Statistics of the graph in graph.csv: none, basic, full.")
  var graphStats: StatisticsLevel = .basic

  func validate() throws {
    if let replicates, replicates < 1 { throw ValidationError("Please give at least 1 replicate; got \(replicates).") }
  }

  /// Bytes of run state per agent and worker (SimulationRun's arrays, with every scratch a
  /// model may ask for).
  static let runBytesPerAgent = SimulationRun.bytesPerAgent([.value, .second, .counters])

  func run() throws {
    let started = Date()
    let overrides = common.overrides + (replicates.map { ["replicates=\($0)"] } ?? [])
    let loaded = try ScenarioLoader.load(path: scenario, overrides: overrides)
    guard loaded.base.seeding != nil, loaded.base.campaign != nil else {
      let key = loaded.base.campaign == nil ? "campaign" : "seeding"
      throw ScenarioError(
        location: loaded.document.location(of: []), key: key,
        "viral run needs a \(key): section (\(key == "campaign" ? "the spreading model" : "who starts it")); see Scenarios/README.md"
      )
    }
    let threads = common.threadCount
    for point in loaded.points {
      try SystemMemory.check(
        point.scenario.graph, level: graphStats, threads: threads, location: loaded.graphLocation,
        bytesPerAgentPerWorker: Self.runBytesPerAgent)
    }
    let staging = try ResultStaging(destination: common.out ?? "Results/\(loaded.base.name)")
    var graphReport = GraphReport(sweepKeys: loaded.sweepKeys)
    var report = RunReport(sweepKeys: loaded.sweepKeys, extraMetrics: loaded.base.campaign!.model.extraMetricNames)
    let progress = ReplicateProgress(total: loaded.points.reduce(0) { $0 + $1.scenario.replicates })
    for point in loaded.points {
      let scenario = point.scenario
      let campaign = scenario.campaign!
      let realizations = scenario.graph.realizations
      for realization in 0..<realizations {
        let built = try scenario.graph.build(
          realization: realization, masterSeed: scenario.seed, generatorKind: scenario.rng, threads: threads)
        let statistics = GraphStatistics(
          built.graph, level: graphStats,
          stream: RandomStream(
            seed: StreamSeed.derive(master: scenario.seed, purpose: .separation, index: UInt64(realization)), kind: scenario.rng),
          threads: threads)
        graphReport.add(point: point, realization: realization, built: built, statistics: statistics)
        let population = try Self.population(for: built.graph, scenario: scenario, realization: realization, loaded: loaded)
        let first = realization * scenario.replicates / realizations
        let last = (realization + 1) * scenario.replicates / realizations
        let binWidth = scenario.outputs.binHours(horizon: scenario.horizon.hours)
        let ensemble = Ensemble(
          graph: built.graph, population: population,
          variants: [SeedingVariant(label: "default", spec: scenario.seeding!)], replicates: first..<last,
          pointSeed: scenario.seed, horizon: scenario.horizon.hours, binWidth: binWidth, settings: scenario.outputs.measure,
          generator: scenario.rng)
        let records: [RunRecord]
        do { records = try campaign.model.run(ensemble, threads: threads) { _ in progress.advance() } } catch {
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
    for line in summary.table(columns: loaded.base.campaign!.model.summaryColumns, binHours: binHours) + theoryLines {
      print(line)
    }
    for warning in summary.warnings(horizon: loaded.base.horizon, binHours: binHours) { Terminal.note(warning) }
    print("Results: \(staging.destination.path)/ (\(staging.fileNames.joined(separator: ", ")))")
  }

  /// The agents of one graph realization: drawn from the scenario's population stream, then
  /// the agent file applied.
  static func population(for graph: Graph, scenario: Scenario, realization: Int, loaded: LoadedScenario) throws -> Population {
    var table: AgentTable? = nil
    if let file = scenario.population.file {
      do { table = try AgentFileReader.read(file, for: graph) } catch {
        throw ScenarioError(location: error.line.map { "\(error.path):\($0)" } ?? error.path, error.message)
      }
    }
    let stream = RandomStream(
      seed: StreamSeed.derive(master: scenario.seed, purpose: .population, index: UInt64(realization)), kind: scenario.rng)
    do { return try scenario.population.draw(for: graph, using: stream, overrides: table) } catch {
      throw loaded.document.describe(error.inside("population"))
    }
  }
}

/// Counts finished replicates from the workers and shows them on the progress line.
final class ReplicateProgress: @unchecked Sendable {
  private let lock = NSLock()
  private var line = ProgressLine()
  private var done = 0
  private let total: Int
  private let clock = Stopwatch()

  init(total: Int) { self.total = total }

  func advance() {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    line.show("\(done)/\(total) replicates, \(clock.seconds.humanSeconds)", last: false)
  }

  func finish() {
    lock.lock()
    defer { lock.unlock() }
    line.show("\(done)/\(total) replicates in \(clock.seconds.humanSeconds)", last: true)
  }
}
