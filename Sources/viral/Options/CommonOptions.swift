// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ViralityIO

/// Options every scenario command takes.
struct CommonOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Results folder (default: Results/<scenario name>).", valueName: "dir"))
  var out: String?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp("Override a scenario field, e.g. --set graph.rewire=0.01 (repeatable).", valueName: "key=value"))
  var assignments: [String] = []

  // Numbers are read unconditionally, so that `--seed -1` is checked (and explained) here
  // rather than taken for an option.
  @Option(
    name: .long, parsing: .unconditional, help: ArgumentHelp("Master seed (overrides the scenario's seed).", valueName: "n"))
  var seed: String?

  @OptionGroup var workers: ThreadOptions

  func validate() throws {
    if let seed, UInt64(seed) == nil {
      throw ValidationError("--seed: give a whole number from 0 to \(UInt64.max); got '\(seed)'.")
    }
  }

  /// `--set` overrides, then `--seed`.
  func overrides() throws -> [Override] {
    try assignments.map { assignment throws(ScenarioError) in try Override(setting: assignment) }
      + (seed.map { [Override(key: "seed", value: $0, origin: "--seed \($0)")] } ?? [])
  }

  var threadCount: Int { workers.count }

  /// The results folder: `--out`, else `ResultFolder`'s, saying so when overrides moved it.
  func staging(name: String, overrides: [Override]) throws(OutputError) -> ResultStaging {
    if let out { return try ResultStaging(destination: out) }
    let path = ResultFolder.path(name: name, overrides: overrides)
    if !overrides.isEmpty {
      Terminal.note("with overrides the results go to \(path)/, not Results/\(name)/ (choose another with --out)")
    }
    return try ResultStaging(destination: path)
  }
}
