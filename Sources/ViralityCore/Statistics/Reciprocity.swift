// SPDX-License-Identifier: GPL-3.0-or-later

extension Graph {
  /// The share of arcs u → v whose reverse v → u also exists (1 for undirected graphs):
  /// "overall reciprocity" of Garlaschelli & Loffredo, PRL 93:268701 (2004).
  /// - Complexity: O(m), merging each node's sorted out- and in-rows.
  public func reciprocity(threads: Int) -> Double {
    guard isDirected else { return 1 }
    guard arcCount > 0 else { return 0 }
    return Double(reciprocalArcs(threads: threads)) / Double(arcCount)
  }

  /// The number of arcs u → v with v → u also present.
  public func reciprocalArcs(threads: Int) -> Int {
    guard isDirected else { return arcCount }
    if let followBack { return followBack.markedCount }
    let chunk = 16_384
    var partial = [Int](repeating: 0, count: (nodeCount + chunk - 1) / chunk)
    out.withView { out in
      self.in.withView { incoming in
        partial.withUnsafeMutableBufferPointer { partial in
          let shared = UncheckedSendable(partial)
          Parallel.forEachRange(nodeCount, chunkSize: chunk, threads: threads) { range in
            var count = 0
            for u in range { count += SortedRows.intersectionCount(out[u], incoming[u]) }
            shared.value[range.lowerBound / chunk] = count
          }
        }
      }
    }
    return partial.reduce(0, +)
  }
}

/// Merging helpers for sorted rows.
public enum SortedRows {
  /// Calls `body` with the position in `a` of each element of both ascending rows without
  /// repeats, in order.
  @inlinable
  public static func forEachCommonPosition(
    _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, _ body: (Int) -> Void
  ) {
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      let x = a[i]
      let y = b[j]
      if x == y {
        body(i)
        i &+= 1
        j &+= 1
      } else if x < y {
        i &+= 1
      } else {
        j &+= 1
      }
    }
  }

  /// Calls `body` with each element of both ascending rows without repeats, in order.
  @inlinable
  public static func forEachCommon(
    _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, _ body: (UInt32) -> Void
  ) {
    forEachCommonPosition(a, b) { body(a[$0]) }
  }

  /// Calls `body` with each element of the union of ascending rows `a` and `b`, ascending,
  /// once.
  @inlinable
  public static func forEachInUnion(
    _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, _ body: (UInt32) -> Void
  ) {
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if j == b.count || (i < a.count && a[i] < b[j]) {
        body(a[i])
        i &+= 1
      } else if i == a.count || b[j] < a[i] {
        body(b[j])
        j &+= 1
      } else {
        body(a[i])
        i &+= 1
        j &+= 1
      }
    }
  }

  /// Whether ascending `row` holds `value` (binary search).
  @inlinable
  public static func contains(_ row: UnsafeBufferPointer<UInt32>, _ value: UInt32) -> Bool {
    var low = 0
    var high = row.count
    while low < high {
      let mid = (low &+ high) >> 1
      let x = row[mid]
      if x == value { return true }
      if x < value { low = mid &+ 1 } else { high = mid }
    }
    return false
  }

  /// |a ∩ b| for two ascending rows without repeats.
  @inlinable
  public static func intersectionCount(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Int {
    var count = 0
    forEachCommonPosition(a, b) { _ in count &+= 1 }
    return count
  }

}
