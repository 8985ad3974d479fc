// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// `viral sweep`: the same files on any number of threads, rows streamed in point order,
/// resumable after any kill, and memory that does not grow with the number of points.
@Suite("viral sweep")
struct SweepCommandTests {
  typealias CLI = CommandLineTests

  /// 2 × 3 × (zip of 2) = 12 points of 30 replicates on a shared graph.
  static let grid = """
    name: grid
    seed: 11
    replicates: 30
    horizon: 4d
    graph: {model: watts-strogatz, nodes: 400, neighbors: 6, rewire: 0.1}
    campaign: {model: independent-cascade, probability: 0.1}
    seeding: {strategy: random, count: 2}
    outputs: {details: false}
    sweep:
      campaign.probability: [0.08, 0.16]
      seeding.count: [1, 2, 4]
      zip: {graph.neighbors: [4, 6], graph.nodes: [300, 400]}
    """

  /// A nomination sweep long enough (about a second) to be killed in the middle.
  static let long = """
    name: long
    seed: 5
    replicates: 100
    horizon: 60d
    graph: {model: watts-strogatz, nodes: 3000, neighbors: 6, rewire: 0.1}
    campaign: {model: nomination, nominees: 3, accept: 0.3}
    seeding: {strategy: random, count: 3}
    outputs: {details: true}
    sweep:
      campaign.accept: {linear: [0.2, 0.45], points: 30}
    """

  static func files(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") {
      files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return files
  }

  @Test("1 and 2 threads give byte-identical files; each point's summary is viral run's")
  func threads() throws {
    let folder = try CompareCommandTests.scenario(Self.grid)
    defer { try? FileManager.default.removeItem(at: folder) }
    let one = try CLI.run(["sweep", "scenario.yaml", "--threads", "1", "--out", "one"], in: folder)
    let two = try CLI.run(["sweep", "scenario.yaml", "--threads", "2", "--out", "two", "--json"], in: folder)
    #expect(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
    #expect(one.stdout.contains("Swept 12 points × 30 replicates"))
    let json = try #require(try JSONSerialization.jsonObject(with: Data(two.stdout.utf8)) as? [String: Any])
    #expect(json["points"] as? Int == 12 && json["runs"] as? Int == 360)
    let a = try Self.files(folder.appendingPathComponent("one"))
    #expect(a.keys.sorted() == ["graph.csv", "runs.csv", "seeds.csv", "summary.csv"])
    #expect(a == (try Self.files(folder.appendingPathComponent("two"))))
    // Every varied field is a column, rows in point order, replicates in order within.
    let rows = try CompareCommandTests.rows(folder.appendingPathComponent("one/runs.csv"))
    #expect(rows.count == 360)
    #expect(rows[0]["campaign_probability"] == "0.08" && rows[0]["seeding_count"] == "1" && rows[0]["graph_nodes"] == "300")
    #expect(rows[30]["graph_neighbors"] == "6" && rows[30]["graph_nodes"] == "400" && rows[30]["replicate"] == "0")
    #expect(rows[359]["campaign_probability"] == "0.16" && rows[359]["seeding_count"] == "4")
    // viral run keeps every record in memory and orders rows by graph; its summary is the same.
    let run = try CLI.run(["run", "scenario.yaml", "--out", "run", "--quiet"], in: folder)
    #expect(run.status == 0)
    // The same warning about runs the horizon cut off, summed from summary.csv.
    let warning = run.stderr.split(separator: "\n").filter { $0.contains("cut off by the horizon") }
    #expect(warning.count == 1 && one.stderr.split(separator: "\n").filter { $0.contains("cut off") } == warning)
    #expect(
      try Data(contentsOf: folder.appendingPathComponent("run/summary.csv")) == a["summary.csv"])
    let runRows = try String(contentsOf: folder.appendingPathComponent("run/runs.csv"), encoding: .utf8)
    #expect(
      runRows.split(separator: "\n").sorted() == String(decoding: a["runs.csv"]!, as: UTF8.self).split(separator: "\n").sorted())
  }

  @Test("Split into 3 shards and merged, a Sobol' sweep gives the files of one machine, sensitivity.csv included")
  func shardsMerged() throws {
    let scenario = """
      name: sens
      seed: 8
      replicates: 10
      horizon: 30d
      graph: {model: watts-strogatz, nodes: 500, neighbors: 6, rewire: 0.1}
      campaign: {model: independent-cascade, probability: 0.1}
      seeding: {strategy: random, count: 2}
      outputs: {details: false}
      sweep:
        method: sobol
        samples: 16
        ranges: {campaign.probability: [0.05, 0.3], graph.rewire: {log: [0.001, 1]}}
      """
    let folder = try CompareCommandTests.scenario(scenario)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(try CLI.run(["sweep", "scenario.yaml", "--threads", "2", "--out", "whole", "--quiet"], in: folder).status == 0)
    let whole = try Self.files(folder.appendingPathComponent("whole"))
    #expect(whole.keys.sorted() == ["design.csv", "graph.csv", "runs.csv", "seeds.csv", "sensitivity.csv", "summary.csv"])
    let sensitivity = try CompareCommandTests.rows(folder.appendingPathComponent("whole/sensitivity.csv"))
    // One row per metric, field and index (S1, ST).
    let metrics = Set(try CompareCommandTests.rows(folder.appendingPathComponent("whole/summary.csv")).map { $0["metric"]! })
    #expect(sensitivity.count == metrics.count * 2 * 2)
    let reached = sensitivity.filter { $0["metric"] == "reached" && $0["index"] == "ST" }
    #expect(reached.count == 2 && reached.allSatisfy { Double($0["value"] ?? "") != nil })
    for i in 1...3 {
      let shard = try CLI.run(["sweep", "scenario.yaml", "--shard", "\(i)/3", "--threads", "1", "--quiet"], in: folder)
      #expect(shard.status == 0, "\(shard.stderr)")
    }
    // Every shard is needed, once.
    let partial = try CLI.run(["merge", "Results/sens-shard-1-of-3", "Results/sens-shard-3-of-3"], in: folder)
    #expect(partial.status == 2 && partial.stderr.contains("missing 2/3"), "\(partial.stderr)")
    let merged = try CLI.run(
      ["merge", "Results/sens-shard-3-of-3", "Results/sens-shard-1-of-3", "Results/sens-shard-2-of-3"], in: folder)
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(merged.stdout.contains("Merged 3 shards, 64 points."))
    #expect(try Self.files(folder.appendingPathComponent("Results/sens")) == whole)
  }

  @Test("viral run refuses at once a sweep whose every point's records would not fit, and points to viral sweep")
  func runKeepsEveryPoint() throws {
    let values = (1...20).map { String(Double($0) / 100) }.joined(separator: ", ")
    let scenario = """
      name: big
      replicates: 10000000
      graph: {model: watts-strogatz, nodes: 1000, neighbors: 4, rewire: 0.1}
      campaign: {model: independent-cascade, probability: 0.05}
      seeding: {strategy: random, count: 1}
      sweep: {campaign.probability: [\(values)]}
      """
    let folder = try CompareCommandTests.scenario(scenario)
    defer { try? FileManager.default.removeItem(at: folder) }
    // 20 × 10^7 runs' records: at least 360 GB.
    let run = try CLI.run(["run", "scenario.yaml"], in: folder)
    #expect(run.status == 2)
    #expect(run.stderr.contains("scenario.yaml:2: replicates: viral run, which keeps the records of every sweep point"))
    #expect(run.stderr.contains("run the sweep with viral sweep"), "\(run.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scenario.yaml"])
  }

  @Test("A shard cut short, grown, replaced by a FIFO or merged into itself is refused with exit 2, nothing written")
  func forgedShardsRefused() throws {
    let scenario = """
      name: m
      seed: 8
      replicates: 2
      horizon: 30d
      graph: {model: watts-strogatz, nodes: 300, neighbors: 6, rewire: 0.1}
      campaign: {model: independent-cascade, probability: 0.1}
      seeding: {strategy: random, count: 2}
      sweep: {campaign.probability: [0.05, 0.1, 0.2, 0.3]}
      """
    let folder = try CompareCommandTests.scenario(scenario)
    defer { try? FileManager.default.removeItem(at: folder) }
    for i in 1...2 {
      #expect(try CLI.run(["sweep", "scenario.yaml", "--shard", "\(i)/2", "--quiet"], in: folder).status == 0)
    }
    let shards = ["Results/m-shard-1-of-2", "Results/m-shard-2-of-2"]
    let runs = folder.appendingPathComponent("Results/m-shard-1-of-2/runs.csv")
    let original = try Data(contentsOf: runs)
    func refused(_ extra: [String] = [], saying words: String) throws {
      let merge = try CLI.run(["merge"] + shards + extra, in: folder)
      #expect(merge.status == 2 && merge.stderr.contains(words), "\(merge.stderr)")
      #expect(merge.stderr.split(separator: "\n").count == 1)
      #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Results/m").path))
    }
    // Cut in half, then one row appended.
    try original.prefix(original.count / 2).write(to: runs)
    try refused(saying: "viral sweep wrote \(original.count)")
    try (original + original.suffix(200)).write(to: runs)
    try refused(saying: "is not the table viral sweep wrote")
    // A FIFO in place of a table is refused, not waited on.
    try FileManager.default.removeItem(at: runs)
    #expect(mkfifo(runs.path, 0o644) == 0)
    try refused(saying: "is not a regular file")
    try FileManager.default.removeItem(at: runs)
    try original.write(to: runs)
    // The merged folder may not be an input, nor hold one.
    let inputs = try Self.files(folder.appendingPathComponent(shards[0]))
    try refused(["--out", shards[0]], saying: "is one of the shard folders being merged")
    try refused(["--out", "Results"], saying: "holds or lies inside the shard folder")
    #expect(try Self.files(folder.appendingPathComponent(shards[0])) == inputs)
    #expect(try CLI.run(["merge"] + shards, in: folder).status == 0)
  }

  @Test("Killed with SIGKILL 24 times at random moments, then resumed: exactly the rows of a run never stopped")
  func killedAndResumed() throws {
    let folder = try CompareCommandTests.scenario(Self.long)
    defer { try? FileManager.default.removeItem(at: folder) }
    let clock = ContinuousClock()
    let started = clock.now
    let reference = try CLI.run(["sweep", "scenario.yaml", "--out", "reference", "--quiet"], in: folder)
    let took = (clock.now - started).seconds
    #expect(reference.status == 0, "\(reference.stderr)")
    let expected = try Self.files(folder.appendingPathComponent("reference"))
    #expect(
      expected.keys.sorted() == [
        "generations.csv", "graph.csv", "runs.csv", "seeds.csv", "summary.csv", "theory.csv", "timeseries.csv",
      ])
    let results = folder.appendingPathComponent("killed")
    var source = SystemRandomNumberGenerator()
    var resumed = 0
    for kill in 0..<24 {
      let process = Process()
      process.executableURL = CLI.executable
      process.arguments = ["sweep", "scenario.yaml", "--out", "killed"]
      process.currentDirectoryURL = folder
      process.standardOutput = Pipe()
      let errors = Pipe()
      process.standardError = errors
      try process.run()
      // A fifth of a run at most: each kill lands somewhere new, publication included.
      let delay = Double.random(in: 0...0.25, using: &source) * took
      Thread.sleep(forTimeInterval: delay)
      Foundation.kill(process.processIdentifier, SIGKILL)
      let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      if said.contains("resuming") { resumed += 1 }
      // A published folder is always a complete one.
      if FileManager.default.fileExists(atPath: results.path) {
        #expect(try Self.files(results) == expected, "kill \(kill) after \(delay) s left an incomplete folder")
      }
    }
    #expect(resumed >= 5, "only \(resumed) of 24 runs resumed an earlier one")
    let last = try CLI.run(["sweep", "scenario.yaml", "--out", "killed"], in: folder)
    #expect(last.status == 0, "\(last.stderr)")
    #expect(try Self.files(results) == expected)
    // No staging folder or journal is left.
    #expect(ResultFolderTests.listing(folder) == ["killed", "reference", "scenario.yaml"])
  }

  @Test("Ctrl-C keeps the finished points and says how to resume; a changed scenario is refused by name")
  func interruptedAndChanged() throws {
    let folder = try CompareCommandTests.scenario(Self.long)
    defer { try? FileManager.default.removeItem(at: folder) }
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["sweep", "scenario.yaml", "--quiet"]
    process.currentDirectoryURL = folder
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    Thread.sleep(forTimeInterval: 0.4)
    process.interrupt()
    let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 130)
    #expect(said.contains("run the same command again to resume"), "\(said)")
    #expect(ResultFolderTests.listing(folder.appendingPathComponent("Results")) == [".long.sweep", ".long.sweep.journal"])
    // The scenario file edited: refused, naming the change (a --set would be a what-if of
    // its own folder).
    let file = folder.appendingPathComponent("scenario.yaml")
    try Data(Self.long.replacingOccurrences(of: "nominees: 3", with: "nominees: 2").utf8).write(to: file)
    let changed = try CLI.run(["sweep", "scenario.yaml"], in: folder)
    #expect(changed.status == 2)
    #expect(changed.stderr.contains("campaign.nominees was 3, now 2"), "\(changed.stderr)")
    #expect(changed.stderr.split(separator: "\n").count == 1)
    try Data(Self.long.utf8).write(to: file)
    let resumed = try CLI.run(["sweep", "scenario.yaml"], in: folder)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("resuming: "))
    let whole = try CLI.run(["sweep", "scenario.yaml", "--out", "whole", "--quiet"], in: folder)
    #expect(whole.status == 0)
    #expect(
      try Self.files(folder.appendingPathComponent("Results/long")) == (try Self.files(folder.appendingPathComponent("whole"))))
  }

  @Test(
    "Bad sweep requests exit 2 with one line and write nothing",
    arguments: [
      (["--shard", "3/2"], "--shard: give i/n"),
      (["--shard", "0/2"], "--shard: give i/n"),
      (["--set", "sweep.campaign.accept={log: [0, 1], points: 3}"], "a log grid needs positive ends"),
      (["--set", "sweep.campaign.colour=[1, 2]"], "unknown key"),
      (["--set", "sweep.campaign.accept=[]"], "an empty list"),
      (["--set", "sweep={method: latin-hypercube, samples: 5}"], "a sample needs ranges"),
      (["--shard", "40/40"], "give at most that many shards"),
    ])
  func badRequests(arguments: [String], fragment: String) throws {
    let folder = try CompareCommandTests.scenario(Self.long)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(["sweep", "scenario.yaml"] + arguments, in: folder)
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains(fragment) && outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
    #expect(ResultFolderTests.listing(folder) == ["scenario.yaml"])
  }

  @Test(
    "validate, run and sweep refuse a bad point with the same line, before any run: a range end first, then a point's seeds",
    arguments: [
      (["--set", "sweep.campaign.accept={linear: [0.2, 1e19], points: 9}"], "(sweep campaign.accept = 1e+19)"),
      (
        [
          "--set", "population={tiers: {macro: 5}}", "--set", "seeding={strategy: top-followers, count: 3, tier: macro}",
          "--set", "sweep={population.tiers.macro: [5, 8, 100000]}",
        ], "(sweep population.tiers.macro = 100000): seeding.tier: no agent is in macro"
      ),
    ])
  func samePointRefused(arguments: [String], fragment: String) throws {
    let folder = try CompareCommandTests.scenario(Self.long)
    defer { try? FileManager.default.removeItem(at: folder) }
    var lines: [String] = []
    for command in [["validate"], ["run", "--out", "out"], ["sweep", "--out", "out"]] {
      let outcome = try CLI.run([command[0], "scenario.yaml"] + arguments + command.dropFirst(), in: folder)
      #expect(outcome.status == 2 && outcome.stderr.contains(fragment), "\(command[0]): \(outcome.stderr)")
      lines.append(outcome.stderr)
    }
    #expect(Set(lines).count == 1, "\(lines)")
    #expect(ResultFolderTests.listing(folder) == ["scenario.yaml"])
  }

  @Test("Memory stays flat: peak RSS at 1,000 and 10,000 points within 10%")
  func flatMemory() throws {
    let scenario = """
      name: many
      seed: 2
      replicates: 2
      horizon: 10d
      graph: {model: watts-strogatz, nodes: 200, neighbors: 4, rewire: 0.1}
      campaign: {model: independent-cascade, probability: 0.2}
      seeding: {strategy: random, count: 1}
      outputs: {details: false}
      sweep:
        campaign.probability: {linear: [0.01, 0.5], points: 1000}
      """
    let folder = try CompareCommandTests.scenario(scenario)
    defer { try? FileManager.default.removeItem(at: folder) }
    // The tool's own peak (`--json`'s peak_rss_bytes, from VmHWM): wait4's ru_maxrss of a
    // child started by posix_spawn can hold the test runner's peak instead.
    func peak(_ arguments: [String]) throws -> Int {
      let outcome = try CLI.run(["sweep", "scenario.yaml", "--json"] + arguments, in: folder)
      #expect(outcome.status == 0, "\(outcome.stderr)")
      let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
      return try #require(json?["peak_rss_bytes"] as? Int)
    }
    let small = try peak(["--out", "small"])
    let large = try peak(["--out", "large", "--set", "sweep.campaign.probability={linear: [0.01, 0.5], points: 10000}"])
    let rows = try String(contentsOf: folder.appendingPathComponent("large/runs.csv"), encoding: .utf8).split(separator: "\n")
    #expect(rows.count == 20_001)
    let ratio = Double(large) / Double(small)
    #expect(abs(ratio - 1) <= 0.1, "peak RSS \(small / 1000) kB at 1,000 points, \(large / 1000) kB at 10,000")
  }

  @Test("Links planted at the journal's or the staging folder's name are never written through")
  func plantedJournal() throws {
    let folder = try CompareCommandTests.scenario(Self.grid)
    defer { try? FileManager.default.removeItem(at: folder) }
    let victim = folder.appendingPathComponent("victim")
    try Data("precious\n".utf8).write(to: victim)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("Results"), withIntermediateDirectories: true)
    let name = try #require(Self.grid.split(separator: "\n").first { $0.hasPrefix("name: ") }?.dropFirst(6))
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("Results/.\(name).sweep.journal").path, withDestinationPath: victim.path)
    let outcome = try CLI.run(["sweep", "scenario.yaml"], in: folder)
    #expect(outcome.status == 2 && outcome.stderr.contains("Viral does not write through links"), "\(outcome.stderr)")
    #expect(try Data(contentsOf: victim) == Data("precious\n".utf8))
    // A link at the staging folder's name is removed, not written through.
    try FileManager.default.removeItem(atPath: folder.appendingPathComponent("Results/.\(name).sweep.journal").path)
    let shelf = folder.appendingPathComponent("shelf")
    try FileManager.default.createDirectory(at: shelf, withIntermediateDirectories: true)
    try Data("precious\n".utf8).write(to: shelf.appendingPathComponent("runs.csv"))
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("Results/.\(name).sweep").path, withDestinationPath: shelf.path)
    #expect(try CLI.run(["sweep", "scenario.yaml", "--quiet"], in: folder).status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: shelf.path) == ["runs.csv"])
    #expect(try Data(contentsOf: shelf.appendingPathComponent("runs.csv")) == Data("precious\n".utf8))
    // Links at the names a dead run's staging and set-aside folders would have are not
    // taken for them: neither removed nor moved into the results' place.
    let results = folder.appendingPathComponent("Results/\(name)")
    try FileManager.default.removeItem(at: results)
    let planted = ["staging", "previous"].map { folder.appendingPathComponent("Results/.\(name).\($0)-999999").path }
    for link in planted { try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim.path) }
    #expect(try CLI.run(["run", "scenario.yaml", "--quiet"], in: folder).status == 0)
    var isFolder: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: results.path, isDirectory: &isFolder) && isFolder.boolValue)
    for link in planted {
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == victim.path)
    }
    #expect(try Data(contentsOf: victim) == Data("precious\n".utf8))
  }
}
