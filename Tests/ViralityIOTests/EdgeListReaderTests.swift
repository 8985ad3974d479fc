// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import Testing
import ViralityCore

@testable import ViralityIO

/// The repository's `Scenarios/data` folder.
let dataFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("Scenarios/data")

@Suite("Edge-list files")
struct EdgeListReaderTests {
  static func read(_ text: String, _ file: (String) -> EdgeListFile) throws(InputFileError) -> LoadedEdgeList {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("viral-edges-\(UUID().uuidString).txt")
    try! text.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    return try EdgeListReader.read(file(url.path), threads: 2)
  }

  @Test("SNAP style: comments, tabs, extra columns, CRLF, any labels")
  func snap() throws {
    let loaded = try Self.read("# a comment\n% another\nalice\tbob 0.5\r\n\nbob  carol\ncarol alice\nalice alice\n") {
      EdgeListFile(path: $0)
    }
    let graph = loaded.graph
    #expect(graph.nodeCount == 3 && graph.edgeCount == 3 && !graph.isDirected)
    #expect(graph.labels == ["alice", "bob", "carol"])
    #expect(loaded.report.selfLoopsRemoved == 1 && loaded.edgeLines == 4)
  }

  @Test("Numeric labels keep their names; 007 is not 7")
  func numericLabels() throws {
    let loaded = try Self.read("10 20\n20 007\n7 10\n") { EdgeListFile(path: $0) }
    #expect(loaded.graph.labels == ["10", "20", "007", "7"])
    let identity = try Self.read("0 1\n1 2\n") { EdgeListFile(path: $0) }
    #expect(identity.graph.labels == nil)
  }

  @Test("Plain integer labels are numbered in numeric order, whatever order they appear in")
  func numericOrder() throws {
    // networkx writes a ring's edges as 0 1, 0 4, 1 2, ...: node 4 appears before node 2.
    let ring = try Self.read("0 1\n0 4\n1 2\n2 3\n3 4\n") { EdgeListFile(path: $0) }
    #expect(ring.graph.labels == nil)
    #expect((0..<5).allSatisfy { ring.graph.hasEdge($0, ($0 + 1) % 5) })
    let sparse = try Self.read("30 7\n7 1000\n") { EdgeListFile(path: $0, directed: true) }
    #expect(sparse.graph.labels == ["7", "30", "1000"])
    #expect(sparse.graph.hasEdge(1, 0) && sparse.graph.hasEdge(0, 2) && sparse.graph.edgeCount == 2)
  }

  @Test("Directed files: u v means u follows v, or the reverse with reverse: true")
  func directed() throws {
    let follows = try Self.read("a b\na c\nb a\n") { EdgeListFile(path: $0, directed: true) }
    #expect(follows.graph.isDirected && follows.graph.edgeCount == 3)
    #expect(follows.graph.followerCount(of: 0) == 1 && follows.graph.followingCount(of: 0) == 2)
    let reversed = try Self.read("a b\na c\nb a\n") { EdgeListFile(path: $0, directed: true, reverse: true) }
    #expect(reversed.graph.followerCount(of: 0) == 2)
  }

  @Test("CSV with a header, named columns and quotes")
  func csv() throws {
    let text = "weight,to,from\n1,\"Smith, J\",Lee\n2,Lee,\"O\"\"Hara\"\n"
    let loaded = try Self.read(text) { EdgeListFile(path: $0, format: .csv, directed: true, source: "from", target: "to") }
    #expect(loaded.graph.labels == ["Lee", "Smith, J", "O\"Hara"])
    #expect(loaded.graph.hasEdge(0, 1) && loaded.graph.hasEdge(2, 0))
    #expect(throws: InputFileError.self) {
      try Self.read(text) { EdgeListFile(path: $0, format: .csv, source: "origin") }
    }
  }

  @Test("Malformed lines are reported with their number")
  func malformed() {
    do {
      _ = try Self.read("0 1\n1 2\nlonely\n") { EdgeListFile(path: $0) }
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 3 && error.message.contains("two node labels"))
    }
    #expect(throws: InputFileError.self) { try Self.read("# only comments\n") { EdgeListFile(path: $0) } }
  }

  /// SNAP ego-Facebook (McAuley & Leskovec 2012): the statistics published on the SNAP page
  /// and recomputed with networkx 3.6.1 and igraph 1.0.0 (Scenarios/data/README.md).
  @Test("SNAP ego-Facebook: the published statistics, exactly")
  func egoFacebook() throws {
    let loaded = try EdgeListReader.read(
      EdgeListFile(path: dataFolder.appendingPathComponent("facebook_combined.txt").path), threads: 2)
    let graph = loaded.graph
    let s = GraphStatistics(graph, level: .full, stream: RandomStream(seed: 1), threads: 2)
    #expect(s.nodes == 4039 && s.edges == 88234)
    #expect(loaded.report == BuildReport())
    let clustering = try #require(s.clustering)
    #expect(abs(clustering.averageLocal - 0.6055467186) < 5e-11)
    #expect(clustering.triangles == 1_612_010)
    #expect(abs(clustering.transitivity - 0.5191742775) < 5e-11)
    #expect(abs(clustering.closedFraction - 0.2646618) < 5e-8)
    let separation = try #require(s.separation)
    #expect(separation.exact && separation.diameter == 8)
    #expect(
      separation.pairsAtDistance.map { $0 / 2 } == [0, 88234, 1_358_067, 1_990_926, 2_930_780, 1_282_585, 338_607, 157_732, 7810])
    #expect(abs(separation.meanDistance - 3.6925068497) < 5e-11)
    #expect(abs(separation.effectiveDiameter - 4.757) < 5e-4)
    #expect(s.weakComponents?.sizes == [4039])
    #expect(abs(s.assortativity! - 0.0636) < 5e-5)
    #expect(s.outDegrees?.maximum == 1045 && abs(s.outDegrees!.mean - 43.691) < 5e-4)
  }

  @Test("Zachary's karate club: the published statistics, exactly")
  func karate() throws {
    let loaded = try EdgeListReader.read(
      EdgeListFile(path: dataFolder.appendingPathComponent("karate_club.txt").path), threads: 1)
    let s = GraphStatistics(loaded.graph, level: .full, stream: RandomStream(seed: 1), threads: 1)
    #expect(s.nodes == 34 && s.edges == 78)
    #expect(abs(s.clustering!.averageLocal - 0.5706384782) < 5e-11)
    #expect(abs(s.clustering!.transitivity - 0.2556818182) < 5e-11)
    #expect(s.clustering!.triangles == 45)
    #expect(s.separation!.diameter == 5 && abs(s.separation!.meanDistance - 2.4081996435) < 5e-11)
    #expect(s.separation!.pairsAtDistance.map { $0 / 2 } == [0, 78, 265, 137, 73, 8])
    #expect(abs(s.assortativity! + 0.4756) < 5e-5)
    // The two factions the club split into: networkx 3.6.1's attribute_assortativity_coefficient
    // of its 'club' attribute gives 0.717530864197531.
    let factions = try String(contentsOf: dataFolder.appendingPathComponent("karate_club_factions.txt"), encoding: .utf8)
      .split(separator: "\n").map { $0.split(separator: " ") }
    let codes = (0..<34).map { agent in
      UInt16(factions.first { $0[0] == "\(loaded.graph.labels?[agent] ?? String(agent))" }![1] == "Mr._Hi" ? 0 : 1)
    }
    #expect(abs(LabelMixing(loaded.graph, codes: codes, labelCount: 2, threads: 1).coefficient - 0.717530864197531) < 1e-12)
  }
}
