// SPDX-License-Identifier: GPL-3.0-or-later
import Testing

@testable import ViralityCore

@Suite("Graph builder")
struct GraphBuilderTests {
  @Test("Undirected: stored both ways, rows sorted, loops and repeats dropped and counted")
  func undirected() {
    let edges = EdgeList(sources: [0, 2, 1, 0, 3, 1, 2], targets: [1, 0, 2, 1, 3, 0, 1])
    let (graph, report) = GraphBuilder.build(nodeCount: 5, edges: edges, directed: false, threads: 2)
    #expect(Array(graph.neighbors(of: 0)) == [1, 2])
    #expect(Array(graph.neighbors(of: 1)) == [0, 2])
    #expect(Array(graph.neighbors(of: 2)) == [0, 1])
    #expect(graph.neighbors(of: 3).isEmpty)
    #expect(graph.neighbors(of: 4).isEmpty)
    #expect(graph.edgeCount == 3)
    #expect(report.selfLoopsRemoved == 1)
    #expect(report.duplicatesRemoved == 3)  // {0,1} twice more, {1,2} once more
    #expect(graph.hasEdge(2, 1) && !graph.hasEdge(3, 4))
  }

  @Test("Directed: u → v means u follows v; followers are the reverse rows")
  func directed() {
    let edges = EdgeList(sources: [0, 0, 1, 2, 2], targets: [1, 2, 2, 0, 0])
    let (graph, report) = GraphBuilder.build(nodeCount: 3, edges: edges, directed: true, threads: 1)
    #expect(Array(graph.following(of: 0)) == [1, 2])
    #expect(Array(graph.followers(of: 2)) == [0, 1])
    #expect(Array(graph.followers(of: 0)) == [2])
    #expect(graph.followerCount(of: 2) == 2 && graph.followingCount(of: 2) == 1)
    #expect(graph.edgeCount == 4 && report.duplicatesRemoved == 1)
  }

  @Test("The result does not depend on the thread count, on a list large enough to split")
  func threadIndependence() {
    let stream = GSLStream.make(5)
    var edges = EdgeList()
    for _ in 0..<300_000 { edges.append(stream.uniformInt(below: 50_000), stream.uniformInt(below: 50_000)) }
    let one = GraphBuilder.build(nodeCount: 50_000, edges: edges, directed: true, threads: 1)
    let three = GraphBuilder.build(nodeCount: 50_000, edges: edges, directed: true, threads: 3)
    #expect(one.graph.out.targets == three.graph.out.targets && one.graph.out.offsets == three.graph.out.offsets)
    #expect(one.graph.in.targets == three.graph.in.targets && one.report == three.report)
    for u in stride(from: 0, to: 50_000, by: 997) {
      let row = Array(one.graph.following(of: u))
      #expect(row == row.sorted() && Set(row).count == row.count)
    }
  }

  @Test("Followers are the follows transposed: the same rows as a counting sort of the reversed list")
  func transposeMatchesReverseBuild() {
    let stream = GSLStream.make(9)
    var edges = EdgeList()
    // Repeats and self-loops included: the reverse rows must drop them as the out rows do.
    for _ in 0..<400_000 { edges.append(stream.uniformInt(below: 60_000), stream.uniformInt(below: 60_000)) }
    for u in 0..<1000 { edges.append(u, u) }
    var ignored = BuildReport()
    let reverse = GraphBuilder.rows(
      nodeCount: 60_000, from: edges.targets, to: edges.sources, bothWays: false, threads: 2, report: &ignored)
    for threads in [1, 2, 5] {
      let built = GraphBuilder.build(nodeCount: 60_000, edges: edges, directed: true, threads: threads).graph
      #expect(built.in.offsets == reverse.offsets && built.in.targets == reverse.targets, "\(threads) threads")
    }
  }

  @Test("Staging in rounds of buckets gives the same rows as staging everything at once", arguments: [true, false])
  func stagingRounds(bothWays: Bool) {
    let stream = GSLStream.make(13)
    var edges = EdgeList()
    for _ in 0..<500_000 { edges.append(stream.uniformInt(below: 2_000_000), stream.uniformInt(below: 2_000_000)) }
    for u in 0..<500 { edges.append(u, u) }
    var once = BuildReport()
    let whole = GraphBuilder.rows(
      nodeCount: 2_000_000, from: edges.sources, to: edges.targets, bothWays: bothWays, threads: 2, report: &once)
    #expect(GraphBuilder.stagingRounds(entries: 1_000_000, buckets: 200, roundEntries: 1 << 16) == 16)
    for (threads, round) in [(1, 1 << 16), (2, 100_003), (3, 1 << 18)] {
      var report = BuildReport()
      let split = GraphBuilder.rows(
        nodeCount: 2_000_000, from: edges.sources, to: edges.targets, bothWays: bothWays, threads: threads, report: &report,
        roundEntries: round)
      #expect(split.offsets == whole.offsets && split.targets == whole.targets && report == once, "\(threads), \(round)")
    }
  }

  @Test("Memory estimates: 4 bytes per stored edge once built, the build's peak before")
  func memory() {
    let size = GraphSize(nodes: 1_000_000, edges: 5_000_000, directed: false)
    // List + rows + staging of the 10⁷ stored entries.
    #expect(size.buildBytes == 8 * 5_000_000 + (4 * 10_000_000 + 8 * 1_000_001) + (8 * 10_000_000 + 8 * 1_000_000))
    // Directed: the out rows' phase (list, rows, staging) outweighs the transpose's.
    let follows = GraphSize(nodes: 1_000_000, edges: 5_000_000, directed: true)
    #expect(follows.buildBytes == 8 * 5_000_000 + (4 * 5_000_000 + 8 * 1_000_001) + (8 * 5_000_000 + 8 * 1_000_000))
    #expect(GraphMemory.describe(bytes: 1_234_567_890) == "1.2 GB")
  }
}
