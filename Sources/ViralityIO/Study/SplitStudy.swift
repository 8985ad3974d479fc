// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import ViralityCore

/// `viral split`: how to divide the `split:` section's budget among its arms. Every
/// allocation on the grid is a seeding plan, each arm spending its share as a `seeding:`
/// with that budget would, and a `Race` on common random numbers (replicate r runs on the
/// same streams in every allocation, and the random arms draw from the same seeding
/// stream) keeps running the allocations that cannot yet be told from the best.
///
/// The race runs on realization 0 of the scenario's graph and its population: the answer is
/// for one drawn audience, as `viral compare` on one realization is.
///
/// Arms that rank the same way in every replicate (top-followers, degree discount, IMM) are
/// resolved once per share; random arms draw anew in every replicate. A share too small to
/// buy anyone in its arm leaves that money unspent, as it would be.
public struct SplitStudy {
  public let loaded: LoadedScenario
  public let split: BudgetSplit
  public let threads: Int
  public let checked: Preflight.Checked
  /// The runs.csv metric that decides, and whether more is better.
  public let metric: String
  public let maximises: Bool

  /// Checks `loaded` for a split.
  public init(_ loaded: LoadedScenario, threads: Int) throws(ScenarioError) {
    checked = try Preflight.check(loaded, work: .split, threads: threads)
    self.loaded = loaded
    self.threads = threads
    split = loaded.base.split!
    metric = split.metricName(targeted: !loaded.base.population.target.isEmpty)
    maximises = split.maximises(metric)
  }

  /// What the race found.
  public struct Outcome {
    public let split: BudgetSplit
    public let metric: String
    /// The steps of the budget each allocation gives each arm.
    public let allocations: [[Int]]
    public let race: Race
    /// Per allocation: the mean seed count and seed cost of its runs.
    public let seeds: [Double]
    public let spent: [Double]
    /// Per allocation: arms whose share buys no one.
    public let idle: [[Int]]
    /// What the race did, round by round: replicates so far, allocations left, the leader.
    public let rounds: [(replicates: Int, left: Int, leader: Int, eliminated: Int)]
  }

  /// Runs the race.
  public func run(observer: (any StudyObserver)? = nil) throws(ScenarioError) -> Outcome {
    let point = loaded.points[0]
    let scenario = point.scenario
    observer?.status("graph (\(scenario.graph.displayName)): building")
    let graph = try checked.graph(for: point, realization: 0, threads: threads).graph
    let population = try checked.population(of: point, on: graph, realization: 0, loaded: loaded, threads: threads)
    let model = scenario.campaign!.model
    let campaign = model.seedingCampaign(horizon: scenario.horizon.hours)
    var ensemble = Ensemble(
      graph: graph, population: population, variants: [], replicates: 0..<0, pointSeed: scenario.seed,
      horizon: scenario.horizon.hours, binWidth: scenario.outputs.binHours(horizon: scenario.horizon.hours),
      settings: scenario.outputs.measure, generator: scenario.rng)
    // Only the metric is read: no time series, and the runs without seeds only for a lift.
    ensemble.settings.timeSeries = false
    ensemble.settings.lift = metric.hasPrefix("organic_") || metric.hasPrefix("incremental_")

    observer?.status("choosing the arms' seeds at every share")
    let shares = try armShares(ensemble: ensemble, campaign: campaign)
    let allocations = split.allocations
    var variants: [SeedingVariant] = []
    var idle: [[Int]] = []
    for allocation in allocations {
      var fixed: [Int] = []
      var drawn: [SeedingSpec] = []
      var unspent: [Int] = []
      for (a, steps) in allocation.enumerated() where steps > 0 {
        switch shares[a][steps - 1] {
        case .chosen(let agents): fixed += agents
        case .drawn(let spec): drawn.append(spec)
        case .none: unspent.append(a)
        }
      }
      idle.append(unspent)
      let label = label(of: allocation)
      if drawn.isEmpty {
        let unique = Self.unique(fixed)
        variants.append(SeedingVariant(label: label, spec: .chosen(unique), seeds: unique, section: "split"))
      } else {
        let arms = (fixed.isEmpty ? [] : [SeedingSpec.chosen(Self.unique(fixed))]) + drawn
        variants.append(SeedingVariant(label: label, spec: SeedingSpec(combining: arms), section: "split"))
      }
    }

    let rounds = (split.maxReplicates + split.block - 1) / split.block
    var race = Race(candidates: allocations.count, confidence: split.confidence, maximumRounds: rounds, maximise: maximises)
    let context = RunReport.Context(nodes: graph.nodeCount, targetSize: population.targetSize, valuation: scenario.value)
    let read = RunReport.reader(of: metric, modelExtras: model.extraMetricNames, context: context)
    var seeds = [Double](repeating: 0, count: allocations.count)
    var spent = [Double](repeating: 0, count: allocations.count)
    var log: [(replicates: Int, left: Int, leader: Int, eliminated: Int)] = []
    while !race.finished {
      let alive = race.alive
      let start = race.rounds * split.block
      ensemble.variants = alive.map { variants[$0] }
      ensemble.replicates = start..<min(start + split.block, split.maxReplicates)
      observer?.status(
        "round \(race.rounds + 1) of at most \(rounds): \(alive.count) allocation\(alive.count == 1 ? "" : "s") left")
      let records: [RunRecord]
      do throws(ParameterError) {
        records = try model.run(ensemble, threads: threads, progress: { _ in observer?.finishedStep() }, live: nil)
      } catch { throw loaded.document.describe(error) }
      var block = [[Double]](repeating: [], count: alive.count)
      for record in records {
        let i = alive[record.variant]
        guard let value = read(record) else {
          throw loaded.document.describe(
            ParameterError(
              path: ["split", "metric"],
              message:
                "\(metric) is undefined in replicate \(record.replicate) of \(variants[i].label) (nothing to divide by); race on a metric every run defines, e.g. \(split.metricName(targeted: context.targetSize > 0))"
            ))
        }
        block[record.variant].append(value)
        seeds[i] += Double(record.metrics.seeds)
        spent[i] += record.metrics.seedCost
      }
      let eliminated = race.add(block)
      log.append((race.replicates, race.alive.count, race.leader(), eliminated.count))
    }
    for i in allocations.indices {
      let n = Double(max(race.outcomes[i].count, 1))
      seeds[i] /= n
      spent[i] /= n
    }
    return Outcome(
      split: split, metric: metric, allocations: allocations, race: race, seeds: seeds, spent: spent, idle: idle, rounds: log)
  }

  /// What one arm does with one share of the budget.
  enum Share {
    /// The seeds are the same in every replicate.
    case chosen([Int])
    /// Drawn anew in every replicate by this plan.
    case drawn(SeedingSpec)
    /// The share buys no one in the arm.
    case none
  }

  /// Per arm, per share (1 to `units` steps): what the arm does with it.
  private func armShares(ensemble: Ensemble, campaign: SeedingCampaign) throws(ScenarioError) -> [[Share]] {
    var shares: [[Share]] = []
    for a in split.arms.indices {
      var row: [Share] = []
      for steps in 1...split.units {
        let spec = split.arm(a, share: steps)
        do throws(ParameterError) {
          // A share that cannot buy anyone is refused by the plan; the whole budget was
          // checked to buy someone, so nothing else can fail here.
          guard (try? spec.prepare(graph: ensemble.graph, population: ensemble.population)) != nil else {
            row.append(.none)
            continue
          }
          if spec.kind == .perReplicate {
            row.append(.drawn(spec))
            continue
          }
          var one = ensemble
          one.variants = [SeedingVariant(label: spec.label ?? "", spec: spec)]
          let selection = try one.selection(
            of: 0, campaign: campaign, threads: threads, memoryLimit: SystemMemory.availableBytes())
          row.append(selection.map { .chosen($0.agents) } ?? .none)
        } catch {
          throw loaded.document.describe(error.inside("arms[\(a)]").inside("split"))
        }
      }
      shares.append(row)
    }
    return shares
  }

  /// `celebrity 50% + micro 50%`: the arms with a share.
  public func label(of allocation: [Int]) -> String {
    allocation.enumerated().filter { $0.element > 0 }.map { a, steps in
      "\(split.arms[a].label!) \(Self.percent(Double(steps) / Double(split.units)))"
    }.joined(separator: " + ")
  }

  static func percent(_ share: Double) -> String {
    let tenths = (share * 1000).rounded()
    return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10))%" : "\(tenths / 10)%"
  }

  /// `agents` without repeats, in order.
  static func unique(_ agents: [Int]) -> [Int] {
    var seen = Set<Int>()
    return agents.filter { seen.insert($0).inserted }
  }
}
