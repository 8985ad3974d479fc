// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// Results folders appear whole or not at all, are replaced rather than merged, and a
/// what-if never replaces the scenario's own results.
@Suite("Results folders")
struct ResultFolderTests {
  typealias CLI = CommandLineTests

  static let tiny = """
    name: tiny
    seed: 3
    replicates: 6
    horizon: 20d
    graph: {model: watts-strogatz, nodes: 300, neighbors: 6, rewire: 0.1}
    campaign: {model: independent-cascade, probability: 0.2}
    seeding: {strategy: random, count: 2}
    """

  /// Everything in `folder`, hidden entries included, sorted.
  static func listing(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
  }

  /// The files a results folder's manifest lists.
  static func manifestFiles(_ folder: URL) throws -> [String] {
    let data = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(object["files"] as? [String]).sorted()
  }

  /// A process id that no process has now.
  static func deadProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  @Test("An existing results folder is replaced whole, never merged")
  func replacedWhole() throws {
    let folder = try CompareCommandTests.scenario(Self.tiny)
    defer { try? FileManager.default.removeItem(at: folder) }
    let results = folder.appendingPathComponent("Results/tiny")
    #expect(try CLI.run(["run", "scenario.yaml"], in: folder).status == 0)
    try Data("stale\n".utf8).write(to: results.appendingPathComponent("stale.csv"))
    let again = try CLI.run(["run", "scenario.yaml", "--quiet"], in: folder)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(Self.listing(results) == (try Self.manifestFiles(results)))
    // Nothing is left beside it.
    #expect(Self.listing(folder.appendingPathComponent("Results")) == ["tiny"])
  }

  @Test("A what-if goes to a folder named after its overrides and says so")
  func whatIfFolder() throws {
    let folder = try CompareCommandTests.scenario(Self.tiny)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(try CLI.run(["run", "scenario.yaml"], in: folder).status == 0)
    let own = try Data(contentsOf: folder.appendingPathComponent("Results/tiny/runs.csv"))
    let whatIf = try CLI.run(
      ["run", "scenario.yaml", "--set", "campaign.probability=0.3", "--seed", "9", "--replicates", "2"], in: folder)
    #expect(whatIf.status == 0, "\(whatIf.stderr)")
    let name = "tiny+campaign.probability=0.3+seed=9+replicates=2"
    #expect(whatIf.stderr.contains("Results/\(name)/"), "\(whatIf.stderr)")
    #expect(whatIf.stdout.contains("Results/\(name)/"))
    #expect(try Data(contentsOf: folder.appendingPathComponent("Results/tiny/runs.csv")) == own)
    let rows = try CompareCommandTests.rows(folder.appendingPathComponent("Results/\(name)/runs.csv"))
    #expect(rows.count == 2)
    // A whole section as the value: one folder name, safe for any shell.
    let section = try CLI.run(
      ["run", "scenario.yaml", "--set", "campaign={model: independent-cascade, probability: 0.25}", "--quiet"], in: folder)
    #expect(section.status == 0, "\(section.stderr)")
    #expect(section.stdout.contains("Results/tiny+campaign=_model_independent-cascade,_probability_0.25_"), "\(section.stdout)")
  }

  @Test("Folders that are no results folder, or no folder at all, are refused before any work")
  func refusals() throws {
    let folder = try CompareCommandTests.scenario(Self.tiny)
    defer { try? FileManager.default.removeItem(at: folder) }
    for out in ["", ".", "..", "/", "Results/.."] {
      let refused = try CLI.run(["run", "scenario.yaml", "--out", out], in: folder)
      #expect(refused.status == 2 && refused.stderr.contains("the results folder must be named"), "\(out): \(refused.stderr)")
    }
    let documents = folder.appendingPathComponent("documents")
    try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
    try Data("mine\n".utf8).write(to: documents.appendingPathComponent("letter.txt"))
    let refused = try CLI.run(["run", "scenario.yaml", "--out", "documents"], in: folder)
    #expect(refused.status == 2 && refused.stderr.contains("is not a Viral results folder (no manifest.json)"))
    #expect(Self.listing(documents) == ["letter.txt"])
    let named = try CompareCommandTests.scenario(Self.tiny.replacingOccurrences(of: "name: tiny", with: "name: '..'"))
    defer { try? FileManager.default.removeItem(at: named) }
    let escape = try CLI.run(["run", "scenario.yaml"], in: named)
    #expect(escape.status == 2 && escape.stderr.contains("scenario.yaml:1"), "\(escape.stderr)")
    #expect(Self.listing(folder) == ["documents", "scenario.yaml"])
    #expect(Self.listing(named) == ["scenario.yaml"])
    // Hidden names are the staging folders'.
    let hidden = try CLI.run(["run", "scenario.yaml", "--out", "Results/.tiny.staging-99999"], in: folder)
    #expect(hidden.status == 2 && hidden.stderr.contains("cannot begin with a dot"), "\(hidden.stderr)")
    #expect(Self.listing(folder) == ["documents", "scenario.yaml"])
    // A folder that cannot be made is refused before the run, not after it.
    for (out, words) in [
      ("documents/letter.txt/x", "a part of its path is a file"), ("/proc/viral-x", "cannot create the results folder"),
      (String(repeating: "a", count: 250), "File name too long"),
    ] {
      for command in ["run", "graph"] {
        let late = try CLI.run([command, "scenario.yaml", "--out", out], in: folder)
        #expect(late.status == 2 && late.stderr.contains(words), "\(command) \(out): \(late.stderr)")
        #expect(late.stdout.isEmpty && late.stderr.split(separator: "\n").count == 1, "\(late.stderr)")
      }
    }
    #expect(Self.listing(folder) == ["documents", "scenario.yaml"])
  }

  @Test("viral report --out replaces only a report Viral wrote: not a scenario, a folder or a device")
  func reportDestination() throws {
    let folder = try CompareCommandTests.scenario(Self.tiny)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(try CLI.run(["run", "scenario.yaml", "--out", "out"], in: folder).status == 0)
    let scenario = try Data(contentsOf: folder.appendingPathComponent("scenario.yaml"))
    for target in ["scenario.yaml", "out", "/dev/null"] {
      let refused = try CLI.run(["report", "out", "--out", target], in: folder)
      #expect(refused.status == 2 && refused.stderr.contains("is not a report Viral wrote"), "\(target): \(refused.stderr)")
    }
    #expect(try Data(contentsOf: folder.appendingPathComponent("scenario.yaml")) == scenario)
    for _ in 0..<2 { #expect(try CLI.run(["report", "out", "--out", "page.html"], in: folder).status == 0) }
  }

  @Test("A problem found late leaves no folder behind, and what dead processes left is cleaned up")
  func lateProblemsAndLeftovers() throws {
    let folder = try CompareCommandTests.scenario(
      Self.tiny.replacingOccurrences(
        of: "{model: watts-strogatz, nodes: 300, neighbors: 6, rewire: 0.1}", with: "{model: file, path: edges.txt}"))
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("0 1\n1 2\n3\n".utf8).write(to: folder.appendingPathComponent("edges.txt"))
    let late = try CLI.run(["run", "scenario.yaml", "--out", "deep/er/out"], in: folder)
    #expect(late.status == 2 && late.stderr.contains("edges.txt:3"), "\(late.stderr)")
    #expect(Self.listing(folder) == ["edges.txt", "scenario.yaml"])
    // A process that died mid-way left its staging folder, and one that died between the
    // two renames of a publication left the old folder aside.
    let results = folder.appendingPathComponent("Results")
    let dead = try Self.deadProcessID()
    for kind in ["staging", "previous"] {
      let left = results.appendingPathComponent(".tiny.\(kind)-\(dead)")
      try FileManager.default.createDirectory(at: left, withIntermediateDirectories: true)
      try Data("{\"files\": [\"manifest.json\"]}".utf8).write(to: left.appendingPathComponent("manifest.json"))
    }
    let again = try CLI.run(["run", "scenario.yaml"], in: folder)
    #expect(again.status == 2)
    #expect(Self.listing(results) == ["tiny"])
    #expect(Self.listing(results.appendingPathComponent("tiny")) == ["manifest.json"])
  }

  @Test("Ctrl-C removes what was staged and exits with status 130")
  func interrupted() throws {
    let folder = try CompareCommandTests.scenario(
      Self.tiny.replacingOccurrences(of: "replicates: 6", with: "replicates: 2000000"))
    defer { try? FileManager.default.removeItem(at: folder) }
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["run", "scenario.yaml", "--quiet"]
    process.currentDirectoryURL = folder
    process.standardError = Pipe()
    try process.run()
    Thread.sleep(forTimeInterval: 1.5)
    process.interrupt()
    process.waitUntilExit()
    #expect(process.terminationStatus == 130)
    #expect(Self.listing(folder.appendingPathComponent("Results")).isEmpty)
  }

  @Test("Killed at any moment, a results folder holds one run's complete results")
  func killedAnyMoment() throws {
    let folder = try CompareCommandTests.scenario(Self.tiny)
    defer { try? FileManager.default.removeItem(at: folder) }
    // The two possible contents, from uninterrupted runs.
    var expected: [String: Data] = [:]
    let clock = ContinuousClock()
    var took = 0.0
    for seed in ["1", "2"] {
      let started = clock.now
      #expect(try CLI.run(["run", "scenario.yaml", "--seed", seed, "--out", "seed\(seed)"], in: folder).status == 0)
      took = max(took, (clock.now - started).seconds)
      expected[seed] = try Data(contentsOf: folder.appendingPathComponent("seed\(seed)/runs.csv"))
    }
    #expect(expected["1"] != expected["2"])
    #expect(try CLI.run(["run", "scenario.yaml", "--seed", "1", "--out", "shared"], in: folder).status == 0)
    let shared = folder.appendingPathComponent("shared")
    var source = SystemRandomNumberGenerator()
    for kill in 0..<24 {
      let process = Process()
      process.executableURL = CLI.executable
      process.arguments = ["run", "scenario.yaml", "--seed", kill % 2 == 0 ? "2" : "1", "--out", "shared", "--quiet"]
      process.currentDirectoryURL = folder
      process.standardOutput = Pipe()
      process.standardError = Pipe()
      try process.run()
      // Anywhere in the run, publication included.
      let delay = Double.random(in: 0...1.1, using: &source) * took
      Thread.sleep(forTimeInterval: delay)
      Foundation.kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let files = try Self.manifestFiles(shared)
      let runs = try Data(contentsOf: shared.appendingPathComponent("runs.csv"))
      let manifest = try String(contentsOf: shared.appendingPathComponent("manifest.json"), encoding: .utf8)
      let seed = manifest.contains("\"master_seed\" : 2") ? "2" : "1"
      #expect(runs == expected[seed], "kill \(kill) after \(delay) s: runs.csv is not seed \(seed)'s")
      #expect(Self.listing(shared) == files, "kill \(kill) after \(delay) s")
    }
    // The leftovers of the killed runs go with the next run.
    #expect(try CLI.run(["run", "scenario.yaml", "--out", "shared"], in: folder).status == 0)
    #expect(Self.listing(folder) == ["scenario.yaml", "seed1", "seed2", "shared"])
  }
}

extension Duration {
  var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
