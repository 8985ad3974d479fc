// SPDX-License-Identifier: GPL-3.0-or-later

/// `random`: eligible agents drawn uniformly without replacement, anew for every replicate
/// (the baseline of Kempe, Kleinberg & Tardos, KDD 2003).
///
/// Under a budget it buys random affordable agents until the budget or the count is spent,
/// whatever the prices: it keeps drawing past `limit` agents while some of them were too
/// dear for what was left, so an unlucky first draw never leaves money unspent that a
/// cheaper agent could take. The first `limit` draws are those of a sample without a budget.
/// - Complexity: O(k) expected for k draws without tiers or unequal prices; O(n) with them.
public struct RandomSeeds: ParameterlessStrategy {
  public static let strategyName = "random"
  public var kind: SeedingKind { .perReplicate }

  public init() {}

  public func rank(_ context: SeedingContext) -> SeedRanking {
    let pool = context.eligible == nil ? nil : context.eligibleAgents()
    let size = pool?.count ?? context.graph.nodeCount
    var order = RandomOrder(count: size)
    guard let budget = context.budget else {
      let agents = (0..<min(context.limit, size)).map { _ in order.next(context.stream)! }
      return SeedRanking(agents: pool.map { pool in agents.map { pool[$0] } } ?? agents)
    }
    let cost = context.population.cost
    var cheapest = Double.infinity
    for i in 0..<size { cheapest = min(cheapest, cost[pool?[i] ?? i]) }
    // Spend as `SeedingSpec` will: the agents that fit are bought, the others passed over.
    var (agents, bought, left) = ([Int](), 0, budget)
    while bought < context.limit, left >= cheapest, let i = order.next(context.stream) {
      let agent = pool?[i] ?? i
      agents.append(agent)
      if cost[agent] <= left {
        left -= cost[agent]
        bought += 1
      }
    }
    return SeedRanking(agents: agents)
  }
}
