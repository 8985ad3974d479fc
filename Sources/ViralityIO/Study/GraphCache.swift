// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// The graphs of a sweep whose varied fields leave the graph alone: each realization is
/// built (and measured) once, by whichever worker asks first while the others wait, and
/// kept for every later point.
public final class GraphCache: @unchecked Sendable {
  private let graphs = OnceMap<Int, BuiltGraph>()
  private let statistics = OnceMap<Int, GraphStatistics>()

  public init() {}

  /// Realization `realization`, from `build` the first time.
  func graph(_ realization: Int, build: () throws(ScenarioError) -> BuiltGraph) throws(ScenarioError) -> BuiltGraph {
    try graphs.value(realization, make: build)
  }

  /// The statistics of realization `realization`, from `measure` the first time.
  func statistics(_ realization: Int, measure: () -> GraphStatistics) -> GraphStatistics {
    // `measure` cannot fail, so neither can this.
    (try? statistics.value(realization) { () throws(ScenarioError) in measure() }) ?? measure()
  }
}

/// Values made once per key, safe to ask for from several threads: the first asker makes
/// the value while later askers of the same key wait for it. A failed make leaves the key
/// free for the next asker.
final class OnceMap<Key: Hashable, Value>: @unchecked Sendable {
  private let condition = NSCondition()
  private var values: [Key: Value] = [:]
  private var making: Set<Key> = []

  func value(_ key: Key, make: () throws(ScenarioError) -> Value) throws(ScenarioError) -> Value {
    condition.lock()
    while making.contains(key) { condition.wait() }
    if let value = values[key] {
      condition.unlock()
      return value
    }
    making.insert(key)
    condition.unlock()
    let result = Result(catching: make)
    condition.lock()
    making.remove(key)
    if case .success(let value) = result { values[key] = value }
    condition.broadcast()
    condition.unlock()
    return try result.get()
  }
}
