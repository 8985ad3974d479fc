// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule
import Testing

@testable import ViralityCore

/// The engine and its models against theory, with tolerances from standard errors.
@Suite("Spreading models against theory")
struct SpreadTheoryTests {
  static func ensemble(
    _ graph: Graph, seeds: SeedingSpec = SeedingSpec(RandomSeeds(), count: 1), replicates: Int, seed: UInt64 = 7,
    horizon: Double = 24 * 365, binWidth: Double = 24
  ) -> Ensemble {
    Ensemble(
      graph: graph, population: Population(uniform: graph.nodeCount), variants: [SeedingVariant(label: "default", spec: seeds)],
      replicates: 0..<replicates, pointSeed: seed, horizon: horizon, binWidth: binWidth)
  }

  /// The giant-component fraction of bond percolation with transmissibility T on a Poisson
  /// (Erdős–Rényi) graph of mean degree c: the root of S = 1 − e^(−cTS) (Newman, Phys. Rev.
  /// E 66:016128, 2002), found by iteration.
  static func percolation(meanDegree c: Double, transmissibility t: Double) -> Double {
    var s = 0.5
    for _ in 0..<1000 { s = 1 - Double.exp(-c * t * s) }
    return s
  }

  /// From one random seed, a run takes off with probability S and then reaches a fraction S.
  /// The theory is for the ensemble of graphs: a single graph's own mean degree (4 ± 0.02
  /// at this size) moves S by about 0.003, far more than the run-to-run error, so runs are
  /// spread over 40 graphs and the error of the size is taken across graph means.
  static func checkPercolation<M: CampaignModel>(_ model: M, transmissibility: Double, label: String) throws {
    let n = 20_000
    let c = 4.0
    let s = percolation(meanDegree: c, transmissibility: transmissibility)
    var runs = 0
    var tookOff = 0
    var sizes = Sample()
    for g in 0..<40 {
      let graph = ErdosRenyi(nodes: n, meanDegree: c).generate(
        using: RandomStream(seed: StreamSeed.derive(master: 41, purpose: .graph, index: UInt64(g))), threads: 2)
      let records = try model.run(ensemble(graph, replicates: 15, seed: UInt64(g)), threads: 2, progress: nil)
      let large = records.filter { $0.metrics.reached > n / 10 }
      runs += records.count
      tookOff += large.count
      if !large.isEmpty { sizes.add(large.reduce(0.0) { $0 + Double($1.metrics.reached) } / Double(large.count * n)) }
    }
    let takeOff = Double(tookOff) / Double(runs)
    #expect(agrees(takeOff, s, se: (s * (1 - s) / Double(runs)).squareRoot()), "\(label): take-off \(takeOff) vs \(s)")
    #expect(agrees(sizes.mean, s, se: sizes.standardError), "\(label): size \(sizes.mean) ± \(sizes.standardError) vs \(s)")
  }

  @Test("Independent cascade on G(n, c/n) is bond percolation: S = 1 − exp(−cTS), both clocks")
  func independentCascade() throws {
    try Self.checkPercolation(IndependentCascade(probability: 0.5), transmissibility: 0.5, label: "rounds")
    let continuous = IndependentCascade(
      probability: 0.5, timing: ClockSettings(clock: .continuous, delay: .exponential(mean: 10)))
    try Self.checkPercolation(continuous, transmissibility: 0.5, label: "continuous")
  }

  @Test("SIR word of mouth with a fixed talking time is percolation with T = 1 − exp(−βD)")
  func wordOfMouth() throws {
    let model = WordOfMouth(rate: 0.3, duration: .constant(48))  // β = 0.3/day, D = 2 days
    try Self.checkPercolation(model, transmissibility: 1 - Double.exp(-0.3 * 2), label: "SIR")
  }

  /// SIS on a complete graph of N agents is well mixed: with a tell rate β per tie and
  /// episodes ending at rate γ, prevalence settles at I* = 1 − γ / (β(N − 1)) (Kermack &
  /// McKendrick's endemic state; Pastor-Satorras et al., Rev. Mod. Phys. 87:925, 2015,
  /// §IV.A); at N = 1000 the quasi-stationary mean lies about 1/N below it, a fifth of the
  /// standard error here. Every run also counts what first times alone cannot: engagements
  /// begun minus ended equals the time series' last `active`, and agents come back.
  @Test("SIS word of mouth on a complete graph settles at the endemic prevalence 1 − γ/(β(N − 1))")
  func endemicPrevalence() throws {
    let n = 1000
    let complete = ErdosRenyi(nodes: n, probability: 1).generate(using: RandomStream(seed: 5), threads: 2)
    let gamma = 1.0 / 3  // episodes last 3 days on average
    let beta = 2 * gamma / Double(n - 1)  // β(N − 1) = 2γ: I* = 1/2
    let model = WordOfMouth(rate: beta, duration: .exponential(mean: 72), recovery: .susceptible)
    let seeds = SeedingSpec(RandomSeeds(), count: 50)
    let records = try model.run(
      Self.ensemble(complete, seeds: seeds, replicates: 40, horizon: 24 * 30), threads: 2, progress: nil)
    let talking = model.extraMetricNames.firstIndex(of: "talking_at_end")!
    let prevalence = Sample(records.map { ($0.extras[talking] ?? .nan) / Double(n) })
    let expected = 1 - gamma / (beta * Double(n - 1))
    #expect(
      agrees(prevalence.mean, expected, se: prevalence.standardError),
      "prevalence \(prevalence.mean) ± \(prevalence.standardError) vs \(expected)")
    let episodes = model.extraMetricNames.firstIndex(of: "episodes")!
    for record in records {
      let series = record.timeSeries
      var active = 0
      for bin in 0..<series.binCount {
        active += series.new(.engaged, bin: bin) + series.again(.engaged, bin: bin)
        active -= series.new(.stopped, bin: bin) + series.again(.stopped, bin: bin)
      }
      #expect(Double(active) == record.extras[talking])
      // Everyone talks, most of them more than once.
      #expect(record.extras[episodes]! > 2 * Double(record.metrics.engaged))
    }
  }

  @Test("Rounds and continuous clocks give the same final sizes on a clustered graph")
  func clocksAgree() throws {
    let graph = WattsStrogatz(nodes: 10_000, neighbors: 10, rewire: 0.1).generate(using: RandomStream(seed: 3), threads: 2)
    let seeds = SeedingSpec(RandomSeeds(), count: 5)
    let rounds = try IndependentCascade(probability: 0.12).run(
      Self.ensemble(graph, seeds: seeds, replicates: 400), threads: 2, progress: nil)
    let continuous = try IndependentCascade(probability: 0.12, timing: ClockSettings(clock: .continuous))
      .run(Self.ensemble(graph, seeds: seeds, replicates: 400, seed: 8), threads: 2, progress: nil)
    let a = Sample(rounds.map { Double($0.metrics.reached) })
    let b = Sample(continuous.map { Double($0.metrics.reached) })
    let se = (a.standardError * a.standardError + b.standardError * b.standardError).squareRoot()
    #expect(agrees(a.mean, b.mean, se: se), "rounds \(a.mean) vs continuous \(b.mean) ± \(se)")
  }

  /// θ = e^(−2(1−θ)): the share who never hear a rumour in a large well-mixed population.
  static let neverHear: Double = {
    var theta = 0.2
    for _ in 0..<200 { theta = Double.exp(-2 * (1 - theta)) }
    return theta
  }()

  @Test("Rumours in a well-mixed population: about 20.3% never hear", arguments: [Rumour.Variant.makiThompson, .daleyKendall])
  func rumour(variant: Rumour.Variant) throws {
    let n = 3000
    let complete = ErdosRenyi(nodes: n, probability: 1).generate(using: RandomStream(seed: 1), threads: 2)
    let records = try Rumour(variant: variant).run(Self.ensemble(complete, replicates: 300), threads: 2, progress: nil)
    let never = Sample(records.map { 1 - Double($0.metrics.aware) / Double(n) })
    #expect(abs(Self.neverHear - 0.2032) < 1e-4)
    #expect(agrees(never.mean, Self.neverHear, se: never.standardError), "\(variant): \(never.mean) ± \(never.standardError)")
  }

  /// F(t) = (1 − e^(−(p+q)t)) / (1 + (q/p)e^(−(p+q)t)) (Bass 1969).
  static func bass(_ t: Double, p: Double, q: Double) -> Double {
    let e = Double.exp(-(p + q) * t)
    return (1 - e) / (1 + (q / p) * e)
  }

  @Test("Bass on a complete graph follows the closed-form Bass curve")
  func bassCurve() throws {
    let n = 500
    let complete = ErdosRenyi(nodes: n, probability: 1).generate(using: RandomStream(seed: 2), threads: 2)
    let (p, q) = (0.02, 0.4)
    let records = try Bass(p: p, q: q).run(
      Self.ensemble(complete, seeds: SeedingSpec(RandomSeeds(), count: 0), replicates: 300, horizon: 24 * 20), threads: 2,
      progress: nil)
    for day in [2, 5, 8, 12] {
      let shares = Sample(
        records.map { record in
          let series = record.timeSeries
          let adopted = (0..<min(day, series.binCount)).reduce(0) { $0 + series.new(.adopted, bin: $1) }
          return Double(adopted) / Double(n)
        })
      let theory = Self.bass(Double(day), p: p, q: q)
      #expect(
        agrees(shares.mean, theory, se: shares.standardError), "day \(day): \(shares.mean) ± \(shares.standardError) vs \(theory)"
      )
    }
  }

  @Test("Threshold models on rings: exact, deterministic outcomes")
  func thresholds() throws {
    let cycle = WattsStrogatz(nodes: 100, neighbors: 2, rewire: 0).generate(using: RandomStream(seed: 1), threads: 1)
    let ring4 = WattsStrogatz(nodes: 100, neighbors: 4, rewire: 0).generate(using: RandomStream(seed: 1), threads: 1)
    let one = SeedingSpec(ExplicitSeeds(nodes: ["0"]))
    let two = SeedingSpec(ExplicitSeeds(nodes: ["0", "1"]))
    func reached<M: CampaignModel>(_ model: M, _ graph: Graph, _ seeds: SeedingSpec) throws -> Int {
      try model.run(Self.ensemble(graph, seeds: seeds, replicates: 1), threads: 1, progress: nil)[0].metrics.reached
    }
    // Each node of a cycle listens to 2: one adopted neighbour gives weight 1/2.
    #expect(try reached(LinearThreshold(thresholds: .constant(0.5)), cycle, one) == 100)
    #expect(try reached(LinearThreshold(thresholds: .constant(0.6)), cycle, one) == 1)
    // Two exposures needed: one seed stalls; two neighbours spread round a clustered ring.
    #expect(try reached(ComplexContagion(exposures: 2), ring4, one) == 1)
    #expect(try reached(ComplexContagion(exposures: 2), ring4, two) == 100)
    #expect(try reached(ComplexContagion(fraction: 0.5), ring4, two) == 100)
    #expect(try reached(ComplexContagion(exposures: 2), cycle, two) == 2)
    // Agents already in (seeds, adopters) keep being exposed by later adopters, on either
    // clock; they are counted once: everyone aware and adopted exactly once.
    for timing in [ClockSettings(), ClockSettings(clock: .continuous, delay: .exponential(mean: 5))] {
      for (model, graph) in [
        (LinearThreshold(thresholds: .constant(0.5), timing: timing) as any CampaignModel, cycle),
        (ComplexContagion(exposures: 2, timing: timing), ring4),
      ] {
        let metrics = try model.run(Self.ensemble(graph, seeds: two, replicates: 1), threads: 1, progress: nil)[0].metrics
        #expect(metrics.reached == 100 && metrics.aware == 100 && metrics.adopted == 100)
      }
    }
  }

  @Test("Linear threshold with uniform thresholds on a cycle: k agents further on one side with probability 2^−(k+1)")
  func uniformThresholdsOnCycle() throws {
    // Each agent listens to its 2 neighbours (weight 1/2 each) and adopts with one adopted
    // neighbour when θ ≤ 1/2: each side of the seed adds Geometric(1/2) agents (mean 1,
    // variance 2; a side reaching the far end, odds 2^−49, is left out). Reached: 1 + L + R,
    // mean 3, variance 4; only the seed with probability 1/4.
    let cycle = WattsStrogatz(nodes: 100, neighbors: 2, rewire: 0).generate(using: RandomStream(seed: 1), threads: 1)
    let runs = 4000
    let records = try LinearThreshold().run(
      Self.ensemble(cycle, seeds: SeedingSpec(ExplicitSeeds(nodes: ["0"])), replicates: runs), threads: 2,
      progress: nil)
    let reached = Sample(records.map { Double($0.metrics.reached) })
    #expect(agrees(reached.mean, 3, se: 2 / Double(runs).squareRoot()), "mean reached \(reached.mean)")
    let alone = Double(records.count { $0.metrics.reached == 1 }) / Double(runs)
    #expect(agrees(alone, 0.25, se: (0.25 * 0.75 / Double(runs)).squareRoot()), "seed alone in \(alone) of runs")
  }

  @Test("Threshold models draw thresholds per run and agent: both clocks give the same final set")
  func thresholdsPerRunAndAgent() throws {
    // The final set of a threshold model depends on the thresholds only, not on the order of
    // exposures: with thresholds drawn from the run's seed per agent, the rounds and the
    // continuous clock end with the same agents in every run. Rounds of large cascades draw
    // most counters at once, the continuous clock block by block: the same numbers.
    let graph = WattsStrogatz(nodes: 3000, neighbors: 10, rewire: 0.1).generate(using: RandomStream(seed: 5), threads: 2)
    let seeds = SeedingSpec(RandomSeeds(), count: 5)
    let thresholds = Distribution.uniform(min: 0.1, max: 0.3)
    let runs = 40
    let rounds = try LinearThreshold(thresholds: thresholds).run(
      Self.ensemble(graph, seeds: seeds, replicates: runs), threads: 2, progress: nil)
    let continuous = try LinearThreshold(thresholds: thresholds, timing: ClockSettings(clock: .continuous)).run(
      Self.ensemble(graph, seeds: seeds, replicates: runs), threads: 2, progress: nil)
    #expect(rounds.contains { $0.metrics.reached >= 3000 / 2 } && rounds.contains { $0.metrics.reached < 3000 / 10 })
    for (a, b) in zip(rounds, continuous) {
      #expect(a.metrics.reached == b.metrics.reached && a.metrics.aware == b.metrics.aware, "replicate \(a.replicate)")
    }
  }

  @Test("Threshold models' milestones per agent: aware once exposed, adopted once reached")
  func thresholdMilestonesPerAgent() {
    // Threshold 0.6 on a 100-cycle from agents 0 and 2: agent 1, exposed by both, adopts;
    // 3 and 99, exposed once (weight 1/2), are aware only; the rest are untouched.
    let cycle = WattsStrogatz(nodes: 100, neighbors: 2, rewire: 0).generate(using: RandomStream(seed: 1), threads: 1)
    let model = LinearThreshold(thresholds: .constant(0.6))
    for clock in [ClockSettings(), ClockSettings(clock: .continuous, delay: .constant(24))] {
      cycle.in.withView { audience in
        cycle.out.withView { sources in
          let run = SimulationRun(
            graph: cycle, audience: audience, sources: sources, population: Population(uniform: 100), horizon: 30 * 24,
            binWidth: 24, scratch: model.scratch, kind: .standard)
          for seed in [1, 2] as [UInt64] {  // the second run reuses the first one's state
            run.begin(seed: seed)
            let model = LinearThreshold(thresholds: .constant(0.6), timing: clock)
            run.run(model, seeds: [0, 2], roundLength: 24)
            let adopted = Set([0, 1, 2])
            for agent in 0..<100 {
              let aware = adopted.contains(agent) || agent == 3 || agent == 99
              #expect(run.has(agent, .aware) == aware, "agent \(agent) aware, \(clock.clock)")
              #expect(run.has(agent, .adopted) == adopted.contains(agent) && run.has(agent, .engaged) == adopted.contains(agent))
              #expect(!run.has(agent, .stopped))
            }
          }
        }
      }
    }
  }

  @Test("Run metrics of a known cascade: two waves round a cycle from one seed")
  func knownCascade() throws {
    // Threshold 1/2 on a 100-cycle: round r reaches agents r and 100 − r (r = 1…49), round
    // 50 reaches agent 50, tipped by 49 (earlier in the frontier than 51). Rounds are 24 h,
    // bins 240 h (ten rounds).
    let cycle = WattsStrogatz(nodes: 100, neighbors: 2, rewire: 0).generate(using: RandomStream(seed: 1), threads: 1)
    let seed = SeedingSpec(ExplicitSeeds(nodes: ["0"]))
    let record = try LinearThreshold(thresholds: .constant(0.5)).run(
      Self.ensemble(cycle, seeds: seed, replicates: 1, binWidth: 240), threads: 1, progress: nil)[0]
    let m = record.metrics
    #expect(m.reached == 100 && m.aware == 100 && m.adopted == 100)
    #expect(m.depth == 50 && m.maxBreadth == 2 && m.seedOffspring == 2)
    // The seed reaches 2, agents of generations 1–48 one each, agent 49 one, 51 and 50 none.
    #expect(m.leaders == 0 && m.carriers == 98 && m.passive == 2)
    // Top 20% of the 98 spreaders: the seed (2) and 19 others (1 each), of 99 reached onward.
    #expect(m.top20Share == 21.0 / 99)
    #expect(m.timeTo50 == 25 * 24 && m.timeTo90 == 45 * 24)
    // Bins of ten rounds: 19 (the seed at 0 h, rounds 1–9), 20, 20, 20, 20, then 1. The peak
    // is the earliest of the four bins of 20; the run's last event is round 51, which
    // reaches nobody, so the series ends with its bin (the sixth).
    #expect(m.peakBinStart == 240 && m.peakBinReached == 20)
    #expect(m.endTime == 51 * 24 && m.events == 51)
    let series = record.timeSeries
    #expect(series.binCount == 6)
    #expect((0..<6).map { series.reached(bin: $0) } == [19, 20, 20, 20, 20, 1])
    #expect((0..<6).map { series.onward(bin: $0) } == [20, 20, 20, 20, 19, 0])
    #expect((0..<6).map { series.new(.adopted, bin: $0) } == [19, 20, 20, 20, 20, 1])
    #expect(record.cascade.agents == [1] + Array(repeating: 2, count: 49) + [1])
    #expect(record.cascade.children == [2] + Array(repeating: 2, count: 48) + [1, 0])
    #expect((0...50).map { record.cascade.offspringMean($0)! } == [2] + Array(repeating: 1, count: 48) + [0.5, 0])
    // Ended on its own long before the horizon, and grew far beyond generation 2.
    #expect(!m.truncated && m.growthAtHorizon == nil && !m.diedEarly)
  }

  @Test("A run the horizon cuts off says so, with how fast it was still growing; one that stops by generation 2 died early")
  func truncatedAndDiedEarly() throws {
    let cycle = WattsStrogatz(nodes: 100, neighbors: 2, rewire: 0).generate(using: RandomStream(seed: 1), threads: 1)
    let seed = SeedingSpec(ExplicitSeeds(nodes: ["0"]))
    // Ten rounds in a horizon of 10 days: agents 1–10 and 90–99 reached, round 11 cut off.
    // The last day before the horizon, (216 h, 240 h], holds the two agents of round 10, of
    // 21 reached; the time series has the horizon's 10 daily bins (the last is closed, so
    // rounds 9 and 10 both fall in it).
    let cut = try LinearThreshold(thresholds: .constant(0.5)).run(
      Self.ensemble(cycle, seeds: seed, replicates: 1, horizon: 240, binWidth: 24), threads: 1, progress: nil)[0]
    #expect(cut.metrics.reached == 21 && cut.metrics.truncated && !cut.metrics.diedEarly)
    #expect(cut.metrics.growthAtHorizon == 2.0 / 21 && cut.metrics.endTime == 240)
    #expect(cut.timeSeries.binCount == 10 && cut.timeSeries.reached(bin: 9) == 4)
    // Threshold 1 on the cycle: nobody has two adopted neighbours, so the seed stays alone;
    // the run's one round (day 1) is its last event.
    let alone = try LinearThreshold(thresholds: .constant(1)).run(
      Self.ensemble(cycle, seeds: seed, replicates: 1), threads: 1, progress: nil)[0]
    #expect(alone.metrics.reached == 1 && alone.metrics.diedEarly && !alone.metrics.truncated)
    #expect(alone.metrics.endTime == 24 && alone.metrics.depth == 0 && alone.metrics.peakBinStart == 0)
    // Depth 2 still died early, depth 3 did not: a path of 4 from its end, threshold 1/2 …
    let path = GraphBuilder.build(
      nodeCount: 4, edges: EdgeList(sources: [0, 1, 2], targets: [1, 2, 3]), directed: false, threads: 1
    ).graph
    let end = SeedingSpec(ExplicitSeeds(nodes: ["0"]))
    let deep = try LinearThreshold(thresholds: .constant(0.5)).run(
      Self.ensemble(path, seeds: end, replicates: 1), threads: 1, progress: nil)[0]
    #expect(deep.metrics.depth == 3 && !deep.metrics.diedEarly)
    // … and from its second node: generations 0, 1 and 2 only.
    let shallow = try LinearThreshold(thresholds: .constant(0.5)).run(
      Self.ensemble(path, seeds: SeedingSpec(ExplicitSeeds(nodes: ["1"])), replicates: 1), threads: 1, progress: nil)[0]
    #expect(shallow.metrics.depth == 2 && shallow.metrics.diedEarly)
  }

  @Test("Structural virality: a star's is 2(n−1)/n, a path's (n+1)/3, a lone seed has none")
  func structuralVirality() {
    for n in [2, 5, 50] {
      let star: [Int32] = [-1] + Array(repeating: 0, count: n - 1)
      #expect(abs(CascadeTree.structuralVirality(parents: star)! - 2 * Double(n - 1) / Double(n)) < 1e-12)
      let path: [Int32] = [-1] + (0..<Int32(n - 1)).map { $0 }
      #expect(abs(CascadeTree.structuralVirality(parents: path)! - Double(n + 1) / 3) < 1e-12)
    }
    #expect(CascadeTree.structuralVirality(parents: [-1, -1]) == nil)
    // A forest: a 3-path (virality 4/3) and a 5-star (8/5), weighted by size.
    let forest: [Int32] = [-1, 0, 1, -1, 3, 3, 3, 3]
    #expect(abs(CascadeTree.structuralVirality(parents: forest)! - (3 * 4.0 / 3 + 5 * 8.0 / 5) / 8) < 1e-12)
  }
}
