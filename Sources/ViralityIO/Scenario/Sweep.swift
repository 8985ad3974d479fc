// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RealModule
import ViralityCore
import Yams

/// The `sweep:` section: scenario fields to vary, each with its values. Every combination
/// (the Cartesian product, first key outermost) is one sweep point.
///
///     sweep:
///       graph.rewire: {log: [0.0001, 1], points: 9}   # geometric grid
///       graph.nodes: [1000, 2000, 4000]               # a list
///       graph.neighbors: {linear: [4, 12], points: 5} # evenly spaced
public struct Sweep: Sendable {
  public struct Axis: Sendable {
    public let key: String
    /// The values as YAML text, in order.
    public let values: [String]
    /// Where the axis is written, for messages.
    public let location: String
  }

  public let axes: [Axis]

  /// The largest number of points a sweep may have.
  public static let maximumPoints = 1_000_000

  public var pointCount: Int { axes.reduce(1) { $0 * $1.values.count } }

  /// The assignments of point `index`, first axis outermost.
  public func assignments(of index: Int) -> [(key: String, value: String)] {
    var rest = index
    var result: [(key: String, value: String)] = []
    for axis in axes.reversed() {
      result.append((axis.key, axis.values[rest % axis.values.count]))
      rest /= axis.values.count
    }
    return result.reversed()
  }

  init(_ node: Node, document: ScenarioDocument) throws(ScenarioError) {
    let location = document.location(of: ["sweep"])
    guard let mapping = node.mapping else {
      throw ScenarioError(
        location: location, key: "sweep", "expected a section of fields to vary, e.g. graph.rewire: [0.01, 0.1]")
    }
    var axes: [Axis] = []
    for (keyNode, valueNode) in mapping {
      let key = keyNode.string ?? ""
      let at = keyNode.mark.map { "\(document.file):\($0.line)" } ?? location
      guard !key.isEmpty, !["sweep", "name"].contains(key.split(separator: ".").first.map(String.init) ?? "") else {
        throw ScenarioError(location: at, key: "sweep", "'\(key)' cannot be swept; name a field such as graph.rewire")
      }
      axes.append(Axis(key: key, values: try Self.values(of: valueNode, key: key, at: at), location: at))
    }
    guard !axes.isEmpty else { throw ScenarioError(location: location, key: "sweep", "name at least one field to vary") }
    self.axes = axes
    guard axes.reduce(1.0, { $0 * Double($1.values.count) }) <= Double(Self.maximumPoints) else {
      throw ScenarioError(location: location, key: "sweep", "more than \(Self.maximumPoints) points; split the sweep")
    }
  }

  private static func values(of node: Node, key: String, at location: String) throws(ScenarioError) -> [String] {
    func fail(_ message: String) -> ScenarioError { ScenarioError(location: location, key: "sweep.\(key)", message) }
    switch node {
    case .sequence(let sequence):
      guard !sequence.isEmpty else { throw fail("give at least one value") }
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
