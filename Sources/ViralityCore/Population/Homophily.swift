// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// Segments that cluster on the graph (`population.homophily`): people follow people like
/// themselves (M. McPherson, L. Smith-Lovin & J. M. Cook, "Birds of a feather: homophily in
/// social networks", Annu. Rev. Sociol. 27:415, 2001). A segment's labels, drawn as usual,
/// are moved among agents until the segment's assortativity over the graph's arcs (Newman's
/// r, `LabelMixing`) is the requested one. Only who holds which label changes: every label
/// keeps its count, and labels move only between agents who share every other segment's
/// label, so the counts of every combination of segments stay as drawn (men aged 18–25 stay
/// as many as the draws made them).
///
/// The method:
/// 1. Cluster: lay the labels out in contiguous blocks along an order of the agents that
///    keeps neighbours close — the agents' own order (the ring of small-world and follower
///    graphs, a file's order), or, when that falls short of the request, also a
///    breadth-first order from a random agent, taking the larger r. That r is the largest
///    this method reached on the graph; a request above it is refused with it.
/// 2. Mix: re-deal the labels of a random share q of the agents among themselves; a tie
///    keeps both ends in place with probability (1 − q)², so r ≈ c·(1 − q)² falls from
///    the clustered value towards 0. A few trials, each dealing from the same random
///    numbers and refitting c, bring r to within 2% of the clustered value above the
///    request.
/// 3. Finish: swap the labels of random pairs until r reaches the request, each swap
///    updating r in O(degree), so it lands within one swap of it.
///
/// A request of 0 leaves the drawn labels as they are. Agents of the graph's communities
/// and of an agent file keep their labels: only drawn segments can be arranged.
/// - Complexity: O(n + m) per count of the arcs (m): 1 to 7 counts, usually 2; plus
///   O(degree) per swap.
public enum Homophily {
  /// What an arrangement reached.
  public struct Outcome: Sendable, Equatable {
    /// The assortativity asked for and the one reached.
    public var requested: Double
    public var achieved: Double
    /// The largest assortativity the clustered arrangement reached on this graph: counted
    /// exactly when the request is near it, else estimated from the ties of about 250,000
    /// agents (`LabelMixing.estimate`, within 4 standard errors of the request or better).
    public var largest: Double

    public init(requested: Double, achieved: Double, largest: Double) {
      self.requested = requested
      self.achieved = achieved
      self.largest = largest
    }

    /// Whether the request was above what the graph allows.
    public var isFeasible: Bool { requested <= largest }
  }

  /// Moves the labels `codes` (`0..<labelCount`) among agents of the same `strata` value
  /// (`0..<strataCount`) until their assortativity on `graph` is `target`; leaves them
  /// unchanged when `target` is above the largest reachable (see `Outcome.isFeasible`).
  /// `searchOrder` gives the second order tried for the clustered layout
  /// (`breadthFirstOrder`), when the agents' own one falls short.
  public static func arrange(
    _ codes: inout [UInt16], labelCount: Int, strata: [UInt32], strataCount: Int, target: Double, graph: Graph,
    searchOrder: () -> [UInt32], stream: RandomStream, threads: Int
  ) -> Outcome {
    let n = graph.nodeCount
    func mixing(_ labels: [UInt16]) -> LabelMixing {
      LabelMixing(graph, codes: labels, labelCount: labelCount, threads: threads)
    }
    guard target > 0, n > 1 else {
      let drawn = mixing(codes).coefficient
      return Outcome(requested: target, achieved: drawn, largest: drawn)
    }
    // 1. Cluster along the agents' own order, or a breadth-first one when that one falls short.
    // Trials look at the arcs of about 250,000 agents only (`LabelMixing.estimate`); what
    // is kept, or close to the request, is counted exactly.
    let stride = max(1, n / 250_000)
    let blocks = Blocks(codes: codes, labelCount: labelCount, strata: strata, strataCount: strataCount)
    var best = blocks.laidOut(along: 0..<UInt32(n), strata: strata)
    let look = LabelMixing.estimate(graph, codes: best, labelCount: labelCount, stride: stride)
    var counts: LabelMixing?
    var largest = look.r
    if look.r - 4 * look.se < target {
      counts = mixing(best)
      largest = counts!.coefficient
      if largest < target {
        let searched = blocks.laidOut(along: searchOrder(), strata: strata)
        let searchedCounts = mixing(searched)
        if searchedCounts.coefficient > largest {
          (best, counts, largest) = (searched, searchedCounts, searchedCounts.coefficient)
        }
      }
    }
    guard target <= largest else { return Outcome(requested: target, achieved: mixing(codes).coefficient, largest: largest) }
    // 2. Mix a share q of the agents.
    let groups = StrataGroups(strata: strata, strataCount: strataCount)
    let keys = (0..<n).map { _ in Float(stream.uniform()) }
    let dealSeed = UInt64(stream.nextBits()) << 32 | UInt64(stream.nextBits())
    let dealer = RandomStream(seed: dealSeed, kind: stream.kind)
    func mixed(_ q: Double) -> [UInt16] {
      dealer.reseed(dealSeed)
      return groups.dealt(best, share: Float(q), keys: keys, stream: dealer)
    }
    // Re-dealing a share q leaves both ends of a tie in place with probability (1 − q)², so
    // r ≈ c·(1 − q)²: each trial refits c and aims again, inside the bracket found so far,
    // until r is at most `close` above the request; the swaps close the rest, each costing
    // O(degree). A trial's layout is kept only when its look is above the request by 4 of
    // its standard errors; the kept one is counted exactly (and dropped for the clustered
    // one if it fell short after all).
    let close = 0.15 * largest
    var (low, high) = (0.0, 1.0)
    var (state, excess) = (best, largest - target)
    var fit = largest
    for _ in 0..<5 where excess > close {
      let aim = 1 - (target / fit).squareRoot()
      let q = min(max(aim, low + 0.05 * (high - low)), high - 0.05 * (high - low))
      let trial = mixed(q)
      let look = LabelMixing.estimate(graph, codes: trial, labelCount: labelCount, stride: stride)
      if look.r - 4 * look.se >= target {
        (low, state, excess) = (q, trial, look.r - target)
      } else {
        high = q
      }
      fit = look.r / ((1 - q) * (1 - q))
    }
    if low > 0 {
      let exact = mixing(state)
      if exact.coefficient >= target { counts = exact } else { state = best }
    }
    // 3. Swap pairs within strata until r reaches the request.
    var counted = counts ?? mixing(state)
    if counts == nil, state == best, counted.coefficient < target {
      // The clustered layout's look was high by more than its error: as requested, refuse.
      return Outcome(requested: target, achieved: mixing(codes).coefficient, largest: counted.coefficient)
    }
    var proposals = 0
    while counted.coefficient > target && proposals < 4 * n {
      proposals += 1
      let u = stream.uniformInt(below: n)
      let group = groups.members(of: Int(strata[u]))
      let v = Int(group[group.startIndex + stream.uniformInt(below: group.count)])
      let (labelU, labelV) = (state[u], state[v])
      guard labelU != labelV else { continue }
      counted.relabel(u, to: labelV, codes: &state, graph: graph)
      counted.relabel(v, to: labelU, codes: &state, graph: graph)
    }
    codes = state
    return Outcome(requested: target, achieved: counted.coefficient, largest: largest)
  }

  /// Every agent once, breadth first over both directions of the ties, from `root`, then
  /// from the first agent not yet reached, and so on.
  /// - Complexity: O(n + m).
  public static func breadthFirstOrder(_ graph: Graph, from root: Int) -> [UInt32] {
    let n = graph.nodeCount
    var order = [UInt32](repeating: 0, count: n)
    var seen = [Bool](repeating: false, count: n)
    graph.out.withView { out in
      graph.in.withView { incoming in
        order.withUnsafeMutableBufferPointer { order in
          seen.withUnsafeMutableBufferPointer { seen in
            var (head, tail) = (0, 0)
            var next = 0
            var start = root
            while true {
              seen[start] = true
              order[tail] = UInt32(start)
              tail += 1
              while head < tail {
                let u = Int(order[head])
                head += 1
                for v in out[u] where !seen[Int(v)] {
                  seen[Int(v)] = true
                  order[tail] = v
                  tail += 1
                }
                for v in incoming[u] where !seen[Int(v)] {
                  seen[Int(v)] = true
                  order[tail] = v
                  tail += 1
                }
              }
              while next < n && seen[next] { next += 1 }
              guard next < n else { break }
              start = next
            }
          }
        }
      }
    }
    return order
  }

  /// The label counts of each stratum, to deal out in blocks.
  struct Blocks {
    let labelCount: Int
    let counts: [Int]

    init(codes: [UInt16], labelCount: Int, strata: [UInt32], strataCount: Int) {
      self.labelCount = labelCount
      var counts = [Int](repeating: 0, count: strataCount * labelCount)
      for (agent, code) in codes.enumerated() { counts[Int(strata[agent]) * labelCount + Int(code)] += 1 }
      self.counts = counts
    }

    /// The labels laid out along `order`: in each stratum, its first agents in the order get
    /// label 0 (as many as it holds), the next label 1, and so on.
    func laidOut<Order: Sequence<UInt32>>(along order: Order, strata: [UInt32]) -> [UInt16] {
      var left = counts
      var cursor = [Int](repeating: 0, count: counts.count / max(labelCount, 1))
      var result = [UInt16](repeating: 0, count: strata.count)
      for agent in order {
        let stratum = Int(strata[Int(agent)])
        while left[stratum * labelCount + cursor[stratum]] == 0 { cursor[stratum] += 1 }
        left[stratum * labelCount + cursor[stratum]] -= 1
        result[Int(agent)] = UInt16(cursor[stratum])
      }
      return result
    }
  }

  /// The agents of each stratum, in id order.
  struct StrataGroups {
    let agents: [UInt32]
    let starts: [Int]

    init(strata: [UInt32], strataCount: Int) {
      var starts = [Int](repeating: 0, count: strataCount + 1)
      for s in strata { starts[Int(s) + 1] += 1 }
      for s in 0..<strataCount { starts[s + 1] += starts[s] }
      var next = starts
      var agents = [UInt32](repeating: 0, count: strata.count)
      for (agent, s) in strata.enumerated() {
        agents[next[Int(s)]] = UInt32(agent)
        next[Int(s)] += 1
      }
      self.agents = agents
      self.starts = starts
    }

    func members(of stratum: Int) -> ArraySlice<UInt32> { agents[starts[stratum]..<starts[stratum + 1]] }

    /// `labels` with those of the agents whose key is below `share` shuffled among them,
    /// stratum by stratum.
    func dealt(_ labels: [UInt16], share: Float, keys: [Float], stream: RandomStream) -> [UInt16] {
      var result = labels
      var chosen: [UInt32] = []
      var dealt: [UInt16] = []
      for stratum in 0..<(starts.count - 1) {
        chosen.removeAll(keepingCapacity: true)
        for agent in members(of: stratum) where keys[Int(agent)] < share { chosen.append(agent) }
        dealt = chosen.map { labels[Int($0)] }
        dealt.withUnsafeMutableBufferPointer { stream.shuffle($0) }
        for (agent, label) in zip(chosen, dealt) { result[Int(agent)] = label }
      }
      return result
    }
  }
}
