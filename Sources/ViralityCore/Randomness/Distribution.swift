// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule

/// A probability distribution written in a scenario, sampled with GSL.
///
/// In YAML a bare number is a constant; otherwise one key names the family:
///
///     7                                        # constant
///     {uniform: {min: 0.1, max: 0.3}}
///     {poisson: {mean: 10}}
///     {binomial: {trials: 20, probability: 0.1}}
///     {geometric: {probability: 0.2}}          # on 1, 2, 3, ...
///     {exponential: {mean: 2d}}
///     {gamma: {shape: 2, scale: 1.5}}          # or {shape: 2, mean: 3}
///     {lognormal: {median: 1d, mean: 2.1d}}    # or {mean: 45, sd: 60} or {mu: 0, sigma: 1}
///     {pareto: {shape: 1.2, scale: 1}}         # P(X > x) = (scale/x)^shape, x ≥ scale
///     {beta: {a: 2, b: 5}}
///     {normal: {mean: 0, sd: 1}}
///     {discrete: {values: [1, 2, 5], weights: [0.5, 0.3, 0.2]}}
///
/// Parameters may be durations (`2d`); they are then in hours, like all time in Viral.
public enum Distribution: Sendable, Equatable {
  case constant(Double)
  case uniform(min: Double, max: Double)
  case binomial(trials: Int, probability: Double)
  case poisson(mean: Double)
  case geometric(probability: Double)
  case exponential(mean: Double)
  case gamma(shape: Double, scale: Double)
  /// exp(N(mu, sigma²)).
  case lognormal(mu: Double, sigma: Double)
  case pareto(shape: Double, scale: Double)
  case beta(a: Double, b: Double)
  case normal(mean: Double, sd: Double)
  case discrete(values: [Double], weights: [Double])

  /// The family names accepted in scenario files.
  public static let families = [
    "uniform", "binomial", "poisson", "geometric", "exponential", "gamma", "lognormal",
    "pareto", "beta", "normal", "discrete",
  ]

  /// Lognormal with the given median and mean (mean > median): mu = ln(median),
  /// sigma² = 2·ln(mean/median).
  public static func lognormal(median: Double, mean: Double) -> Distribution {
    .lognormal(mu: .log(median), sigma: (2 * .log(mean / median)).squareRoot())
  }

  /// Lognormal with the given mean and standard deviation: sigma² = ln(1 + sd²/mean²),
  /// mu = ln(mean) − sigma²/2.
  public static func lognormal(mean: Double, sd: Double) -> Distribution {
    let variance = Double.log(onePlus: sd * sd / (mean * mean))
    return .lognormal(mu: .log(mean) - variance / 2, sigma: variance.squareRoot())
  }

  /// The expected value (infinite for a Pareto with shape ≤ 1).
  public var mean: Double {
    switch self {
    case .constant(let value): value
    case .uniform(let low, let high): (low + high) / 2
    case .binomial(let n, let p): Double(n) * p
    case .poisson(let mean), .exponential(let mean), .normal(let mean, _): mean
    case .geometric(let p): 1 / p
    case .gamma(let shape, let scale): shape * scale
    case .lognormal(let mu, let sigma): .exp(mu + sigma * sigma / 2)
    case .pareto(let shape, let scale): shape > 1 ? shape * scale / (shape - 1) : .infinity
    case .beta(let a, let b): a / (a + b)
    case .discrete(let values, let weights):
      zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
    }
  }

  /// The largest value a draw can take, or nil when draws are unbounded above.
  public var maximum: Double? {
    switch self {
    case .constant(let value): value
    case .uniform(_, let high): high
    case .binomial(let n, _): Double(n)
    case .beta: 1
    case .discrete(let values, _): values.max()
    default: nil
    }
  }

  /// True when every draw is a non-negative number.
  public var isNonNegative: Bool {
    switch self {
    case .constant(let value): value >= 0
    case .uniform(let low, _): low >= 0
    case .normal: false
    case .discrete(let values, _): values.allSatisfy { $0 >= 0 }
    default: true
    }
  }

  /// Checks the parameters; `key` names the field holding the distribution.
  public func validate(_ key: String) throws(ParameterError) {
    func fail(_ message: String) -> ParameterError { ParameterError(key, message) }
    switch self {
    case .constant(let value):
      guard value.isFinite else { throw fail("must be a finite number") }
    case .uniform(let low, let high):
      guard low.isFinite, high.isFinite, low <= high else {
        throw fail("uniform needs finite min ≤ max; got min \(low.shortDescription), max \(high.shortDescription)")
      }
    case .binomial(let n, let p):
      guard n >= 0, n <= Limits.binomialTrials, p >= 0, p <= 1 else {
        throw fail("binomial needs trials ≥ 0 and a probability between 0 and 1")
      }
    case .poisson(let mean):
      guard mean >= 0, mean <= Limits.countMean else {
        throw fail("poisson needs a mean from 0 to \(Limits.countMean.shortDescription); got \(mean.shortDescription)")
      }
    case .geometric(let p):
      guard p >= 1 / Limits.countMean, p <= 1 else {
        throw fail(
          "geometric needs a probability from \((1 / Limits.countMean).shortDescription) (a mean of \(Limits.countMean.shortDescription)) to 1; got \(p.shortDescription)"
        )
      }
    case .exponential(let mean):
      guard mean > 0, mean.isFinite else { throw fail("exponential needs a positive mean") }
    case .gamma(let shape, let scale):
      guard shape > 0, scale > 0, shape.isFinite, scale.isFinite else {
        throw fail("gamma needs a positive shape and scale")
      }
    case .lognormal(let mu, let sigma):
      guard mu.isFinite, sigma >= 0, sigma.isFinite else {
        throw fail("lognormal needs median < mean, or a positive mean and sd, or sigma ≥ 0")
      }
    case .pareto(let shape, let scale):
      guard shape > 0, scale > 0, shape.isFinite, scale.isFinite else {
        throw fail("pareto needs a positive shape and scale")
      }
    case .beta(let a, let b):
      guard a > 0, b > 0, a.isFinite, b.isFinite else { throw fail("beta needs positive a and b") }
    case .normal(let mean, let sd):
      guard mean.isFinite, sd >= 0, sd.isFinite else { throw fail("normal needs a finite mean and sd ≥ 0") }
    case .discrete(let values, let weights):
      guard !values.isEmpty, values.count == weights.count else {
        throw fail("discrete needs as many weights as values (and at least one)")
      }
      guard weights.allSatisfy({ $0 >= 0 && $0.isFinite }), weights.contains(where: { $0 > 0 }) else {
        throw fail("discrete weights must be ≥ 0 and not all 0")
      }
    }
  }
}

extension Distribution {
  /// P(X ≤ x), or nil for the discrete families (which the callers have no need of).
  public func cumulative(_ x: Double) -> Double? {
    switch self {
    case .constant(let value): x >= value ? 1 : 0
    case .uniform(let low, let high): low == high ? (x >= low ? 1 : 0) : Cumulative.uniform(x, low, high)
    case .exponential(let mean): Cumulative.exponential(x, mean: mean)
    case .gamma(let shape, let scale): Cumulative.gamma(x, shape: shape, scale: scale)
    case .lognormal(let mu, let sigma): sigma == 0 ? (x >= .exp(mu) ? 1 : 0) : Cumulative.lognormal(x, mu: mu, sigma: sigma)
    case .pareto(let shape, let scale): Cumulative.pareto(x, shape: shape, scale: scale)
    case .beta(let a, let b): Cumulative.beta(x, a, b)
    case .normal(let mean, let sd): sd == 0 ? (x >= mean ? 1 : 0) : Cumulative.normal(x, mean: mean, sd: sd)
    case .binomial, .poisson, .geometric, .discrete: nil
    }
  }

  /// A sampler prepared once (for `discrete`, the alias table) and then drawn from by any
  /// number of streams.
  public func sampler() -> Sampler { Sampler(self) }

  /// A prepared `Distribution`. Sharing one between threads is safe.
  public struct Sampler: Sendable {
    public let distribution: Distribution
    private let table: WeightedChoice?

    init(_ distribution: Distribution) {
      self.distribution = distribution
      if case .discrete(_, let weights) = distribution {
        table = try? WeightedChoice(weights: weights)
      } else {
        table = nil
      }
    }

    /// One draw.
    public func sample(_ stream: RandomStream) -> Double {
      switch distribution {
      case .constant(let value): value
      case .uniform(let low, let high): low == high ? low : stream.uniform(low, high)
      case .binomial(let n, let p): Double(stream.binomial(trials: n, probability: p))
      case .poisson(let mean): Double(stream.poisson(mean: mean))
      case .geometric(let p): Double(stream.geometric(p))
      case .exponential(let mean): stream.exponential(mean: mean)
      case .gamma(let shape, let scale): stream.gamma(shape: shape, scale: scale)
      case .lognormal(let mu, let sigma): stream.lognormal(mu: mu, sigma: sigma)
      case .pareto(let shape, let scale): stream.pareto(shape: shape, scale: scale)
      case .beta(let a, let b): stream.beta(a, b)
      case .normal(let mean, let sd): stream.normal(mean: mean, sd: sd)
      case .discrete(let values, _): values[stream.choose(from: table!)]
      }
    }
  }
}

extension Distribution: Codable {
  private enum Keys: String, CodingKey, CaseIterable {
    case min, max, trials, probability, mean, shape, scale, median, sd, mu, sigma, a, b
    case values, weights
  }

  public init(from decoder: any Decoder) throws {
    if let single = try? decoder.singleValueContainer() {
      if let value = try? single.decode(Double.self) {
        self = .constant(value)
        return
      }
      // A duration (`2d`) is a constant number of hours.
      if (try? single.decode(String.self)) != nil {
        self = .constant(try single.decode(TimeSpan.self).hours)
        return
      }
    }
    let outer = try decoder.container(keyedBy: AnyCodingKey.self)
    guard outer.allKeys.count == 1, let family = outer.allKeys.first,
      Self.families.contains(family.stringValue)
    else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription:
            "expected a number or one distribution: \(Self.families.joined(separator: ", ")) (e.g. {lognormal: {median: 1d, mean: 2.1d}})"
        ))
    }
    let inner = try outer.superDecoder(forKey: family)
    let c = try inner.container(keyedBy: Keys.self)
    // The family's parameters, in one of its forms: a key of another form as well (gamma
    // with both scale and mean) would be contradictory or ignored.
    func only(_ forms: [Keys]...) throws {
      var listed = Set<String>()
      try inner.rejectUnknownKeys(allowed: forms.flatMap { $0 }.map(\.stringValue).filter { listed.insert($0).inserted })
      let given = Set(c.allKeys.map(\.stringValue))
      guard forms.contains(where: { given.isSubset(of: $0.map(\.stringValue)) }) else {
        let ways = forms.map { $0.map(\.stringValue).joined(separator: " and ") }.joined(separator: ", or ")
        throw DecodingError.dataCorrupted(
          .init(
            codingPath: inner.codingPath,
            debugDescription:
              "\(family.stringValue) takes \(ways), not a mix; got \(given.sorted().joined(separator: ", "))"))
      }
    }
    switch family.stringValue {
    case "uniform":
      try only([.min, .max])
      self = .uniform(min: try c.quantity(.min), max: try c.quantity(.max))
    case "binomial":
      try only([.trials, .probability])
      self = .binomial(
        trials: try c.decode(Int.self, forKey: .trials), probability: try c.decode(Double.self, forKey: .probability))
    case "poisson":
      try only([.mean])
      self = .poisson(mean: try c.quantity(.mean))
    case "geometric":
      try only([.probability])
      self = .geometric(probability: try c.decode(Double.self, forKey: .probability))
    case "exponential":
      try only([.mean])
      self = .exponential(mean: try c.quantity(.mean))
    case "gamma":
      try only([.shape, .scale], [.shape, .mean])
      let shape = try c.decode(Double.self, forKey: .shape)
      self = .gamma(shape: shape, scale: c.contains(.mean) ? try c.quantity(.mean) / shape : try c.quantity(.scale))
    case "lognormal":
      try only([.median, .mean], [.mean, .sd], [.mu, .sigma])
      if c.contains(.median) {
        let median = try c.quantity(.median), mean = try c.quantity(.mean)
        guard median > 0, mean > median else {
          throw DecodingError.dataCorrupted(
            .init(
              codingPath: inner.codingPath + [Keys.mean],
              debugDescription:
                "lognormal needs 0 < median < mean; got median \(median.shortDescription), mean \(mean.shortDescription)"))
        }
        self = .lognormal(median: median, mean: mean)
      } else if c.contains(.sd) {
        let mean = try c.quantity(.mean), sd = try c.quantity(.sd)
        guard mean > 0, sd >= 0 else {
          throw DecodingError.dataCorrupted(
            .init(codingPath: inner.codingPath + [Keys.mean], debugDescription: "lognormal needs a positive mean and sd ≥ 0"))
        }
        self = .lognormal(mean: mean, sd: sd)
      } else {
        self = .lognormal(mu: try c.decode(Double.self, forKey: .mu), sigma: try c.decode(Double.self, forKey: .sigma))
      }
    case "pareto":
      try only([.shape, .scale])
      self = .pareto(shape: try c.decode(Double.self, forKey: .shape), scale: try c.quantity(.scale, default: 1))
    case "beta":
      try only([.a, .b])
      self = .beta(a: try c.decode(Double.self, forKey: .a), b: try c.decode(Double.self, forKey: .b))
    case "normal":
      try only([.mean, .sd])
      self = .normal(mean: try c.quantity(.mean), sd: try c.quantity(.sd))
    default:  // discrete
      try only([.values, .weights])
      self = .discrete(
        values: try c.decode([Double].self, forKey: .values), weights: try c.decode([Double].self, forKey: .weights))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    if case .constant(let value) = self {
      var single = encoder.singleValueContainer()
      try single.encode(value)
      return
    }
    var outer = encoder.container(keyedBy: AnyCodingKey.self)
    func family(_ name: String, _ fill: (inout KeyedEncodingContainer<Keys>) throws -> Void) throws {
      var inner = outer.nestedContainer(keyedBy: Keys.self, forKey: AnyCodingKey(name))
      try fill(&inner)
    }
    switch self {
    case .constant: break
    case .uniform(let low, let high):
      try family("uniform") {
        try $0.encode(low, forKey: .min); try $0.encode(high, forKey: .max)
      }
    case .binomial(let n, let p):
      try family("binomial") {
        try $0.encode(n, forKey: .trials); try $0.encode(p, forKey: .probability)
      }
    case .poisson(let mean): try family("poisson") { try $0.encode(mean, forKey: .mean) }
    case .geometric(let p): try family("geometric") { try $0.encode(p, forKey: .probability) }
    case .exponential(let mean): try family("exponential") { try $0.encode(mean, forKey: .mean) }
    case .gamma(let shape, let scale):
      try family("gamma") {
        try $0.encode(shape, forKey: .shape); try $0.encode(scale, forKey: .scale)
      }
    case .lognormal(let mu, let sigma):
      try family("lognormal") {
        try $0.encode(mu, forKey: .mu); try $0.encode(sigma, forKey: .sigma)
      }
    case .pareto(let shape, let scale):
      try family("pareto") {
        try $0.encode(shape, forKey: .shape); try $0.encode(scale, forKey: .scale)
      }
    case .beta(let a, let b):
      try family("beta") {
        try $0.encode(a, forKey: .a); try $0.encode(b, forKey: .b)
      }
    case .normal(let mean, let sd):
      try family("normal") {
        try $0.encode(mean, forKey: .mean); try $0.encode(sd, forKey: .sd)
      }
    case .discrete(let values, let weights):
      try family("discrete") {
        try $0.encode(values, forKey: .values); try $0.encode(weights, forKey: .weights)
      }
    }
  }
}
