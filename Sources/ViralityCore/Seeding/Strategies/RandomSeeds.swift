// SPDX-License-Identifier: GPL-3.0-or-later

/// `random`: eligible agents drawn uniformly without replacement, anew for every replicate
/// (the baseline of Kempe, Kleinberg & Tardos, KDD 2003).
/// - Complexity: O(limit) expected without tiers; O(n) with them.
public struct RandomSeeds: ParameterlessStrategy {
  public static let strategyName = "random"
  public var kind: SeedingKind { .perReplicate }

  public init() {}

  public func rank(_ context: SeedingContext) -> SeedRanking {
    let n = context.graph.nodeCount
    guard context.eligible != nil else {
      return SeedRanking(agents: Separation.sample(min(context.limit, n), of: n, context.stream))
    }
    let pool = context.eligibleAgents()
    return SeedRanking(agents: Separation.sample(min(context.limit, pool.count), of: pool.count, context.stream).map { pool[$0] })
  }
}
