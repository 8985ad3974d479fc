// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import Testing
import ViralityCore

@testable import ViralityIO

/// `graph.storage`: when the runs keep the graph compacted, and what is refused.
@Suite("Graph storage for runs")
struct GraphStorageTests {
  static func scenario(nodes: Int, storage: String? = nil, seeding: String = "random") -> String {
    """
    name: storage
    replicates: 4
    graph: {model: follower, nodes: \(nodes)\(storage.map { ", storage: \($0)" } ?? "")}
    campaign: {model: independent-cascade, probability: 0.05}
    seeding: {strategy: \(seeding), count: 10}
    """
  }

  @Test("auto compacts only when the plain graph would not fit and the compact one would")
  func auto() throws {
    let loaded = try ScenarioTests.load(Self.scenario(nodes: 1_000_000))
    let section = loaded.base.graph
    let runs = try #require(Preflight.runFootprint(loaded.base, threads: 2))
    func check(_ storage: GraphStorage, available: Int) throws(ScenarioError) -> (bytes: Int, compact: Bool) {
      try SystemMemory.check(
        section, level: .basic, threads: 2, location: "here", runs: runs, storage: storage, available: available)
    }
    let plain = SystemMemory.estimate(section, level: .basic, threads: 2, runs: runs)
    let compact = SystemMemory.estimate(section, level: .basic, threads: 2, runs: runs, compact: true)
    #expect(compact < plain)
    #expect(try check(.auto, available: plain) == (plain, false))
    #expect(try check(.auto, available: compact) == (compact, true))
    #expect(try check(.compact, available: plain) == (compact, true))
    #expect(throws: ScenarioError.self) { try check(.plain, available: compact) }
    #expect(throws: ScenarioError.self) { try check(.auto, available: compact - 1) }
    // Without runs there is nothing to compact.
    let graphOnly = SystemMemory.estimate(section, level: .basic, threads: 2)
    #expect(
      try SystemMemory.check(section, level: .basic, threads: 2, location: "here", storage: .auto, available: graphOnly)
        == (graphOnly, false))
  }

  @Test("A compact graph's estimate counts the moment of compaction and the compact graph beside the runs")
  func estimate() throws {
    let loaded = try ScenarioTests.load(Self.scenario(nodes: 1_000_000))
    let size = loaded.base.graph.expectedSize
    let runs = try #require(Preflight.runFootprint(loaded.base, threads: 2))
    let n = Double(size.nodes)
    let compacting = size.residentBytes + Double(runs.population) * n + Double(size.edges) / 8
    let running = size.compactResidentBytes + Double(runs.population + runs.workers) * n + Double(runs.records)
    let expected = max(Double(size.buildBytes), compacting, running) + Double(SystemMemory.processBytes)
    let estimate = SystemMemory.estimate(loaded.base.graph, level: .basic, threads: 2, runs: runs, compact: true)
    #expect(abs(Double(estimate) - expected) <= 1)
  }

  @Test("The checks say which points compact, and refuse compact where the rows are needed")
  func preflight() throws {
    func checked(_ yaml: String) throws(ScenarioError) -> Preflight.Checked {
      try Preflight.check(ScenarioTests.load(yaml), work: .run(graphStatistics: .basic), threads: 2)
    }
    #expect(try checked(Self.scenario(nodes: 2_000, storage: "compact")).compactedPoints == [0])
    #expect(try checked(Self.scenario(nodes: 2_000)).compactedPoints.isEmpty)
    #expect(try checked(Self.scenario(nodes: 2_000, storage: "compact", seeding: "imm")).compactedPoints == [0])
    #expect(
      ScenarioTests.error(Self.scenario(nodes: 2_000, storage: "tiny")).contains(
        "graph.storage: 'tiny' is not allowed; use one of: auto, plain, compact"))
    do {
      _ = try checked(Self.scenario(nodes: 2_000, storage: "compact", seeding: "friendship-paradox"))
      Issue.record("compact with friendship-paradox was accepted")
    } catch {
      #expect(error.key == "graph.storage" && error.message.contains("friendship-paradox walks whom agents follow"))
    }
  }
}
