// SPDX-License-Identifier: GPL-3.0-or-later

/// The core number of every agent on the undirected view of the graph: the largest k such
/// that the agent belongs to a subgraph in which everyone has at least k neighbours (the
/// k-core; S. B. Seidman, Social Networks 5:269, 1983). Found by the bucket algorithm of
/// V. Batagelj & M. Zaversnik, "An O(m) algorithm for cores decomposition of networks"
/// (arXiv cs/0310049, 2003). Kitsak et al. (Nature Physics 6:888, 2010) found the core number
/// a better predictor of an agent's spreading than its degree.
/// - Complexity: O(n + m).
public enum CoreNumbers {
  public static func of(_ graph: Graph, threads: Int) -> [Int] {
    let view = graph.undirectedView(threads: threads)
    let n = view.nodeCount
    guard n > 0 else { return [] }
    var degree = (0..<n).map { view.out.degree($0) }
    let maxDegree = degree.max() ?? 0
    // Agents sorted by degree (counting sort), with where each degree's run starts.
    var start = [Int](repeating: 0, count: maxDegree + 2)
    for d in degree { start[d + 1] += 1 }
    for d in 0...maxDegree { start[d + 1] += start[d] }
    var order = [Int](repeating: 0, count: n)
    var position = [Int](repeating: 0, count: n)
    var fill = start
    for v in 0..<n {
      position[v] = fill[degree[v]]
      order[position[v]] = v
      fill[degree[v]] += 1
    }
    view.out.withView { rows in
      for i in 0..<n {
        let v = order[i]
        for w32 in rows[v] {
          let w = Int(w32)
          guard degree[w] > degree[v] else { continue }
          // Move w to the front of its degree's run, then shrink its degree.
          let dw = degree[w]
          let front = start[dw]
          let u = order[front]
          if u != w {
            order[front] = w
            order[position[w]] = u
            position[u] = position[w]
            position[w] = front
          }
          start[dw] += 1
          degree[w] -= 1
        }
      }
    }
    return degree
  }
}
