// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityIO

/// The checks of a sweep's points on one stderr line (`checking sweep points: 37/128, 21 s`),
/// once they have taken a second: drawing each point's graph or agents to check its seeds
/// and budgets can take a minute on a large graph, which should not look like a hang.
/// Silent when disabled.
final class CheckProgress: @unchecked Sendable {
  private let lock = NSLock()
  private var line = ProgressLine()
  private let enabled: Bool
  private let clock = Stopwatch()
  private var shown = false

  init(enabled: Bool) { self.enabled = enabled }

  /// What the checks call before each point.
  var report: Preflight.Progress {
    { [self] done, total in
      guard enabled, clock.seconds >= 1 else { return }
      lock.lock()
      defer { lock.unlock() }
      shown = true
      line.show("checking sweep points: \(done)/\(total), \(clock.seconds.humanSeconds)", last: false)
    }
  }

  /// Takes the line off a terminal once the checks are done.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if shown { line.clear() }
  }
}
