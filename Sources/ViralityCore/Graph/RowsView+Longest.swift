// SPDX-License-Identifier: GPL-3.0-or-later
import HeapModule

extension RowsView {
  /// The `count` longest rows (the most followed accounts, in the audience view), longest
  /// first, ties by id: what sorting every row would give, without sorting them.
  ///
  /// - Complexity: O(n log count) time and O(count) memory, with a bounded heap that holds
  ///   the best rows so far; most rows are turned away by one comparison with its weakest.
  func longestRows(_ count: Int) -> [Int] {
    guard count > 0 else { return [] }
    // Ordered weakest first: fewer entries, or as many and a larger id.
    struct Row: Comparable {
      let degree: Int
      let id: Int
      static func < (a: Row, b: Row) -> Bool { a.degree != b.degree ? a.degree < b.degree : a.id > b.id }
    }
    var best = Heap<Row>()
    for u in 0..<rowCount {
      let row = Row(degree: degree(u), id: u)
      if best.count < count {
        best.insert(row)
      } else if best.min! < row {
        _ = best.replaceMin(with: row)
      }
    }
    var ranked: [Int] = []
    ranked.reserveCapacity(best.count)
    while let row = best.popMax() { ranked.append(row.id) }
    return ranked
  }
}
