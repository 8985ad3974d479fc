// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// The sink of `viral run` and `viral compare`: the run tables (`RunReport`), the graphs
/// (`GraphReport`) and the seeds (`SeedTable`) as units arrive; then the summary, the
/// comparison of variants and the branching theory, written as one results folder.
public struct SimulationResults: ResultSink {
  public private(set) var report: RunReport
  public private(set) var graphs: GraphReport
  var seeds: SeedTable
  var cascades: CascadeTable
  var networks: NetworkTable
  let loaded: LoadedScenario
  /// Whether degrees.csv and separation.csv are written: with full (or sampled) graph
  /// statistics.
  let distributions: Bool

  public init(study: Study) {
    loaded = study.loaded
    distributions = study.graphStatistics.measuresStructure
    report = RunReport(sweepKeys: loaded.sweepKeys, extraMetrics: study.extraMetricNames)
    graphs = GraphReport(
      sweepKeys: loaded.sweepKeys, level: study.graphStatistics, arranged: GraphReport.arrangedSegments(loaded))
    seeds = SeedTable(sweepKeys: loaded.sweepKeys)
    cascades = CascadeTable(sweepKeys: loaded.sweepKeys)
    networks = NetworkTable(sweepKeys: loaded.sweepKeys)
  }

  public mutating func graph(_ result: GraphResult) {
    graphs.add(
      point: result.point, realization: result.realization, built: result.built, statistics: result.statistics,
      population: result.population)
  }

  public mutating func unit(_ result: UnitResult) {
    let scenario = result.point.scenario
    report.add(
      point: result.point, variants: result.variants.map(\.label), realization: result.unit.realization,
      records: result.records, modelExtras: scenario.campaign?.model.extraMetricNames ?? [],
      context: RunReport.Context(
        nodes: result.graph.nodeCount, targetSize: result.population.targetSize, valuation: scenario.value),
      details: scenario.outputs.details)
    seeds.add(result, randomSeeds: scenario.outputs.randomSeeds)
  }

  public mutating func traces(_ result: TraceResult) {
    cascades.add(result)
    networks.add(result)
  }

  /// What the finished runs say.
  public struct Finished {
    public let summary: RunSummary
    /// With a `compare:` section.
    public let comparison: CompareTable?
    /// When every point's model has a branching theory.
    public let theory: (csv: CSVTable, lines: [String])?
  }

  public func finish() -> Finished {
    let base = loaded.base
    let summary = report.summarized(seed: base.seed, generator: base.rng)
    let comparison =
      base.compare != nil
      ? CompareTable(report: report, summary: summary, selections: seeds.selections, seed: base.seed, generator: base.rng)
      : nil
    let theories = loaded.points.compactMap { point in
      (point.scenario.campaign?.model as? any BranchingTheory).map { ($0, point.scenario.population) }
    }
    let theory =
      theories.count == loaded.points.count
      ? BranchingComparison.table(theories, summary: summary, earlyGenerations: base.outputs.earlyGenerations) : nil
    return Finished(summary: summary, comparison: comparison, theory: theory)
  }

  /// Every table of `finished`, by file name, in the order they are written.
  public func tables(_ finished: Finished) -> [(name: String, table: CSVTable)] {
    var tables = [("runs.csv", report.runs), ("summary.csv", finished.summary.csv)]
    if loaded.base.outputs.details {
      tables += [("timeseries.csv", report.timeseries), ("generations.csv", report.generations)]
    }
    tables += [("graph.csv", graphs.graphs), ("seeds.csv", seeds.table)]
    if distributions { tables += [("degrees.csv", graphs.degrees), ("separation.csv", graphs.separation)] }
    if loaded.base.outputs.trace > 0 {
      tables.append(("cascades.csv", cascades.table))
      // Small graphs, to draw (a sweep writes the tables at every point, empty or not).
      if networks.layout.rowCount > 0 || loaded.sweep != nil {
        tables += [("layout.csv", networks.layout), ("edges.csv", networks.edges)]
      }
    }
    if let comparison = finished.comparison { tables.append(("compare.csv", comparison.csv)) }
    if let theory = finished.theory { tables.append(("theory.csv", theory.csv)) }
    return tables
  }

  /// Stages every table of `finished` in `staging`.
  public func write(_ finished: Finished, to staging: ResultStaging) throws(OutputError) {
    for (name, table) in tables(finished) { try staging.write(name, table.csv) }
  }
}
