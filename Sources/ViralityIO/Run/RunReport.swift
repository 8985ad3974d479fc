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
    /// What outcomes are worth (nil: no `value:` section, no value or ROI).
    public var valuation: Valuation?
    public init(nodes: Int, targetSize: Int, valuation: Valuation? = nil) {
      self.nodes = nodes
      self.targetSize = targetSize
      self.valuation = valuation
    }
  }

  /// One run as the metrics read it: the engine's metrics and the model's own, by name.
  struct Run: Sendable {
    let metrics: RunMetrics
    let extras: [Double?]
    let extraNames: [String]
    /// The same replicate without seeds (`MeasureSettings.lift`), its extras by the
    /// model's own names (`organicNames`).
    var organic: RunRecord.Outcome? = nil
    var organicNames: [String] = []
    func extra(_ name: String) -> Double? { extraNames.firstIndex(of: name).flatMap { extras[$0] } }

    /// What the run is worth, and what the same replicate without seeds was worth.
    func value(_ valuation: Valuation) -> Double { valuation.value(of: metrics, extra: extra) }
    func organicValue(_ valuation: Valuation) -> Double? {
      organic.map { organic in
        valuation.value(of: organic.metrics) { name in organicNames.firstIndex(of: name).flatMap { organic.extras[$0] } }
      }
    }
  }

  /// `numerator / denominator` when both are defined, the denominator is positive and the
  /// quotient finite (a price of 10^−320 would make it infinite).
  static func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
    guard let numerator, let denominator, denominator > 0 else { return nil }
    let quotient = numerator / denominator
    return quotient.isFinite ? quotient : nil
  }

  /// A metric: its column, how to read it, and whether it is a yes/no (written true/false,
  /// summarised as the share of yes).
  struct Metric: Sendable {
    let name: String
    let flag: Bool
    let value: @Sendable (Run, Context) -> Double?
    init(_ name: String, flag: Bool = false, _ value: @escaping @Sendable (RunMetrics, Context) -> Double?) {
      self.init(name, flag: flag, run: { run, context in value(run.metrics, context) })
    }
    init(_ name: String, flag: Bool = false, run value: @escaping @Sendable (Run, Context) -> Double?) {
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
    Metric("cost_per_target_adopter") { m, _ in m.targetAdopted > 0 ? m.seedCost / Double(m.targetAdopted) : nil },
    Metric("value", run: { r, c in c.valuation.map { $0.value(of: r.metrics, extra: r.extra) } }),
    Metric(
      "roi",
      run: { r, c in
        guard let valuation = c.valuation, r.metrics.seedCost > 0 else { return nil }
        return (valuation.value(of: r.metrics, extra: r.extra) - r.metrics.seedCost) / r.metrics.seedCost
      }),
    Metric("events") { m, _ in Double(m.events) },
    Metric("end_time_h") { m, _ in m.endTime },
    // The strategist's vocabulary (Scenarios/README.md, "What a campaign costs and earns"):
    // reach is `aware` (people exposed at least once), each figure overall and for the target.
    Metric("target_engaged") { m, _ in Double(m.targetEngaged) },
    Metric("impressions") { m, _ in m.impressions.map(Double.init) },
    Metric("target_impressions") { m, _ in m.targetImpressions.map(Double.init) },
    Metric("frequency") { m, _ in ratio(m.impressions.map(Double.init), Double(m.aware)) },
    Metric("target_frequency") { m, _ in ratio(m.targetImpressions.map(Double.init), Double(m.targetAware)) },
    Metric("cpm") { m, _ in m.seedCost > 0 ? ratio(1000 * m.seedCost, m.impressions.map(Double.init)) : nil },
    Metric("target_cpm") { m, _ in m.seedCost > 0 ? ratio(1000 * m.seedCost, m.targetImpressions.map(Double.init)) : nil },
    Metric("cost_per_engagement") { m, _ in m.seedCost > 0 ? ratio(m.seedCost, Double(m.engaged)) : nil },
    Metric("cost_per_target_engagement") { m, _ in m.seedCost > 0 ? ratio(m.seedCost, Double(m.targetEngaged)) : nil },
    Metric("roas", run: { r, c in c.valuation.flatMap { ratio(r.value($0), r.metrics.seedCost) } }),
    Metric("target_value", run: { r, c in c.valuation.map { $0.targetValue(of: r.metrics) } }),
    Metric(
      "target_roi",
      run: { r, c in
        c.valuation.flatMap { v in ratio(v.targetValue(of: r.metrics) - r.metrics.seedCost, r.metrics.seedCost) }
      }),
    Metric("target_roas", run: { r, c in c.valuation.flatMap { ratio($0.targetValue(of: r.metrics), r.metrics.seedCost) } }),
    // The lift over the same replicate without seeds (outputs.lift).
    Metric("organic_adopted", run: { r, _ in r.organic.map { Double($0.metrics.adopted) } }),
    Metric("incremental_adopted", run: { r, _ in r.organic.map { Double(r.metrics.adopted - $0.metrics.adopted) } }),
    Metric(
      "incremental_target_adopted",
      run: { r, _ in r.organic.map { Double(r.metrics.targetAdopted - $0.metrics.targetAdopted) } }),
    Metric(
      "incremental_value",
      run: { r, c in c.valuation.flatMap { v in r.organicValue(v).map { r.value(v) - $0 } } }),
    Metric(
      "incremental_roi",
      run: { r, c in
        c.valuation.flatMap { v in r.organicValue(v).flatMap { ratio(r.value(v) - $0 - r.metrics.seedCost, r.metrics.seedCost) } }
      }),
  ]

  /// Reads metric `name` (a runs.csv column: the engine's or one of `modelExtras`, the
  /// model's own) from a record; nil where it is undefined or unknown.
  static func reader(of name: String, modelExtras: [String], context: Context) -> (RunRecord) -> Double? {
    if let metric = metrics.first(where: { $0.name == name }) {
      return { record in
        metric.value(
          Run(
            metrics: record.metrics, extras: record.extras, extraNames: modelExtras, organic: record.organic,
            organicNames: modelExtras), context)
      }
    }
    let index = modelExtras.firstIndex(of: name)
    return { record in index.flatMap { record.extras[$0] } }
  }

  public private(set) var runs: CSVTable
  public private(set) var timeseries: CSVTable
  public private(set) var generations: CSVTable
  private(set) var groups: [Group] = []
  let keyColumns: [String]
  /// The model's own metrics, after the engine's.
  public let extraNames: [String]
  /// Seeding variants per point.
  private var variantCount = 1

  /// The runs of one sweep point and variant.
  struct Group {
    /// The sweep point and variant, by number: groups are kept in this order.
    var order: (point: Int, variant: Int)
    var values: [String]
    var variant: String
    var context: Context
    /// The runs, extras in the report's column order (`extraNames`).
    var runs: [Run] = []
    /// The replicate number of each run.
    var replicates: [Int] = []
    /// The graph realization of each run.
    var realizations: [Int] = []
    /// The generations of each cascade forest the records name, pooled over the runs.
    var pooled: [PooledGenerations] = []

    /// The metric's value in every run (nil where undefined).
    func values(of metric: Metric) -> [Double?] { runs.map { metric.value($0, context) } }

    /// The extra metric's value in every run.
    func values(ofExtra index: Int) -> [Double?] { runs.map { $0.extras[index] } }

    mutating func add(_ record: RunRecord, _ run: Run, realization: Int) {
      runs.append(run)
      replicates.append(record.replicate)
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
    keyColumns = ScenarioPoint.keyColumns(sweepKeys) + ["variant"]
    extraNames = extraMetrics
    runs = CSVTable(
      columns: keyColumns + ["replicate", "graph_realization", "seed"] + Self.metrics.map(\.name) + extraMetrics)
    let perState = Milestone.allCases.flatMap { ["\($0.name)_new", "\($0.name)_total"] }
    timeseries = CSVTable(
      columns: keyColumns + ["replicate", "time_h"] + perState
        + ["active", "reached_new", "cohort_offspring_mean", "episodes_new", "stopped_now"])
    generations = CSVTable(
      columns: keyColumns + ["replicate", "tree", "generation", "agents", "children", "offspring_mean"])
  }

  /// Adds the records of one ensemble (one sweep point, one graph realization), whose model
  /// names its own metrics `modelExtras`; `details` also writes their time series and
  /// generations.
  public mutating func add(
    point: ScenarioPoint, variants: [String], realization: Int, records: [RunRecord], modelExtras: [String], context: Context,
    details: Bool
  ) {
    let values = point.keyValues
    variantCount = variants.count
    // The model's metrics in the report's columns (a sweep over models has them all).
    let column = extraNames.map { modelExtras.firstIndex(of: $0) }
    for record in records {
      let label = variants[record.variant]
      let run = Run(
        metrics: record.metrics, extras: column.map { $0.flatMap { record.extras[$0] } }, extraNames: extraNames,
        organic: record.organic, organicNames: modelExtras)
      let prefix: [CSVValue] = values.map { .text($0) } + [.text(label), .int(record.replicate)]
      runs.append(
        prefix + [.int(realization), .text(String(record.seed))]
          + Self.metrics.map { metric in
            guard let value = metric.value(run, context) else { return .missing }
            return metric.flag ? .bool(value != 0) : .double(value)
          } + run.extras.map(\.csv))
      let order = (point: point.index, variant: record.variant)
      if let index = groups.firstIndex(where: { $0.order == order }) {
        groups[index].add(record, run, realization: realization)
      } else {
        // Units may come graph by graph; groups stay in sweep-point order.
        var group = Group(order: order, values: values, variant: label, context: context)
        group.add(record, run, realization: realization)
        groups.insert(group, at: groups.firstIndex { $0.order > order } ?? groups.endIndex)
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
    // Engagements and stops of agents returning to a former state (SIS), so far.
    var (engagedAgain, stoppedAgain) = (0, 0)
    for bin in 0..<series.binCount {
      var cells: [CSVValue] = prefix + [.double(series.start(of: bin))]
      for milestone in Milestone.allCases {
        let new = series.new(milestone, bin: bin)
        totals[milestone.rawValue] += new
        cells += [.int(new), .int(totals[milestone.rawValue])]
      }
      let (engaged, stopped) = (totals[Milestone.engaged.rawValue], totals[Milestone.stopped.rawValue])
      engagedAgain += series.again(.engaged, bin: bin)
      stoppedAgain += series.again(.stopped, bin: bin)
      // Engaged now: every episode begun minus every one ended.
      let active = engaged + engagedAgain - stopped - stoppedAgain
      cells.append(.int(active))
      // Effective R over time: the mean onward reach of the agents reached in this bin.
      let cohort = series.reached(bin: bin)
      cells.append(.int(cohort))
      cells.append(cohort > 0 ? .double(Double(series.onward(bin: bin)) / Double(cohort)) : .missing)
      cells.append(.int(series.new(.engaged, bin: bin) + series.again(.engaged, bin: bin)))
      // Stopped and not engaged again now: those engaged now past their first episode are
      // all among the stopped.
      cells.append(.int(stopped - (active - (engaged - stopped))))
      timeseries.append(cells)
    }
  }

  /// The bootstrap stream of a group: the same for a point whether it runs alone (`viral
  /// sweep`) or beside the other points (`viral run`).
  func streamIndex(of group: Group) -> Int { group.order.point * variantCount + group.order.variant }

  /// Every metric's mean, sd and bootstrap interval per group; the group of variant v at
  /// point p draws its resamples from the stream `derive(seed, .bootstrap, p · variants + v)`.
  public func summarized(seed: UInt64, generator: GeneratorKind) -> RunSummary {
    RunSummary(report: self, seed: seed, generator: generator)
  }
}
