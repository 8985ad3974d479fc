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

  /// Runs `viral` (or another `program`) with `arguments` in `folder`.
  static func run(_ arguments: [String], in folder: URL = repository, program: URL = executable) throws -> Outcome {
    let process = Process()
    process.executableURL = program
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

  @Test("graph.storage compact: the ice-bucket wave and its files are those of plain storage")
  func compactStorage() throws {
    let plain = Self.temporaryFolder()
    let compact = Self.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: plain)
      try? FileManager.default.removeItem(at: compact)
    }
    let run = [
      "run", "Scenarios/ice-bucket-2014.yaml", "--set", "graph.nodes=5000", "--set", "graph.realizations=1", "--replicates",
      "6",
    ]
    let a = try Self.run(run + ["--set", "graph.storage=plain", "--out", plain.path])
    let b = try Self.run(run + ["--set", "graph.storage=compact", "--out", compact.path])
    #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: plain.path).filter { $0 != "manifest.json" }
    #expect(files.contains("runs.csv") && files.contains("generations.csv"))
    #expect(Set(files) == Set(try FileManager.default.contentsOfDirectory(atPath: compact.path)).subtracting(["manifest.json"]))
    for name in files {
      #expect(
        try Data(contentsOf: plain.appendingPathComponent(name)) == Data(contentsOf: compact.appendingPathComponent(name)),
        "\(name)")
    }
    let manifest = try String(contentsOf: compact.appendingPathComponent("manifest.json"), encoding: .utf8)
    #expect(manifest.contains("\"storage\" : \"compact\""))
  }

  @Test("--stats sampled: graph.csv estimates the clustering with its standard errors; every other column as full")
  func sampledStatistics() throws {
    let full = Self.temporaryFolder()
    let sampled = Self.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: full)
      try? FileManager.default.removeItem(at: sampled)
    }
    let graph = ["graph", "--model", "follower", "--nodes", "20000", "--seed", "3"]
    let a = try Self.run(graph + ["--stats", "full", "--out", full.path])
    let b = try Self.run(graph + ["--stats", "sampled", "--out", sampled.path])
    #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
    let exact = try #require(CompareCommandTests.rows(full.appendingPathComponent("graph.csv")).first)
    let estimate = try #require(CompareCommandTests.rows(sampled.appendingPathComponent("graph.csv")).first)
    let added: Set = ["clustering_samples", "average_clustering_se", "transitivity_se"]
    #expect(Set(estimate.keys) == Set(exact.keys).union(added))
    #expect(exact["triangles"] != "" && estimate["triangles"] == "")
    for key in exact.keys where !["triangles", "average_clustering", "transitivity"].contains(key) {
      #expect(estimate[key] == exact[key], "\(key)")
    }
    #expect(estimate["clustering_samples"] == "100000")
    for (value, se) in [("average_clustering", "average_clustering_se"), ("transitivity", "transitivity_se")] {
      let x = try #require(Double(estimate[value] ?? "")), truth = try #require(Double(exact[value] ?? ""))
      let error = try #require(Double(estimate[se] ?? ""))
      #expect(error > 0 && abs(x - truth) <= 4 * error, "\(value): \(x) ± \(error) vs \(truth)")
    }
    for name in ["degrees.csv", "separation.csv"] {
      #expect(
        try Data(contentsOf: full.appendingPathComponent(name)) == Data(contentsOf: sampled.appendingPathComponent(name)))
    }
  }
}

/// What the command line says about its own options and outputs.
@Suite("viral command line: options, outputs, failures")
struct CommandLineOptionTests {
  static let small = ["--set", "graph.nodes=2000", "--replicates", "8"]

  @Test(
    "Bad option values say what is wrong, on one line, with status 2",
    arguments: [
      (["run", "Scenarios/rumour.yaml", "--replicates", "-5"], "--replicates: give at least 1 replicate; got -5."),
      (
        ["run", "Scenarios/rumour.yaml", "--seed", "-1"], "--seed: give a whole number from 0 to 18446744073709551615; got '-1'."
      ),
      (["run", "Scenarios/rumour.yaml", "--threads", "0"], "--threads: give at least 1 thread; got 0."),
      (["run", "Scenarios/rumour.yaml", "--trace", "-1"], "--trace: give 0 or more replicates to trace; got -1."),
      (
        ["graph", "--model", "watts-strogatz", "--nodes", "1000", "--rewire", "1.4"],
        "--rewire 1.4: graph.rewire: must be a probability between 0 and 1; got 1.4"
      ),
      (["graph", "--model", "watts-strogatz", "--nodes", "-3"], "--nodes -3: graph.nodes: must be a whole number from 3"),
      (["graph", "Scenarios/six-degrees.yaml", "--sources", "0"], "--sources: give at least 1 source; got 0."),
      (["run", "Scenarios/rumour.yaml", "--quiet", "--json"], "Please give --quiet or --json, not both."),
    ])
  func badOptions(arguments: [String], message: String) throws {
    let outcome = try CommandLineTests.run(arguments + ["--out", "/nonexistent-viral-test"])
    #expect(outcome.status == 2, "\(outcome.stderr)")
    #expect(outcome.stderr.split(separator: "\n").count == 1 && outcome.stderr.contains(message), "\(outcome.stderr)")
  }

  @Test(
    "merge, report and demo refuse what they cannot use: status 2, one line",
    arguments: [
      (["merge"], "name the shard folders to merge"),
      (["merge", "Results/word-of-mouth"], "is not a shard (its manifest has no shard i/n)"),
      (["merge", "/nonexistent-viral-test"], "is not a results folder of viral sweep"),
      (["report", "/nonexistent-viral-test"], "is not a results folder (no manifest.json)"),
      (["report", "Scenarios"], "is not a results folder (no manifest.json)"),
      (["report", "Results/word-of-mouth", "--out", "/dev/null"], "is not a report Viral wrote"),
      (["report", "Results/word-of-mouth", "--out", "Scenarios/rumour.yaml"], "is not a report Viral wrote"),
      (["demo", "no-such-demo"], "No demo 'no-such-demo'"),
    ])
  func badCommands(arguments: [String], message: String) throws {
    let outcome = try CommandLineTests.run(arguments)
    #expect(outcome.status == 2, "\(outcome.stderr)")
    #expect(outcome.stderr.split(separator: "\n").count == 1 && outcome.stderr.contains(message), "\(outcome.stderr)")
    #expect(outcome.stdout.isEmpty, "\(outcome.stdout)")
  }

  @Test("A results folder under a file is refused before the first run: status 2, one line")
  func unwritable() throws {
    let outcome = try CommandLineTests.run(["run", "Scenarios/rumour.yaml", "--out", "/dev/null/results"] + Self.small)
    #expect(outcome.status == 2, "\(outcome.stderr)")
    #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("cannot create the results folder: a part of its path is a file"), "\(outcome.stderr)")
  }

  @Test("--quiet prints only the results folder; --json one object with every metric")
  func scripting() throws {
    let folder = CommandLineTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let quiet = try CommandLineTests.run(["run", "Scenarios/rumour.yaml", "--out", folder.path, "--quiet"] + Self.small)
    #expect(quiet.status == 0 && quiet.stdout == folder.standardizedFileURL.path + "\n", "\(quiet.stdout)")
    #expect(!quiet.stderr.contains("runs ("), "progress shown: \(quiet.stderr)")
    let json = try CommandLineTests.run(["run", "Scenarios/rumour.yaml", "--out", folder.path, "--json"] + Self.small)
    #expect(json.status == 0, "\(json.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    let groups = object["groups"] as! [[String: Any]]
    let metrics = groups[0]["metrics"] as! [String: [String: Any]]
    #expect((metrics["aware_share"]?["ci95"] as? [Double])?.count == 2 && metrics["aware_share"]?["n"] as? Int == 8)
    #expect(object["results"] as? String == folder.standardizedFileURL.path)
  }

  @Test("No advertising (media.per_day 0) is a valid what-if; a segment of the agent file can be the target")
  func validWhatIfs() throws {
    let folder = CommandLineTests.temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let noAds = try CommandLineTests.run(
      [
        "run", "Scenarios/word-of-mouth.yaml", "--set", "campaign.media.per_day=0", "--out",
        folder.appendingPathComponent("a").path,
      ]
        + Self.small)
    #expect(noAds.status == 0, "\(noAds.stderr)")
    try "node,club\n1,chess\n2,chess\n3,go\n".write(
      to: folder.appendingPathComponent("agents.csv"), atomically: true, encoding: .utf8)
    let scenario = folder.appendingPathComponent("club.yaml")
    try """
    name: club
    replicates: 4
    graph: {model: watts-strogatz, nodes: 1000}
    population: {file: agents.csv, target: {club: [chess]}}
    campaign: {model: independent-cascade, probability: 0.3}
    seeding: {strategy: explicit, nodes: [1]}
    """.write(to: scenario, atomically: true, encoding: .utf8)
    let club = try CommandLineTests.run(["run", scenario.path, "--out", folder.appendingPathComponent("b").path])
    #expect(club.status == 0 && club.stdout.contains("target aware (%)"), "\(club.stderr)")
  }
}

/// `notebooks-export/ice_bucket_figures.py` on the folders it takes and the ones it refuses.
/// `--report` and `viral report`.
@Suite("reports")
struct ReportCommandTests {
  typealias CLI = CommandLineTests

  @Test("--report on sweep and compare writes report.html, listed in the manifest; viral report refuses a folder without results")
  func report() throws {
    let folder = try CompareCommandTests.scenario(
      CascadeTraceTests.scenario(campaign: "{model: independent-cascade, probability: 0.05}")
        + "\ncompare:\n  - {label: hubs, strategy: top-followers, count: 5}\nsweep:\n  campaign.probability: [0.02, 0.05]\n")
    defer { try? FileManager.default.removeItem(at: folder) }
    for command in ["sweep", "compare"] {
      let outcome = try CLI.run([command, "scenario.yaml", "--out", command, "--report", "--quiet"], in: folder)
      #expect(outcome.status == 0, "\(outcome.stderr)")
      let results = folder.appendingPathComponent(command)
      let html = try String(contentsOf: results.appendingPathComponent("report.html"), encoding: .utf8)
      #expect(html.contains("Strategies compared") && html.contains("Across the sweep") && html.contains("The graph"))
      #expect(!html.contains("src=\"http") && !html.contains("href=\"http"), "the page loads nothing")
      let manifest = try String(contentsOf: results.appendingPathComponent("manifest.json"), encoding: .utf8)
      #expect(manifest.contains("\"report.html\""))
      #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent("separation.csv").path))
    }
    let refused = try CLI.run(["report", folder.path])
    #expect(refused.status == 2 && refused.stderr.contains("not a results folder"), "\(refused.stderr)")
  }
}

/// What a person at a terminal sees.
@Suite("viral run on a terminal")
struct TerminalTests {
  typealias CLI = CommandLineTests

  @Test("On a terminal viral run shows a live status (simulated time, aware, participants), then its table")
  func liveStatus() throws {
    let folder = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let command = [
      CLI.executable.path, "run", "Scenarios/ice-bucket-2014.yaml", "--replicates", "1", "--set", "graph.nodes=20000",
      "--out", folder.path,
    ].joined(separator: " ")
    // script(1) runs the command on a pseudo-terminal and copies what it shows to stdout.
    let shown = try CLI.run(["-qec", command, "/dev/null"], program: URL(fileURLWithPath: "/usr/bin/script"))
    #expect(shown.status == 0, "\(shown.stdout)")
    let status = try #require(shown.stdout.split(separator: "\r").first { $0.contains(" participants") })
    #expect(status.contains("run 1 at day ") && status.contains(" aware, "), "\(status)")
    #expect(shown.stdout.contains("participants  ") && shown.stdout.contains("Results: "))
    // Elsewhere (a pipe, a log) there is no live status.
    let piped = try CLI.run(
      ["run", "Scenarios/ice-bucket-2014.yaml", "--replicates", "1", "--set", "graph.nodes=20000"]
        + ["--out", folder.path])
    #expect(piped.status == 0 && !piped.stderr.contains(" participants"))
  }
}

@Suite("Ice bucket figures script")
struct IceBucketFiguresTests {
  static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

  static func figures(_ arguments: [String]) throws -> CommandLineTests.Outcome {
    let script = CommandLineTests.repository.appendingPathComponent("notebooks-export/ice_bucket_figures.py").path
    return try CommandLineTests.run([script] + arguments, program: URL(fileURLWithPath: python!))
  }

  @Test(
    "No negative halving times, a 30-agent class included; other folders are refused with what they lack",
    .enabled(if: python != nil, "python3 is not installed"))
  func smallAndWrongFolders() throws {
    let folder = try CompareCommandTests.scenario(
      """
      name: class
      seed: 3
      replicates: 20
      horizon: 30d
      graph: {model: watts-strogatz, nodes: 30, neighbors: 4, rewire: 0.2}
      campaign: {model: nomination, nominees: 3, accept: 0.5}
      seeding: {strategy: random, count: 1}
      outputs: {bin: 1d}
      """)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(try CommandLineTests.run(["run", "scenario.yaml", "--out", "class", "--quiet"], in: folder).status == 0)
    let small = try Self.figures([folder.appendingPathComponent("class").path])
    #expect(small.status == 0, "\(small.stderr)")
    let halving = small.stdout.split(separator: "\n").first { $0.hasPrefix("decay: halving time") } ?? ""
    #expect(!halving.contains("-") || halving.contains("n/a"), "\(halving)")
    // A wave that peaks and then rises again inside the decay window has no halving time
    // (the script used to print a negative one: -1.3 days here).
    let rising = folder.appendingPathComponent("rising")
    try FileManager.default.createDirectory(at: rising, withIntermediateDirectories: true)
    let metrics = [
      "nomination_r", "nomination_r_first_week", "serial_interval_mean_h", "serial_interval_median_h", "both_share",
      "douse_only_share", "donate_only_share", "neither_share", "money", "donors", "participants", "joined_alone_share",
      "aware_share",
    ]
    try Data(
      ("variant,metric,mean,sd,ci95_low,ci95_high,n,ci_resampled\n" + metrics.map { "default,\($0),1,,,,1,runs\n" }.joined())
        .utf8
    ).write(to: rising.appendingPathComponent("summary.csv"))
    try Data("nodes\n1000\n".utf8).write(to: rising.appendingPathComponent("graph.csv"))
    let daily = [5, 20, 100, 10, 20, 40, 45, 1]
    try Data(
      ("replicate,time_h,engaged_new,adopted_new\n" + daily.enumerated().map { "0,\($0 * 24),\($1),0\n" }.joined()).utf8
    ).write(to: rising.appendingPathComponent("timeseries.csv"))
    let wave = try Self.figures([rising.path])
    #expect(wave.status == 0, "\(wave.stderr)")
    #expect(wave.stdout.contains("n/a (no decay within the horizon)"), "\(wave.stdout)")
    let cases = [
      (
        CommandLineTests.repository.appendingPathComponent("Results/word-of-mouth").path, "is not a nomination campaign's results"
      ),
      (CommandLineTests.repository.appendingPathComponent("Results/nomination-threshold").path, "no timeseries.csv"),
      (CommandLineTests.repository.appendingPathComponent("Results/sweep-small-world").path, "no timeseries.csv"),
      (CommandLineTests.repository.appendingPathComponent("Results/influencer-vs-micro").path, "holds 6 groups"),
      (folder.path, "no summary.csv"),
    ]
    for (path, reason) in cases {
      let refused = try Self.figures([path])
      #expect(refused.status == 2 && refused.stderr.contains(reason) && refused.stdout.isEmpty, "\(path): \(refused.stderr)")
    }
  }
}
