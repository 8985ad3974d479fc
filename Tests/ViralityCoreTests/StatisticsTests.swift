// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import Testing

@testable import ViralityCore

@Suite("Graph statistics on graphs with known answers")
struct StatisticsTests {
  static func undirected(_ n: Int, _ pairs: [(Int, Int)]) -> Graph {
    var edges = EdgeList()
    for (u, v) in pairs { edges.append(u, v) }
    return GraphBuilder.build(nodeCount: n, edges: edges, directed: false, threads: 1).graph
  }

  static func directed(_ n: Int, _ pairs: [(Int, Int)]) -> Graph {
    var edges = EdgeList()
    for (u, v) in pairs { edges.append(u, v) }
    return GraphBuilder.build(nodeCount: n, edges: edges, directed: true, threads: 1).graph
  }

  static func full(_ graph: Graph) -> GraphStatistics {
    GraphStatistics(graph, level: .full, stream: RandomStream(seed: 1), threads: 2)
  }

  @Test("Complete graph K5: 10 triangles, clustering 1, every pair at distance 1")
  func complete() {
    let pairs = (0..<5).flatMap { u in ((u + 1)..<5).map { (u, $0) } }
    let s = Self.full(Self.undirected(5, pairs))
    #expect(s.clustering?.triangles == 10 && s.clustering?.averageLocal == 1 && s.clustering?.transitivity == 1)
    #expect(s.separation?.pairsAtDistance == [0, 20])
    #expect(s.separation?.diameter == 1 && s.separation?.meanDistance == 1)
  }

  @Test("Path of 5: mean distance 2, diameter 4, no triangles; a star is perfectly disassortative")
  func pathAndStar() {
    let path = Self.full(Self.undirected(5, [(0, 1), (1, 2), (2, 3), (3, 4)]))
    #expect(path.separation?.meanDistance == 2 && path.separation?.diameter == 4)
    #expect(path.clustering?.triangles == 0 && path.clustering?.averageLocal == 0)
    // Ordered pairs: 8, 6, 4, 2 at distances 1–4; 90% of 20 is 18, reached exactly at 3.
    #expect(path.separation?.effectiveDiameter == 3)
    let star = Self.full(Self.undirected(6, (1..<6).map { (0, $0) }))
    #expect(abs(star.assortativity! + 1) < 1e-12)
    #expect(star.weakComponents?.count == 1)
  }

  @Test("Directed: reciprocity, strong and weak components, distances along follows")
  func directedGraph() {
    // 0 ⇄ 1, 1 → 2 → 3 → 1, and 4 alone.
    let graph = Self.directed(5, [(0, 1), (1, 0), (1, 2), (2, 3), (3, 1)])
    let s = Self.full(graph)
    #expect(s.reciprocity == 0.4)
    #expect(s.strongComponents?.sizes == [4, 1])
    #expect(s.weakComponents?.sizes == [4, 1])
    #expect(s.separation?.pairsAtDistance == [0, 5, 5, 2])
    #expect(s.separation?.unreachablePairs == 8)
    #expect(s.inDegrees?.counts == [1, 3, 1])  // followers: 4 has none, 1 has two
    let strong = Components.strong(Self.directed(4, [(0, 1), (1, 2), (2, 3)]))
    #expect(strong.sizes == [1, 1, 1, 1])
  }

  @Test("The undirected view joins follows in either direction")
  func undirectedView() {
    let view = Self.directed(4, [(0, 1), (1, 0), (2, 1), (3, 0)]).undirectedView(threads: 2)
    #expect(!view.isDirected && view.edgeCount == 3)
    #expect(Array(view.neighbors(of: 0)) == [1, 3] && Array(view.neighbors(of: 1)) == [0, 2])
  }

  @Test("Sampled separation agrees with the exact one within its standard error")
  func sampledSeparation() {
    let graph = WattsStrogatz(nodes: 20_000, neighbors: 10, rewire: 0.05).generate(using: RandomStream(seed: 31), threads: 2)
    let exact = Separation.measure(graph, exact: true, stream: RandomStream(seed: 1), threads: 2)
    #expect(exact.exact && exact.sources == 20_000)
    var misses = 0
    var estimates = Sample()
    for i in 0..<30 {
      let sampled = Separation.measure(
        graph, sampleSize: 128, exact: false, stream: RandomStream(seed: UInt64(100 + i)), threads: 2)
      #expect(!sampled.exact && sampled.sources == 128)
      estimates.add(sampled.meanDistance)
      if abs(sampled.meanDistance - exact.meanDistance) > 3 * sampled.meanDistanceStandardError { misses += 1 }
      #expect(sampled.diameterLowerBound <= exact.diameter! && sampled.diameterUpperBound! >= exact.diameter!)
    }
    // The reported standard error is honest: the spread of 30 estimates matches it, and
    // 3-SE misses are rare (expected 0.08 of 30).
    #expect(misses <= 2)
    #expect(agrees(estimates.mean, exact.meanDistance, se: estimates.standardError))
  }

  @Test("Effective diameter interpolates the distance distribution like SNAP")
  func quantile() {
    let separation = Separation.measure(
      Self.undirected(4, [(0, 1), (1, 2), (2, 3)]), stream: RandomStream(seed: 1), threads: 1)
    // Ordered pairs: 6 at distance 1, 4 at 2, 2 at 3; 90% of 12 is 10.8, between 2 (10) and 3 (12).
    #expect(abs(separation.effectiveDiameter - 2.4) < 1e-12)
    #expect(separation.distanceCovering(0.9) == 3)
    #expect(separation.distanceCovering(0.5) == 1)  // 6 of 12 pairs are neighbours
  }
}
