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

  /// Checks that `folders` are every shard of one sweep, once each, and merges them into
  /// `destination` (by default the first shard's folder without its `-shard-i-of-n` suffix).
  public static func merge(_ folders: [String], into destination: String?, command: [String]) throws(OutputError) -> Outcome {
    guard !folders.isEmpty else { throw OutputError(path: "viral merge", "name the shard folders to merge", refusal: true) }
    var manifests: [(folder: String, object: [String: Any])] = []
    for folder in folders {
      let path = URL(fileURLWithPath: folder).appendingPathComponent("manifest.json").path
      guard let data = FileManager.default.contents(atPath: path),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
      else {
        throw OutputError(path: folder, "is not a results folder of viral sweep (no readable manifest.json)", refusal: true)
      }
      manifests.append((folder, object))
    }
    let shards = try manifests.map { (folder, object) throws(OutputError) -> (index: Int, count: Int) in
      let parts = (object["shard"] as? String)?.split(separator: "/").compactMap { Int($0) } ?? []
      guard parts.count == 2 else {
        throw OutputError(
          path: folder, "is not a shard (its manifest has no shard i/n); merge the folders of viral sweep --shard", refusal: true)
      }
      return (parts[0], parts[1])
    }
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
    // The shards must come from one sweep: the same scenario, sweep and files.
    func canonical(_ object: [String: Any], _ key: String) -> String {
      guard let value = object[key], let data = try? JSONSerialization.data(withJSONObject: [key: value], options: [.sortedKeys])
      else { return "" }
      return String(decoding: data, as: UTF8.self)
    }
    let first = manifests[0].object
    for (folder, object) in manifests.dropFirst() {
      for key in ["scenario", "sweep", "sweep_method", "master_seed", "random_generator", "files"]
      where canonical(object, key) != canonical(first, key) {
        throw OutputError(path: folder, "is a shard of another sweep than \(folders[0]) (its \(key) differs)", refusal: true)
      }
    }
    let order = manifests.indices.sorted { shards[$0].index < shards[$1].index }
    let sources = order.map { URL(fileURLWithPath: manifests[$0].folder) }
    let names = ((first["files"] as? [String]) ?? []).filter { $0 != "manifest.json" && $0 != SensitivityTable.file }
    let target: String
    if let destination { target = destination } else { target = try defaultDestination(folders[order[0]], count: count) }
    let staging = try ResultStaging(destination: target)
    var points = 0
    for name in names {
      let merged = try mergeTable(name, from: sources, into: staging)
      if name == "runs.csv" { points = merged }
    }
    let seed = (first["master_seed"] as? NSNumber)?.uint64Value ?? 0
    let generator = GeneratorKind.allCases.first { $0.gslName == first["random_generator"] as? String } ?? .standard
    var files = names
    if let sensitivity = try SensitivityTable.csv(folder: staging.folder, seed: seed, generator: generator) {
      try staging.write(SensitivityTable.file, sensitivity)
      files.append(SensitivityTable.file)
    }
    files.append("manifest.json")
    var manifest = first
    manifest.removeValue(forKey: "shard")
    manifest["files"] = files
    manifest["merged_from"] = order.map { manifests[$0].folder }
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

  /// `Results/x` for shards written to `Results/x-shard-i-of-n`.
  private static func defaultDestination(_ folder: String, count: Int) throws(OutputError) -> String {
    let url = URL(fileURLWithPath: folder).standardizedFileURL
    let name = url.lastPathComponent
    guard let cut = name.range(of: "-shard-", options: .backwards), name.hasSuffix("-of-\(count)") else {
      throw OutputError(path: folder, "is not named NAME-shard-i-of-\(count); give the merged folder with --out", refusal: true)
    }
    return url.deletingLastPathComponent().appendingPathComponent(String(name[..<cut.lowerBound])).path
  }

  /// Merges table `name` of every shard by `sweep_point`; returns how many points it has.
  private static func mergeTable(_ name: String, from sources: [URL], into staging: ResultStaging) throws(OutputError) -> Int {
    let readers = try sources.map { (folder: URL) throws(OutputError) -> CSVLines in
      try CSVLines(path: folder.appendingPathComponent(name).path)
    }
    defer { readers.forEach { $0.close() } }
    let headers = readers.map { $0.nextRecord() }
    guard let header = headers[0], headers.allSatisfy({ $0 == header }),
      header.hasPrefix("sweep_point,") || header == "sweep_point"
    else {
      throw OutputError(
        path: sources[0].appendingPathComponent(name).path, "the shards' \(name) headers differ or lack sweep_point")
    }
    func point(_ record: String?) -> Int? { record.flatMap { Int($0.prefix { $0 != "," }) } }
    var current = readers.map { $0.nextRecord() }
    var points = 0
    var failure: OutputError?
    try staging.write(name) { handle in
      var buffer = header + "\n"
      while true {
        var best: Int?
        for (s, record) in current.enumerated() {
          guard let record else { continue }
          guard let p = point(record) else {
            failure = OutputError(path: sources[s].appendingPathComponent(name).path, "a row without its sweep_point")
            return
          }
          if best == nil || p < point(current[best!])! { best = s }
        }
        guard let s = best else { break }
        let p = point(current[s])!
        points += 1
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
    return points
  }
}
