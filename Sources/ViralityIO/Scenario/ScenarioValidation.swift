// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// What `viral validate` checks: the scenario loaded (every sweep point made when there are
/// at most `Limits.pointsCheckedOneByOne`, else its probes and first point), then every
/// check of the work its sections ask for (`Preflight`), with the files it names read. The
/// fuzz target (`Fuzz/`) runs the same.
public enum ScenarioValidation {
  public struct Outcome {
    public let loaded: LoadedScenario
    /// The memory estimate of the most demanding point checked.
    public let peakBytes: Int
    /// Whether every sweep point was checked (not only the first and the probes).
    public let everyPoint: Bool
  }

  /// Checks `document`, whose relative file names are relative to `directory`.
  public static func check(
    document: ScenarioDocument, directory: String, overrides: [Override], threads: Int,
    progress: Preflight.Progress? = nil
  ) throws(ScenarioError) -> Outcome {
    var loaded = try ScenarioLoader.load(document: document, directory: directory, overrides: overrides, expand: false)
    let everyPoint = loaded.pointCount <= Limits.pointsCheckedOneByOne
    if everyPoint && loaded.sweep != nil {
      loaded = try ScenarioLoader.load(document: document, directory: directory, overrides: overrides)
    }
    let simulates = loaded.base.campaign != nil || !loaded.base.variants.isEmpty
    // A scenario whose only seeding is a split is checked as viral split checks it.
    let splitOnly = loaded.base.split != nil && loaded.base.variants.isEmpty
    let peakBytes =
      splitOnly
      ? try Preflight.check(loaded, work: .split, threads: threads, readFiles: true).peakBytes
      : try Study(
        everyPoint ? loaded : loaded.single(try loaded.point(0)),
        work: simulates ? .simulate(graphStatistics: .basic) : .graph(Study.GraphMeasurement(level: .full)),
        threads: threads, readFiles: true, checking: progress
      ).checked.peakBytes
    return Outcome(loaded: loaded, peakBytes: peakBytes, everyPoint: everyPoint)
  }
}
