// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule
import Testing

@testable import ViralityCore

/// The nomination model against the branching process it should follow on a tree-like
/// graph, and its response rules against their configured distributions. Tolerances are
/// four standard errors.
@Suite("Nomination chains")
struct NominationTests {
  /// A random 10-regular graph: no clustering, so early chains are trees.
  static let treeLike = ConfigurationModel(degreeSequence: [Int](repeating: 10, count: 20_000))
    .generate(using: RandomStream(seed: 11), threads: 2)
  /// Watts–Strogatz with the same degree and clustering about 0.5.
  static let clustered = WattsStrogatz(nodes: 20_000, neighbors: 10, rewire: 0.1)
    .generate(using: RandomStream(seed: 12), threads: 2)

  /// A chain with nothing but nominations: soft deadline, no fatigue, no joining alone.
  static func chain(accept: Double) -> Nomination {
    var model = Nomination()
    model.accept = accept
    model.selfJoin.perExposure = 0
    model.donate.awareOnly = 0
    return model
  }

  static func run(_ model: Nomination, on graph: Graph, replicates: Int, seed: UInt64 = 5) throws -> [RunRecord] {
    try model.run(
      SpreadTheoryTests.ensemble(graph, replicates: replicates, seed: seed, horizon: 24 * 365, binWidth: 24), threads: 2,
      progress: nil)
  }

  static func extra(_ record: RunRecord, _ name: String) -> Double? {
    record.extras[Nomination.extraNames.firstIndex(of: name)!]
  }

  @Test("Below R = 1 the mean chain size is 1/(1 − k·p)", arguments: [0.2, 0.3])
  func subcriticalSize(accept: Double) throws {
    let process = BranchingProcess(trials: 3, probability: accept)
    let records = try Self.run(Self.chain(accept: accept), on: Self.treeLike, replicates: 3000)
    let sizes = Sample(records.map { Double($0.metrics.engaged) })
    let expected = process.expectedTotal(seeds: 1)!
    #expect(
      agrees(sizes.mean, expected, se: sizes.standardError),
      "p = \(accept): \(sizes.mean) ± \(sizes.standardError) vs \(expected)")
  }

  @Test("Above R = 1 chains die out with the probability s = (1 − p + p·s)^k", arguments: [0.45, 0.6])
  func supercriticalExtinction(accept: Double) throws {
    let q = BranchingProcess(trials: 3, probability: accept).extinction
    let records = try Self.run(Self.chain(accept: accept), on: Self.treeLike, replicates: 600)
    // Chains that die out stay tiny; the others take a large part of the graph.
    let died = Double(records.filter { $0.metrics.engaged < 500 }.count) / Double(records.count)
    let se = (q * (1 - q) / Double(records.count)).squareRoot()
    #expect(agrees(died, q, se: se), "p = \(accept): died out in \(died) of runs vs \(q) ± \(se)")
  }

  @Test("The root of s = (1 − p + p·s)^k is right where it is known in closed form")
  func extinctionRoot() {
    // k = 2: s = (1 − p + p·s)² has the root ((1 − p)/p)² for p > 1/2.
    for p in [0.6, 0.75, 0.9] {
      let expected = ((1 - p) / p) * ((1 - p) / p)
      #expect(abs(BranchingProcess(trials: 2, probability: p).extinction - expected) < 1e-12)
    }
    #expect(BranchingProcess(trials: 3, probability: 1.0 / 3).extinction == 1)
  }

  @Test("Clustering slows the chain: generation 5 is (k·p)^5 on a tree-like graph and clearly smaller on Watts–Strogatz")
  func clusteringSlowsGrowth() throws {
    let model = Self.chain(accept: 0.45)
    // The mean size of generation 5 over all runs (0 where the chain died before it).
    func fifthGeneration(_ graph: Graph) throws -> Sample {
      let records = try Self.run(model, on: graph, replicates: 1500)
      return Sample(records.map { $0.cascade.agents.count > 5 ? Double($0.cascade.agents[5]) : 0 })
    }
    let tree = try fifthGeneration(Self.treeLike)
    let clustered = try fifthGeneration(Self.clustered)
    let expected = Double.pow(1.35, 5)
    let se = (tree.standardError * tree.standardError + clustered.standardError * clustered.standardError).squareRoot()
    #expect(agrees(tree.mean, expected, se: tree.standardError), "tree-like \(tree.mean) ± \(tree.standardError) vs \(expected)")
    #expect(tree.mean - clustered.mean > 4 * se, "clustered \(clustered.mean) vs tree-like \(tree.mean) ± \(se)")
  }

  /// Pooled over runs: the answered nominations, their mean delay, the late share and the
  /// outcome shares, from the per-run metrics weighted by their counts.
  struct Pooled {
    var answered = 0.0
    var delaySum = 0.0
    var late = 0.0
    var outcomes = 0.0
    var accepted = 0.0
    var both = 0.0
    var donateOnly = 0.0

    init(_ records: [RunRecord]) {
      for r in records {
        let n = NominationTests.extra(r, "nominations_answered")!
        guard n > 0 else { continue }
        answered += n
        delaySum += n * NominationTests.extra(r, "serial_interval_mean_h")!
        late += n * NominationTests.extra(r, "answered_late_share")!
        let m = n - NominationTests.extra(r, "nominated_already_in")!
        guard m > 0 else { continue }
        outcomes += m
        both += m * NominationTests.extra(r, "both_share")!
        accepted += m * (NominationTests.extra(r, "both_share")! + NominationTests.extra(r, "douse_only_share")!)
        donateOnly += m * NominationTests.extra(r, "donate_only_share")!
      }
    }
  }

  static func proportion(_ count: Double, of n: Double, is p: Double) -> Bool {
    agrees(count / n, p, se: (p * (1 - p) / n).squareRoot())
  }

  @Test("Response delays, the soft deadline and the outcome mix come out as configured")
  func softDeadline() throws {
    var model = Self.chain(accept: 0.3)
    model.donate.afterAccept = 0.6
    model.donate.afterDecline = 0.4
    let pooled = Pooled(try Self.run(model, on: Self.treeLike, replicates: 2000))
    // Lognormal with median 24 h and mean 50.4 h: sd = mean·√(e^σ² − 1), σ² = 2·ln 2.1.
    let sd = 50.4 * (Double.exp(2 * Double.log(2.1)) - 1).squareRoot()
    #expect(
      agrees(pooled.delaySum / pooled.answered, 50.4, se: sd / pooled.answered.squareRoot()),
      "mean delay \(pooled.delaySum / pooled.answered) h over \(pooled.answered)")
    // Half the answers come after the 24-hour deadline (it is the median).
    #expect(Self.proportion(pooled.late, of: pooled.answered, is: 0.5), "late \(pooled.late / pooled.answered)")
    // Soft: late answers count, so acceptance is the base probability.
    #expect(Self.proportion(pooled.accepted, of: pooled.outcomes, is: 0.3), "accepted \(pooled.accepted / pooled.outcomes)")
    #expect(Self.proportion(pooled.both, of: pooled.outcomes, is: 0.3 * 0.6), "both \(pooled.both / pooled.outcomes)")
    #expect(
      Self.proportion(pooled.donateOnly, of: pooled.outcomes, is: 0.7 * 0.4), "donate only \(pooled.donateOnly / pooled.outcomes)"
    )
  }

  @Test("A hard deadline turns late answers into refusals")
  func hardDeadline() throws {
    var model = Self.chain(accept: 0.6)
    model.deadlineRule = .hard
    let pooled = Pooled(try Self.run(model, on: Self.treeLike, replicates: 2000, seed: 6))
    // Only the half answering within a day can accept.
    #expect(Self.proportion(pooled.accepted, of: pooled.outcomes, is: 0.6 * 0.5), "accepted \(pooled.accepted / pooled.outcomes)")
    #expect(abs(model.branchingProcess(population: PopulationSpec())!.probability - 0.3) < 1e-9)
  }
}

/// The nomination metrics on small cascades worked out by hand: every answer takes exactly a
/// day, and acceptance and joining alone are certain or impossible.
@Suite("Nomination metrics of known cascades")
struct NominationCascadeTests {
  /// A model with certain outcomes: answers after exactly 24 h, nobody gives.
  static func certain(accept: Double, nominees: Int = 3, selfJoin: Double = 0) -> Nomination {
    var model = Nomination()
    model.nominees = nominees
    model.accept = accept
    model.responseDelay = .constant(24)
    model.selfJoin.perExposure = selfJoin
    model.selfJoin.saturateAt = 1
    model.donate = Nomination.Donation()
    model.donate.afterAccept = 0
    model.donate.afterDecline = 0
    model.donate.awareOnly = 0
    return model
  }

  static func friendships(_ pairs: [(Int, Int)], nodes: Int) -> Graph {
    GraphBuilder.build(
      nodeCount: nodes, edges: EdgeList(sources: pairs.map { UInt32($0.0) }, targets: pairs.map { UInt32($0.1) }),
      directed: false, threads: 1
    ).graph
  }

  /// Node 0 with friends 1, 2, 3, each with three friends of its own (4–12), who have no
  /// one else to nominate; and apart from them node 20 with friends 21, 22, 23.
  static let trees = friendships(
    [
      (0, 1), (0, 2), (0, 3), (1, 4), (1, 5), (1, 6), (2, 7), (2, 8), (2, 9), (3, 10), (3, 11), (3, 12), (20, 21), (20, 22),
      (20, 23),
    ],
    nodes: 24)

  static func run(_ model: Nomination, on graph: Graph, seed: String = "0") throws -> RunRecord {
    try model.run(
      SpreadTheoryTests.ensemble(graph, seeds: SeedingSpec(ExplicitSeeds(nodes: [seed])), replicates: 1), threads: 1,
      progress: nil)[0]
  }

  static func value(_ record: RunRecord, _ name: String) -> Double? { NominationTests.extra(record, name) }

  static func chains(_ record: RunRecord, _ tree: String) -> GenerationCounts {
    record.generations.first { $0.tree == tree }!.counts
  }

  @Test("Everyone accepts: R is 3, 3, then 0 by generation; the chain stops at generation 2, so it died early")
  func everyoneAccepts() throws {
    let record = try Self.run(Self.certain(accept: 1), on: Self.trees)
    #expect(Self.value(record, "participants") == 13 && Self.value(record, "nominators") == 4)
    #expect(Self.value(record, "nomination_r") == 3 && Self.value(record, "nomination_r_first_week") == 3)
    let seed = Self.chains(record, "seed_chains")
    #expect(seed.agents == [1, 3, 9] && seed.children == [3, 9, 0])
    #expect(Self.value(record, "seed_chain_participants") == 13 && Self.value(record, "seed_chain_depth") == 2)
    #expect(Self.chains(record, "self_join_chains").agents.isEmpty && Self.value(record, "self_join_chains") == 0)
    // Answers at 24 h and 48 h; the last event is the last answer.
    #expect(record.metrics.endTime == 48 && record.metrics.diedEarly && !record.metrics.truncated)
  }

  @Test("Everyone declines: the run ends with the last refusal, at 24 h, not at 0")
  func everyoneDeclines() throws {
    let record = try Self.run(Self.certain(accept: 0), on: Self.trees)
    #expect(Self.value(record, "participants") == 1 && Self.value(record, "nominations_answered") == 3)
    #expect(Self.value(record, "neither_share") == 1)
    #expect(record.metrics.endTime == 24 && record.metrics.reached == 1 && record.metrics.diedEarly)
    #expect(Self.chains(record, "seed_chains").agents == [1] && Self.value(record, "seed_chain_depth") == 0)
  }

  @Test("Agents who join alone start chains of their own, counted apart from the seed's")
  func joiningAlone() throws {
    // Nobody nominates; every friend's post makes a not-yet participant join a day later:
    // 1 joins from 0's post, 2 from 1's, 3 from 2's (a path 0–1–2–3).
    let path = Self.friendships([(0, 1), (1, 2), (2, 3)], nodes: 4)
    let record = try Self.run(Self.certain(accept: 1, nominees: 0, selfJoin: 1), on: path)
    #expect(record.cascade.agents == [1, 1, 1, 1])
    #expect(Self.chains(record, "seed_chains").agents == [1] && Self.chains(record, "self_join_chains").agents == [3])
    #expect(Self.value(record, "self_join_chains") == 3 && Self.value(record, "self_join_chain_participants") == 3)
    #expect(Self.value(record, "seed_chain_participants") == 1 && Self.value(record, "joined_alone_share") == 0.75)
    #expect(Self.value(record, "nomination_depth") == 0 && Self.value(record, "nominators") == 0)
    // The whole cascade tree is 3 deep: it did not die early.
    #expect(record.metrics.depth == 3 && !record.metrics.diedEarly && record.metrics.endTime == 72)
  }

  @Test("A wave's starters root wave chains")
  func waveChains() throws {
    // At 100 h the most-followed agent not yet in starts: 1, 2 and 3 (4 friends each) are
    // in, 0 is in, so it is 20 (3 friends, the next by id among the 3-friend agents).
    var model = Self.certain(accept: 1)
    model.celebrities = Nomination.Celebrities()
    model.celebrities!.top = 1
    model.waves = [Nomination.Wave(at: TimeSpan(hours: 100), count: 1, who: .celebrities)]
    let record = try Self.run(model, on: Self.trees)
    let wave = Self.chains(record, "wave_chains")
    #expect(wave.agents == [1, 3] && wave.children == [3, 0])
    #expect(Self.value(record, "wave_chain_participants") == 4 && Self.value(record, "seed_chain_participants") == 13)
    #expect(record.metrics.endTime == 124)
  }
}
