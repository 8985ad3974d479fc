// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import ViralityCore

/// A study of a scenario: everything a command does between reading the scenario and
/// writing results, so that `run`, `compare` and `graph` are options plus a sink.
///
/// - Checks the scenario first (`Preflight`), so bad input fails before any work.
/// - Lists its units of work lazily (`units`): for each distinct `graph:` section (and master
///   seed, generator), each graph realization, each sweep point with that graph, each block
///   of at most `blockSize` replicates. All seeding variants of a unit run together, on the
///   same replicate streams.
/// - Builds each graph once, for every point that shares it, and only graphs some unit uses
///   (`--replicates 1` on a scenario with ten realizations builds one).
/// - Derives every stream from `StreamPlan`.
/// - Fixes the columns of its tables before any unit runs (`extraMetricNames`), so every
///   point writes the same columns whatever its model.
/// - Hands each graph and each finished unit to a `ResultSink`.
public struct Study {
  public enum Work: Sendable, Equatable {
    /// Build (or read) graphs and measure them.
    case graph(GraphMeasurement)
    /// Simulate the campaign, measuring graphs at `graphStatistics`.
    case simulate(graphStatistics: StatisticsLevel)
  }

  /// How `viral graph` measures.
  public struct GraphMeasurement: Sendable, Equatable {
    public var level: StatisticsLevel
    public var separationSources: Int
    public var exactSeparation: Bool?
    public init(level: StatisticsLevel, separationSources: Int = 256, exactSeparation: Bool? = nil) {
      self.level = level
      self.separationSources = separationSources
      self.exactSeparation = exactSeparation
    }
  }

  public let loaded: LoadedScenario
  public let work: Work
  /// The statistics measured on each graph.
  public var graphStatistics: StatisticsLevel {
    switch work {
    case .graph(let measure): measure.level
    case .simulate(let level): level
    }
  }
  public let threads: Int
  public let checked: Preflight.Checked
  /// Point positions (in `loaded.points`) by distinct graph, in order of first appearance.
  let graphGroups: [[Int]]
  /// The most replicates one unit runs.
  public static let blockSize = 10_000

  /// Checks `loaded` for `work` (reading the files it names when `readFiles`, as
  /// `viral validate` does, and reusing the files and shared graphs of `reusing`) and plans
  /// the units.
  public init(
    _ loaded: LoadedScenario, work: Work, threads: Int, readFiles: Bool = false, reusing: Preflight.Checked? = nil,
    checking: Preflight.Progress? = nil
  ) throws(ScenarioError) {
    self.loaded = loaded
    self.work = work
    self.threads = threads
    let preflight: Preflight.Work =
      switch work {
      case .graph(let measure): .graph(statistics: measure.level)
      case .simulate(let level): .run(graphStatistics: level)
      }
    checked = try Preflight.check(
      loaded, work: preflight, threads: threads, readFiles: readFiles, reusing: reusing, progress: checking)
    var keys: [String: Int] = [:]
    var groups: [[Int]] = []
    for (position, point) in loaded.points.enumerated() {
      let key = Self.graphKey(point.scenario)
      if let group = keys[key] {
        groups[group].append(position)
      } else {
        keys[key] = groups.count
        groups.append([position])
      }
    }
    graphGroups = groups
  }

  /// Points with equal keys draw the same graphs.
  static func graphKey(_ scenario: Scenario) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let section = (try? encoder.encode(scenario.graph)).map { String(decoding: $0, as: UTF8.self) } ?? UUID().uuidString
    return "\(scenario.seed) \(scenario.rng.rawValue) \(section)"
  }

  public var simulates: Bool { if case .simulate = work { true } else { false } }

  /// The model's own metrics of every point, in order of first appearance: the columns
  /// every point's rows have (empty where a point's model lacks one).
  public var extraMetricNames: [String] { loaded.extraMetricNames }

  /// The seeding variants of the scenario (the same at every point).
  public var variantLabels: [String] { loaded.base.variants.map(\.label) }

  /// Replicates of `point` run on `realization`: realizations share the replicates evenly.
  public func replicates(of point: ScenarioPoint, realization: Int) -> Range<Int> {
    guard simulates else { return 0..<0 }
    let total = point.scenario.replicates
    let realizations = point.scenario.graph.realizations
    return realization * total / realizations..<(realization + 1) * total / realizations
  }

  /// Whether some unit uses realization `realization` of `group`'s graph.
  func uses(group: Int, realization: Int) -> Bool {
    !simulates || graphGroups[group].contains { !replicates(of: loaded.points[$0], realization: realization).isEmpty }
  }

  /// Steps for progress: the runs of all units, or the graphs for `viral graph`.
  public var totalSteps: Int {
    simulates
      ? loaded.points.reduce(0) { $0 + $1.scenario.replicates } : loaded.points.reduce(0) { $0 + $1.scenario.graph.realizations }
  }

  /// Graphs the study builds.
  public var totalGraphs: Int {
    graphGroups.indices.reduce(0) { total, group in
      let realizations = loaded.points[graphGroups[group][0]].scenario.graph.realizations
      return total + (0..<realizations).filter { uses(group: group, realization: $0) }.count
    }
  }

  /// The units in order, made as they are asked for.
  public var units: Units { Units(study: self) }

  public struct Units: Sequence {
    let study: Study

    public struct Iterator: IteratorProtocol {
      let study: Study
      var group = 0
      var realization = 0
      var member = 0
      var block = 0
      var index = 0

      public mutating func next() -> StudyUnit? {
        while group < study.graphGroups.count {
          let points = study.graphGroups[group]
          let realizations = study.loaded.points[points[0]].scenario.graph.realizations
          guard realization < realizations else {
            (group, realization, member, block) = (group + 1, 0, 0, 0)
            continue
          }
          guard member < points.count else {
            (realization, member, block) = (realization + 1, 0, 0)
            continue
          }
          let point = study.loaded.points[points[member]]
          let range = study.replicates(of: point, realization: realization)
          if !study.simulates {
            member += 1
            index += 1
            return StudyUnit(
              index: index - 1, point: points[member - 1], realization: realization, graph: group, replicates: 0..<0)
          }
          let start = range.lowerBound + block * Study.blockSize
          guard start < range.upperBound else {
            (member, block) = (member + 1, 0)
            continue
          }
          block += 1
          index += 1
          return StudyUnit(
            index: index - 1, point: points[member], realization: realization, graph: group,
            replicates: start..<Swift.min(start + Study.blockSize, range.upperBound))
        }
        return nil
      }
    }

    public func makeIterator() -> Iterator { Iterator(study: study) }
  }
}
