// SPDX-License-Identifier: GPL-3.0-or-later

/// How a model's clock runs.
public enum Clock: String, Sendable, CaseIterable, Codable {
  /// Continuous time in hours, on an event queue.
  case continuous
  /// Discrete rounds, as in the classic independent-cascade and threshold literature.
  case rounds
}

/// A spreading model: only its transition rules. The engine (`Engine`) owns the clock, the
/// stop conditions, the cascade tree and the observers; a model reacts to what the engine
/// tells it through a `SimulationRun`, which it uses to schedule events, reach agents and
/// report milestones.
public protocol SpreadingModel: Sendable {
  /// The clock this configuration runs on.
  var clock: Clock { get }
  /// Activates a seed at the start of a run. Default: reach it (a root of the cascade tree)
  /// and report it aware, engaged and adopted.
  func seed(_ node: Int, _ run: SimulationRun)
  /// Called once after the seeds, before time starts (e.g. to schedule advertising).
  func start(_ run: SimulationRun)
  /// `node` has just been reached (entered the cascade tree); continuous clock only.
  func reached(_ node: Int, _ run: SimulationRun)
  /// An event this model scheduled is due; continuous clock only.
  func fire(_ event: Event, _ run: SimulationRun)
  /// Rounds clock: the agents reached in the previous round act, once.
  func step(_ frontier: UnsafeBufferPointer<UInt32>, _ run: SimulationRun)
  /// Whether the process would go on after the run's last event although nothing is left
  /// in the queue (clocks the model never scheduled because they ring past the horizon):
  /// the run is then reported truncated. Default: no.
  func wouldContinue(_ run: SimulationRun) -> Bool
  /// The extra per-agent state the model needs, for memory planning. Every agent
  /// always has a model state byte and a counter.
  var scratch: Scratch { get }
  /// The model, ready for one graph and population (e.g. with rankings it needs computed
  /// once rather than in every run). Called once per ensemble.
  func prepared(audience: RowsView, sources: RowsView, population: Population) -> Self
  /// Names of the model's own per-run metrics, as `runs.csv` columns.
  var extraMetricNames: [String] { get }
  /// Whether the model reports every exposure it makes (`SimulationRun.expose`): models
  /// with a step where a post, share, tell, call or ad is seen, apart from being convinced.
  var countsImpressions: Bool { get }
  /// The model's own measurements of the run that just ended: its metrics in
  /// `extraMetricNames` order (nil where undefined), computed from `run.tally` and whatever
  /// else the model recorded, and the generations of the parts of the cascade it names.
  func extraMetrics(_ run: SimulationRun) -> ModelMetrics
  /// How `node` was reached, for cascade traces: `slot` is its place in the cascade tree
  /// (nil for an agent that only heard), `seed` whether the seeding placed it; nil if the
  /// run cannot tell. Default: seeds, then word of mouth from a parent, media for other roots.
  func route(_ node: Int, slot: Int?, seed: Bool, _ run: SimulationRun) -> Route?
  /// What became of `node` by the end of the run, in the model's words, for cascade traces.
  /// Default: its last milestone (stopped, adopted, engaged) or "heard".
  func outcome(_ node: Int, _ run: SimulationRun) -> String
}

/// Per-agent state a model uses besides the engine's own.
public struct Scratch: OptionSet, Sendable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }
  /// One `Double` per agent (`SimulationRun.value`).
  public static let value = Scratch(rawValue: 1)
  /// A second `Double` per agent (`SimulationRun.second`).
  public static let second = Scratch(rawValue: 2)
  /// A 32-bit counter per agent, drawn afresh for every run (`SimulationRun.drawCounters`).
  public static let counters = Scratch(rawValue: 4)
}

extension SpreadingModel {
  public func seed(_ node: Int, _ run: SimulationRun) {
    if run.reach(node, from: -1) { run.mark(node, .adoption) }
  }
  public func start(_ run: SimulationRun) {}
  public func reached(_ node: Int, _ run: SimulationRun) {}
  public func fire(_ event: Event, _ run: SimulationRun) {}
  public func step(_ frontier: UnsafeBufferPointer<UInt32>, _ run: SimulationRun) {}
  public func wouldContinue(_ run: SimulationRun) -> Bool { false }
  public var scratch: Scratch { [] }
  public func prepared(audience: RowsView, sources: RowsView, population: Population) -> Self { self }
  public var extraMetricNames: [String] { [] }
  public var countsImpressions: Bool { false }
  public func extraMetrics(_ run: SimulationRun) -> ModelMetrics { ModelMetrics() }
  public func route(_ node: Int, slot: Int?, seed: Bool, _ run: SimulationRun) -> Route? {
    if seed { return .seed }
    guard let slot else { return nil }
    return run.treeParent[slot] < 0 ? .media : .wordOfMouth
  }
  public func outcome(_ node: Int, _ run: SimulationRun) -> String {
    for milestone in [Milestone.stopped, .adopted, .engaged] where run.has(node, milestone) { return milestone.name }
    return "heard"
  }
}

/// A model's own measurements of one run (`SpreadingModel.extraMetrics`).
public struct ModelMetrics: Sendable {
  /// Values in `extraMetricNames` order; nil where undefined.
  public var values: [Double?]
  /// Generations of the parts of the cascade tree the model measures apart.
  public var generations: [GenerationTable]

  public init(values: [Double?] = [], generations: [GenerationTable] = []) {
    self.values = values
    self.generations = generations
  }
}
