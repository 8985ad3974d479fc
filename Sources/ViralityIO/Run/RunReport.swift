// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import ViralityCore

/// The tidy tables `viral run` writes as records arrive: `runs.csv` (one row per run),
/// `timeseries.csv` (per run and time bin, through the run's last event) and
/// `generations.csv` (per run, cascade forest and generation); and the runs of every group
/// (sweep point × variant) for `summarized(seed:generator:)`, which computes `summary.csv`
/// and the printed table.
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
    Metric("reached_share") { m, c in Double(m.reached) / Double(max(c.nodes, 1)) },
    Metric("aware_share") { m, c in Double(m.aware) / Double(max(c.nodes, 1)) },
    Metric("adopted_share") { m, c in Double(m.adopted) / Double(max(c.nodes, 1)) },
    Metric("target_aware") { m, _ in Double(m.targetAware) },
    Metric("target_aware_share") { m, c in c.targetSize > 0 ? Double(m.targetAware) / Double(c.targetSize) : nil },
    Metric("target_adopted") { m, _ in Double(m.targetAdopted) },
    Metric("peak_bin_start_h") { m, _ in m.peakBinStart },
    Metric("peak_bin_reached") { m, _ in m.peakBinStart.map { _ in Double(m.peakBinReached) } },
    Metric("time_to_50pct_h") { m, _ in m.timeTo50 },
    Metric("time_to_90pct_h") { m, _ in m.timeTo90 },
    Metric("depth") { m, _ in Double(m.depth) },
    Metric("max_breadth") { m, _ in Double(m.maxBreadth) },
    Metric("structural_virality") { m, _ in m.structuralVirality },
    Metric("seed_offspring") { m, _ in m.seedOffspring },
    Metric("truncated", flag: true) { m, _ in m.truncated ? 1 : 0 },
    Metric("growth_at_horizon") { m, _ in m.growthAtHorizon },
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
  private(set) var groups: [Group] = []
  let keyColumns: [String]
  /// The model's own metrics, after the engine's.
  public let extraNames: [String]

  /// The runs of one sweep point and variant.
  struct Group {
    var values: [String]
    var variant: String
    var context: Context
    var runs: [RunMetrics] = []
    var extras: [[Double?]] = []
    /// The graph realization of each run.
    var realizations: [Int] = []
    /// The generations of each cascade forest the records name, pooled over the runs.
    var pooled: [PooledGenerations] = []

    /// The metric's value in every run (nil where undefined).
    func values(of metric: Metric) -> [Double?] { runs.map { metric.value($0, context) } }

    /// The extra metric's value in every run.
    func values(ofExtra index: Int) -> [Double?] { extras.map { $0[index] } }

    mutating func add(_ record: RunRecord, realization: Int) {
      runs.append(record.metrics)
      extras.append(record.extras)
      realizations.append(realization)
      for table in record.generations {
        if let i = pooled.firstIndex(where: { $0.tree == table.tree }) {
          pooled[i].add(table.counts)
        } else {
          var fresh = PooledGenerations(tree: table.tree)
          fresh.add(table.counts)
          pooled.append(fresh)
        }
      }
    }
  }

  public init(sweepKeys: [String], extraMetrics: [String] = []) {
    keyColumns = sweepKeys.map { $0.replacingAll(".", with: "_") } + ["variant"]
    extraNames = extraMetrics
    runs = CSVTable(
      columns: keyColumns + ["replicate", "graph_realization", "seed"] + Self.metrics.map(\.name) + extraMetrics)
    let perState = Milestone.allCases.flatMap { ["\($0.name)_new", "\($0.name)_total"] }
    timeseries = CSVTable(
      columns: keyColumns + ["replicate", "time_h"] + perState + ["active", "reached_new", "cohort_offspring_mean"])
    generations = CSVTable(
      columns: keyColumns + ["replicate", "tree", "generation", "agents", "children", "offspring_mean"])
  }

  /// Adds the records of one ensemble (one sweep point, one graph realization); `details`
  /// also writes their time series and generations.
  public mutating func add(
    point: ScenarioPoint, variants: [String], realization: Int, records: [RunRecord], context: Context, details: Bool
  ) {
    let values = point.assignments.map(\.value)
    for record in records {
      let label = variants[record.variant]
      let prefix: [CSVValue] = values.map { .text($0) } + [.text(label), .int(record.replicate)]
      runs.append(
        prefix + [.int(realization), .text(String(record.seed))]
          + Self.metrics.map { metric in
            guard let value = metric.value(record.metrics, context) else { return .missing }
            return metric.flag ? .bool(value != 0) : .double(value)
          } + record.extras.map(\.csv))
      if let index = groups.firstIndex(where: { $0.values == values && $0.variant == label }) {
        groups[index].add(record, realization: realization)
      } else {
        var group = Group(values: values, variant: label, context: context)
        group.add(record, realization: realization)
        groups.append(group)
      }
      guard details else { continue }
      appendTimeSeries(record.timeSeries, prefix: prefix)
      for table in record.generations {
        for generation in table.counts.agents.indices {
          generations.append(
            prefix + [
              .text(table.tree), .int(generation), .int(table.counts.agents[generation]),
              .int(table.counts.children[generation]), table.counts.offspringMean(generation).csv,
            ])
        }
      }
    }
  }

  private mutating func appendTimeSeries(_ series: TimeSeries, prefix: [CSVValue]) {
    var totals = [Int](repeating: 0, count: Milestone.allCases.count)
    for bin in 0..<series.binCount {
      var cells: [CSVValue] = prefix + [.double(series.start(of: bin))]
      for milestone in Milestone.allCases {
        let new = series.new(milestone, bin: bin)
        totals[milestone.rawValue] += new
        cells += [.int(new), .int(totals[milestone.rawValue])]
      }
      cells.append(.int(totals[Milestone.engaged.rawValue] - totals[Milestone.stopped.rawValue]))
      // Effective R over time: the mean onward reach of the agents reached in this bin.
      let cohort = series.reached(bin: bin)
      cells.append(.int(cohort))
      cells.append(cohort > 0 ? .double(Double(series.onward(bin: bin)) / Double(cohort)) : .missing)
      timeseries.append(cells)
    }
  }

  /// Every metric's mean, sd and bootstrap interval per group; group i draws its resamples
  /// from the stream `derive(seed, .bootstrap, i)`.
  public func summarized(seed: UInt64, generator: GeneratorKind) -> RunSummary {
    RunSummary(report: self, seed: seed, generator: generator)
  }
}
