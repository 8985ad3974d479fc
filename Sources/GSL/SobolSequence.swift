// SPDX-License-Identifier: GPL-3.0-or-later
internal import CGSL

/// Sobol's low-discrepancy sequence in [0, 1)^d (I. M. Sobol', USSR Comput. Math. Math.
/// Phys. 7:86, 1967), from GSL's `gsl_qrng_sobol` (Antonov–Saleev, ACM TOMS 14:88, 1988;
/// up to 40 dimensions). Deterministic: it needs no seed.
public final class SobolSequence {
  private let generator: OpaquePointer
  public let dimensions: Int
  /// The most dimensions GSL's Sobol generator has direction numbers for.
  public static let maximumDimensions = 40

  public init(dimensions: Int) {
    precondition(dimensions >= 1 && dimensions <= Self.maximumDimensions, "Sobol sequences have 1 to 40 dimensions")
    GSLRuntime.prepare()
    guard let generator = gsl_qrng_alloc(cgsl_qrng_sobol(), UInt32(dimensions)) else {
      fatalError("GSL could not allocate a Sobol sequence (out of memory)")
    }
    self.generator = OpaquePointer(generator)
    self.dimensions = dimensions
  }

  deinit { gsl_qrng_free(UnsafeMutablePointer(generator)) }

  /// The next point of the sequence.
  public func next() -> [Double] {
    var point = [Double](repeating: 0, count: dimensions)
    point.withUnsafeMutableBufferPointer { _ = gsl_qrng_get(UnsafeMutablePointer(generator), $0.baseAddress) }
    return point
  }
}
