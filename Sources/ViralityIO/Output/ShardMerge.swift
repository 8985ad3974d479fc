// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL

/// `viral merge`: the folders of a sweep's shards (`--shard i/n`) combined into the folder
/// one machine would have written. Every table's rows carry their `sweep_point`, and each
/// shard holds its points in order, so the tables are merged point by point (a k-way merge,
/// one record per shard in memory); `sensitivity.csv` is then computed from the merged
/// tables, as `viral sweep` computes it. The folder is published whole.
public enum ShardMerge {
  /// What was merged.
  public struct Outcome: Sendable {
    public let destination: String
    public let files: [String]
    public let shards: Int
    public let points: Int
  }

  /// Checks that `folders` are every shard of one sweep, once each, each holding the tables
  /// its manifest records (length and SHA-256), and merges them into `destination` (by
  /// default the first shard's folder without its `-shard-i-of-n` suffix). Every check is
  /// made before anything is written.
  public static func merge(_ folders: [String], into destination: String?, command: [String]) throws(OutputError) -> Outcome {
    guard !folders.isEmpty else { throw OutputError(path: "viral merge", "name the shard folders to merge", refusal: true) }
    let shards = try folders.map { folder throws(OutputError) in try Shard(folder: folder) }
    let count = shards[0].count
    let missing = Set(1...count).subtracting(shards.map(\.index)).sorted()
    guard shards.allSatisfy({ $0.count == count }), shards.count == count, missing.isEmpty else {
      throw OutputError(
        path: folders[0],
        "give every shard of the sweep once: expected 1/\(count) to \(count)/\(count)"
          + (missing.isEmpty
            ? ", got \(shards.map { "\($0.index)/\($0.count)" }.joined(separator: ", "))"
            : "; missing \(missing.map { "\($0)/\(count)" }.joined(separator: ", "))"),
        refusal: true)
    }
    // The shards must come from one sweep: the same scenario, sweep, statistics and files.
    func canonical(_ object: [String: Any], _ key: String) -> String {
      guard let value = object[key], let data = try? JSONSerialization.data(withJSONObject: [key: value], options: [.sortedKeys])
      else { return "" }
      return String(decoding: data, as: UTF8.self)
    }
    let first = shards[0]
    for shard in shards.dropFirst() {
      for key in ["scenario", "sweep", "sweep_method", "master_seed", "random_generator", "files"]
      where canonical(shard.manifest, key) != canonical(first.manifest, key) {
        throw OutputError(
          path: shard.folder, "is a shard of another sweep than \(first.folder) (its \(key) differs)", refusal: true)
      }
      guard shard.check.fingerprint == first.check.fingerprint, shard.check.sweepPoints == first.check.sweepPoints else {
        throw OutputError(
          path: shard.folder,
          "is a shard of another sweep than \(first.folder) (its scenario, overrides or graph statistics differ)", refusal: true)
      }
    }
    let ordered = shards.sorted { $0.index < $1.index }
    let target: String
    if let destination { target = destination } else { target = try defaultDestination(ordered[0].folder, count: count) }
    try refuseOverlap(target, with: folders)
    for shard in ordered { try shard.verify() }
    let staging = try ResultStaging(destination: target)
    let points = first.check.sweepPoints
    let expected = ordered.map { Array(stride(from: $0.index - 1, to: points, by: count)) }
    for name in first.tables {
      try mergeTable(name, from: ordered.map(\.url), expected: expected, complete: name == "runs.csv", into: staging)
    }
    let seed = (first.manifest["master_seed"] as? NSNumber)?.uint64Value ?? 0
    let generator =
      GeneratorKind.allCases.first { $0.gslName == first.manifest["random_generator"] as? String } ?? .standard
    var files = first.tables
    if let sensitivity = try SensitivityTable.csv(folder: staging.folder, seed: seed, generator: generator) {
      try staging.write(SensitivityTable.file, sensitivity)
      files.append(SensitivityTable.file)
    }
    files.append("manifest.json")
    var manifest = first.manifest
    manifest.removeValue(forKey: "shard")
    manifest.removeValue(forKey: "shard_check")
    manifest["files"] = files
    manifest["merged_from"] = ordered.map(\.folder)
    manifest["command"] = command
    manifest["finished_at"] = ISO8601DateFormatter().string(from: Date())
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    else { throw OutputError(path: target, "cannot write manifest.json") }
    try staging.write("manifest.json", String(decoding: data, as: UTF8.self) + "\n")
    try staging.publish()
    return Outcome(destination: staging.destination.path, files: files, shards: count, points: points)
  }

  /// One shard's folder, as its manifest describes it.
  private struct Shard {
    let folder: String
    let url: URL
    let manifest: [String: Any]
    let index: Int
    let count: Int
    let check: Manifest.ShardCheck
    /// The tables to merge (every file but the manifest and sensitivity.csv).
    let tables: [String]

    private struct Fields: Decodable {
      let shard: String?
      let shardCheck: Manifest.ShardCheck?
      enum CodingKeys: String, CodingKey { case shard, shardCheck = "shard_check" }
    }

    init(folder: String) throws(OutputError) {
      self.folder = folder
      url = URL(fileURLWithPath: folder)
      let path = url.appendingPathComponent("manifest.json").path
      let data: Data
      do { data = try InputFile.contents(of: path, what: "manifest") } catch {
        throw OutputError(path: folder, "is not a results folder of viral sweep (\(error.message))", refusal: true)
      }
      guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let fields = try? JSONDecoder().decode(Fields.self, from: data)
      else {
        throw OutputError(path: path, "is not a manifest Viral wrote (not the JSON of viral sweep)", refusal: true)
      }
      let parts = fields.shard?.split(separator: "/").compactMap { Int($0) } ?? []
      guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1] else {
        throw OutputError(
          path: folder, "is not a shard (its manifest has no shard i/n); merge the folders of viral sweep --shard", refusal: true)
      }
      guard let check = fields.shardCheck else {
        throw OutputError(
          path: path,
          "records no shard_check (the tables' lengths and SHA-256): it was written by an older Viral or edited; run the shard again",
          refusal: true)
      }
      manifest = object
      (index, count) = (parts[0], parts[1])
      self.check = check
      tables = ((object["files"] as? [String]) ?? []).filter { $0 != "manifest.json" && $0 != SensitivityTable.file }
    }

    /// Every table is the file `viral sweep` wrote: its length and SHA-256 match.
    func verify() throws(OutputError) {
      guard Set(tables) == Set(check.files.keys) else {
        throw OutputError(
          path: url.appendingPathComponent("manifest.json").path,
          "lists files its shard_check does not record; it was edited: run the shard again", refusal: true)
      }
      for name in tables {
        let path = url.appendingPathComponent(name).path
        let found = try FileDigest.of(path)
        guard let recorded = check.files[name], found == recorded else {
          let recorded = check.files[name]?.bytes ?? 0
          let how =
            found.bytes == recorded
            ? "its SHA-256 differs" : "it has \(found.bytes) bytes, viral sweep wrote \(recorded)"
          throw OutputError(
            path: path,
            "is not the table viral sweep wrote (\(how)); it was changed after the shard finished: run the shard again",
            refusal: true)
        }
      }
    }
  }

  /// Refuses a merged folder that is one of the shards, holds one or lies inside one:
  /// publishing it would replace the input being read.
  private static func refuseOverlap(_ target: String, with folders: [String]) throws(OutputError) {
    func components(_ path: String) -> [String] {
      URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().pathComponents
    }
    let out = components(target)
    for folder in folders {
      let shard = components(folder)
      if out.starts(with: shard) || shard.starts(with: out) {
        throw OutputError(
          path: target,
          (out == shard ? "is one of the shard folders being merged" : "holds or lies inside the shard folder \(folder)")
            + "; merging into it would replace what is read: give --out another folder",
          refusal: true)
      }
    }
  }

  /// `Results/x` for shards written to `Results/x-shard-i-of-n`.
  private static func defaultDestination(_ folder: String, count: Int) throws(OutputError) -> String {
    let url = URL(fileURLWithPath: folder).standardizedFileURL
    let name = url.lastPathComponent
    guard let cut = name.range(of: "-shard-", options: .backwards), name.hasSuffix("-of-\(count)") else {
      throw OutputError(path: folder, "is not named NAME-shard-i-of-\(count); give the merged folder with --out", refusal: true)
    }
    return url.deletingLastPathComponent().appendingPathComponent(String(name[..<cut.lowerBound])).path
  }

  /// Merges table `name` of every shard by `sweep_point`. Shard `s` may hold only the
  /// points `expected[s]`, in order; with `complete`, every one of them.
  private static func mergeTable(
    _ name: String, from sources: [URL], expected: [[Int]], complete: Bool, into staging: ResultStaging
  ) throws(OutputError) {
    let readers = try sources.map { (folder: URL) throws(OutputError) -> CSVLines in
      try CSVLines(path: folder.appendingPathComponent(name).path)
    }
    defer { readers.forEach { $0.close() } }
    let headers = readers.map { $0.nextRecord() }
    guard let header = headers[0], headers.allSatisfy({ $0 == header }),
      header.hasPrefix("sweep_point,") || header == "sweep_point"
    else {
      throw OutputError(
        path: sources[0].appendingPathComponent(name).path, "the shards' \(name) headers differ or lack sweep_point",
        refusal: true)
    }
    func point(_ record: String?) -> Int? { record.flatMap { Int($0.prefix { $0 != "," }) } }
    var current = readers.map { $0.nextRecord() }
    // Where each shard is in its expected points.
    var next = Array(repeating: 0, count: sources.count)
    var failure: OutputError?
    try staging.write(name) { handle in
      var buffer = header + "\n"
      while true {
        var best: Int?
        for (s, record) in current.enumerated() {
          guard let record else { continue }
          guard let p = point(record) else {
            failure = OutputError(
              path: sources[s].appendingPathComponent(name).path, "a row without its sweep_point", refusal: true)
            return
          }
          if best == nil || p < point(current[best!])! { best = s }
        }
        guard let s = best else { break }
        let p = point(current[s])!
        // The shard's next point of this table must be one of its own, past the last.
        while next[s] < expected[s].count, expected[s][next[s]] < p, !complete { next[s] += 1 }
        guard next[s] < expected[s].count, expected[s][next[s]] == p else {
          failure = OutputError(
            path: sources[s].appendingPathComponent(name).path,
            "holds rows of sweep point \(p), which is not this shard's next point; run the shard again", refusal: true)
          return
        }
        next[s] += 1
        // The shard's rows of this point, together.
        while let record = current[s], point(record) == p {
          buffer += record
          buffer += "\n"
          current[s] = readers[s].nextRecord()
        }
        if buffer.utf8.count >= 1 << 20 {
          try handle.write(contentsOf: Data(buffer.utf8))
          buffer = ""
        }
      }
      try handle.write(contentsOf: Data(buffer.utf8))
    }
    if let failure { throw failure }
    if complete, let s = next.indices.first(where: { next[$0] < expected[$0].count }) {
      throw OutputError(
        path: sources[s].appendingPathComponent(name).path,
        "has no rows of sweep point \(expected[s][next[s]]); run the shard again", refusal: true)
    }
  }
}
