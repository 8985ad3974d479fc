// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A drawing of a small graph: Fruchterman & Reingold's force-directed placement
/// ("Graph drawing by force-directed placement", Software: Practice and Experience 21:1129,
/// 1991). Ties pull their ends together with force d²/k, every pair pushes apart with
/// k²/d (k = √(area/n)), counted only within a distance of 2k through a grid of cells of
/// that size, as the paper's grid variant does; each step moves a node at most the current
/// temperature, which cools linearly.
///
/// Deterministic: nodes start on a circle in id order (a ring lattice starts as its ring),
/// and no random number is drawn, so the same graph always gets the same drawing, and
/// graphs that differ in a few ties (a what-if) get similar ones.
public enum ForceLayout {
  /// Positions in the unit square, one per node.
  /// - Complexity: O(iterations · (n · nodes per neighbourhood + ties)).
  public static func positions(_ graph: Graph, iterations: Int = 300) -> (x: [Double], y: [Double]) {
    let n = graph.nodeCount
    guard n > 1 else { return ([Double](repeating: 0.5, count: n), [Double](repeating: 0.5, count: n)) }
    var x = (0..<n).map { 0.5 + 0.45 * cos(2 * Double.pi * Double($0) / Double(n)) }
    var y = (0..<n).map { 0.5 + 0.45 * sin(2 * Double.pi * Double($0) / Double(n)) }
    // Each tie once, whatever the direction.
    var ties: [(Int, Int)] = []
    graph.forEachTie { ties.append(($0, $1)) }
    let k = (1.0 / Double(n)).squareRoot()
    let reach = 2 * k
    let cells = max(1, Int(1 / reach))
    var dx = [Double](repeating: 0, count: n)
    var dy = [Double](repeating: 0, count: n)
    var head = [Int](repeating: -1, count: cells * cells)
    var next = [Int](repeating: -1, count: n)
    func cell(_ value: Double) -> Int { min(cells - 1, max(0, Int(value * Double(cells)))) }
    for step in 0..<iterations {
      let temperature = 0.1 * (1 - Double(step) / Double(iterations)) + 1e-4
      head.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
      for v in 0..<n {
        let c = cell(y[v]) * cells + cell(x[v])
        next[v] = head[c]
        head[c] = v
      }
      for v in 0..<n {
        dx[v] = 0
        dy[v] = 0
        let (cx, cy) = (cell(x[v]), cell(y[v]))
        for gy in max(0, cy - 1)...min(cells - 1, cy + 1) {
          for gx in max(0, cx - 1)...min(cells - 1, cx + 1) {
            var u = head[gy * cells + gx]
            while u >= 0 {
              if u != v {
                var (ex, ey) = (x[v] - x[u], y[v] - y[u])
                var d2 = ex * ex + ey * ey
                if d2 == 0 {
                  // Coincident nodes: push apart along a direction fixed by their ids.
                  (ex, ey) = (cos(Double(v - u)), sin(Double(v - u)))
                  d2 = 1e-12
                }
                if d2 < reach * reach {
                  let push = k * k / d2
                  dx[v] += ex * push
                  dy[v] += ey * push
                }
              }
              u = next[u]
            }
          }
        }
      }
      for (u, v) in ties {
        let (ex, ey) = (x[v] - x[u], y[v] - y[u])
        let d = (ex * ex + ey * ey).squareRoot()
        let pull = d / k
        dx[u] += ex * pull
        dy[u] += ey * pull
        dx[v] -= ex * pull
        dy[v] -= ey * pull
      }
      for v in 0..<n {
        let length = (dx[v] * dx[v] + dy[v] * dy[v]).squareRoot()
        guard length > 0 else { continue }
        let move = min(length, temperature) / length
        x[v] = min(1, max(0, x[v] + dx[v] * move))
        y[v] = min(1, max(0, y[v] + dy[v] * move))
      }
    }
    return (x, y)
  }
}
