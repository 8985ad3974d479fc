// SPDX-License-Identifier: GPL-3.0-or-later

/// Estimates of the memory a graph needs, checked before anything is allocated so a graph
/// that will not fit is refused with the estimate instead of failing halfway.
public enum GraphMemory {
  /// Bytes at the peak of building a graph of `nodes` nodes and `edges` edges (arcs if
  /// directed, friendships if undirected) from an edge list: the list (8 bytes per edge),
  /// the rows (4 bytes per stored entry, 8 per node), and the builder's staging of one
  /// direction's entries (8 bytes each) with its per-node counts (8 per node).
  public static func buildPeak(nodes: Int, edges: Int, directed: Bool) -> Int {
    let (n, m) = (Double(nodes), Double(edges))
    let edgeList = 8 * m
    let offsets = 8 * (n + 1)
    guard directed else {
      // Each friendship stored both ways, staged both ways (a round at a time), beside the list.
      return bytes(edgeList + (4 * 2 * m + offsets) + (staging(2 * m) + 8 * n))
    }
    // The out rows are built beside the list and their staging; the list is then released
    // and the in rows are the out rows transposed (`RowFill`: rows and offsets only).
    let outPhase = edgeList + (4 * m + offsets) + (staging(m) + 8 * n)
    let inPhase = 2 * (4 * m + offsets)
    return bytes(max(outPhase, inPhase))
  }

  /// Bytes at the peak of building a directed graph without an edge list (`RowFill`): the
  /// largest of the generator's own setup (`setup`, before any row exists), the filling pass
  /// (the out rows' `entries` at 4 bytes each and their offsets, beside the generator's
  /// `fillScratch`) and the transpose (both directions' rows and offsets).
  public static func rowFillPeak(nodes: Int, entries: Double, setup: Double, fillScratch: Double) -> Int {
    let rows = 4 * entries + 8 * (Double(nodes) + 1)
    return bytes(max(setup, rows + fillScratch, 2 * rows))
  }

  /// The staging of `entries` stored entries: 8 bytes each, a round of buckets at a time
  /// (`GraphBuilder.stagingRounds`).
  static func staging(_ entries: Double) -> Double { 8 * min(entries, Double(GraphBuilder.roundEntries)) }

  /// A byte count worked out in floating point (so it cannot overflow), as an `Int`, held at
  /// `Int.max`.
  public static func bytes(_ value: Double) -> Int { value >= Double(Int.max) ? Int.max : Int(max(value, 0)) }

  /// Human-readable size: `1.2 GB`, `340 MB`.
  public static func describe(bytes: Int) -> String {
    let units = ["bytes", "kB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000 && unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    let rounded = value >= 100 || unit == 0 ? value.rounded() : (value * 10).rounded() / 10
    return "\(rounded.shortDescription) \(units[unit])"
  }
}

/// A graph or run refused because it would not fit in memory.
public struct MemoryRefusal: Error, Sendable, CustomStringConvertible {
  public let what: String
  public let estimatedBytes: Int
  public let availableBytes: Int
  /// What would make it fit, if not fewer nodes or edges.
  public let advice: String?

  public init(what: String, estimatedBytes: Int, availableBytes: Int, advice: String? = nil) {
    self.what = what
    self.estimatedBytes = estimatedBytes
    self.availableBytes = availableBytes
    self.advice = advice
  }

  public var description: String {
    "\(what) needs about \(GraphMemory.describe(bytes: estimatedBytes)) but only \(GraphMemory.describe(bytes: availableBytes)) of memory is available; \(advice ?? "use fewer nodes or edges")"
  }
}
