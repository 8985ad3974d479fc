// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import ViralityCore

/// `sensitivity.csv`: for every seeding variant, output metric and swept parameter, the
/// Sobol' first- and total-order indices (`S1`, `ST`) or the Morris effects (`mu`,
/// `mu_star`, `sigma`), each with a 95% bootstrap interval. With several variants, also for
/// every variant's difference to the first (the baseline), as `<variant> vs <baseline>`: how
/// much the answer to "which wins, by how much" depends on each parameter.
///
/// The output of a point is its metric's mean over the replicates, from `summary.csv`; the
/// role of each point comes from `design.csv`. Both are read from a finished sweep's folder
/// one record at a time, so a merged sweep (`viral merge`) gives the same table as one run
/// on one machine. A metric undefined at some point, or constant, gets empty cells.
public enum SensitivityTable {
  /// The table of every point's role in a sensitivity design.
  public static let designFile = "design.csv"
  public static let designHeader = "sweep_point,group,role,parameter,delta\n"
  public static let file = "sensitivity.csv"

  /// Offsets the bootstrap streams of the indices from those of `summary.csv`.
  static let streamOffset = 1 << 40

  /// The table for the sweep in `folder`, or nil when it has no design (not a Sobol' or
  /// Morris sweep).
  public static func csv(folder: URL, seed: UInt64, generator: GeneratorKind) throws(OutputError) -> String? {
    let designPath = folder.appendingPathComponent(designFile).path
    guard FileManager.default.fileExists(atPath: designPath) else { return nil }
    // Roles, point by point.
    var roles: [(group: Int, kind: String, parameter: String, delta: Double?)] = []
    let design = try CSVLines(path: designPath)
    defer { design.close() }
    _ = design.nextRecord()
    while let record = design.nextRecord() {
      let cells = CSVLines.fields(record)
      guard cells.count == 5, Int(cells[0]) == roles.count, let group = Int(cells[1]) else {
        throw OutputError(path: designPath, "is not a design table Viral wrote (point \(roles.count))")
      }
      roles.append((group, cells[2], cells[3], Double(cells[4])))
    }
    var parameters: [String] = []
    for role in roles where !role.parameter.isEmpty && !parameters.contains(role.parameter) { parameters.append(role.parameter) }
    // Each variant's and metric's mean at every point, in the order summary.csv has them.
    let summaryPath = folder.appendingPathComponent("summary.csv").path
    let summary = try CSVLines(path: summaryPath)
    defer { summary.close() }
    let header = CSVLines.fields(summary.nextRecord() ?? "")
    guard let pointColumn = header.firstIndex(of: "sweep_point"), let variantColumn = header.firstIndex(of: "variant"),
      let metricColumn = header.firstIndex(of: "metric"), let meanColumn = header.firstIndex(of: "mean")
    else { throw OutputError(path: summaryPath, "has no sweep_point, variant, metric and mean columns") }
    var outputs: [(variant: String, metric: String, means: [Double])] = []
    var position: [String: Int] = [:]
    while let record = summary.nextRecord() {
      let cells = CSVLines.fields(record)
      guard cells.count == header.count, let point = Int(cells[pointColumn]), point < roles.count else {
        throw OutputError(path: summaryPath, "is not a summary table of this design")
      }
      let key = cells[variantColumn] + "\u{0}" + cells[metricColumn]
      if position[key] == nil {
        position[key] = outputs.count
        outputs.append((cells[variantColumn], cells[metricColumn], [Double](repeating: .nan, count: roles.count)))
      }
      outputs[position[key]!].means[point] = Double(cells[meanColumn]) ?? .nan
    }
    // The answer of a comparison: each variant's mean less the baseline's, point by point.
    let variants = outputs.map(\.variant).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    if let baseline = variants.first, variants.count > 1 {
      let base = Dictionary(outputs.filter { $0.variant == baseline }.map { ($0.metric, $0.means) }) { a, _ in a }
      for output in outputs where output.variant != baseline {
        guard let reference = base[output.metric] else { continue }
        outputs.append(("\(output.variant) vs \(baseline)", output.metric, zip(output.means, reference).map { $0 - $1 }))
      }
    }
    var table = CSVTable(columns: ["variant", "metric", "parameter", "index", "value", "ci95_low", "ci95_high"])
    let stream = RandomStream(seed: 0, kind: generator)
    let streams = StreamPlan(master: seed, kind: generator)
    for (g, output) in outputs.enumerated() {
      stream.reseed(streams.seed(.bootstrap, streamOffset + g))
      let defined = output.means.allSatisfy(\.isFinite)
      let rows: [(String, [SensitivityIndices.Estimate])]
      if roles.first?.kind == "A" {
        let indices = defined ? sobol(output.means, roles: roles, parameters: parameters, stream: stream) : nil
        rows = [("S1", indices?.first), ("ST", indices?.total)].map { ($0, $1 ?? blank(parameters)) }
      } else {
        let effects = defined ? morris(output.means, roles: roles, parameters: parameters, stream: stream) : nil
        rows = [("mu", effects?.mu), ("mu_star", effects?.muStar), ("sigma", effects?.sigma)].map {
          ($0, $1 ?? blank(parameters))
        }
      }
      for (i, parameter) in parameters.enumerated() {
        for (index, estimates) in rows {
          let e = estimates[i]
          table.append([
            .text(output.variant), .text(output.metric), .text(parameter), .text(index), e.value.csv, e.low.csv, e.high.csv,
          ])
        }
      }
    }
    return table.csv
  }

  private static func blank(_ parameters: [String]) -> [SensitivityIndices.Estimate] {
    [SensitivityIndices.Estimate](repeating: SensitivityIndices.Estimate(), count: parameters.count)
  }

  private static func sobol(
    _ f: [Double], roles: [(group: Int, kind: String, parameter: String, delta: Double?)], parameters: [String],
    stream: RandomStream
  ) -> SensitivityIndices.Sobol {
    let rows = (roles.map(\.group).max() ?? -1) + 1
    var a = [Double](repeating: .nan, count: rows)
    var b = a
    var ab = [[Double]](repeating: a, count: parameters.count)
    for (p, role) in roles.enumerated() {
      switch role.kind {
      case "A": a[role.group] = f[p]
      case "B": b[role.group] = f[p]
      default: ab[parameters.firstIndex(of: role.parameter)!][role.group] = f[p]
      }
    }
    return SensitivityIndices.sobol(a: a, b: b, ab: ab, stream: stream)
  }

  private static func morris(
    _ f: [Double], roles: [(group: Int, kind: String, parameter: String, delta: Double?)], parameters: [String],
    stream: RandomStream
  ) -> SensitivityIndices.Morris {
    var effects = [[Double]](repeating: [], count: parameters.count)
    for (p, role) in roles.enumerated() where role.kind == "step" {
      guard let delta = role.delta, let i = parameters.firstIndex(of: role.parameter) else { continue }
      effects[i].append((f[p] - f[p - 1]) / delta)
    }
    return SensitivityIndices.morris(effects: effects, stream: stream)
  }
}
