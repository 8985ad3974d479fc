// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// The sink of `viral graph`: every graph's statistics (`GraphReport`), and each graph
/// exported in `formats` to `staging` as it is built.
public struct GraphResults: ResultSink {
  public private(set) var report: GraphReport
  let staging: ResultStaging
  let formats: [ExportFormat]
  let single: Bool
  let level: StatisticsLevel

  public init(study: Study, staging: ResultStaging, exporting formats: [ExportFormat]) {
    report = GraphReport(
      sweepKeys: study.loaded.sweepKeys, level: study.graphStatistics, arranged: GraphReport.arrangedSegments(study.loaded))
    self.staging = staging
    self.formats = formats
    single = study.totalSteps == 1
    level = study.graphStatistics
  }

  public mutating func graph(_ result: GraphResult) throws(ScenarioError) {
    report.add(
      point: result.point, realization: result.realization, built: result.built, statistics: result.statistics,
      population: result.population)
    let label = ([result.point.scenario.graph.displayName] + result.point.assignments.map { "\($0.key)=\($0.value)" })
      .joined(separator: " ")
    for format in formats {
      let name =
        single
        ? "graph.\(format.fileExtension)" : "graph-\(result.point.index)-\(result.realization).\(format.fileExtension)"
      let header =
        "Viral \(ViralVersion.current): \(label), realization \(result.realization)\(result.built.seed.map { ", seed \($0)" } ?? "")"
      do { try staging.write(name) { try GraphExport.write(result.built.graph, as: format, header: header, to: $0) } } catch {
        pending = error
      }
    }
  }

  /// A failure to write an export, raised by `write(to:)` (the sink reports input errors
  /// only).
  private var pending: OutputError?

  /// Stages the tables.
  public func write() throws(OutputError) {
    if let pending { throw pending }
    try staging.write("graph.csv", report.graphs.csv)
    if level != .none { try staging.write("degrees.csv", report.degrees.csv) }
    if level.measuresStructure { try staging.write("separation.csv", report.separation.csv) }
  }
}
