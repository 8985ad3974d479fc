// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import Testing
import ViralityCore

@testable import ViralityIO

/// Mutants of the example scenarios, of an edge list and of an agent file, from a fixed
/// seed: every one must be read, checked and (when small enough to be quick) simulated
/// without a crash or a hang. Errors are expected; traps are not. On their own the 4,000
/// mutants take about 10 s; the time limit, which catches a hang, leaves room for the rest
/// of the suite running beside them on two cores.
@Suite("Fuzzing the readers, the checks and the engine", .timeLimit(.minutes(3)))
struct FuzzTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Characters and values a mutation inserts: syntax, extremes, control characters.
  static let characters: [String] = [
    ":", "{", "}", "[", "]", "-", " ", "\n", "#", "'", "\"", "\t", "0", "9", ",", "\u{7}", "é", "*", "&", "!", "%", "|",
    ">", "\\", "\u{0}",
  ]
  static let values: [String] = [
    "-1", "0", "1", "2", "1e300", "-1e300", "4294967296", "4294967295", "9223372036854775807", "1e-300", ".nan", ".inf",
    "-.inf", "2147483648", "0.5", "''", "[]", "{}", "null", "~", "true", "1d", "-1d", "0h", "1e400d", "1000000000w",
    "{lognormal: {median: 1, mean: 0.5}}", "{pareto: {shape: 0}}", "{uniform: {min: 2, max: 1}}", "{poisson: {mean: -1}}",
    "{discrete: {values: [1], weights: [0]}}", "[0.1, 2]", "{log: [0, 1], points: 3}", "graph", "random", "budget",
    "nomination", "follower", "stochastic-block", "file", "*alias", "&anchor x", "!!binary AAAA",
  ]

  /// One random mutation of `text`.
  static func mutate(_ text: String, _ stream: RandomStream) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    func pick<T>(_ list: [T]) -> T { list[stream.uniformInt(below: list.count)] }
    let line = stream.uniformInt(below: max(lines.count, 1))
    switch stream.uniformInt(below: 8) {
    case 0:  // delete a character
      var chars = Array(text)
      if !chars.isEmpty { chars.remove(at: stream.uniformInt(below: chars.count)) }
      return String(chars)
    case 1:  // insert a character
      var chars = Array(text)
      chars.insert(contentsOf: pick(characters), at: stream.uniformInt(below: chars.count + 1))
      return String(chars)
    case 2:  // replace a value
      guard line < lines.count, let colon = lines[line].firstIndex(of: ":") else { return text }
      lines[line] = String(lines[line][...colon]) + " " + pick(values)
    case 3:  // duplicate a line
      if line < lines.count { lines.insert(lines[line], at: line) }
    case 4:  // delete a line
      if line < lines.count { lines.remove(at: line) }
    case 5:  // swap two lines
      let other = stream.uniformInt(below: max(lines.count, 1))
      if line < lines.count, other < lines.count { lines.swapAt(line, other) }
    case 6:  // replace a number anywhere on the line
      guard line < lines.count else { return text }
      let words = lines[line].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
      let numbers = words.indices.filter { Double(words[$0].trimmingCharacters(in: CharacterSet(charactersIn: ",}]"))) != nil }
      guard !numbers.isEmpty else { return text }
      var changed = words
      changed[pick(numbers)] = pick(values)
      lines[line] = changed.joined(separator: " ")
    default:  // cut the text short
      return String(text.prefix(stream.uniformInt(below: text.count + 1)))
    }
    return lines.joined(separator: "\n")
  }

  /// The example scenarios, made small: a few thousand agents, few replicates and graphs.
  static func examples() throws -> [String] {
    let folder = repository.appendingPathComponent("Scenarios")
    // seeding-strategies.yaml is left out: mutants of its counts have CELF and IMM choose
    // thousands of seeds, which takes minutes without being wrong; its strategies are
    // tested on their own (SeedingStrategyTests, CompareCommandTests).
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".yaml") && $0 != "seeding-strategies.yaml"
    }.sorted().map {
      var text = try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
      for (pattern, replacement) in [
        ("nodes: [0-9]+", "nodes: 2000"), ("replicates: [0-9]+", "replicates: 3"), ("realizations: [0-9]+", "realizations: 2"),
        ("points: [0-9]+", "points: 2"), ("runs: [0-9]+", "runs: 2"),
      ] {
        text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
      }
      return text
    }
  }

  /// 2,500 mutants in five batches of 500, each batch with its own stream and time limit.
  @Test("2,500 mutants of the example scenarios: read, checked and simulated without a crash", arguments: 0..<5)
  func scenarios(batch: Int) throws {
    let examples = try Self.examples()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("viral-fuzz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let stream = RandomStream(seed: StreamSeed.derive(master: 2026, purpose: .benchmark, index: UInt64(batch)))
    var (refused, simulated) = (0, 0)
    for i in 0..<500 {
      var text = examples[i % examples.count]
      for _ in 0...stream.uniformInt(below: 3) { text = Self.mutate(text, stream) }
      let path = folder.appendingPathComponent("mutant.yaml").path
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      do {
        let loaded = try ScenarioLoader.load(path: path, overrides: [])
        let size = loaded.base.graph.expectedSize
        guard size.nodes <= 20_000, size.edges <= 400_000, loaded.points.count <= 4 else { continue }
        try Self.simulate(path)
        simulated += 1
      } catch {
        refused += 1
      }
    }
    // The mutants are meant to hit both sides.
    #expect(refused > 100 && simulated > 40, "refused \(refused), simulated \(simulated)")
  }

  /// A short study of the scenario: two replicates, a horizon of at most 30 days, through
  /// the results sink, the summary and the comparison.
  static func simulate(_ path: String) throws {
    var loaded = try ScenarioLoader.load(path: path, overrides: [Override(key: "replicates", value: "2", origin: "test")])
    if loaded.base.horizon.hours > 24 * 30 {
      loaded = try ScenarioLoader.load(
        path: path,
        overrides: [
          Override(key: "replicates", value: "2", origin: "test"), Override(key: "horizon", value: "30d", origin: "test"),
        ])
    }
    let study = try Study(loaded, work: .simulate(graphStatistics: .basic), threads: 1)
    var sink = SimulationResults(study: study)
    try study.run(into: &sink)
    let finished = sink.finish()
    _ = finished.summary.csv.csv
    _ = finished.comparison?.csv.csv
    _ = finished.summary.table(columns: loaded.base.campaign!.model.summaryColumns, binHours: 24)
  }

  @Test("1,000 mutants of an edge list and 500 of an agent file: read without a crash")
  func files() throws {
    let karate = try String(
      contentsOf: Self.repository.appendingPathComponent("Scenarios/data/karate_club.txt"), encoding: .utf8)
    let agents = "node,age,influence,cost\n0,young,1.5,20\n1,old,0.5,3\n33,young,2,1\n"
    let graph = try EdgeListReader.read(
      EdgeListFile(path: Self.repository.appendingPathComponent("Scenarios/data/karate_club.txt").path), threads: 1
    ).graph
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("viral-fuzz-files-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let stream = RandomStream(seed: 1977)
    var (read, refused) = (0, 0)
    for i in 0..<1500 {
      let base = i < 1000 ? karate : agents
      var text = base
      for _ in 0...stream.uniformInt(below: 4) { text = Self.mutate(text, stream) }
      var bytes = Array(text.utf8)
      if stream.bernoulli(0.2), !bytes.isEmpty {
        bytes[stream.uniformInt(below: bytes.count)] = UInt8(stream.uniformInt(below: 256))
      }
      let url = folder.appendingPathComponent(i < 1000 ? (i % 2 == 0 ? "edges.txt" : "edges.csv") : "agents.csv")
      try Data(bytes).write(to: url)
      do {
        if i < 1000 {
          _ = try EdgeListReader.read(EdgeListFile(path: url.path, directed: i % 4 == 1), threads: 1)
        } else {
          _ = try AgentFileReader.read(url.path, for: graph)
        }
        read += 1
      } catch {
        refused += 1
      }
    }
    #expect(read > 100 && refused > 100, "read \(read), refused \(refused)")
  }
}
