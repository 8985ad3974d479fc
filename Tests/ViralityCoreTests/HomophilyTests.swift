// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import Testing

@testable import ViralityCore

/// Segments that cluster on the graph: Newman's assortativity measured exactly, and
/// arrangements that reach a requested value without changing who is in which segment mix.
@Suite("Homophily: segments that cluster")
struct HomophilyTests {
  static func graph(_ n: Int, _ arcs: [(Int, Int)], directed: Bool) -> Graph {
    GraphBuilder.build(
      nodeCount: n, edges: EdgeList(sources: arcs.map { UInt32($0.0) }, targets: arcs.map { UInt32($0.1) }),
      directed: directed, threads: 1
    ).graph
  }

  @Test("Newman's r by hand on a directed graph, and kept exact by every relabelling")
  func mixing() {
    // Arcs 0→1, 1→0, 2→3, 0→2 with labels 0, 0, 1, 1: e₀₀ = 2/4, e₁₁ = 1/4, e₀₁ = 1/4;
    // a = (3/4, 1/4), b = (2/4, 2/4); r = (3/4 − 1/2) / (1 − 1/2) = 0.5 (networkx agrees).
    let small = Self.graph(4, [(0, 1), (1, 0), (2, 3), (0, 2)], directed: true)
    #expect(abs(LabelMixing(small, codes: [0, 0, 1, 1], labelCount: 2, threads: 1).coefficient - 0.5) < 1e-15)
    // Random relabellings of a random directed graph, counted afresh after each.
    let graph = ErdosRenyi(nodes: 400, meanDegree: 6, directed: true).generate(using: RandomStream(seed: 4), threads: 1)
    let stream = RandomStream(seed: 9)
    var codes = (0..<400).map { _ in UInt16(stream.uniformInt(below: 3)) }
    var mixing = LabelMixing(graph, codes: codes, labelCount: 3, threads: 2)
    for _ in 0..<500 {
      mixing.relabel(stream.uniformInt(below: 400), to: UInt16(stream.uniformInt(below: 3)), codes: &codes, graph: graph)
    }
    let recounted = LabelMixing(graph, codes: codes, labelCount: 3, threads: 1)
    #expect(mixing.within == recounted.within && mixing.leaving == recounted.leaving && mixing.entering == recounted.entering)
    #expect(mixing.coefficient == recounted.coefficient)
  }

  /// Two segments drawn independently on a 20,000-agent small world; the first is arranged.
  static func arrange(target: Double, graph: Graph, seed: UInt64 = 5, threads: Int = 2) -> (
    codes: [UInt16], other: [UInt16], before: [UInt16], outcome: Homophily.Outcome
  ) {
    let n = graph.nodeCount
    let stream = RandomStream(seed: seed)
    let before = (0..<n).map { _ in UInt16(stream.uniformInt(below: 4)) }
    let other = (0..<n).map { _ in UInt16(stream.uniformInt(below: 2)) }
    var codes = before
    let outcome = Homophily.arrange(
      &codes, labelCount: 4, strata: other.map(UInt32.init), strataCount: 2, target: target, graph: graph,
      searchOrder: { Homophily.breadthFirstOrder(graph, from: 17) }, stream: stream, threads: threads)
    return (codes, other, before, outcome)
  }

  @Test("Requested assortativities are reached to within one swap, on the graph, with every joint count kept")
  func reachesTarget() {
    let graph = WattsStrogatz(nodes: 20_000, neighbors: 10, rewire: 0.1).generate(using: RandomStream(seed: 2), threads: 2)
    for target in [0.05, 0.25, 0.5] {
      let (codes, other, before, outcome) = Self.arrange(target: target, graph: graph)
      #expect(outcome.isFeasible && outcome.largest > 0.6, "largest \(outcome.largest)")
      // At most one swap below: a swap moves at most 2 agents × 2 rows × 10 ties across a
      // label boundary, and r by that over the arcs, divided by 1 − Σ aᵢbᵢ (above 1/2 here).
      let oneSwap = 2 * 2 * 10 / Double(graph.arcCount) * 2
      #expect(outcome.achieved <= target && target - outcome.achieved <= oneSwap)
      #expect(LabelMixing(graph, codes: codes, labelCount: 4, threads: 1).coefficient == outcome.achieved)
      // Every (label, other label) count is as drawn.
      func joint(_ labels: [UInt16]) -> [Int] {
        var counts = [Int](repeating: 0, count: 8)
        for agent in labels.indices { counts[Int(labels[agent]) * 2 + Int(other[agent])] += 1 }
        return counts
      }
      #expect(joint(codes) == joint(before))
    }
    // The same on one thread; and 0 leaves the draws alone.
    #expect(Self.arrange(target: 0.25, graph: graph, threads: 1).codes == Self.arrange(target: 0.25, graph: graph).codes)
    let untouched = Self.arrange(target: 0, graph: graph)
    #expect(untouched.codes == untouched.before && abs(untouched.outcome.achieved) < 0.02)
  }

  @Test("A random graph has no room for clusters: a high request is refused with the largest reachable")
  func infeasible() {
    let graph = ErdosRenyi(nodes: 5000, meanDegree: 10).generate(using: RandomStream(seed: 3), threads: 2)
    let (codes, _, before, outcome) = Self.arrange(target: 0.6, graph: graph)
    #expect(!outcome.isFeasible && outcome.largest < 0.6 && outcome.largest > 0)
    #expect(codes == before)
  }

  @Test("A population drawn with homophily keeps every other draw, and records what it reached")
  func population() throws {
    let graph = WattsStrogatz(nodes: 5000, neighbors: 8, rewire: 0.05).generate(using: RandomStream(seed: 8), threads: 1)
    var spec = PopulationSpec(
      segments: [("age", .shares([("young", 0.3), ("old", 0.7)])), ("gender", .shares([("f", 0.5), ("m", 0.5)]))],
      susceptibility: .beta(a: 2, b: 2))
    let plain = try spec.draw(for: graph, using: RandomStream(seed: 1))
    spec.homophily = ["age": 0.4]
    try spec.validate()
    let clustered = try spec.draw(for: graph, using: RandomStream(seed: 1))
    #expect(clustered.susceptibility == plain.susceptibility)
    #expect(clustered.segments[1] == plain.segments[1])
    #expect(clustered.segments[0].codes.filter { $0 == 0 }.count == plain.segments[0].codes.filter { $0 == 0 }.count)
    let outcome = try #require(clustered.homophily["age"])
    #expect(outcome.requested == 0.4 && outcome.achieved <= 0.4 && outcome.achieved > 0.39)
    spec.homophily = ["age": 0.99]
    let error = #expect(throws: ParameterError.self) { try spec.draw(for: graph, using: RandomStream(seed: 1)) }
    #expect(error?.path == ["homophily", "age"] && error?.message.contains("the largest is") == true)
    for (bad, path) in [(["gender": -0.1], ["homophily", "gender"]), (["height": 0.2], ["homophily", "height"])] {
      spec.homophily = bad
      let error = #expect(throws: ParameterError.self) { try spec.validate() }
      #expect(error?.path == path)
    }
  }
}
