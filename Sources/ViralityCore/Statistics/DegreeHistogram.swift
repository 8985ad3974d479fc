// SPDX-License-Identifier: GPL-3.0-or-later

/// How many nodes have each degree.
public struct DegreeHistogram: Sendable, Equatable {
  /// `counts[d]` nodes have degree d.
  public let counts: [Int]

  public init(counts: [Int]) { self.counts = counts }

  /// The histogram of the row lengths of `rows`.
  public init(_ rows: CompressedRows) {
    var counts = [Int]()
    for u in 0..<rows.rowCount {
      let d = rows.degree(u)
      if d >= counts.count { counts.append(contentsOf: repeatElement(0, count: d - counts.count + 1)) }
      counts[d] += 1
    }
    self.counts = counts
  }

  public var nodes: Int { counts.reduce(0, +) }
  public var maximum: Int { counts.count - 1 }
  public var minimum: Int { counts.firstIndex { $0 > 0 } ?? 0 }

  public var mean: Double {
    let total = counts.enumerated().reduce(0) { $0 + $1.offset * $1.element }
    return nodes == 0 ? 0 : Double(total) / Double(nodes)
  }

  /// The population variance of the degree.
  public var variance: Double {
    let m = mean
    let sum = counts.enumerated().reduce(0.0) { $0 + Double($1.element) * (Double($1.offset) - m) * (Double($1.offset) - m) }
    return nodes == 0 ? 0 : sum / Double(nodes)
  }

  /// The share of nodes with degree ≥ d.
  public func tail(atLeast d: Int) -> Double {
    guard d < counts.count else { return 0 }
    return Double(counts[max(d, 0)...].reduce(0, +)) / Double(max(nodes, 1))
  }
}
