// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule
import Testing

@testable import ViralityCore

@Suite("Follower graph")
struct FollowerGraphTests {
  @Test("Core ties are mutual with probability r: reciprocity 2r/(1 + r)", arguments: [0.2, 0.8])
  func reciprocity(r: Double) {
    let model = FollowerGraph(nodes: 20_000, friends: 10, rewire: 0.1, reciprocity: r, follows: .constant(0))
    let graph = model.generate(using: RandomStream(seed: 7), threads: 2)
    // Ties T = n·k/2; mutual ones M ~ Binomial(T, r); reciprocity = 2M/(T + M).
    let ties = 100_000.0
    let expected = 2 * r / (1 + r)
    // Delta method: d/dM [2M/(T + M)] = 2T/(T + M)², Var M = T r (1 − r).
    let se = 2 * ties / Double.pow(ties * (1 + r), 2) * (ties * r * (1 - r)).squareRoot()
    #expect(agrees(graph.reciprocity(threads: 2), expected, se: se))
    #expect(abs(Double(graph.edgeCount) - ties * (1 + r)) < 5 * (ties * r * (1 - r)).squareRoot())
  }

  /// Follower counts inherit the popularity tail: the Hill estimator over the top 0.1% of
  /// in-degrees recovers the Pareto shape, with standard error shape/√k.
  @Test("Heavy-tailed follower counts: tail exponent of the popularity Pareto")
  func tail() {
    let shape = 1.2
    let model = FollowerGraph(nodes: 1_000_000, popularity: .pareto(shape: shape, scale: 1))
    let graph = model.generate(using: RandomStream(seed: 2010), threads: 2)
    let followers = (0..<graph.nodeCount).map { graph.followerCount(of: $0) }.sorted(by: >)
    let k = 1000
    let threshold = Double(followers[k])
    let hill = Double(k) / followers.prefix(k).reduce(0.0) { $0 + Double.log(Double($1) / threshold) }
    #expect(agrees(hill, shape, se: shape / Double(k).squareRoot()), "Hill estimate \(hill)")
  }
}
