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

  /// The results folder: `--out`, else `ResultFolder`'s (with `suffix`), saying so when
  /// overrides moved it.
  func destination(name: String, overrides: [Override], suffix: String = "") -> String {
    if let out { return out }
    let path = ResultFolder.path(name: name, overrides: overrides) + suffix
    if !overrides.isEmpty {
      Terminal.note("with overrides the results go to \(path)/, not Results/\(name)\(suffix)/ (choose another with --out)")
    }
    return path
  }

  /// A staging folder for `destination(name:overrides:)`.
  func staging(name: String, overrides: [Override]) throws(OutputError) -> ResultStaging {
    try ResultStaging(destination: destination(name: name, overrides: overrides))
  }
}
