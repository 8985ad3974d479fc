// SPDX-License-Identifier: GPL-3.0-or-later

/// Connected components: their number and sizes, largest first.
public struct Components: Sendable, Equatable {
  /// Component sizes, largest first.
  public let sizes: [Int]
  public var count: Int { sizes.count }
  public var largest: Int { sizes.first ?? 0 }

  public init(sizes: [Int]) { self.sizes = sizes.sorted(by: >) }

  /// Weakly connected components (components of the undirected view), by union–find with
  /// union by size and path halving (Tarjan, J. ACM 22:215, 1975).
  /// - Complexity: O(m·α(n)).
  public static func weak(_ graph: Graph) -> Components {
    let n = graph.nodeCount
    var parent = [UInt32](unsafeUninitializedCapacity: n) { buffer, count in
      for u in 0..<n { buffer[u] = UInt32(u) }
      count = n
    }
    var size = [Int32](repeating: 1, count: n)
    parent.withUnsafeMutableBufferPointer { parent in
      size.withUnsafeMutableBufferPointer { size in
        func find(_ x: Int) -> Int {
          var x = x
          while Int(parent[x]) != x {
            parent[x] = parent[Int(parent[x])]
            x = Int(parent[x])
          }
          return x
        }
        graph.out.withView { rows in
          for u in 0..<n {
            for v in rows[u] where Int(v) > u || graph.isDirected {
              var a = find(u)
              var b = find(Int(v))
              if a == b { continue }
              if size[a] < size[b] { swap(&a, &b) }
              parent[b] = UInt32(a)
              size[a] += size[b]
            }
          }
        }
      }
    }
    var sizes: [Int] = []
    for u in 0..<n where Int(parent[u]) == u { sizes.append(Int(size[u])) }
    return Components(sizes: sizes)
  }

  /// Strongly connected components of a directed graph (mutual reachability along follows),
  /// by Tarjan's algorithm run with an explicit stack (R. Tarjan, "Depth-first search and
  /// linear graph algorithms", SIAM J. Comput. 1:146, 1972). For an undirected graph they
  /// are its components.
  /// - Complexity: O(n + m) time, 4 arrays of n words.
  public static func strong(_ graph: Graph) -> Components {
    guard graph.isDirected else { return weak(graph) }
    let n = graph.nodeCount
    let unvisited = UInt32.max
    var index = [UInt32](repeating: unvisited, count: n)
    var lowLink = [UInt32](repeating: 0, count: n)
    var onStack = [Bool](repeating: false, count: n)
    var stack: [UInt32] = []
    var callNode: [UInt32] = []
    var callEdge: [Int] = []
    var sizes: [Int] = []
    var next: UInt32 = 0
    graph.out.withView { rows in
      for root in 0..<n where index[root] == unvisited {
        // Visit root.
        index[root] = next
        lowLink[root] = next
        next += 1
        stack.append(UInt32(root))
        onStack[root] = true
        callNode.append(UInt32(root))
        callEdge.append(rows.offsets[root])
        while let top = callNode.last {
          let u = Int(top)
          let e = callEdge[callEdge.count - 1]
          if e < rows.offsets[u + 1] {
            callEdge[callEdge.count - 1] = e + 1
            let v = Int(rows.targets[e])
            if index[v] == unvisited {
              index[v] = next
              lowLink[v] = next
              next += 1
              stack.append(UInt32(v))
              onStack[v] = true
              callNode.append(UInt32(v))
              callEdge.append(rows.offsets[v])
            } else if onStack[v] {
              lowLink[u] = min(lowLink[u], index[v])
            }
            continue
          }
          // u is finished.
          callNode.removeLast()
          callEdge.removeLast()
          if let parent = callNode.last {
            lowLink[Int(parent)] = min(lowLink[Int(parent)], lowLink[u])
          }
          if lowLink[u] == index[u] {
            var size = 0
            while true {
              let w = Int(stack.removeLast())
              onStack[w] = false
              size += 1
              if w == u { break }
            }
            sizes.append(size)
          }
        }
      }
    }
    return Components(sizes: sizes)
  }
}
