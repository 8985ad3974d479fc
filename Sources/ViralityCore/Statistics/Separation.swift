// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// Degrees of separation: the distribution of shortest-path distances between pairs of
/// nodes, exact (from every node) or estimated from a random sample of source nodes.
///
/// A **distance** counts edges: friends of friends are at distance 2. The "degrees of
/// separation" of everyday speech count the people in between, one fewer
/// (`meanIntermediaries`): Milgram's letters passed through 5.2 intermediaries on average,
/// a distance of about 6 (Travers & Milgram 1969); Facebook's average distance of 4.74 is
/// 3.74 degrees of separation (Backstrom et al. 2012). In a directed graph distances follow
/// the follows (u → v: u follows v), and pairs with no path are counted apart.
public struct Separation: Sendable, Equatable {
  /// Whether every node was a source (exact) or a random sample was (estimate).
  public let exact: Bool
  /// Sources whose distances make up the distribution.
  public let sources: Int
  /// `pairsAtDistance[d]`: (source, target) pairs at distance d; index 0 is unused (0).
  public let pairsAtDistance: [Int]
  /// (source, target) pairs, target ≠ source, with no path.
  public let unreachablePairs: Int
  /// Mean distance over reachable pairs.
  public let meanDistance: Double
  /// Standard error of `meanDistance` from sampling sources (0 when exact).
  public let meanDistanceStandardError: Double
  /// The largest distance seen: the diameter when exact, a lower bound otherwise.
  public let diameterLowerBound: Int
  /// An upper bound on the diameter (2 × the smallest source eccentricity, valid for a
  /// connected undirected graph); equal to the diameter when exact; nil when unknown.
  public let diameterUpperBound: Int?

  /// The diameter, when it is known exactly.
  public var diameter: Int? { diameterUpperBound == diameterLowerBound ? diameterLowerBound : nil }

  /// Pairs with a path.
  public var reachablePairs: Int { pairsAtDistance.reduce(0, +) }

  /// The mean number of intermediaries: mean distance − 1.
  public var meanIntermediaries: Double { meanDistance - 1 }

  /// The distance below which a fraction `q` of reachable pairs lie, interpolated linearly
  /// between whole distances as SNAP does (Leskovec, Kleinberg & Faloutsos, KDD 2005).
  /// `quantile(0.9)` is the 90th-percentile effective diameter.
  public func quantile(_ q: Double) -> Double {
    let total = Double(reachablePairs)
    guard total > 0 else { return 0 }
    let goal = q * total
    var below = 0.0
    for d in 1..<pairsAtDistance.count {
      let here = Double(pairsAtDistance[d])
      if below + here >= goal { return Double(d - 1) + (goal - below) / here }
      below += here
    }
    return Double(pairsAtDistance.count - 1)
  }

  /// The 90th-percentile effective diameter.
  public var effectiveDiameter: Double { quantile(0.9) }

  /// The smallest whole distance within which a fraction `q` of reachable pairs lie.
  public func distanceCovering(_ q: Double) -> Int {
    let total = reachablePairs
    var below = 0
    for d in 1..<pairsAtDistance.count {
      below += pairsAtDistance[d]
      if Double(below) >= q * Double(total) { return d }
    }
    return max(pairsAtDistance.count - 1, 0)
  }

  /// Measures separation. Every node is a source when `exact` is true, or when it is nil and
  /// the work — ⌈n/64⌉ sweeps over the m arcs — stays under `exactWorkLimit`; otherwise
  /// `sampleSize` distinct random sources are drawn from `stream`.
  ///
  /// Uses multi-source BFS: 64 searches advance together, one bit per search in a 64-bit
  /// word per node (Then et al., "The more the merrier: efficient multi-source graph
  /// traversal", PVLDB 8(4), 2014). Batches of 64 sources run in parallel; the result does
  /// not depend on `threads`.
  /// - Complexity: O(⌈s/64⌉ · (levels·n + Σ deg)) for s sources; 24 bytes per node per worker.
  public static func measure(
    _ graph: Graph, sampleSize: Int = 256, exact: Bool? = nil, exactWorkLimit: Int = 200_000_000,
    stream: RandomStream, threads: Int
  ) -> Separation {
    let n = graph.nodeCount
    let batchesIfExact = (n + 63) / 64
    let isExact = exact ?? (batchesIfExact * max(graph.arcCount, 1) <= exactWorkLimit || sampleSize >= n)
    let sources: [Int] = isExact ? Array(0..<n) : sample(min(sampleSize, n), of: n, stream)
    let batches = stride(from: 0, to: sources.count, by: 64).map { Array(sources[$0..<min($0 + 64, sources.count)]) }
    var results = run(graph, batches: batches, threads: threads)
    // Double sweep: the farthest nodes found make good sources for a better lower bound.
    if !isExact {
      let far = Array(Set(results.flatMap(\.farthest)).subtracting(sources).sorted().prefix(64))
      if !far.isEmpty {
        let extra = run(graph, batches: [far], threads: threads)[0]
        results.append(BatchResult(eccentricityOnlyFrom: extra))
      }
    }
    return Separation(combining: results, exact: isExact, sourceCount: sources.count, graph: graph)
  }

  /// `count` distinct uniform nodes of `0..<n` (the first `count` of a `RandomOrder`).
  public static func sample(_ count: Int, of n: Int, _ stream: RandomStream) -> [Int] {
    var order = RandomOrder(count: n)
    return (0..<min(count, n)).map { _ in order.next(stream)! }
  }

  private init(combining results: [BatchResult], exact: Bool, sourceCount: Int, graph: Graph) {
    var histogram = [0]
    var reached: [Int] = []
    var distanceSums: [Int] = []
    var lower = 0
    var smallestEccentricity = Int.max
    for result in results {
      lower = max(lower, result.eccentricity.max() ?? 0)
      guard result.countsTowardDistribution else { continue }
      if result.histogram.count > histogram.count {
        histogram.append(contentsOf: repeatElement(0, count: result.histogram.count - histogram.count))
      }
      for (d, c) in result.histogram.enumerated() { histogram[d] += c }
      reached += result.reached
      distanceSums += result.distanceSums
      smallestEccentricity = min(smallestEccentricity, result.eccentricity.min() ?? Int.max)
    }
    let totalReached = reached.reduce(0, +)
    let totalDistance = distanceSums.reduce(0, +)
    let mean = totalReached == 0 ? 0 : Double(totalDistance) / Double(totalReached)
    // Ratio estimator Σd/Σr over sampled sources; delta-method variance with the
    // finite-population correction for sampling sources without replacement.
    var standardError = 0.0
    let s = Double(reached.count)
    if !exact && reached.count > 1 && totalReached > 0 {
      let meanReached = Double(totalReached) / s
      var squares = 0.0
      for i in reached.indices {
        let e = Double(distanceSums[i]) - mean * Double(reached[i])
        squares += e * e
      }
      let correction = 1 - s / Double(graph.nodeCount)
      standardError = (squares / (s * (s - 1)) * correction).squareRoot() / meanReached
    }
    let connectedUndirected = !graph.isDirected && reached.contains(graph.nodeCount - 1)
    self.exact = exact
    self.sources = sourceCount
    self.pairsAtDistance = histogram
    self.unreachablePairs = sourceCount * (graph.nodeCount - 1) - totalReached
    self.meanDistance = mean
    self.meanDistanceStandardError = standardError
    self.diameterLowerBound = lower
    if exact {
      self.diameterUpperBound = lower
    } else if connectedUndirected && smallestEccentricity < Int.max {
      self.diameterUpperBound = max(lower, 2 * smallestEccentricity)
    } else {
      self.diameterUpperBound = nil
    }
  }

  /// What one batch of up to 64 searches found.
  struct BatchResult {
    var histogram: [Int] = [0]
    var reached: [Int] = []
    var distanceSums: [Int] = []
    var eccentricity: [Int] = []
    var farthest: [Int] = []
    var countsTowardDistribution = true

    init(sources: Int) {
      reached = [Int](repeating: 0, count: sources)
      distanceSums = reached
      eccentricity = reached
    }

    init(eccentricityOnlyFrom other: BatchResult) {
      eccentricity = other.eccentricity
      countsTowardDistribution = false
    }
  }

  private static func run(_ graph: Graph, batches: [[Int]], threads: Int) -> [BatchResult] {
    let n = graph.nodeCount
    let workers = Parallel.workerCount(batches.count, threads: threads)
    var results = [BatchResult](repeating: BatchResult(sources: 0), count: batches.count)
    var scratch = [[UInt64]](repeating: [], count: workers)
    graph.out.withView { rows in
      results.withUnsafeMutableBufferPointer { results in
        scratch.withUnsafeMutableBufferPointer { scratch in
          let shared = UncheckedSendable((results, scratch))
          Parallel.forEachChunk(batches.count, workers: workers) { batch, worker in
            let (results, scratch) = shared.value
            if scratch[worker].isEmpty { scratch[worker] = [UInt64](repeating: 0, count: 3 * n) }
            results[batch] = scratch[worker].withUnsafeMutableBufferPointer { words in
              searchBatch(rows, sources: batches[batch], words: words.baseAddress!, n: n)
            }
          }
        }
      }
    }
    return results
  }

  /// Runs up to 64 breadth-first searches together.
  private static func searchBatch(
    _ rows: RowsView, sources: [Int], words: UnsafeMutablePointer<UInt64>, n: Int
  ) -> BatchResult {
    let seen = words
    let frontier = words + n
    let next = words + 2 * n
    words.update(repeating: 0, count: 3 * n)
    for (i, s) in sources.enumerated() {
      seen[s] |= 1 << UInt64(i)
      frontier[s] |= 1 << UInt64(i)
    }
    var result = BatchResult(sources: sources.count)
    var lanes = LaneCounter()
    var level = 0
    var active = true
    while active {
      level += 1
      for v in 0..<n {
        let bits = frontier[v]
        if bits == 0 { continue }
        for w in rows[v] { next[Int(w)] |= bits }
      }
      active = false
      lanes.reset()
      var found = 0
      var farthest: [Int] = []
      for w in 0..<n {
        let candidates = next[w]
        frontier[w] = 0
        if candidates == 0 { continue }
        next[w] = 0
        let fresh = candidates & ~seen[w]
        if fresh == 0 { continue }
        seen[w] |= fresh
        frontier[w] = fresh
        active = true
        found &+= fresh.nonzeroBitCount
        lanes.add(fresh)
        if farthest.count < 64 { farthest.append(w) }
      }
      guard active else { break }
      result.histogram.append(found)
      result.farthest = farthest
      for i in sources.indices {
        let count = lanes.count(lane: i)
        guard count > 0 else { continue }
        result.reached[i] += count
        result.distanceSums[i] += level * count
        result.eccentricity[i] = level
      }
    }
    return result
  }
}

/// 64 counters in bit-sliced form: adding a word increments counter i for each set bit i,
/// with a ripple-carry over bit planes (about two word operations per add on average).
struct LaneCounter {
  private var planes = [UInt64](repeating: 0, count: 40)
  private var used = 0

  mutating func reset() {
    for p in 0..<used { planes[p] = 0 }
    used = 0
  }

  @inline(__always)
  mutating func add(_ bits: UInt64) {
    var carry = bits
    var p = 0
    while carry != 0 {
      let plane = planes[p]
      planes[p] = plane ^ carry
      carry &= plane
      p &+= 1
    }
    used = max(used, p)
  }

  func count(lane: Int) -> Int {
    var total = 0
    for p in 0..<used where planes[p] >> UInt64(lane) & 1 == 1 { total |= 1 << p }
    return total
  }
}
