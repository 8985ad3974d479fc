// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// Sensitivity indices of one output from the evaluations of a `SensitivityDesign`, each
/// with a 95% bootstrap percentile interval (the rows of a Saltelli design, or the
/// trajectories of a Morris design, resampled with replacement).
public enum SensitivityIndices {
  /// An index and its interval (nil when it cannot be estimated, such as an output that
  /// does not vary).
  public struct Estimate: Sendable, Equatable {
    public var value: Double?
    public var low: Double?
    public var high: Double?

    public init(value: Double? = nil, low: Double? = nil, high: Double? = nil) {
      self.value = value
      self.low = low
      self.high = high
    }
  }

  /// Per parameter: first-order S1 and total-order ST Sobol' indices.
  public struct Sobol: Sendable {
    public var first: [Estimate]
    public var total: [Estimate]
  }

  /// Per parameter: the mean elementary effect μ, the mean of its absolute value μ*
  /// (Campolongo, Cariboni & Saltelli, Environ. Model. Softw. 22:1509, 2007) and its sd σ.
  public struct Morris: Sendable {
    public var mu: [Estimate]
    public var muStar: [Estimate]
    public var sigma: [Estimate]
  }

  public static let defaultResamples = 1000

  /// Jansen's estimators (M. J. W. Jansen, Comput. Phys. Commun. 117:35, 1999; Saltelli et
  /// al., Comput. Phys. Commun. 181:259, 2010, table 2) from f(A_n), f(B_n) and
  /// f(A_B^i_n) for every row n and parameter i:
  ///
  ///     V    = the variance of f over the 2N points of A and B
  ///     S1_i = 1 − Σ_n (f(B_n) − f(A_B^i_n))² / (2N V)
  ///     ST_i =     Σ_n (f(A_n) − f(A_B^i_n))² / (2N V)
  public static func sobol(a: [Double], b: [Double], ab: [[Double]], resamples: Int = defaultResamples, stream: RandomStream)
    -> Sobol
  {
    let n = a.count
    let d = ab.count
    func indices(_ rows: [Int]) -> (first: [Double], total: [Double])? {
      let m = Double(2 * rows.count)
      var sum = 0.0
      for r in rows { sum += a[r] + b[r] }
      let mean = sum / m
      var variance = 0.0
      for r in rows { variance += (a[r] - mean) * (a[r] - mean) + (b[r] - mean) * (b[r] - mean) }
      variance /= m
      guard variance > 0, variance.isFinite else { return nil }
      var first = [Double](repeating: 0, count: d)
      var total = [Double](repeating: 0, count: d)
      for i in 0..<d {
        var fromB = 0.0
        var fromA = 0.0
        for r in rows {
          fromB += (b[r] - ab[i][r]) * (b[r] - ab[i][r])
          fromA += (a[r] - ab[i][r]) * (a[r] - ab[i][r])
        }
        first[i] = 1 - fromB / (m * variance)
        total[i] = fromA / (m * variance)
      }
      return (first, total)
    }
    let point = indices(Array(0..<n))
    var first = [[Double]](repeating: [], count: d)
    var total = [[Double]](repeating: [], count: d)
    if point != nil && n > 1 {
      for _ in 0..<resamples {
        let rows = (0..<n).map { _ in stream.uniformInt(below: n) }
        guard let resampled = indices(rows) else { continue }
        for i in 0..<d {
          first[i].append(resampled.first[i])
          total[i].append(resampled.total[i])
        }
      }
    }
    return Sobol(
      first: (0..<d).map { estimate(point?.first[$0], first[$0]) },
      total: (0..<d).map { estimate(point?.total[$0], total[$0]) })
  }

  /// μ, μ* and σ of each parameter's elementary effects, one per trajectory:
  /// `effects[i][t]`.
  public static func morris(effects: [[Double]], resamples: Int = defaultResamples, stream: RandomStream) -> Morris {
    let d = effects.count
    let r = effects.first?.count ?? 0
    func summaries(_ rows: [Int]) -> [(mu: Double, muStar: Double, sigma: Double?)] {
      effects.map { values in
        let picked = rows.map { values[$0] }
        let mu = picked.reduce(0, +) / Double(picked.count)
        let muStar = picked.reduce(0) { $0 + abs($1) } / Double(picked.count)
        let sigma =
          picked.count > 1
          ? (picked.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(picked.count - 1)).squareRoot() : nil
        return (mu, muStar, sigma)
      }
    }
    guard r > 0 else {
      let none = [Estimate](repeating: Estimate(), count: d)
      return Morris(mu: none, muStar: none, sigma: none)
    }
    let point = summaries(Array(0..<r))
    var mu = [[Double]](repeating: [], count: d)
    var muStar = [[Double]](repeating: [], count: d)
    var sigma = [[Double]](repeating: [], count: d)
    if r > 1 {
      for _ in 0..<resamples {
        let rows = (0..<r).map { _ in stream.uniformInt(below: r) }
        for (i, s) in summaries(rows).enumerated() {
          mu[i].append(s.mu)
          muStar[i].append(s.muStar)
          if let value = s.sigma { sigma[i].append(value) }
        }
      }
    }
    return Morris(
      mu: (0..<d).map { estimate(point[$0].mu, mu[$0]) },
      muStar: (0..<d).map { estimate(point[$0].muStar, muStar[$0]) },
      sigma: (0..<d).map { estimate(point[$0].sigma, sigma[$0]) })
  }

  /// The estimate with the 2.5% and 97.5% points of its resampled values.
  private static func estimate(_ value: Double?, _ resampled: [Double]) -> Estimate {
    guard let value, resampled.count >= 2 else { return Estimate(value: value) }
    let sorted = resampled.sorted()
    func quantile(_ q: Double) -> Double {
      let position = q * Double(sorted.count - 1)
      let below = Int(position.rounded(.down))
      let above = min(below + 1, sorted.count - 1)
      return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
    }
    return Estimate(value: value, low: quantile(0.025), high: quantile(0.975))
  }
}
