// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The process's peak resident memory.
enum PeakMemory {
  /// The high-water mark of this program's memory (`VmHWM` in /proc/self/status), else
  /// `getrusage`'s. Not `getrusage` first: a process started by `posix_spawn` (as Python's
  /// subprocess and Foundation's Process start it) runs on its parent's memory until it
  /// execs, and Linux keeps that memory's peak in the child's `ru_maxrss`, so a small
  /// program started by a large one reports the large one's peak.
  static func residentBytes() -> Int {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    {
      return kilobytes * 1024
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024
  }
}
