// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule

/// `opim-c`: online processing influence maximisation (J. Tang, X. Tang, X. Xiao & J. Yuan,
/// "Online processing algorithms for influence maximization", SIGMOD 2018, OPIM-C). Two
/// independent collections of reverse-reachable sets (`ReverseReachableSets`) of equal size:
/// greedy maximum coverage picks the seeds on the first; the first also bounds the optimum
/// from above (the greedy's submodular bound), and the second, which the seeds were not
/// chosen on, bounds their spread from below. When the bounds certify (1 − 1/e − ε) of the
/// optimum, it stops; otherwise both collections double, up to the size at which the
/// guarantee holds anyway. Either way the seeds reach (1 − 1/e − ε) of the best possible
/// expected spread with probability at least 1 − n^(−ℓ), for the same influence processes
/// as `IMM`.
///
/// Unlike IMM, whose first phase needs enough sets to bound the optimum before it selects,
/// OPIM-C stops as soon as its own seeds are good enough: on graphs where the greedy seeds
/// are close to optimal (most real ones) it needs far fewer sets for the same ε.
///
/// Randomized once per graph. Each seed's score is its estimated marginal gain (agents) on
/// the first collection; the spread is estimated on the second, without the selection's
/// bias.
/// - Complexity: O((k + ℓ)(n + m) log n / ε²) expected at worst, as IMM (Tang et al.
///   2018); usually much less.
public struct OPIMC: SeedingStrategy {
  public static let strategyName = "opim-c"
  public var epsilon: Double
  public var ell: Double
  public var kind: SeedingKind { .perGraph }
  public var scoreName: String? { "marginal_gain" }
  public var readsFollowingRows: Bool { true }
  public var predictsWorkspace: Bool { true }

  public init(epsilon: Double = 0.1, ell: Double = 1) {
    self.epsilon = epsilon
    self.ell = ell
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case epsilon, ell
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: SeedingSpec.sharedKeys)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(epsilon: try c.value(.epsilon, default: 0.1), ell: try c.value(.ell, default: 1))
  }

  public func validate() throws(ParameterError) {
    try IMM.check(epsilon: epsilon, ell: ell)
  }

  public func rank(_ context: SeedingContext) throws(ParameterError) -> SeedRanking {
    try run(context).ranking()
  }

  public func run(_ context: SeedingContext) throws(ParameterError) -> ReverseReachableOutcome {
    guard let (sampling, k) = ReverseReachableSampling.start(context, strategy: "OPIM-C", epsilon: epsilon) else {
      return .none
    }
    let n = sampling.n
    let schedule = Schedule(sampling, k: k, epsilon: epsilon, ell: ell)
    let (first, second) = (sampling.sets(0), sampling.sets(1))
    var peak = 0
    var cover: ReverseReachableSets.Cover?
    var hits = 0.0
    let certified = try schedule.run { (wanted: Double) throws(ParameterError) -> (bound: Double, hits: Double, sets: Double) in
      try sampling.grow(first, to: wanted, besides: second.bytes)
      try sampling.grow(second, to: wanted, besides: first.bytes)
      let chosen = first.greedy(k, eligible: context.isEligible, bounding: true)
      peak = max(peak, first.bytes + second.bytes + chosen.workspace)
      cover = chosen
      hits = Double(second.covered(by: chosen.agents))
      // Both collections hold the same number of sets.
      return (Double(chosen.upperBound), hits, Double(first.count))
    }
    let scale = n / Double(first.count)
    return ReverseReachableOutcome(
      seeds: cover!.agents, gains: cover!.gains.map { Double($0) * scale }, spread: n * hits / Double(second.count),
      sets: first.count + second.count, workspaceBytes: peak, certified: certified)
  }

  /// The bytes `run` will hold at its peak, predicted from a pilot sample
  /// (`ReverseReachableSampling.predict`): the round at which the pilot's bound and spread,
  /// taken as the shares of the sets they would be, certify the seeds.
  public func workspaceEstimate(_ context: SeedingContext) throws(ParameterError) -> Int? {
    guard let (sampling, k) = ReverseReachableSampling.start(context, strategy: "OPIM-C", epsilon: epsilon) else {
      return 0
    }
    let schedule = Schedule(sampling, k: k, epsilon: epsilon, ell: ell)
    return try sampling.predict(k) { pilot in
      var last = 0.0
      var rounds = 0
      _ = schedule.run { wanted in
        let sets = ReverseReachableSampling.made(wanted)
        (last, rounds) = (sets, rounds + 1)
        return (pilot.bound(at: sets) * sets, pilot.spread * sets, sets)
      }
      return (2 * last, 2 * rounds)
    }
  }

  /// The rounds of Tang, Tang, Xiao & Yuan (2018, Algorithm 1) for n agents and k seeds.
  struct Schedule {
    let n: Double
    let epsilon: Double
    /// The most sets, at which the guarantee holds without a check.
    let most: Double
    let rounds: Int
    /// The first round's sets.
    let first: Double
    /// ln(3 · rounds / δ): each round's two bounds fail with probability at most δ / (3 · rounds).
    let a: Double

    init(_ sampling: ReverseReachableSampling, k: Int, epsilon: Double, ell: Double) {
      n = sampling.n
      self.epsilon = epsilon
      let ratio = 1 - 1 / Double.exp(1)
      // δ = n^(−ℓ); ln(6/δ).
      let logSixOverDelta = Double.log(6) + ell * Double.log(n)
      most =
        2 * n
        * Double.pow(
          ratio * logSixOverDelta.squareRoot() + (ratio * (sampling.logChoose(k) + logSixOverDelta)).squareRoot(), 2)
        / (epsilon * epsilon * Double(k))
      rounds = max(1, Int(Double.log2(n / (epsilon * epsilon * Double(k))).rounded(.up)))
      a = Double.log(3 * Double(rounds)) + ell * Double.log(n)
      first = most * epsilon * epsilon * Double(k) / n
    }

    /// Runs the rounds: `round(wanted)` draws each collection to `wanted` sets at least and
    /// selects, returning the selection's coverage bound on the first, its hits on the
    /// second and the sets each holds. Stops when the bounds certify (1 − 1/e − ε) of the
    /// optimum, or after the last round, which has at least `most` sets; returns the ratio
    /// certified.
    func run<E: Error>(_ round: (Double) throws(E) -> (bound: Double, hits: Double, sets: Double)) throws(E) -> Double {
      let ratio = 1 - 1 / Double.exp(1)
      var wanted = first
      for number in 1...rounds {
        // The last round has at least the most sets, whatever the doubling reached.
        if number == rounds { wanted = max(wanted, most) }
        let (bound, hits, sets) = try round(wanted)
        let upper = Double.pow((bound + a / 2).squareRoot() + (a / 2).squareRoot(), 2) * n / sets
        let lower = (Double.pow(max(0, (hits + 2 * a / 9).squareRoot() - (a / 2).squareRoot()), 2) - a / 18) * n / sets
        let certified = max(0, lower) / upper
        if certified >= ratio - epsilon || number == rounds { return certified }
        wanted *= 2
      }
      return 0
    }
  }
}
