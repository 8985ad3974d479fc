// SPDX-License-Identifier: GPL-3.0-or-later

extension Graph {
  /// The graph with directions forgotten: u and v are neighbours if either follows the other.
  /// Clustering, triangles and components are defined on this view. An undirected graph is
  /// returned as it is.
  /// - Complexity: O(n + m), merging each node's sorted out- and in-rows.
  public func undirectedView(threads: Int) -> Graph {
    guard isDirected else { return self }
    let n = nodeCount
    let chunk = 16_384
    var offsets = [Int](repeating: 0, count: n + 1)
    out.withView { out in
      self.in.withView { incoming in
        offsets.withUnsafeMutableBufferPointer { offsets in
          let shared = UncheckedSendable(offsets)
          Parallel.forEachRange(n, chunkSize: chunk, threads: threads) { range in
            for u in range {
              shared.value[u + 1] = out.degree(u) + incoming.degree(u) - SortedRows.intersectionCount(out[u], incoming[u])
            }
          }
        }
        for u in 0..<n { offsets[u + 1] += offsets[u] }
      }
    }
    let total = offsets[n]
    let targets = [UInt32](unsafeUninitializedCapacity: total) { targets, initialized in
      out.withView { out in
        self.in.withView { incoming in
          offsets.withUnsafeBufferPointer { offsets in
            let shared = UncheckedSendable(targets)
            Parallel.forEachRange(n, chunkSize: chunk, threads: threads) { range in
              for u in range {
                SortedRows.union(out[u], incoming[u], into: shared.value.baseAddress! + offsets[u])
              }
            }
          }
        }
      }
      initialized = total
    }
    return Graph(
      nodeCount: n, isDirected: false, out: CompressedRows(offsets: offsets, targets: targets),
      labels: labels, communities: communities)
  }
}

extension SortedRows {
  /// Writes a ∪ b (ascending, without repeats) to `destination`; returns its length.
  @discardableResult
  @inlinable
  public static func union(
    _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, into destination: UnsafeMutablePointer<UInt32>
  ) -> Int {
    var i = 0
    var j = 0
    var k = 0
    while i < a.count || j < b.count {
      let x = i < a.count ? a[i] : UInt32.max
      let y = j < b.count ? b[j] : UInt32.max
      if x <= y {
        destination[k] = x
        i &+= 1
        if x == y { j &+= 1 }
      } else {
        destination[k] = y
        j &+= 1
      }
      k &+= 1
    }
    return k
  }
}
