// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import ViralityCore

/// `compare.csv` and the ranked table of `viral compare`: every seeding variant against the
/// baseline (the first variant) on the same graphs and replicate streams, so differences are
/// paired replicate by replicate.
///
/// Per sweep point, variant and metric: the mean with its 95% interval, the mean paired
/// difference to the baseline with its interval (the same bootstrap as `summary.csv`, over
/// the differences), the share of replicates in which the variant beats the baseline
/// (a higher value, or a lower one for costs and times), and how long choosing the seeds
/// took and how much working memory the strategy used.
public struct CompareTable {
  /// Per sweep point and variant: choosing the seeds.
  public struct Selection: Sendable {
    /// Mean seconds per graph.
    public var seconds: Double
    /// The largest working storage over the graphs, in bytes.
    public var workspaceBytes: Int
    /// The graphs the seeds were chosen for.
    public var graphs: Int
  }

  /// Metrics where less is better.
  static let lowerIsBetter: Set<String> = [
    "seed_cost", "cost_per_adopter", "cost_per_target_adopter", "time_to_50pct_h", "time_to_90pct_h", "died_early",
    "truncated",
  ]

  struct Row {
    let values: [String]
    let variant: String
    let baseline: String
    let metric: String
    let statistic: RunSummary.Statistic
    let difference: Double?
    let differenceLow: Double?
    let differenceHigh: Double?
    let beats: Double?
    let selection: Selection?
  }

  let keyColumns: [String]
  let rows: [Row]
  let summary: RunSummary

  /// Offsets the bootstrap streams of differences from those of `summary.csv`.
  static let streamOffset = 1 << 32

  init(report: RunReport, summary: RunSummary, selections: [String: Selection], seed: UInt64, generator: GeneratorKind) {
    keyColumns = report.keyColumns
    self.summary = summary
    let streams = StreamPlan(master: seed, kind: generator)
    let stream = RandomStream(seed: 0, kind: generator)
    var rows: [Row] = []
    for (g, group) in report.groups.enumerated() {
      guard let baseline = report.groups.first(where: { $0.values == group.values }) else { continue }
      let summarized = summary.groups[g]
      // Pairs: this variant's run and the baseline's run of the same replicate.
      let baselineRun = Dictionary(uniqueKeysWithValues: baseline.replicates.enumerated().map { ($1, $0) })
      let pairs = group.replicates.enumerated().compactMap { i, r in baselineRun[r].map { (i, $0) } }
      stream.reseed(streams.seed(.bootstrap, Self.streamOffset + report.streamIndex(of: group)))
      let bootstrap = BootstrapInterval(clusters: pairs.map { group.realizations[$0.0] }, stream: stream)
      let columns =
        RunReport.metrics.map { (group.values(of: $0), baseline.values(of: $0)) }
        + report.extraNames.indices.map { (group.values(ofExtra: $0), baseline.values(ofExtra: $0)) }
      for (m, name) in summary.metricNames.enumerated() {
        let (mine, theirs) = columns[m]
        let differences: [Double?] = pairs.map { i, j in
          guard let a = mine[i], let b = theirs[j] else { return nil }
          return a - b
        }
        let defined = differences.compactMap { $0 }
        let mean = defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count)
        var interval = defined.count > 1 ? bootstrap.interval(differences) : nil
        if let first = defined.first, defined.allSatisfy({ $0 == first }) { interval = first...first }
        let lower = Self.lowerIsBetter.contains(name)
        let beats = defined.isEmpty ? nil : Double(defined.filter { lower ? $0 < 0 : $0 > 0 }.count) / Double(defined.count)
        rows.append(
          Row(
            values: group.values, variant: group.variant, baseline: baseline.variant, metric: name,
            statistic: summarized.statistics[m], difference: mean, differenceLow: interval?.lowerBound,
            differenceHigh: interval?.upperBound, beats: beats,
            selection: selections[Self.key(group.values, group.variant)]))
      }
    }
    self.rows = rows
  }

  static func key(_ values: [String], _ variant: String) -> String { (values + [variant]).joined(separator: "\u{1F}") }

  /// `compare.csv`: one row per sweep point, variant and metric.
  public var csv: CSVTable {
    var table = CSVTable(
      columns: keyColumns + [
        "baseline", "metric", "mean", "ci95_low", "ci95_high", "n", "difference", "difference_ci95_low",
        "difference_ci95_high", "beats_baseline_share", "selection_seconds", "selection_memory_bytes",
      ])
    for row in rows {
      let s = row.statistic
      table.append(
        row.values.map { .text($0) } + [
          .text(row.variant), .text(row.baseline), .text(row.metric), .double(s.mean), s.low.csv, s.high.csv, .int(s.n),
          row.difference.csv, row.differenceLow.csv, row.differenceHigh.csv, row.beats.csv, row.selection.map(\.seconds).csv,
          row.selection.map(\.workspaceBytes).csv,
        ])
    }
    return table
  }

  /// The ranked table: per sweep point, the variants by decreasing mean of the first of
  /// `columns` that shows an interval, with the difference to the baseline, the share of
  /// replicates won, the spend and what choosing the seeds took.
  public func lines(columns: [SummaryColumn], hasValue: Bool) -> [String] {
    let shown = columns.filter(\.interval)
    guard let primary = shown.first else { return [] }
    var header = ["rank", "variant"] + shown.map(\.header)
    // Spend and return, unless the model's columns show them already.
    let spend =
      [("seed_cost", "seed cost ($)"), ("cost_per_adopter", "per adopter ($)")].filter { metric, _ in
        !shown.contains { $0.metric == metric }
      } + (hasValue ? [("roi", "ROI")] : [])
    header += ["vs \(rows.first?.baseline ?? "baseline")", "beats it (%)"] + spend.map(\.1)
    header.append("choosing (s)")
    var table = [header]
    // Rows that are not ranks name the sweep point the ranks below belong to.
    var pointRows: [Int: String] = [:]
    let points = summary.groups.map(\.values).reduce(into: [[String]]()) { if !$0.contains($1) { $0.append($1) } }
    for values in points {
      if !values.isEmpty {
        pointRows[table.count] = zip(summary.keyColumns, values).map { "\($0) = \($1)" }.joined(separator: ", ")
        table.append(header.map { _ in "" })
      }
      let groups = summary.groups.filter { $0.values == values }
      let ranked = groups.sorted {
        (summary.scaled(primary, $0)?.mean ?? -.infinity) > (summary.scaled(primary, $1)?.mean ?? -.infinity)
      }
      for (rank, group) in ranked.enumerated() {
        func row(_ metric: String) -> Row? {
          rows.first { $0.values == values && $0.variant == group.variant && $0.metric == metric }
        }
        var cells = ["\(rank + 1)", group.variant]
        cells += shown.map { summary.cell($0, group) }
        let difference = row(primary.metric)
        let factor = primary.scale == .percentOfAgents ? 100 / Double(max(group.context.nodes, 1)) : 1
        func fixed(_ value: Double?, _ places: Int = primary.decimals) -> String {
          value.map { String(format: "%+.\(places)f", $0 * factor) } ?? "-"
        }
        cells.append(
          difference?.difference.map { _ in
            "\(fixed(difference?.difference)) (\(fixed(difference?.differenceLow))–\(fixed(difference?.differenceHigh)))"
          } ?? "-")
        cells.append(difference?.beats.map { String(format: "%.0f", 100 * $0) } ?? "-")
        for (metric, _) in spend {
          let mean = summary.statistic(metric, in: group)?.mean
          cells.append(mean.map { $0.isFinite ? String(format: "%.2f", $0) : "-" } ?? "-")
        }
        cells.append(difference?.selection.map { String(format: "%.3f", $0.seconds) } ?? "-")
        table.append(cells)
      }
    }
    return TextTable.aligned(table).enumerated().map { pointRows[$0] ?? $1 }
  }
}
