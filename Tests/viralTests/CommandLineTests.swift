// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// End-to-end: the built `viral` tool on the repository's scenarios.
@Suite("viral command line")
struct CommandLineTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The `viral` executable built next to the test bundle.
  static let executable: URL = {
    var folder = Bundle.main.bundleURL
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("viral").path), folder.path != "/" {
      folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("viral")
  }()

  struct Outcome {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  static func run(_ arguments: [String], in folder: URL = repository) throws -> Outcome {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  static func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("viral-e2e-\(UUID().uuidString)")
  }

  @Test("six-degrees: byte-identical results with 1 and 2 threads")
  func sixDegrees() throws {
    let one = Self.temporaryFolder()
    let two = Self.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: one)
      try? FileManager.default.removeItem(at: two)
    }
    let a = try Self.run(["graph", "Scenarios/six-degrees.yaml", "--out", one.path, "--threads", "1"])
    let b = try Self.run(["graph", "Scenarios/six-degrees.yaml", "--out", two.path, "--threads", "2"])
    #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
    #expect(a.stdout.contains("graph.rewire") && a.stdout.contains("Results:"))
    for name in ["graph.csv", "degrees.csv", "separation.csv"] {
      let x = try Data(contentsOf: one.appendingPathComponent(name))
      let y = try Data(contentsOf: two.appendingPathComponent(name))
      #expect(x == y, "\(name) differs between thread counts")
    }
    let graphCSV = try String(contentsOf: one.appendingPathComponent("graph.csv"), encoding: .utf8)
    #expect(graphCSV.split(separator: "\n").count == 1 + 13 * 20)
    let manifest = try String(contentsOf: one.appendingPathComponent("manifest.json"), encoding: .utf8)
    #expect(manifest.contains("\"master_seed\" : 1998") && manifest.contains("\"random_generator\" : \"taus2\""))
  }

  @Test(
    "Bad input: one line naming file, line and key; exit status 2; nothing written",
    arguments: [
      (
        "name: bad\ngraph: {model: watts-strogatz, nodes: 1000, rewire: 1.4}\n",
        "bad.yaml:2: graph.rewire: must be a probability between 0 and 1; got 1.4"
      ),
      ("name: bad\ngraph: {model: smallworld, nodes: 1000}\n", "bad.yaml:2: graph.model: unknown model 'smallworld'"),
      (
        "name: bad\nhorizon: -1d\ngraph: {model: watts-strogatz, nodes: 1000}\n",
        "bad.yaml:2: horizon: must be a positive duration"
      ),
      ("name: bad\nseed: 3\n", "bad.yaml:1: graph: is required but missing"),
      ("name: bad\ngraph: {model: file, path: nowhere.txt}\n", "bad.yaml:2: graph.path: cannot read"),
      (
        "name: bad\ngraph: {model: erdos-renyi, nodes: 100000000, probability: 0.5}\n",
        "bad.yaml:2: graph: this erdos-renyi graph needs about"
      ),
    ])
  func badInput(yaml: String, message: String) throws {
    try checkBadInput(yaml, message: message, command: "graph")
  }

  /// Runs `command` on a scenario file holding `yaml` and checks the one-line error.
  func checkBadInput(_ yaml: String, message: String, command: String) throws {
    let folder = Self.temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = folder.appendingPathComponent("bad.yaml")
    try yaml.write(to: scenario, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("out")
    let outcome = try Self.run([command, scenario.path, "--out", out.path])
    #expect(outcome.status == 2)
    let lines = outcome.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(outcome.stderr)")
    #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    #expect(!outcome.stderr.contains("Fatal") && !outcome.stderr.contains("Stack"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["bad.yaml"])
  }

  @Test("viral run: byte-identical results with 1 and 2 threads; the seed matters")
  func runReproducible() throws {
    let folders = (0..<3).map { _ in Self.temporaryFolder() }
    defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
    let common = ["run", "Scenarios/word-of-mouth.yaml", "--set", "graph.nodes=5000", "--replicates", "24"]
    let a = try Self.run(common + ["--out", folders[0].path, "--threads", "1"])
    let b = try Self.run(common + ["--out", folders[1].path, "--threads", "2"])
    let c = try Self.run(common + ["--out", folders[2].path, "--seed", "7"])
    #expect(a.status == 0 && b.status == 0 && c.status == 0, "\(a.stderr)\(b.stderr)\(c.stderr)")
    #expect(a.stdout.contains("buyers") && a.stdout.contains("cost per buyer ($)") && a.stdout.contains("Results:"))
    #expect(a.stderr.contains("24/24 runs in"))
    for name in ["runs.csv", "summary.csv", "timeseries.csv", "generations.csv", "graph.csv"] {
      let x = try Data(contentsOf: folders[0].appendingPathComponent(name))
      let y = try Data(contentsOf: folders[1].appendingPathComponent(name))
      #expect(x == y, "\(name) differs between thread counts")
    }
    let runs = try String(contentsOf: folders[0].appendingPathComponent("runs.csv"), encoding: .utf8)
    let other = try String(contentsOf: folders[2].appendingPathComponent("runs.csv"), encoding: .utf8)
    #expect(runs.split(separator: "\n").count == 1 + 24 && runs != other)
    #expect(runs.hasPrefix("variant,replicate,graph_realization,seed,seeds,reached,aware,engaged,adopted"))
  }

  @Test(
    "viral run, bad scenarios: one line naming file, line and key; exit status 2; nothing written",
    arguments: [
      ("campaign: {model: gossip}\nseeding: {strategy: random}\n", "bad.yaml:3: campaign.model: unknown model 'gossip'"),
      (
        "campaign:\n  model: independent-cascade\n  probability: 1.4\nseeding: {strategy: random}\n",
        "bad.yaml:5: campaign.probability: must be a probability between 0 and 1; got 1.4"
      ),
      (
        "campaign:\n  model: word-of-mouth\n  duration: -2d\nseeding: {strategy: random}\n",
        "bad.yaml:5: campaign.duration: cannot be negative"
      ),
      ("seeding: {strategy: random}\n", "bad.yaml:1: campaign: viral run needs a campaign: section"),
      (
        "population: {target: {gender: [men]}}\ncampaign: {model: bass}\nseeding: {strategy: random}\n",
        "bad.yaml:3: population.target.gender: no segment 'gender'"
      ),
      (
        "campaign: {model: funnel}\nseeding: {strategy: top-followers, count: 5000}\n",
        "bad.yaml:4: seeding.count: must be at most the number of agents (1000); got 5000"
      ),
    ])
  func badRun(body: String, message: String) throws {
    try checkBadInput("name: bad\ngraph: {model: watts-strogatz, nodes: 1000}\n" + body, message: message, command: "run")
  }

  @Test("viral run without a graph: the same one-line error")
  func runWithoutGraph() throws {
    try checkBadInput(
      "name: bad\ncampaign: {model: bass}\nseeding: {strategy: random}\n", message: "bad.yaml:1: graph: is required but missing",
      command: "run")
  }

  @Test("Usage errors also exit 2; help and version exit 0")
  func usage() throws {
    #expect(try Self.run(["graph", "--stats", "lots"]).status == 2)
    #expect(try Self.run(["graph"]).status == 2)
    #expect(try Self.run(["frobnicate"]).status == 2)
    let help = try Self.run(["graph", "--help"])
    #expect(help.status == 0 && help.stdout.contains("--stats"))
    #expect(try Self.run(["--version"]).stdout.hasPrefix("0."))
  }

  @Test("validate checks without writing; graph builds from options and exports")
  func validateAndOptions() throws {
    let valid = try Self.run(["validate", "Scenarios/six-degrees.yaml"])
    #expect(valid.status == 0 && valid.stdout.contains("valid") && valid.stdout.contains("13 sweep points"))
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try Self.run([
      "graph", "--file", "Scenarios/data/karate_club.txt", "--out", folder.path, "--export", "graphml", "--export", "edgelist",
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("34 nodes, 78 edges") && outcome.stdout.contains("diameter 5"))
    let files = try Set(FileManager.default.contentsOfDirectory(atPath: folder.path))
    #expect(files == ["graph.csv", "degrees.csv", "separation.csv", "manifest.json", "graph.graphml", "graph.edges"])
    let generated = try Self.run(["graph", "--model", "follower", "--nodes", "20000", "--stats", "basic", "--out", folder.path])
    #expect(generated.status == 0 && generated.stdout.contains("of connected pairs mutual"), "\(generated.stderr)")
  }
}
