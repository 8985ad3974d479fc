// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// How much memory this machine can give a run, and the check made before building.
public enum SystemMemory {
  /// Available memory: `MemAvailable` from /proc/meminfo on Linux, else physical memory.
  public static func availableBytes() -> Int {
    if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
      let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    {
      return kilobytes * 1024
    }
    return Int(ProcessInfo.processInfo.physicalMemory)
  }

  /// What the process holds before any graph: code, the Swift and Foundation runtimes, GSL
  /// (33 MB resident after building a graph of a thousand nodes).
  static let processBytes = 32_000_000

  /// What a simulation holds beside its graph: in bytes per agent, the population (drawn
  /// before the graph is compacted) and every worker's run state; in bytes, the records of
  /// its runs, kept until their tables are written.
  public struct RunFootprint: Sendable {
    public var population: Int
    public var workers: Int
    public var records: Int
    /// The runs whose records those are.
    public var count: Int
    public init(population: Int, workers: Int, runs: Int = 0, details: Bool = false) {
      self.population = population
      self.workers = workers
      count = runs
      records = Self.records(runs: Double(runs), details: details)
    }

    /// Measured (peak RSS): 10^5 runs of a small cascade held 1.32 kB each without details
    /// (the record, its runs.csv row, the summary's inputs), 1.47 kB with them.
    static let bytesPerRecord = 1_500
    /// A time series row held for timeseries.csv: its bin in the record and its CSV cells.
    static let bytesPerBin = 320

    /// Bytes the records of `runs` runs hold at least: a run's time series (with
    /// `details`) has one bin or more, as many as its last event's bin, which only the run
    /// tells. So this refuses what cannot fit; a long cascade's series may take more.
    public static func records(runs: Double, details: Bool) -> Int {
      Int(min(runs * Double(bytesPerRecord + (details ? bytesPerBin : 0)), Double(Int.max / 4)))
    }
  }

  /// Bytes at the peak of building `section`'s graph and computing `level` statistics on
  /// `threads` threads, or, for a simulation (`runs`), of the runs after them, if larger:
  /// the graph, plain or compacted (`compact`: the moment of compaction, with the marks
  /// beside the plain rows, then the compact graph), with the population and every worker's
  /// run state for each agent; plus the process itself (`processBytes`).
  public static func estimate(
    _ section: GraphSection, level: StatisticsLevel, threads: Int, runs: RunFootprint? = nil, compact: Bool = false
  ) -> Int {
    let size = section.expectedSize
    let graphPeak = Double(
      GraphStatistics.estimatedPeakBytes(size, level: level, threads: threads, memory: availableBytes() - processBytes))
    var runPeak = 0.0
    if let runs {
      let n = Double(size.nodes)
      let population = Double(runs.population) * n
      // The runs' records grow while they run, after any compaction.
      let perWorker = Double(runs.workers) * n + Double(runs.records)
      runPeak =
        compact && size.directed
        ? max(size.residentBytes + population + Double(size.edges) / 8, size.compactResidentBytes + population + perWorker)
        : size.residentBytes + population + perWorker
    }
    return GraphMemory.bytes(max(graphPeak, runPeak) + Double(processBytes))
  }

  /// Refuses a graph (and its statistics and runs) that would not fit, before anything is
  /// built, and returns the estimate (`estimate`) and whether the runs keep the graph
  /// compacted: always with `storage` compact, never with plain, and with auto when the
  /// plain graph would not fit and the compacted one would. `location` is where the graph
  /// is described (the scenario's `graph:` line); `available`, the memory there is.
  public static func check(
    _ section: GraphSection, level: StatisticsLevel, threads: Int, location: String, runs: RunFootprint? = nil,
    storage: GraphStorage = .plain, available: Int = availableBytes(), replicatesLocation: String? = nil
  ) throws(ScenarioError) -> (bytes: Int, compact: Bool) {
    func estimate(compact: Bool, level: StatisticsLevel = level) -> Int {
      Self.estimate(section, level: level, threads: threads, runs: runs, compact: compact)
    }
    let asked = estimate(compact: storage == .compact)
    if asked <= available { return (asked, storage == .compact) }
    if storage == .auto, runs != nil {
      let compacted = estimate(compact: true)
      if compacted <= available { return (compacted, true) }
    }
    // Say what would fit, if something would: the clustering estimated instead of the exact
    // triangle count, or the graph compacted for the runs.
    var what = "this \(section.modelName) graph"
    var advice: String?
    var (location, key) = (location, "graph")
    if let runs, runs.records > available / 2 {
      (location, key) = (replicatesLocation ?? location, "replicates")
      what = "\(what) with the records of its \(runs.count) runs (\(GraphMemory.describe(bytes: runs.records)) at least)"
      advice =
        "run fewer replicates or variants at once, or leave out the time series (outputs.details: false); viral sweep keeps one point's records at a time"
    } else if level == .full && estimate(compact: storage != .plain, level: .sampled) <= available {
      what += " with exact clustering"
      advice = "estimate the clustering from samples instead (viral graph --stats sampled, or --graph-stats sampled)"
    } else if storage == .plain, runs != nil, estimate(compact: true) <= available {
      what += " kept plain"
      advice = "let the runs keep it compact (graph.storage: auto or compact)"
    }
    let refusal = MemoryRefusal(what: what, estimatedBytes: asked, availableBytes: available, advice: advice)
    throw ScenarioError(location: location, key: key, refusal.description)
  }
}
