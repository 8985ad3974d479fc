// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import RealModule
import ViralityCore
import Yams

/// The `sweep:` section: scenario fields to vary. Its points are made on demand
/// (`assignments(of:)`), never all at once, so a sweep of a million points costs nothing
/// before it runs.
///
/// A grid (the default) is the Cartesian product of its factors, first factor outermost.
/// A factor is one field with its values, or a `zip:` group of fields whose lists vary
/// together:
///
///     sweep:
///       graph.rewire: {log: [0.0001, 1], points: 9}   # geometric grid
///       graph.nodes: [1000, 2000, 4000]               # a list
///       graph.neighbors: {linear: [4, 12], points: 5} # evenly spaced
///       zip: {campaign.nominees: [2, 3, 4], campaign.deadline: [12h, 24h, 48h]}
///
/// A sample draws `samples` points from `ranges` (uniform on each range, or on its logarithm
/// with `{log: [from, to]}`, or whole numbers with `{integer: [from, to]}`; durations such as
/// `[12h, 48h]` are sampled in hours):
///
///     sweep:
///       method: latin-hypercube   # McKay, Beckman & Conover, Technometrics 21:239 (1979)
///       samples: 200
///       ranges: {campaign.accept: [0.2, 0.8], graph.rewire: {log: [0.001, 1]}}
///
/// `random_numbers: common` (the default) gives every point the same graph realizations and
/// replicate streams, so differences between points are paired; `independent` derives each
/// point's master seed from the scenario's and the point's index.
public struct Sweep: Sendable {
  /// One swept field with its values (a grid's), as YAML text in order.
  public struct Axis: Sendable {
    public let key: String
    public let values: [String]
    /// Where the axis is written, for messages.
    public let location: String
    /// The values are a linear or log grid between two ends (not a list).
    var generated = false
  }

  /// Fields that vary together: one axis, or a `zip:` group of axes of equal length.
  struct Factor: Sendable {
    let axes: [Axis]
    var count: Int { axes[0].values.count }
  }

  /// A sampled field: uniform between its ends, on a linear or log scale or over whole
  /// numbers, in hours when the ends are durations.
  public struct Range: Sendable {
    public enum Scale: String, Sendable { case linear, log, integer }
    public let key: String
    public let low: Double
    public let high: Double
    public let scale: Scale
    /// The ends were durations: values are written in hours (`17.5h`).
    public let hours: Bool
    public let location: String

    /// The value at `u` in [0, 1) of the range, as YAML text.
    func value(at u: Double) -> String {
      let text: String
      switch scale {
      case .linear: text = Sweep.roundedForDisplay(low + (high - low) * u).shortDescription
      case .log: text = Sweep.roundedForDisplay(low * Double.pow(high / low, u)).shortDescription
      case .integer: text = String(Int(low) + min(Int(u * (high - low + 1)), Int(high - low)))
      }
      return hours ? text + "h" : text
    }
  }

  public enum Method: String, Sendable, CaseIterable {
    case grid
    case latinHypercube = "latin-hypercube"
    /// Sobol' indices from a Saltelli design: `samples` rows, N(d + 2) points.
    case sobol
    /// Morris elementary effects: `samples` trajectories of d + 1 points.
    case morris
  }

  /// The role of point `index` in a sensitivity design, as the cells of `design.csv`
  /// (after `sweep_point`): group, role, parameter, delta.
  public func designCells(of index: Int) -> [String]? {
    guard let design else { return nil }
    let role = design.role(of: index)
    return [String(role.group), role.kind, role.parameter.map { ranges[$0].key } ?? "", role.delta?.shortDescription ?? ""]
  }

  /// Whether sweep points share their random numbers.
  public enum RandomNumbers: String, Sendable, CaseIterable {
    case common, independent
  }

  public let method: Method
  public let randomNumbers: RandomNumbers
  /// A grid's factors (empty for a sample).
  let factors: [Factor]
  /// A sample's ranges (empty for a grid).
  public let ranges: [Range]
  /// A Latin hypercube's points: `unit[point * ranges.count + j]` in [0, 1) for range j.
  private let unit: [Double]
  /// A sensitivity analysis's points and their roles (Sobol', Morris).
  public let design: SensitivityDesign?

  /// The swept fields, in column order.
  public var keys: [String] { factors.isEmpty ? ranges.map(\.key) : factors.flatMap { $0.axes.map(\.key) } }

  /// A grid's axes, in column order (empty for a sample).
  public var axes: [Axis] { factors.flatMap(\.axes) }

  public var pointCount: Int {
    if let design { return design.pointCount }
    return factors.isEmpty ? unit.count / max(ranges.count, 1) : factors.reduce(1) { $0 * $1.count }
  }

  /// The assignments of point `index`, in column order (a grid's first factor outermost).
  public func assignments(of index: Int) -> [(key: String, value: String)] {
    guard factors.isEmpty else {
      var rest = index
      var positions = [Int](repeating: 0, count: factors.count)
      for f in factors.indices.reversed() {
        positions[f] = rest % factors[f].count
        rest /= factors[f].count
      }
      return zip(factors, positions).flatMap { factor, i in factor.axes.map { ($0.key, $0.values[i]) } }
    }
    return ranges.enumerated().map { j, range in
      (range.key, range.value(at: design?.coordinate(index, j) ?? unit[index * ranges.count + j]))
    }
  }

  /// The point's master seed: the scenario's, or one of its own with independent random
  /// numbers.
  public func seed(of index: Int, master: UInt64) -> UInt64 {
    randomNumbers == .common ? master : StreamPlan(master: master).seed(.sweepPoint, index)
  }

  /// Points whose values are worth checking before a sweep runs: the first, and each value
  /// of each list (the ends of each generated grid or sampled range) with every other field
  /// at the first point's value. They cost the sum of the lists' lengths, not the product.
  public var probes: [[(key: String, value: String)]] {
    let first = assignments(of: 0)
    var probes = [first]
    if factors.isEmpty {
      for (j, range) in ranges.enumerated() {
        for u in [0.0, 1.0.nextDown] {
          var probe = first
          probe[j].value = range.value(at: u)
          probes.append(probe)
        }
      }
    } else {
      var column = 0
      for factor in factors {
        let positions = factor.axes.allSatisfy(\.generated) ? [factor.count - 1] : Array(1..<factor.count)
        for i in positions where i > 0 {
          var probe = first
          for (a, axis) in factor.axes.enumerated() { probe[column + a].value = axis.values[i] }
          probes.append(probe)
        }
        column += factor.axes.count
      }
    }
    return probes
  }

  /// Fields that cannot be swept: they name the results or fix the shape of every point's
  /// tables and streams.
  static let fixedFields = ["sweep", "name", "seed", "rng", "replicates", "outputs", "published"]
  /// Keys of the section that are not fields.
  static let settings = ["method", "samples", "ranges", "random_numbers", "zip"]

  init(_ node: Node, document: ScenarioDocument, master: UInt64) throws(ScenarioError) {
    let location = document.location(of: ["sweep"])
    func fail(_ key: String, _ message: String, at: String? = nil) -> ScenarioError {
      ScenarioError(location: at ?? location, key: key, message)
    }
    guard let mapping = node.mapping else {
      throw fail("sweep", "expected a section of fields to vary, e.g. graph.rewire: [0.01, 0.1]")
    }
    func at(_ key: Node) -> String { key.mark.map { "\(document.file):\($0.line)" } ?? location }
    func setting(_ name: String) -> Node? { mapping[name] }
    let methodName = setting("method")?.string ?? Method.grid.rawValue
    guard let method = Method(rawValue: methodName) else {
      throw fail(
        "sweep.method", "unknown method '\(methodName)'; allowed: \(Method.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    self.method = method
    let policy = setting("random_numbers")?.string ?? RandomNumbers.common.rawValue
    guard let randomNumbers = RandomNumbers(rawValue: policy) else {
      throw fail("sweep.random_numbers", "unknown policy '\(policy)'; allowed: common, independent")
    }
    self.randomNumbers = randomNumbers

    func checkField(_ key: String, _ keyNode: Node) throws(ScenarioError) {
      let section = key.split(separator: ".").first.map(String.init) ?? ""
      guard !key.isEmpty, !Self.fixedFields.contains(section), !Self.settings.contains(key) else {
        throw fail(
          "sweep",
          "'\(key)' cannot be swept; name a field such as graph.rewire (not \(Self.fixedFields.joined(separator: ", ")))",
          at: at(keyNode))
      }
    }

    switch method {
    case .grid:
      for name in ["samples", "ranges"] where setting(name) != nil {
        throw fail("sweep.\(name)", "\(name) belongs to a sample; add method: latin-hypercube, or list values per field")
      }
      var factors: [Factor] = []
      for (keyNode, valueNode) in mapping {
        let key = keyNode.string ?? ""
        if ["method", "random_numbers"].contains(key) { continue }
        if key == "zip" {
          let groups = valueNode.sequence ?? [valueNode]
          for group in groups {
            guard let zipped = group.mapping, zipped.count >= 1 else {
              throw fail("sweep.zip", "write zip: {field: [values], other.field: [values]}", at: at(keyNode))
            }
            var axes: [Axis] = []
            for (fieldNode, listNode) in zipped {
              let field = fieldNode.string ?? ""
              try checkField(field, fieldNode)
              axes.append(
                Axis(key: field, values: try Self.values(of: listNode, key: field, at: at(fieldNode)), location: at(fieldNode)))
            }
            guard Set(axes.map(\.values.count)).count == 1 else {
              throw fail(
                "sweep.zip",
                "zipped fields vary together and need lists of one length; got "
                  + axes.map { "\($0.key) \($0.values.count)" }.joined(separator: ", "), at: at(keyNode))
            }
            factors.append(Factor(axes: axes))
          }
          continue
        }
        try checkField(key, keyNode)
        factors.append(
          Factor(axes: [
            Axis(
              key: key, values: try Self.values(of: valueNode, key: key, at: at(keyNode)), location: at(keyNode),
              generated: valueNode.mapping != nil)
          ])
        )
      }
      guard !factors.isEmpty else { throw fail("sweep", "name at least one field to vary") }
      let keys = factors.flatMap { $0.axes.map(\.key) }
      if let repeated = keys.first(where: { key in keys.filter { $0 == key }.count > 1 }) {
        throw fail("sweep.\(repeated)", "is swept twice; give each field one list")
      }
      guard factors.reduce(1.0, { $0 * Double($1.count) }) <= Double(Limits.sweepPoints) else {
        throw fail("sweep", "more than \(Limits.sweepPoints) points; split the sweep")
      }
      self.factors = factors
      ranges = []
      unit = []
      design = nil
    case .latinHypercube, .sobol, .morris:
      let allowed = ["method", "samples", "ranges", "random_numbers"] + (method == .morris ? ["levels"] : [])
      if let extra = mapping.map({ $0.key.string ?? "" }).first(where: { !allowed.contains($0) }) {
        throw fail(
          "sweep.\(extra)", "a sample varies the fields listed under ranges:; allowed keys: \(allowed.joined(separator: ", "))")
      }
      let least = method == .latinHypercube ? 1 : 2
      guard let samples = setting("samples")?.int, samples >= least, samples <= Limits.sweepPoints else {
        let what =
          method == .morris
          ? "the number of trajectories" : method == .sobol ? "the number of base rows" : "the number of points to draw"
        throw fail("sweep.samples", "give \(what), a whole number from \(least) to \(Limits.sweepPoints)")
      }
      guard let rangeNodes = setting("ranges")?.mapping, !rangeNodes.isEmpty else {
        throw fail("sweep.ranges", "a sample needs ranges: {field: [from, to], ...}, e.g. ranges: {campaign.accept: [0.2, 0.8]}")
      }
      var ranges: [Range] = []
      for (keyNode, rangeNode) in rangeNodes {
        let key = keyNode.string ?? ""
        try checkField(key, keyNode)
        if ranges.contains(where: { $0.key == key }) { throw fail("sweep.ranges.\(key)", "is given twice") }
        ranges.append(try Self.range(of: rangeNode, key: key, at: at(keyNode)))
      }
      factors = []
      self.ranges = ranges
      let stream = StreamPlan(master: master).stream(.sweepDesign, 0)
      switch method {
      case .sobol:
        guard ranges.count <= SensitivityDesign.maximumSaltelliDimensions else {
          throw fail("sweep.ranges", "a Sobol' analysis takes at most \(SensitivityDesign.maximumSaltelliDimensions) fields")
        }
        guard samples * (ranges.count + 2) <= Limits.sweepPoints else {
          throw fail("sweep.samples", "\(samples) rows × \(ranges.count + 2) is more than \(Limits.sweepPoints) points")
        }
        design = .saltelli(samples: samples, dimensions: ranges.count)
      case .morris:
        let levels = setting("levels")?.int ?? 4
        guard levels >= 2, levels <= 100, levels % 2 == 0 else {
          throw fail("sweep.levels", "give an even number of grid levels from 2 to 100 (default 4)")
        }
        guard samples * (ranges.count + 1) <= Limits.sweepPoints else {
          throw fail(
            "sweep.samples", "\(samples) trajectories × \(ranges.count + 1) is more than \(Limits.sweepPoints) points")
        }
        design = .morris(trajectories: samples, dimensions: ranges.count, levels: levels, stream: stream)
      default:
        design = nil
      }
      unit = design == nil ? Self.latinHypercube(samples: samples, dimensions: ranges.count, stream: stream) : []
    }
  }

  /// `samples` points of a Latin hypercube in [0, 1)^dimensions, row by row: each
  /// dimension's n strata hold one point each, in an order of their own, at a uniform
  /// position inside the stratum.
  static func latinHypercube(samples n: Int, dimensions: Int, stream: RandomStream) -> [Double] {
    var unit = [Double](repeating: 0, count: n * dimensions)
    var strata = [Int](0..<n)
    for j in 0..<dimensions {
      strata.withUnsafeMutableBufferPointer { stream.shuffle($0) }
      for i in 0..<n { unit[i * dimensions + j] = (Double(strata[i]) + stream.uniform()) / Double(n) }
    }
    return unit
  }

  private static func range(of node: Node, key: String, at location: String) throws(ScenarioError) -> Range {
    func fail(_ message: String) -> ScenarioError { ScenarioError(location: location, key: "sweep.ranges.\(key)", message) }
    let usage = "write [from, to], {log: [from, to]} or {integer: [from, to]}"
    var scale = Range.Scale.linear
    var ends = node.sequence
    if let mapping = node.mapping {
      guard mapping.count == 1, let name = mapping.first?.key.string, let chosen = Range.Scale(rawValue: name) else {
        throw fail(usage)
      }
      scale = chosen
      ends = mapping.first?.value.sequence
    }
    guard let ends, ends.count == 2 else { throw fail(usage) }
    var hours = false
    func number(_ end: Node) throws(ScenarioError) -> Double {
      if let value = end.float, value.isFinite { return value }
      if let text = end.string, let span = TimeSpan(parsing: text) {
        hours = true
        return span.hours
      }
      throw fail("'\(end.string ?? "")' is not a number or a duration; \(usage)")
    }
    let low = try number(ends[0])
    let high = try number(ends[1])
    guard low < high else {
      throw fail("an empty range: 'from' must be below 'to'; got \(low.shortDescription) and \(high.shortDescription)")
    }
    if scale == .log && low <= 0 {
      throw fail("a log range needs positive ends; got \(low.shortDescription) and \(high.shortDescription)")
    }
    if scale == .integer && (low.rounded() != low || high.rounded() != high) {
      throw fail("an integer range needs whole ends; got \(low.shortDescription) and \(high.shortDescription)")
    }
    // Whole numbers are exact in a Double up to 2^53; beyond, the ends are not what was written.
    let exact = 9_007_199_254_740_992.0
    if scale == .integer && (abs(low) > exact || abs(high) > exact) {
      throw fail(
        "an integer range's ends must lie within ±9007199254740992; got \(low.shortDescription) and \(high.shortDescription)")
    }
    return Range(key: key, low: low, high: high, scale: scale, hours: hours, location: location)
  }

  private static func values(of node: Node, key: String, at location: String) throws(ScenarioError) -> [String] {
    func fail(_ message: String) -> ScenarioError { ScenarioError(location: location, key: "sweep.\(key)", message) }
    switch node {
    case .sequence(let sequence):
      guard !sequence.isEmpty else { throw fail("an empty list; give at least one value") }
      return try sequence.map { (item: Node) throws(ScenarioError) -> String in try text(of: item, fail) }
    case .mapping(let mapping):
      let spacing = ["log", "linear"].filter { mapping[$0] != nil }
      guard spacing.count == 1, let range = mapping[spacing[0]]?.sequence, range.count == 2,
        let low = range[0].float, let high = range[1].float
      else { throw fail("write a list of values, or {log: [from, to], points: n} or {linear: [from, to], points: n}") }
      guard let points = mapping["points"]?.int, points >= 2, points <= 100_000 else {
        throw fail("points must be a whole number from 2 to 100000")
      }
      let allowed = [spacing[0], "points"]
      let unknown = mapping.map { $0.key.string ?? "" }.filter { !allowed.contains($0) }
      guard unknown.isEmpty else { throw fail("unknown key \(unknown[0]); allowed keys: \(spacing[0]), points") }
      if spacing[0] == "log" && (low <= 0 || high <= 0) {
        throw fail("a log grid needs positive ends; got \(low.shortDescription) and \(high.shortDescription)")
      }
      return (0..<points).map { i in
        let t = Double(i) / Double(points - 1)
        let value = spacing[0] == "log" ? low * Double.pow(high / low, t) : low + (high - low) * t
        return roundedForDisplay(value).shortDescription
      }
    case .scalar, .alias:
      return [try text(of: node, fail)]
    }
  }

  private static func text(of node: Node, _ fail: (String) -> ScenarioError) throws(ScenarioError) -> String {
    guard let text = flow(node) else { throw fail("cannot use this value in a sweep") }
    return text
  }

  /// A value on one line, in YAML's flow style (it is also a CSV cell and a label); nil for
  /// an alias.
  static func flow(_ node: Node) -> String? {
    switch node {
    case .scalar(let scalar):
      let text = scalar.string
      let plain =
        !text.isEmpty && !text.contains(where: { ",:{}[]#&*!|>'\"%@`\n".contains($0) })
        && text.trimmingCharacters(in: .whitespaces) == text
      return plain
        ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    case .sequence(let sequence):
      let items = sequence.map(flow)
      guard items.allSatisfy({ $0 != nil }) else { return nil }
      return "[" + items.map { $0! }.joined(separator: ", ") + "]"
    case .mapping(let mapping):
      var pairs: [String] = []
      for (key, value) in mapping {
        guard let k = flow(key), let v = flow(value) else { return nil }
        pairs.append("\(k): \(v)")
      }
      return "{" + pairs.joined(separator: ", ") + "}"
    case .alias:
      return nil
    }
  }

  /// Six significant digits: grid values read well in CSV and round-trip exactly.
  static func roundedForDisplay(_ value: Double) -> Double {
    guard value != 0, value.isFinite else { return value }
    let digits = 5 - Int(Double.log10(abs(value)).rounded(.down))
    let scale = Double.pow(10, Double(digits))
    return (value * scale).rounded() / scale
  }
}
