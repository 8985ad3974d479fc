// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import Yams

/// The corpus of bad inputs (`BadInputs/corpus.yaml`): every case refused by `validate`,
/// `run` and `graph` (and `sweep`, for scenarios with a sweep) with exit status 2, one line
/// on stderr naming what is wrong, and nothing written.
@Suite("Bad inputs are refused")
struct BadInputTests {
  struct FileContent: Decodable, Sendable {
    let text: String?
    let hex: String?

    var bytes: Data {
      if let text { return Data(text.utf8) }
      return Data((hex ?? "").split(separator: " ").map { UInt8($0, radix: 16)! })
    }
  }

  struct Case: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let scenario: String
    let set: [String]?
    let files: [String: FileContent]?
    let fifo: [String]?
    let expect: String

    var testDescription: String { name }
  }

  static let cases: [Case] = {
    let url = Bundle.module.url(forResource: "BadInputs/corpus", withExtension: "yaml")!
    return try! YAMLDecoder().decode([Case].self, from: String(contentsOf: url, encoding: .utf8))
  }()

  @Test("The corpus holds at least 100 cases")
  func size() { #expect(Self.cases.count >= 100) }

  @Test("Refused by validate, run, graph and sweep: status 2, one line, nothing written", arguments: cases)
  func refused(_ bad: Case) throws {
    let folder = CommandLineTests.temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func expand(_ text: String) -> String { text.replacingOccurrences(of: "{dir}", with: folder.path) }
    try Data(expand(bad.scenario).utf8).write(to: folder.appendingPathComponent("bad.yaml"))
    for (name, content) in bad.files ?? [:] {
      let url = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try content.bytes.write(to: url)
    }
    for name in bad.fifo ?? [] { #expect(mkfifo(folder.appendingPathComponent(name).path, 0o600) == 0) }
    let before = try Self.listing(folder)
    let sets = (bad.set ?? []).flatMap { ["--set", $0] }
    let scenario = folder.appendingPathComponent("bad.yaml").path
    let sweeps = bad.scenario.contains("\nsweep:") ? [["sweep", scenario, "--out", "out"]] : []
    let splits = bad.scenario.contains("\nsplit:") ? [["split", scenario, "--out", "out"]] : []
    for command in [["validate", scenario], ["run", scenario, "--out", "out"], ["graph", scenario, "--out", "out"]] + sweeps
      + splits
    {
      let outcome = try CommandLineTests.run(command + sets, in: folder)
      let label = "\(bad.name): viral \(command[0])"
      #expect(outcome.status == 2, "\(label): status \(outcome.status); \(outcome.stderr)")
      let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      #expect(lines.count == 1, "\(label): \(lines.count) lines on stderr: \(outcome.stderr)")
      #expect(outcome.stderr.contains(expand(bad.expect)), "\(label): \(outcome.stderr)")
      #expect(outcome.stdout.isEmpty, "\(label): printed \(outcome.stdout)")
      #expect(try Self.listing(folder) == before, "\(label): wrote files")
    }
  }

  /// Every path under `folder`, relative to it.
  static func listing(_ folder: URL) throws -> [String] {
    let walker = FileManager.default.enumerator(atPath: folder.path)!
    return walker.compactMap { $0 as? String }.sorted()
  }
}
