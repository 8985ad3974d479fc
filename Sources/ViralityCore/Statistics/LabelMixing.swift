// SPDX-License-Identifier: GPL-3.0-or-later
import CPrefetch

/// How a categorical attribute (a segment's labels) mixes over a graph's arcs, as counts:
/// the arcs whose two ends share a label, and per label the arcs that leave and that enter
/// its agents. From them, Newman's assortativity coefficient
///
///     r = (Σᵢ eᵢᵢ − Σᵢ aᵢ bᵢ) / (1 − Σᵢ aᵢ bᵢ)
///
/// with eᵢⱼ the share of arcs from label i to label j, aᵢ = Σⱼ eᵢⱼ and bⱼ = Σᵢ eᵢⱼ
/// (M. E. J. Newman, "Mixing patterns in networks", Phys. Rev. E 67:026126, 2003; what
/// networkx's `attribute_assortativity_coefficient` computes). An arc u → v runs from the
/// follower to the followed account; an undirected friendship counts both ways. r is 1
/// when every arc stays within a label, 0 for labels independent of the graph.
///
/// Relabelling one agent updates the counts in O(its degree), so a search over labellings
/// never recounts the graph.
public struct LabelMixing: Sendable {
  /// Arcs whose ends share a label.
  public private(set) var within: Int
  /// Per label, arcs leaving its agents (out-degrees summed) and entering them.
  public private(set) var leaving: [Int]
  public private(set) var entering: [Int]
  /// Σᵢ leavingᵢ · enteringᵢ.
  private var products: Int
  public let arcs: Int

  /// Counts the mixing of `codes` (labels `0..<labelCount`) over `graph`.
  /// - Complexity: O(n + m), the arcs split over `threads`.
  public init(_ graph: Graph, codes: [UInt16], labelCount: Int, threads: Int) {
    arcs = graph.arcCount
    leaving = [Int](repeating: 0, count: labelCount)
    entering = [Int](repeating: 0, count: labelCount)
    for u in 0..<graph.nodeCount {
      let label = Int(codes[u])
      leaving[label] += graph.out.degree(u)
      entering[label] += graph.in.degree(u)
    }
    products = zip(leaving, entering).reduce(0) { $0 + $1.0 * $1.1 }
    let chunks = min(64, graph.nodeCount / 4096 + 1)
    var partial = [Int](repeating: 0, count: chunks)
    graph.out.withView { rows in
      codes.withUnsafeBufferPointer { codes in
        partial.withUnsafeMutableBufferPointer { partial in
          let shared = UncheckedSendable((rows, codes, partial))
          Parallel.forEachChunk(chunks, threads: threads) { chunk in
            let (rows, codes, partial) = shared.value
            let n = codes.count
            let (start, end) = (chunk * n / chunks, (chunk + 1) * n / chunks)
            // The chunk's arcs in one run: the label of the end `ahead` arcs on is asked for
            // early, since the ends are spread over the whole graph (measured: the count
            // waits on those loads).
            let targets = rows.targets.baseAddress!
            let (first, last) = (rows.offsets[start], rows.offsets[end])
            let ahead = 16
            var same = 0
            var u = start
            var next = rows.offsets[start + 1]
            var label = codes[u]
            for arc in first..<last {
              if arc + ahead < last { viral_prefetch(codes.baseAddress! + Int(targets[arc + ahead])) }
              while arc >= next {
                u += 1
                next = rows.offsets[u + 1]
                label = codes[u]
              }
              if codes[Int(targets[arc])] == label { same += 1 }
            }
            partial[chunk] = same
          }
        }
      }
    }
    within = partial.reduce(0, +)
  }

  /// Newman's r estimated from the arcs of every `stride`-th agent (the label sums are
  /// exact), with its standard error as if the sampled arcs were independent: a cheap look
  /// for a search, which recounts exactly what it keeps.
  /// - Complexity: O(n + m / stride).
  public static func estimate(_ graph: Graph, codes: [UInt16], labelCount: Int, stride: Int) -> (r: Double, se: Double) {
    var (leaving, entering) = ([Int](repeating: 0, count: labelCount), [Int](repeating: 0, count: labelCount))
    for u in 0..<graph.nodeCount {
      leaving[Int(codes[u])] += graph.out.degree(u)
      entering[Int(codes[u])] += graph.in.degree(u)
    }
    var (sampled, same) = (0, 0)
    graph.out.withView { rows in
      for u in Swift.stride(from: 0, to: graph.nodeCount, by: stride) {
        let label = codes[u]
        sampled += rows.degree(u)
        for v in rows[u] where codes[Int(v)] == label { same += 1 }
      }
    }
    let m = Double(graph.arcCount)
    guard sampled > 0, m > 0 else { return (.nan, .nan) }
    let expected = zip(leaving, entering).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } / (m * m)
    let p = Double(same) / Double(sampled)
    return ((p - expected) / (1 - expected), (p * (1 - p) / Double(sampled)).squareRoot() / (1 - expected))
  }

  /// Newman's r; NaN when every arc leaves and enters agents of one label.
  public var coefficient: Double {
    guard arcs > 0 else { return .nan }
    let m = Double(arcs)
    let expected = Double(products) / (m * m)
    return (Double(within) / m - expected) / (1 - expected)
  }

  /// Gives agent `u` the label `label`, keeping the counts.
  /// - Complexity: O(degree of u).
  public mutating func relabel(_ u: Int, to label: UInt16, codes: inout [UInt16], graph: Graph) {
    let old = codes[u]
    guard old != label else { return }
    // The arcs out of u and into u change an end; an arc from u to itself is never stored.
    for v in graph.out[u] {
      let other = codes[Int(v)]
      if other == old { within -= 1 } else if other == label { within += 1 }
    }
    for v in graph.in[u] {
      let other = codes[Int(v)]
      if other == old { within -= 1 } else if other == label { within += 1 }
    }
    let (x, y) = (Int(old), Int(label))
    products -= leaving[x] * entering[x] + leaving[y] * entering[y]
    leaving[x] -= graph.out.degree(u)
    leaving[y] += graph.out.degree(u)
    entering[x] -= graph.in.degree(u)
    entering[y] += graph.in.degree(u)
    products += leaving[x] * entering[x] + leaving[y] * entering[y]
    codes[u] = label
  }
}
