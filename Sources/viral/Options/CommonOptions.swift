// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation

/// Options every scenario command takes.
struct CommonOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Results folder (default: Results/<scenario name>).", valueName: "dir"))
  var out: String?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp("Override a scenario field, e.g. --set graph.rewire=0.01 (repeatable).", valueName: "key=value"))
  var assignments: [String] = []

  @Option(name: .long, help: "Master seed (overrides the scenario's seed).")
  var seed: UInt64?

  @Option(name: .long, help: "Worker threads (default: all cores). Results do not depend on it.")
  var threads: Int?

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("Please give at least 1 thread; got \(threads).") }
  }

  /// `--seed` as an override, after the `--set` ones.
  var overrides: [String] { assignments + (seed.map { ["seed=\($0)"] } ?? []) }

  var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}
