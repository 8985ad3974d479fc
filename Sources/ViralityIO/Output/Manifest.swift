// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL

/// The version of Viral writing results.
public enum ViralVersion {
  public static let current = "0.1.0"
}

/// `manifest.json`: everything needed to reproduce a results folder.
public struct Manifest: Encodable {
  public var viralVersion = ViralVersion.current
  public var command: [String]
  public var scenarioFile: String?
  /// The scenario as resolved (defaults filled in, overrides applied), before sweeping.
  public var scenario: Scenario
  public var sweep: [SweepAxis]
  public var masterSeed: UInt64
  public var randomGenerator: String
  public var startedAt: String
  public var finishedAt: String
  public var wallSeconds: Double
  public var hostCores: Int
  public var threads: Int
  public var files: [String]
  /// The scenario file's notes (omitted when it has none).
  public var notes: ScenarioNotes?
  /// The share of a sweep's points the folder holds (`--shard i/n`), for `viral merge`.
  public var shard: String?
  /// How a sweep chose its points (grid, latin-hypercube, sobol, morris).
  public var sweepMethod: String?
  /// What `viral merge` checks a shard's folder against (shards only).
  public var shardCheck: ShardCheck?

  /// A shard's tables as `viral sweep` wrote them, and the sweep they belong to.
  public struct ShardCheck: Codable, Sendable {
    /// The points of the whole sweep (of every shard).
    public var sweepPoints: Int
    /// SHA-256 of what the rows depend on (the scenario with its overrides, the graph
    /// statistics), the same for every shard of one sweep.
    public var fingerprint: String
    /// Every table's length and SHA-256.
    public var files: [String: FileDigest]

    public init(sweepPoints: Int, fingerprint: String, files: [String: FileDigest]) {
      self.sweepPoints = sweepPoints
      self.fingerprint = fingerprint
      self.files = files
    }

    enum CodingKeys: String, CodingKey {
      case sweepPoints = "sweep_points", fingerprint, files
    }
  }

  /// A swept field: a grid's values, or a sample's range (`log [0.001, 1]`).
  public struct SweepAxis: Encodable {
    public var key: String
    public var values: [String]?
    public var range: String?
  }

  enum CodingKeys: String, CodingKey {
    case viralVersion = "viral_version", command, scenarioFile = "scenario_file", scenario, sweep
    case masterSeed = "master_seed", randomGenerator = "random_generator", startedAt = "started_at"
    case finishedAt = "finished_at", wallSeconds = "wall_seconds", hostCores = "host_cores", threads, files, shard
    case sweepMethod = "sweep_method", notes, shardCheck = "shard_check"
  }

  public init(
    command: [String], scenarioFile: String?, loaded: LoadedScenario, started: Date, finished: Date, threads: Int, files: [String]
  ) {
    self.command = command
    self.scenarioFile = scenarioFile
    self.scenario = loaded.base
    let sweep = loaded.sweep
    self.sweep =
      (sweep?.axes.map { SweepAxis(key: $0.key, values: $0.values) } ?? [])
      + (sweep?.ranges.map { range in
        let ends = [range.low, range.high].map { $0.shortDescription + (range.hours ? "h" : "") }
        return SweepAxis(key: range.key, range: "\(range.scale.rawValue) [\(ends.joined(separator: ", "))]")
      } ?? [])
    self.sweepMethod = sweep?.method.rawValue
    self.masterSeed = loaded.base.seed
    self.randomGenerator = loaded.base.rng.gslName
    let format = ISO8601DateFormatter()
    self.startedAt = format.string(from: started)
    self.finishedAt = format.string(from: finished)
    self.wallSeconds = (finished.timeIntervalSince(started) * 1000).rounded() / 1000
    self.hostCores = ProcessInfo.processInfo.activeProcessorCount
    self.threads = threads
    self.files = files
    self.notes = loaded.document.notes.isEmpty ? nil : loaded.document.notes
  }

  /// Pretty, key-sorted JSON.
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}
