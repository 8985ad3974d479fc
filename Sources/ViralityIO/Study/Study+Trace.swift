// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// The final size of every run of the points that trace cascades (`outputs.trace`), kept as
/// the units finish so the study can pick the runs to trace once all are known.
struct TraceCandidates {
  struct Run {
    let variant: Int
    let replicate: Int
    let realization: Int
    let size: Int
  }

  /// The graph and run setup the study still holds after its last unit.
  struct Kept {
    let group: Int
    let realization: Int
    let graph: BuiltGraph
    /// The point whose setup it is, and the setup.
    let setup: (point: Int, setup: Study.RunSetup)?
  }

  /// Runs by point position, in the order they finished.
  private(set) var points: [Int: [Run]] = [:]

  mutating func add(_ records: [RunRecord], point: Int, realization: Int) {
    points[point, default: []] += records.map {
      Run(variant: $0.variant, replicate: $0.replicate, realization: realization, size: $0.metrics.reached)
    }
  }
}

extension OutputSettings.TracePick {
  /// Which `count` of `runs` (of one variant) to trace, ordered by replicate: the first
  /// replicates, or those whose size is nearest the median size (ties to the lower
  /// replicate).
  func choose(_ runs: [TraceCandidates.Run], count: Int) -> [TraceCandidates.Run] {
    let byReplicate = runs.sorted { $0.replicate < $1.replicate }
    switch self {
    case .first:
      return Array(byReplicate.prefix(count))
    case .median:
      let sizes = runs.map(\.size).sorted()
      // Twice the median, so distances stay integers.
      let twiceMedian = sizes.isEmpty ? 0 : sizes[(sizes.count - 1) / 2] + sizes[sizes.count / 2]
      let nearest = byReplicate.enumerated().sorted { a, b in
        let (da, db) = (abs(2 * a.element.size - twiceMedian), abs(2 * b.element.size - twiceMedian))
        return da != db ? da < db : a.offset < b.offset
      }
      return nearest.prefix(count).map(\.element).sorted { $0.replicate < $1.replicate }
    }
  }
}

extension Study {
  /// Reruns the runs `outputs.trace` picks from `candidates`, point by point and realization
  /// by realization, logging their milestones, and hands their traces to `sink`. A graph (and
  /// setup) the study still holds is reused; any other is built again, from the same streams.
  func trace<Sink: ResultSink>(
    _ candidates: TraceCandidates, into sink: inout Sink, reusing kept: TraceCandidates.Kept?,
    observer: (any StudyObserver)?
  ) throws(ScenarioError) {
    for position in candidates.points.keys.sorted() {
      let point = loaded.points[position]
      let scenario = point.scenario
      guard let campaign = scenario.campaign?.model else { continue }
      let runs = candidates.points[position]!
      let chosen = scenario.variants.indices.flatMap { v in
        scenario.outputs.tracePick.choose(runs.filter { $0.variant == v }, count: scenario.outputs.trace)
      }
      let group = graphGroups.firstIndex { $0.contains(position) }!
      for realization in Set(chosen.map(\.realization)).sorted() {
        observer?.status("tracing cascades")
        let reused = kept.flatMap { $0.group == group && $0.realization == realization ? $0 : nil }
        let graph: BuiltGraph
        if let reused {
          graph = reused.graph
        } else {
          graph = try checked.graph(for: point, realization: realization, threads: threads)
        }
        let setup: RunSetup
        if let held = reused?.setup, held.point == position {
          setup = held.setup
        } else {
          setup = try self.setup(point, realization: realization, graph: graph.graph, observer)
        }
        let ensemble = ensemble(point, realization: realization, replicates: 0..<0, graph.graph, setup)
        let runs = chosen.filter { $0.realization == realization }.map { (variant: $0.variant, replicate: $0.replicate) }
        let traces: [CascadeTrace]
        do { traces = try campaign.trace(ensemble, runs: runs) } catch { throw loaded.document.describe(error) }
        try sink.traces(
          TraceResult(
            point: point, realization: realization, graph: graph.graph, variants: scenario.variants.map(\.label),
            traces: traces))
      }
    }
  }
}
