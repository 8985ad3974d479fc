// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The `seeding:` section (and each `compare:` variant): a strategy that ranks the agents,
/// and how many of its ranking to take.
///
/// - `count`: the number of seeds (default 10). With a `budget` it is an optional cap.
/// - `budget`: spend down the ranking: each agent in turn is taken if its cost
///   (`population.cost`) still fits, until the budget or the cap is reached.
/// - `tier`: only agents of these follower tiers (`population.tiers`) may be chosen.
/// - `waves`: release times; the seeds, best first, are split into as many consecutive groups
///   of (nearly) equal size, group i entering the campaign at `waves[i]` (staggered seeding).
/// - `label`: names the variant in `compare:` results.
///
/// The strategy's own keys sit beside these; `strategies` lists them all.
public struct SeedingSpec: Sendable {
  public var label: String?
  public var strategy: any SeedingStrategy
  /// Seeds wanted; with a budget, the most it may buy (nil: no cap).
  public var count: Int?
  public var budget: Double?
  /// The tiers seeds may come from (empty: any agent).
  public var tiers: [String]
  /// When each group of seeds is released (empty: all at the start).
  public var waves: [TimeSpan]

  public static let defaultCount = 10

  /// Every strategy a scenario can name.
  public static let strategies: [any SeedingStrategy.Type] = [
    RandomSeeds.self, TopFollowers.self, TopDegree.self, Cheapest.self, ExplicitSeeds.self, PageRankSeeds.self,
    DegreeDiscount.self, KCoreSeeds.self, CommunitySeeds.self, FriendshipParadox.self, CELF.self, IMM.self,
    OPIMC.self,
  ]

  public static var strategyNames: [String] { strategies.map { $0.strategyName } }

  /// Keys every strategy shares.
  public static let sharedKeys = ["strategy", "label", "count", "budget", "tier", "waves"]

  public init(
    _ strategy: any SeedingStrategy, count: Int? = nil, budget: Double? = nil, tiers: [String] = [],
    waves: [TimeSpan] = [], label: String? = nil
  ) {
    self.strategy = strategy
    self.count = count
    self.budget = budget
    self.tiers = tiers
    self.waves = waves
    self.label = label
  }

  /// The release time of each of `count` seeds, best first, in hours (nil: all at the start).
  public func releases(count: Int) -> [Double]? {
    guard !waves.isEmpty else { return nil }
    return (0..<count).map { waves[$0 * waves.count / max(count, 1)].hours }
  }

  public var strategyName: String { type(of: strategy).strategyName }
  public var kind: SeedingKind { strategy.kind }

  /// Whether the strategy walks the following rows while the runs go on (it chooses anew
  /// for every replicate), so the graph must keep them.
  public var readsFollowingRowsDuringRuns: Bool { kind == .perReplicate && strategy.readsFollowingRows }

  /// The number of seeds without a budget.
  public var fixedCount: Int { count ?? Self.defaultCount }

  public func validate(nodeCount: Int? = nil) throws(ParameterError) {
    try strategy.validate()
    if let budget {
      guard budget > 0, budget.isFinite else {
        throw ParameterError("budget", "must be a positive amount; got \(budget.shortDescription)")
      }
      if let count { try Check.atLeast(count, 1, "count") }
    } else if !(strategy is ExplicitSeeds) {
      // 0 is allowed: a campaign can start from advertising or media alone.
      try Check.atLeast(fixedCount, 0, "count")
      if let nodeCount, fixedCount > nodeCount {
        throw ParameterError("count", "must be at most the number of agents (\(nodeCount)); got \(fixedCount)")
      }
    }
    for (i, wave) in waves.enumerated() where !(wave.hours >= 0 && wave.hours.isFinite) {
      throw ParameterError("waves[\(i)]", "must be a time from the start, 0h or later; got \(wave)")
    }
    if let label {
      guard !label.isEmpty, !label.contains(where: { $0.isNewline || $0 == "," }) else {
        throw ParameterError("label", "give a short name without commas or line breaks; got '\(label)'")
      }
    }
  }

  /// Who may be chosen and how many seeds the plan can take at most, on one graph and
  /// population; refuses a plan that can take no one (an empty tier, a budget below every
  /// price). Under a budget, an agent who costs more than the whole budget cannot be
  /// chosen, so a strategy never spends its ranking on agents nobody could buy.
  /// - Complexity: O(n).
  public func plan(graph: Graph, population: Population) throws(ParameterError) -> (eligible: [Bool]?, limit: Int) {
    let n = graph.nodeCount
    var eligible: [Bool]? =
      tiers.isEmpty ? nil : try population.tiers.members(tiers, followers: { graph.followerCount(of: $0) }, count: n)
    let inTiers = eligible.map { $0.lazy.filter { $0 }.count } ?? n
    if inTiers == 0, !tiers.isEmpty {
      throw ParameterError(
        "tier", "no agent is in \(tiers.joined(separator: " or ")) (\(population.tiers.bandsDescription)); lower population.tiers"
      )
    }
    guard let budget else { return (eligible, min(fixedCount, inTiers)) }
    var cheapest = Double.infinity
    var affordable = 0
    for agent in 0..<n where eligible?[agent] ?? true {
      let price = population.cost[agent]
      cheapest = min(cheapest, price)
      if price <= budget { affordable += 1 }
    }
    guard cheapest <= budget else {
      throw ParameterError(
        "budget", "is too small to recruit anyone (the cheapest eligible agent costs \(cheapest.shortDescription))")
    }
    if affordable < inTiers {
      eligible = (0..<n).map { agent in (eligible?[agent] ?? true) && population.cost[agent] <= budget }
    }
    if cheapest > 0 { return (eligible, min(count ?? affordable, affordable, Int((budget / cheapest).rounded(.down)))) }
    guard let count else {
      throw ParameterError("budget", "cannot limit the seeds: some agents cost nothing; set population.cost, or give a count")
    }
    return (eligible, min(count, affordable))
  }

  /// Chooses the seeds: ranks the eligible agents with the strategy, then takes the first
  /// `count` of them or spends the budget down the ranking. `base.limit` and
  /// `base.eligible` are ignored: the plan sets them.
  public func select(_ base: SeedingContext) throws(ParameterError) -> SeedSelection {
    let (eligible, limit) = try plan(graph: base.graph, population: base.population)
    let context = SeedingContext(
      graph: base.graph, population: base.population, campaign: base.campaign, stream: base.stream, threads: base.threads,
      limit: limit, eligible: eligible, budget: budget, generator: base.generator, memoryLimit: base.memoryLimit)
    // An explicit list without a count is taken whole.
    let take = strategy is ExplicitSeeds && budget == nil && count == nil ? Int.max : limit
    return try spend(strategy.rank(context), limit: take, cost: base.population.cost)
  }

  private func spend(_ ranking: SeedRanking, limit: Int, cost: AgentAttribute) throws(ParameterError) -> SeedSelection {
    var chosen = SeedSelection(workspaceBytes: ranking.workspaceBytes)
    var left = budget ?? .infinity
    for (i, agent) in ranking.agents.enumerated() where chosen.agents.count < limit {
      let price = cost[agent]
      guard price <= left else { continue }
      chosen.agents.append(agent)
      chosen.scores.append(i < ranking.scores.count ? ranking.scores[i] : nil)
      chosen.cost += price
      left -= price
      if budget != nil, left <= 0 { break }
    }
    if budget != nil, chosen.agents.isEmpty {
      throw ParameterError("budget", "buys none of the agents the strategy ranked")
    }
    return chosen
  }
}

/// The seeds a plan chose, in order, with the strategy's score of each and what they cost.
public struct SeedSelection: Sendable {
  public var agents: [Int] = []
  public var scores: [Double?] = []
  public var cost = 0.0
  /// The strategy's working storage at its largest, in bytes.
  public var workspaceBytes = 0

  public init(agents: [Int] = [], scores: [Double?] = [], cost: Double = 0, workspaceBytes: Int = 0) {
    self.agents = agents
    self.scores = scores
    self.cost = cost
    self.workspaceBytes = workspaceBytes
  }
}
