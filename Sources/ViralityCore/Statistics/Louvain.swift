// SPDX-License-Identifier: GPL-3.0-or-later

/// Communities by the Louvain method: agents move greedily to the neighbouring community
/// that most increases the modularity, then communities become single nodes and the moves
/// repeat on the smaller graph, until nothing moves (V. D. Blondel, J.-L. Guillaume,
/// R. Lambiotte & E. Lefebvre, "Fast unfolding of communities in large networks", J. Stat.
/// Mech. P10008, 2008). On the undirected view of the graph, unweighted.
///
/// Agents are visited in id order, so the result is deterministic. Leiden's refinement
/// (Traag, Waltman & van Eck, Sci. Rep. 9:5233, 2019) is not done: a Louvain community may
/// be internally disconnected.
/// - Complexity: about O(m) per pass; a few passes per level and a few levels in practice.
public enum Louvain {
  /// The community of every agent, numbered 0, 1, … by decreasing size (ties by the lowest
  /// agent id), and the modularity reached.
  public static func communities(_ graph: Graph, threads: Int) -> (community: [Int], modularity: Double) {
    let view = graph.undirectedView(threads: threads)
    let n = view.nodeCount
    guard n > 0 else { return ([], 0) }
    // The current level's graph: weighted rows (a self-loop holds the weight inside a node).
    var offsets = view.out.offsets
    var targets = view.out.withView { rows in (0..<n).flatMap { rows[$0].map(Int.init) } }
    var weights = [Double](repeating: 1, count: targets.count)
    var membership = Array(0..<n)
    let total = Double(targets.count)  // twice the number of edges
    guard total > 0 else { return (Array(0..<n), 0) }
    while true {
      let size = offsets.count - 1
      let (assignment, moved) = moveNodes(size, offsets, targets, weights, total)
      guard moved else { break }
      // Renumber the communities of this level 0 ..< k and aggregate.
      var renumber = [Int](repeating: -1, count: size)
      var k = 0
      for c in assignment where renumber[c] < 0 {
        renumber[c] = k
        k += 1
      }
      for v in 0..<n { membership[v] = renumber[assignment[membership[v]]] }
      var rows = [[Int: Double]](repeating: [:], count: k)
      for u in 0..<size {
        let cu = renumber[assignment[u]]
        for e in offsets[u]..<offsets[u + 1] { rows[cu][renumber[assignment[targets[e]]], default: 0] += weights[e] }
      }
      offsets = [0]
      targets = []
      weights = []
      for row in rows {
        for (c, w) in row.sorted(by: { $0.key < $1.key }) {
          targets.append(c)
          weights.append(w)
        }
        offsets.append(targets.count)
      }
      if k == size { break }
    }
    return (ordered(membership), modularity(view, membership, total))
  }

  /// One level of local moves; returns each node's community and whether anything moved.
  private static func moveNodes(_ n: Int, _ offsets: [Int], _ targets: [Int], _ weights: [Double], _ total: Double)
    -> ([Int], Bool)
  {
    var community = Array(0..<n)
    var strength = [Double](repeating: 0, count: n)
    for u in 0..<n { for e in offsets[u]..<offsets[u + 1] { strength[u] += weights[e] } }
    var communityStrength = strength
    var linkWeight = [Double](repeating: 0, count: n)
    var touched: [Int] = []
    var movedAny = false
    var moved = true
    var passes = 0
    while moved && passes < 100 {
      moved = false
      passes += 1
      for u in 0..<n {
        let own = community[u]
        touched.removeAll(keepingCapacity: true)
        for e in offsets[u]..<offsets[u + 1] {
          let v = targets[e]
          guard v != u else { continue }
          let c = community[v]
          if linkWeight[c] == 0 { touched.append(c) }
          linkWeight[c] += weights[e]
        }
        communityStrength[own] -= strength[u]
        // Gain of joining c, up to a constant: links into c − strength(c)·strength(u)/2m.
        var best = own
        var bestGain = linkWeight[own] - communityStrength[own] * strength[u] / total
        for c in touched where c != own {
          let gain = linkWeight[c] - communityStrength[c] * strength[u] / total
          if gain > bestGain + 1e-12 {
            best = c
            bestGain = gain
          }
        }
        communityStrength[best] += strength[u]
        if best != own {
          community[u] = best
          moved = true
          movedAny = true
        }
        for c in touched { linkWeight[c] = 0 }
        linkWeight[own] = 0
      }
    }
    return (community, movedAny)
  }

  /// Communities renumbered by decreasing size, ties by their lowest member.
  static func ordered(_ membership: [Int]) -> [Int] {
    let k = (membership.max() ?? -1) + 1
    var size = [Int](repeating: 0, count: k)
    var first = [Int](repeating: Int.max, count: k)
    for (v, c) in membership.enumerated() {
      size[c] += 1
      first[c] = min(first[c], v)
    }
    let order = (0..<k).sorted { (size[$0], -first[$0]) > (size[$1], -first[$1]) }
    var rank = [Int](repeating: 0, count: k)
    for (r, c) in order.enumerated() { rank[c] = r }
    return membership.map { rank[$0] }
  }

  /// Newman's modularity of a partition of the undirected graph `view`.
  public static func modularity(_ view: Graph, _ membership: [Int], _ total: Double) -> Double {
    let k = (membership.max() ?? -1) + 1
    var inside = [Double](repeating: 0, count: k)
    var degree = [Double](repeating: 0, count: k)
    for u in 0..<view.nodeCount {
      degree[membership[u]] += Double(view.out.degree(u))
      for v in view.neighbors(of: u) where membership[Int(v)] == membership[u] { inside[membership[u]] += 1 }
    }
    return (0..<k).reduce(0) { $0 + inside[$1] / total - (degree[$1] / total) * (degree[$1] / total) }
  }
}
