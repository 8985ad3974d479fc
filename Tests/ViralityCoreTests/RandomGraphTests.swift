// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule
import Testing

@testable import ViralityCore

@Suite("Erdős–Rényi, stochastic block and configuration models")
struct RandomGraphTests {
  static func stream(_ index: Int, seed: UInt64 = 11) -> RandomStream {
    RandomStream(seed: StreamSeed.derive(master: seed, purpose: .graph, index: UInt64(index)))
  }

  /// A sample variance of R draws from a distribution of variance σ² lies, with
  /// (R − 1)s²/σ² ~ χ²(R − 1), inside these bounds with probability about 0.999 for R = 40
  /// (χ²₃₉ quantiles 0.0005 and 0.9995: 16.9 and 73.4).
  static func varianceAgrees(_ sample: Sample, _ variance: Double) -> Bool {
    let statistic = Double(sample.count - 1) * sample.variance / variance
    return statistic > 16.9 && statistic < 73.4
  }

  @Test("G(n, p): edge counts are Binomial(pairs, p)", arguments: [false, true])
  func gnp(directed: Bool) {
    let model = ErdosRenyi(nodes: 2000, probability: 0.005, directed: directed)
    let pairs = Double(model.pairCount)
    var edges = Sample()
    for r in 0..<40 { edges.add(Double(model.generate(using: Self.stream(r), threads: 2).edgeCount)) }
    let variance = pairs * 0.005 * 0.995
    #expect(agrees(edges.mean, pairs * 0.005, se: (variance / 40).squareRoot()), "mean \(edges.mean)")
    #expect(Self.varianceAgrees(edges, variance), "variance \(edges.variance) vs \(variance)")
  }

  @Test("G(n, p) from a mean degree")
  func meanDegree() {
    let graph = ErdosRenyi(nodes: 100_000, meanDegree: 8).generate(using: Self.stream(1), threads: 2)
    let expected = 8.0 * 100_000 / 2
    #expect(agrees(Double(graph.edgeCount), expected, se: expected.squareRoot()))
  }

  @Test("G(n, m): exactly m edges, spread uniformly over all pairs")
  func gnm() {
    // Edges inside the first half of the nodes follow the hypergeometric law.
    let n = 1000
    let m = 5000
    let pairs = Double(n * (n - 1) / 2)
    let inside = Double(500 * 499 / 2)
    let q = inside / pairs
    var counts = Sample()
    for r in 0..<40 {
      let graph = ErdosRenyi(nodes: n, edges: m).generate(using: Self.stream(r), threads: 2)
      #expect(graph.edgeCount == m)
      var within = 0
      for u in 0..<500 { within += graph.neighbors(of: u).filter { $0 < 500 && Int($0) > u }.count }
      counts.add(Double(within))
    }
    let variance = Double(m) * q * (1 - q) * (pairs - Double(m)) / (pairs - 1)
    #expect(agrees(counts.mean, Double(m) * q, se: (variance / 40).squareRoot()))
    #expect(Self.varianceAgrees(counts, variance))
    // Dense corner: every pair.
    #expect(ErdosRenyi(nodes: 30, edges: 435).generate(using: Self.stream(0), threads: 1).edgeCount == 435)
  }

  @Test("Stochastic block model: edges inside and between communities are binomial")
  func blocks() {
    let sizes = [300, 200, 500]
    let model = StochasticBlockModel(sizes: sizes, pIn: 0.05, pOut: 0.002)
    let insidePairs = sizes.reduce(0.0) { $0 + Double($1 * ($1 - 1) / 2) }
    let betweenPairs = Double(1000 * 999 / 2) - insidePairs
    var inside = Sample()
    var between = Sample()
    for r in 0..<40 {
      let graph = model.generate(using: Self.stream(r), threads: 2)
      let community = graph.communities!
      var within = 0
      for u in 0..<1000 { within += graph.neighbors(of: u).filter { community[Int($0)] == community[u] }.count }
      inside.add(Double(within / 2))
      between.add(Double(graph.edgeCount - within / 2))
    }
    #expect(agrees(inside.mean, insidePairs * 0.05, se: (insidePairs * 0.05 * 0.95 / 40).squareRoot()))
    #expect(agrees(between.mean, betweenPairs * 0.002, se: (betweenPairs * 0.002 * 0.998 / 40).squareRoot()))
    #expect(StochasticBlockModel(nodes: 10, communities: 3, pIn: 1, pOut: 0).sizes == [4, 3, 3])
  }

  /// In the pairing model of random d-regular graphs the numbers of self-loops and of
  /// double edges are asymptotically Poisson with means (d − 1)/2 and (d − 1)²/4
  /// (B. Bollobás, Eur. J. Combin. 1:311, 1980; N. C. Wormald, "Models of random regular
  /// graphs", 1999, Thm 2.5): for d = 4, 1.5 + 2.25 = 3.75 edges are erased on average
  /// (triple edges and double loops are O(1/n)).
  @Test("Configuration model: degrees kept up to the expected erasures")
  func configuration() {
    let n = 10_000
    var erased = Sample()
    for r in 0..<300 {
      let graph = ConfigurationModel(degreeSequence: Array(repeating: 4, count: n)).generate(using: Self.stream(r), threads: 2)
      erased.add(Double(2 * n - graph.edgeCount))
    }
    #expect(agrees(erased.mean, 3.75, se: erased.standardError), "erased \(erased.mean) ± \(erased.standardError)")
    // From a distribution: the mean degree follows it.
    let drawn = ConfigurationModel(nodes: 50_000, degrees: .poisson(mean: 6)).generate(using: Self.stream(1), threads: 2)
    let mean = 2 * Double(drawn.edgeCount) / 50_000
    #expect(agrees(mean, 6, se: (6.0 / 50_000).squareRoot() * 2, sigmas: 6))
  }
}
