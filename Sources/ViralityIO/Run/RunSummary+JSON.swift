// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

extension RunSummary {
  /// One group's metrics for `--json`.
  struct GroupJSON: Encodable {
    let sweep: [String: String]
    let variant: String
    let runs: Int
    let ciResampled: String
    let metrics: [String: MetricJSON]

    enum CodingKeys: String, CodingKey { case sweep, variant, runs, ciResampled = "ci_resampled", metrics }
  }

  /// A metric's mean, sd and 95% interval (nil where undefined).
  struct MetricJSON: Encodable {
    let mean: Double?
    let sd: Double?
    let ci95: [Double]?
    let n: Int
  }

  /// The whole run for `--json`: where the results are, the warnings, and every group's
  /// metrics.
  struct RunJSON: Encodable {
    let results: String
    let files: [String]
    let warnings: [String]
    let groups: [GroupJSON]
  }

  /// The summary as one JSON object (keys sorted), for scripts: `results` (the folder),
  /// `files`, `warnings` and `groups` (sweep values, variant, runs, and each metric's mean,
  /// sd, 95% interval and n).
  public func json(results: String, files: [String], warnings: [String], sweepKeys: [String]) throws -> String {
    func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }
    let groups = groups.map { group in
      GroupJSON(
        sweep: Dictionary(uniqueKeysWithValues: zip(sweepKeys, group.values.dropFirst(sweepKeys.isEmpty ? 0 : 1))),
        variant: group.variant, runs: group.runs,
        ciResampled: group.resampled.rawValue,
        metrics: Dictionary(
          uniqueKeysWithValues: zip(metricNames, group.statistics).map { name, s in
            let interval = finite(s.low).flatMap { low in finite(s.high).map { [low, $0] } }
            return (name, MetricJSON(mean: finite(s.mean), sd: finite(s.sd), ci95: interval, n: s.n))
          }))
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let object = RunJSON(results: results, files: files, warnings: warnings, groups: groups)
    return String(decoding: try encoder.encode(object), as: UTF8.self)
  }
}
