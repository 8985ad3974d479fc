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
      groups, or method: latin-hypercube, sobol or morris samples; see Scenarios/README.md). \
      Sobol' and Morris sweeps also write design.csv and sensitivity.csv. Each point runs \
      its replicates as viral run would, and its rows are appended to runs.csv, summary.csv, \
      graph.csv and seeds.csv (and compare.csv, theory.csv, timeseries.csv, generations.csv \
      where the scenario writes them) as it finishes, in point order, so memory does not grow \
      with the number of points. Points run side by side on every core. A sweep stopped by \
      Ctrl-C, a kill or a crash continues where it stopped when the same command runs again, \
      and its files are then byte-identical to a run never stopped. --shard i/n runs every \
      n-th point, starting at the i-th.
      Examples:
        viral sweep Scenarios/sweep-small-world.yaml
        viral sweep Scenarios/sensitivity-ice-bucket.yaml --replicates 5 --threads 2
        viral sweep big.yaml --shard 2/8 --out /scratch/big-2
        viral sweep big.yaml --slurm 8 --slurm-time 2:00:00 && Results/big-slurm/submit.sh
      """)

  @OptionGroup var options: SimulationOptions

  @Option(
    name: .long,
    help: ArgumentHelp("Run only shard i of n: every n-th point, starting at the i-th (1 ≤ i ≤ n).", valueName: "i/n"))
  var shard: String?

  @Flag(name: .long, help: "Discard an unfinished run of this sweep and start again.")
  var restart = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Write Slurm scripts that run the sweep as a job array of n shards and merge them (runs nothing).", valueName: "n"))
  var slurm: Int?

  @Option(name: .customLong("slurm-memory"), help: ArgumentHelp("Memory per Slurm task (sbatch --mem).", valueName: "size"))
  var slurmMemory: String?

  @Option(name: .customLong("slurm-time"), help: ArgumentHelp("Time limit per Slurm task (sbatch --time).", valueName: "time"))
  var slurmTime: String?

  @Option(name: .customLong("slurm-partition"), help: ArgumentHelp("Slurm partition (sbatch --partition).", valueName: "name"))
  var slurmPartition: String?

  @Option(name: .customLong("slurm-account"), help: ArgumentHelp("Slurm account (sbatch --account).", valueName: "name"))
  var slurmAccount: String?

  func validate() throws {
    if let shard, SweepStudy.Shard(parsing: shard) == nil {
      throw ValidationError("--shard: give i/n with 1 ≤ i ≤ n, such as 2/8; got '\(shard)'.")
    }
    if let slurm, slurm < 1 { throw ValidationError("--slurm: give the number of shards, at least 1; got \(slurm).") }
    if slurm != nil && shard != nil { throw ValidationError("--slurm writes scripts for every shard; leave out --shard.") }
    for (option, value) in [
      ("--slurm-memory", slurmMemory), ("--slurm-time", slurmTime), ("--slurm-partition", slurmPartition),
      ("--slurm-account", slurmAccount),
    ] {
      if let value, let problem = SlurmScripts.Resources.problem(with: value, option: option) {
        throw ValidationError(problem + ".")
      }
    }
  }

  func run() throws {
    let started = Date()
    let (loaded, overrides) = try options.load(expand: false)
    let shard = self.shard.flatMap(SweepStudy.Shard.init(parsing:)) ?? .whole
    let threads = options.common.threadCount
    let checks = CheckProgress(enabled: options.output.showsProgress)
    let study = try SweepStudy(
      loaded, threads: threads, graphStatistics: options.statistics,
      shard: slurm.map { SweepStudy.Shard(index: 0, count: $0) } ?? shard, checking: checks.report)
    checks.finish()
    if let slurm {
      try writeSlurmScripts(shards: slurm, loaded: loaded, overrides: overrides, threads: threads, started: started)
      return
    }
    let destination = options.common.destination(
      name: loaded.base.name, overrides: overrides,
      suffix: shard == .whole ? "" : "-shard-\(shard.index + 1)-of-\(shard.count)")
    // What the rows depend on: the scenario with its overrides, the statistics, the shard.
    let sweepFingerprint = loaded.document.flattened + ["graph_stats = \(options.statistics.rawValue)"]
    let fingerprint = sweepFingerprint + ["shard = \(shard)"]
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
      threads: threads, files: output.fileNames + (options.report ? [Report.file] : []))
    if shard != .whole {
      manifest.shard = shard.description
      manifest.shardCheck = Manifest.ShardCheck(
        sweepPoints: loaded.pointCount, fingerprint: FileDigest.sha256(lines: sweepFingerprint),
        files: try output.digests())
    }
    try output.publish(manifest: try manifest.json(), report: options.report)
    Interruption.say("interrupted; no results were written")
    let path = output.staging.destination.path
    let base = loaded.base
    let warnings = try RunSummary.Truncation.reading(path + "/summary.csv").warnings(
      horizon: base.horizon, binHours: base.outputs.binHours(horizon: base.horizon.hours))
    if options.output.json {
      let summary = SweepSummary(
        results: path, files: output.fileNames, points: points, runs: points * replicates * loaded.base.variants.count,
        resumedPoints: output.pointsResumed, shard: shard.description, peakRSSBytes: PeakMemory.residentBytes())
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
    for warning in warnings { Terminal.note(warning) }
  }
}

extension SweepCommand {
  /// `--slurm n`: the job-array, merge and submit scripts, in `DEST-slurm/`.
  private func writeSlurmScripts(shards: Int, loaded: LoadedScenario, overrides: [Override], threads: Int, started: Date)
    throws
  {
    let destination = options.common.destination(name: loaded.base.name, overrides: overrides)
    let absolute = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
    let viral =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? absolute(CommandLine.arguments[0])
    var arguments = [absolute(options.scenario)] + options.common.assignments.flatMap { ["--set", $0] }
    if let seed = options.common.seed { arguments += ["--seed", seed] }
    if let replicates = options.replicates { arguments += ["--replicates", String(replicates)] }
    if let trace = options.trace { arguments += ["--trace", String(trace)] }
    if let pick = options.tracePick { arguments += ["--trace-pick", pick.rawValue] }
    // Shards write tables; a report is made from the merged folder (viral report).
    arguments += ["--graph-stats", options.statistics.rawValue]
    let folder = destination + "-slurm"
    let scripts = SlurmScripts(
      viral: viral, arguments: arguments, workingFolder: FileManager.default.currentDirectoryPath,
      destination: absolute(destination), logs: absolute(folder) + "/logs", name: loaded.base.name,
      resources: SlurmScripts.Resources(
        shards: shards, cpus: threads, memory: slurmMemory, time: slurmTime, partition: slurmPartition,
        account: slurmAccount))
    let staging = try ResultStaging(destination: folder)
    for (name, text) in scripts.files { try staging.write(name, text) }
    let manifest = Manifest(
      command: CommandLine.arguments, scenarioFile: options.scenario, loaded: loaded, started: started, finished: Date(),
      threads: threads, files: staging.fileNames + ["manifest.json"])
    try staging.write("manifest.json", try manifest.json())
    try staging.publish()
    chmod(staging.destination.appendingPathComponent("submit.sh").path, 0o755)
    let path = staging.destination.path
    if options.output.json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      print(String(decoding: try encoder.encode(["scripts": path, "results": absolute(destination)]), as: UTF8.self))
    } else if options.output.quiet {
      print(path)
    } else {
      print("Slurm scripts for \(shards) shards of \(loaded.pointCount) points: \(path)/ (sweep.sbatch, merge.sbatch, submit.sh)")
      print("Submit with: \(path)/submit.sh   (the merged results go to \(absolute(destination))/)")
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
  let peakRSSBytes: Int

  enum CodingKeys: String, CodingKey {
    case results, files, points, runs, resumedPoints = "resumed_points", shard, peakRSSBytes = "peak_rss_bytes"
  }

  func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }
}
