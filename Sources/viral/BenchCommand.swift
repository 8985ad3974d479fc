// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import GSL
import ViralityCore

/// `viral bench`: time Viral on the standard tasks the peers are measured on
/// (bench/compare-graph.sh runs NetworKit, igraph and networkx beside it).
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Time graph generation and statistics (best and median of several runs).",
    discussion: """
      Cases: ws (Watts–Strogatz, k=10, p=0.1), ba (Barabási–Albert, m=5), clustering \
      (average clustering of the ws graph), separation (100 BFS sources on the ws graph), \
      follower (follower graph, 10 friends + 10 follows). peak_rss is the process's peak \
      resident memory after the case; run one case per process to measure its memory.
      """)

  enum Case: String, CaseIterable, ExpressibleByArgument {
    case ws, ba, clustering, separation, follower
  }

  @Option(name: .customLong("case"), help: "Cases to run (repeatable; default: all).")
  var cases: [Case] = Case.allCases

  @Option(name: .long, help: "Nodes of the benchmark graphs.")
  var nodes = 1_000_000

  @Option(name: .long, help: "Timed runs per case.")
  var runs = 5

  @Option(name: .long, help: "Worker threads (default: all cores).")
  var threads: Int?

  @Flag(name: .long, help: "One JSON object per case instead of a table.")
  var json = false

  func validate() throws {
    guard nodes >= 1000 else { throw ValidationError("Please give at least 1000 nodes; got \(nodes).") }
    guard runs >= 1 else { throw ValidationError("Please give at least 1 run; got \(runs).") }
  }

  func run() throws {
    let threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
    let seed = StreamSeed.derive(master: 1, purpose: .benchmark)
    let smallWorld = WattsStrogatz(nodes: nodes, neighbors: 10, rewire: 0.1)
    // The graph the statistics cases measure, built once and not timed.
    let needsGraph = cases.contains(.clustering) || cases.contains(.separation)
    let graph = needsGraph ? smallWorld.generate(using: RandomStream(seed: seed), threads: threads) : nil
    if !json { print("case        nodes     threads  best_s    median_s  peak_rss_mb  check") }
    for benchCase in cases {
      var times: [Double] = []
      var check = 0.0
      for _ in 0..<runs {
        let clock = Stopwatch()
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
        }
        times.append(clock.seconds)
      }
      times.sort()
      let median = times[times.count / 2]
      let peak = Self.peakResidentBytes()
      if json {
        print(
          #"{"case": "\#(benchCase.rawValue)", "nodes": \#(nodes), "threads": \#(threads), "runs": \#(runs), "best_seconds": \#(times[0]), "median_seconds": \#(median), "peak_rss_bytes": \#(peak), "check": \#(check)}"#
        )
      } else {
        print(
          [
            benchCase.rawValue.padding(12), String(nodes).padding(10), String(threads).padding(9),
            Self.fixed(times[0]).padding(10),
            Self.fixed(median).padding(10), String(peak / 1_000_000).padding(13), check.shortDescription,
          ].joined())
      }
    }
  }

  static func fixed(_ seconds: Double) -> String { String((seconds * 10000).rounded() / 10000) }

  /// The process's peak resident memory (getrusage).
  static func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
