// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// Where a study's results go, as they are made: each graph once it is built and measured
/// (for every sweep point that uses it), then each finished unit of runs. `run`, `compare`
/// and `graph` differ only by their sink.
public protocol ResultSink {
  /// A graph realization of a sweep point, built (or shared with an earlier point whose
  /// `graph:` section is the same) and measured.
  mutating func graph(_ result: GraphResult) throws(ScenarioError)
  /// The runs of one unit of work.
  mutating func unit(_ result: UnitResult) throws(ScenarioError)
  /// The cascade traces of one sweep point on one graph realization (`outputs.trace`),
  /// after every unit.
  mutating func traces(_ result: TraceResult) throws(ScenarioError)
}

extension ResultSink {
  public mutating func unit(_ result: UnitResult) throws(ScenarioError) {}
  public mutating func traces(_ result: TraceResult) throws(ScenarioError) {}
}

/// The cascade traces of the runs of one sweep point on one graph realization that
/// `outputs.trace` picked, ordered by variant, then replicate.
public struct TraceResult {
  public let point: ScenarioPoint
  public let realization: Int
  public let graph: Graph
  public let variants: [String]
  public let traces: [CascadeTrace]
}

/// One graph realization of one sweep point, with the population drawn on it when the
/// work draws one (runs, or segments arranged on the graph).
public struct GraphResult {
  public let point: ScenarioPoint
  public let realization: Int
  public let built: BuiltGraph
  public let statistics: GraphStatistics
  public var population: Population? = nil
}

/// The seeds one variant chose for a graph, before the runs (fixed and per-graph
/// strategies), and what choosing them took.
public struct VariantSelection: Sendable {
  public let selection: SeedSelection
  /// Wall time of the choice, in seconds (the one machine-dependent number in the results).
  public let seconds: Double
}

/// The runs of one unit of work: every variant over a block of replicates of one sweep
/// point on one graph realization.
public struct UnitResult {
  public let unit: StudyUnit
  public let point: ScenarioPoint
  public let graph: Graph
  public let population: Population
  public let variants: [SeedingVariant]
  /// Per variant: the seeds chosen before the runs (nil for per-replicate strategies).
  public let selections: [VariantSelection?]
  /// Ordered by replicate, then variant.
  public let records: [RunRecord]
  /// Whether this is the point's first unit on this graph (the first to carry
  /// `selections`; later blocks repeat them).
  public let firstOnGraph: Bool
}

/// Hears how a study is going (a progress bar).
public protocol StudyObserver: Sendable {
  /// What the study is doing now.
  func status(_ text: String)
  /// Another step finished: a run (called from worker threads), or a graph for `viral
  /// graph` (`Study.totalSteps`).
  func finishedStep()
  /// Where the run under way on the first worker stands (now and then, from that worker).
  func live(_ counts: LiveCounts)
}

extension StudyObserver {
  public func live(_ counts: LiveCounts) {}
}
