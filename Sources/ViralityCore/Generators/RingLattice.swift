// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The ring lattice under the Watts–Strogatz and Newman–Watts models: n nodes on a circle,
/// each linked to its `half` nearest neighbours on either side, and the edges a model adds
/// or removes while it runs.
///
/// Lattice edge `e = (j − 1)·n + u` links u and (u + j) mod n, so edges are numbered lap by
/// lap (all nearest-neighbour edges first), the order in which Watts & Strogatz rewire them.
/// Models add edges only from the node they are visiting, in increasing node order, so
/// every added edge is kept in its *owner's* list: appending is sequential, and a 16-bit
/// signature per node (a tiny Bloom filter of the owner's additions) answers most "is {u, w}
/// an edge?" questions without touching memory far away — a hash set of edges would cost a
/// cache miss per question on large rings.
struct RingLattice {
  let nodes: Int
  let half: Int
  /// Bit e is set when lattice edge e has been removed (rewired).
  private var removed: [UInt64]
  /// Added edges as a log: `addedTarget[i]` was added by `addedOwner[i]`.
  private var addedOwner: [UInt32] = []
  private var addedTarget: [UInt32] = []
  /// The owner's previous addition (−1: none), and each node's latest one.
  private var previousOfOwner: [Int32] = []
  private var latestOf: [Int32]
  private var signature: [UInt16]

  init(nodes: Int, neighbors: Int, expectedAdditions: Int) {
    self.nodes = nodes
    self.half = neighbors / 2
    removed = [UInt64](repeating: 0, count: (nodes * half + 63) / 64)
    latestOf = [Int32](repeating: -1, count: nodes)
    signature = [UInt16](repeating: 0, count: nodes)
    addedOwner.reserveCapacity(expectedAdditions)
    addedTarget.reserveCapacity(expectedAdditions)
    previousOfOwner.reserveCapacity(expectedAdditions)
  }

  var latticeEdgeCount: Int { nodes * half }
  var addedCount: Int { addedOwner.count }

  @inline(__always)
  private static func signatureBit(_ node: Int) -> UInt16 {
    1 << UInt16(truncatingIfNeeded: (UInt64(node) &* 0x9E37_79B9_7F4A_7C15) >> 60)
  }

  @inline(__always)
  private func isRemoved(_ e: Int) -> Bool { removed[e >> 6] & (1 << UInt64(e & 63)) != 0 }

  /// The index of the lattice edge {u, w}, if u and w are lattice neighbours.
  @inline(__always)
  func latticeIndex(_ u: Int, _ w: Int) -> Int? {
    var forward = w - u
    if forward < 0 { forward += nodes }
    if forward >= 1 && forward <= half { return (forward - 1) * nodes + u }
    let backward = nodes - forward
    if backward >= 1 && backward <= half { return (backward - 1) * nodes + w }
    return nil
  }

  /// Whether `owner` has added an edge to `other`.
  @inline(__always)
  private func hasAdded(_ owner: Int, _ other: Int) -> Bool {
    guard signature[owner] & Self.signatureBit(other) != 0 else { return false }
    var i = Int(latestOf[owner])
    while i >= 0 {
      if Int(addedTarget[i]) == other { return true }
      i = Int(previousOfOwner[i])
    }
    return false
  }

  /// Whether {u, w} is currently an edge.
  @inline(__always)
  func contains(_ u: Int, _ w: Int) -> Bool {
    if let e = latticeIndex(u, w), !isRemoved(e) { return true }
    return hasAdded(u, w) || hasAdded(w, u)
  }

  /// A uniformly random node w ≠ u with {u, w} not an edge, or nil if u is linked to all.
  /// Rejection sampling; after many rejections (only on tiny, dense rings) the candidates
  /// are listed, which keeps the choice uniform.
  func randomNonNeighbor(of u: Int, _ stream: RandomStream) -> Int? {
    for _ in 0..<64 {
      let w = stream.uniformInt(below: nodes)
      if w != u && !contains(u, w) { return w }
    }
    let candidates = (0..<nodes).filter { $0 != u && !contains(u, $0) }
    return candidates.isEmpty ? nil : candidates[stream.uniformInt(below: candidates.count)]
  }

  /// Removes lattice edge `e`.
  mutating func remove(_ e: Int) { removed[e >> 6] |= 1 << UInt64(e & 63) }

  /// Adds the edge {owner, w}; `owner` is the node being visited.
  mutating func add(owner: Int, _ w: Int) {
    addedOwner.append(UInt32(owner))
    addedTarget.append(UInt32(w))
    previousOfOwner.append(latestOf[owner])
    latestOf[owner] = Int32(addedOwner.count - 1)
    signature[owner] |= Self.signatureBit(w)
  }

  /// The current edges as a list, each once, in the order of `forEachEdge`.
  func edgeList() -> EdgeList {
    var edges = EdgeList(reservingCapacity: latticeEdgeCount + addedCount)
    forEachEdge { edges.append($0, $1) }
    return edges
  }

  /// Calls `body(u, w)` once per current edge: the remaining lattice edges lap by lap, then
  /// the added ones in the order they were added (owner first).
  func forEachEdge(_ body: (Int, Int) -> Void) {
    for j in 1...half {
      for u in 0..<nodes where !isRemoved((j - 1) * nodes + u) {
        body(u, u + j < nodes ? u + j : u + j - nodes)
      }
    }
    for i in 0..<addedCount { body(Int(addedOwner[i]), Int(addedTarget[i])) }
  }

  /// Frees what only the rewiring's edge queries need (each node's latest addition and
  /// signature, the additions' chains): 10 bytes a node and 4 an addition. The edges stay
  /// readable; `contains` and `add` must not be called afterwards.
  mutating func releaseQueryIndex() {
    previousOfOwner = []
    latestOf = []
    signature = []
  }

  /// The current edges as an undirected graph, built row by row without an edge list:
  /// each row is the node's remaining lattice neighbours plus its added ones, sorted.
  /// Rows are independent, so they are filled in parallel.
  func graph(threads: Int) -> Graph {
    let n = nodes
    // Added edges, both ways, grouped by node (a counting sort of the log).
    var addedOffsets = [Int](repeating: 0, count: n + 1)
    for i in 0..<addedCount {
      addedOffsets[Int(addedOwner[i]) + 1] += 1
      addedOffsets[Int(addedTarget[i]) + 1] += 1
    }
    for u in 0..<n { addedOffsets[u + 1] += addedOffsets[u] }
    var addedRows = [UInt32](repeating: 0, count: addedOffsets[n])
    var cursor = addedOffsets
    for i in 0..<addedCount {
      let a = Int(addedOwner[i])
      let b = Int(addedTarget[i])
      addedRows[cursor[a]] = UInt32(b)
      cursor[a] += 1
      addedRows[cursor[b]] = UInt32(a)
      cursor[b] += 1
    }
    cursor = []
    let chunk = 16_384
    var offsets = [Int](repeating: 0, count: n + 1)
    offsets.withUnsafeMutableBufferPointer { offsets in
      let shared = UncheckedSendable(offsets)
      Parallel.forEachRange(n, chunkSize: chunk, threads: threads) { range in
        for u in range {
          var degree = addedOffsets[u + 1] - addedOffsets[u]
          for j in 1...half {
            if !isRemoved((j - 1) * n + u) { degree += 1 }
            let back = u - j < 0 ? u - j + n : u - j
            if !isRemoved((j - 1) * n + back) { degree += 1 }
          }
          shared.value[u + 1] = degree
        }
      }
      for u in 0..<n { offsets[u + 1] += offsets[u] }
    }
    let total = offsets[n]
    let targets = [UInt32](unsafeUninitializedCapacity: total) { targets, initialized in
      let shared = UncheckedSendable(targets)
      Parallel.forEachRange(n, chunkSize: chunk, threads: threads) { range in
        let targets = shared.value
        for u in range {
          var k = offsets[u]
          for j in 1...half {
            let back = u - j < 0 ? u - j + n : u - j
            if !isRemoved((j - 1) * n + back) {
              targets[k] = UInt32(back)
              k += 1
            }
            if !isRemoved((j - 1) * n + u) {
              targets[k] = UInt32(u + j < n ? u + j : u + j - n)
              k += 1
            }
          }
          for i in addedOffsets[u]..<addedOffsets[u + 1] {
            targets[k] = addedRows[i]
            k += 1
          }
          GraphBuilder.sortRow(UnsafeMutableBufferPointer(rebasing: targets[offsets[u]..<k]))
        }
      }
      initialized = total
    }
    return Graph(nodeCount: n, isDirected: false, out: CompressedRows(offsets: offsets, targets: targets))
  }
}

/// Checks shared by the ring-lattice models.
enum RingLatticeCheck {
  static func validate(nodes: Int, neighbors: Int) throws(ParameterError) {
    try Check.nodeCount(nodes, "nodes", minimum: 3)
    guard neighbors >= 2, neighbors % 2 == 0, neighbors < nodes else {
      throw ParameterError(
        "neighbors", "must be an even number from 2 to nodes − 1 (\(nodes - 1)); got \(neighbors)")
    }
  }
}
