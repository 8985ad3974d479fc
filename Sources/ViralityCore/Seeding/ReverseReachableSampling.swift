// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule

/// What the reverse-reachable strategies (`IMM`, `OPIMC`) share: collections of sets drawn
/// from streams of the strategy's own, grown only when they would fit in the context's
/// memory, and the constants of their bounds.
struct ReverseReachableSampling {
  let context: SeedingContext
  /// The strategy's name and its ε, for the refusal.
  let strategy: String
  let epsilon: Double
  /// The master of the collections' streams, one draw from the strategy's stream.
  let base: UInt64

  private init(_ context: SeedingContext, strategy: String, epsilon: Double) {
    self.context = context
    self.strategy = strategy
    self.epsilon = epsilon
    base = UInt64(context.stream.nextBits()) << 32 | UInt64(context.stream.nextBits())
  }

  /// The sampling for `context` and the number of seeds to choose, or nil when there is
  /// nothing to choose (fewer than two agents, or no eligible one).
  static func start(_ context: SeedingContext, strategy: String, epsilon: Double) -> (Self, k: Int)? {
    let k = min(context.limit, context.eligibleAgents().count)
    guard context.graph.nodeCount >= 2, k > 0 else { return nil }
    return (Self(context, strategy: strategy, epsilon: epsilon), k)
  }

  var n: Double { Double(context.graph.nodeCount) }

  /// ln C(n, k).
  func logChoose(_ k: Int) -> Double {
    Double.logGamma(n + 1) - Double.logGamma(Double(k) + 1) - Double.logGamma(n - Double(k) + 1)
  }

  /// The `index`-th independent collection (empty).
  func sets(_ index: UInt64) -> ReverseReachableSets {
    ReverseReachableSets(
      graph: context.graph, population: context.population, process: context.campaign.process,
      seed: StreamSeed.derive(master: base, purpose: .seeding, index: index), generator: context.generator,
      threads: context.threads)
  }

  /// Grows `sets` to `wanted`, unless the sets would not fit: the bytes per set so far (or
  /// 8, before there are any) times the sets wanted, plus `others` bytes held elsewhere,
  /// against the context's memory.
  func grow(_ sets: ReverseReachableSets, to wanted: Double, besides others: Int = 0) throws(ParameterError) {
    let perSet = sets.count > 0 ? Double(sets.bytes) / Double(sets.count) : 8
    let needed = perSet * wanted + Double(others)
    guard wanted <= Double(Limits.reverseReachableSets), needed <= Double(context.memoryLimit) else {
      throw ParameterError(
        "epsilon",
        "\(strategy) would need about \(wanted.rounded(.up).shortDescription) reverse-reachable sets (\((needed / 1e9).shortDescription) GB) at epsilon \(epsilon.shortDescription), more than this machine can hold (\((Double(context.memoryLimit) / 1e9).shortDescription) GB); raise epsilon or ask for fewer seeds"
      )
    }
    sets.grow(to: Int(wanted.rounded(.up)))
  }
}

/// What a reverse-reachable strategy chose and what it knows of it.
public struct ReverseReachableOutcome: Sendable {
  public var seeds: [Int]
  /// Each seed's estimated marginal gain (agents).
  public var gains: [Double]
  /// The estimated spread of the seeds (agents).
  public var spread: Double
  /// Sets the selection used.
  public var sets: Int
  public var workspaceBytes: Int
  /// The approximation ratio the strategy certified for these seeds, when it computes one.
  public var certified: Double?

  static let none = ReverseReachableOutcome(seeds: [], gains: [], spread: 0, sets: 0, workspaceBytes: 0)

  func ranking() -> SeedRanking { SeedRanking(agents: seeds, scores: gains, workspaceBytes: workspaceBytes) }
}
