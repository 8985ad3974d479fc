// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import Testing

@testable import ViralityCore

/// A graph compacted for runs (`Graph.compactedForRuns`): the follower rows, the row lengths
/// and the follow-back marks stand in for the plain graph wherever runs and the basic
/// statistics read it.
@Suite("Graphs compacted for runs")
struct CompactGraphTests {
  /// Several 16,384-agent chunks, so marks cross the chunks' shared words.
  static let plain = FollowerGraph(nodes: 60_000).generate(using: RandomStream(seed: 21), threads: 2)
  static let compact = plain.compactedForRuns(threads: 2)

  @Test("Each follower is marked exactly when the account follows it back, on 1 and 2 threads")
  func marks() throws {
    let graph = Self.plain
    let marks = try #require(Self.compact.followBack)
    #expect(marks == FollowBackMarks(graph, threads: 1))
    var marked = 0
    for u in 0..<graph.nodeCount {
      let row = graph.in.offsets[u]
      for (i, v) in graph.followers(of: u).enumerated() {
        let followsBack = graph.hasEdge(u, Int(v))
        #expect(marks[row + i] == followsBack)
        if followsBack { marked += 1 }
      }
    }
    #expect(marks.markedCount == marked && marked == graph.reciprocalArcs(threads: 2))
    #expect(marks.bytes == 8 * ((graph.arcCount + 63) / 64))
  }

  @Test("Only the following rows go: the rest is the same, and undirected graphs stay as they are")
  func shape() {
    let (plain, compact) = (Self.plain, Self.compact)
    #expect(plain.holdsFollowingRows && !compact.holdsFollowingRows)
    #expect(compact.out.targets.isEmpty && compact.out.offsets == plain.out.offsets)
    #expect(compact.in.targets == plain.in.targets && compact.in.offsets == plain.in.offsets)
    #expect(compact.arcCount == plain.arcCount && compact.edgeCount == plain.edgeCount)
    for u in stride(from: 0, to: plain.nodeCount, by: 997) {
      #expect(compact.followingCount(of: u) == plain.followingCount(of: u))
    }
    let ring = WattsStrogatz(nodes: 1_000, neighbors: 6, rewire: 0.1).generate(using: RandomStream(seed: 2), threads: 1)
    let same = ring.compactedForRuns(threads: 2)
    #expect(same.holdsFollowingRows && same.followBack == nil && same.out.targets == ring.out.targets)
  }

  @Test("The basic statistics of a compact graph equal those of the plain one")
  func statistics() {
    let plain = GraphStatistics(Self.plain, level: .basic, stream: RandomStream(seed: 1), threads: 2)
    let compact = GraphStatistics(Self.compact, level: .basic, stream: RandomStream(seed: 1), threads: 2)
    #expect(compact.nodes == plain.nodes && compact.edges == plain.edges && compact.directed)
    #expect(compact.outDegrees == plain.outDegrees && compact.inDegrees == plain.inDegrees)
    #expect(compact.reciprocity == plain.reciprocity && compact.mutualPairShare == plain.mutualPairShare)
    #expect(compact.topAccountReach == plain.topAccountReach)
    #expect(compact.topOnePercentFollowShare == plain.topOnePercentFollowShare)
  }

  /// Every record of `model`'s runs, on `graph`, as text (records are not Equatable).
  static func records<M: CampaignModel>(_ model: M, on graph: Graph) throws -> [String] {
    let ensemble = SpreadTheoryTests.ensemble(
      graph, seeds: SeedingSpec(RandomSeeds(), count: 20), replicates: 24, seed: 3, horizon: 24 * 60, binWidth: 24)
    return try model.run(ensemble, threads: 2, progress: nil).map { record in
      "\(record.seeds) \(record.metrics) \(record.generations) \(record.extras) \(record.timeSeries)"
    }
  }

  @Test("IC, LT, Bass and nomination runs are the same on the compact graph")
  func runs() throws {
    var closest = Nomination()
    closest.choose = .closestFriends
    var celebrities = Nomination()
    celebrities.choose = .mostFollowed
    let models: [(String, any CampaignModel)] = [
      ("independent cascade", IndependentCascade(probability: 0.05)),
      ("weighted cascade", IndependentCascade(probability: 1, weighting: .weightedCascade)),
      ("linear threshold", LinearThreshold(thresholds: .uniform(min: 0.05, max: 0.3))),
      ("bass", Bass()), ("nomination", Nomination()), ("nomination, closest friends", closest),
      ("nomination, most followed", celebrities),
    ]
    for (label, model) in models {
      func compare<M: CampaignModel>(_ model: M) throws {
        let plain = try Self.records(model, on: Self.plain)
        #expect(plain.count == 24)
        #expect(try Self.records(model, on: Self.compact) == plain, "\(label)")
      }
      try compare(model)
    }
  }

  @Test("The compact size is what the memory check counts")
  func size() {
    let graph = Self.plain
    let size = GraphSize(nodes: graph.nodeCount, edges: graph.edgeCount, directed: true)
    let rows = 4 * graph.in.targets.count
    let offsets = 8 * (graph.in.offsets.count + graph.out.offsets.count)
    let held = Double(rows + offsets + Self.compact.followBack!.bytes)
    #expect(abs(size.compactResidentBytes - held) < 8)
  }
}
