// SPDX-License-Identifier: GPL-3.0-or-later
internal import CGSL

/// Student's t distribution (GSL's `gsl_cdf_tdist_Pinv`), for confidence intervals.
public enum StudentT {
  /// The value below which a fraction `p` of a t distribution with `degreesOfFreedom`
  /// lies: `quantile(0.975, 9)` ≈ 2.262.
  public static func quantile(_ p: Double, degreesOfFreedom: Double) -> Double {
    gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
  }
}
