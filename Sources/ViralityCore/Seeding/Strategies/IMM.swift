// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule

/// `imm`: influence maximisation via martingales (Y. Tang, Y. Shi & X. Xiao, "Influence
/// maximization in near-linear time: a martingale approach", SIGMOD 2015): random
/// reverse-reachable sets (`ReverseReachableSets`), as many as the bound needs, then greedy
/// maximum coverage. With probability at least 1 − n^(−ℓ) its seeds reach at least
/// (1 − 1/e − ε) of the best possible expected spread, for the campaign's influence process:
/// exactly for the independent cascade and the linear threshold models, and for other
/// models for the cascade that `InfluenceProcess` states approximates them.
///
/// The first phase estimates a lower bound of the optimum from a doubling sequence of sample
/// sizes; the second tops the sets up to the number the bound asks for and selects on them,
/// as published. W. Chen ("An issue in the martingale analysis of the influence
/// maximization algorithm IMM", CSoNet 2018) showed that reusing the first phase's sets
/// breaks the independence the proof assumes; `fresh_samples: true` draws the final sets
/// afresh, which restores the guarantee at up to twice the sets.
///
/// Randomized once per graph. Each seed's score is its estimated marginal gain (agents);
/// their sum estimates the seeds' spread.
/// - Complexity: O((k + ℓ)(n + m) log n / ε²) expected (Tang et al., Theorem 3).
public struct IMM: SeedingStrategy {
  public static let strategyName = "imm"
  public var epsilon: Double
  public var ell: Double
  public var freshSamples: Bool
  public var kind: SeedingKind { .perGraph }
  public var scoreName: String? { "marginal_gain" }
  public var readsFollowingRows: Bool { true }
  public var predictsWorkspace: Bool { true }

  public init(epsilon: Double = 0.5, ell: Double = 1, freshSamples: Bool = false) {
    self.epsilon = epsilon
    self.ell = ell
    self.freshSamples = freshSamples
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case epsilon, ell
    case freshSamples = "fresh_samples"
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: SeedingSpec.sharedKeys)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      epsilon: try c.value(.epsilon, default: 0.5), ell: try c.value(.ell, default: 1),
      freshSamples: try c.value(.freshSamples, default: false))
  }

  public func validate() throws(ParameterError) {
    try Self.check(epsilon: epsilon, ell: ell)
    // On any graph IMM draws at least λ*/n sets (its lower bound of the optimum is at most
    // n), and λ*/n ≥ 2(1 − 1/e)² ln 2 / ε² (α ≥ √ln 2 for n ≥ 2): refused here when even that
    // is more than a collection can number.
    let fewest = 2 * Double.pow(1 - 1 / Double.exp(1), 2) * Double.log(2) / (epsilon * epsilon)
    let limit = Double(Limits.reverseReachableSets)
    guard fewest <= limit else {
      // The smallest ε that passes, rounded up to two significant digits.
      let exact = (fewest * epsilon * epsilon / limit).squareRoot()
      let unit = Double.pow(10, (Double.log10(exact)).rounded(.down) - 1)
      let smallest = (exact / unit).rounded(.up) * unit
      throw ParameterError(
        "epsilon",
        "IMM needs at least \(fewest.rounded(.up).shortDescription) reverse-reachable sets at epsilon \(epsilon.shortDescription) on any graph, more than \(Limits.reverseReachableSets); give an epsilon of at least \(smallest.shortDescription)"
      )
    }
  }

  /// The ranges of ε and ℓ (IMM's and OPIM-C's).
  static func check(epsilon: Double, ell: Double) throws(ParameterError) {
    guard epsilon > 0, epsilon < 1 else {
      throw ParameterError("epsilon", "must be between 0 and 1 (exclusive); got \(epsilon.shortDescription)")
    }
    guard ell > 0, ell <= 10 else { throw ParameterError("ell", "must be above 0 and at most 10; got \(ell.shortDescription)") }
  }

  public func rank(_ context: SeedingContext) throws(ParameterError) -> SeedRanking {
    try run(context).ranking()
  }

  public func run(_ context: SeedingContext) throws(ParameterError) -> ReverseReachableOutcome {
    guard let (sampling, k) = ReverseReachableSampling.start(context, strategy: "IMM", epsilon: epsilon) else {
      return .none
    }
    let n = sampling.n
    let bounds = Bounds(sampling, k: k, epsilon: epsilon, ell: ell)
    var peak = 0
    // Phase 1: a lower bound of the optimal spread.
    let first = sampling.sets(0)
    let (lowerBound, _) = try bounds.lowerBound { (wanted: Double) throws(ParameterError) -> Double in
      try sampling.grow(first, to: wanted)
      let cover = first.greedy(k, eligible: context.isEligible)
      peak = max(peak, first.bytes + cover.workspace)
      return n * Double(cover.gains.reduce(0, +)) / Double(first.count)
    }
    // Phase 2: enough sets for the bound (fresh ones, if asked), then the selection.
    let final = freshSamples ? sampling.sets(1) : first
    try sampling.grow(final, to: bounds.sets(lowerBound), besides: freshSamples ? first.bytes : 0)
    let cover = final.greedy(k, eligible: context.isEligible)
    peak = max(peak, final.bytes + cover.workspace + (freshSamples ? first.bytes : 0))
    let scale = n / Double(final.count)
    let gains = cover.gains.map { Double($0) * scale }
    return ReverseReachableOutcome(
      seeds: cover.agents, gains: gains, spread: gains.reduce(0, +), sets: final.count, workspaceBytes: peak)
  }

  /// The bytes `run` will hold at its peak, predicted from a pilot sample
  /// (`ReverseReachableSampling.predict`): its lower bound as phase 1 would find it from the
  /// pilot's spread, then the sets of both phases.
  public func workspaceEstimate(_ context: SeedingContext) throws(ParameterError) -> Int? {
    guard let (sampling, k) = ReverseReachableSampling.start(context, strategy: "IMM", epsilon: epsilon) else { return 0 }
    let bounds = Bounds(sampling, k: k, epsilon: epsilon, ell: ell)
    return try sampling.predict(k) { pilot in
      let (lowerBound, steps) = bounds.lowerBound { wanted in
        pilot.cover(at: ReverseReachableSampling.made(wanted)) * sampling.n
      }
      let first = ReverseReachableSampling.made(steps.sets)
      let final = ReverseReachableSampling.made(bounds.sets(lowerBound))
      return (freshSamples ? first + final : max(first, final), steps.count + (freshSamples ? 2 : 1))
    }
  }

  /// The sample sizes of Tang, Shi & Xiao (2015, Algorithms 2 and 3) for n agents and k
  /// seeds, with ℓ raised so both phases together fail with probability at most n^(−ℓ).
  struct Bounds {
    let n: Double
    let e2: Double
    let lambdaPrime: Double
    let lambdaStar: Double

    init(_ sampling: ReverseReachableSampling, k: Int, epsilon: Double, ell: Double) {
      n = sampling.n
      let l = ell * (1 + Double.log(2) / Double.log(n))
      let logChoose = sampling.logChoose(k)
      e2 = 2.0.squareRoot() * epsilon
      lambdaPrime = (2 + 2 * e2 / 3) * (logChoose + l * Double.log(n) + Double.log(Double.log2(n))) * n / (e2 * e2)
      let alpha = (l * Double.log(n) + Double.log(2)).squareRoot()
      let beta = ((1 - 1 / Double.exp(1)) * (logChoose + l * Double.log(n) + Double.log(2))).squareRoot()
      lambdaStar = 2 * n * Double.pow((1 - 1 / Double.exp(1)) * alpha + beta, 2) / (epsilon * epsilon)
    }

    /// Phase 1: for x = n/2, n/4, …, the spread `estimate(sets)` gives on λ'/x sets, until
    /// it reaches (1 + ε')x; returns the lower bound of the optimum and the steps taken
    /// (how many, and the sets of the last).
    func lowerBound<E: Error>(_ estimate: (Double) throws(E) -> Double) throws(E) -> (
      Double, steps: (count: Int, sets: Double)
    ) {
      var x = n
      var steps = (count: 0, sets: 0.0)
      for _ in 1..<max(2, Int(Double.log2(n))) {
        x /= 2
        steps = (steps.count + 1, lambdaPrime / x)
        let spread = try estimate(steps.sets)
        if spread >= (1 + e2) * x { return (spread / (1 + e2), steps) }
      }
      return (1, steps)
    }

    /// Phase 2's sets for a lower bound of the optimum.
    func sets(_ lowerBound: Double) -> Double {
      min((lambdaStar / lowerBound).rounded(.up), Double(Limits.reverseReachableSets))
    }
  }
}
