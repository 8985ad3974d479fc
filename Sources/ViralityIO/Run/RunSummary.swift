// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import ViralityCore

/// Every metric of a run report, summarised per group (sweep point × variant): mean, sd
/// and a 95% bootstrap interval of the mean (`BootstrapInterval`: BCa, expanded for small
/// samples, resampling graph realizations when the runs span several), and the pooled
/// generations of each cascade forest. `summary.csv`, the printed table and `--json` are
/// views of it.
public struct RunSummary {
  /// One metric of one group.
  public struct Statistic: Sendable, Equatable {
    public var mean: Double
    public var sd: Double?
    public var low: Double?
    public var high: Double?
    /// Runs where the metric is defined.
    public var n: Int
  }

  public struct Group {
    /// The swept values, in sweep order.
    public let values: [String]
    public let variant: String
    public let context: RunReport.Context
    /// Metrics by name, in `RunSummary.metricNames` order.
    public let statistics: [Statistic]
    public let pooled: [PooledGenerations]
    public let runs: Int
    /// What the interval resampled.
    public let resampled: BootstrapInterval.Units
  }

  public let keyColumns: [String]
  /// The engine's metrics, then the model's.
  public let metricNames: [String]
  public let groups: [Group]

  init(report: RunReport, seed: UInt64, generator: GeneratorKind) {
    keyColumns = report.keyColumns
    metricNames = RunReport.metrics.map(\.name) + report.extraNames
    let stream = RandomStream(seed: 0, kind: generator)
    let streams = StreamPlan(master: seed, kind: generator)
    groups = report.groups.map { group in
      stream.reseed(streams.seed(.bootstrap, report.streamIndex(of: group)))
      let bootstrap = BootstrapInterval(clusters: group.realizations, stream: stream)
      let columns =
        RunReport.metrics.map { group.values(of: $0) } + report.extraNames.indices.map { group.values(ofExtra: $0) }
      return Group(
        values: group.values, variant: group.variant, context: group.context,
        statistics: columns.map { Self.describe($0, bootstrap) }, pooled: group.pooled, runs: group.runs.count,
        resampled: bootstrap.units)
    }
  }

  /// Mean, sd and interval of the defined values.
  static func describe(_ values: [Double?], _ bootstrap: BootstrapInterval) -> Statistic {
    let defined = values.compactMap { $0 }
    let n = defined.count
    guard n > 0 else { return Statistic(mean: .nan, sd: nil, low: nil, high: nil, n: 0) }
    let mean = defined.reduce(0, +) / Double(n)
    guard n > 1 else { return Statistic(mean: mean, sd: nil, low: nil, high: nil, n: n) }
    let sd = (defined.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot()
    let interval = bootstrap.interval(values)
    return Statistic(mean: mean, sd: sd, low: interval?.lowerBound, high: interval?.upperBound, n: n)
  }

  /// Metric `name` in `group` (nil for a name the report does not have).
  public func statistic(_ name: String, in group: Group) -> Statistic? {
    metricNames.firstIndex(of: name).map { group.statistics[$0] }
  }

  /// `summary.csv`: one row per group and metric.
  public var csv: CSVTable {
    var table = CSVTable(columns: keyColumns + ["metric", "mean", "sd", "ci95_low", "ci95_high", "n", "ci_resampled"])
    for group in groups {
      let prefix: [CSVValue] = group.values.map { .text($0) } + [.text(group.variant)]
      for (name, s) in zip(metricNames, group.statistics) {
        table.append(
          prefix + [.text(name), .double(s.mean), s.sd.csv, s.low.csv, s.high.csv, .int(s.n), .text(group.resampled.rawValue)])
      }
    }
    return table
  }

  /// Warnings for the terminal: runs the horizon cut off with events still due, and how
  /// fast they were still growing then.
  public func warnings(horizon: TimeSpan, binHours: Double) -> [String] {
    var truncation = Truncation()
    for group in groups {
      guard let truncated = statistic("truncated", in: group), let late = statistic("growth_at_horizon", in: group)
      else { continue }
      truncation.add(runs: group.runs, truncated: truncated, growth: late)
    }
    return truncation.warnings(horizon: horizon, binHours: binHours)
  }

  /// Runs cut off by the horizon, summed over groups (from a `RunSummary`, or from a sweep's
  /// `summary.csv` as it is read back).
  public struct Truncation: Sendable {
    var runs = 0
    var cut = 0.0
    var growth = 0.0

    public init() {}

    /// Adds a group of `runs` runs with its `truncated` and `growth_at_horizon` statistics.
    mutating func add(runs: Int, truncated: Statistic, growth late: Statistic) {
      self.runs += runs
      guard late.n > 0 else { return }
      cut += truncated.mean * Double(runs)
      growth += late.mean * Double(late.n)
    }

    /// The summed groups of a `summary.csv` (one row per group and metric).
    public static func reading(_ path: String) throws(OutputError) -> Truncation {
      let summary = try CSVLines(path: path)
      defer { summary.close() }
      let header = CSVLines.fields(summary.nextRecord() ?? "")
      var truncation = Truncation()
      guard let metric = header.firstIndex(of: "metric"), let mean = header.firstIndex(of: "mean"),
        let n = header.firstIndex(of: "n")
      else { return truncation }
      var truncated: Statistic?
      while let record = summary.nextRecord() {
        let cells = CSVLines.fields(record)
        guard cells.count == header.count, ["truncated", "growth_at_horizon"].contains(cells[metric]) else { continue }
        // A metric no run defines has an empty mean and n = 0.
        let statistic = Statistic(mean: Double(cells[mean]) ?? 0, sd: nil, low: nil, high: nil, n: Int(cells[n]) ?? 0)
        // Each group's truncated row comes before its growth_at_horizon row.
        if cells[metric] == "truncated" { truncated = statistic }
        if cells[metric] == "growth_at_horizon", let cut = truncated {
          truncation.add(runs: cut.n, truncated: cut, growth: statistic)
          truncated = nil
        }
      }
      return truncation
    }

    public func warnings(horizon: TimeSpan, binHours: Double) -> [String] {
      guard cut > 0, runs > 0 else { return [] }
      func percent(_ share: Double) -> String {
        share > 0 && share < 0.01 ? "under 1%" : "\(Int((100 * share).rounded()))%"
      }
      let meanGrowth = growth / cut.rounded()
      let verdict =
        meanGrowth >= 0.01
        ? ": they were still spreading; a longer horizon lets them finish"
        : ": they had all but stopped reaching new agents, so the cut changes their reach little"
      return [
        "warning: \(percent(cut / Double(runs))) of the runs (\(Int(cut.rounded())) of \(runs)) were cut off by the horizon (\(horizon)) with events still due, and reached \(percent(meanGrowth)) of their agents in the last \(TimeSpan(hours: binHours)) before it\(verdict) (runs.csv: truncated, growth_at_horizon)"
      ]
    }
  }
}
