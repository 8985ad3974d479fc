// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule

/// Bootstrap confidence intervals for the mean of a metric over runs: the BCa interval
/// (B. Efron, "Better bootstrap confidence intervals", JASA 82:171, 1987) with Hesterberg's
/// small-sample expansion (T. C. Hesterberg, "What teachers should know about the
/// bootstrap", The American Statistician 69:371, 2015; the `expand` option of his R
/// package resample).
///
/// Why not Student's t: cascade sizes are heavy-tailed and often bimodal (most runs die, a
/// few take off), and a t interval of such a mean reaches below zero, below the smallest
/// value a count can take. A bootstrap interval is made of resampled means, so it always
/// lies between the smallest and the largest value observed; BCa corrects the percentiles
/// for the bias and skewness of the mean's distribution, and the expansion widens them by
/// √(n/(n−1))·t_(n−1)/z, as Student's t widens the normal interval, so that small samples
/// keep their coverage.
///
/// What is resampled is the unit that makes the runs independent:
/// - runs on several graph realizations are resampled by realization (a cluster
///   bootstrap: each realization's runs share their graph, so the interval covers how much
///   the graphs differ too, and the mean is the ratio of the resampled sums to the resampled
///   counts);
/// - runs on one graph are resampled one by one, or, above `maximumUnits` runs, in
///   `maximumUnits` batches of consecutive runs (batch means: the batches are independent and
///   their means have the same expectation, variance ratio and skewness per run as the runs
///   themselves, so the interval is the same to first order at a fixed cost).
///
/// Every metric of a group of runs is resampled with the same draws (one `resamples` ×
/// units table of multinomial counts), which come from a stream seeded by the caller, so
/// the intervals are reproducible.
/// - Complexity: O(resamples · units) to draw, and per metric O(runs + resamples · units).
public struct BootstrapInterval: Sendable {
  /// Resamples drawn.
  public static let defaultResamples = 2000
  /// The most units resampled; more runs are grouped into this many batches.
  public static let maximumUnits = 1000

  /// What the units of resampling are.
  public enum Units: String, Sendable {
    case runs, batches, realizations
  }

  public let units: Units
  /// The unit of each run.
  private let unitOfRun: [Int]
  private let unitCount: Int
  private let resamples: Int
  /// How often resample b drew unit j: `draws[b * unitCount + j]`.
  private let draws: [UInt16]

  /// Prepares the resampling of `clusters.count` runs, where run i ran on graph realization
  /// `clusters[i]`, drawing from `stream`.
  public init(clusters: [Int], resamples: Int = defaultResamples, stream: RandomStream) {
    let n = clusters.count
    let distinct = Set(clusters).sorted()
    if distinct.count > 1 {
      let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
      units = .realizations
      unitOfRun = clusters.map { index[$0]! }
      unitCount = distinct.count
    } else if n > Self.maximumUnits {
      units = .batches
      unitOfRun = (0..<n).map { $0 * Self.maximumUnits / n }
      unitCount = Self.maximumUnits
    } else {
      units = .runs
      unitOfRun = Array(0..<n)
      unitCount = n
    }
    self.resamples = resamples
    var draws = [UInt16](repeating: 0, count: unitCount > 0 ? resamples * unitCount : 0)
    if unitCount > 0 {
      for b in 0..<resamples {
        for _ in 0..<unitCount { draws[b * unitCount + stream.uniformInt(below: unitCount)] += 1 }
      }
    }
    self.draws = draws
  }

  /// The interval of the mean of `values` (one per run, in the order of `clusters`; nil
  /// where the metric is undefined) at confidence `level`; nil when fewer than two units
  /// hold a value.
  public func interval(_ values: [Double?], level: Double = 0.95) -> ClosedRange<Double>? {
    precondition(values.count == unitOfRun.count, "one value per run")
    var sums = [Double](repeating: 0, count: unitCount)
    var counts = [Double](repeating: 0, count: unitCount)
    for (run, value) in values.enumerated() {
      guard let value else { continue }
      sums[unitOfRun[run]] += value
      counts[unitOfRun[run]] += 1
    }
    let total = sums.reduce(0, +)
    let count = counts.reduce(0, +)
    let filled = counts.count { $0 > 0 }
    // An infinite or undefined value has no interval.
    guard filled >= 2, total.isFinite else { return nil }
    let estimate = total / count
    if values.allSatisfy({ $0 == nil || $0 == estimate }) { return estimate...estimate }

    // The resampled means, skipping the rare resample that drew only empty units.
    var means: [Double] = []
    means.reserveCapacity(resamples)
    draws.withUnsafeBufferPointer { draws in
      for b in 0..<resamples {
        var s = 0.0
        var c = 0.0
        let row = b * unitCount
        for j in 0..<unitCount {
          let w = Double(draws[row + j])
          s += w * sums[j]
          c += w * counts[j]
        }
        if c > 0 { means.append(s / c) }
      }
    }
    guard !means.isEmpty else { return nil }

    // Bias correction: where the estimate falls among the resampled means.
    let below = Double(means.count { $0 < estimate }) + 0.5 * Double(means.count { $0 == estimate })
    let share = min(max(below / Double(means.count), 0.5 / Double(means.count)), 1 - 0.5 / Double(means.count))
    let z0 = StandardNormal.quantile(share)
    // Acceleration, from the jackknife over units (leave one unit out).
    var leftOut: [Double] = []
    for j in 0..<unitCount where counts[j] > 0 && count - counts[j] > 0 {
      leftOut.append((total - sums[j]) / (count - counts[j]))
    }
    let jackknifeMean = leftOut.reduce(0, +) / Double(leftOut.count)
    var square = 0.0
    var cube = 0.0
    for theta in leftOut {
      let d = jackknifeMean - theta
      square += d * d
      cube += d * d * d
    }
    let acceleration = square > 0 ? cube / (6 * Double.pow(square, 1.5)) : 0
    // The expanded normal quantile for the units that hold a value.
    let g = Double(filled)
    let z = (g / (g - 1)).squareRoot() * StudentT.quantile(0.5 + level / 2, degreesOfFreedom: g - 1)
    func adjusted(_ zq: Double) -> Double {
      let shifted = z0 + zq
      let denominator = 1 - acceleration * shifted
      guard denominator > 0 else { return zq < 0 ? 0 : 1 }
      return StandardNormal.cdf(z0 + shifted / denominator)
    }
    let low = Self.quantile(&means, adjusted(-z))
    return low...Self.quantile(&means, adjusted(z))
  }

  /// The `p` quantile of `values`, interpolated between order statistics, as if they were
  /// sorted: found by selection (Hoare's quickselect, O(n)), which leaves `values` in
  /// another order. Sorting every metric's 2,000 resampled means was most of a summary's
  /// cost.
  public static func quantile(_ values: inout [Double], _ p: Double) -> Double {
    let position = min(max(p, 0), 1) * Double(values.count - 1)
    let low = Int(position.rounded(.down))
    let fraction = position - Double(low)
    let below = select(&values, low)
    guard low + 1 < values.count, fraction > 0 else { return below }
    // Everything after `low` is now at least `below`: the next order statistic is their least.
    let above = values[(low + 1)...].min()!
    return below + (above - below) * fraction
  }

  /// The k-th smallest of `values` (0-based), which ends at index k with nothing larger
  /// before it and nothing smaller after it.
  static func select(_ values: inout [Double], _ k: Int) -> Double {
    var low = 0
    var high = values.count - 1
    while low < high {
      // Median of three as the pivot, then Hoare's partition.
      let middle = low + (high - low) / 2
      let pivot = max(min(values[low], values[middle]), min(max(values[low], values[middle]), values[high]))
      var i = low
      var j = high
      while i <= j {
        while values[i] < pivot { i += 1 }
        while values[j] > pivot { j -= 1 }
        if i <= j {
          values.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if k <= j {
        high = j
      } else if k >= i {
        low = i
      } else {
        return values[k]
      }
    }
    return values[k]
  }
}
