// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import GSL
import ViralityCore
import ViralityIO

/// `viral bench`: time Viral on the standard tasks the peers are measured on
/// (bench/compare-graph.sh runs NetworKit, igraph and networkx beside it, bench/compare-spread.sh
/// CyNetDiff, pynetim and NDlib).
extension GraphStorage: ExpressibleByArgument {}

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Time graph generation, statistics and spreading (best and median of several runs).",
    discussion: """
      Cases: ws (Watts–Strogatz, k=10, p=0.1), ba (Barabási–Albert, m=5), clustering \
      (average clustering of the ws graph), separation (100 BFS sources on the ws graph), \
      follower (follower graph, 10 friends + 10 follows), homophily (age in four bands at r = 0.3 and \
      gender at r = 0.1 arranged on the follower graph of --nodes, built once and not timed; \
      check: the age r reached); spreading on a Watts–Strogatz graph \
      of --spread-nodes (k=10, p=0.1) from 10 random seeds drawn once (as the peers do), in rounds: ic-large (independent \
      cascade, q = 0.15), ic-small (q = 0.05), lt (linear threshold, thresholds U(0.1, 0.3)); \
      and on a follower graph of --spread-nodes (the follower model's defaults), kept as --storage says: \
      ic-follower (q = 0.05), lt-follower (thresholds U(0.02, 0.12), as an account follows about 20 others) and nomination (the Ice \
      Bucket Challenge's chain, default parameters). Spreading cases time --spread-runs whole runs (reseed, seed, spread, measure every run \
      metric) on one thread and report the time per run. peak_rss is the process's peak resident memory \
      after the case; run one case per process to measure its memory.
      """)

  enum Case: String, CaseIterable, ExpressibleByArgument {
    case ws, ba, clustering, separation, follower, homophily
    case icLarge = "ic-large"
    case icSmall = "ic-small"
    case lt
    case icFollower = "ic-follower"
    case ltFollower = "lt-follower"
    case nomination

    var isSpreading: Bool { [.icLarge, .icSmall, .lt].contains(self) || onFollowers }
    /// Spreading on the follower graph rather than the Watts–Strogatz one.
    var onFollowers: Bool { [.icFollower, .ltFollower, .nomination].contains(self) }
  }

  @Option(name: .customLong("case"), help: "Cases to run (repeatable; default: all).")
  var cases: [Case] = Case.allCases

  @Option(name: .long, help: "Nodes of the benchmark graphs.")
  var nodes = 1_000_000

  @Option(name: .long, help: "Timed runs per case.")
  var runs = 5

  @Option(name: .customLong("spread-nodes"), help: "Nodes of the graph the spreading cases run on.")
  var spreadNodes = 100_000

  @Option(name: .customLong("spread-runs"), help: "Simulation runs timed together in a spreading case.")
  var spreadRuns = 2000

  @Option(
    name: .customLong("spread-graph"),
    help: "Run the spreading cases on this undirected edge list (SNAP format) instead (bench/compare-spread.sh).")
  var spreadGraph: String?

  @Option(name: .customLong("spread-seeds"), help: "Comma-separated seed labels for the spreading cases.")
  var spreadSeeds: String?

  @Option(
    name: .long,
    help:
      "How the follower spreading cases keep their graph: plain (both views' rows) or compact (follower rows, row lengths, follow-back marks)."
  )
  var storage: GraphStorage = .plain

  @Option(name: .long, help: "Worker threads (default: all cores).")
  var threads: Int?

  @Option(name: .long, help: "GSL generator of the spreading runs: taus2, mt19937 or ranlxd2.")
  var rng: GeneratorKind = .standard

  @Flag(name: .long, help: "One JSON object per case instead of a table.")
  var json = false

  @Flag(name: .long, help: "No progress on stderr.")
  var quiet = false

  func validate() throws {
    guard nodes >= 1000 else { throw ValidationError("Please give at least 1000 nodes; got \(nodes).") }
    guard runs >= 1 else { throw ValidationError("Please give at least 1 run; got \(runs).") }
    guard storage != .auto else { throw ValidationError("--storage: give plain or compact; got auto.") }
  }

  func run() throws {
    let threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
    let seed = StreamSeed.derive(master: 1, purpose: .benchmark)
    let smallWorld = WattsStrogatz(nodes: nodes, neighbors: 10, rewire: 0.1)
    // The graph the statistics cases measure, built once and not timed.
    let needsGraph = cases.contains(.clustering) || cases.contains(.separation)
    let graph = needsGraph ? smallWorld.generate(using: RandomStream(seed: seed), threads: threads) : nil
    let spreadGraph =
      cases.contains(where: { $0.isSpreading && !$0.onFollowers }) ? try spreadingGraph(seed: seed, threads: threads) : nil
    let followers = cases.contains(where: \.onFollowers) ? followerGraph(seed: seed, threads: threads) : nil
    let audience =
      cases.contains(.homophily) ? FollowerGraph(nodes: nodes).generate(using: RandomStream(seed: seed), threads: threads) : nil
    if !json {
      FileHandle.standardOutput.write(Data("case        nodes     threads  best_s    median_s  peak_rss_mb  check\n".utf8))
    }
    // Rows are written as cases finish, unbuffered, also into a pipe; progress goes to stderr.
    func emit(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    let progress = ProgressMeter(total: cases.count * runs, unit: "timed runs", enabled: !quiet)
    for benchCase in cases {
      var times: [Double] = []
      var check = 0.0
      for run in 0..<runs {
        progress.status("\(benchCase.rawValue), run \(run + 1) of \(runs)")
        let clock = Stopwatch()
        var spreading: Double?  // the spreading cases time their runs only, not the setup
        switch benchCase {
        case .ws: check = Double(smallWorld.generate(using: RandomStream(seed: seed), threads: threads).edgeCount)
        case .ba:
          check = Double(
            BarabasiAlbert(nodes: nodes, edgesPerNode: 5).generate(using: RandomStream(seed: seed), threads: threads).edgeCount)
        case .clustering: check = Clustering(graph!, threads: threads).averageLocal
        case .separation:
          check =
            Separation.measure(graph!, sampleSize: 100, exact: false, stream: RandomStream(seed: seed), threads: threads)
            .meanDistance
        case .follower:
          check = Double(FollowerGraph(nodes: nodes).generate(using: RandomStream(seed: seed), threads: threads).edgeCount)
        case .homophily:
          let spec = PopulationSpec(
            segments: [
              ("age", .shares([("18-25", 0.2), ("26-34", 0.25), ("35-54", 0.35), ("55+", 0.2)])),
              ("gender", .shares([("women", 0.5), ("men", 0.5)])),
            ], homophily: ["age": 0.3, "gender": 0.1])
          let population = try spec.draw(for: audience!, using: RandomStream(seed: seed), threads: threads)
          check = population.homophily["age"]?.achieved ?? .nan
        case .icLarge: (check, spreading) = try spread(IndependentCascade(probability: 0.15), on: spreadGraph!)
        case .icSmall: (check, spreading) = try spread(IndependentCascade(probability: 0.05), on: spreadGraph!)
        case .lt: (check, spreading) = try spread(LinearThreshold(thresholds: .uniform(min: 0.1, max: 0.3)), on: spreadGraph!)
        case .icFollower: (check, spreading) = try spread(IndependentCascade(probability: 0.05), on: followers!)
        case .ltFollower:
          (check, spreading) = try spread(LinearThreshold(thresholds: .uniform(min: 0.02, max: 0.12)), on: followers!)
        case .nomination: (check, spreading) = try spread(Nomination(), on: followers!)
        }
        times.append(spreading.map { $0 / Double(spreadRuns) } ?? clock.seconds)
        progress.advance()
      }
      times.sort()
      let median = times[times.count / 2]
      let peak = PeakMemory.residentBytes()
      let caseNodes = benchCase.onFollowers ? spreadNodes : benchCase.isSpreading ? spreadGraph!.nodeCount : nodes
      let caseThreads = benchCase.isSpreading ? 1 : threads
      progress.clear()
      if json {
        emit(
          #"{"case": "\#(benchCase.rawValue)", "nodes": \#(caseNodes), "threads": \#(caseThreads), "runs": \#(runs), "best_seconds": \#(times[0]), "median_seconds": \#(median), "peak_rss_bytes": \#(peak), "check": \#(check)}"#
        )
      } else {
        emit(
          [
            benchCase.rawValue.padding(12), String(caseNodes).padding(10), String(caseThreads).padding(9),
            Self.fixed(times[0]).padding(10),
            Self.fixed(median).padding(10), String(peak / 1_000_000).padding(13), check.shortDescription,
          ].joined())
      }
    }
    progress.finish()
  }

  /// Runs `spreadRuns` simulations on one thread; returns the mean number reached and the
  /// seconds the runs took (the workspace included, the seed lookup not).
  func spread<Model: CampaignModel>(_ model: Model, on graph: Graph) throws -> (Double, Double) {
    let population = Population(uniform: graph.nodeCount)
    var labels = spreadSeeds?.split(separator: ",").map { String($0) } ?? []
    if labels.isEmpty {
      let seeds = Separation.sample(
        min(10, graph.nodeCount), of: graph.nodeCount, RandomStream(seed: StreamSeed.derive(master: 2, purpose: .benchmark)))
      labels = seeds.map { graph.labels?[$0] ?? String($0) }
    }
    let fixed = SeedingSpec(ExplicitSeeds(nodes: labels))
    var ensemble = Ensemble(
      graph: graph, population: population, variants: [SeedingVariant(label: "bench", spec: fixed)],
      replicates: 0..<spreadRuns,
      pointSeed: 1, horizon: 24 * 365, binWidth: 24 * 365, generator: rng)
    try ensemble.resolveSeeds(campaign: model.seedingCampaign(horizon: ensemble.horizon), threads: 1)
    let clock = Stopwatch()
    let records = try model.run(ensemble, threads: 1, progress: nil)
    let seconds = clock.seconds
    return (Double(records.reduce(0) { $0 + $1.metrics.reached }) / Double(records.count), seconds)
  }

  /// The graph the spreading cases run on: `--spread-graph`, or a Watts–Strogatz graph.
  func spreadingGraph(seed: UInt64, threads: Int) throws -> Graph {
    if let spreadGraph {
      return try EdgeListReader.read(EdgeListFile(path: spreadGraph, format: .snap), threads: threads).graph
    }
    return WattsStrogatz(nodes: spreadNodes, neighbors: 10, rewire: 0.1).generate(
      using: RandomStream(seed: seed), threads: threads)
  }

  /// The follower graph the follower spreading cases run on, compacted if `storage` says.
  func followerGraph(seed: UInt64, threads: Int) -> Graph {
    let graph = FollowerGraph(nodes: spreadNodes).generate(using: RandomStream(seed: seed), threads: threads)
    return storage == .compact ? graph.compactedForRuns(threads: threads) : graph
  }

  static func fixed(_ seconds: Double) -> String {
    seconds < 0.01 ? String(format: "%.2e", seconds) : String((seconds * 10000).rounded() / 10000)
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
