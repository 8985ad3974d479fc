// SPDX-License-Identifier: GPL-3.0-or-later

/// A flat buffer of edges that generators append to; `GraphBuilder` turns it into CSR once.
///
/// For a directed graph an entry `(u, v)` is the arc u → v (u follows v); for an
/// undirected graph it is the friendship {u, v}, listed once.
public struct EdgeList: Sendable {
  public var sources: [UInt32] = []
  public var targets: [UInt32] = []

  public init() {}

  public init(sources: [UInt32], targets: [UInt32]) {
    precondition(sources.count == targets.count)
    self.sources = sources
    self.targets = targets
  }

  public init(reservingCapacity capacity: Int) {
    sources.reserveCapacity(capacity)
    targets.reserveCapacity(capacity)
  }

  public var count: Int { sources.count }

  @inlinable
  public mutating func append(_ u: Int, _ v: Int) {
    sources.append(UInt32(truncatingIfNeeded: u))
    targets.append(UInt32(truncatingIfNeeded: v))
  }

  public mutating func append(contentsOf other: EdgeList) {
    sources.append(contentsOf: other.sources)
    targets.append(contentsOf: other.targets)
  }
}
