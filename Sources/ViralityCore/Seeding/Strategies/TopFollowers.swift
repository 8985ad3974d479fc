// SPDX-License-Identifier: GPL-3.0-or-later

/// `top-followers`: the most-followed agents (in-degree; the degree if undirected), ties
/// by id: the "hub" heuristic of Kempe, Kleinberg & Tardos (KDD 2003).
/// - Complexity: O(n log n).
public struct TopFollowers: ParameterlessStrategy {
  public static let strategyName = "top-followers"
  public var scoreName: String? { "followers" }

  public init() {}

  public func rank(_ context: SeedingContext) -> SeedRanking {
    SeedRanking.sorted(context) { Double(context.graph.followerCount(of: $0)) }
  }
}

/// `top-degree`: the agents with most ties (followers plus accounts followed; the degree if
/// undirected), ties by id.
/// - Complexity: O(n log n).
public struct TopDegree: ParameterlessStrategy {
  public static let strategyName = "top-degree"
  public var scoreName: String? { "degree" }

  public init() {}

  public func rank(_ context: SeedingContext) -> SeedRanking {
    let graph = context.graph
    return SeedRanking.sorted(context) {
      Double(graph.tieCount(of: $0))
    }
  }
}

/// `cheapest`: the agents that cost least to recruit (`population.cost`), ties by id: with
/// a budget, as many seeds as it buys.
/// - Complexity: O(n log n).
public struct Cheapest: ParameterlessStrategy {
  public static let strategyName = "cheapest"
  public var scoreName: String? { "cost" }

  public init() {}

  public func rank(_ context: SeedingContext) -> SeedRanking {
    var ranking = SeedRanking.sorted(context) { -context.population.cost[$0] }
    ranking.scores = ranking.scores.map { -$0 }
    return ranking
  }
}
