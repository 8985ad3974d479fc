// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// How much `GraphStatistics` computes.
public enum StatisticsLevel: String, Sendable, CaseIterable, Codable {
  /// Nothing: build and write only.
  case none
  /// Sizes, degree distributions, reciprocity.
  case basic
  /// Everything: also clustering, triangles, components, assortativity, separation.
  case full
  /// Everything `full` computes, but the clustering and transitivity are estimated from
  /// `GraphStatistics.clusteringSamples` nodes and wedges, with their standard errors: for
  /// graphs whose exact triangle count would not fit in memory (10^8 agents).
  case sampled

  /// Whether components, clustering and separation are measured (`full` or `sampled`).
  public var measuresStructure: Bool { self == .full || self == .sampled }
}

/// The statistics Viral reports for a graph.
public struct GraphStatistics: Sendable {
  public var nodes: Int
  public var edges: Int
  public var directed: Bool
  /// Out-degree (accounts followed) if directed, degree if undirected.
  public var outDegrees: DegreeHistogram?
  /// In-degree (followers), directed graphs only.
  public var inDegrees: DegreeHistogram?
  /// Share of arcs that are reciprocated (1 if undirected).
  public var reciprocity: Double?
  /// Share of connected pairs (pairs with a follow either way) that follow each other: the
  /// reciprocity Kwak et al. (WWW 2010) report for Twitter, 22.1%. From the arc reciprocity
  /// ρ it is ρ/(2 − ρ) (directed only).
  public var mutualPairShare: Double?
  /// The most-followed account's followers as a share of the other accounts (directed only).
  public var topAccountReach: Double?
  /// Share of all follows that go to the most-followed 1% of accounts (directed only).
  public var topOnePercentFollowShare: Double?
  /// Exact triangles and clustering (`full` statistics).
  public var clustering: Clustering?
  /// Clustering estimated from samples (`sampled` statistics).
  public var sampledClustering: SampledClustering?
  public var weakComponents: Components?
  /// Strongly connected components (directed only).
  public var strongComponents: Components?
  public var assortativity: Double?
  public var separation: Separation?

  /// The average local clustering, exact or estimated (nil below the full statistics).
  public var averageClustering: Double? { clustering?.averageLocal ?? sampledClustering?.averageLocal }

  /// Nodes and wedges sampled when the clustering is estimated (standard errors near 0.001).
  public static let clusteringSamples = 100_000

  /// Computes the statistics of `level`, with as many separation workers as fit in
  /// `workingMemory` bytes beside the graph (see `FullPlan`). Randomness (the separation
  /// sample, the clustering sample) comes only from `stream`; results depend neither on
  /// `threads` nor on `workingMemory`.
  public init(
    _ graph: Graph, level: StatisticsLevel, separationSources: Int = 256, exactSeparation: Bool? = nil,
    stream: RandomStream, threads: Int, workingMemory: Int = .max
  ) {
    nodes = graph.nodeCount
    edges = graph.edgeCount
    directed = graph.isDirected
    guard level != .none else { return }
    outDegrees = DegreeHistogram(graph.out)
    if graph.isDirected {
      inDegrees = DegreeHistogram(graph.in)
      let rho = graph.reciprocity(threads: threads)
      reciprocity = rho
      mutualPairShare = rho / (2 - rho)
      topOnePercentFollowShare = Self.topShare(graph, fraction: 0.01)
      topAccountReach = Double(inDegrees!.maximum) / Double(max(graph.nodeCount - 1, 1))
    }
    guard level.measuresStructure else { return }
    precondition(graph.holdsFollowingRows, "full statistics need the following rows")
    let plan = FullPlan(
      GraphSize(nodes: graph.nodeCount, edges: graph.edgeCount, directed: graph.isDirected), level: level,
      threads: threads, workingMemory: Double(workingMemory))
    if plan.exactClustering {
      clustering = Clustering(graph, threads: threads)
    } else {
      // Its own stream, so the separation sample is the one the exact path draws.
      let sample = RandomStream(seed: StreamSeed.derive(master: stream.seed, purpose: .clustering, index: 0), kind: stream.kind)
      sampledClustering = SampledClustering(graph, sampleSize: Self.clusteringSamples, stream: sample, threads: threads)
    }
    weakComponents = Components.weak(graph)
    if graph.isDirected { strongComponents = Components.strong(graph) }
    assortativity = graph.degreeAssortativity()
    separation = Separation.measure(
      graph, sampleSize: separationSources, exact: exactSeparation, stream: stream, threads: plan.separationWorkers)
  }

  /// The share of arcs pointing at the top `fraction` of nodes by in-degree.
  static func topShare(_ graph: Graph, fraction: Double) -> Double {
    guard graph.arcCount > 0 else { return 0 }
    let histogram = DegreeHistogram(graph.in)
    var remaining = max(1, Int((fraction * Double(graph.nodeCount)).rounded(.up)))
    var arcs = 0
    for d in stride(from: histogram.maximum, through: 0, by: -1) where remaining > 0 {
      let take = min(remaining, histogram.counts[d])
      arcs += take * d
      remaining -= take
    }
    return Double(arcs) / Double(graph.arcCount)
  }
}

extension GraphStatistics {
  /// How the `full` or `sampled` statistics of a graph of `size` use the `workingMemory`
  /// bytes they may have beside it. The exact clustering needs the undirected view and the
  /// oriented rows, the estimate 8 bytes a node; strongly connected components need up to
  /// 25 bytes a node, weak ones 8. The separation search (three bitsets, 24 bytes a node
  /// per worker, counted on top of the clustering) gets as many workers as fit, at least one.
  struct FullPlan {
    let exactClustering: Bool
    let separationWorkers: Int
    /// Bytes at the peak beside the graph.
    let bytes: Double

    init(_ size: GraphSize, level: StatisticsLevel, threads: Int, workingMemory: Double) {
      let n = Double(size.nodes)
      let entries = 2 * Double(size.edges)
      exactClustering = level != .sampled
      let undirectedView = size.directed ? 4 * entries + 8 * n : 0
      let oriented = 4 * entries / 2 + 8 * n
      let clustering = exactClustering ? undirectedView + oriented : 0
      let perWorker = 24 * n
      let workers = Double(max(threads, 1))
      let room = perWorker == 0 ? workers : (workingMemory - clustering) / perWorker
      separationWorkers = max(1, Int(min(max(room, 0), workers)))
      bytes = max(clustering + Double(separationWorkers) * perWorker, 8 * n, 25 * n)
    }
  }

  /// Bytes at the peak of building a graph of `size` and computing `level` statistics on
  /// `threads` threads, with `memory` bytes available in all: the larger of the build peak
  /// and the built graph plus the working memory of the statistics (`FullPlan`).
  public static func estimatedPeakBytes(_ size: GraphSize, level: StatisticsLevel, threads: Int, memory: Int = .max)
    -> Int
  {
    // In floating point: a scenario may ask for sizes whose byte counts overflow an Int.
    let resident = size.residentBytes
    let working =
      level.measuresStructure
      ? FullPlan(size, level: level, threads: threads, workingMemory: Double(memory) - resident).bytes : 0
    return max(size.buildBytes, GraphMemory.bytes(resident + working))
  }
}
