// SPDX-License-Identifier: GPL-3.0-or-later

extension Graph {
  /// Whether the following rows are kept (not once the graph is compacted for runs).
  public var holdsFollowingRows: Bool { out.holdsRows }

  /// The graph as spreading runs read it: the follower rows, how many accounts each agent
  /// follows, and which followers it follows back (`FollowBackMarks`), but not the following
  /// rows: 4 bytes and a bit a follow instead of 8 bytes. Every model reads only these (a
  /// nomination's friends are the marked followers), and so do the basic statistics; the
  /// rest (clustering, components, separation, the seeding strategies that walk whom agents
  /// follow, exports) need the rows. Undirected graphs keep one set of rows for both views
  /// and come back as they are.
  public func compactedForRuns(threads: Int) -> Graph {
    guard isDirected, holdsFollowingRows else { return self }
    var compact = Graph(
      nodeCount: nodeCount, isDirected: true, out: CompressedRows(lengthsOf: out), in: self.in, labels: labels,
      communities: communities)
    compact.followBack = FollowBackMarks(self, threads: threads)
    return compact
  }
}

extension GraphSize {
  /// Bytes a graph of this size holds once compacted for runs (`Graph.compactedForRuns`):
  /// the follower rows and both views' offsets, and a bit a follow, if directed.
  public var compactResidentBytes: Double {
    guard directed else { return residentBytes }
    return residentBytes - 4 * Double(edges) + Double(edges) / 8
  }
}
