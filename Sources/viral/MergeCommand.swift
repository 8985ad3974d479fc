// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ViralityIO

/// `viral merge`: a sweep's shard folders into one results folder.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Combine the folders of a sweep's shards (viral sweep --shard i/n) into one results folder.",
    discussion: """
      Checks that the folders are every shard of one sweep, once each, then merges every \
      table point by point, so runs.csv, summary.csv and the rest are byte-identical to the \
      sweep run on one machine, and computes sensitivity.csv for a Sobol' or Morris sweep. \
      The merged folder is Results/<name> for shards in Results/<name>-shard-i-of-n, or --out.
      Examples:
        viral merge Results/big-shard-*-of-8
        viral merge /scratch/a /scratch/b /scratch/c --out Results/big
      """)

  @Argument(help: ArgumentHelp("The shard folders.", valueName: "dir"))
  var folders: [String] = []

  @Option(name: .long, help: ArgumentHelp("Merged results folder.", valueName: "dir"))
  var out: String?

  @OptionGroup(title: "Output")
  var output: OutputOptions

  func run() throws {
    let outcome = try ShardMerge.merge(folders, into: out, command: CommandLine.arguments)
    if output.json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      let summary = ["results": outcome.destination, "shards": String(outcome.shards), "points": String(outcome.points)]
      print(String(decoding: try encoder.encode(summary), as: UTF8.self))
    } else if output.quiet {
      print(outcome.destination)
    } else {
      print("Merged \(outcome.shards) shards, \(outcome.points) points.")
      print("Results: \(outcome.destination)/ (\(outcome.files.joined(separator: ", ")))")
    }
  }
}
