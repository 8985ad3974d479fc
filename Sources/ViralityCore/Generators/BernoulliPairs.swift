// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// Visits the pairs of a set that a sequence of independent Bernoulli(p) trials selects,
/// jumping from one selected pair to the next with geometric gaps (Batagelj & Brandes,
/// "Efficient generation of large random networks", Phys. Rev. E 71:036113, 2005).
///
/// - Complexity: O(rows + selected pairs), never O(pairs).
enum BernoulliPairs {
  /// Pairs u < v of `0..<n`, row by row.
  static func upperTriangle(_ n: Int, _ p: Double, _ stream: RandomStream, _ emit: (Int, Int) -> Void) {
    guard n >= 2, p > 0 else { return }
    let skipper = GeometricSkipper(probability: p)
    var u = 0
    var v = 0  // column before the first one of row 0
    while true {
      v += skipper.next(stream)
      while v >= n {
        u += 1
        if u >= n - 1 { return }
        v = u + (v - n) + 1
      }
      emit(u, v)
    }
  }

  /// Ordered pairs (u, v), u ≠ v, of `0..<n`.
  static func offDiagonal(_ n: Int, _ p: Double, _ stream: RandomStream, _ emit: (Int, Int) -> Void) {
    guard n >= 2, p > 0 else { return }
    let skipper = GeometricSkipper(probability: p)
    let columns = n - 1
    var u = 0
    var c = -1
    while true {
      c += skipper.next(stream)
      while c >= columns {
        u += 1
        if u >= n { return }
        c -= columns
      }
      emit(u, c < u ? c : c + 1)
    }
  }

  /// Pairs (r, c) of `0..<rows` × `0..<columns`.
  static func rectangle(
    _ rows: Int, _ columns: Int, _ p: Double, _ stream: RandomStream, _ emit: (Int, Int) -> Void
  ) {
    guard rows > 0, columns > 0, p > 0 else { return }
    let skipper = GeometricSkipper(probability: p)
    var r = 0
    var c = -1
    while true {
      c += skipper.next(stream)
      while c >= columns {
        r += 1
        if r >= rows { return }
        c -= columns
      }
      emit(r, c)
    }
  }
}
