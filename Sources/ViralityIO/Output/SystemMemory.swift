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

  /// Refuses a graph (and its statistics) that would not fit, before anything is built.
  /// `location` is where the graph is described (the scenario's `graph:` line);
  /// `bytesPerAgentPerWorker` is what a simulation adds (each worker's run state).
  public static func check(
    _ section: GraphSection, level: StatisticsLevel, threads: Int, location: String, bytesPerAgentPerWorker: Int = 0
  ) throws(ScenarioError) {
    let size = section.expectedSize
    let needed = GraphMemory.bytes(
      Double(GraphStatistics.estimatedPeakBytes(size, level: level, threads: threads)) + Double(bytesPerAgentPerWorker)
        * Double(size.nodes) * Double(threads))
    let available = availableBytes()
    if needed > available {
      let refusal = MemoryRefusal(what: "this \(section.modelName) graph", estimatedBytes: needed, availableBytes: available)
      throw ScenarioError(location: location, key: "graph", refusal.description)
    }
  }

}
