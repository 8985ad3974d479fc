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
    let ratio = 1 - 1 / Double.exp(1)
    // δ = n^(−ℓ); ln(6/δ) and the most sets, at which the guarantee holds without a check.
    let logSixOverDelta = Double.log(6) + ell * Double.log(n)
    let most =
      2 * n
      * Double.pow(
        ratio * logSixOverDelta.squareRoot() + (ratio * (sampling.logChoose(k) + logSixOverDelta)).squareRoot(), 2)
      / (epsilon * epsilon * Double(k))
    let rounds = max(1, Int(Double.log2(n / (epsilon * epsilon * Double(k))).rounded(.up)))
    // Each round's two bounds fail with probability at most δ / (3 · rounds).
    let a = Double.log(3 * Double(rounds)) + ell * Double.log(n)
    let (first, second) = (sampling.sets(0), sampling.sets(1))
    var wanted = most * epsilon * epsilon * Double(k) / n
    var peak = 0
    for round in 1...rounds {
      // The last round has at least the most sets, whatever the doubling reached.
      if round == rounds { wanted = max(wanted, most) }
      try sampling.grow(first, to: wanted, besides: second.bytes)
      try sampling.grow(second, to: wanted, besides: first.bytes)
      let cover = first.greedy(k, eligible: context.isEligible, bounding: true)
      peak = max(peak, first.bytes + second.bytes + cover.workspace)
      let upper =
        Double.pow((Double(cover.upperBound) + a / 2).squareRoot() + (a / 2).squareRoot(), 2) * n
        / Double(first.count)
      let hits = Double(second.covered(by: cover.agents))
      let lower =
        (Double.pow(max(0, (hits + 2 * a / 9).squareRoot() - (a / 2).squareRoot()), 2) - a / 18) * n
        / Double(second.count)
      let certified = max(0, lower) / upper
      if certified >= ratio - epsilon || round == rounds {
        let scale = n / Double(first.count)
        return ReverseReachableOutcome(
          seeds: cover.agents, gains: cover.gains.map { Double($0) * scale }, spread: n * hits / Double(second.count),
          sets: first.count + second.count, workspaceBytes: peak, certified: certified)
      }
      wanted *= 2
    }
    return .none
  }
}
