// SPDX-License-Identifier: GPL-3.0-or-later
// Viral's command-line tool. Each subcommand lives in its own file.
import ArgumentParser
import Foundation
import ViralityIO

struct Viral: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "viral",
    abstract: "Viral: social graphs, word of mouth and nomination chains — simulated, measured, compared.",
    discussion: """
      Every command reads a scenario file (see Scenarios/README.md), writes tidy CSV and a \
      manifest to a results folder, and prints a short summary. Bad input exits with status 2.
      """,
    version: ViralVersion.current,
    subcommands: [
      RunCommand.self, CompareCommand.self, SweepCommand.self, MergeCommand.self, GraphCommand.self, ValidateCommand.self,
      SplitCommand.self, ReportCommand.self, DemoCommand.self, BenchCommand.self,
    ]
  )
}

/// Runs the tool: one line on stderr and status 2 for bad input, 1 for internal failures.
func runViral() -> Never {
  Interruption.install()
  do {
    var command = try Viral.parseAsRoot()
    try command.run()
    Viral.exit()
  } catch let error as ScenarioError {
    Terminal.error(error.description)
    Viral.exit(withError: ExitCode(2))
  } catch let error as OutputError {
    Terminal.error(error.description)
    Viral.exit(withError: ExitCode(error.refusal ? 2 : 1))
  } catch {
    let code = Viral.exitCode(for: error)
    if code == .validationFailure {
      let message = Viral.message(for: error).split(separator: "\n").first.map(String.init) ?? "bad usage"
      Terminal.error("\(message) (see viral help)")
      Viral.exit(withError: ExitCode(2))
    }
    if code == .success { Viral.exit(withError: error) }
    // Anything else is Viral's own failure, not the input's.
    Terminal.error("internal error: \(Viral.message(for: error).split(separator: "\n").first ?? "")")
    Viral.exit(withError: ExitCode(1))
  }
}

runViral()
