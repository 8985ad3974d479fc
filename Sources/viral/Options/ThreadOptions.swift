// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation

/// `--threads`: how many workers run (results never depend on it).
struct ThreadOptions: ParsableArguments {
  // Read unconditionally, so that `--threads -2` is checked (and explained) here rather
  // than taken for an option.
  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Worker threads (default: all cores). Results do not depend on it.", valueName: "n"))
  var threads: Int?

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads: give at least 1 thread; got \(threads).") }
  }

  /// The threads given, or one per core.
  var count: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}
