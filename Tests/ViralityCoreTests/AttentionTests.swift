// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule
import Testing

@testable import ViralityCore

/// Attention (`population.attention`): the share of an account's audience its posts reach,
/// falling with its followers, in every model a post drives and in what seeding optimises.
@Suite("Attention that thins with reach")
struct AttentionTests {
  /// Accounts 0..<accounts.count, account k followed by accounts[k] agents of their own (who
  /// follow no one else and have no followers).
  static func accounts(_ followers: [Int]) -> Graph {
    var sources: [UInt32] = []
    var targets: [UInt32] = []
    var next = followers.count
    for (account, count) in followers.enumerated() {
      for _ in 0..<count {
        sources.append(UInt32(next))
        targets.append(UInt32(account))
        next += 1
      }
    }
    return GraphBuilder.build(
      nodeCount: next, edges: EdgeList(sources: sources, targets: targets), directed: true, threads: 1
    ).graph
  }

  static func population(_ graph: Graph, _ attention: Attention) -> Population {
    var population = Population(uniform: graph.nodeCount)
    population.attention = attention.factors(for: graph, tiers: .standard)
    return population
  }

  /// The mean count of `metric` over `replicates` runs of `model` from account 0.
  static func mean<M: CampaignModel>(
    _ model: M, _ graph: Graph, _ population: Population, horizon: Double, replicates: Int = 400,
    metric: (RunMetrics) -> Int
  ) throws -> Sample {
    let ensemble = Ensemble(
      graph: graph, population: population,
      variants: [SeedingVariant(label: "hub", spec: SeedingSpec(ExplicitSeeds(nodes: ["0"])), seeds: [0])],
      replicates: 0..<replicates, pointSeed: 5, horizon: horizon, binWidth: horizon,
      settings: MeasureSettings(timeSeries: false))
    return Sample(try model.run(ensemble, threads: 2, progress: nil).map { Double(metric($0.metrics)) })
  }

  @Test("Factors: the power law around a reference, the graph's mean by default, tiers, and none at exponent 0")
  func factors() throws {
    let graph = Self.accounts([2000, 20, 0])
    let power = Attention.powerLaw(exponent: 0.5, reference: 20).factors(for: graph, tiers: .standard)
    #expect(abs(power[0] - 0.1) < 1e-12)
    #expect(abs(power[1] - 1) < 1e-12)
    // No followers counts as one: the factor never applies, but stays finite.
    #expect(abs(power[2] - Double.pow(20, 0.5)) < 1e-12)
    // The default reference is the mean follower count: 2,020 follows over 2,023 agents.
    let mean = Attention.powerLaw(exponent: 1, reference: nil).factors(for: graph, tiers: .standard)
    #expect(abs(mean[1] - 1 / (20 / max(2020.0 / 2023, 1))) < 1e-12)
    let tiers = try FollowerTiers([("celebrity", 1000), ("micro", 10)])
    let table = Attention.byTier(["celebrity": 0.25]).factors(for: graph, tiers: tiers)
    #expect(table[0] == 0.25 && table[1] == 1 && table[5] == 1)
    #expect(Attention.powerLaw(exponent: 0, reference: 7).factors(for: graph, tiers: .standard) == .constant(1))
    #expect(Attention.byTier(["celebrity": 1]).factors(for: graph, tiers: tiers) == .constant(1))
  }

  @Test("Out-of-range settings are refused, naming the key")
  func validation() {
    let tiers = FollowerTiers.standard
    for (attention, path) in [
      (Attention.powerLaw(exponent: -0.1, reference: nil), ["attention", "exponent"]),
      (.powerLaw(exponent: 0.2, reference: 0), ["attention", "reference"]),
      (.byTier(["famous": 0.5]), ["attention", "by_tier", "famous"]),
      (.byTier(["nano": -1]), ["attention", "by_tier", "nano"]),
    ] {
      let error = #expect(throws: ParameterError.self) { try attention.validate(tiers: tiers) }
      #expect(error?.path == path)
    }
  }

  /// A hub of 2,000 followers with factor (2000/20)^(−0.5) = 0.1: what its one post does,
  /// in each model, against the probability the model's own rule gives, within 4 standard
  /// errors of 400 runs.
  @Test("Every model a post drives reaches followers at its rate times the poster's attention")
  func directReach() throws {
    let graph = Self.accounts([2000])
    let population = Self.population(graph, .powerLaw(exponent: 0.5, reference: 20))
    let a = 0.1
    let followers = 2000.0
    func check(_ sample: Sample, chance: Double, _ label: String) {
      let expected = followers * chance
      let se = (followers * chance * (1 - chance) / Double(sample.count)).squareRoot()
      #expect(agrees(sample.mean, expected, se: se), "\(label): \(sample.mean) vs \(expected) ± \(se)")
    }
    // Independent cascade, uniform ties, on both clocks and with weighted ties.
    let ic = IndependentCascade(probability: 0.5)
    check(try Self.mean(ic, graph, population, horizon: 24) { $0.reached - 1 }, chance: 0.5 * a, "IC rounds")
    let continuous = IndependentCascade(probability: 0.5, timing: ClockSettings(clock: .continuous, delay: .constant(1)))
    check(try Self.mean(continuous, graph, population, horizon: 24) { $0.reached - 1 }, chance: 0.5 * a, "IC continuous")
    let weighted = IndependentCascade(probability: 0.5, weighting: .influence)
    check(try Self.mean(weighted, graph, population, horizon: 24) { $0.reached - 1 }, chance: 0.5 * a, "IC influence")
    // The funnel: only the seed shares (engage 0); followers see it with see × attention.
    let funnel = Funnel(see: 0.5, engage: 0, convert: 0, convertEngaged: 0)
    check(try Self.mean(funnel, graph, population, horizon: 24 * 30) { $0.aware - 1 }, chance: 0.5 * a, "funnel")
    // Nomination: the post reaches each follower with the attention (no nominees).
    var nomination = Nomination()
    nomination.nominees = 0
    nomination.donate.awareOnly = 0
    check(try Self.mean(nomination, graph, population, horizon: 24 * 30) { $0.aware - 1 }, chance: a, "nomination")
    // SIR word of mouth, talking for exactly 2 days at 1 tell a day: told with 1 − e^(−2a).
    let wom = WordOfMouth(rate: 1, duration: .constant(48), accept: 0)
    check(
      try Self.mean(wom, graph, population, horizon: 24 * 30) { $0.aware - 1 }, chance: -Double.expMinusOne(-2 * a),
      "word of mouth")
    // Bass imitation over one day at q = 1 a day, each follower following one account.
    let bass = Bass(p: 0, q: 1)
    check(try Self.mean(bass, graph, population, horizon: 24) { $0.adopted - 1 }, chance: -Double.expMinusOne(-a), "Bass")
    // A rumour's spreader calls at rate × attention: 4 calls a day for 5 days, about 2 at
    // a = 0.1, each to an ignorant who does not believe it (accept 0). The chance that two
    // calls hit the same follower (then the spreader stops) is about 1/2000: negligible.
    let rumour = Rumour(rate: 4, accept: 0)
    let calls = try Self.mean(rumour, graph, population, horizon: 120) { $0.aware - 1 }
    #expect(agrees(calls.mean, 4 * 5 * a, se: (4 * 5 * a / Double(calls.count)).squareRoot()), "rumour: \(calls.mean)")
  }

  @Test("Factors of exactly 1 change nothing: exponent 0 is no attention, and ones per agent give identical records")
  func noEffectIsIdentical() throws {
    let graph = Self.accounts([300, 40, 40, 5])
    #expect(Self.population(graph, .powerLaw(exponent: 0, reference: nil)).attention == .constant(1))
    var ones = Population(uniform: graph.nodeCount)
    ones.attention = .values([Double](repeating: 1, count: graph.nodeCount))
    let plain = Population(uniform: graph.nodeCount)
    func same<M: CampaignModel>(_ model: M) throws {
      let a = try Self.mean(model, graph, ones, horizon: 24 * 10, replicates: 50) { $0.aware * 100_000 + $0.reached }
      let b = try Self.mean(model, graph, plain, horizon: 24 * 10, replicates: 50) { $0.aware * 100_000 + $0.reached }
      #expect(a.values == b.values, "\(M.modelName)")
    }
    try same(IndependentCascade(probability: 0.3, weighting: .influence))
    try same(Funnel(see: 0.4, engage: 0.5))
    try same(Nomination())
    try same(WordOfMouth())
    try same(Bass())
    try same(Rumour())
  }

  /// A hub of 1,000 followers and ten accounts of 100: by reach the hub is the best single
  /// seed (0.5 × 1000 against 0.5 × 100), but with exponent 1.5 around 100 followers its
  /// posts reach 0.5 × 1000 × 10^(−1.5) ≈ 16 followers against 50.
  @Test("IMM, OPIM-C and degree discount optimise the process with attention")
  func seedingSeesAttention() throws {
    let graph = Self.accounts([1000] + [Int](repeating: 100, count: 10))
    let campaign = IndependentCascade(probability: 0.5).seedingCampaign(horizon: 24)
    for (attention, wantsHub) in [
      (Attention.powerLaw(exponent: 0, reference: 100), true), (.powerLaw(exponent: 1.5, reference: 100), false),
    ] {
      let population = Self.population(graph, attention)
      for strategy in [IMM(epsilon: 0.2), OPIMC(), DegreeDiscount()] as [any SeedingStrategy] {
        let chosen = try SeedingSpec(strategy, count: 1).select(
          SeedingContext(
            graph: graph, population: population, campaign: campaign, stream: RandomStream(seed: 3), threads: 1, limit: 0))
        #expect(
          (chosen.agents == [0]) == wantsHub,
          "\(type(of: strategy).strategyName) with \(attention) chose \(chosen.agents)")
      }
    }
  }
}
