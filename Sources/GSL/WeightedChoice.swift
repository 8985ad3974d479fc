// SPDX-License-Identifier: GPL-3.0-or-later
internal import CGSL

/// A preprocessed table for drawing index `i` with probability proportional to `weights[i]`
/// in constant time (Walker 1977, alias method; GSL's `gsl_ran_discrete_preproc`).
///
/// The table is read-only after construction, so one table can be shared by many threads,
/// each drawing with its own `RandomStream`.
///
/// - Complexity: O(K) to build, O(1) per draw.
public final class WeightedChoice: @unchecked Sendable {
  private let table: UnsafeMutablePointer<gsl_ran_discrete_t>
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
    self.table = table
    self.count = weights.count
  }

  deinit { gsl_ran_discrete_free(table) }

  /// The probability of outcome `index`.
  public func probability(of index: Int) -> Double { gsl_ran_discrete_pdf(index, table) }

  func withTable<R>(_ body: (UnsafePointer<gsl_ran_discrete_t>) -> R) -> R { body(table) }
}
