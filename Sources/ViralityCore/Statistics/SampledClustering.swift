// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// Clustering of the undirected simple view of a graph, estimated from samples, with
/// standard errors: for graphs whose exact count (`Clustering`, which needs the undirected
/// view and the oriented rows beside the graph) would not fit in memory. Beside the graph it
/// needs 8 bytes a node (the wedges' running totals) and a few numbers per sample.
///
/// - Average local clustering: the mean of C_i = t_i / (d_i(d_i − 1)/2) (0 below degree 2)
///   over nodes drawn uniformly with replacement, each node's triangles counted exactly from
///   the graph's own rows; standard error s/√k. C_i lies in [0, 1], so the mean of a few
///   thousand draws is near normal whatever the degrees.
/// - Transitivity, the share of closed wedges (paths u–v–w) among all wedges: wedges drawn
///   uniformly (a centre with probability proportional to its wedges, then two distinct
///   neighbours) and checked for closure, the binomial share with standard error
///   √(p(1 − p)/k) (Seshadhri, Pinar & Kolda, "Wedge sampling for computing clustering
///   coefficients and triangle counts on large graphs", Stat. Anal. Data Min. 7:294, 2014).
///   Sampling nodes instead would weigh a celebrity's millions of wedges like anyone's few.
///
/// Neighbours are the out- and in-rows merged. Two accounts' shared neighbours are found by
/// binary search or by merging, whichever reads fewer entries: a typical account beside a
/// celebrity searches the celebrity's row, and a sampled celebrity walks its neighbours'.
public struct SampledClustering: Sendable, Equatable {
  /// Nodes drawn for the average local clustering, and wedges for the transitivity.
  public let sampleSize: Int
  public let averageLocal: Double
  public let averageLocalStandardError: Double
  public let transitivity: Double
  public let transitivityStandardError: Double

  /// Draws `sampleSize` nodes and `sampleSize` wedges from `stream`, on `threads` threads.
  /// The result depends on the stream, not on the thread count.
  public init(_ graph: Graph, sampleSize: Int, stream: RandomStream, threads: Int) {
    let n = graph.nodeCount
    let k = n == 0 ? 0 : max(sampleSize, 2)
    self.sampleSize = k
    (averageLocal, averageLocalStandardError) = Self.averageLocal(graph, samples: k, stream: stream, threads: threads)
    (transitivity, transitivityStandardError) = Self.transitivity(graph, samples: k, stream: stream, threads: threads)
  }

  /// The mean local clustering of `samples` uniform nodes and its standard error.
  static func averageLocal(_ graph: Graph, samples k: Int, stream: RandomStream, threads: Int) -> (Double, Double) {
    guard k > 0 else { return (0, 0) }
    let n = graph.nodeCount
    let nodes = (0..<k).map { _ in stream.uniformInt(below: n) }
    var triangles = [Int](repeating: 0, count: k)
    var degrees = [Int](repeating: 0, count: k)
    graph.out.withView { out in
      graph.in.withView { incoming in
        triangles.withUnsafeMutableBufferPointer { triangles in
          degrees.withUnsafeMutableBufferPointer { degrees in
            let results = UncheckedSendable((triangles, degrees))
            Parallel.forEachRange(k, chunkSize: 64, threads: threads) { range in
              var scratch: [UInt32] = []
              for i in range {
                let (triangles, degrees) = results.value
                (triangles[i], degrees[i]) = Self.triangles(
                  at: nodes[i], out, incoming, directed: graph.isDirected, scratch: &scratch)
              }
            }
          }
        }
      }
    }
    let local = zip(triangles, degrees).map { t, d in d < 2 ? 0 : Double(t) / Double(d * (d - 1) / 2) }
    let mean = local.reduce(0, +) / Double(k)
    let variance = local.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(k - 1)
    return (mean, (variance / Double(k)).squareRoot())
  }

  /// The closed share of `samples` uniform wedges and its standard error.
  static func transitivity(_ graph: Graph, samples k: Int, stream: RandomStream, threads: Int) -> (Double, Double) {
    let directed = graph.isDirected
    let none = UnsafeBufferPointer<UInt32>(start: nil, count: 0)
    // Running totals of the wedges d(d − 1)/2 at each node, in node order.
    var totals = [Int](repeating: 0, count: graph.nodeCount)
    graph.out.withView { out in
      graph.in.withView { incoming in
        totals.withUnsafeMutableBufferPointer { totals in
          let shared = UncheckedSendable(totals)
          Parallel.forEachRange(graph.nodeCount, chunkSize: 16_384, threads: threads) { range in
            for u in range {
              let d =
                directed
                ? out.degree(u) + incoming.degree(u) - SortedRows.intersectionCount(out[u], incoming[u]) : out.degree(u)
              shared.value[u] = d * (d - 1) / 2
            }
          }
        }
      }
    }
    for u in totals.indices.dropFirst() { totals[u] += totals[u - 1] }
    guard let all = totals.last, all > 0, k > 0 else { return (0, 0) }
    var closed = 0
    graph.out.withView { out in
      graph.in.withView { incoming in
        // A uniform neighbour of u: a uniform entry of its out- and in-rows together, an
        // in-row entry that is also in the out-row drawn again (so each neighbour has one
        // chance in the union's size).
        func neighbour(of u: Int) -> UInt32 {
          let (a, b) = (out[u], directed ? incoming[u] : none)
          while true {
            let pick = stream.uniformInt(below: a.count + b.count)
            if pick < a.count { return a[pick] }
            let v = b[pick - a.count]
            if !SortedRows.contains(a, v) { return v }
          }
        }
        for _ in 0..<k {
          // The centre: the first node whose running total exceeds a uniform draw below all.
          let target = stream.uniformInt(below: all)
          var (low, high) = (0, totals.count - 1)
          while low < high {
            let middle = (low + high) / 2
            if totals[middle] > target { high = middle } else { low = middle + 1 }
          }
          let v = neighbour(of: low)
          var w = neighbour(of: low)
          while w == v { w = neighbour(of: low) }
          if SortedRows.contains(out[Int(v)], w) || (directed && SortedRows.contains(incoming[Int(v)], w)) { closed += 1 }
        }
      }
    }
    let share = Double(closed) / Double(k)
    return (share, (share * (1 - share) / Double(k)).squareRoot())
  }

  /// The triangles through `u` and its degree in the undirected simple view. Its
  /// neighbours (out- and in-rows merged, into `scratch`) are checked against each
  /// neighbour's rows; each triangle is seen from both of its other corners.
  static func triangles(at u: Int, _ out: RowsView, _ incoming: RowsView, directed: Bool, scratch: inout [UInt32])
    -> (triangles: Int, degree: Int)
  {
    let none = UnsafeBufferPointer<UInt32>(start: nil, count: 0)
    scratch.removeAll(keepingCapacity: true)
    SortedRows.forEachInUnion(out[u], directed ? incoming[u] : none) { scratch.append($0) }
    let seen = scratch.withUnsafeBufferPointer { around in
      around.reduce(0) { $0 + commonCount(around, out[Int($1)], directed ? incoming[Int($1)] : none) }
    }
    return (seen / 2, scratch.count)
  }

  /// How many of `around` (ascending, no repeats) are in the union of the ascending rows
  /// `a` and `b`: by binary search in `a` and `b` when `around` is the short side, else by
  /// walking the union and searching `around`.
  static func commonCount(
    _ around: UnsafeBufferPointer<UInt32>, _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>
  ) -> Int {
    let rows = a.count + b.count
    guard rows > 0, !around.isEmpty else { return 0 }
    var count = 0
    if around.count * (Int.bitWidth - rows.leadingZeroBitCount) < rows {
      for w in around where SortedRows.contains(a, w) || SortedRows.contains(b, w) { count += 1 }
    } else {
      SortedRows.forEachInUnion(a, b) { if SortedRows.contains(around, $0) { count += 1 } }
    }
    return count
  }
}
