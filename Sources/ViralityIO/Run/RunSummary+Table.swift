// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

extension RunSummary {
  /// The columns every table ends with: the peak (at the resolution of the bins: the start of
  /// the bin in days for bins of whole days, else in hours), reach in the target segment when
  /// there is one, and how many runs the horizon cut off or that died early.
  func closingColumns(after columns: [SummaryColumn], binHours: Double) -> [SummaryColumn] {
    var result: [SummaryColumn] = []
    let daily = binHours >= 24 && binHours.truncatingRemainder(dividingBy: 24) == 0
    result.append(
      daily
        ? SummaryColumn("peak (day)", "peak_bin_start_h", scale: .days, decimals: 1)
        : SummaryColumn("peak (h)", "peak_bin_start_h", decimals: 1))
    let hasTarget = groups.contains { $0.context.targetSize < $0.context.nodes }
    if hasTarget && !columns.contains(where: { $0.metric == "target_aware_share" }) {
      result.append(SummaryColumn("target aware (%)", "target_aware_share", scale: .percent, decimals: 1))
    }
    result.append(SummaryColumn("truncated (% of runs)", "truncated", scale: .percent))
    result.append(SummaryColumn("died early (% of runs)", "died_early", scale: .percent))
    return result
  }

  /// The printed table: one row per group, the model's columns then the closing ones.
  public func table(columns: [SummaryColumn], binHours: Double) -> [String] {
    let all = columns + closingColumns(after: columns, binHours: binHours)
    let header = keyColumns.dropLast() + ["variant"] + all.map(\.header)
    var rows = [Array(header)]
    for group in groups {
      rows.append(group.values + [group.variant] + all.map { cell($0, group) })
    }
    return TextTable.aligned(rows)
  }

  /// A column's mean, and its interval when the column shows one, scaled.
  func cell(_ column: SummaryColumn, _ group: Group) -> String {
    guard let s = scaled(column, group), s.mean.isFinite else { return "-" }
    let places = column.decimals
    func fixed(_ value: Double) -> String { String(format: "%.\(places)f", value) }
    guard column.interval, let low = s.low, let high = s.high else { return fixed(s.mean) }
    return "\(fixed(s.mean)) (\(fixed(low))–\(fixed(high)))"
  }

  /// The statistic a column shows, in the column's scale.
  func scaled(_ column: SummaryColumn, _ group: Group) -> Statistic? {
    guard var s = statistic(column.metric, in: group) else { return nil }
    let factor: Double =
      switch column.scale {
      case .plain: 1
      case .days: 1.0 / 24
      case .percent: 100
      case .percentOfAgents: 100 / Double(max(group.context.nodes, 1))
      }
    s.mean *= factor
    s.sd = s.sd.map { $0 * factor }
    s.low = s.low.map { $0 * factor }
    s.high = s.high.map { $0 * factor }
    return s
  }
}
