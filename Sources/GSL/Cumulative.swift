// SPDX-License-Identifier: GPL-3.0-or-later
internal import CGSL

/// Lower-tail probabilities P(X ≤ x) of GSL's continuous distributions (`gsl_cdf_*_P`),
/// parameterised as the matching `RandomStream` draws are.
public enum Cumulative {
  public static func uniform(_ x: Double, _ a: Double, _ b: Double) -> Double { gsl_cdf_flat_P(x, a, b) }
  public static func exponential(_ x: Double, mean: Double) -> Double { gsl_cdf_exponential_P(x, mean) }
  public static func gamma(_ x: Double, shape: Double, scale: Double) -> Double { gsl_cdf_gamma_P(x, shape, scale) }
  public static func lognormal(_ x: Double, mu: Double, sigma: Double) -> Double { gsl_cdf_lognormal_P(x, mu, sigma) }
  public static func normal(_ x: Double, mean: Double, sd: Double) -> Double { gsl_cdf_gaussian_P(x - mean, sd) }
  public static func pareto(_ x: Double, shape: Double, scale: Double) -> Double { gsl_cdf_pareto_P(x, shape, scale) }
  public static func beta(_ x: Double, _ a: Double, _ b: Double) -> Double { gsl_cdf_beta_P(x, a, b) }
}
