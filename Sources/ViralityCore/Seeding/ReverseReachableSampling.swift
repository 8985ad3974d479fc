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

  /// The `index`-th independent collection (empty), its sets drawn `chunk` from a stream.
  func sets(_ index: UInt64, chunk: Int = ReverseReachableSets.chunkSize) -> ReverseReachableSets {
    ReverseReachableSets(
      graph: context.graph, population: context.population, process: context.campaign.process,
      seed: StreamSeed.derive(master: base, purpose: .seeding, index: index), generator: context.generator,
      threads: context.threads, chunk: chunk)
  }

  /// Grows `sets` to `wanted`, unless the sets would not fit: the bytes per set so far (or
  /// 8, before there are any) times the sets wanted, plus `others` bytes held elsewhere,
  /// against the context's memory.
  func grow(_ sets: ReverseReachableSets, to wanted: Double, besides others: Int = 0) throws(ParameterError) {
    let perSet = sets.count > 0 ? Double(sets.bytes) / Double(sets.count) : 8
    try check(sets: wanted, bytes: perSet * wanted + Double(others))
    sets.grow(to: Int(wanted.rounded(.up)))
  }

  /// The sets a collection holds once grown to `wanted`: whole chunks.
  static func made(_ wanted: Double) -> Double {
    let chunk = Double(ReverseReachableSets.chunkSize)
    return (wanted / chunk).rounded(.up) * chunk
  }

  /// Refuses `sets` sets holding `bytes` in all when they are more than a collection can
  /// number or the context's memory can hold.
  func check(sets: Double, bytes: Double) throws(ParameterError) {
    guard sets <= Double(Limits.reverseReachableSets), bytes <= Double(context.memoryLimit) else {
      // Shown as whole numbers, however large (or not a number) the estimate.
      func shown(_ x: Double) -> Int { x.isNaN ? Int(1e18) : Int(min(x.rounded(.up), 1e18)) }
      throw ParameterError(
        "epsilon",
        "\(strategy) would need about \(shown(sets)) reverse-reachable sets (\(GraphMemory.describe(bytes: shown(bytes)))) at epsilon \(epsilon.shortDescription), more than this machine can hold (\(GraphMemory.describe(bytes: context.memoryLimit))); raise epsilon or ask for fewer seeds"
      )
    }
  }

  /// What a pilot sample says of the sets: greedy seeds chosen on one small collection of
  /// `sets` sets, the share of them they cover (`cover`) and the share their coverage is
  /// bounded by (`bound`, the submodular bound of `ReverseReachableSets.greedy`), both
  /// biased upward because the seeds were chosen on those very sets; and the share of a
  /// second, independent collection they cover (`spread`: their expected spread over n,
  /// without that bias).
  struct Pilot {
    var sets: Double
    var cover: Double
    var bound: Double
    var spread: Double

    /// The chosen-on-its-own-sets bias of a selection on `count` sets, as a factor: the
    /// pilot's (cover / spread) shrunk as the sampling noise the greedy choice fits,
    /// 1/√count.
    func bias(at count: Double) -> Double {
      let pilot = max(1, cover / spread)
      return 1 + (pilot - 1) * (sets / max(count, sets)).squareRoot()
    }

    /// The share of `count` sets greedy seeds chosen on them would cover.
    func cover(at count: Double) -> Double { spread * bias(at: count) }

    /// The share of `count` sets the greedy's submodular bound would be.
    func bound(at count: Double) -> Double { bound / bias(at: sets) * bias(at: count) }
  }

  /// The bytes a strategy will hold at its peak, predicted before it draws any:
  /// `sets(pilot)` turns a pilot into a number of sets; the pilot (two collections drawn
  /// from streams the strategy never uses, so its own draws are unchanged) doubles from 16
  /// sets until it holds a sixteenth of the sets it predicts or 64 MB, whichever comes
  /// first, so it costs a small share of the work it predicts. `batches`: the calls of
  /// `grow` the strategy makes, each indexing all n agents. Returns the bytes; refuses
  /// (`check`) what would not fit.
  func predict(_ k: Int, sets: (Pilot) -> (sets: Double, batches: Int)) throws(ParameterError) -> Int {
    let (chosen, measured) = (self.sets(2, chunk: 16), self.sets(3, chunk: 16))
    var size = 16
    while true {
      chosen.grow(to: size)
      measured.grow(to: size)
      let selection = chosen.greedy(k, eligible: context.isEligible, bounding: true)
      let m = Double(size)
      // The seeds reach at least themselves.
      let spread = max(Double(measured.covered(by: selection.agents)) / m, Double(k) / n)
      let perSet = Double(chosen.setBytes + measured.setBytes) / (2 * m)
      let pilot = Pilot(
        sets: m, cover: Double(selection.gains.reduce(0, +)) / m, bound: Double(selection.upperBound) / m, spread: spread)
      let (wanted, batches) = sets(pilot)
      if 16 * Double(size) >= wanted || Double(chosen.bytes + measured.bytes) >= 64e6 {
        // The sets, the coverage counts, each batch's offsets and the greedy selection's
        // arrays (`ReverseReachableSets.Cover.workspace`).
        let bytes = wanted * (perSet + 1) + 4 * n * Double(1 + batches) + 24 * n
        try check(sets: wanted, bytes: bytes)
        return Int(bytes)
      }
      size *= 2
    }
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
