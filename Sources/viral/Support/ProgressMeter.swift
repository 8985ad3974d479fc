// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Work done out of a known total, counted from any thread and shown on one stderr line:
/// what is under way, a bar (on a terminal), done/total, percent, time so far, the rate and
/// time left (once there is a rate to go by). Silent when disabled (`--quiet`).
final class ProgressMeter: @unchecked Sendable {
  private let lock = NSLock()
  private var line = ProgressLine()
  private let total: Int
  private let unit: String
  private let enabled: Bool
  private var done = 0
  private var step = ""
  /// Where the run under way stands (interactive terminals only).
  private var running = ""
  private let clock = Stopwatch()

  init(total: Int, unit: String, enabled: Bool = true) {
    self.total = max(total, 1)
    self.unit = unit
    self.enabled = enabled
  }

  /// Says what is under way (`building graph 2/10`), without counting anything.
  func status(_ text: String) {
    locked {
      step = text
      show(last: false)
    }
  }

  /// Counts `count` more units done.
  func advance(by count: Int = 1) {
    locked {
      done += count
      show(last: false)
    }
  }

  /// Shows where the run under way stands: its simulated time, aware agents and
  /// participants. Only on a terminal: a log gets the counts of finished runs in the files.
  func live(replicate: Int, hours: Double, aware: Int, participants: Int) {
    guard line.interactive else { return }
    locked {
      let time = hours < 72 ? "hour \(Int(hours))" : "day \((hours / 2.4).rounded() / 10)"
      let first = running.isEmpty
      running = "run \(replicate + 1) at \(time): \(aware.formatted()) aware, \(participants.formatted()) participants"
      show(last: false, urgent: first)
    }
  }

  /// Takes the line off a terminal, so that stdout can print a row there.
  func clear() { locked { line.clear() } }

  /// Ends the line with the total time.
  func finish() {
    locked {
      step = ""
      running = ""
      show(last: true)
    }
  }

  private func locked(_ body: () -> Void) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    body()
  }

  private func show(last: Bool, urgent: Bool = false) {
    let elapsed = clock.seconds
    var text = "\(done)/\(total) \(unit) (\(100 * done / total)%), \(elapsed.humanSeconds)"
    if last {
      text = "\(done)/\(total) \(unit) in \(elapsed.humanSeconds)"
    } else if done > 0 && done < total && elapsed >= 1 {
      let rate = Double(done) / elapsed
      let shown = rate >= 10 ? String(Int(rate.rounded())) : String((rate * 10).rounded() / 10)
      text += ", \(shown) \(unit)/s, about \((Double(total - done) / rate).humanSeconds) left"
    }
    if line.interactive && !last {
      let width = 20
      let filled = min(width, width * done / total)
      text = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] " + text
    }
    if !running.isEmpty && !last { text += " | " + running }
    line.show(step.isEmpty ? text : "\(step): \(text)", last: last, urgent: urgent)
  }
}
