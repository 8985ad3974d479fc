// SPDX-License-Identifier: GPL-3.0-or-later

/// `community`: spread the seeds over communities, the best-connected agents (most ties)
/// of each first.
///
/// - `allocation: one-each`: one seed per community, the largest communities first, then a
///   second per community, and so on.
/// - `allocation: proportional` (default): seats in proportion to community size, given in
///   the order of the Sainte-Laguë method (A. Sainte-Laguë, 1910: the next seed goes to the
///   community with the largest size / (2 · seeds so far + 1)), so every prefix of the
///   ranking is a proportional allocation.
/// - `communities: graph` uses the communities the generator planted (stochastic block
///   model); `detect` finds them with the Louvain method (`Louvain`); `auto` (default) uses
///   the graph's when it has them.
///
/// Seeding across communities is the remedy for seeds that overlap (e.g. Y. Wang, G. Cong,
/// G. Song & K. Xie, "Community-based greedy algorithm for mining top-k influential nodes in
/// mobile social networks", KDD 2010).
/// - Complexity: O(n + m) per Louvain pass, O(n log n) to rank.
public struct CommunitySeeds: SeedingStrategy {
  public static let strategyName = "community"

  public enum Allocation: String, Sendable, CaseIterable, Codable {
    case oneEach = "one-each"
    case proportional
  }

  public enum Source: String, Sendable, CaseIterable, Codable {
    case auto, graph, detect
  }

  public var allocation: Allocation
  public var communities: Source
  public var scoreName: String? { "community" }

  public init(allocation: Allocation = .proportional, communities: Source = .auto) {
    self.allocation = allocation
    self.communities = communities
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case allocation, communities }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: SeedingSpec.sharedKeys)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      allocation: try c.choice(.allocation, default: Allocation.proportional),
      communities: try c.choice(.communities, default: Source.auto))
  }

  public func rank(_ context: SeedingContext) throws(ParameterError) -> SeedRanking {
    let graph = context.graph
    let membership: [Int]
    switch (communities, graph.communities) {
    case (.graph, nil):
      throw ParameterError("communities", "the graph has no planted communities; use communities: detect")
    case (.graph, let planted?), (.auto, let planted?):
      membership = planted.map(Int.init)
    case (.detect, _), (.auto, nil):
      membership = Louvain.communities(graph, threads: context.threads).community
    }
    let k = (membership.max() ?? -1) + 1
    // Each community's eligible members by decreasing degree, ties by id.
    var members = [[Int]](repeating: [], count: k)
    let byDegree = SeedRanking.sorted(context) {
      Double(graph.tieCount(of: $0))
    }
    for agent in byDegree.agents { members[membership[agent]].append(agent) }
    var sizes = [Int](repeating: 0, count: k)
    for c in membership { sizes[c] += 1 }
    var taken = [Int](repeating: 0, count: k)
    var agents: [Int] = []
    var scores: [Double] = []
    let wanted = min(context.limit, byDegree.agents.count)
    // Communities largest first, ties by number.
    let order = (0..<k).sorted { (sizes[$0], -$0) > (sizes[$1], -$1) }
    while agents.count < wanted {
      let open = order.filter { taken[$0] < members[$0].count }
      let next: Int?
      switch allocation {
      case .oneEach:
        let round = open.map { taken[$0] }.min()
        next = open.first { taken[$0] == round }
      case .proportional:
        next = open.max { a, b in
          let qa = Double(sizes[a]) / Double(2 * taken[a] + 1)
          let qb = Double(sizes[b]) / Double(2 * taken[b] + 1)
          return qa != qb ? qa < qb : a > b
        }
      }
      guard let c = next else { break }
      agents.append(members[c][taken[c]])
      scores.append(Double(c))
      taken[c] += 1
    }
    return SeedRanking(agents: agents, scores: scores, workspaceBytes: 8 * (3 * graph.nodeCount + 3 * k))
  }
}
