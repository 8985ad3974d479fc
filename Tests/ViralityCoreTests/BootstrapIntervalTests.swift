// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule
import Testing

@testable import ViralityCore

/// The bootstrap interval of a mean: inside the range of the data, with its coverage on
/// skewed data, resampling the unit that makes runs independent.
@Suite("Bootstrap intervals")
struct BootstrapIntervalTests {
  static func interval(_ values: [Double], clusters: [Int]? = nil, seed: UInt64 = 1) -> ClosedRange<Double> {
    let bootstrap = BootstrapInterval(
      clusters: clusters ?? Array(repeating: 0, count: values.count), stream: RandomStream(seed: seed))
    return bootstrap.interval(values.map { $0 })!
  }

  @Test("Bimodal runs (90% at 0, 10% at 10,000, n = 20): every interval stays inside [0, 10000]")
  func bimodal() {
    let stream = RandomStream(seed: 20)
    var tIntervalsBelowZero = 0
    for trial in 0..<200 {
      var values = (0..<20).map { _ in stream.bernoulli(0.1) ? 10_000.0 : 0 }
      if trial == 0 { values = Array(repeating: 0, count: 18) + [10_000, 10_000] }
      let interval = Self.interval(values, seed: UInt64(trial))
      #expect(interval.lowerBound >= 0 && interval.upperBound <= 10_000, "\(values): \(interval)")
      let mean = values.reduce(0, +) / 20
      let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 19).squareRoot()
      if mean - StudentT.quantile(0.975, degreesOfFreedom: 19) * sd / 20.0.squareRoot() < 0 { tIntervalsBelowZero += 1 }
    }
    // The t interval of the same data sets reaches below zero whenever a run took off.
    #expect(tIntervalsBelowZero > 100)
  }

  @Test("Lognormal (σ = 1), n = 100: the 95% interval covers the true mean in at least 91% of 1,000 data sets")
  func coverage() {
    let stream = RandomStream(seed: 99)
    let truth = Double.exp(0.5)
    var covered = 0
    var tCovered = 0
    for trial in 0..<1000 {
      let values = (0..<100).map { _ in stream.lognormal(mu: 0, sigma: 1) }
      if Self.interval(values, seed: UInt64(trial)).contains(truth) { covered += 1 }
      let mean = values.reduce(0, +) / 100
      let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 99).squareRoot()
      let half = StudentT.quantile(0.975, degreesOfFreedom: 99) * sd / 10
      if abs(mean - truth) <= half { tCovered += 1 }
    }
    // 1,000 data sets: the coverage's standard error is about 0.8 points. The t interval
    // covers about 92% here (Hesterberg 2015), so BCa must do at least as well as 91%.
    #expect(covered >= 910, "bootstrap covered \(covered) of 1000; t covered \(tCovered)")
    #expect(covered >= tCovered - 10, "bootstrap covered \(covered) of 1000; t covered \(tCovered)")
  }

  @Test("Runs on several graph realizations are resampled by realization")
  func clusters() {
    // Three realizations, four runs each, that differ by graph far more than by run.
    var values: [Double] = []
    var clusters: [Int] = []
    for (cluster, level) in [10.0, 20, 30].enumerated() {
      for noise in [-1.0, 1, -0.5, 0.5] {
        values.append(level + noise)
        clusters.append(cluster)
      }
    }
    let bootstrap = BootstrapInterval(clusters: clusters, stream: RandomStream(seed: 5))
    #expect(bootstrap.units == .realizations)
    let clustered = bootstrap.interval(values)!
    let naive = Self.interval(values)
    // With three realizations the expanded 95% interval asks for percentiles beyond what
    // 2,000 resamples hold: the whole range of the realization means, 10 to 30, twice as
    // wide as resampling the twelve runs as if they were independent.
    #expect(
      clustered.lowerBound >= 10 && clustered.lowerBound < 10.5 && clustered.upperBound <= 30 && clustered.upperBound > 29.5)
    #expect(clustered.upperBound - clustered.lowerBound > 1.9 * (naive.upperBound - naive.lowerBound))
  }

  @Test("With ten realizations the interval is as wide as the cluster-robust t interval")
  func tenClusters() {
    // Realization levels with a spread of about 5, runs with a spread of 1, ten runs each.
    let stream = RandomStream(seed: 12)
    var values: [Double] = []
    var clusters: [Int] = []
    var means: [Double] = []
    for cluster in 0..<10 {
      let level = stream.normal(mean: 100, sd: 5)
      let runs = (0..<10).map { _ in level + stream.normal(mean: 0, sd: 1) }
      values += runs
      clusters += Array(repeating: cluster, count: 10)
      means.append(runs.reduce(0, +) / 10)
    }
    let interval = BootstrapInterval(clusters: clusters, stream: RandomStream(seed: 13)).interval(values)!
    let grand = means.reduce(0, +) / 10
    let se = (means.reduce(0) { $0 + ($1 - grand) * ($1 - grand) } / 9 / 10).squareRoot()
    let tWidth = 2 * StudentT.quantile(0.975, degreesOfFreedom: 9) * se
    let width = interval.upperBound - interval.lowerBound
    #expect(abs(width - tWidth) < 0.25 * tWidth, "bootstrap width \(width), cluster-robust t width \(tWidth)")
  }

  @Test("Many runs are resampled in batches, and agree with the normal interval when the mean is normal")
  func batches() {
    let stream = RandomStream(seed: 8)
    let values = (0..<20_000).map { _ in stream.normal(mean: 50, sd: 10) }
    let bootstrap = BootstrapInterval(clusters: Array(repeating: 0, count: values.count), stream: RandomStream(seed: 9))
    #expect(bootstrap.units == .batches)
    let interval = bootstrap.interval(values)!
    let half = 1.96 * 10 / 20_000.0.squareRoot()
    let mean = values.reduce(0, +) / Double(values.count)
    #expect(abs(interval.lowerBound - (mean - half)) < 0.1 * half && abs(interval.upperBound - (mean + half)) < 0.1 * half)
  }

  @Test("Undefined values are left out; one value or identical values give no or a point interval; seeds reproduce")
  func edges() {
    let bootstrap = BootstrapInterval(clusters: [0, 0, 0, 0], stream: RandomStream(seed: 2))
    #expect(bootstrap.interval([nil, 3, nil, nil]) == nil)
    #expect(bootstrap.interval([4, 4, nil, 4]) == 4...4)
    let a = Self.interval([1, 5, 2, 8, 3, 9, 4], seed: 7)
    #expect(a == Self.interval([1, 5, 2, 8, 3, 9, 4], seed: 7) && a != Self.interval([1, 5, 2, 8, 3, 9, 4], seed: 8))
  }
}
