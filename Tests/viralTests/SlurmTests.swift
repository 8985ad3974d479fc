// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// `viral sweep --slurm` on a real single-node Slurm cluster (`.ci/slurm-cluster.sh start`,
/// which `make test` runs): the generated job array and merge, submitted with the generated
/// `submit.sh`, give the files of the sweep run on one machine.
@Suite("Slurm")
struct SlurmTests {
  typealias CLI = CommandLineTests

  static let configuration =
    (ProcessInfo.processInfo.environment["VIRAL_SLURM_DIR"] ?? "/tmp/viral-slurm") + "/slurm.conf"

  /// Runs a program with the cluster's configuration, returning its status and stdout.
  @discardableResult
  static func shell(_ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, stdout: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["SLURM_CONF"] = configuration
    process.environment = environment
    if let folder { process.currentDirectoryURL = folder }
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Whether a cluster answers; when it does not, the test is skipped with the reason.
  static let clusterAnswers: Bool = {
    guard FileManager.default.fileExists(atPath: configuration) else { return false }
    return (try? shell(["sinfo", "-h"]).status) == 0
  }()

  @Test(
    "A sweep submitted as a Slurm job array and merged equals the sweep on one machine",
    .enabled(
      if: clusterAnswers,
      "no Slurm cluster answers at \(configuration): run .ci/slurm-cluster.sh install and start (make test starts it)"))
  func jobArray() throws {
    let folder = try CompareCommandTests.scenario(SweepCommandTests.grid)
    defer { try? FileManager.default.removeItem(at: folder) }
    let local = try CLI.run(["sweep", "scenario.yaml", "--out", "local", "--quiet"], in: folder)
    #expect(local.status == 0, "\(local.stderr)")
    let written = try CLI.run(
      ["sweep", "scenario.yaml", "--slurm", "3", "--threads", "1", "--slurm-time", "10:00", "--slurm-memory", "500M"],
      in: folder)
    #expect(written.status == 0, "\(written.stderr)")
    let scripts = folder.appendingPathComponent("Results/grid-slurm")
    let sweep = try String(contentsOf: scripts.appendingPathComponent("sweep.sbatch"), encoding: .utf8)
    #expect(sweep.contains("#SBATCH --array=1-3") && sweep.contains("#SBATCH --mem=500M") && sweep.contains("--shard \"$i/3\""))
    let submitted = try Self.shell([scripts.appendingPathComponent("submit.sh").path], in: folder)
    #expect(submitted.status == 0)
    // "submitted job array A (3 shards) and merge job M; ..."
    let words = submitted.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
    let jobs = words.indices.dropLast().filter { ["array", "job"].contains(words[$0]) }.compactMap { Int(words[$0 + 1]) }
    #expect(jobs.count == 2, "\(submitted.stdout)")
    // Slurm runs the array, then the merge that depends on it.
    let deadline = Date().addingTimeInterval(300)
    while Date() < deadline {
      let queue = try Self.shell(["squeue", "-h", "-j", jobs.map(String.init).joined(separator: ",")])
      if queue.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { break }
      Thread.sleep(forTimeInterval: 1)
    }
    let merged = folder.appendingPathComponent("Results/grid")
    let logs = (try? FileManager.default.contentsOfDirectory(atPath: scripts.appendingPathComponent("logs").path)) ?? []
    #expect(logs.sorted() == ["merge.out", "sweep-1.out", "sweep-2.out", "sweep-3.out"])
    #expect(try SweepCommandTests.files(merged) == (try SweepCommandTests.files(folder.appendingPathComponent("local"))))
  }

  @Test("A --slurm-* value with a line break or a space is refused before any script is written")
  func injectedDirective() throws {
    let folder = try CompareCommandTests.scenario(SweepCommandTests.grid)
    defer { try? FileManager.default.removeItem(at: folder) }
    for value in ["1:00\n#SBATCH --uid=0", "1:00 --uid=0", ""] {
      let outcome = try CommandLineTests.run(["sweep", "scenario.yaml", "--slurm", "2", "--slurm-time", value], in: folder)
      #expect(outcome.status == 2 && outcome.stderr.contains("--slurm-time: give one word"), "\(outcome.stderr)")
      #expect(outcome.stderr.split(separator: "\n").count == 1)
    }
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Results").path))
  }
}
