// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import Testing

@testable import ViralityCore

@Suite("Reproducibility")
struct ReproducibilityTests {
  static let generators: [any GraphGenerator] = [
    WattsStrogatz(nodes: 5000, neighbors: 8, rewire: 0.1),
    NewmanWatts(nodes: 5000, neighbors: 8, shortcut: 0.1),
    ErdosRenyi(nodes: 5000, meanDegree: 6),
    ErdosRenyi(nodes: 5000, edges: 20_000, directed: true),
    BarabasiAlbert(nodes: 5000, edgesPerNode: 3),
    HolmeKim(nodes: 5000, edgesPerNode: 3, triad: 0.5),
    Kleinberg(side: 70, localRange: 2, longRange: 2, exponent: 2),
    StochasticBlockModel(nodes: 5000, communities: 5, pIn: 0.01, pOut: 0.0005),
    ConfigurationModel(nodes: 5000, degrees: .lognormal(median: 4, mean: 6)),
    FollowerGraph(nodes: 70_000, friends: 6, follows: .poisson(mean: 5)),
    // Four chunks of popularity follows, rows long enough to be sorted by the library and
    // picks checked through a set.
    FollowerGraph(
      nodes: 250_000, friends: 4, rewire: 0.3, reciprocity: 0.3, follows: .poisson(mean: 40),
      maxFollowerShare: 0.05),
  ]

  static func fingerprint(_ graph: Graph) -> [Int] {
    [graph.nodeCount, graph.edgeCount, graph.out.targets.reduce(0) { $0 &* 31 &+ Int($1) }]
  }

  @Test("Same seed: the same graph, whatever the thread count; another seed: another graph", arguments: 0..<11)
  func sameSeed(index: Int) throws {
    let generator = Self.generators[index]
    try generator.validate()
    let a = generator.generate(using: RandomStream(seed: 42), threads: 1)
    let b = generator.generate(using: RandomStream(seed: 42), threads: 3)
    let c = generator.generate(using: RandomStream(seed: 43), threads: 2)
    #expect(a.out.targets == b.out.targets && a.out.offsets == b.out.offsets)
    #expect(a.in.targets == b.in.targets)
    #expect(Self.fingerprint(a) != Self.fingerprint(c))
  }

  /// FNV-1a over every row of both views: the graph, byte for byte.
  static func digest(_ graph: Graph) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    func mix(_ value: Int) {
      hash = (hash ^ UInt64(truncatingIfNeeded: value)) &* 0x100_0000_01B3
    }
    mix(graph.nodeCount)
    for rows in graph.isDirected ? [graph.out, graph.in] : [graph.out] {
      rows.offsets.forEach(mix)
      rows.targets.forEach { mix(Int($0)) }
    }
    return hash
  }

  /// Each generator's graph from seed 42, as the builder before the 10⁸-agent work made
  /// it (commit 57fadde): later builders must reproduce it byte for byte.
  static let recorded: [UInt64] = [
    0xbfc1_e2a7_aef3_7fc5, 0x19c9_bc47_5609_0c19, 0x1ea0_96e3_fd93_1379, 0xcdb5_55c2_6490_36f1, 0x41f0_7dff_f561_6dd1,
    0xb6b8_a87e_e6e3_1747, 0x27cb_f98a_ae95_fdcf, 0xae80_6067_ae23_b3d7, 0x2212_a3b1_0555_3d97, 0x2c8a_782a_f98e_e7a3,
    0x0b91_bc19_202c_6887,
  ]

  @Test("Every generator gives the graphs the earlier builder gave, on 1 and 2 threads", arguments: 0..<11)
  func unchanged(index: Int) {
    let generator = Self.generators[index]
    for threads in [1, 2] {
      let digest = Self.digest(generator.generate(using: RandomStream(seed: 42), threads: threads))
      #expect(index < Self.recorded.count && digest == Self.recorded[index], "\(threads) threads")
    }
  }

  @Test("Graph statistics do not depend on the thread count")
  func statistics() {
    let graph = FollowerGraph(nodes: 30_000, friends: 8).generate(using: RandomStream(seed: 5), threads: 2)
    let one = GraphStatistics(graph, level: .full, separationSources: 100, stream: RandomStream(seed: 9), threads: 1)
    let many = GraphStatistics(graph, level: .full, separationSources: 100, stream: RandomStream(seed: 9), threads: 4)
    #expect(one.clustering == many.clustering)
    #expect(one.separation == many.separation)
    #expect(one.reciprocity == many.reciprocity && one.strongComponents == many.strongComponents)
    #expect(one.assortativity == many.assortativity)
  }
}
