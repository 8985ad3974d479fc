// SPDX-License-Identifier: GPL-3.0-or-later

/// The allocations of one budget among arms on a grid: the budget cut into `units` equal
/// steps, every way of handing the steps to `arms` arms (the weak compositions of `units`
/// into `arms` parts, the points of the simplex grid), the first arm's share falling first.
public enum BudgetGrid {
  /// How many allocations there are: C(units + arms − 1, arms − 1), or nil above `limit`.
  public static func count(arms: Int, units: Int, limit: Int = .max) -> Int? {
    guard arms >= 1, units >= 0 else { return 0 }
    // C(n, k) built up as C(n − k + j, j), exact at every step.
    var result = 1
    let k = arms - 1
    for j in stride(from: 1, through: k, by: 1) {
      let (product, overflow) = result.multipliedReportingOverflow(by: units + j)
      guard !overflow else { return nil }
      result = product / j
      if result > limit { return nil }
    }
    return result
  }

  /// Every allocation: the steps each arm gets, summing to `units`.
  /// - Complexity: O(arms · count).
  public static func allocations(arms: Int, units: Int) -> [[Int]] {
    guard arms >= 1 else { return [] }
    var result: [[Int]] = []
    var current = [Int](repeating: 0, count: arms)
    func fill(_ arm: Int, _ left: Int) {
      if arm == arms - 1 {
        current[arm] = left
        result.append(current)
        return
      }
      for steps in stride(from: left, through: 0, by: -1) {
        current[arm] = steps
        fill(arm + 1, left - steps)
      }
    }
    fill(0, units)
    return result
  }
}
