// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule
import Testing

@testable import ViralityCore

@Suite("Distributions")
struct DistributionTests {
  private func sample(_ distribution: Distribution, _ n: Int = 200_000, seed: UInt64 = 1) -> Sample {
    let sampler = distribution.sampler()
    let stream = RandomStream(seed: seed)
    return Sample((0..<n).map { _ in sampler.sample(stream) })
  }

  /// The sample mean agrees with the known mean within 5 standard errors.
  private func checkMean(_ distribution: Distribution, sd: Double, n: Int = 200_000) {
    let s = sample(distribution, n)
    #expect(agrees(s.mean, distribution.mean, se: sd / Double(n).squareRoot(), sigmas: 5), "\(distribution): mean \(s.mean)")
  }

  @Test("Sample means agree with the known means")
  func means() {
    checkMean(.uniform(min: 2, max: 5), sd: 3 / 12.0.squareRoot())
    checkMean(.binomial(trials: 20, probability: 0.3), sd: (20 * 0.3 * 0.7).squareRoot())
    checkMean(.poisson(mean: 7), sd: 7.0.squareRoot())
    checkMean(.geometric(probability: 0.25), sd: (0.75).squareRoot() / 0.25)
    checkMean(.exponential(mean: 48), sd: 48)
    checkMean(.gamma(shape: 2, scale: 3), sd: (2.0 * 9).squareRoot())
    checkMean(.beta(a: 2, b: 5), sd: (10.0 / (49 * 8)).squareRoot())
    checkMean(.normal(mean: -1, sd: 2), sd: 2)
    checkMean(.pareto(shape: 3, scale: 2), sd: (3.0 * 4 / (4 * 1)).squareRoot())
    checkMean(.discrete(values: [1, 2, 5], weights: [0.5, 0.3, 0.2]), sd: 2.29.squareRoot())
    #expect(Distribution.constant(4).sampler().sample(RandomStream(seed: 1)) == 4)
  }

  @Test("Lognormal from median and mean: median 1 day, mean 2.1 days")
  func lognormalFromMedianAndMean() {
    let distribution = Distribution.lognormal(median: 24, mean: 50.4)
    #expect(abs(distribution.mean - 50.4) < 1e-9)
    let s = sample(distribution, 400_000)
    // The median's standard error is 1/(2 f(m) √n); for a lognormal f(m) = 1/(m σ √(2π)).
    guard case .lognormal(_, let sigma) = distribution else { Issue.record("not lognormal"); return }
    let medianSE = 24 * sigma * (2 * Double.pi).squareRoot() / (2 * Double(s.count).squareRoot())
    #expect(agrees(s.median, 24, se: medianSE, sigmas: 5))
    // Heavy tail: compare the mean with its standard error from the theoretical variance.
    let variance = (exp(sigma * sigma) - 1) * 50.4 * 50.4
    #expect(agrees(s.mean, 50.4, se: (variance / Double(s.count)).squareRoot(), sigmas: 5))
  }

  @Test("Lognormal from mean and standard deviation")
  func lognormalFromMeanAndSD() {
    let distribution = Distribution.lognormal(mean: 45, sd: 60)
    let s = sample(distribution, 400_000)
    #expect(agrees(s.mean, 45, se: 60 / Double(s.count).squareRoot(), sigmas: 5))
    // SE of a sample sd: sd·√((κ − 1)/n)/2, κ the lognormal's kurtosis.
    guard case .lognormal(_, let sigma) = distribution else { Issue.record("not lognormal"); return }
    let s2 = sigma * sigma
    let kurtosis = exp(4 * s2) + 2 * exp(3 * s2) + 3 * exp(2 * s2) - 3
    let sdSE = 60 * ((kurtosis - 1) / Double(s.count)).squareRoot() / 2
    #expect(agrees(s.variance.squareRoot(), 60, se: sdSE, sigmas: 5))
  }

  @Test("Pareto tail: P(X > x) = (scale/x)^shape")
  func paretoTail() {
    let s = sample(.pareto(shape: 1.5, scale: 1), 200_000)
    for x in [2.0, 5, 20] {
      let p = Double.pow(1 / x, 1.5)
      let observed = Double(s.values.filter { $0 > x }.count) / Double(s.count)
      #expect(agrees(observed, p, se: (p * (1 - p) / Double(s.count)).squareRoot(), sigmas: 5))
    }
  }

  @Test("Validation names the field and what is allowed")
  func validation() {
    #expect(throws: ParameterError.self) { try Distribution.uniform(min: 3, max: 1).validate("delay") }
    #expect(throws: ParameterError.self) { try Distribution.poisson(mean: -1).validate("x") }
    #expect(throws: ParameterError.self) { try Distribution.discrete(values: [1], weights: [0]).validate("x") }
    do {
      try Distribution.geometric(probability: 0).validate("follows")
      Issue.record("expected an error")
    } catch {
      #expect(error.path == ["follows"])
      #expect(error.message.contains("from 1e-09 (a mean of 1000000000) to 1"))
    }
    // Counting families whose draws would overflow GSL's 32-bit counts are refused.
    #expect(throws: ParameterError.self) { try Distribution.poisson(mean: 1e10).validate("x") }
    #expect(throws: Never.self) { try Distribution.poisson(mean: 1e9).validate("x") }
  }
}

private func exp(_ x: Double) -> Double { Double.exp(x) }
