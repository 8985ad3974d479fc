// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// The `split:` section: how to divide one budget among arms (tiers or strategies), for
/// `viral split`. Every allocation on the grid of `step` shares is a seeding plan (each arm
/// spends its share as a `seeding:` with that budget would), and a race (`Race`) on common
/// random numbers finds the best one.
///
///     split:
///       budget: 10000
///       step: 0.25               # shares of 0, 25, 50, 75 and 100% per arm
///       arms:
///         - {label: celebrity, strategy: top-followers, tier: celebrity}
///         - {label: micro, strategy: random, tier: micro}
///       metric: target_adopted   # a runs.csv column; goal: max or min
public struct BudgetSplit: Sendable, Codable {
  public var budget: Double
  /// The grid's step, as a share of the budget: 1/step steps to hand out.
  public var step: Double
  /// The arms: seeding plans without a budget (the split gives each its share).
  public var arms: [SeedingSpec]
  /// The `runs.csv` metric that decides (nil: the target's adopters with a target, else
  /// adopters).
  public var metric: String?
  public var goal: Goal?
  /// The chance, at least, that the best allocation survives the race.
  public var confidence: Double
  /// Replicates each allocation still in the race runs per round.
  public var block: Int
  /// The most replicates an allocation runs (the race stops there).
  public var maxReplicates: Int

  public enum Goal: String, Sendable, Codable, CaseIterable {
    case max, min
  }

  public static let defaultConfidence = 0.95
  public static let defaultBlock = 20
  public static let defaultMaxReplicates = 400
  /// The most allocations a split may race.

  enum CodingKeys: String, CodingKey, CaseIterable {
    case budget, step, arms, metric, goal, confidence, block
    case maxReplicates = "max_replicates"
  }

  public init(
    budget: Double, step: Double, arms: [SeedingSpec], metric: String? = nil, goal: Goal? = nil,
    confidence: Double = defaultConfidence, block: Int = defaultBlock, maxReplicates: Int = defaultMaxReplicates
  ) {
    self.budget = budget
    self.step = step
    self.arms = arms
    self.metric = metric
    self.goal = goal
    self.confidence = confidence
    self.block = block
    self.maxReplicates = maxReplicates
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      budget: try c.decode(Double.self, forKey: .budget), step: try c.decode(Double.self, forKey: .step),
      arms: try c.decode([SeedingSpec].self, forKey: .arms), metric: try c.decodeIfPresent(String.self, forKey: .metric),
      goal: c.contains(.goal) ? try c.choice(.goal, default: Goal.max) : nil,
      confidence: try c.value(.confidence, default: Self.defaultConfidence),
      block: try c.value(.block, default: Self.defaultBlock),
      maxReplicates: try c.value(.maxReplicates, default: Self.defaultMaxReplicates))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(budget, forKey: .budget)
    try c.encode(step, forKey: .step)
    try c.encode(arms, forKey: .arms)
    try c.encodeIfPresent(metric, forKey: .metric)
    try c.encodeIfPresent(goal, forKey: .goal)
    try c.encode(confidence, forKey: .confidence)
    try c.encode(block, forKey: .block)
    try c.encode(maxReplicates, forKey: .maxReplicates)
  }

  /// The steps the budget is cut into.
  public var units: Int { Int((1 / step).rounded()) }

  /// Every allocation: the steps each arm gets.
  public var allocations: [[Int]] { BudgetGrid.allocations(arms: arms.count, units: units) }

  /// The metric that decides, for a scenario with (or without) a target segment.
  public func metricName(targeted: Bool) -> String { metric ?? (targeted ? "target_adopted" : "adopted") }

  /// Whether more of the metric is better: `goal`, else less for costs and CPM.
  public func maximises(_ metric: String) -> Bool {
    goal.map { $0 == .max } ?? !(metric.hasPrefix("cost_") || metric.hasSuffix("cpm") || metric == "seed_cost")
  }

  /// The arm's plan for `share` of the budget.
  public func arm(_ a: Int, share steps: Int) -> SeedingSpec {
    var spec = arms[a]
    spec.budget = budget * Double(steps) / Double(units)
    return spec
  }

  /// Checks what can be checked without a graph; `metrics` are the metrics runs.csv has for
  /// the scenario's model.
  public func validate(metrics: [String], nodeCount: Int?) throws(ParameterError) {
    do throws(ParameterError) {
      guard budget > 0, budget <= Limits.budget else {
        throw ParameterError(
          "budget",
          "must be a positive amount of at most 10^15; got \(budget.shortDescription)")
      }
      let steps = 1 / step
      guard step > 0, step <= 1, abs(steps - steps.rounded()) < 1e-9 else {
        throw ParameterError(
          "step", "must be 1 divided by a whole number (0.5, 0.25, 0.1, ...), a share of the budget; got \(step.shortDescription)"
        )
      }
      guard arms.count >= 2 else {
        throw ParameterError("arms", "list at least two arms to split the budget between; got \(arms.count)")
      }
      guard BudgetGrid.count(arms: arms.count, units: units, limit: Limits.allocations) != nil else {
        throw ParameterError(
          "step",
          "\(arms.count) arms in steps of \(step.shortDescription) make more than \(Limits.allocations) allocations; take a coarser step"
        )
      }
      var labels = Set<String>()
      for (a, arm) in arms.enumerated() {
        do throws(ParameterError) {
          guard let label = arm.label else {
            throw ParameterError("label", "name every arm (it names the columns of split.csv), e.g. label: micro")
          }
          guard labels.insert(label).inserted else {
            throw ParameterError("label", "'\(label)' names an earlier arm too; give each arm its own label")
          }
          guard arm.budget == nil else {
            throw ParameterError("budget", "the split gives each arm its share of split.budget; remove the arm's own budget")
          }
          guard arm.waves.isEmpty else {
            throw ParameterError("waves", "an arm's seeds all start at once; remove waves")
          }
          var priced = arm
          priced.budget = budget
          try priced.validate(nodeCount: nodeCount)
        } catch { throw error.inside("arms[\(a)]") }
      }
      try Check.range(confidence, 0.5...0.999, "confidence")
      try Check.range(block, 5...100_000, "block")
      try Check.range(maxReplicates, block...Limits.replicates, "max_replicates")
      if let metric, !metrics.contains(metric) {
        throw ParameterError(
          "metric", "'\(metric)' is not a runs.csv metric of this model; use one of: \(metrics.joined(separator: ", "))")
      }
    } catch { throw error.inside("split") }
  }
}
