// SPDX-License-Identifier: GPL-3.0-or-later
import CPrefetch
import GSL
import HeapModule

/// Random reverse-reachable (RR) sets of an influence process: from a uniformly random root,
/// the agents who would have reached it in one random outcome of the process. An agent's
/// share of the sets it appears in, times n, estimates the spread of seeding it
/// (C. Borgs, M. Brautbar, J. Chayes & B. Lucier, "Maximizing social influence in nearly
/// optimal time", SODA 2014).
///
/// Sets are made in fixed chunks, chunk c from the stream `derive(seed, .seeding, c)`, and
/// kept in chunk order, so the sets do not depend on the thread count.
///
/// Independent cascade: breadth-first over the accounts each agent follows, a tie into v
/// kept with its probability; when that is the same for every tie into v, kept ties are
/// found by geometric skipping. Linear threshold: each agent in turn picks one account it
/// follows uniformly (its live edge), until a repeat or an agent who follows no one.
final class ReverseReachableSets {
  let graph: Graph
  let population: Population
  let process: InfluenceProcess
  let seed: UInt64
  let generator: GeneratorKind
  let threads: Int
  /// Friends (reciprocal ties) of every agent, when the process needs them.
  private let friends: [Int32]?
  /// Whether every tie has the same probability (a table of geometric gaps serves).
  private let plain: Bool

  /// Sets made at a time, from one stream: `chunkSize`, or fewer for a pilot sample.
  let chunk: Int
  static let chunkSize = 2048

  /// The sets of one chunk. A set that holds only its root (most sets when ties are weak)
  /// is kept as the root alone.
  struct Chunk {
    /// Roots of the one-agent sets.
    var singles: [UInt32] = []
    /// Members of the larger sets, one after another, and where each set starts.
    var members: [UInt32] = []
    var starts: [Int32] = []

    func set(_ s: Int) -> Range<Int> { Int(starts[s])..<(s + 1 < starts.count ? Int(starts[s + 1]) : members.count) }
  }

  private(set) var chunks: [Chunk] = []
  /// Sets made.
  private(set) var count = 0
  /// Sets of more than one agent.
  private(set) var larger = 0
  /// Agents in all sets.
  private(set) var entries = 0
  /// How many sets hold each agent.
  private var coverage: [Int32]
  /// Where each chunk's larger sets start in their numbering (one more entry than chunks).
  private var firstSet = [0]

  /// The larger sets holding each agent, for the chunks one call of `grow` made: agent v's
  /// are `sets[offsets[v] ..< offsets[v + 1]]`. Building one per call keeps the index work
  /// proportional to the new sets, however often the greedy selection runs.
  struct Batch {
    var offsets: [Int32]
    var sets: [UInt32]
  }

  private var batches: [Batch] = []

  init(
    graph: Graph, population: Population, process: InfluenceProcess, seed: UInt64, generator: GeneratorKind, threads: Int,
    chunk: Int = chunkSize
  ) {
    self.chunk = chunk
    self.graph = graph
    self.population = population
    self.process = process
    self.seed = seed
    self.generator = generator
    self.threads = threads
    coverage = [Int32](repeating: 0, count: graph.nodeCount)
    if process.nominees != nil {
      friends = graph.out.withView { out in
        graph.in.withView { incoming in
          (0..<graph.nodeCount).map { Int32(SortedRows.intersectionCount(out[$0], incoming[$0])) }
        }
      }
    } else {
      friends = nil
    }
    plain =
      process.kind == .cascade && process.isUniformPerReceiver(population) && !process.perFollowed
      && !process.receiverSusceptibility && process.senderFactorIsOne(population)
  }

  /// Bytes that grow with the number of sets: their members, each larger set's start and
  /// index entries, each chunk's numbering.
  var setBytes: Int {
    chunks.reduce(0) { $0 + 4 * ($1.singles.count + $1.members.count + $1.starts.count) }
      + batches.reduce(0) { $0 + 4 * $1.sets.count } + 8 * firstSet.count
  }

  /// Bytes the sets hold: `setBytes`, the coverage counts and the offsets of each call of
  /// `grow` (4(n + 1) bytes each).
  var bytes: Int { setBytes + 4 * coverage.count + batches.reduce(0) { $0 + 4 * $1.offsets.count } }

  /// Makes sets until there are at least `wanted` (whole chunks).
  func grow(to wanted: Int) {
    let chunkSize = chunk
    let have = chunks.count
    let need = (wanted + chunkSize - 1) / chunkSize
    guard need > have else { return }
    var made = [Chunk](repeating: Chunk(), count: need - have)
    let n = graph.nodeCount
    let workers = Parallel.workerCount(need - have, threads: threads)
    made.withUnsafeMutableBufferPointer { made in
      let shared = UncheckedSendable(made)
      graph.out.withView { following in
        graph.in.withView { followers in
          var marks = [SetBuilder?](repeating: nil, count: workers)
          marks.withUnsafeMutableBufferPointer { marks in
            let scratch = UncheckedSendable(marks)
            Parallel.forEachChunk(need - have, workers: workers) { position, worker in
              // Each worker has its own builder (and gap table): shared objects would make
              // the workers contend for their reference counts.
              if scratch.value[worker] == nil {
                scratch.value[worker] = SetBuilder(
                  n, process: process, population: population, friends: friends,
                  table: plain ? GeometricTable(probability: process.probability) : nil)
              }
              let set = scratch.value[worker]!
              let stream = RandomStream(
                seed: StreamSeed.derive(master: seed, purpose: .seeding, index: UInt64(have + position)), kind: generator)
              var chunk = Chunk()
              // Roots are drawn first so their rows can be fetched ahead: a random root's
              // row is a cache miss, and most sets are little more than their root.
              let roots = (0..<chunkSize).map { _ in stream.uniformInt(below: n) }
              let offsets = following.offsets.baseAddress!
              let targets = following.targets.baseAddress!
              for j in 0..<chunkSize {
                if j + 16 < chunkSize { viral_prefetch(offsets + roots[j + 16]) }
                if j + 8 < chunkSize { viral_prefetch(targets + offsets[roots[j + 8]]) }
                set.begin(roots[j])
                switch process.kind {
                case .threshold: set.walk(following, stream)
                case .cascade: set.spread(following, followers, stream)
                }
                if set.size == 1 {
                  chunk.singles.append(UInt32(roots[j]))
                } else {
                  chunk.starts.append(Int32(chunk.members.count))
                  chunk.members.append(contentsOf: UnsafeBufferPointer(start: set.nodes, count: set.size))
                }
              }
              // Exact capacities: the sets are most of IMM's memory.
              chunk.singles = chunk.singles.compacted()
              chunk.members = chunk.members.compacted()
              chunk.starts = chunk.starts.compacted()
              shared.value[position] = chunk
            }
          }
        }
      }
    }
    // Index the new larger sets by agent: each worker indexes the agents of its own range,
    // scanning every chunk in order, so the index is the same for any thread count. A
    // batch holds fewer than 2^31 entries.
    var groupStart = 0
    while groupStart < made.count {
      var groupEnd = groupStart
      var groupEntries = 0
      while groupEnd < made.count, groupEntries + made[groupEnd].members.count < Int(Int32.max) {
        groupEntries += made[groupEnd].members.count
        groupEnd += 1
      }
      let group = Array(made[groupStart..<groupEnd])
      batches.append(index(group, firstSet: larger, workers: Swift.max(1, threads)))
      for chunk in group {
        for root in chunk.singles { coverage[Int(root)] += 1 }
        chunks.append(chunk)
        count += chunkSize
        larger += chunk.starts.count
        entries += chunk.singles.count + chunk.members.count
        firstSet.append(larger)
      }
      groupStart = groupEnd
    }
  }

  /// The inverted index of the larger sets of `group`, numbered from `firstSet`, and the
  /// count of each agent's memberships added to `coverage`.
  private func index(_ group: [Chunk], firstSet: Int, workers: Int) -> Batch {
    let n = graph.nodeCount
    var offsets = [Int32](repeating: 0, count: n + 1)
    let parts = Swift.min(workers, Swift.max(1, n / 4096))
    offsets.withUnsafeMutableBufferPointer { offsets in
      let shared = UncheckedSendable(offsets)
      Parallel.forEachChunk(parts, workers: parts) { part, _ in
        let range = UInt32(part * n / parts)..<UInt32((part + 1) * n / parts)
        for chunk in group { for node in chunk.members where range.contains(node) { shared.value[Int(node) + 1] += 1 } }
      }
    }
    for v in 0..<n {
      coverage[v] += offsets[v + 1]
      offsets[v + 1] += offsets[v]
    }
    var sets = [UInt32](repeating: 0, count: Int(offsets[n]))
    var fill = offsets
    fill.withUnsafeMutableBufferPointer { fill in
      sets.withUnsafeMutableBufferPointer { sets in
        let shared = UncheckedSendable((fill, sets))
        Parallel.forEachChunk(parts, workers: parts) { part, _ in
          let (fill, sets) = shared.value
          let range = UInt32(part * n / parts)..<UInt32((part + 1) * n / parts)
          var base = firstSet
          for chunk in group {
            for s in chunk.starts.indices {
              for e in chunk.set(s) where range.contains(chunk.members[e]) {
                let v = Int(chunk.members[e])
                sets[Int(fill[v])] = UInt32(base + s)
                fill[v] += 1
              }
            }
            base += chunk.starts.count
          }
        }
      }
    }
    return Batch(offsets: offsets, sets: sets)
  }

  /// The set being made, in a per-worker buffer. Whether it holds an agent is answered by
  /// searching it while it is small (no access to per-agent marks at all); once it grows past
  /// `small` its members are marked in a per-worker bit set, one bit per agent, so the marks
  /// of a 10^5-agent graph stay in the first-level cache. The next set clears the bits its
  /// predecessor set, agent by agent.
  final class SetBuilder {
    static let small = 16
    private let bits: UnsafeMutablePointer<UInt64>
    let nodes: UnsafeMutablePointer<UInt32>
    private(set) var size = 0
    private var marked = false

    let process: InfluenceProcess
    let population: Population
    let friends: [Int32]?
    let table: GeometricTable?

    init(_ count: Int, process: InfluenceProcess, population: Population, friends: [Int32]?, table: GeometricTable?) {
      self.process = process
      self.population = population
      self.friends = friends
      self.table = table
      let capacity = max(count, 1)
      let words = (capacity + 63) / 64
      bits = .allocate(capacity: words)
      bits.initialize(repeating: 0, count: words)
      nodes = .allocate(capacity: capacity)
    }

    deinit {
      bits.deallocate()
      nodes.deallocate()
    }

    @inline(__always)
    private func isMarked(_ u: UInt32) -> Bool { bits[Int(u >> 6)] & (1 &<< UInt64(u & 63)) != 0 }

    @inline(__always)
    private func mark(_ u: UInt32) { bits[Int(u >> 6)] |= 1 &<< UInt64(u & 63) }

    /// Starts a set holding `root` alone.
    @inline(__always)
    func begin(_ root: Int) {
      if marked {
        for j in 0..<size { bits[Int(nodes[j] >> 6)] = 0 }
        marked = false
      }
      nodes[0] = UInt32(root)
      size = 1
    }

    /// Adds `u` unless the set holds it already.
    @inline(__always)
    func insert(_ u: UInt32) {
      if !marked {
        if size <= Self.small {
          for j in 0..<size where nodes[j] == u { return }
          nodes[size] = u
          size &+= 1
          return
        }
        for j in 0..<size { mark(nodes[j]) }
        marked = true
      }
      guard !isMarked(u) else { return }
      mark(u)
      nodes[size] = u
      size &+= 1
    }

    /// Whether the set holds `u`.
    @inline(__always)
    func contains(_ u: UInt32) -> Bool {
      if marked { return isMarked(u) }
      for j in 0..<size where nodes[j] == u { return true }
      return false
    }

    func walk(_ following: RowsView, _ stream: RandomStream) {
      var v = Int(nodes[0])
      while true {
        let rows = following[v]
        guard !rows.isEmpty else { return }
        let u = rows[stream.uniformInt(below: rows.count)]
        guard !contains(u) else { return }
        insert(u)
        v = Int(u)
      }
    }

    func spread(_ following: RowsView, _ followers: RowsView, _ stream: RandomStream) {
      // One branch per kind of tie, outside the loops (binding the table inside them would
      // count a reference for every agent visited).
      if let table {
        breadthFirst(following) { rows in
          var i = table.next(stream) - 1
          while i < rows.count {
            insert(rows[i])
            i += table.next(stream)
          }
        }
      } else if process.isUniformPerReceiver(population) {
        breadthFirst(following) { rows, v in
          let p = process.probability(from: 0, to: v, followedByReceiver: rows.count, friendsOfSender: 1, population: population)
          let skipper = GeometricSkipper(probability: p)
          var i = skipper.next(stream) - 1
          while i < rows.count {
            insert(rows[i])
            i += skipper.next(stream)
          }
        }
      } else {
        breadthFirst(following) { rows, v in
          for u in rows where !contains(u) {
            // Nominations go to friends only: u must follow v back.
            if process.nominees != nil, !followers.contains(v, u) { continue }
            let p = process.probability(
              from: Int(u), to: v, followedByReceiver: rows.count, friendsOfSender: Int(friends?[Int(u)] ?? 1),
              population: population)
            if stream.uniform() < p { insert(u) }
          }
        }
      }
    }

    /// Calls `body(rows, v)` for every agent v of the set in turn, the set growing as it
    /// goes, with the rows of agents queued ahead fetched early (large sets visit agents all
    /// over the graph).
    @inline(__always)
    private func breadthFirst(_ following: RowsView, _ body: (UnsafeBufferPointer<UInt32>, Int) -> Void) {
      let offsets = following.offsets.baseAddress!
      let targets = following.targets.baseAddress!
      var head = 0
      while head < size {
        if head + 8 < size { viral_prefetch(offsets + Int(nodes[head + 8])) }
        if head + 4 < size { viral_prefetch(targets + offsets[Int(nodes[head + 4])]) }
        let v = Int(nodes[head])
        head += 1
        // The accounts v follows are those whose posts reach v.
        body(following[v], v)
      }
    }

    @inline(__always)
    private func breadthFirst(_ following: RowsView, _ body: (UnsafeBufferPointer<UInt32>) -> Void) {
      breadthFirst(following) { rows, _ in body(rows) }
    }
  }

  /// The outcome of the greedy selection.
  struct Cover {
    var agents: [Int]
    var gains: [Int]
    /// Bytes the selection's own arrays took.
    var workspace: Int
    /// With `bounding`, a bound no k eligible agents' coverage exceeds (else 0).
    var upperBound: Int
  }

  /// Greedy maximum coverage of all sets made: `k` eligible agents, each covering most
  /// sets not yet covered, ties by id; with the sets each newly covers.
  ///
  /// With `bounding`, also the least of Λ(S_i) + (the k largest coverages left), over the
  /// first i picks for a few i: by submodularity no k agents cover more (Tang, Tang, Xiao
  /// & Yuan, SIGMOD 2018, §4.1).
  /// - Complexity: O(n + k log n + the members of the sets covered), with a lazy max-heap
  ///   (coverage only falls); the index is kept by `grow`. Bounding adds O(n log k) at
  ///   each of at most 10 picks.
  func greedy(_ k: Int, eligible: (Int) -> Bool, bounding: Bool = false) -> Cover {
    let n = graph.nodeCount
    var coverage = self.coverage.map(Int.init)
    var covered = [Bool](repeating: false, count: larger)
    var heap = Heap<ScoredAgent>(
      (0..<n).filter { eligible($0) && coverage[$0] > 0 }.map { ScoredAgent(value: Double(coverage[$0]), agent: $0) })
    var agents: [Int] = []
    var gains: [Int] = []
    var picked = [Bool](repeating: false, count: n)
    var chunkOf = 0
    var upperBound = Int.max
    let every = Swift.max(1, (k + 7) / 8)
    var bounded = -1
    func bound() {
      // The k largest coverages of eligible agents not yet picked, by a min-heap of k.
      var largest = Heap<Int>()
      for v in 0..<n where coverage[v] > 0 && !picked[v] && eligible(v) {
        if largest.count < k {
          largest.insert(coverage[v])
        } else if coverage[v] > largest.min! {
          _ = largest.replaceMin(with: coverage[v])
        }
      }
      upperBound = Swift.min(upperBound, gains.reduce(0, +) + largest.unordered.reduce(0, +))
    }
    while agents.count < k {
      if bounding, agents.count % every == 0, bounded < agents.count {
        bound()
        bounded = agents.count
      }
      guard let top = heap.popMax() else {
        // Everything is covered: the rest add nothing; take eligible agents by id.
        guard let next = (0..<n).first(where: { eligible($0) && !picked[$0] }) else { break }
        picked[next] = true
        agents.append(next)
        gains.append(0)
        continue
      }
      let u = top.agent
      guard !picked[u] else { continue }
      guard Double(coverage[u]) == top.value else {
        if coverage[u] > 0 { heap.insert(ScoredAgent(value: Double(coverage[u]), agent: u)) }
        continue
      }
      picked[u] = true
      agents.append(u)
      gains.append(coverage[u])
      for batch in batches {
        for e in Int(batch.offsets[u])..<Int(batch.offsets[u + 1]) {
          let s = Int(batch.sets[e])
          guard !covered[s] else { continue }
          covered[s] = true
          // The chunk holding set s.
          if s < firstSet[chunkOf] || s >= firstSet[chunkOf + 1] {
            var low = 0
            var high = chunks.count
            while high - low > 1 {
              let mid = (low + high) / 2
              if firstSet[mid] <= s { low = mid } else { high = mid }
            }
            chunkOf = low
          }
          let chunk = chunks[chunkOf]
          for x in chunk.set(s - firstSet[chunkOf]) { coverage[Int(chunk.members[x])] -= 1 }
        }
      }
    }
    if bounding { bound() }
    return Cover(agents: agents, gains: gains, workspace: larger + 8 * (3 * n), upperBound: bounding ? upperBound : 0)
  }

  /// How many of the sets hold at least one of `agents`.
  /// - Complexity: O(n + the sets' singles + the memberships of `agents`).
  func covered(by agents: [Int]) -> Int {
    var isSeed = [Bool](repeating: false, count: graph.nodeCount)
    for a in agents { isSeed[a] = true }
    var total = chunks.reduce(0) { sum, chunk in sum + chunk.singles.reduce(0) { $0 + (isSeed[Int($1)] ? 1 : 0) } }
    var hit = [Bool](repeating: false, count: larger)
    for a in agents {
      for batch in batches {
        for e in Int(batch.offsets[a])..<Int(batch.offsets[a + 1]) where !hit[Int(batch.sets[e])] {
          hit[Int(batch.sets[e])] = true
          total += 1
        }
      }
    }
    return total
  }
}

extension Array {
  /// A copy with no spare capacity.
  func compacted() -> [Element] {
    [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
      _ = buffer.initialize(from: self)
      initialized = count
    }
  }
}
