// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import GSL
import ViralityCore
import ViralityIO

extension StatisticsLevel: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
extension GeneratorKind: ExpressibleByArgument {}

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

  @Option(name: .long, help: "How much to compute: none (build and write only), basic (sizes, degrees), full.")
  var stats: StatisticsLevel = .full

  @Option(name: .long, help: "BFS sources sampled for the separation of large graphs.")
  var sources = 256

  @Flag(name: .long, help: "Separation from every node (exact), however large the graph.")
  var exactSeparation = false

  @Option(name: .long, help: "Also write each graph for Gephi and friends: edgelist, graphml (repeatable).")
  var export: [ExportFormat] = []

  func validate() throws {
    guard sources >= 1 else { throw ValidationError("Please give at least 1 source; got \(sources).") }
    guard
      scenario != nil || graphOptions.model != nil || graphOptions.file != nil
        || common.assignments.contains(where: { $0.hasPrefix("graph.model=") })
    else {
      throw ValidationError("Please give a scenario file, or a graph with --model (or --file).")
    }
  }

  func run() throws {
    let started = Date()
    let loaded = try ScenarioLoader.load(
      path: scenario, overrides: graphOptions.overrides + common.overrides, defaultName: "graph")
    let threads = common.threadCount
    for point in loaded.points {
      try SystemMemory.check(point.scenario.graph, level: stats, threads: threads, location: loaded.graphLocation)
    }
    let outputFolder = common.out ?? "Results/\(loaded.base.name)"
    let staging = try ResultStaging(destination: outputFolder)
    var report = GraphReport(sweepKeys: loaded.sweepKeys)
    let total = loaded.points.reduce(0) { $0 + $1.scenario.graph.realizations }
    var done = 0
    var progress = ProgressLine()
    for point in loaded.points {
      let section = point.scenario.graph
      for realization in 0..<section.realizations {
        done += 1
        let label = ([section.displayName] + point.assignments.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
        progress.show("[\(done)/\(total)] \(label): building …", last: false)
        let buildClock = Stopwatch()
        let built = try section.build(
          realization: realization, masterSeed: point.scenario.seed, generatorKind: point.scenario.rng, threads: threads)
        let buildSeconds = buildClock.seconds
        if stats != .none {
          progress.show("[\(done)/\(total)] \(label): measuring \(built.graph.nodeCount) nodes …", last: false)
        }
        let statsClock = Stopwatch()
        let stream = RandomStream(
          seed: StreamSeed.derive(master: point.scenario.seed, purpose: .separation, index: UInt64(realization)),
          kind: point.scenario.rng)
        let statistics = GraphStatistics(
          built.graph, level: stats, separationSources: sources, exactSeparation: exactSeparation ? true : nil, stream: stream,
          threads: threads)
        progress.show(
          "[\(done)/\(total)] \(label): \(built.graph.nodeCount) nodes, \(built.graph.edgeCount) edges built in \(buildSeconds.humanSeconds), statistics in \(statsClock.seconds.humanSeconds)",
          last: done == total)
        report.add(point: point, realization: realization, built: built, statistics: statistics)
        for format in export {
          let name = total == 1 ? "graph.\(format.fileExtension)" : "graph-\(point.index)-\(realization).\(format.fileExtension)"
          let header =
            "Viral \(ViralVersion.current): \(label), realization \(realization)\(built.seed.map { ", seed \($0)" } ?? "")"
          try staging.write(name) { try GraphExport.write(built.graph, as: format, header: header, to: $0) }
        }
      }
    }
    try staging.write("graph.csv", report.graphs.csv)
    if stats != .none { try staging.write("degrees.csv", report.degrees.csv) }
    if stats == .full { try staging.write("separation.csv", report.separation.csv) }
    let manifest = Manifest(
      command: CommandLine.arguments, scenarioFile: scenario, loaded: loaded, started: started, finished: Date(),
      threads: threads,
      files: staging.fileNames + ["manifest.json"])
    try staging.write("manifest.json", try manifest.json())
    try staging.publish()
    for line in report.summary { print(line) }
    print("Results: \(staging.destination.path)/ (\(staging.fileNames.joined(separator: ", ")))")
  }
}
