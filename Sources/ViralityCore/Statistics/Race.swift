// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// A race among candidates (budget allocations, configurations) whose outcomes are noisy:
/// every candidate still in the race is evaluated on the same new block of replicates each
/// round (common random numbers, so outcomes pair by replicate), and a candidate leaves as
/// soon as a paired test shows it worse than the round's leader. The budget of replicates
/// goes to the candidates that are hard to tell apart.
///
/// Racing is O. Maron and A. W. Moore's ("Hoeffding races: accelerating model selection
/// search for classification and function approximation", NIPS 6, 1994); evaluating every
/// survivor on the same instances and eliminating by a paired test is M. Birattari, T.
/// Stützle, L. Paquete and K. Varrentrapp's F-Race ("A racing algorithm for configuring
/// metaheuristics", GECCO 2002), whose paired Student t variant irace offers (M.
/// López-Ibáñez et al., "The irace package", Operations Research Perspectives 3:43, 2016).
///
/// The test: after n replicates, candidate i leaves when the paired differences
/// d = x_leader − x_i (sign flipped when less is better) have t = mean(d)/(sd(d)/√n) above
/// Student's t quantile at 1 − α′, with α′ = (1 − confidence) / ((K − 1) · rounds): a
/// Bonferroni bound over every pair and round, so the chance that the best candidate is ever
/// eliminated is at most 1 − confidence (for outcomes whose block means are close to
/// normal). The race ends with one candidate left or after `maximumRounds` rounds.
/// - Complexity: O(K · n) per round for K candidates left after n replicates.
public struct Race: Sendable {
  public let candidates: Int
  /// The chance, at least, that the best candidate is never eliminated.
  public let confidence: Double
  public let maximumRounds: Int
  /// Whether more is better.
  public let maximise: Bool
  /// Each candidate's outcomes, replicate by replicate (the same replicates for every
  /// candidate, up to the round it left).
  public private(set) var outcomes: [[Double]]
  /// The replicates after which each candidate left (nil: still in the race).
  public private(set) var eliminatedAfter: [Int?]
  public private(set) var rounds = 0

  public init(candidates: Int, confidence: Double, maximumRounds: Int, maximise: Bool = true) {
    precondition(candidates >= 1 && maximumRounds >= 1 && confidence > 0 && confidence < 1)
    self.candidates = candidates
    self.confidence = confidence
    self.maximumRounds = maximumRounds
    self.maximise = maximise
    outcomes = Array(repeating: [], count: candidates)
    eliminatedAfter = Array(repeating: nil, count: candidates)
  }

  /// The candidates still in the race, in order.
  public var alive: [Int] { (0..<candidates).filter { eliminatedAfter[$0] == nil } }

  public var finished: Bool { alive.count <= 1 || rounds >= maximumRounds }

  /// The level of each test: the Bonferroni share of 1 − confidence.
  public var testLevel: Double { (1 - confidence) / Double(max(candidates - 1, 1) * maximumRounds) }

  /// The replicates every candidate still in the race has.
  public var replicates: Int { alive.first.map { outcomes[$0].count } ?? 0 }

  /// The candidate with the best mean among those in `among` (ties to the first).
  public func leader(among: [Int]? = nil) -> Int {
    let pool = among ?? alive
    var best = pool[0]
    for i in pool.dropFirst() where isBetter(mean(i), than: mean(best)) { best = i }
    return best
  }

  /// Adds a round: `round[k]` holds the new outcomes of `alive[k]`, as many for each, in
  /// replicate order. Returns the candidates eliminated by it.
  @discardableResult
  public mutating func add(_ round: [[Double]]) -> [Int] {
    let survivors = alive
    precondition(round.count == survivors.count && !finished, "one block per candidate in the race")
    for (k, i) in survivors.enumerated() { outcomes[i] += round[k] }
    rounds += 1
    let n = replicates
    guard n >= 2 else { return [] }
    let best = leader()
    let critical = StudentT.quantile(1 - testLevel, degreesOfFreedom: Double(n - 1))
    var out: [Int] = []
    for i in survivors where i != best {
      let (mean, sd) = Self.moments(differences(best, i))
      // Identical outcomes in every replicate cannot be told apart; a constant gap can.
      let worse = sd == 0 ? mean > 0 : mean / (sd / Double(n).squareRoot()) > critical
      if worse {
        eliminatedAfter[i] = n
        out.append(i)
      }
    }
    return out
  }

  /// How much better `a` did than `b`, replicate by replicate, over the replicates both
  /// have (positive: `a` better, in the race's direction).
  public func differences(_ a: Int, _ b: Int) -> [Double] {
    let n = min(outcomes[a].count, outcomes[b].count)
    return (0..<n).map { maximise ? outcomes[a][$0] - outcomes[b][$0] : outcomes[b][$0] - outcomes[a][$0] }
  }

  /// The mean outcome of candidate `i`.
  public func mean(_ i: Int) -> Double { Self.moments(outcomes[i]).mean }

  /// The chance that each of `among` is the best, by the paired bootstrap: `resamples`
  /// resamples of the replicates they share, the same replicates for all, each won by the
  /// candidate with the best resampled mean (ties shared).
  /// - Complexity: O(resamples · n · |among|).
  public func bestProbability(among: [Int], resamples: Int, stream: RandomStream) -> [Double] {
    let n = among.map { outcomes[$0].count }.min() ?? 0
    guard among.count > 1, n > 0 else { return among.map { _ in 1 } }
    var wins = [Double](repeating: 0, count: among.count)
    var sums = [Double](repeating: 0, count: among.count)
    for _ in 0..<resamples {
      for k in sums.indices { sums[k] = 0 }
      for _ in 0..<n {
        let r = stream.uniformInt(below: n)
        for (k, i) in among.enumerated() { sums[k] += outcomes[i][r] }
      }
      let top = maximise ? sums.max()! : sums.min()!
      let tied = sums.count { $0 == top }
      for k in sums.indices where sums[k] == top { wins[k] += 1 / Double(tied) }
    }
    return wins.map { $0 / Double(resamples) }
  }

  /// Whether outcome `a` beats `b` in the race's direction.
  public func isBetter(_ a: Double, than b: Double) -> Bool { maximise ? a > b : a < b }

  /// Mean and sample standard deviation (Welford).
  public static func moments(_ values: [Double]) -> (mean: Double, sd: Double) {
    var mean = 0.0
    var squares = 0.0
    for (k, x) in values.enumerated() {
      let delta = x - mean
      mean += delta / Double(k + 1)
      squares += delta * (x - mean)
    }
    return (mean, values.count > 1 ? (squares / Double(values.count - 1)).squareRoot() : 0)
  }
}
