// SPDX-License-Identifier: GPL-3.0-or-later
internal import CGSL

/// The standard normal distribution (GSL's `gsl_cdf_ugaussian_*`), for confidence intervals.
public enum StandardNormal {
  /// P(Z ≤ z).
  public static func cdf(_ z: Double) -> Double { gsl_cdf_ugaussian_P(z) }

  /// The value below which a fraction `p` of the distribution lies: `quantile(0.975)` ≈ 1.96.
  public static func quantile(_ p: Double) -> Double { gsl_cdf_ugaussian_Pinv(p) }
}
