// SPDX-License-Identifier: GPL-3.0-or-later

/// PageRank by power iteration: a random surfer follows a random account the current one
/// follows with probability `damping`, and jumps to a uniformly random agent otherwise (and
/// always from an agent who follows no one). Rank flows from followers to the followed.
///
/// L. Page, S. Brin, R. Motwani & T. Winograd, "The PageRank citation ranking: bringing
/// order to the web", Stanford InfoLab technical report 1999-66.
/// - Complexity: O((n + m) · iterations), parallel over agents; iterations until the L1
///   change is below `tolerance` (at most `maximumIterations`). Each agent's sum runs in
///   row order, so the result does not depend on the thread count.
public enum PageRank {
  public static func scores(
    _ graph: Graph, damping: Double = 0.85, tolerance: Double = 1e-10, maximumIterations: Int = 200, threads: Int
  ) -> [Double] {
    let n = graph.nodeCount
    guard n > 0 else { return [] }
    var rank = [Double](repeating: 1 / Double(n), count: n)
    var next = [Double](repeating: 0, count: n)
    var share = [Double](repeating: 0, count: n)
    let chunk = 16_384
    let chunks = (n + chunk - 1) / chunk
    var partial = [Double](repeating: 0, count: chunks)
    graph.in.withView { followers in
      graph.out.withView { following in
        for _ in 0..<maximumIterations {
          // What each agent passes to each account it follows, and the rank of agents who
          // follow no one (spread over everyone).
          var dangling = 0.0
          for u in 0..<n {
            let degree = following.degree(u)
            if degree == 0 { dangling += rank[u] } else { share[u] = rank[u] / Double(degree) }
          }
          let base = (1 - damping) / Double(n) + damping * dangling / Double(n)
          rank.withUnsafeBufferPointer { rank in
            share.withUnsafeBufferPointer { share in
              next.withUnsafeMutableBufferPointer { next in
                partial.withUnsafeMutableBufferPointer { partial in
                  let shared = UncheckedSendable((next, partial))
                  Parallel.forEachChunk(chunks, threads: threads) { c in
                    let (next, partial) = shared.value
                    var change = 0.0
                    for v in c * chunk..<min(n, (c + 1) * chunk) {
                      var sum = 0.0
                      for u in followers[v] where following.degree(Int(u)) > 0 { sum += share[Int(u)] }
                      next[v] = base + damping * sum
                      change += abs(next[v] - rank[v])
                    }
                    partial[c] = change
                  }
                }
              }
            }
          }
          swap(&rank, &next)
          if partial.reduce(0, +) < tolerance { break }
        }
      }
    }
    return rank
  }
}
