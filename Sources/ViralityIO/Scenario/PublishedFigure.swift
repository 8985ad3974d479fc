// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// A published figure the scenario is calibrated against (`published:`), which a report
/// shows beside the simulated one: the metric (a `runs.csv` column, summarised in
/// `summary.csv`), its published value, optionally an interval, and the source.
public struct PublishedFigure: Codable, Sendable, Equatable {
  public var metric: String
  public var value: Double
  public var low: Double?
  public var high: Double?
  public var source: String
  /// How a report names the figure (default: the metric).
  public var label: String?

  enum CodingKeys: String, CodingKey, CaseIterable { case metric, value, low, high, source, label }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    metric = try c.decode(String.self, forKey: .metric)
    value = try c.decode(Double.self, forKey: .value)
    low = try c.decodeIfPresent(Double.self, forKey: .low)
    high = try c.decodeIfPresent(Double.self, forKey: .high)
    source = try c.decode(String.self, forKey: .source)
    label = try c.decodeIfPresent(String.self, forKey: .label)
  }

  /// Checks the numbers, and that `metric` is one of `metrics`.
  func validate(metrics: [String]) throws(ParameterError) {
    guard metrics.contains(metric) else {
      throw ParameterError("metric", "'\(metric)' is not a metric of these runs; use one of \(metrics.joined(separator: ", "))")
    }
    for (key, number) in [("value", value), ("low", low), ("high", high)] {
      if let number, !number.isFinite { throw ParameterError(key, "must be a finite number; got \(number)") }
    }
    if let low, let high, !(low <= value && value <= high) {
      throw ParameterError("low", "the interval [\(low), \(high)] must hold the value \(value)")
    }
    if (low == nil) != (high == nil) {
      throw ParameterError(low == nil ? "low" : "high", "give both ends of the interval, or neither")
    }
  }
}
