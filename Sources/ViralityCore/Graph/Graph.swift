// SPDX-License-Identifier: GPL-3.0-or-later

/// An immutable social graph in compressed sparse row form.
///
/// Nodes are `0 ..< nodeCount`. In a **directed** graph an edge `u → v` means *u follows v*:
/// `following(of: u)` are the accounts u follows (out-edges) and `followers(of: v)` the
/// accounts that see v's posts (in-edges, stored as a second, reverse CSR). Posts therefore
/// travel against the edge direction, from an account to its followers. In an
/// **undirected** graph every friendship is stored both ways and both views are the same
/// rows. Rows are sorted and hold no self-loops and no duplicates.
public struct Graph: Sendable {
  /// The number of nodes.
  public let nodeCount: Int
  /// Whether edges have a direction (follows) or are mutual (friendships).
  public let isDirected: Bool
  /// Out-edges: the accounts each node follows (its neighbours if undirected).
  public let out: CompressedRows
  /// In-edges: each node's followers (the same rows as `out` if undirected).
  public let `in`: CompressedRows
  /// Node labels from an input file (`nil` for generated graphs): `labels[id]` is the name
  /// the file used, kept so outputs can speak the file's language.
  public var labels: [String]?
  /// Community (block) of every node, when the generator plants communities.
  public var communities: [UInt32]?
  /// Which followers each account follows back, in a graph compacted for runs
  /// (`compactedForRuns`; nil otherwise).
  public internal(set) var followBack: FollowBackMarks?

  public init(
    nodeCount: Int, isDirected: Bool, out: CompressedRows, in incoming: CompressedRows? = nil,
    labels: [String]? = nil, communities: [UInt32]? = nil
  ) {
    precondition(out.rowCount == nodeCount, "rows must match the node count")
    precondition(isDirected == (incoming != nil), "directed graphs need the reverse rows, undirected ones must not have them")
    self.nodeCount = nodeCount
    self.isDirected = isDirected
    self.out = out
    self.in = incoming ?? out
    self.labels = labels
    self.communities = communities
  }

  /// Stored entries of `out`: arcs if directed, twice the edges if undirected.
  public var arcCount: Int { out.entryCount }

  /// Edges: arcs if directed, friendships if undirected.
  public var edgeCount: Int { isDirected ? out.entryCount : out.entryCount / 2 }

  /// The accounts `u` follows (its neighbours if undirected).
  public func following(of u: Int) -> ArraySlice<UInt32> { out[u] }

  /// The accounts that follow `u`: who sees `u`'s posts (its neighbours if undirected).
  public func followers(of u: Int) -> ArraySlice<UInt32> { self.in[u] }

  /// The neighbours of `u` in an undirected graph.
  public func neighbors(of u: Int) -> ArraySlice<UInt32> { out[u] }

  /// How many accounts follow `u` (in-degree; the degree if undirected).
  public func followerCount(of u: Int) -> Int { self.in.degree(u) }

  /// How many accounts `u` follows (out-degree; the degree if undirected).
  public func followingCount(of u: Int) -> Int { out.degree(u) }

  /// `u`'s ties: followers plus accounts followed (the degree if undirected).
  public func tieCount(of u: Int) -> Int { followerCount(of: u) + (isDirected ? followingCount(of: u) : 0) }

  /// Whether `u → v` is an edge (`u` follows `v`, or they are friends). O(log degree).
  public func hasEdge(_ u: Int, _ v: Int) -> Bool {
    out.withView { $0.contains(u, UInt32(v)) }
  }

  /// The label of node `u`: its name in the input file, or its id.
  public func label(of u: Int) -> String { labels?[u] ?? String(u) }

  /// Calls `body(u, v)` once for each pair of nodes with a tie, in order of u: a friendship
  /// or a mutual follow as (u, v) with u < v, a one-way follow as it runs.
  public func forEachTie(_ body: (Int, Int) -> Void) {
    for u in 0..<nodeCount {
      for v in out[u] where Int(v) != u && (u < Int(v) || (isDirected && !hasEdge(Int(v), u))) {
        body(u, Int(v))
      }
    }
  }
}
