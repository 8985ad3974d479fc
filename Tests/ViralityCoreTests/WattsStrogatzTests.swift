// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule
import Testing

@testable import ViralityCore

/// The Watts–Strogatz model against exact results, the analytical clustering curve, the
/// published figures of the 1998 paper, and an independent implementation (networkx).
@Suite("Watts–Strogatz")
struct WattsStrogatzTests {
  /// Mean clustering, transitivity and distance over `realizations` graphs.
  struct Curve {
    var clustering = Sample()
    var transitivity = Sample()
    var distance = Sample()
  }

  static func measure(nodes: Int = 1000, neighbors: Int = 10, rewire: Double, realizations: Int, seed: UInt64 = 1998) -> Curve {
    var curve = Curve()
    for r in 0..<realizations {
      let stream = RandomStream(seed: StreamSeed.derive(master: seed, purpose: .graph, index: UInt64(r)))
      let graph = WattsStrogatz(nodes: nodes, neighbors: neighbors, rewire: rewire).generate(using: stream, threads: 2)
      let clustering = Clustering(graph, threads: 2)
      curve.clustering.add(clustering.averageLocal)
      curve.transitivity.add(clustering.transitivity)
      curve.distance.add(Separation.measure(graph, exact: true, stream: stream, threads: 2).meanDistance)
    }
    return curve
  }

  /// The mean distance of the ring lattice, from its definition: node j steps round the
  /// ring is ⌈min(j, n − j)/(k/2)⌉ edges away.
  static func ringDistance(nodes n: Int, neighbors k: Int) -> Double {
    let half = k / 2
    let total = (1..<n).reduce(0) { $0 + (min($1, n - $1) + half - 1) / half }
    return Double(total) / Double(n - 1)
  }

  @Test(
    "p = 0: clustering 3(k−2)/(4(k−1)) and the ring's distances, exactly",
    arguments: [(1000, 4), (1000, 10), (500, 20), (2001, 6)])
  func ring(nodes: Int, neighbors: Int) {
    let graph = WattsStrogatz(nodes: nodes, neighbors: neighbors, rewire: 0).generate(using: RandomStream(seed: 1), threads: 2)
    let k = Double(neighbors)
    let c = Clustering(graph, threads: 2)
    #expect(abs(c.averageLocal - 3 * (k - 2) / (4 * (k - 1))) < 1e-12)
    #expect(abs(c.transitivity - 3 * (k - 2) / (4 * (k - 1))) < 1e-12)
    let separation = Separation.measure(graph, stream: RandomStream(seed: 1), threads: 2)
    #expect(separation.exact)
    #expect(abs(separation.meanDistance - Self.ringDistance(nodes: nodes, neighbors: neighbors)) < 1e-9)
    #expect(graph.edgeCount == nodes * neighbors / 2)
  }

  @Test("L(0) = 50.45 for n = 1000, k = 10, as in the paper")
  func paperRing() {
    #expect(abs(Self.ringDistance(nodes: 1000, neighbors: 10) - 50.45) < 0.005)
  }

  /// Barrat & Weigt (Eur. Phys. J. B 13:547, 2000): a lattice triangle survives when none of
  /// its three edges is rewired, (1 − p)³. Rewiring also spreads the degrees,
  /// E[d(d − 1)] = k(k − 1) + (k/2)p(2 − p), and each rewired edge closes on average
  /// k(k − 1)(1 − p)²/n new triangles with two lattice edges. Triangles with two or more
  /// rewired edges are left out; they are a fraction of at most 4p²k/n of the total.
  static func expectedTransitivity(_ p: Double, nodes n: Double = 1000, neighbors k: Double = 10) -> (
    value: Double, omitted: Double
  ) {
    let latticeTriangles = n * k * (k - 2) / 8
    let survivors = latticeTriangles * Double.pow(1 - p, 3)
    let closedByRewiring = p * (n * k / 2) * k * (k - 1) * (1 - p) * (1 - p) / n
    let wedges = n * (k * (k - 1) + (k / 2) * p * (2 - p)) / 2
    let value = 3 * (survivors + closedByRewiring) / wedges
    return (value, value * 4 * p * p * k / n)
  }

  @Test("Clustering falls as (1 − p)³ (Barrat–Weigt), within the standard error", arguments: [0.001, 0.003, 0.01, 0.03, 0.1])
  func clusteringCurve(p: Double) {
    let curve = Self.measure(rewire: p, realizations: 40)
    let theory = Self.expectedTransitivity(p)
    #expect(
      abs(curve.transitivity.mean - theory.value) <= 4 * curve.transitivity.standardError + theory.omitted,
      "p=\(p): \(curve.transitivity.mean) vs \(theory.value) ± \(curve.transitivity.standardError)")
  }

  @Test("The paper's small world: at p = 0.01, C is still 97% of C(0), L has fallen to 18% of L(0)")
  func paperFigures() {
    let curve = Self.measure(rewire: 0.01, realizations: 40)
    let c0 = 2.0 / 3.0
    let l0 = Self.ringDistance(nodes: 1000, neighbors: 10)
    // The published ratios are given to two digits: ± 0.005, plus our standard error.
    #expect(abs(curve.clustering.mean / c0 - 0.97) <= 0.005 + 4 * curve.clustering.standardError / c0)
    #expect(abs(curve.distance.mean / l0 - 0.18) <= 0.005 + 4 * curve.distance.standardError / l0)
  }

  /// networkx 3.6.1 `watts_strogatz_graph(1000, 10, p)` (which also rewires lap by lap), 60
  /// graphs per p: mean and standard error of average clustering and mean distance.
  /// Regenerate with `python3 bench/reference/watts_strogatz_reference.py 60`.
  static let networkx: [(p: Double, clustering: Double, clusteringSE: Double, distance: Double, distanceSE: Double)] = [
    (0.001, 0.664775, 0.000100, 27.88184, 0.80253),
    (0.01, 0.647513, 0.000386, 8.97964, 0.08930),
    (0.1, 0.490443, 0.000993, 4.43160, 0.00622),
    (1.0, 0.009087, 0.000104, 3.26842, 0.00023),
  ]

  @Test("Clustering and distance agree with networkx's implementation", arguments: [0, 1, 2, 3])
  func agreesWithNetworkx(row: Int) {
    let reference = Self.networkx[row]
    let curve = Self.measure(rewire: reference.p, realizations: 60, seed: 7)
    let clusteringSE = (Double.pow(curve.clustering.standardError, 2) + Double.pow(reference.clusteringSE, 2)).squareRoot()
    let distanceSE = (Double.pow(curve.distance.standardError, 2) + Double.pow(reference.distanceSE, 2)).squareRoot()
    #expect(
      agrees(curve.clustering.mean, reference.clustering, se: clusteringSE),
      "p=\(reference.p) clustering \(curve.clustering.mean)")
    #expect(agrees(curve.distance.mean, reference.distance, se: distanceSE), "p=\(reference.p) distance \(curve.distance.mean)")
  }

  @Test("Rewiring keeps every edge and never makes loops or repeats")
  func simple() {
    for p in [0.0, 0.5, 1.0] {
      let list = WattsStrogatz(nodes: 200, neighbors: 8, rewire: p).edgeList(using: RandomStream(seed: 3))
      #expect(list.count == 800)
      let built = GraphBuilder.build(nodeCount: 200, edges: list, directed: false, threads: 1)
      #expect(built.report == BuildReport())
    }
    // A dense ring where some nodes end up linked to all others.
    let dense = WattsStrogatz(nodes: 7, neighbors: 6, rewire: 1).generate(using: RandomStream(seed: 1), threads: 1)
    #expect(dense.edgeCount == 21)
  }
}
