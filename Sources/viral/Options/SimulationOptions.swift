// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ViralityCore
import ViralityIO

/// What `viral run` and `viral compare` share: the scenario, the common options and how to
/// print. Both run the scenario's study into `SimulationResults`.
struct SimulationOptions: ParsableArguments {
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

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Write cascades.csv: who reached whom in n replicates per variant (outputs.trace).", valueName: "n"))
  var trace: Int?

  @Option(
    name: .customLong("trace-pick"),
    help: "Which replicates --trace follows: median (final size nearest the median) or first (outputs.trace_pick).")
  var tracePick: OutputSettings.TracePick?

  @Option(
    name: .customLong("graph-stats"),
    help:
      "Statistics of the graph in graph.csv: none, basic, full, or sampled (full with the clustering estimated; both add degrees.csv and separation.csv; default: basic, full with --report)."
  )
  var graphStats: StatisticsLevel?

  @Flag(name: .long, help: "Also write report.html: the results as one page of charts that works offline (see viral report).")
  var report = false

  /// The graph statistics asked for.
  var statistics: StatisticsLevel { graphStats ?? (report ? .full : .basic) }

  func validate() throws {
    if let replicates, replicates < 1 {
      throw ValidationError("--replicates: give at least 1 replicate; got \(replicates).")
    }
    if let trace, trace < 0 { throw ValidationError("--trace: give 0 or more replicates to trace; got \(trace).") }
  }

  /// The scenario with every override (`--set`, `--seed`, `--replicates`), and the
  /// overrides; `expand` makes every sweep point now.
  func load(expand: Bool = true) throws -> (LoadedScenario, [Override]) {
    var overrides = try common.overrides()
    if let replicates {
      overrides.append(Override(key: "replicates", value: String(replicates), origin: "--replicates \(replicates)"))
    }
    if let trace { overrides.append(Override(key: "outputs.trace", value: String(trace), origin: "--trace \(trace)")) }
    if let tracePick {
      overrides.append(
        Override(key: "outputs.trace_pick", value: tracePick.rawValue, origin: "--trace-pick \(tracePick.rawValue)"))
    }
    return (try ScenarioLoader.load(path: scenario, overrides: overrides, expand: expand), overrides)
  }

  /// Runs the study and writes its folder; `comparing` requires a `compare:` section.
  func simulate(comparing: Bool) throws {
    let started = Date()
    let (loaded, overrides) = try load()
    if comparing, loaded.base.compare == nil {
      throw ScenarioError(
        location: loaded.document.location(of: []), key: "compare",
        "viral compare needs a compare: list of seeding variants, e.g. - {label: hubs, strategy: top-followers, count: 5}")
    }
    try Simulation(
      common: common, output: output, statistics: statistics, report: report, scenarioFile: scenario
    ).run(loaded, overrides: overrides, started: started)
  }
}

/// What `viral run`, `compare` and `demo` do once the scenario is loaded: run its study into
/// `SimulationResults`, write the folder (with the report if asked), print the summary.
struct Simulation {
  let common: CommonOptions
  let output: OutputOptions
  let statistics: StatisticsLevel
  let report: Bool
  /// The scenario file, for the manifest (nil for a built-in demo).
  let scenarioFile: String?

  /// The files the folder lists: the tables staged, the manifest and the report.
  func fileNames(_ staged: [String]) -> [String] { staged + ["manifest.json"] + (report ? [Report.file] : []) }

  /// Runs `loaded` and returns the results folder's path.
  @discardableResult
  func run(_ loaded: LoadedScenario, overrides: [Override], started: Date) throws -> String {
    let threads = common.threadCount
    let staging = try common.staging(name: loaded.base.name, overrides: overrides)
    let checks = CheckProgress(enabled: output.showsProgress)
    let study = try Study(
      loaded, work: .simulate(graphStatistics: statistics), threads: threads, checking: checks.report)
    checks.finish()
    if report { try Report.checkLibrary() }
    var sink = SimulationResults(study: study)
    let progress = ProgressMeter(total: study.totalSteps, unit: "runs", enabled: output.showsProgress)
    try study.run(into: &sink, observer: progress)
    progress.finish()
    let finished = sink.finish()
    try sink.write(finished, to: staging)
    let manifest = Manifest(
      command: CommandLine.arguments, scenarioFile: scenarioFile, loaded: loaded, started: started, finished: Date(),
      threads: threads, files: fileNames(staging.fileNames))
    try staging.write("manifest.json", try manifest.json())
    if report { try Report.stage(in: staging) }
    try staging.publish()
    let base = loaded.base
    let binHours = base.outputs.binHours(horizon: base.horizon.hours)
    let warnings = finished.summary.warnings(horizon: base.horizon, binHours: binHours)
    let path = staging.destination.path
    let columns = loaded.summaryColumns
    if output.json {
      print(
        try finished.summary.json(results: path, files: staging.fileNames, warnings: warnings, sweepKeys: loaded.sweepKeys))
    } else if output.quiet {
      print(path)
    } else {
      var lines = finished.summary.table(columns: columns, binHours: binHours)
      if let comparison = finished.comparison {
        lines =
          ["Seeding variants, best first (paired with \(base.variants[0].label) on the same runs):"]
          + comparison.lines(columns: columns, hasValue: base.value != nil)
      }
      for line in lines + (finished.theory?.lines ?? []) { print(line) }
      print("Results: \(path)/ (\(staging.fileNames.joined(separator: ", ")))")
    }
    for warning in warnings { Terminal.note(warning) }
    return path
  }
}

extension ProgressMeter: StudyObserver {
  func finishedStep() { advance() }
  func live(_ counts: LiveCounts) {
    live(replicate: counts.replicate, hours: counts.hours, aware: counts.aware, participants: counts.engaged)
  }
}
