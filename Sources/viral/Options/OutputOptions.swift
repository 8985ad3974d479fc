// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

/// What a command prints on stdout: a human summary (default), only the results path, or
/// one JSON object for scripts. Progress goes to stderr unless `--quiet`.
struct OutputOptions: ParsableArguments {
  @Flag(name: .long, help: "Print only the results folder's path (no table, no progress).")
  var quiet = false

  @Flag(name: .long, help: "Print one JSON object with the summary instead of the table.")
  var json = false

  func validate() throws {
    if quiet && json { throw ValidationError("Please give --quiet or --json, not both.") }
  }

  /// Whether progress lines go to stderr.
  var showsProgress: Bool { !quiet }
}
