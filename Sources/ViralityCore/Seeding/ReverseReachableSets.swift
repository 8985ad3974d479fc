// SPDX-License-Identifier: GPL-3.0-or-later
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
  private let uniformTable: GeometricTable?

  static let chunkSize = 2048
  /// Set members of each chunk, and where each set starts in it.
  private(set) var members: [[UInt32]] = []
  private(set) var starts: [[Int32]] = []
  private(set) var count = 0
  private(set) var entries = 0

  init(graph: Graph, population: Population, process: InfluenceProcess, seed: UInt64, generator: GeneratorKind, threads: Int) {
    self.graph = graph
    self.population = population
    self.process = process
    self.seed = seed
    self.generator = generator
    self.threads = threads
    if process.nominees != nil {
      friends = graph.out.withView { out in
        graph.in.withView { incoming in
          (0..<graph.nodeCount).map { Int32(SortedRows.intersectionCount(out[$0], incoming[$0])) }
        }
      }
    } else {
      friends = nil
    }
    let plain =
      process.kind == .cascade && process.isUniformPerReceiver && !process.perFollowed && !process.receiverSusceptibility
    uniformTable = plain ? GeometricTable(probability: process.probability) : nil
  }

  /// Bytes the sets hold.
  var bytes: Int { entries * 4 + (count + members.count) * 4 }

  /// Makes sets until there are at least `wanted` (whole chunks).
  func grow(to wanted: Int) {
    let have = members.count
    let need = (wanted + Self.chunkSize - 1) / Self.chunkSize
    guard need > have else { return }
    var made = [([UInt32], [Int32])](repeating: ([], []), count: need - have)
    let n = graph.nodeCount
    let workers = Parallel.workerCount(need - have, threads: threads)
    made.withUnsafeMutableBufferPointer { made in
      let shared = UncheckedSendable(made)
      graph.out.withView { following in
        graph.in.withView { followers in
          var marks = [[UInt32]?](repeating: nil, count: workers)
          marks.withUnsafeMutableBufferPointer { marks in
            let scratch = UncheckedSendable(marks)
            Parallel.forEachChunk(need - have, workers: workers) { position, worker in
              if scratch.value[worker] == nil { scratch.value[worker] = [UInt32](repeating: 0, count: n) }
              let stream = RandomStream(
                seed: StreamSeed.derive(master: seed, purpose: .seeding, index: UInt64(have + position)), kind: generator)
              var nodes: [UInt32] = []
              var offsets: [Int32] = []
              offsets.reserveCapacity(Self.chunkSize)
              scratch.value[worker]!.withUnsafeMutableBufferPointer { mark in
                for set in 0..<Self.chunkSize {
                  // Marks hold the set's number + 1 within the chunk; cleared between chunks.
                  let stamp = UInt32(set + 1)
                  offsets.append(Int32(nodes.count))
                  let root = stream.uniformInt(below: n)
                  nodes.append(UInt32(root))
                  mark[root] = stamp
                  switch process.kind {
                  case .threshold: walk(from: root, following, stream, mark.baseAddress!, stamp, &nodes)
                  case .cascade: spread(from: nodes.count - 1, following, followers, stream, mark.baseAddress!, stamp, &nodes)
                  }
                }
                for node in nodes { mark[Int(node)] = 0 }
              }
              shared.value[position] = (nodes, offsets)
            }
          }
        }
      }
    }
    for (nodes, offsets) in made {
      members.append(nodes)
      starts.append(offsets)
      count += offsets.count
      entries += nodes.count
    }
  }

  private func walk(
    from root: Int, _ following: RowsView, _ stream: RandomStream, _ mark: UnsafeMutablePointer<UInt32>, _ stamp: UInt32,
    _ nodes: inout [UInt32]
  ) {
    var v = root
    while true {
      let rows = following[v]
      guard !rows.isEmpty else { return }
      let u = Int(rows[stream.uniformInt(below: rows.count)])
      guard mark[u] != stamp else { return }
      mark[u] = stamp
      nodes.append(UInt32(u))
      v = u
    }
  }

  private func spread(
    from first: Int, _ following: RowsView, _ followers: RowsView, _ stream: RandomStream,
    _ mark: UnsafeMutablePointer<UInt32>, _ stamp: UInt32, _ nodes: inout [UInt32]
  ) {
    var head = first
    while head < nodes.count {
      let v = Int(nodes[head])
      head += 1
      // The accounts v follows are those whose posts reach v.
      let rows = following[v]
      if process.isUniformPerReceiver {
        var i: Int
        let skipper: GeometricSkipper?
        if let uniformTable {
          skipper = nil
          i = uniformTable.next(stream) - 1
        } else {
          let p = process.probability(from: 0, to: v, followedByReceiver: rows.count, friendsOfSender: 1, population: population)
          let s = GeometricSkipper(probability: p)
          skipper = s
          i = s.next(stream) - 1
        }
        while i < rows.count {
          let u = Int(rows[i])
          if mark[u] != stamp {
            mark[u] = stamp
            nodes.append(UInt32(u))
          }
          i += skipper?.next(stream) ?? uniformTable!.next(stream)
        }
      } else {
        for u32 in rows {
          let u = Int(u32)
          guard mark[u] != stamp else { continue }
          // Nominations go to friends only: u must follow v back.
          if process.nominees != nil, !followers.contains(v, u32) { continue }
          let p = process.probability(
            from: u, to: v, followedByReceiver: rows.count, friendsOfSender: Int(friends?[u] ?? 1), population: population)
          if stream.uniform() < p {
            mark[u] = stamp
            nodes.append(u32)
          }
        }
      }
    }
  }

  /// Greedy maximum coverage of the first `count` sets (all made): `k` eligible agents, each
  /// covering most sets not yet covered, ties by id; with the sets each newly covers.
  /// - Complexity: O(entries + n + k log n) with a lazy max-heap (coverage only falls).
  func greedy(_ k: Int, eligible: (Int) -> Bool) -> (agents: [Int], gains: [Int], workspace: Int) {
    let n = graph.nodeCount
    // Sets of every agent (an inverted index), by counting.
    var offsets = [Int](repeating: 0, count: n + 1)
    for chunk in members { for node in chunk { offsets[Int(node) + 1] += 1 } }
    for v in 0..<n { offsets[v + 1] += offsets[v] }
    var fill = offsets
    var index = [UInt32](repeating: 0, count: entries)
    var base = 0
    for (c, chunk) in members.enumerated() {
      let begins = starts[c]
      for s in 0..<begins.count {
        let end = s + 1 < begins.count ? Int(begins[s + 1]) : chunk.count
        for e in Int(begins[s])..<end {
          let v = Int(chunk[e])
          index[fill[v]] = UInt32(base + s)
          fill[v] += 1
        }
      }
      base += begins.count
    }
    var coverage = (0..<n).map { offsets[$0 + 1] - offsets[$0] }
    var covered = [Bool](repeating: false, count: count)
    var heap = Heap<DegreeDiscount.Entry>(
      (0..<n).filter { eligible($0) && coverage[$0] > 0 }.map { DegreeDiscount.Entry(value: Double(coverage[$0]), agent: $0) })
    var agents: [Int] = []
    var gains: [Int] = []
    var picked = [Bool](repeating: false, count: n)
    while agents.count < k {
      guard let top = heap.popMax() else {
        // Everything is covered: the rest add nothing; take eligible agents by id.
        guard let next = (0..<n).first(where: { eligible($0) && !picked[$0] }) else { break }
        picked[next] = true
        agents.append(next)
        gains.append(0)
        continue
      }
      let u = top.agent
      guard Double(coverage[u]) == top.value else {
        if coverage[u] > 0 { heap.insert(DegreeDiscount.Entry(value: Double(coverage[u]), agent: u)) }
        continue
      }
      picked[u] = true
      agents.append(u)
      gains.append(coverage[u])
      for e in offsets[u]..<offsets[u + 1] {
        let s = Int(index[e])
        guard !covered[s] else { continue }
        covered[s] = true
        let c = s / Self.chunkSize
        let local = s % Self.chunkSize
        let chunk = members[c]
        let end = local + 1 < starts[c].count ? Int(starts[c][local + 1]) : chunk.count
        for x in Int(starts[c][local])..<end { coverage[Int(chunk[x])] -= 1 }
      }
    }
    return (agents, gains, entries * 4 + count + 8 * (3 * n))
  }
}
