// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// A directed follower graph like those of Twitter, Weibo or Instagram: a small-world
/// friendship core plus heavy-tailed follower counts.
///
/// 1. **Friendship core.** A Watts–Strogatz ring (`friends` neighbours, `rewire`) gives
///    clustered, short-path acquaintance. Each tie becomes a mutual follow with probability
///    `reciprocity`; otherwise one of the two follows the other.
/// 2. **Popularity follows.** Every account has a popularity drawn from `popularity`
///    (default Pareto, shape 1.2) and follows `follows` further accounts (default Poisson,
///    mean 10), each chosen with probability proportional to popularity (Walker's alias
///    method). An account's expected follower count is proportional to its popularity, so
///    follower counts inherit the Pareto tail P(followers > x) ~ x^−shape: a few celebrities
///    are followed by a large share of everyone (the fitness model of Caldarelli et al.,
///    PRL 89:258702, 2002; Chung & Lu, PNAS 99:15879, 2002).
///
/// Calibration targets: Kwak et al., "What is Twitter, a social network or a news media?",
/// WWW 2010 (22.1% of connected pairs reciprocal, average path 4.12).
///
/// An edge u → v means u follows v. Follows are drawn in fixed chunks of accounts, each with
/// its own stream derived from the graph stream, so the graph is the same for any thread
/// count. A follow that repeats a friendship tie is dropped.
/// - Complexity: O(n·(friends + follows)) time and memory.
public struct FollowerGraph: GraphGenerator {
  public static let modelName = "follower"
  public var nodes: Int
  /// Friendship ties per account in the small-world core (even).
  public var friends: Int
  /// Rewiring probability of the core.
  public var rewire: Double
  /// The probability that a core tie is a mutual follow.
  public var reciprocity: Double
  /// How many popularity-driven follows each account makes.
  public var follows: Distribution
  /// Account popularity; follower counts are proportional to it.
  public var popularity: Distribution
  /// The share of all accounts the most popular accounts' popularity follows may reach:
  /// popularity is held below the level at which an account would be followed by more
  /// (celebrity audiences saturate). 1: no limit.
  public var maxFollowerShare: Double

  // The defaults are calibrated to Twitter's follower graph as Kwak, Lee, Park & Moon
  // measured it (WWW 2010; 41.7 million accounts, July 2009):
  // - follower counts with a power-law tail of exponent 2.276 (density), P(followers > x) ~
  //   x^−1.276: the popularity Pareto's shape;
  // - 22.1% of connected pairs follow each other. Core ties number n·friends/2, popularity
  //   follows about n·follows, and only core ties are mutual, so the share of mutual pairs
  //   is reciprocity·(friends/2)/(friends/2 + follows): 0.774·6/21 = 22.1%;
  // - a mean distance of 4.12 along follows: 12 friends and 15 follows give 4.10–4.14 at
  //   10⁵ accounts (distances grow with log n: 4.86 at 10⁶);
  // - the most-followed account followed by at most a tenth of all accounts (see
  //   `maxFollowerShare`; the limit binds up to about 10⁶ accounts).
  public static let defaultFriends = 12
  public static let defaultRewire = 0.1
  public static let defaultReciprocity = 0.774
  public static let defaultFollows = Distribution.poisson(mean: 15)
  public static let defaultPopularity = Distribution.pareto(shape: 1.276, scale: 1)
  public static let defaultMaxFollowerShare = 0.1

  public init(
    nodes: Int, friends: Int = defaultFriends, rewire: Double = defaultRewire, reciprocity: Double = defaultReciprocity,
    follows: Distribution = defaultFollows, popularity: Distribution = defaultPopularity,
    maxFollowerShare: Double = defaultMaxFollowerShare
  ) {
    self.nodes = nodes
    self.friends = friends
    self.rewire = rewire
    self.reciprocity = reciprocity
    self.follows = follows
    self.popularity = popularity
    self.maxFollowerShare = maxFollowerShare
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case nodes, friends, rewire, reciprocity, follows, popularity, maxFollowerShare = "max_follower_share"
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: GraphModelKeys.shared)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      nodes: try c.decode(Int.self, forKey: .nodes), friends: try c.value(.friends, default: Self.defaultFriends),
      rewire: try c.value(.rewire, default: Self.defaultRewire),
      reciprocity: try c.value(.reciprocity, default: Self.defaultReciprocity),
      follows: try c.value(.follows, default: Self.defaultFollows),
      popularity: try c.value(.popularity, default: Self.defaultPopularity),
      maxFollowerShare: try c.value(.maxFollowerShare, default: Self.defaultMaxFollowerShare))
  }

  var core: WattsStrogatz { WattsStrogatz(nodes: nodes, neighbors: friends, rewire: rewire) }

  public func validate() throws(ParameterError) {
    do { try core.validate() } catch {
      throw error.path == ["neighbors"] ? ParameterError(path: ["friends"], message: error.message) : error
    }
    try Check.probability(reciprocity, "reciprocity")
    try follows.validate("follows")
    guard follows.isNonNegative, follows.mean < Double(nodes - 1) else {
      throw ParameterError("follows", "must be non-negative with a mean below nodes − 1")
    }
    try popularity.validate("popularity")
    guard popularity.isNonNegative, popularity.mean > 0 else {
      throw ParameterError("popularity", "must be positive (e.g. {pareto: {shape: 1.2}})")
    }
    guard maxFollowerShare > 0, maxFollowerShare <= 1 else {
      throw ParameterError(
        "max_follower_share", "must be a share of accounts in (0, 1]; got \(maxFollowerShare.shortDescription)")
    }
  }

  public var expectedSize: GraphSize {
    let n = Double(nodes)
    let ties = n * Double(friends / 2)
    let follows = ties * (1 + reciprocity) + n * self.follows.mean
    var size = GraphSize(nodes: nodes, expectedEdges: follows, directed: true)
    // The rewired ring: a bit per lattice tie and 8 bytes per rewired one once rewiring is
    // done (`RingLattice.releaseQueryIndex`). Before the rows: their offsets, the ring, and
    // the popularities' alias table being built (GSL keeps 16 bytes an account and works
    // with 24 more, beside the 8 of the weights). While filling: the ring and the table.
    let ring = ties / 8 + 8 * rewire * ties
    size.builderPeakBytes = GraphMemory.rowFillPeak(
      nodes: nodes, entries: follows, setup: 8 * n + ring + 48 * n, fillScratch: ring + 16 * n)
    return size
  }

  /// `weights` held at the level c·W (W their sum after holding) at which an account would be
  /// chosen by a share `share` of accounts making `follows` choices each on average: a
  /// weight w is chosen by an account with probability about 1 − (1 − w/W)^follows, so by a
  /// share 1 − e^(−follows·w/W) of all accounts, which is `share` at c = −ln(1 − share)/follows.
  /// Holding lowers W, so c·W is found by iterating W ← Σ min(w, c·W) down to its fixed point.
  static func saturated(_ weights: [Double], share: Double, follows: Double) -> [Double] {
    guard share < 1, follows > 0, !weights.isEmpty else { return weights }
    let c = -Double.log(onePlus: -share) / follows
    var total = weights.reduce(0, +)
    for _ in 0..<100 {
      let cap = c * total
      let next = weights.reduce(0) { $0 + min($1, cap) }
      if next >= total * (1 - 1e-12) { break }
      total = next
    }
    let cap = c * total
    return weights.map { min($0, cap) }
  }

  /// Accounts per chunk of popularity follows (fixed: results must not depend on threads).
  static let chunk = 65_536

  public func generate(using stream: RandomStream, threads: Int) -> Graph {
    let (out, _) = followRows(using: stream, threads: threads)
    let followers = GraphBuilder.transposed(out, nodeCount: nodes, threads: threads)
    return Graph(nodeCount: nodes, isDirected: true, out: out, in: followers)
  }

  /// The out rows (the accounts each account follows), drawn without an edge list: every
  /// follow is drawn twice from the same streams, once to count each row and once to write
  /// it into place (`RowFill`). The stream is used as one pass of the list would use it:
  /// the core's rewiring, a direction per core tie, the popularities, then one seed for the
  /// chunks of popularity follows.
  func followRows(using stream: RandomStream, threads: Int) -> (rows: CompressedRows, report: BuildReport) {
    var rows = RowFill(nodeCount: nodes)
    var ring: RingLattice? = core.rewiredRing(using: stream)
    ring!.releaseQueryIndex()
    let directions = stream.copy()  // replays the core ties' directions in the filling pass
    rows.withWriter { writer in coreFollows(ring!, stream) { u, _ in writer.count(u) } }
    do {
      // The popularities and their alias table live until the last follow is placed.
      let popularity = PopularityFollows(self, stream)
      rows.withWriter { writer in popularity.draw(threads: threads) { u, _ in writer.count(u) } }
      rows.startFilling()
      rows.withWriter { writer in coreFollows(ring!, directions) { u, v in writer.place(u, v) } }
      ring = nil  // released before the popularity follows
      rows.withWriter { writer in popularity.draw(threads: threads) { u, v in writer.place(u, v) } }
    }
    var report = BuildReport()
    let out = rows.finish(threads: threads, report: &report)
    return (out, report)
  }

  /// Each core tie as follows: both ways with probability `reciprocity`, else one way, either
  /// way with even odds (directions drawn from `stream`, in the ring's edge order).
  private func coreFollows(_ ring: RingLattice, _ stream: RandomStream, _ body: (Int, Int) -> Void) {
    ring.forEachEdge { a, b in
      if stream.bernoulli(reciprocity) {
        body(a, b)
        body(b, a)
      } else if stream.bernoulli(0.5) {
        body(a, b)
      } else {
        body(b, a)
      }
    }
  }
}

/// The popularity-driven follows of a `FollowerGraph`: each account's number of follows and
/// the accounts it picks, drawn in fixed chunks of accounts, each chunk from its own stream,
/// so that they can be drawn again, chunk by chunk and on any thread, with the same result.
private struct PopularityFollows: Sendable {
  let nodes: Int
  let chooser: WeightedChoice
  let chunkSeed: UInt64
  let follows: Distribution.Sampler

  /// Draws the popularities from `stream` (held at the saturation level) and the chunks' seed.
  init(_ graph: FollowerGraph, _ stream: RandomStream) {
    nodes = graph.nodes
    let popularitySampler = graph.popularity.sampler()
    let weights = FollowerGraph.saturated(
      (0..<nodes).map { _ in popularitySampler.sample(stream) }, share: graph.maxFollowerShare,
      follows: graph.follows.mean)
    do { chooser = try WeightedChoice(weights: weights) } catch {
      preconditionFailure("popularity draws were validated positive: \(error)")
    }
    chunkSeed = (UInt64(stream.nextBits()) << 32) | UInt64(stream.nextBits())
    follows = graph.follows.sampler()
  }

  /// Calls `body(u, v)` for each follow u → v, each chunk on one thread. Calls for one
  /// account come from one thread, in the order drawn.
  func draw(threads: Int, _ body: @Sendable (Int, Int) -> Void) {
    let chunkCount = (nodes + FollowerGraph.chunk - 1) / FollowerGraph.chunk
    Parallel.forEachChunk(chunkCount, threads: threads) { chunk in
      let local = RandomStream(seed: StreamSeed.derive(master: chunkSeed, purpose: .graph, index: UInt64(chunk)))
      let first = chunk * FollowerGraph.chunk
      var picks: [Int] = []
      var picked = Set<Int>()
      var drawn = [Int](repeating: 0, count: 64)
      for u in first..<min(first + FollowerGraph.chunk, nodes) {
        // Clamped before converting: a heavy-tailed draw may exceed any Int.
        let wanted = Int(min(max(follows.sample(local).rounded(), 0), Double(nodes - 1)))
        picks.removeAll(keepingCapacity: true)
        picked.removeAll(keepingCapacity: true)
        // Self-follows and repeats are redrawn, up to 100 attempts a pick. Attempts come in
        // batches no larger than the picks still missing, so every attempt drawn is one the
        // pick-at-a-time loop would make too: the same draws, with their cache misses
        // overlapped. A few picks are checked by scanning, many through a set (the same
        // picks either way).
        let hashed = wanted > 32
        let allowed = 100 * wanted
        var attempts = 0
        while picks.count < wanted && attempts < allowed {
          let batch = min(wanted - picks.count, allowed - attempts, drawn.count)
          drawn.withUnsafeMutableBufferPointer {
            local.choose(from: chooser, into: UnsafeMutableBufferPointer(rebasing: $0[..<batch]))
          }
          attempts += batch
          for v in drawn[..<batch] where v != u {
            if hashed ? picked.insert(v).inserted : !picks.contains(v) { picks.append(v) }
          }
        }
        for v in picks { body(u, v) }
      }
    }
  }
}
