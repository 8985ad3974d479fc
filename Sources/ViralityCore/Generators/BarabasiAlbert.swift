// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The Barabási–Albert preferential-attachment model: starting from a clique of m + 1 nodes,
/// each new node links to m distinct existing nodes chosen with probability proportional to
/// their degree. Degrees follow P(k) = 2m(m + 1) / (k(k + 1)(k + 2)) for large n.
///
/// A.-L. Barabási & R. Albert, "Emergence of scaling in random networks", Science
/// 286:509–512 (1999); degree law: Dorogovtsev, Mendes & Samukhin, PRL 85:4633 (2000) and
/// Bollobás, Riordan, Spencer & Tusnády, Random Struct. Alg. 18:279 (2001).
///
/// Degree-proportional choice samples a uniform position in the list of all edge endpoints
/// so far (Batagelj & Brandes, Phys. Rev. E 71:036113, 2005); the m targets of one node are
/// drawn from the list as it stood before that node arrived, repeats redrawn.
///
/// - Complexity: O(n·m) time; 4 bytes per edge besides the graph itself.
public struct BarabasiAlbert: GraphGenerator {
  public static let modelName = "barabasi-albert"
  public var nodes: Int
  /// m: the edges each new node brings.
  public var edgesPerNode: Int

  public init(nodes: Int, edgesPerNode: Int = 3) {
    self.nodes = nodes
    self.edgesPerNode = edgesPerNode
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case nodes, edgesPerNode = "edges_per_node" }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: GraphModelKeys.shared)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(nodes: try c.decode(Int.self, forKey: .nodes), edgesPerNode: try c.value(.edgesPerNode, default: 3))
  }

  public func validate() throws(ParameterError) {
    try Check.nodeCount(nodes, "nodes", minimum: 2)
    try PreferentialAttachment.validate(nodes: nodes, edgesPerNode: edgesPerNode)
  }

  public var expectedSize: GraphSize {
    PreferentialAttachment.expectedSize(nodes: nodes, edgesPerNode: edgesPerNode)
  }

  public func generate(using stream: RandomStream, threads: Int) -> Graph {
    let targets = drawTargets(stream)
    return rows(targets: targets, threads: threads)
  }

  /// The clique's edges are (a, b) for a = 1 … m, b < a; then node v = m + 1, m + 2, …
  /// brings edges m at a time. `target[e]` is edge e's older endpoint; its source is implied
  /// by e, so the endpoint list of Batagelj & Brandes needs no storage for sources: a
  /// position r < e (of the 2e endpoints so far) is the source of edge r, otherwise the
  /// target of edge r − e. Only the target array is read at random, and it is half the size.
  private func drawTargets(_ stream: RandomStream) -> [UInt32] {
    let m = edgesPerNode
    let cliqueEdges = m * (m + 1) / 2
    let total = PreferentialAttachment.edgeCount(nodes: nodes, edgesPerNode: m)
    let cliqueSources = (1...m).flatMap { a in repeatElement(UInt32(a), count: a) }
    return [UInt32](unsafeUninitializedCapacity: total) { target, initialized in
      var e = 0
      for a in 1...m {
        for b in 0..<a {
          target[e] = UInt32(b)
          e += 1
        }
      }
      // Edge → node is a division by m; a 32-bit one is several times cheaper and exact
      // while edge numbers fit in 32 bits.
      let narrow = total < Int(UInt32.max)
      let divisor = UInt32(m)
      @inline(__always) func endpoint(_ r: Int, edges: Int) -> UInt32 {
        if r >= edges { return target[r - edges] }
        if r < cliqueEdges { return cliqueSources[r] }
        let later = r - cliqueEdges
        return UInt32(m + 1) + (narrow ? UInt32(truncatingIfNeeded: later) / divisor : UInt32(later / m))
      }
      var positions = [Int](repeating: 0, count: m)
      var picks = [UInt32](repeating: 0, count: m)
      for _ in (m + 1)..<max(nodes, m + 1) {
        let available = 2 * e
        // Draw all m positions first, then read them: the m cache misses overlap.
        for i in 0..<m { positions[i] = stream.uniformInt(below: available) }
        for i in 0..<m { picks[i] = endpoint(positions[i], edges: e) }
        // Redraw repeats, in order, until the m targets are distinct.
        var i = 1
        while i < m {
          var repeated = false
          for k in 0..<i where picks[k] == picks[i] { repeated = true }
          if repeated {
            picks[i] = endpoint(stream.uniformInt(below: available), edges: e)
          } else {
            i &+= 1
          }
        }
        for i in 0..<m { target[e + i] = picks[i] }
        e += m
      }
      initialized = total
    }
  }

  /// Builds the rows directly: node v's row is its own targets (all older than v, sorted
  /// here) followed by the later nodes that chose v, which a scan of the edges meets in
  /// increasing order. No staging, sorting or de-duplication is needed; rows are split among
  /// workers, each scanning the edges for its own rows.
  private func rows(targets: [UInt32], threads: Int) -> Graph {
    let m = edgesPerNode
    let n = nodes
    let cliqueEdges = m * (m + 1) / 2
    /// Own edges of node v: a for clique node a, m for later nodes, starting at `firstEdge`.
    func own(_ v: Int) -> (count: Int, firstEdge: Int) {
      v <= m ? (v, v * (v - 1) / 2) : (m, cliqueEdges + (v - m - 1) * m)
    }
    // Each worker owns a range of rows and counts, then fills, only those: 4-byte counters
    // for its rows stay in cache while it scans all targets. Ranges hold 2²⁹ entries on
    // average, so even the range of the oldest hubs (about √parts times the average) keeps
    // its offsets below 2³².
    let parts = min(n, max(1, min(threads, 8), (2 * targets.count) >> 29 + 1))
    let bounds = (0...parts).map { $0 * n / parts }
    var choosers = [[UInt32]](repeating: [], count: parts)
    targets.withUnsafeBufferPointer { targets in
      choosers.withUnsafeMutableBufferPointer { choosers in
        let shared = UncheckedSendable(choosers)
        Parallel.forEachChunk(parts, threads: threads) { part in
          let (low, high) = (bounds[part], bounds[part + 1])
          var count = [UInt32](repeating: 0, count: high - low)
          for t in targets where Int(t) >= low && Int(t) < high { count[Int(t) - low] &+= 1 }
          shared.value[part] = count
        }
      }
    }
    var offsets = [Int](repeating: 0, count: n + 1)
    for part in 0..<parts {
      for v in bounds[part]..<bounds[part + 1] {
        offsets[v + 1] = offsets[v] + own(v).count + Int(choosers[part][v - bounds[part]])
      }
    }
    let total = offsets[n]
    let rows = [UInt32](unsafeUninitializedCapacity: total) { rows, initialized in
      targets.withUnsafeBufferPointer { targets in
        choosers.withUnsafeMutableBufferPointer { choosers in
          let shared = UncheckedSendable((rows, choosers))
          Parallel.forEachChunk(parts, threads: threads) { part in
            let (rows, choosers) = shared.value
            let (low, high) = (bounds[part], bounds[part + 1])
            let base = offsets[low]
            choosers[part].withUnsafeMutableBufferPointer { cursor in
              // Own targets first, sorted; the cursor then points past them (relative to base).
              for v in low..<high {
                let (count, first) = own(v)
                let row = UnsafeMutableBufferPointer(rebasing: rows[offsets[v]..<(offsets[v] + count)])
                for i in 0..<count { row[i] = targets[first + i] }
                GraphBuilder.sortRow(row)
                cursor[v - low] = UInt32(offsets[v] + count - base)
              }
              var e = 0
              for v in 1..<n {
                for _ in 0..<own(v).count {
                  let t = Int(targets[e])
                  if t >= low && t < high {
                    rows[base + Int(cursor[t - low])] = UInt32(v)
                    cursor[t - low] &+= 1
                  }
                  e += 1
                }
              }
            }
          }
        }
      }
      initialized = total
    }
    return Graph(nodeCount: n, isDirected: false, out: CompressedRows(offsets: offsets, targets: rows))
  }
}

/// Shared by the preferential-attachment models.
enum PreferentialAttachment {
  static func validate(nodes: Int, edgesPerNode: Int) throws(ParameterError) {
    guard edgesPerNode >= 1, edgesPerNode < nodes else {
      throw ParameterError("edges_per_node", "must be from 1 to nodes − 1 (\(nodes - 1)); got \(edgesPerNode)")
    }
  }

  /// A clique on m + 1 nodes, then m edges for each later node.
  static func edgeCount(nodes: Int, edgesPerNode m: Int) -> Int {
    m * (m + 1) / 2 + max(0, nodes - m - 1) * m
  }

  /// The size, worked out so that no valid parameters overflow.
  static func expectedSize(nodes: Int, edgesPerNode m: Int) -> GraphSize {
    let (n, k) = (Double(nodes), Double(m))
    return GraphSize(nodes: nodes, expectedEdges: k * (k + 1) / 2 + max(0, n - k - 1) * k, directed: false)
  }
}
