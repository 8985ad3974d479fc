// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import Testing

@testable import ViralityCore

@Suite("Clustering from sampled nodes")
struct SampledClusteringTests {
  static let follower = FollowerGraph(nodes: 20_000).generate(using: RandomStream(seed: 41), threads: 2)
  static let ring = WattsStrogatz(nodes: 20_000, neighbors: 10, rewire: 0.05).generate(
    using: RandomStream(seed: 42), threads: 2)

  @Test("A node's triangles and degree, from the graph's own rows, are the exact count's", arguments: [false, true])
  func perNode(directed: Bool) {
    let graph = directed ? Self.follower : Self.ring
    let exact = Clustering(graph, threads: 2)
    let view = graph.undirectedView(threads: 2)
    var mismatches = 0
    var scratch: [UInt32] = []
    graph.out.withView { out in
      graph.in.withView { incoming in
        for u in 0..<graph.nodeCount {
          let found = SampledClustering.triangles(at: u, out, incoming, directed: graph.isDirected, scratch: &scratch)
          if found.triangles != exact.trianglesPerNode[u] || found.degree != view.out.degree(u) { mismatches += 1 }
        }
      }
    }
    #expect(mismatches == 0)
  }

  /// Over 200 independent samples of 1,000 nodes, the exact values lie within 1.96 standard
  /// errors about 95% of the time: the coverage of a normal interval, checked to four
  /// binomial standard errors (√(0.95 · 0.05 / 200) = 1.5 points).
  @Test("Estimates cover the exact clustering as their standard errors say")
  func coverage() {
    let graph = Self.follower
    let exact = Clustering(graph, threads: 2)
    let trials = 200
    var covered = (local: 0, transitivity: 0)
    for trial in 0..<trials {
      let estimate = SampledClustering(graph, sampleSize: 1_000, stream: RandomStream(seed: UInt64(900 + trial)), threads: 2)
      if abs(estimate.averageLocal - exact.averageLocal) <= 1.96 * estimate.averageLocalStandardError {
        covered.local += 1
      }
      if abs(estimate.transitivity - exact.transitivity) <= 1.96 * estimate.transitivityStandardError {
        covered.transitivity += 1
      }
    }
    let tolerance = 4 * (0.95 * 0.05 / Double(trials)).squareRoot()
    #expect(abs(Double(covered.local) / Double(trials) - 0.95) <= tolerance, "local \(covered.local)/\(trials)")
    #expect(
      abs(Double(covered.transitivity) / Double(trials) - 0.95) <= tolerance,
      "transitivity \(covered.transitivity)/\(trials)")
  }

  @Test("Sampled statistics estimate the clustering and change nothing else, in the memory of one separation worker")
  func sampledLevel() throws {
    let graph = Self.follower
    let size = GraphSize(nodes: graph.nodeCount, edges: graph.edgeCount, directed: true)
    // Room for one separation worker and strong components, not for the exact count.
    let room = 26 * graph.nodeCount
    let short = GraphStatistics.FullPlan(size, level: .sampled, threads: 2, workingMemory: Double(room))
    #expect(!short.exactClustering && short.separationWorkers == 1 && short.bytes <= Double(room))
    let exactPlan = GraphStatistics.FullPlan(size, level: .full, threads: 2, workingMemory: Double(room))
    #expect(exactPlan.exactClustering && exactPlan.bytes > Double(room))
    let exact = GraphStatistics(graph, level: .full, stream: RandomStream(seed: 8), threads: 2)
    let sampled = GraphStatistics(graph, level: .sampled, stream: RandomStream(seed: 8), threads: 2, workingMemory: room)
    #expect(exact.clustering != nil && exact.sampledClustering == nil)
    #expect(sampled.clustering == nil)
    let estimate = try #require(sampled.sampledClustering)
    #expect(estimate.sampleSize == GraphStatistics.clusteringSamples)
    #expect(agrees(estimate.averageLocal, exact.clustering!.averageLocal, se: estimate.averageLocalStandardError))
    #expect(agrees(estimate.transitivity, exact.clustering!.transitivity, se: estimate.transitivityStandardError))
    // Everything else is exact either way, and the search does not depend on the worker count.
    #expect(sampled.separation == exact.separation)
    #expect(sampled.strongComponents == exact.strongComponents && sampled.weakComponents == exact.weakComponents)
    #expect(sampled.reciprocity == exact.reciprocity && sampled.inDegrees == exact.inDegrees)
  }

  @Test("The same stream gives the same estimate on 1 and 2 threads")
  func threads() {
    let one = SampledClustering(Self.follower, sampleSize: 3_000, stream: RandomStream(seed: 5), threads: 1)
    let two = SampledClustering(Self.follower, sampleSize: 3_000, stream: RandomStream(seed: 5), threads: 2)
    #expect(one == two)
  }
}
