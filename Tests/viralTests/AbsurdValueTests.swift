// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import Yams

/// Every numeric key of the example scenarios, set to values at the edge of what a number
/// can hold: `viral validate` accepts it or refuses it with status 2 on one line, within a
/// minute, and what it accepts a run of two replicates finishes, within two minutes. Never a
/// crash, a trap or a hang, and validate = run.
@Suite("Absurd values of every numeric key")
struct AbsurdValueTests {
  static let values = ["1e308", "-1", "9223372036854775807", "1e-320"]

  /// Each numeric key path of the examples once, with the first scenario holding it.
  static let keys: [(scenario: String, key: String)] = {
    let folder = CommandLineTests.repository.appendingPathComponent("Scenarios")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".yaml") }.sorted()
    var seen = Set<String>()
    var keys: [(String, String)] = []
    func walk(_ node: Node, _ path: String, _ file: String) {
      switch node {
      case .mapping(let mapping):
        for (key, value) in mapping {
          guard let name = key.string else { continue }
          walk(value, path.isEmpty ? name : path + "." + name, file)
        }
      case .scalar(let scalar):
        if Double(scalar.string) != nil, !path.hasPrefix("sweep"), !path.hasPrefix("published"), seen.insert(path).inserted {
          keys.append(("Scenarios/" + file, path))
        }
      default: break
      }
    }
    // Sweeps last: their validation checks every point, and their keys are in the others.
    let ordered = (files ?? []).sorted {
      ($0.hasPrefix("sweep") || $0.hasPrefix("sensitivity") ? 1 : 0, $0) < (
        $1.hasPrefix("sweep") || $1.hasPrefix("sensitivity") ? 1 : 0, $1
      )
    }
    for file in ordered {
      guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8),
        let node = try? Yams.compose(yaml: text)
      else { continue }
      walk(node, "", file)
    }
    return keys
  }()

  @Test("The examples have numeric keys to try")
  func enough() { #expect(Self.keys.count >= 60, "\(Self.keys.count) keys") }

  @Test("validate accepts or refuses in one line, and run finishes what it accepts, for every numeric key at absurd values")
  func absurd() throws {
    let cases = Self.keys.flatMap { key in Self.values.map { (key.scenario, key.key, $0) } }
    let failures = Failures()
    DispatchQueue.concurrentPerform(iterations: 2) { worker in
      for (i, (scenario, key, value)) in cases.enumerated() where i % 2 == worker {
        let set = ["--set", "\(key)=\(value)"]
        guard let check = Self.run(["validate", scenario] + set, seconds: 60) else {
          failures.add("\(scenario) \(key)=\(value): validate did not finish in 60 s")
          continue
        }
        let lines = check.stderr.split(separator: "\n")
        guard check.status == 0 || (check.status == 2 && lines.count == 1) else {
          failures.add("\(scenario) \(key)=\(value): validate status \(check.status): \(check.stderr.prefix(300))")
          continue
        }
        guard check.status == 0 else { continue }
        // What validate accepts, a short run finishes.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("viral-absurd-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let command = ["run", scenario, "--replicates", "2", "--threads", "1", "--out", out.path, "--quiet"] + set
        guard let run = Self.run(command, seconds: 120) else {
          failures.add("\(scenario) \(key)=\(value): validate accepts it, run did not finish in 120 s")
          continue
        }
        if run.status != 0 {
          failures.add("\(scenario) \(key)=\(value): validate accepts it, run exits \(run.status): \(run.stderr.prefix(300))")
        }
      }
    }
    #expect(failures.list.isEmpty, "\(failures.list.count) of \(cases.count):\n\(failures.list.joined(separator: "\n"))")
  }

  /// Runs viral with a time limit; nil when it had to be killed.
  static func run(_ arguments: [String], seconds: Double) -> (status: Int32, stderr: String)? {
    let process = Process()
    process.executableURL = CommandLineTests.executable
    process.arguments = arguments
    process.currentDirectoryURL = CommandLineTests.repository
    // stderr goes to a file: a pipe would have to be read while waiting.
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("viral-absurd-\(UUID().uuidString)")
    guard FileManager.default.createFile(atPath: log.path, contents: nil), let err = try? FileHandle(forWritingTo: log)
    else { return nil }
    defer { try? FileManager.default.removeItem(at: log) }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    guard (try? process.run()) != nil else { return nil }
    try? err.close()
    guard done.wait(timeout: .now() + seconds) == .success else {
      process.terminate()
      return nil
    }
    return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
  }

  final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var list: [String] = []
    func add(_ failure: String) {
      lock.lock()
      list.append(failure)
      lock.unlock()
    }
  }
}
