// SPDX-License-Identifier: GPL-3.0-or-later

/// Compressed sparse rows: the neighbours of node `u` are
/// `targets[offsets[u] ..< offsets[u + 1]]`, sorted ascending, without duplicates.
///
/// Node ids are `UInt32`; offsets are `Int`, so a graph may hold more than 2³² edges.
/// Memory: 4 bytes per stored edge plus 8 bytes per node.
///
/// Rows may also be kept as their lengths alone (`init(lengthsOf:)`): the offsets without
/// the targets, for a graph compacted for runs that read only how many accounts each agent
/// follows (`Graph.compactedForRuns`). Reading such a row traps.
public struct CompressedRows: Sendable {
  public let offsets: [Int]
  public let targets: [UInt32]

  public init(offsets: [Int], targets: [UInt32]) {
    precondition(offsets.last == targets.count, "offsets must end at the number of targets")
    self.offsets = offsets
    self.targets = targets
  }

  /// The lengths of `rows` (their offsets), without the rows.
  public init(lengthsOf rows: CompressedRows) {
    offsets = rows.offsets
    targets = []
  }

  /// The number of rows (nodes).
  public var rowCount: Int { offsets.count - 1 }

  /// The number of entries the rows have (stored, unless only their lengths are kept).
  public var entryCount: Int { offsets[offsets.count - 1] }

  /// Whether the rows themselves are kept, not only their lengths.
  public var holdsRows: Bool { targets.count == entryCount }

  /// The length of row `u`.
  @inlinable
  public func degree(_ u: Int) -> Int { offsets[u + 1] - offsets[u] }

  /// Row `u`.
  @inlinable
  public subscript(_ u: Int) -> ArraySlice<UInt32> { targets[offsets[u]..<offsets[u + 1]] }

  /// Gives `body` a pointer view for hot loops; the view is valid only inside `body`.
  @inlinable
  public func withView<R>(_ body: (RowsView) throws -> R) rethrows -> R {
    try offsets.withUnsafeBufferPointer { offsets in
      try targets.withUnsafeBufferPointer { targets in
        try body(RowsView(offsets: offsets, targets: targets))
      }
    }
  }
}

/// A read-only pointer view of `CompressedRows` for kernels; safe to share between threads
/// for the duration of the `withView` call that made it.
public struct RowsView: @unchecked Sendable {
  public let offsets: UnsafeBufferPointer<Int>
  public let targets: UnsafeBufferPointer<UInt32>

  @inlinable
  public init(offsets: UnsafeBufferPointer<Int>, targets: UnsafeBufferPointer<UInt32>) {
    self.offsets = offsets
    self.targets = targets
  }

  @inlinable
  public var rowCount: Int { offsets.count - 1 }

  @inlinable
  public func degree(_ u: Int) -> Int { offsets[u + 1] &- offsets[u] }

  @inlinable
  public subscript(_ u: Int) -> UnsafeBufferPointer<UInt32> {
    UnsafeBufferPointer(rebasing: targets[offsets[u]..<offsets[u + 1]])
  }

  /// Whether row `u` holds `v` (binary search).
  @inlinable
  public func contains(_ u: Int, _ v: UInt32) -> Bool { SortedRows.contains(self[u], v) }
}
