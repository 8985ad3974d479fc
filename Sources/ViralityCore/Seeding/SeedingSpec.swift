// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The `seeding:` section (and each `compare:` variant): a strategy that ranks the agents,
/// and how many of its ranking to take.
///
/// - `count`: the number of seeds (default 10). With a `budget` it is an optional cap.
/// - `budget`: spend down the ranking: each agent in turn is taken if its cost
///   (`population.cost`) still fits, until the budget or the cap is reached.
/// - `tier`: only agents of these follower tiers (`population.tiers`) may be chosen.
/// - `segment`: only agents of this segment (segment → labels, as `population.target`);
///   with `segment_share` below 1, that share of the seeds (or of the budget) goes to the
///   segment and the rest to everyone else, each part chosen by the strategy on its own.
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
  /// The segment seeds come from (segment → labels; empty: any agent).
  public var segment: [String: [String]]
  /// The share of the seeds, or of the budget, spent in `segment`; the rest goes outside it.
  public var segmentShare: Double
  /// Which side of `segment` this spec chooses from: a part of a spec split by
  /// `segmentShare` may choose from outside it.
  var segmentSide = true
  /// Whether this spec is a part of a spec split by `segmentShare` (made by `parts()`).
  var isSplitPart = false
  /// When each group of seeds is released (empty: all at the start).
  public var waves: [TimeSpan]
  /// The specs whose seeds this one combines, each choosing on its own (a budget split's
  /// allocation: every arm with its share of the budget); empty for a spec that chooses by
  /// its own strategy.
  public private(set) var arms: [SeedingSpec] = []

  public static let defaultCount = 10

  /// Every strategy a scenario can name.
  public static let strategies: [any SeedingStrategy.Type] = [
    RandomSeeds.self, TopFollowers.self, TopDegree.self, Cheapest.self, ExplicitSeeds.self, PageRankSeeds.self,
    DegreeDiscount.self, KCoreSeeds.self, CommunitySeeds.self, FriendshipParadox.self, CELF.self, IMM.self,
    OPIMC.self,
  ]

  public static var strategyNames: [String] { strategies.map { $0.strategyName } }

  /// Keys every strategy shares.

  public static let sharedKeys = ["strategy", "label", "count", "budget", "tier", "segment", "segment_share", "waves"]

  public init(
    _ strategy: any SeedingStrategy, count: Int? = nil, budget: Double? = nil, tiers: [String] = [],
    segment: [String: [String]] = [:], segmentShare: Double = 1, waves: [TimeSpan] = [], label: String? = nil
  ) {
    self.strategy = strategy
    self.count = count
    self.budget = budget
    self.tiers = tiers
    self.segment = segment
    self.segmentShare = segmentShare
    self.waves = waves
    self.label = label
  }

  /// A spec whose seeds are those of `arms` together, each arm choosing (and spending its
  /// own budget) as if alone, in order; an agent two arms choose is a seed once.
  public init(combining arms: [SeedingSpec], label: String? = nil) {
    self.init(ChosenSeeds(agents: []), count: 0, label: label)
    self.arms = arms
  }

  /// A spec that takes `agents` as they are (seeds resolved already).
  public static func chosen(_ agents: [Int]) -> SeedingSpec { SeedingSpec(ChosenSeeds(agents: agents), count: agents.count) }

  /// The release time of each of `count` seeds, best first, in hours (nil: all at the start).
  public func releases(count: Int) -> [Double]? {
    guard !waves.isEmpty else { return nil }
    return (0..<count).map { waves[$0 * waves.count / max(count, 1)].hours }
  }

  public var strategyName: String { type(of: strategy).strategyName }
  /// How often the seeds are chosen: a combined spec as often as its most frequent arm.
  public var kind: SeedingKind {
    guard !arms.isEmpty else { return strategy.kind }
    let kinds = arms.map(\.kind)
    return kinds.contains(.perReplicate) ? .perReplicate : kinds.contains(.perGraph) ? .perGraph : .fixed
  }

  /// Whether the strategy walks the following rows while the runs go on (it chooses anew
  /// for every replicate), so the graph must keep them.
  public var readsFollowingRowsDuringRuns: Bool {
    arms.isEmpty ? kind == .perReplicate && strategy.readsFollowingRows : arms.contains(where: \.readsFollowingRowsDuringRuns)
  }

  /// The number of seeds without a budget.
  public var fixedCount: Int { count ?? Self.defaultCount }

  public func validate(nodeCount: Int? = nil) throws(ParameterError) {
    try strategy.validate()
    if let budget {
      guard budget > 0, budget <= Limits.budget else {
        throw ParameterError(
          "budget", "must be a positive amount of at most 10^15; got \(budget.shortDescription)")
      }
      if let count { try Check.atLeast(count, 1, "count") }
    } else if !(strategy is ExplicitSeeds) {
      // 0 is allowed: a campaign can start from advertising or media alone.
      try Check.atLeast(fixedCount, 0, "count")
      if let nodeCount, fixedCount > nodeCount {
        throw ParameterError("count", "must be at most the number of agents (\(nodeCount)); got \(fixedCount)")
      }
    }
    guard segmentShare > 0, segmentShare <= 1 else {
      throw ParameterError("segment_share", "must be a share above 0 and at most 1; got \(segmentShare.shortDescription)")
    }
    if segmentShare < 1 {
      guard !segment.isEmpty else {
        throw ParameterError("segment_share", "needs a segment: the share of the seeds that go to it")
      }
      for part in parts() where part.budget == nil && part.fixedCount == 0 {
        throw ParameterError(
          "segment_share",
          "leaves no seed \(part.segmentSide ? "in" : "outside") the segment: \(segmentShare.shortDescription) of \(fixedCount) seeds rounds to \(part.segmentSide ? 0 : fixedCount); give more seeds or another share"
        )
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
    if !segment.isEmpty {
      let members = try population.members(segment, key: "segment")
      let side = segmentSide
      eligible = (0..<n).map { agent in
        (eligible?[agent] ?? true) && ((members[agent >> 6] >> UInt64(agent & 63)) & 1 == 1) == side
      }
    }
    let candidates = eligible.map { $0.lazy.filter { $0 }.count } ?? n
    if candidates == 0, !tiers.isEmpty || !segment.isEmpty {
      let within = segmentSide ? "in" : "outside"
      throw ParameterError(
        segment.isEmpty ? "tier" : "segment",
        segment.isEmpty
          ? "no agent is in \(tiers.joined(separator: " or ")) (\(population.tiers.bandsDescription)); lower population.tiers"
          : "no agent \(tiers.isEmpty ? "" : "of tier \(tiers.joined(separator: " or ")) ")is \(within) the segment \(Self.describe(segment))"
      )
    }
    guard let budget else { return (eligible, min(fixedCount, candidates)) }
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
    if affordable < candidates {
      eligible = (0..<n).map { agent in (eligible?[agent] ?? true) && population.cost[agent] <= budget }
    }
    if cheapest > 0 {
      // The budget buys at most `affordable` agents; the ratio may overflow (1e308 / 1e-320).
      let buys = min((budget / cheapest).rounded(.down), Double(affordable))
      return (eligible, min(count ?? affordable, affordable, Int(buys)))
    }
    guard let count else {
      throw ParameterError("budget", "cannot limit the seeds: some agents cost nothing; set population.cost, or give a count")
    }
    return (eligible, min(count, affordable))
  }

  /// The specs the seeds are chosen by: this one, or with a `segment_share` below 1 the part
  /// inside the segment (that share of the count or budget) and the part outside it.
  public func parts() -> [SeedingSpec] {
    guard arms.isEmpty else { return arms.flatMap { $0.parts() } }
    guard !segment.isEmpty, segmentShare < 1 else { return [self] }
    var (inside, outside) = (self, self)
    (inside.segmentShare, outside.segmentShare, outside.segmentSide) = (1, 1, false)
    (inside.isSplitPart, outside.isSplitPart) = (true, true)
    if let budget {
      inside.budget = budget * segmentShare
      outside.budget = budget - budget * segmentShare
    }
    let wanted = budget == nil ? fixedCount : count
    if let wanted {
      let share = Int((Double(wanted) * segmentShare).rounded())
      (inside.count, outside.count) = (share, wanted - share)
    }
    return [inside, outside]
  }

  /// Who every part (`parts()`) may choose and how many, found once for the many choices
  /// of a strategy that draws anew for every replicate (the plan is O(n)).
  public struct Prepared: Sendable {
    struct Part: Sendable {
      let eligible: [Bool]?
      /// The eligible agents in id order (nil: everyone).
      let agents: [Int]?
      let limit: Int
    }
    let parts: [Part]
  }

  /// Plans every part (`parts()`): refuses a plan one of them cannot carry out, saying which.
  @discardableResult
  public func prepare(graph: Graph, population: Population) throws(ParameterError) -> Prepared {
    var prepared: [Prepared.Part] = []
    for part in parts() {
      do {
        let (eligible, limit) = try part.plan(graph: graph, population: population)
        prepared.append(
          Prepared.Part(eligible: eligible, agents: eligible.map { e in e.indices.filter { e[$0] } }, limit: limit))
      } catch { throw part.naming(error) }
    }
    return Prepared(parts: prepared)
  }

  /// `error` of this part of a spec split by `segment_share`, saying which part it is.
  private func naming(_ error: ParameterError) -> ParameterError {
    guard isSplitPart else { return error }
    return ParameterError(
      path: error.path, message: "(the seeds \(segmentSide ? "in" : "outside") the segment) \(error.message)")
  }

  /// A segment rule in words: `age 18-25 and gender men`.
  static func describe(_ rule: [String: [String]]) -> String {
    rule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.joined(separator: " or "))" }.joined(separator: " and ")
  }

  /// Chooses the seeds: ranks the eligible agents with the strategy, then takes the first
  /// `count` of them or spends the budget down the ranking; a spec split by `segment_share`
  /// does so for each part and lists the segment's seeds first, a combined spec for each arm
  /// in order (an agent two arms choose counted once). `base.limit` and
  /// `base.eligible` are ignored: the plan sets them.
  public func select(_ base: SeedingContext, prepared: Prepared? = nil) throws(ParameterError) -> SeedSelection {
    let parts = parts()
    guard parts.count > 1 || !arms.isEmpty else { return try selectPart(base, prepared?.parts[0]) }
    var chosen = SeedSelection()
    var taken = Set<Int>()
    for (i, part) in parts.enumerated() where part.budget != nil || part.fixedCount > 0 {
      let selection: SeedSelection
      do { selection = try part.selectPart(base, prepared?.parts[i]) } catch { throw part.naming(error) }
      for (k, agent) in selection.agents.enumerated() where arms.isEmpty || taken.insert(agent).inserted {
        chosen.agents.append(agent)
        chosen.scores.append(selection.scores[k])
        chosen.cost += base.population.cost[agent]
      }
      chosen.workspaceBytes = max(chosen.workspaceBytes, selection.workspaceBytes)
    }
    return chosen
  }

  private func selectPart(_ base: SeedingContext, _ prepared: Prepared.Part?) throws(ParameterError) -> SeedSelection {
    let context = try context(base, prepared)
    // An explicit list without a count is taken whole.
    let take = strategy is ExplicitSeeds && budget == nil && count == nil ? Int.max : context.limit
    return try spend(strategy.rank(context), limit: take, cost: base.population.cost)
  }

  /// The strategy's context for this part: `base` with the plan's limit and eligible agents.
  private func context(_ base: SeedingContext, _ prepared: Prepared.Part?) throws(ParameterError) -> SeedingContext {
    let part: Prepared.Part
    if let prepared {
      part = prepared
    } else {
      let (eligible, limit) = try plan(graph: base.graph, population: base.population)
      part = Prepared.Part(eligible: eligible, agents: nil, limit: limit)
    }
    return SeedingContext(
      graph: base.graph, population: base.population, campaign: base.campaign, stream: base.stream, threads: base.threads,
      limit: part.limit, eligible: part.eligible, eligibleAgents: part.agents, budget: budget, generator: base.generator,
      memoryLimit: base.memoryLimit)
  }

  /// Whether a part's strategy predicts its working storage (`SeedingStrategy.predictsWorkspace`).
  public var predictsWorkspace: Bool { parts().contains { $0.strategy.predictsWorkspace } }

  /// The most bytes any part's strategy will hold while `select` chooses (the parts choose
  /// one after another), predicted by the strategies that can (`workspaceEstimate`), and
  /// refused when they would not fit in `base.memoryLimit`. It draws from `base.stream`,
  /// so give it a stream the selection does not use.
  public func workspaceEstimate(_ base: SeedingContext, prepared: Prepared? = nil) throws(ParameterError) -> Int {
    var most = 0
    for (i, part) in parts().enumerated() where part.strategy.predictsWorkspace {
      do {
        let context = try part.context(base, prepared?.parts[i])
        most = max(most, try part.strategy.workspaceEstimate(context) ?? 0)
      } catch { throw part.naming(error) }
    }
    return most
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
