// SPDX-License-Identifier: GPL-3.0-or-later
import RealModule

/// A Galton–Watson branching process in which every individual has `trials` chances, each
/// taken with probability `probability` (binomial offspring): the nomination chain on a
/// tree-like network, where no nominee is nominated twice.
///
/// T. E. Harris, The Theory of Branching Processes (Springer, 1963), ch. 1.
public struct BranchingProcess: Sendable, Equatable {
  public var trials: Int
  public var probability: Double

  public init(trials: Int, probability: Double) {
    self.trials = trials
    self.probability = probability
  }

  /// The mean offspring R = k·p.
  public var meanOffspring: Double { Double(trials) * probability }

  /// The offspring generating function f(s) = (1 − p + p·s)^k.
  public func generating(_ s: Double) -> Double {
    // By squaring (O(log k)): k may be as large as a count can be.
    Double.pow(1 - probability + probability * s, trials)
  }

  /// The probability that the line of one individual dies out: the smallest root of
  /// s = f(s) in [0, 1] (1 when R ≤ 1). Iterating s ← f(s) from 0 climbs to that root;
  /// Newton steps from 0 do too, faster, because f is convex and increasing.
  public var extinction: Double {
    guard meanOffspring > 1 else { return 1 }
    var s = 0.0
    for _ in 0..<200 {
      // Newton on g(s) = f(s) − s, with g'(s) = k·p·(1 − p + p·s)^(k−1) − 1 < 0 below the root.
      let base = 1 - probability + probability * s
      let power = Double.pow(base, trials - 1)
      let g = power * base - s
      let slope = Double(trials) * probability * power - 1
      let next = s - g / slope
      if !(next > s) || abs(next - s) < 1e-15 { return min(max(next, s), 1) }
      s = next
    }
    return s
  }

  /// The probability that the line of one individual has no one left in generation `g`:
  /// q_g = f(q_(g−1)) from q_0 = 0, rising to `extinction`.
  public func emptyBy(generation g: Int) -> Double {
    var q = 0.0
    for _ in 0..<max(g, 0) { q = generating(q) }
    return q
  }

  /// The probability that the lines of `seeds` independent individuals all die out.
  public func extinction(seeds: Int) -> Double { Double.pow(extinction, Double(seeds)) }

  /// The expected total number of individuals, seeds included, when R < 1: seeds/(1 − R);
  /// nil when R ≥ 1 (the total is then unbounded on an infinite tree).
  public func expectedTotal(seeds: Int) -> Double? {
    meanOffspring < 1 ? Double(seeds) / (1 - meanOffspring) : nil
  }
}

/// A model whose early chains a branching process describes, for the theory written beside
/// the runs (`theory.csv`).
public protocol BranchingTheory {
  /// The process of the chains the seeds start among agents drawn from `population` (nil
  /// when no closed form applies).
  func branchingProcess(population: PopulationSpec) -> BranchingProcess?
  /// The generations table (`GenerationTable.tree`) of the chains the process describes.
  var theoryTree: String { get }
  /// The extra metric that counts the agents in those chains.
  var theorySizeMetric: String { get }
}
