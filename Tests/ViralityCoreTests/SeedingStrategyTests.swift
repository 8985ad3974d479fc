// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import Testing

@testable import ViralityCore

/// Each seeding strategy on small graphs whose answers are known.
@Suite("Seeding strategies")
struct SeedingStrategyTests {
  static func graph(_ n: Int, _ edges: [(Int, Int)], directed: Bool = false, communities: [UInt32]? = nil) -> Graph {
    GraphBuilder.build(
      nodeCount: n, edges: EdgeList(sources: edges.map { UInt32($0.0) }, targets: edges.map { UInt32($0.1) }),
      directed: directed, threads: 1, communities: communities
    ).graph
  }

  /// A star: node 0 and `leaves` leaves.
  static func star(_ leaves: Int) -> Graph { graph(leaves + 1, (1...leaves).map { (0, $0) }) }

  /// Two cliques of `size` joined by one bridge between node size − 1 and node size.
  static func twoCliques(_ size: Int) -> Graph {
    var edges: [(Int, Int)] = []
    for base in [0, size] {
      for a in 0..<size { for b in (a + 1)..<size { edges.append((base + a, base + b)) } }
    }
    edges.append((size - 1, size))
    return graph(2 * size, edges)
  }

  static func seeds(
    _ spec: SeedingSpec, _ graph: Graph, model: IndependentCascade = IndependentCascade(probability: 0.1), seed: UInt64 = 1,
    threads: Int = 1
  ) throws -> SeedSelection {
    try spec.select(
      SeedingContext(
        graph: graph, population: Population(uniform: graph.nodeCount), campaign: model.seedingCampaign(horizon: 24 * 365),
        stream: RandomStream(seed: seed), threads: threads, limit: 0))
  }

  /// The mean final size of `seeds` under `model`, and its standard error, from `runs` runs.
  static func spread(_ seeds: [Int], _ graph: Graph, model: IndependentCascade, runs: Int = 4000, seed: UInt64 = 99) throws
    -> Sample
  {
    let ensemble = Ensemble(
      graph: graph, population: Population(uniform: graph.nodeCount),
      variants: [SeedingVariant(label: "s", spec: SeedingSpec(ExplicitSeeds(nodes: seeds.map(String.init))), seeds: seeds)],
      replicates: 0..<runs, pointSeed: seed, horizon: 24 * 365, binWidth: 24 * 365, settings: MeasureSettings(timeSeries: false))
    return Sample(try model.run(ensemble, threads: 2, progress: nil).map { Double($0.metrics.reached) })
  }

  @Test("On a star every ranking starts at the hub")
  func star() throws {
    let star = Self.star(12)
    for strategy in [
      TopFollowers(), TopDegree(), PageRankSeeds(), KCoreSeeds(), DegreeDiscount(), IMM(epsilon: 0.3),
      OPIMC(), CELF(runs: 50),
    ] as [any SeedingStrategy] {
      let chosen = try Self.seeds(SeedingSpec(strategy, count: 1), star)
      #expect(chosen.agents == [0], "\(type(of: strategy).strategyName) chose \(chosen.agents)")
    }
    // The hub's PageRank: (1 − d)/n + d·(leaves' rank), with each leaf at (1 − d)/n + d·hub/12.
    let rank = PageRank.scores(star, threads: 1)
    let d = 0.85
    let n = 13.0
    let hub = ((1 - d) / n + d * 12 * (1 - d) / n) / (1 - d * d)
    #expect(abs(rank[0] - hub) < 1e-9)
    #expect(abs(rank.reduce(0, +) - 1) < 1e-9)
  }

  @Test("Two cliques and a bridge: cores, communities, and seeds one per community")
  func twoCliques() throws {
    let graph = Self.twoCliques(6)
    #expect(CoreNumbers.of(graph, threads: 1) == [Int](repeating: 5, count: 12))
    let (community, modularity) = Louvain.communities(graph, threads: 1)
    #expect(community == [Int](repeating: 0, count: 6) + [Int](repeating: 1, count: 6))
    // Two 6-cliques and a bridge: 31 edges, 15 inside each; Q = 2·(15/31 − (31/62)²).
    #expect(abs(modularity - 2 * (15.0 / 31 - 0.25)) < 1e-12)
    for allocation in CommunitySeeds.Allocation.allCases {
      let chosen = try Self.seeds(SeedingSpec(CommunitySeeds(allocation: allocation), count: 2), graph)
      // The bridge ends have the most ties in each clique.
      #expect(chosen.agents.sorted() == [5, 6], "\(allocation): \(chosen.agents)")
    }
    // Top degree takes both bridge ends too; k-core ranks them first by degree within the core.
    #expect(try Self.seeds(SeedingSpec(KCoreSeeds(), count: 2), graph).agents == [5, 6])
  }

  @Test("Proportional community seeds follow Sainte-Laguë")
  func proportional() throws {
    // Planted communities of 30, 10 and 5 agents with no ties: seats go 30, 30, 10, 30, 5, 30 …
    let sizes = [30, 10, 5]
    let communities = sizes.enumerated().flatMap { c, size in [UInt32](repeating: UInt32(c), count: size) }
    let graph = Self.graph(45, [], communities: communities)
    let chosen = try Self.seeds(SeedingSpec(CommunitySeeds(allocation: .proportional), count: 6), graph)
    #expect(chosen.scores.map { Int($0!) } == [0, 0, 1, 0, 2, 0])
    let one = try Self.seeds(SeedingSpec(CommunitySeeds(allocation: .oneEach), count: 5), graph)
    #expect(one.scores.map { Int($0!) } == [0, 1, 2, 0, 1])
  }

  @Test("Degree discount follows the published formula step by step")
  func degreeDiscount() throws {
    // A small irregular graph: a hub, a second hub sharing neighbours, a tail.
    let edges = [(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (1, 2), (1, 3), (1, 6), (6, 7), (6, 8), (8, 9), (4, 5)]
    let graph = Self.graph(10, edges)
    let p = 0.2
    let chosen = try Self.seeds(SeedingSpec(DegreeDiscount(probability: p), count: 5), graph)
    // Recompute each step: dd_v = d_v − 2t_v − (d_v − t_v)·t_v·p over the unchosen, the
    // largest taken (ties by id).
    var picked: [Int] = []
    for step in 0..<5 {
      func dd(_ v: Int) -> Double {
        let d = Double(graph.neighbors(of: v).count)
        let t = Double(graph.neighbors(of: v).filter { picked.contains(Int($0)) }.count)
        return d - 2 * t - (d - t) * t * p
      }
      let best = (0..<10).filter { !picked.contains($0) }.max { dd($0) != dd($1) ? dd($0) < dd($1) : $0 > $1 }!
      #expect(chosen.agents[step] == best, "step \(step)")
      #expect(abs(chosen.scores[step]! - dd(best)) < 1e-12, "step \(step)")
      picked.append(best)
    }
  }

  /// Hubs 0 and 1 share their 20 followers; hub 2 has 15 of its own. Top degree takes the
  /// overlapping pair; the greedy choice takes one of them and the separate hub.
  static func overlappingHubs() -> Graph {
    var edges: [(Int, Int)] = []
    for leaf in 3..<23 {
      edges.append((0, leaf))
      edges.append((1, leaf))
    }
    edges.append((1, 23))
    for leaf in 24..<39 { edges.append((2, leaf)) }
    return Self.graph(39, edges)
  }

  @Test("CELF, IMM and OPIM-C agree, and beat top degree and random where the hubs overlap")
  func greedyAgree() throws {
    let graph = Self.overlappingHubs()
    let model = IndependentCascade(probability: 0.5)
    let imm = try Self.seeds(SeedingSpec(IMM(epsilon: 0.2), count: 2), graph, model: model)
    let opim = try Self.seeds(SeedingSpec(OPIMC(), count: 2), graph, model: model)
    let celf = try Self.seeds(SeedingSpec(CELF(runs: 400), count: 2), graph, model: model)
    let degree = try Self.seeds(SeedingSpec(TopDegree(), count: 2), graph, model: model)
    #expect(degree.agents == [1, 0])
    #expect(
      imm.agents.contains(2) && celf.agents.contains(2) && opim.agents.contains(2),
      "imm \(imm.agents), celf \(celf.agents), opim-c \(opim.agents)")
    let spreadIMM = try Self.spread(imm.agents, graph, model: model)
    let spreadCELF = try Self.spread(celf.agents, graph, model: model)
    let spreadOPIM = try Self.spread(opim.agents, graph, model: model)
    #expect(
      agrees(
        spreadIMM.mean, spreadOPIM.mean,
        se: (spreadIMM.variance / Double(spreadIMM.count) + spreadOPIM.variance / Double(spreadOPIM.count)).squareRoot()))
    let spreadDegree = try Self.spread(degree.agents, graph, model: model)
    var random = Sample()
    for r in 0..<200 {
      let drawn = try Self.seeds(SeedingSpec(RandomSeeds(), count: 2), graph, seed: UInt64(r))
      random.add(try Self.spread(drawn.agents, graph, model: model, runs: 50, seed: UInt64(r)).mean)
    }
    #expect(
      agrees(
        spreadIMM.mean, spreadCELF.mean,
        se: (spreadIMM.variance / Double(spreadIMM.count) + spreadCELF.variance / Double(spreadCELF.count)).squareRoot()))
    for greedy in [spreadIMM, spreadCELF] {
      #expect(greedy.mean > spreadDegree.mean + 4 * (greedy.standardError + spreadDegree.standardError))
      #expect(greedy.mean > random.mean + 4 * (greedy.standardError + random.standardError))
    }
  }

  @Test("IMM's and OPIM-C's own spread estimates agree with a Monte Carlo evaluation of their seeds")
  func immEstimate() throws {
    let graph = WattsStrogatz(nodes: 2000, neighbors: 10, rewire: 0.1).generate(using: GSLStream.make(3), threads: 1)
    for (model, k) in [(IndependentCascade(probability: 0.05), 10), (IndependentCascade(probability: 0.1), 5)] {
      let context = SeedingContext(
        graph: graph, population: Population(uniform: graph.nodeCount),
        campaign: model.seedingCampaign(horizon: 24 * 365), stream: RandomStream(seed: 4), threads: 2, limit: k)
      // OPIM-C estimates on its second collection, half of its sets.
      for (name, outcome, estimatedOn) in [
        ("IMM", try IMM(epsilon: 0.1).run(context), 1), ("OPIM-C", try OPIMC(epsilon: 0.1).run(context), 2),
      ] {
        let measured = try Self.spread(outcome.seeds, graph, model: model, runs: 20_000)
        // The estimate's own standard error, from the share of sets covered.
        let share = outcome.spread / Double(graph.nodeCount)
        let sets = Double(outcome.sets / estimatedOn)
        let estimateSE = Double(graph.nodeCount) * (share * (1 - share) / sets).squareRoot()
        #expect(
          agrees(
            outcome.spread, measured.mean,
            se: (estimateSE * estimateSE + measured.standardError * measured.standardError).squareRoot()),
          "\(name) estimates \(outcome.spread) from \(outcome.sets) sets, simulation gives \(measured.mean) ± \(measured.standardError)"
        )
      }
    }
  }

  @Test("IMM's and OPIM-C's working storage, predicted from a pilot sample, is within a factor of two of what they hold")
  func workspacePrediction() throws {
    let small = WattsStrogatz(nodes: 2000, neighbors: 10, rewire: 0.1).generate(using: GSLStream.make(3), threads: 1)
    let large = BarabasiAlbert(nodes: 20_000, edgesPerNode: 3).generate(using: GSLStream.make(4), threads: 1)
    let cases: [(Graph, IndependentCascade, Int, Double)] = [
      (small, IndependentCascade(probability: 0.05), 10, 0.1), (small, IndependentCascade(probability: 0.1), 5, 0.2),
      (small, IndependentCascade(probability: 0.01), 10, 0.1), (large, IndependentCascade(probability: 0.02), 20, 0.2),
      (large, IndependentCascade(probability: 0.2), 10, 0.3),
    ]
    for (graph, model, k, epsilon) in cases {
      let context = SeedingContext(
        graph: graph, population: Population(uniform: graph.nodeCount),
        campaign: model.seedingCampaign(horizon: 24 * 365), stream: RandomStream(seed: 4), threads: 2, limit: k)
      for strategy in [IMM(epsilon: epsilon), OPIMC(epsilon: epsilon)] as [any SeedingStrategy] {
        let held = try #require(try (strategy as? IMM)?.run(context) ?? (strategy as? OPIMC)?.run(context)).workspaceBytes
        let predicted = try #require(try strategy.workspaceEstimate(context.with(stream: RandomStream(seed: 9))))
        #expect(
          Double(predicted) >= Double(held) / 2 && Double(predicted) <= 2 * Double(held),
          "\(type(of: strategy).strategyName) p = \(model.probability), k = \(k), ε = \(epsilon): predicted \(predicted) bytes, held \(held)"
        )
      }
    }
  }

  @Test("OPIM-C stops when its bounds certify the guarantee, with fewer sets than IMM")
  func opimCertifies() throws {
    let graph = WattsStrogatz(nodes: 2000, neighbors: 10, rewire: 0.1).generate(using: GSLStream.make(3), threads: 1)
    let model = IndependentCascade(probability: 0.05)
    let context = SeedingContext(
      graph: graph, population: Population(uniform: graph.nodeCount),
      campaign: model.seedingCampaign(horizon: 24 * 365), stream: RandomStream(seed: 4), threads: 2, limit: 10)
    let epsilon = 0.1
    let opim = try OPIMC(epsilon: epsilon).run(context)
    let imm = try IMM(epsilon: epsilon).run(context)
    let certified = try #require(opim.certified)
    #expect(certified >= 1 - 1 / 2.718281828459045 - epsilon && certified <= 1, "certified \(certified)")
    #expect(opim.sets < imm.sets, "OPIM-C \(opim.sets) sets, IMM \(imm.sets)")
  }

  @Test("IMM, OPIM-C and degree discount give the same seeds on 1 and 2 threads")
  func threads() throws {
    let graph = WattsStrogatz(nodes: 5000, neighbors: 10, rewire: 0.1).generate(using: GSLStream.make(5), threads: 1)
    for strategy in [IMM(), OPIMC(), DegreeDiscount(), PageRankSeeds(), CommunitySeeds()] as [any SeedingStrategy] {
      let one = try Self.seeds(SeedingSpec(strategy, count: 10), graph, threads: 1)
      let two = try Self.seeds(SeedingSpec(strategy, count: 10), graph, threads: 2)
      #expect(one.agents == two.agents && one.scores == two.scores, "\(type(of: strategy).strategyName)")
    }
  }

  @Test("Friendship-paradox seeds have more followers than random ones")
  func friendshipParadox() throws {
    let graph = BarabasiAlbert(nodes: 5000, edgesPerNode: 3).generate(using: GSLStream.make(8), threads: 1)
    var friends = Sample()
    var random = Sample()
    for r in 0..<100 {
      let a = try Self.seeds(SeedingSpec(FriendshipParadox(), count: 20), graph, seed: UInt64(r))
      let b = try Self.seeds(SeedingSpec(RandomSeeds(), count: 20), graph, seed: UInt64(r))
      #expect(Set(a.agents).count == 20)
      friends.add(a.agents.map { Double(graph.followerCount(of: $0)) }.reduce(0, +) / 20)
      random.add(b.agents.map { Double(graph.followerCount(of: $0)) }.reduce(0, +) / 20)
    }
    // A random friend's expected degree is <k²>/<k>, well above <k> = 6 on this graph.
    #expect(friends.mean > random.mean + 6 * (friends.standardError + random.standardError))
  }

  @Test("Budgets buy down the ranking, with a count cap, within tiers")
  func budgets() throws {
    let star = Self.star(12)
    var population = Population(uniform: 13)
    // The hub costs 100, leaves 10 each.
    population.cost = .values([100] + [Double](repeating: 10, count: 12))
    population.tiers = try FollowerTiers([("macro", 10), ("micro", 1)])
    func select(_ spec: SeedingSpec) throws -> SeedSelection {
      try spec.select(
        SeedingContext(
          graph: star, population: population,
          campaign: IndependentCascade(probability: 0.1).seedingCampaign(horizon: 24), stream: RandomStream(seed: 1),
          threads: 1, limit: 0))
    }
    // 125 buys the hub, then two leaves.
    #expect(try select(SeedingSpec(TopFollowers(), budget: 125)).agents == [0, 1, 2])
    #expect(try select(SeedingSpec(TopFollowers(), budget: 125)).cost == 120)
    #expect(try select(SeedingSpec(TopFollowers(), count: 2, budget: 125)).agents == [0, 1])
    // 95 cannot afford the hub: nine leaves.
    #expect(try select(SeedingSpec(TopFollowers(), budget: 95)).agents == Array(1...9))
    #expect(try select(SeedingSpec(TopFollowers(), count: 3, tiers: ["micro"])).agents == [1, 2, 3])
    #expect(try select(SeedingSpec(TopFollowers(), count: 3, tiers: ["macro"])).agents == [0])
    #expect(population.tiers.tier(followers: 12) == "macro" && population.tiers.tier(followers: 0) == "ordinary")
    #expect(throws: ParameterError.self) { try select(SeedingSpec(TopFollowers(), budget: 5)) }
  }

  @Test("Random seeds under a budget buy random affordable agents until nothing more fits, whatever the prices")
  func randomBudget() throws {
    // 400 agents priced 1 to 400: the cheapest is 1, so ⌊budget / cheapest⌋ allows 1,000
    // seeds but the budget buys far fewer; and 20 agents cost more than the budget.
    let n = 400
    let graph = Self.graph(n, (1..<n).map { (0, $0) })
    var population = Population(uniform: n)
    population.cost = .values((0..<n).map { Double($0 + 1) })
    let budget = 380.0
    var counts = [Int](repeating: 0, count: n)
    for seed in 1...300 {
      let context = SeedingContext(
        graph: graph, population: population, campaign: IndependentCascade(probability: 0.1).seedingCampaign(horizon: 24),
        stream: RandomStream(seed: UInt64(seed)), threads: 1, limit: 0)
      let chosen = try SeedingSpec(RandomSeeds(), budget: budget).select(context)
      #expect(!chosen.agents.isEmpty && chosen.cost <= budget)
      #expect(Set(chosen.agents).count == chosen.agents.count)
      // Nothing left unbought fits in what is left.
      let bought = Set(chosen.agents)
      let left = budget - chosen.cost
      #expect(!(0..<n).contains { !bought.contains($0) && population.cost[$0] <= left })
      for agent in chosen.agents { counts[agent] += 1 }
    }
    // Agents dearer than the whole budget are never drawn; every affordable price band is.
    #expect(counts[380...].allSatisfy { $0 == 0 })
    #expect(counts[0..<100].reduce(0, +) > 0 && counts[300..<380].reduce(0, +) > 0)
    // With one price for all, the draws are those of a sample without a budget.
    population.cost = .constant(10)
    let context = SeedingContext(
      graph: graph, population: population, campaign: IndependentCascade(probability: 0.1).seedingCampaign(horizon: 24),
      stream: RandomStream(seed: 7), threads: 1, limit: 0)
    #expect(
      try SeedingSpec(RandomSeeds(), budget: 95).select(context).agents
        == Separation.sample(9, of: n, RandomStream(seed: 7)))
  }

  @Test("A variant whose seeds cannot be chosen is reported at its own section")
  func variantErrorPath() throws {
    let star = Self.star(12)
    var population = Population(uniform: 13)
    population.cost = .constant(10)
    let variants = [
      SeedingVariant(label: "fine", spec: SeedingSpec(RandomSeeds(), count: 2)),
      SeedingVariant(label: "broke", spec: SeedingSpec(RandomSeeds(), budget: 5), section: "compare[1]"),
    ]
    let ensemble = Ensemble(
      graph: star, population: population, variants: variants, replicates: 0..<3, pointSeed: 1, horizon: 24, binWidth: 24)
    let error = #expect(throws: ParameterError.self) {
      try IndependentCascade(probability: 0.1).run(ensemble, threads: 1, progress: nil)
    }
    #expect(error?.path == ["compare[1]", "budget"])
  }

  @Test("A random order's first k elements are a sample of k, and it lists every element once")
  func randomOrder() {
    var order = RandomOrder(count: 50)
    let stream = RandomStream(seed: 3)
    var all: [Int] = []
    while let next = order.next(stream) { all.append(next) }
    #expect(all.sorted() == Array(0..<50))
    #expect(Separation.sample(12, of: 50, RandomStream(seed: 3)) == Array(all.prefix(12)))
  }

  @Test("Staggered waves release seeds at their times, on both clocks")
  func waves() throws {
    // Four agents and no ties: only the releases happen.
    let lonely = Self.graph(4, [])
    for (clock, expected) in [(Clock.continuous, 30.0), (Clock.rounds, 72.0)] {
      let model = IndependentCascade(probability: 0.5, timing: ClockSettings(clock: clock))
      let spec = SeedingSpec(
        ExplicitSeeds(nodes: ["0", "1", "2", "3"]), waves: [TimeSpan(hours: 0), TimeSpan(hours: 30)])
      #expect(spec.releases(count: 4) == [0, 0, 30, 30])
      let ensemble = Ensemble(
        graph: lonely, population: Population(uniform: 4), variants: [SeedingVariant(label: "w", spec: spec)],
        replicates: 0..<1, pointSeed: 1, horizon: 24 * 10, binWidth: 24)
      let record = try model.run(ensemble, threads: 1, progress: nil)[0]
      // The rounds clock releases at the first round boundary after 30 h (48 h), and the
      // released seeds act in the round after, as seeds at 0 h act in the round ending at 24 h.
      #expect(record.metrics.reached == 4 && record.metrics.endTime == expected, "\(clock): \(record.metrics.endTime)")
      #expect(!record.metrics.truncated)
    }
  }
}
