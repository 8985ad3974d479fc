// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ViralityIO

/// `viral sweep`: a scenario's sweep, streamed point by point into a resumable folder.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Run a scenario's sweep: every point of its sweep: section, streamed to CSV, resumable.",
    discussion: """
      Varies the fields of the scenario's sweep: section (lists, linear and log grids, zip: \
      groups, or method: latin-hypercube samples; see Scenarios/README.md). Each point runs \
      its replicates as viral run would, and its rows are appended to runs.csv, summary.csv, \
      graph.csv and seeds.csv (and compare.csv, theory.csv, timeseries.csv, generations.csv \
      where the scenario writes them) as it finishes, in point order, so memory does not grow \
      with the number of points. Points run side by side on every core. A sweep stopped by \
      Ctrl-C, a kill or a crash continues where it stopped when the same command runs again, \
      and its files are then byte-identical to a run never stopped. --shard i/n runs every \
      n-th point, starting at the i-th.
      Examples:
        viral sweep Scenarios/nomination-threshold.yaml
        viral sweep Scenarios/six-degrees.yaml --replicates 20 --threads 2
        viral sweep big.yaml --shard 2/8 --out /scratch/big-2
      """)

  @OptionGroup var options: SimulationOptions

  @Option(
    name: .long,
    help: ArgumentHelp("Run only shard i of n: every n-th point, starting at the i-th (1 ≤ i ≤ n).", valueName: "i/n"))
  var shard: String?

  @Flag(name: .long, help: "Discard an unfinished run of this sweep and start again.")
  var restart = false

  func validate() throws {
    if let shard, SweepStudy.Shard(parsing: shard) == nil {
      throw ValidationError("--shard: give i/n with 1 ≤ i ≤ n, such as 2/8; got '\(shard)'.")
    }
  }

  func run() throws {
    let started = Date()
    let (loaded, overrides) = try options.load(expand: false)
    let shard = self.shard.flatMap(SweepStudy.Shard.init(parsing:)) ?? .whole
    let threads = options.common.threadCount
    let study = try SweepStudy(loaded, threads: threads, graphStatistics: options.graphStats, shard: shard)
    let destination = options.common.destination(
      name: loaded.base.name, overrides: overrides,
      suffix: shard == .whole ? "" : "-shard-\(shard.index + 1)-of-\(shard.count)")
    // What the rows depend on: the scenario with its overrides, the statistics, the shard.
    let fingerprint =
      loaded.document.flattened + ["graph_stats = \(options.graphStats.rawValue)", "shard = \(shard)"]
    let output = try SweepOutput(
      destination: destination, files: study.files, fingerprint: fingerprint, restart: restart)
    let points = study.points.underestimatedCount
    Interruption.say(
      "interrupted; the finished points are kept: run the same command again to resume (or add --restart to start over)")
    if output.pointsResumed > 0 && !options.output.quiet && !options.output.json {
      Terminal.note("resuming: \(output.pointsResumed) of \(points) points were done")
    }
    let replicates = loaded.base.replicates
    let progress = ProgressMeter(
      total: (points - output.pointsResumed) * replicates, unit: "runs", enabled: options.output.showsProgress)
    try study.run(after: output.pointsResumed, observer: progress) { rows in
      try output.append(point: rows.point, bodies: rows.bodies)
      progress.status("\(output.pointsDone)/\(points) points")
    }
    progress.finish()
    if shard == .whole,
      let sensitivity = try SensitivityTable.csv(
        folder: output.staging.folder, seed: loaded.base.seed, generator: loaded.base.rng)
    {
      try output.write(SensitivityTable.file, sensitivity)
    }
    var manifest = Manifest(
      command: CommandLine.arguments, scenarioFile: options.scenario, loaded: loaded, started: started, finished: Date(),
      threads: threads, files: output.fileNames)
    if shard != .whole { manifest.shard = shard.description }
    try output.publish(manifest: try manifest.json())
    Interruption.say("interrupted; no results were written")
    let path = output.staging.destination.path
    if options.output.json {
      let summary = SweepSummary(
        results: path, files: output.fileNames, points: points, runs: points * replicates * loaded.base.variants.count,
        resumedPoints: output.pointsResumed, shard: shard.description)
      print(try summary.json())
    } else if options.output.quiet {
      print(path)
    } else {
      let resumed = output.pointsResumed > 0 ? " (\(output.pointsResumed) from an earlier run)" : ""
      print(
        "Swept \(points) point\(points == 1 ? "" : "s")\(shard == .whole ? "" : " (shard \(shard))") × \(replicates) replicates\(resumed)."
      )
      print("Results: \(path)/ (\(output.fileNames.joined(separator: ", ")))")
    }
  }
}

/// What `viral sweep --json` prints.
private struct SweepSummary: Encodable {
  let results: String
  let files: [String]
  let points: Int
  let runs: Int
  let resumedPoints: Int
  let shard: String

  enum CodingKeys: String, CodingKey {
    case results, files, points, runs, resumedPoints = "resumed_points", shard
  }

  func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }
}
