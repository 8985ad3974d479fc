// SPDX-License-Identifier: GPL-3.0-or-later
internal import CGSL

/// A preprocessed table for drawing index `i` with probability proportional to `weights[i]`
/// in constant time (Walker 1977, alias method; GSL's `gsl_ran_discrete_preproc`).
///
/// GSL builds the table; Viral keeps it as one array of (threshold, alias) pairs and frees
/// GSL's copy. GSL keeps the two in separate arrays, so a draw from a table larger than the
/// cache (1.6 GB for the follower graph's 10^8 accounts) waited for two cache misses; here
/// it waits for one, and `RandomStream.choose(from:into:)` overlaps the misses of several
/// draws.
/// A draw reads the table exactly as `gsl_ran_discrete` does, from one `gsl_rng_uniform`,
/// so the draws are GSL's, number for number.
///
/// The table is read-only after construction, so one table can be shared by many threads,
/// each drawing with its own `RandomStream`.
///
/// - Complexity: O(K) to build, O(1) per draw.
public final class WeightedChoice: Sendable {
  /// Bucket `c` of Walker's table. In GSL's (Knuth's) convention the threshold is already
  /// offset by the bucket: a uniform `u` with `c = ⌊uK⌋` keeps `c` when `u < threshold`, and
  /// otherwise draws `alias`.
  struct Bucket {
    let threshold: Double
    let alias: Int
  }

  let buckets: [Bucket]
  /// The number of outcomes.
  public let count: Int

  /// Builds the table. Weights must be finite, non-negative and not all zero.
  public init(weights: [Double]) throws(GSLError) {
    GSLRuntime.prepare()
    guard !weights.isEmpty,
      weights.allSatisfy({ $0.isFinite && $0 >= 0 }),
      weights.contains(where: { $0 > 0 })
    else {
      throw GSLError(code: Int32(GSL_EINVAL), context: "a weighted choice (weights must be finite, ≥ 0, not all 0)")
    }
    guard let table = weights.withUnsafeBufferPointer({ gsl_ran_discrete_preproc($0.count, $0.baseAddress) })
    else { throw GSLError(code: Int32(GSL_ENOMEM), context: "building a weighted-choice table of \(weights.count) outcomes") }
    defer { gsl_ran_discrete_free(table) }
    let size = table.pointee.K
    buckets = (0..<size).map { Bucket(threshold: table.pointee.F[$0], alias: table.pointee.A[$0]) }
    count = weights.count
  }

  /// The probability of outcome `index`: its own bucket's share plus the shares of the
  /// buckets that alias to it (what `gsl_ran_discrete_pdf` sums). O(K).
  public func probability(of index: Int) -> Double {
    guard buckets.indices.contains(index) else { return 0 }
    let size = Double(buckets.count)
    var total = 0.0
    for (c, bucket) in buckets.enumerated() {
      let kept = size * bucket.threshold - Double(c)
      if c == index {
        total += kept
      } else if bucket.alias == index {
        total += 1 - kept
      }
    }
    return total / size
  }

  /// The outcome uniform `u` ∈ [0, 1) selects, as `gsl_ran_discrete` resolves it.
  @inline(__always)
  func outcome(_ u: Double) -> Int {
    buckets.withUnsafeBufferPointer { outcome(u, in: $0) }
  }

  @inline(__always)
  func outcome(_ u: Double, in table: UnsafeBufferPointer<Bucket>) -> Int {
    let c = Int(u * Double(table.count))
    let bucket = table[c]
    return bucket.threshold == 1 || u < bucket.threshold ? c : bucket.alias
  }
}
