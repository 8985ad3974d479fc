// SPDX-License-Identifier: GPL-3.0-or-later

extension Graph {
  /// Degree assortativity: the Pearson correlation of degrees at the two ends of an edge
  /// (M. E. J. Newman, "Assortative mixing in networks", PRL 89:208701, 2002). For directed
  /// graphs, the out-degree of the follower against the in-degree of the followed account,
  /// as networkx computes it. Computed in two passes (means, then centred sums).
  /// NaN when every edge joins nodes of the same degree.
  public func degreeAssortativity() -> Double {
    guard arcCount > 0 else { return .nan }
    let m = Double(arcCount)
    var sumX = 0.0
    var sumY = 0.0
    out.withView { rows in
      for u in 0..<nodeCount {
        let x = Double(rows.degree(u))
        for v in rows[u] {
          sumX += x
          sumY += Double(self.in.degree(Int(v)))
        }
      }
    }
    let meanX = sumX / m
    let meanY = sumY / m
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    out.withView { rows in
      self.in.withView { incoming in
        for u in 0..<nodeCount {
          let x = Double(rows.degree(u)) - meanX
          for v in rows[u] {
            let y = Double(incoming.degree(Int(v))) - meanY
            sxy += x * y
            sxx += x * x
            syy += y * y
          }
        }
      }
    }
    return sxy / (sxx * syy).squareRoot()
  }
}
