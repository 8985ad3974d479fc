// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule
import Testing

@testable import ViralityCore

@Suite("Barabási–Albert, Holme–Kim and Kleinberg")
struct GrowthModelTests {
  /// The share of nodes with degree ≥ K in the Barabási–Albert model:
  /// Σ_{k ≥ K} 2m(m + 1)/(k(k + 1)(k + 2)) = m(m + 1)/(K(K + 1)).
  static func tail(_ K: Int, m: Int) -> Double { Double(m * (m + 1)) / Double(K * (K + 1)) }

  @Test("Barabási–Albert degree tail P(k ≥ K) = m(m+1)/(K(K+1))", arguments: [3, 5])
  func degreeTail(m: Int) {
    let thresholds = [m + 1, 2 * m, 4 * m, 10 * m, 25 * m]
    var shares = [Sample](repeating: Sample(), count: thresholds.count)
    for r in 0..<12 {
      let stream = RandomStream(seed: StreamSeed.derive(master: 1999, purpose: .graph, index: UInt64(r)))
      let graph = BarabasiAlbert(nodes: 200_000, edgesPerNode: m).generate(using: stream, threads: 2)
      let histogram = DegreeHistogram(graph.out)
      #expect(histogram.minimum == m)
      for (i, K) in thresholds.enumerated() { shares[i].add(histogram.tail(atLeast: K)) }
    }
    for (i, K) in thresholds.enumerated() {
      #expect(
        agrees(shares[i].mean, Self.tail(K, m: m), se: shares[i].standardError),
        "K=\(K): \(shares[i].mean) vs \(Self.tail(K, m: m))")
    }
  }

  @Test("Holme–Kim keeps the degree tail and adds clustering that grows with the triad probability")
  func holmeKim() {
    let stream = { (i: UInt64) in RandomStream(seed: StreamSeed.derive(master: 2002, purpose: .graph, index: i)) }
    let plain = HolmeKim(nodes: 50_000, edgesPerNode: 3, triad: 0).generate(using: stream(0), threads: 2)
    let clustered = HolmeKim(nodes: 50_000, edgesPerNode: 3, triad: 0.9).generate(using: stream(1), threads: 2)
    #expect(plain.edgeCount == PreferentialAttachment.edgeCount(nodes: 50_000, edgesPerNode: 3))
    #expect(clustered.edgeCount == plain.edgeCount)
    let c0 = Clustering(plain, threads: 2).averageLocal
    let c1 = Clustering(clustered, threads: 2).averageLocal
    // Holme & Kim report C ≈ 0.5 at m = 3 and the highest triad probability; plain BA at
    // this size has C ≈ 0.002.
    #expect(c0 < 0.01)
    #expect(c1 > 0.4)
    let histogram = DegreeHistogram(clustered.out)
    #expect(abs(histogram.tail(atLeast: 30) - Self.tail(30, m: 3)) < 0.3 * Self.tail(30, m: 3))
  }

  @Test("Kleinberg: local lattice plus long-range links at distance r with probability ∝ r^−α")
  func kleinberg() {
    let side = 100
    let model = Kleinberg(side: side, localRange: 1, longRange: 5, exponent: 2)
    let graph = model.generate(using: RandomStream(seed: 2000), threads: 2)
    func distance(_ u: Int, _ v: Int) -> Int {
      let dx = abs(u % side - v % side)
      let dy = abs(u / side - v / side)
      return min(dx, side - dx) + min(dy, side - dy)
    }
    // Every node keeps its 4 lattice neighbours.
    for u in stride(from: 0, to: side * side, by: 37) {
      #expect(graph.neighbors(of: u).filter { distance(u, Int($0)) == 1 }.count == 4)
    }
    // Long-range links beyond distance 1, by distance, against count(r)·r^−2 normalised over
    // r ≥ 2 (links at r = 1 coincide with lattice edges).
    var observed = [Int](repeating: 0, count: side + 1)
    var total = 0
    for u in 0..<(side * side) {
      for v in graph.neighbors(of: u) where Int(v) > u {
        let r = distance(u, Int(v))
        if r >= 2 {
          observed[r] += 1
          total += 1
        }
      }
    }
    let weights = (0...side).map { r in r < 2 ? 0 : Double(model.countAtDistance(r)) * Double.pow(Double(r), -2) }
    let weightSum = weights.reduce(0, +)
    for r in [2, 3, 5, 10, 30] {
      let p = weights[r] / weightSum
      let sd = (Double(total) * p * (1 - p)).squareRoot()
      #expect(abs(Double(observed[r]) - Double(total) * p) < 5 * sd, "r=\(r): \(observed[r]) vs \(Double(total) * p)")
    }
    #expect(model.countAtDistance(1) == 4 && model.countAtDistance(2) == 8)
  }
}
