// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Foundation
import Synchronization
import ViralityIO

/// Ctrl-C (SIGINT) and SIGTERM: remove the results staged but not yet published, say so,
/// and exit with the shell's status for the signal (128 + its number). The signals are
/// received on a queue of their own, so a command busy computing still answers at once.
/// A command whose work survives (a sweep's journal) says what to do instead.
enum Interruption {
  nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
  private static let saying = Mutex<String>("interrupted; no results were written")

  /// What an interruption says from now on.
  static func say(_ note: String) { saying.withLock { $0 = note } }

  static func install() {
    let queue = DispatchQueue(label: "viral.signals")
    for signal in [SIGINT, SIGTERM] {
      Foundation.signal(signal, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
      source.setEventHandler {
        ResultStaging.removeUnpublished()
        Terminal.stderr("")
        Terminal.note(saying.withLock { $0 })
        exit(128 + signal)
      }
      source.resume()
      sources.append(source)
    }
  }
}
