// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Foundation
import ViralityIO

/// Ctrl-C (SIGINT) and SIGTERM: remove the results staged but not yet published, say so,
/// and exit with the shell's status for the signal (128 + its number). The signals are
/// received on a queue of their own, so a command busy computing still answers at once.
enum Interruption {
  nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

  static func install() {
    let queue = DispatchQueue(label: "viral.signals")
    for signal in [SIGINT, SIGTERM] {
      Foundation.signal(signal, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
      source.setEventHandler {
        ResultStaging.removeUnpublished()
        Terminal.stderr("")
        Terminal.note("interrupted; no results were written")
        exit(128 + signal)
      }
      source.resume()
      sources.append(source)
    }
  }
}
