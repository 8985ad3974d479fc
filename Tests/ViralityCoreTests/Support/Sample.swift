// SPDX-License-Identifier: GPL-3.0-or-later

/// Mean and standard error of independent observations, for tolerances derived from the
/// standard error.
struct Sample {
  private(set) var values: [Double] = []

  init() {}
  init(_ values: [Double]) { self.values = values }

  mutating func add(_ value: Double) { values.append(value) }

  var count: Int { values.count }
  var mean: Double { values.reduce(0, +) / Double(values.count) }

  /// Sample variance (n − 1).
  var variance: Double {
    let m = mean
    return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
  }

  var standardError: Double { (variance / Double(values.count)).squareRoot() }

  /// The sample median.
  var median: Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}

/// |a − b| within `sigmas` combined standard errors.
func agrees(_ a: Double, _ b: Double, se: Double, sigmas: Double = 4) -> Bool {
  abs(a - b) <= sigmas * se
}
