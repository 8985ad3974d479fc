// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A results folder as a report reads it: its manifest and whichever tables it holds.
struct ReportInput {
  let folder: String
  /// manifest.json, as JSON objects.
  let manifest: [String: Any]
  private(set) var tables: [String: CSVRows] = [:]

  static let tableNames = [
    "summary.csv", "runs.csv", "timeseries.csv", "graph.csv", "degrees.csv", "separation.csv", "compare.csv",
    "sensitivity.csv", "cascades.csv", "layout.csv", "edges.csv", "split.csv",
  ]

  init(folder: String) throws(OutputError) {
    self.folder = folder
    let manifestPath = "\(folder)/manifest.json"
    guard let data = FileManager.default.contents(atPath: manifestPath) else {
      throw OutputError(
        path: folder, "is not a results folder (no manifest.json): give a folder viral run, compare or sweep wrote",
        refusal: true)
    }
    guard let manifest = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
      throw OutputError(path: manifestPath, "is not a JSON object", refusal: true)
    }
    self.manifest = manifest
    for name in Self.tableNames {
      let path = "\(folder)/\(name)"
      guard let data = FileManager.default.contents(atPath: path) else { continue }
      tables[name] = try CSVRows(String(decoding: data, as: UTF8.self), file: path)
    }
    guard tables["summary.csv"] != nil || tables["graph.csv"] != nil || tables["split.csv"] != nil else {
      throw OutputError(path: folder, "holds none of summary.csv, graph.csv and split.csv: nothing to report", refusal: true)
    }
  }

  /// The scenario as the manifest resolved it.
  var scenario: [String: Any] { manifest["scenario"] as? [String: Any] ?? [:] }
  var name: String { scenario["name"] as? String ?? URL(fileURLWithPath: folder).lastPathComponent }

  /// The swept fields' columns: those before `variant` in summary.csv (or graph.csv),
  /// after `sweep_point`.
  var sweepColumns: [String] {
    guard let table = tables["summary.csv"] ?? tables["graph.csv"] else { return [] }
    let end = table.index("variant") ?? table.index("graph_realization") ?? 0
    return table.columns.prefix(end).filter { $0 != "sweep_point" }
  }
}
