// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// What the checks built before the work starts — a graph realization, and a population
/// drawn on it — handed to the study so it does not build them again: checking a budget, a
/// tier or a homophily draws realization 0 exactly as the runs will. One of each is held at
/// a time, and a graph is let go before another is built, so no more graphs are held at
/// once than the memory check planned for.
public final class CheckedWork: @unchecked Sendable {
  private let lock = NSLock()
  private var graph: (key: String, realization: Int, built: BuiltGraph)?
  private var population: (point: Int, realization: Int, population: Population)?

  init() {}

  /// Realization `realization` of the graph `key` names: the one held, or a new one from
  /// `build` (the one held let go first).
  func graph(key: String, realization: Int, build: () throws(ScenarioError) -> BuiltGraph) throws(ScenarioError)
    -> BuiltGraph
  {
    lock.lock()
    if let held = graph, held.key == key, held.realization == realization {
      lock.unlock()
      return held.built
    }
    graph = nil
    lock.unlock()
    let built = try build()
    lock.lock()
    graph = (key, realization, built)
    lock.unlock()
    return built
  }

  /// Lets the graph held go (before it is replaced by a compacted copy that alone should
  /// stay in memory).
  func releaseGraph() {
    lock.lock()
    graph = nil
    lock.unlock()
  }

  /// The population of sweep point `point` (its `ScenarioPoint.index`) on realization
  /// `realization`: the one held, or a new one from `draw`, then held.
  func population(point: Int, realization: Int, draw: () throws(ScenarioError) -> Population) throws(ScenarioError)
    -> Population
  {
    lock.lock()
    if let held = population, held.point == point, held.realization == realization {
      lock.unlock()
      return held.population
    }
    population = nil
    lock.unlock()
    let drawn = try draw()
    lock.lock()
    population = (point, realization, drawn)
    lock.unlock()
    return drawn
  }
}
