// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// What the checks built before the work starts — a graph realization, and a population
/// drawn on it — handed to the study so it does not build them again: checking a budget, a
/// tier or a homophily draws realization 0 exactly as the runs will. One of each is held at
/// a time, and what is held is let go before another is made, so no more graphs are held at
/// once than the memory check planned for.
public final class CheckedWork: Sendable {
  private let graphs = Held<GraphKey, BuiltGraph>()
  private let populations = Held<PopulationKey, Population>()

  struct GraphKey: Equatable {
    let graph: String
    let realization: Int
  }

  struct PopulationKey: Equatable {
    /// The sweep point's `ScenarioPoint.index`.
    let point: Int
    let realization: Int
  }

  init() {}

  /// Realization `realization` of the graph `key` names (`Study.graphKey`): the one held, or
  /// a new one from `build`.
  func graph(key: String, realization: Int, build: () throws(ScenarioError) -> BuiltGraph) throws(ScenarioError)
    -> BuiltGraph
  {
    try graphs.value(GraphKey(graph: key, realization: realization), make: build)
  }

  /// Lets the graph held go (before it is replaced by a compacted copy that alone should
  /// stay in memory).
  func releaseGraph() { graphs.release() }

  /// The population of sweep point `point` (its `ScenarioPoint.index`) on realization
  /// `realization`: the one held, or a new one from `draw`.
  func population(point: Int, realization: Int, draw: () throws(ScenarioError) -> Population) throws(ScenarioError)
    -> Population
  {
    try populations.value(PopulationKey(point: point, realization: realization), make: draw)
  }
}

/// One value held for its key, behind a lock: asked for another key, the held value is let
/// go first, then the new one made and held.
private final class Held<Key: Equatable, Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var held: (key: Key, value: Value)?

  func value(_ key: Key, make: () throws(ScenarioError) -> Value) throws(ScenarioError) -> Value {
    lock.lock()
    if let held, held.key == key {
      lock.unlock()
      return held.value
    }
    held = nil
    lock.unlock()
    let value = try make()
    lock.lock()
    held = (key, value)
    lock.unlock()
    return value
  }

  func release() {
    lock.lock()
    held = nil
    lock.unlock()
  }
}
