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
  ]

  static func fingerprint(_ graph: Graph) -> [Int] {
    [graph.nodeCount, graph.edgeCount, graph.out.targets.reduce(0) { $0 &* 31 &+ Int($1) }]
  }

  @Test("Same seed: the same graph, whatever the thread count; another seed: another graph", arguments: 0..<10)
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
