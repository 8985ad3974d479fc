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
  public var clustering: Clustering?
  public var weakComponents: Components?
  /// Strongly connected components (directed only).
  public var strongComponents: Components?
  public var assortativity: Double?
  public var separation: Separation?

  /// Computes the statistics of `level`. Randomness (the separation sample) comes only
  /// from `stream`; results do not depend on `threads`.
  public init(
    _ graph: Graph, level: StatisticsLevel, separationSources: Int = 256, exactSeparation: Bool? = nil,
    stream: RandomStream, threads: Int
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
    guard level == .full else { return }
    clustering = Clustering(graph, threads: threads)
    weakComponents = Components.weak(graph)
    if graph.isDirected { strongComponents = Components.strong(graph) }
    assortativity = graph.degreeAssortativity()
    separation = Separation.measure(
      graph, sampleSize: separationSources, exact: exactSeparation, stream: stream, threads: threads)
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
  /// Bytes at the peak of building a graph of `size` and computing `level` statistics on
  /// `threads` threads: the larger of the build peak and the built graph plus the working
  /// memory of the statistics (undirected view, oriented rows, per-worker counters and
  /// search bitsets).
  public static func estimatedPeakBytes(_ size: GraphSize, level: StatisticsLevel, threads: Int) -> Int {
    // In floating point: a scenario may ask for sizes whose byte counts overflow an Int.
    let n = Double(size.nodes)
    let entries = 2 * Double(size.edges)
    let resident = size.residentBytes
    var working = 0.0
    if level == .full {
      let undirectedView = size.directed ? 4 * entries + 8 * n : 0
      let oriented = 4 * entries / 2 + 8 * n
      // Per worker: triangle counters and markers (16 bytes a node), or later the three
      // bitsets of the separation search (24 bytes a node), whichever is larger.
      working = undirectedView + oriented + Double(max(threads, 1)) * 24 * n
    }
    return max(size.buildBytes, GraphMemory.bytes(resident + working))
  }
}
