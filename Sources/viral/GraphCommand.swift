// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import GSL
import ViralityCore
import ViralityIO

extension StatisticsLevel: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
extension GeneratorKind: ExpressibleByArgument {}
extension OutputSettings.TracePick: ExpressibleByArgument {}

/// `viral graph`: build or load graphs and measure them.
struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract: "Build (or load) a graph and measure it: degrees, clustering, degrees of separation.",
    discussion: """
      Reads the graph: (and sweep:) sections of a scenario, or builds a graph from the options \
      below, then writes graph.csv, degrees.csv, separation.csv and manifest.json.
      Examples:
        viral graph Scenarios/six-degrees.yaml
        viral graph --model watts-strogatz --nodes 100000 --neighbors 10 --rewire 0.01
        viral graph --file Scenarios/data/karate_club.txt --export graphml
      """)

  @Argument(help: ArgumentHelp("Scenario file (YAML). Omit it to build from the options.", valueName: "scenario.yaml"))
  var scenario: String?

  @OptionGroup(title: "Graph")
  var graphOptions: GraphOptions

  @OptionGroup(title: "Common")
  var common: CommonOptions

  @OptionGroup(title: "Output")
  var output: OutputOptions

  @Option(
    name: .long,
    help:
      "How much to compute: none (build and write only), basic (sizes, degrees), full, or sampled (full with the clustering estimated from samples, for graphs too big for the exact count)."
  )
  var stats: StatisticsLevel = .full

  @Option(name: .long, parsing: .unconditional, help: "BFS sources sampled for the separation of large graphs.")
  var sources = 256

  @Flag(name: .long, help: "Separation from every node (exact), however large the graph.")
  var exactSeparation = false

  @Option(name: .long, help: "Also write each graph for Gephi and friends: edgelist, graphml (repeatable).")
  var export: [ExportFormat] = []

  func validate() throws {
    guard sources >= 1 else { throw ValidationError("--sources: give at least 1 source; got \(sources).") }
    guard
      scenario != nil || graphOptions.model != nil || graphOptions.file != nil
        || common.assignments.contains(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("graph.model") })
    else {
      throw ValidationError("Please give a scenario file, or a graph with --model (or --file).")
    }
  }

  func run() throws {
    let started = Date()
    let overrides = graphOptions.overrides + (try common.overrides())
    // Without a scenario the graph options are the scenario; with one they are a what-if.
    let whatIf = scenario == nil ? try common.overrides() : overrides
    let loaded = try ScenarioLoader.load(path: scenario, overrides: overrides, defaultName: "graph")
    let threads = common.threadCount
    let measure = Study.GraphMeasurement(
      level: stats, separationSources: sources, exactSeparation: exactSeparation ? true : nil)
    let staging = try common.staging(name: loaded.base.name, overrides: whatIf)
    let study = try Study(loaded, work: .graph(measure), threads: threads, readFiles: true)
    var sink = GraphResults(study: study, staging: staging, exporting: export)
    let progress = ProgressMeter(total: study.totalSteps, unit: "graphs", enabled: output.showsProgress)
    try study.run(into: &sink, observer: progress)
    progress.finish()
    try sink.write()
    let manifest = Manifest(
      command: CommandLine.arguments, scenarioFile: scenario, loaded: loaded, started: started, finished: Date(),
      threads: threads, files: staging.fileNames + ["manifest.json"])
    try staging.write("manifest.json", try manifest.json())
    try staging.publish()
    let path = staging.destination.path
    if output.json {
      print(
        try sink.report.json(results: path, files: staging.fileNames, estimatedPeakBytes: study.checked.peakBytes))
    } else if output.quiet {
      print(path)
    } else {
      for line in sink.report.summary { print(line) }
      print("Results: \(path)/ (\(staging.fileNames.joined(separator: ", ")))")
    }
  }
}
