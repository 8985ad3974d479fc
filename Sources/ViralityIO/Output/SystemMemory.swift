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

  /// Bytes at the peak of building `section`'s graph and computing `level` statistics on
  /// `threads` threads, or, for a simulation, of the runs after them, if larger: the graph
  /// with `runBytesPerAgent` (the population and every worker's run state) for each agent;
  /// plus the process itself (`processBytes`).
  public static func estimate(
    _ section: GraphSection, level: StatisticsLevel, threads: Int, runBytesPerAgent: Int = 0
  ) -> Int {
    let size = section.expectedSize
    let graphPeak = Double(
      GraphStatistics.estimatedPeakBytes(size, level: level, threads: threads, memory: availableBytes() - processBytes))
    let runs = runBytesPerAgent > 0 ? size.residentBytes + Double(runBytesPerAgent) * Double(size.nodes) : 0
    return GraphMemory.bytes(max(graphPeak, runs) + Double(processBytes))
  }

  /// Refuses a graph (and its statistics) that would not fit, before anything is built, and
  /// returns the estimate (`estimate`). `location` is where the graph is described (the
  /// scenario's `graph:` line).
  @discardableResult
  public static func check(
    _ section: GraphSection, level: StatisticsLevel, threads: Int, location: String, runBytesPerAgent: Int = 0
  ) throws(ScenarioError) -> Int {
    let needed = estimate(section, level: level, threads: threads, runBytesPerAgent: runBytesPerAgent)
    let available = availableBytes()
    if needed > available {
      let refusal = MemoryRefusal(what: "this \(section.modelName) graph", estimatedBytes: needed, availableBytes: available)
      throw ScenarioError(location: location, key: "graph", refusal.description)
    }
    return needed
  }

}
