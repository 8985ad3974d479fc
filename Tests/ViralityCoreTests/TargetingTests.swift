// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import Testing

@testable import ViralityCore

/// Targeting: seeds chosen inside (or mostly inside) a segment, and segments that behave
/// differently (`segment_effects`).
@Suite("Targeting a segment")
struct TargetingTests {
  /// A hub (agent 0) followed by 2,000 agents; agents alternate between the labels of
  /// `gender` (0 women, odd men) and every fourth is young.
  static func setting() throws -> (graph: Graph, spec: PopulationSpec) {
    let graph = AttentionTests.accounts([2000])
    let spec = PopulationSpec(
      segments: [("gender", .shares([("women", 0.5), ("men", 0.5)])), ("age", .shares([("young", 0.25), ("old", 0.75)]))])
    return (graph, spec)
  }

  /// The population of `setting()` with fixed labels instead of drawn ones.
  static func population(_ graph: Graph, _ spec: PopulationSpec) throws -> Population {
    var population = try spec.draw(for: graph, using: RandomStream(seed: 1))
    let n = graph.nodeCount
    population.segments = [
      Segment(name: "gender", labels: ["women", "men"], codes: (0..<n).map { UInt16($0 % 2) }),
      Segment(name: "age", labels: ["young", "old"], codes: (0..<n).map { $0 % 4 == 0 ? 0 : 1 }),
    ]
    return population
  }

  static func select(_ spec: SeedingSpec, _ graph: Graph, _ population: Population, seed: UInt64 = 3) throws -> SeedSelection {
    try spec.select(
      SeedingContext(
        graph: graph, population: population, campaign: Funnel().seedingCampaign(horizon: 24),
        stream: RandomStream(seed: seed), threads: 1, limit: 0))
  }

  @Test("Seeds come from the segment, or a share of them, with counts and budgets split", arguments: [false, true])
  func segmentSeeds(random: Bool) throws {
    let (graph, spec) = try Self.setting()
    var population = try Self.population(graph, spec)
    population.cost = .constant(10)
    let strategy: any SeedingStrategy = random ? RandomSeeds() : TopFollowers()
    let young = ["age": ["young"]]
    let isYoung = { (agent: Int) in agent % 4 == 0 }
    let all = try Self.select(SeedingSpec(strategy, count: 40, segment: young), graph, population)
    #expect(all.agents.count == 40 && all.agents.allSatisfy(isYoung))
    let mostly = try Self.select(SeedingSpec(strategy, count: 40, segment: young, segmentShare: 0.75), graph, population)
    #expect(mostly.agents.count == 40 && Set(mostly.agents).count == 40)
    #expect(mostly.agents.prefix(30).allSatisfy(isYoung) && !mostly.agents.suffix(10).contains(where: isYoung))
    let spent = try Self.select(
      SeedingSpec(strategy, budget: 400, segment: ["gender": ["men"]], segmentShare: 0.5), graph, population)
    #expect(spent.cost == 400 && spent.agents.count == 40)
    #expect(spent.agents.prefix(20).allSatisfy { $0 % 2 == 1 } && spent.agents.suffix(20).allSatisfy { $0 % 2 == 0 })
    // Young and odd cannot both hold (every fourth agent is even): no one to choose.
    let error = #expect(throws: ParameterError.self) {
      try Self.select(
        SeedingSpec(strategy, count: 5, segment: ["age": ["young"], "gender": ["men"]]), graph, population)
    }
    #expect(error?.path == ["segment"])
  }

  @Test("A share without a segment, a share out of range, or one that rounds a part to nothing is refused")
  func invalidShares() {
    for (spec, message) in [
      (SeedingSpec(RandomSeeds(), count: 10, segmentShare: 0.5), "needs a segment"),
      (SeedingSpec(RandomSeeds(), count: 10, segment: ["age": ["young"]], segmentShare: 1.5), "at most 1"),
      (SeedingSpec(RandomSeeds(), count: 1, segment: ["age": ["young"]], segmentShare: 0.9), "leaves no seed outside"),
    ] {
      let error = #expect(throws: ParameterError.self) { try spec.validate() }
      #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }
  }

  @Test("Segment effects multiply each agent's attributes once, and the funnel converts at the product")
  func effects() throws {
    var (graph, spec) = try Self.setting()
    spec.susceptibility = .constant(0.5)
    spec.segmentEffects = [
      "gender": ["men": SegmentEffect(conversion: 2)], "age": ["young": SegmentEffect(susceptibility: 1.5, sharing: 3)],
    ]
    try spec.validate()
    let population = try spec.draw(for: graph, using: RandomStream(seed: 2))
    let gender = population.segments[0]
    let age = population.segments[1]
    for agent in 0..<graph.nodeCount {
      let men = gender.label(of: agent) == "men"
      let young = age.label(of: agent) == "young"
      #expect(population.conversion[agent] == (men ? 2 : 1))
      #expect(population.susceptibility[agent] == (young ? 0.75 : 0.5))
      #expect(population.activity[agent] == (young ? 3 : 1))
    }
    // The hub's post reaches every follower (see 1); none shares (engage 0); each converts
    // with convert × susceptibility × conversion: men twice as often.
    var withTarget = population
    try withTarget.setTarget(["gender": ["men"]])
    let funnel = Funnel(see: 1, engage: 0, convert: 0.1, convertEngaged: 0)
    let ensemble = Ensemble(
      graph: graph, population: withTarget,
      variants: [SeedingVariant(label: "hub", spec: SeedingSpec(ExplicitSeeds(nodes: ["0"])), seeds: [0])],
      replicates: 0..<300, pointSeed: 4, horizon: 24 * 60, binWidth: 24 * 60, settings: MeasureSettings(timeSeries: false))
    let records = try funnel.run(ensemble, threads: 2, progress: nil)
    let followers = 1..<graph.nodeCount
    let expected = followers.reduce(0.0) { sum, agent in
      gender.label(of: agent) == "men" ? sum + 0.1 * population.susceptibility[agent] * 2 : sum
    }
    let variance = followers.reduce(0.0) { sum, agent in
      guard gender.label(of: agent) == "men" else { return sum }
      let p = 0.1 * population.susceptibility[agent] * 2
      return sum + p * (1 - p)
    }
    let sample = Sample(records.map { Double($0.metrics.targetAdopted) })
    #expect(agrees(sample.mean, expected, se: (variance / Double(sample.count)).squareRoot()), "\(sample.mean) vs \(expected)")
  }

  @Test("Effects name segments and labels that exist, with factors in range")
  func invalidEffects() {
    let segments: [(name: String, source: PopulationSpec.SegmentSource)] = [("gender", .shares([("f", 0.5), ("m", 0.5)]))]
    for (effects, path) in [
      (["gender": ["x": SegmentEffect(conversion: 2)]], ["segment_effects", "gender"]),
      (["height": ["tall": SegmentEffect(conversion: 2)]], ["segment_effects", "height"]),
      (["gender": ["m": SegmentEffect(conversion: -1)]], ["segment_effects", "gender", "m", "conversion"]),
    ] {
      let spec = PopulationSpec(segments: segments, segmentEffects: effects)
      let error = #expect(throws: ParameterError.self) { try spec.validate() }
      #expect(error?.path == path)
    }
  }
}
