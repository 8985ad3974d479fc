// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import ViralityCore

/// The tidy tables `viral run` writes: `runs.csv` (one row per run), `summary.csv` (mean,
/// sd and 95% confidence interval of every metric per sweep point and variant),
/// `timeseries.csv` (per run and time bin) and `generations.csv` (per run and generation of
/// the cascade tree), plus the short table printed on stdout.
public struct RunReport {
  /// What the share metrics are shares of.
  public struct Context: Sendable {
    public var nodes: Int
    public var targetSize: Int
    public init(nodes: Int, targetSize: Int) {
      self.nodes = nodes
      self.targetSize = targetSize
    }
  }

  /// A metric: its column, how to read it, and whether it is a yes/no (written true/false,
  /// summarised as the share of yes).
  struct Metric: Sendable {
    let name: String
    let flag: Bool
    let value: @Sendable (RunMetrics, Context) -> Double?
    init(_ name: String, flag: Bool = false, _ value: @escaping @Sendable (RunMetrics, Context) -> Double?) {
      self.name = name
      self.flag = flag
      self.value = value
    }
  }

  static let metrics: [Metric] = [
    Metric("seeds") { m, _ in Double(m.seeds) },
    Metric("reached") { m, _ in Double(m.reached) },
    Metric("aware") { m, _ in Double(m.aware) },
    Metric("engaged") { m, _ in Double(m.engaged) },
    Metric("adopted") { m, _ in Double(m.adopted) },
    Metric("stopped") { m, _ in Double(m.stopped) },
    Metric("aware_share") { m, c in Double(m.aware) / Double(max(c.nodes, 1)) },
    Metric("adopted_share") { m, c in Double(m.adopted) / Double(max(c.nodes, 1)) },
    Metric("target_aware") { m, _ in Double(m.targetAware) },
    Metric("target_aware_share") { m, c in c.targetSize > 0 ? Double(m.targetAware) / Double(c.targetSize) : nil },
    Metric("target_adopted") { m, _ in Double(m.targetAdopted) },
    Metric("peak_time_h") { m, _ in m.peakTime },
    Metric("peak_rate_per_h") { m, _ in m.peakRate },
    Metric("time_to_50pct_h") { m, _ in m.timeTo50 },
    Metric("time_to_90pct_h") { m, _ in m.timeTo90 },
    Metric("depth") { m, _ in Double(m.depth) },
    Metric("max_breadth") { m, _ in Double(m.maxBreadth) },
    Metric("structural_virality") { m, _ in m.structuralVirality },
    Metric("seed_offspring") { m, _ in m.seedOffspring },
    Metric("extinct", flag: true) { m, _ in m.extinct ? 1 : 0 },
    Metric("died_early", flag: true) { m, _ in m.diedEarly ? 1 : 0 },
    Metric("leaders") { m, _ in Double(m.leaders) },
    Metric("carriers") { m, _ in Double(m.carriers) },
    Metric("passive") { m, _ in Double(m.passive) },
    Metric("top20_share") { m, _ in m.top20Share },
    Metric("seed_cost") { m, _ in m.seedCost },
    Metric("cost_per_adopter") { m, _ in m.costPerAdopter },
    Metric("events") { m, _ in Double(m.events) },
    Metric("end_time_h") { m, _ in m.endTime },
  ]

  public private(set) var runs: CSVTable
  public private(set) var timeseries: CSVTable
  public private(set) var generations: CSVTable
  private var groups: [Group] = []
  private let keyColumns: [String]
  /// The model's own metrics, after the engine's.
  public let extraNames: [String]

  private struct Group {
    var values: [String]
    var variant: String
    var context: Context
    var runs: [RunMetrics] = []
    var extras: [[Double?]] = []
    /// The graph realization of each run.
    var realizations: [Int] = []

    /// The defined values of `value` over the runs, each with its run's graph realization.
    func samples(_ value: (Int) -> Double?) -> [Sample] {
      runs.indices.compactMap { i in value(i).map { Sample(value: $0, cluster: realizations[i]) } }
    }

    func samples(of metric: Metric) -> [Sample] { samples { metric.value(runs[$0], context) } }
  }

  /// One run's value of a metric, and the cluster it belongs to (its graph realization).
  struct Sample {
    let value: Double
    let cluster: Int
  }

  typealias Description = (mean: Double, sd: Double?, low: Double?, high: Double?, n: Int)

  public init(sweepKeys: [String], extraMetrics: [String] = []) {
    keyColumns = sweepKeys.map { $0.replacingAll(".", with: "_") } + ["variant"]
    extraNames = extraMetrics
    runs = CSVTable(
      columns: keyColumns + ["replicate", "graph_realization", "seed"] + Self.metrics.map(\.name) + extraMetrics)
    let perState = Milestone.allCases.flatMap { ["\($0.name)_new", "\($0.name)_total"] }
    timeseries = CSVTable(
      columns: keyColumns + ["replicate", "time_h"] + perState + ["active", "reached_new", "cohort_offspring_mean"])
    generations = CSVTable(columns: keyColumns + ["replicate", "generation", "nodes", "offspring_mean"])
  }

  /// Adds the records of one ensemble (one sweep point, one graph realization).
  public mutating func add(
    point: ScenarioPoint, variants: [String], realization: Int, records: [RunRecord], context: Context, binWidth: Double,
    details: Bool
  ) {
    for record in records {
      let label = variants[record.variant]
      let prefix: [CSVValue] = point.assignments.map { .text($0.value) } + [.text(label), .int(record.replicate)]
      let m = record.metrics
      runs.append(
        prefix + [.int(realization), .text(String(record.seed))]
          + Self.metrics.map { metric in
            guard let value = metric.value(m, context) else { return .missing }
            return metric.flag ? .bool(value != 0) : .double(value)
          } + record.extras.map { $0.map(CSVValue.double) ?? .missing })
      if let index = groups.firstIndex(where: { $0.values == point.assignments.map(\.value) && $0.variant == label }) {
        groups[index].runs.append(m)
        groups[index].extras.append(record.extras)
        groups[index].realizations.append(realization)
      } else {
        groups.append(
          Group(
            values: point.assignments.map(\.value), variant: label, context: context, runs: [m], extras: [record.extras],
            realizations: [realization]))
      }
      guard details else { continue }
      let bins = record.bins.count / Milestone.allCases.count
      var totals = [Int](repeating: 0, count: Milestone.allCases.count)
      for bin in 0..<bins {
        var cells: [CSVValue] = prefix + [.double(Double(bin) * binWidth)]
        for milestone in Milestone.allCases {
          let new = Int(record.bins[milestone.rawValue * bins + bin])
          totals[milestone.rawValue] += new
          cells += [.int(new), .int(totals[milestone.rawValue])]
        }
        cells.append(.int(totals[Milestone.engaged.rawValue] - totals[Milestone.stopped.rawValue]))
        // Effective R over time: the mean onward reach of the agents reached in this bin.
        let cohort = record.cohorts[bin]
        cells.append(.int(Int(cohort)))
        cells.append(cohort > 0 ? .double(Double(record.cohorts[bins + bin]) / Double(cohort)) : .missing)
        timeseries.append(cells)
      }
      for (generation, stats) in record.generations.enumerated() {
        generations.append(prefix + [.int(generation), .int(stats.nodes), .double(stats.offspringMean)])
      }
    }
  }

  /// Mean, sd and 95% confidence interval (Student's t) of every metric, per sweep point and
  /// variant; `n` counts the runs where the metric is defined. See `describe(_:)` for the
  /// interval when runs span several graph realizations.
  public var summary: CSVTable {
    var table = CSVTable(columns: keyColumns + ["metric", "mean", "sd", "ci95_low", "ci95_high", "n"])
    for group in groups {
      let prefix: [CSVValue] = group.values.map { .text($0) } + [.text(group.variant)]
      for metric in Self.metrics {
        table.append(prefix + Self.summaryRow(metric.name, Self.describe(group.samples(of: metric))))
      }
      for (i, name) in extraNames.enumerated() {
        table.append(prefix + Self.summaryRow(name, Self.describe(group.samples { group.extras[$0][i] })))
      }
    }
    return table
  }

  private static func summaryRow(_ name: String, _ stats: Description) -> [CSVValue] {
    [.text(name), .double(stats.mean), stats.sd.csv, stats.low.csv, stats.high.csv, .int(stats.n)]
  }

  /// Mean, sd and 95% interval of metric `name` (the engine's or the model's) in each group,
  /// keyed by the group's sweep values and variant.
  public func describe(_ name: String) -> [(values: [String], variant: String, mean: Double, n: Int)] {
    groups.map { group in
      let samples: [Sample]
      if let metric = Self.metrics.first(where: { $0.name == name }) {
        samples = group.samples(of: metric)
      } else if let i = extraNames.firstIndex(of: name) {
        samples = group.samples { group.extras[$0][i] }
      } else {
        samples = []
      }
      let stats = Self.describe(samples)
      return (group.values, group.variant, stats.mean, stats.n)
    }
  }

  /// Mean, sd and 95% confidence interval of the mean of `samples`.
  ///
  /// Runs on one graph are independent given the graph, but runs on different realizations
  /// of a random graph model also differ by their graphs, and a heavy-tailed model's
  /// realizations can differ a lot (the most-followed accounts of one may reach far more
  /// people than those of another). With one realization the interval is Student's t over
  /// the runs: it speaks for that graph. With several, each realization's runs form a
  /// cluster and the standard error is the cluster-robust one, (R/(R−1)) Σ_r (S_r − n_r·ȳ)²
  /// / N² for R realizations with sums S_r over n_r of N runs, with R − 1 degrees of freedom
  /// (Cameron & Miller, J. Human Resources 50:317, 2015): the interval then speaks for the
  /// model.
  static func describe(_ samples: [Sample]) -> Description {
    let n = samples.count
    guard n > 0 else { return (.nan, nil, nil, nil, 0) }
    let mean = samples.reduce(0) { $0 + $1.value } / Double(n)
    guard n > 1 else { return (mean, nil, nil, nil, n) }
    let sd = (samples.reduce(0) { $0 + ($1.value - mean) * ($1.value - mean) } / Double(n - 1)).squareRoot()
    // Clusters are realization numbers 0..<R: sums in arrays, in realization order.
    let clusterCount = samples.map(\.cluster).max()! + 1
    var sums = [Double](repeating: 0, count: clusterCount)
    var counts = [Int](repeating: 0, count: clusterCount)
    for sample in samples {
      sums[sample.cluster] += sample.value
      counts[sample.cluster] += 1
    }
    let clusters = counts.count { $0 > 0 }
    let half: Double
    if clusters > 1 {
      let r = Double(clusters)
      var spread = 0.0
      for (sum, count) in zip(sums, counts) {
        let deviation = sum - Double(count) * mean
        spread += deviation * deviation
      }
      let standardError = (r / (r - 1) * spread).squareRoot() / Double(n)
      half = StudentT.quantile(0.975, degreesOfFreedom: r - 1) * standardError
    } else {
      half = StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1)) * sd / Double(n).squareRoot()
    }
    return (mean, sd, mean - half, mean + half, n)
  }

  /// The stdout table: one row per sweep point and variant.
  public var table: [String] {
    let header =
      keyColumns.dropLast() + [
        "variant", "aware (95% CI)", "aware %", "adopted", "target %", "depth", "virality", "peak day", "died early",
      ]
    var rows = [Array(header)]
    func mean(_ group: Group, _ name: String) -> Description {
      Self.describe(group.samples(of: Self.metrics.first { $0.name == name }!))
    }
    func fixed(_ value: Double, _ places: Int) -> String { value.isFinite ? String(format: "%.\(places)f", value) : "-" }
    for group in groups {
      let aware = mean(group, "aware")
      let interval = aware.low.map { " (\(fixed($0, 0))–\(fixed(aware.high!, 0)))" } ?? ""
      rows.append(
        group.values + [
          group.variant, fixed(aware.mean, 0) + interval, fixed(100 * mean(group, "aware_share").mean, 1),
          fixed(mean(group, "adopted").mean, 0),
          group.context.targetSize < group.context.nodes ? fixed(100 * mean(group, "target_aware_share").mean, 1) : "-",
          fixed(mean(group, "depth").mean, 1), fixed(mean(group, "structural_virality").mean, 2),
          fixed(mean(group, "peak_time_h").mean / 24, 1), fixed(100 * mean(group, "died_early").mean, 0) + "%",
        ])
    }
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max()! + 2 }
    return rows.map { row in row.enumerated().map { $1 + String(repeating: " ", count: widths[$0] - $1.count) }.joined() }
  }
}
