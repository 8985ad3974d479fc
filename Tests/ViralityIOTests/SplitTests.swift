// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import Testing
import ViralityCore

@testable import ViralityIO

/// `viral split` against exhaustive search: every allocation of a small grid run for every
/// replicate, with the arms combined as a `seeding:` would combine them.
@Suite("The budget split")
struct SplitTests {
  /// Three arms (a ranked one and two random ones) in steps of a half: six allocations;
  /// `see` sets how far apart they are.
  static func scenario(see: Double, seed: Int) -> String {
    """
    name: split-test
    seed: \(seed)
    graph: {model: follower, nodes: 3000}
    population:
      tiers: {celebrity: 200, macro: 60, micro: 20}
      cost: {by_tier: {celebrity: 400, macro: 100, micro: 20, ordinary: 0}}
    campaign: {model: funnel, see: \(see), engage: 0.1}
    split:
      budget: 800
      step: 0.5
      arms:
        - {label: big, strategy: top-followers, tier: celebrity}
        - {label: mid, strategy: random, tier: macro}
        - {label: small, strategy: random, tier: micro}
      block: 10
      max_replicates: 200
    """
  }

  @Test(
    "The race agrees with exhaustive search: the same outcomes run for run, the best never dropped",
    arguments: [(0.3, 5), (0.05, 6), (0.02, 7)])
  func againstExhaustive(see: Double, seed: Int) throws {
    let loaded = try ScenarioTests.load(Self.scenario(see: see, seed: seed))
    let study = try SplitStudy(loaded, threads: 2)
    let outcome = try study.run()
    let race = outcome.race
    let split = study.split

    // Exhaustive: every allocation, every replicate, each arm choosing as a seeding: with
    // its share would, combined.
    let point = loaded.points[0]
    let scenario = point.scenario
    let graph = try study.checked.graph(for: point, realization: 0, threads: 2).graph
    let population = try study.checked.population(of: point, on: graph, realization: 0, loaded: loaded, threads: 2)
    let variants = outcome.allocations.map { steps in
      SeedingVariant(
        label: study.label(of: steps),
        spec: SeedingSpec(combining: steps.indices.filter { steps[$0] > 0 }.map { split.arm($0, share: steps[$0]) }))
    }
    let model = scenario.campaign!.model
    let ensemble = Ensemble(
      graph: graph, population: population, variants: variants, replicates: 0..<split.maxReplicates,
      pointSeed: scenario.seed, horizon: scenario.horizon.hours, binWidth: 24, generator: scenario.rng)
    var all = [[Double]](repeating: [], count: variants.count)
    for record in try model.run(ensemble, threads: 2, progress: nil, live: nil) {
      all[record.variant].append(Double(record.metrics.adopted))
    }

    // Common random numbers: the race's runs are the exhaustive search's first runs.
    for i in all.indices { #expect(race.outcomes[i] == Array(all[i].prefix(race.outcomes[i].count)), "\(variants[i].label)") }
    let means = all.map { $0.reduce(0, +) / Double($0.count) }
    let best = means.indices.max { means[$0] < means[$1] }!
    // The exhaustive best is never dropped, and every allocation dropped is worse on the
    // whole search.
    #expect(race.eliminatedAfter[best] == nil, "the best, \(variants[best].label), was dropped")
    for i in all.indices where race.eliminatedAfter[i] != nil { #expect(means[i] < means[best]) }
    // The race's pick is the best, or tied with it on all 200 replicates: the paired 99%
    // t interval of their difference holds 0.
    let pick = race.leader()
    if pick != best {
      let d = zip(all[best], all[pick]).map { $0 - $1 }
      let (mean, sd) = Race.moments(d)
      let half = StudentT.quantile(0.995, degreesOfFreedom: Double(d.count - 1)) * sd / Double(d.count).squareRoot()
      #expect(mean - half <= 0, "picked \(variants[pick].label) over \(variants[best].label)")
    }
    // The table: the pick first, its probability of being best, and each arm's budget.
    let table = SplitTable(outcome, labels: variants.map(\.label), seed: 1, generator: .standard)
    let first = table.ranked[0]
    #expect(first.allocation == pick && first.status == "best")
    #expect(first.best.map { $0 > 0 && $0 <= 1 } == true)
    #expect(table.split.rowCount == 6)
    #expect(table.split.columns.contains("big_budget"))
  }

  @Test("The same split twice, on one or two threads: byte-identical tables")
  func reproducible() throws {
    let loaded = try ScenarioTests.load(Self.scenario(see: 0.05, seed: 6))
    var texts: [String] = []
    for threads in [1, 2] {
      let study = try SplitStudy(loaded, threads: threads)
      let table = SplitTable(
        try study.run(), labels: study.split.allocations.map(study.label(of:)), seed: 6, generator: .standard)
      texts.append(table.split.csv + table.race.csv)
    }
    #expect(texts[0] == texts[1])
  }
}
