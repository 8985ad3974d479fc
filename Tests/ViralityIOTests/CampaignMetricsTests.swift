// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import Testing
import ViralityCore

@testable import ViralityIO

/// The strategist's vocabulary (impressions, reach, frequency, CPM, cost per engagement,
/// ROI, ROAS, overall and for the target, and the lift over no seeds) on a cascade worked out
/// by hand.
@Suite("What a campaign costs and earns")
struct CampaignMetricsTests {
  /// Account 0 (the seed, $10) is followed by 1, 2 and 3; account 1 by 2 and 4. Everyone who
  /// sees a share shares it (engage 1, see 1) and buys (convert_engaged 1); the target is
  /// agents 2 and 4; a buyer is worth $25.
  ///
  /// By hand: 0's share is seen by 1, 2, 3 and 1's by 2 (again) and 4: 5 impressions, 3 of
  /// them in the target (2, 2 again, 4); reach (aware) is all 5 agents, 2 in the target.
  /// Frequency 5/5 = 1, in the target 3/2. CPM $10 / 5 × 1000 = $2,000, in the target
  /// $10 / 3 × 1000. Everyone shares: 5 engaged, cost per engagement $2 ($5 in the
  /// target). 5 buyers worth $125: ROI (125 − 10) / 10 = 11.5, ROAS 12.5; the target's 2
  /// worth $50: ROI 4, ROAS 5. Without seeds nothing happens: the lift is all of it.
  @Test("A hand-worked funnel cascade: every figure of the vocabulary")
  func handWorked() throws {
    let graph = GraphBuilder.build(
      nodeCount: 5, edges: EdgeList(sources: [1, 2, 3, 2, 4], targets: [0, 0, 0, 1, 1]), directed: true, threads: 1
    ).graph
    var population = Population(uniform: 5)
    population.cost = .values([10, 0, 0, 0, 0])
    population.segments = [Segment(name: "who", labels: ["rest", "target"], codes: [0, 0, 1, 0, 1])]
    try population.setTarget(["who": ["target"]])
    let funnel = Funnel(see: 1, engage: 1, convert: 0, convertEngaged: 1)
    let ensemble = Ensemble(
      graph: graph, population: population,
      variants: [SeedingVariant(label: "seed", spec: SeedingSpec(ExplicitSeeds(nodes: ["0"])), seeds: [0])],
      replicates: 0..<3, pointSeed: 1, horizon: 1e6, binWidth: 1e6, settings: MeasureSettings(timeSeries: false, lift: true))
    let records = try funnel.run(ensemble, threads: 1, progress: nil)
    let context = RunReport.Context(nodes: 5, targetSize: 2, valuation: Valuation(perAdopter: 25))
    for record in records {
      let run = RunReport.Run(
        metrics: record.metrics, extras: record.extras, extraNames: funnel.extraMetricNames, organic: record.organic,
        organicNames: funnel.extraMetricNames)
      func value(_ name: String) -> Double? { RunReport.metrics.first { $0.name == name }!.value(run, context) }
      let expected: [(String, Double)] = [
        ("impressions", 5), ("target_impressions", 3), ("aware", 5), ("target_aware", 2), ("frequency", 1),
        ("target_frequency", 1.5), ("cpm", 2000), ("target_cpm", 10.0 / 3 * 1000), ("engaged", 5), ("target_engaged", 2),
        ("cost_per_engagement", 2), ("cost_per_target_engagement", 5), ("adopted", 5), ("target_adopted", 2),
        ("cost_per_adopter", 2), ("cost_per_target_adopter", 5), ("value", 125), ("roi", 11.5), ("roas", 12.5),
        ("target_value", 50), ("target_roi", 4), ("target_roas", 5), ("organic_adopted", 0), ("incremental_adopted", 5),
        ("incremental_target_adopted", 2), ("incremental_value", 125), ("incremental_roi", 11.5),
      ]
      for (name, want) in expected {
        let got = try #require(value(name), "\(name) is missing")
        #expect(abs(got - want) < 1e-9, "\(name): \(got), expected \(want)")
      }
    }
  }

  /// Advertising alone (media at 20 contacts a day for 10 days, on 1,000 agents with no
  /// ties) buys with convert 0.5; the seed, who follows no one and is followed by no one,
  /// always buys (convert_engaged 1). So the lift of one seed is one purchase on average
  /// (less the rare ad that would have reached the seed anyway: 200 of 1,000 agents).
  @Test("The lift over no seeds is what the seeds add: one buyer for one isolated seed")
  func lift() throws {
    let graph = GraphBuilder.build(nodeCount: 1000, edges: EdgeList(), directed: true, threads: 1).graph
    var population = Population(uniform: 1000)
    population.cost = .constant(1)
    let funnel = Funnel(
      see: 1, engage: 0, convert: 0.5, convertEngaged: 1, media: Funnel.Media(perDay: 20, to: TimeSpan(hours: 240)))
    let ensemble = Ensemble(
      graph: graph, population: population,
      variants: [SeedingVariant(label: "one", spec: SeedingSpec(ExplicitSeeds(nodes: ["999"])), seeds: [999])],
      replicates: 0..<2000, pointSeed: 2, horizon: 24 * 60, binWidth: 24 * 60,
      settings: MeasureSettings(timeSeries: false, lift: true))
    let records = try funnel.run(ensemble, threads: 2, progress: nil)
    func meanAndError(_ values: [Double]) -> (mean: Double, se: Double) {
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
      return (mean, (variance / Double(values.count)).squareRoot())
    }
    let organic = meanAndError(records.map { Double($0.organic!.metrics.adopted) })
    let lift = meanAndError(records.map { Double($0.metrics.adopted - $0.organic!.metrics.adopted) })
    // Without seeds: about 200 contacts (a few agents twice), half of those reached buy.
    #expect(organic.mean > 80 && organic.mean < 100)
    // The seed buys for sure; an ad would have made it buy with probability about
    // P(reached by ads) × 0.5 = (1 − e^(−200/1000)) × 0.5 anyway.
    let expected = 1 - (1 - Double.exp(-0.2)) * 0.5
    #expect(abs(lift.mean - expected) <= 4 * lift.se, "lift \(lift.mean) ± \(lift.se) vs \(expected)")
  }
}
