// SPDX-License-Identifier: GPL-3.0-or-later
import CPrefetch
import GSL

/// The mechanics shared by threshold models (linear threshold, complex contagion): every
/// agent reached exposes each follower once; a follower counts the distinct accounts that
/// exposed it and adopts when count × weight reaches its threshold.
///
/// Weights are either 1/(accounts the agent follows) — the influence of all its sources sums
/// to 1 — or 1 per exposure. Each run gives every agent a threshold θ, turned at once into
/// the whole number of exposures it needs, the least k ≥ 1 with k·weight ≥ θ (so three
/// exposures of weight 1/3 do reach a threshold of 1), and its counter counts down from
/// there. Thresholds are the run's drawn counters (`SimulationRun.drawCounters`): an agent's
/// threshold depends on the run's seed and the agent only, so seedings compared on common
/// random numbers meet the same thresholds. Milestones: first exposure makes an agent aware;
/// adopting makes it engaged and adopted (and reached, in the cascade tree, by the exposure
/// that tipped it).
struct ThresholdSpread: Sendable {
  enum Weight: Sendable, Equatable {
    /// 1/(accounts followed).
    case inverseSources
    /// 1 per exposure.
    case unit
  }

  let weight: Weight
  let threshold: Distribution.Sampler
  let timing: ClockSettings
  private let delay: Distribution.Sampler

  init(weight: Weight, threshold: Distribution, timing: ClockSettings) {
    self.weight = weight
    self.threshold = threshold.sampler()
    self.timing = timing
    delay = timing.delay.sampler()
  }

  /// The exposures an agent with threshold `theta` and `sources` accounts followed needs
  /// (at most 2^31 − 1: more than any agent can get, so such an agent never adopts).
  @inline(__always)
  func exposuresNeeded(theta: Double, sources: Int) -> UInt32 {
    let scaled = weight == .unit ? theta : theta * Double(max(sources, 1))
    // The tolerance absorbs rounding in θ·d (θ = 1/3, d = 3 needs 1 exposure, not 2).
    let needed = scaled - 1e-9
    guard needed > 1 else { return 1 }
    guard needed < Double(SimulationRun.unexposed - 1) else { return SimulationRun.unexposed - 1 }
    // Rounded up by hand: a call to ceil costs as much as the rest of an agent's draw, and a
    // branch on the fraction would be mispredicted half the time.
    let whole = UInt32(needed)
    return whole &+ (Double(whole) < needed ? 1 : 0)
  }

  /// An agent's counter at the start of a run: its threshold's exposures to go.
  @inline(__always)
  private func startingCount(_ agent: Int, _ stream: RandomStream, _ run: SimulationRun) -> UInt32 {
    exposuresNeeded(theta: threshold.sample(stream), sources: run.sources.degree(agent))
  }

  /// Draws the counters of the block holding `v`.
  @inline(never)
  private func drawBlock(around v: Int, _ run: SimulationRun) {
    run.drawCounters(block: v / SimulationRun.counterBlockSize) { startingCount($0, $1, run) }
  }

  /// A seed adopts before any exposure: its counter is 0, so later exposures wrap it far
  /// from 0 (an agent is exposed at most once per account it follows), and it is aware.
  func seed(_ node: Int, _ run: SimulationRun) {
    if !run.countersDrawn(around: node) { drawBlock(around: node, run) }
    run.counters![node] = 0
    if run.reach(node, from: -1) { run.mark(node, .adoption) }
  }

  /// Counts an exposure of `v`: its counter before (top bit: this is its first exposure) and
  /// the exposures it still needs (0: this one tipped it). An agent that has adopted has a
  /// counter of 0, which wraps far from 0 and stays exposed.
  @inline(__always)
  private func countDown(_ v: Int, _ counters: UnsafeMutablePointer<UInt32>) -> (before: UInt32, left: UInt32) {
    let before = counters[v]
    let left = (before &- 1) & ~SimulationRun.unexposed
    counters[v] = left
    return (before, left)
  }

  /// Counts an exposure of `v` by `u` on the continuous clock: a first exposure makes `v`
  /// aware; if it tips `v`, `u` reaches it and it is marked engaged and adopted.
  func expose(_ v: Int, from u: Int, _ run: SimulationRun) {
    if !run.countersDrawn(around: v) { drawBlock(around: v, run) }
    let (before, left) = countDown(v, run.counters!)
    if before & SimulationRun.unexposed != 0 { run.mark(v, .aware) }
    if left == 0, run.reach(v, from: u) { run.mark(v, [.engaged, .adopted]) }
  }

  func reached(_ u: Int, _ run: SimulationRun) {
    for v in run.audience[u] where !run.isReached(Int(v)) {
      run.schedule(at: run.now + delay.sample(run.stream), node: Int(v), source: u)
    }
  }

  /// One round: every frontier agent exposes each of its followers, in frontier and row
  /// order. Large cascades are bound by cache misses on follower rows and counters, so the
  /// loop asks for them ahead: row bounds 24 agents ahead, both ends of rows 16 ahead, and 8
  /// ahead the counters of a row's first and last follower — rows are sorted, so in a graph
  /// whose ids follow its geometry (a ring, a lattice, a file numbered that way) these two
  /// bracket the neighbourhood, and a far tie sits at one end. Prefetching every follower's
  /// counter cost more than it saved. About one exposure in ten tips its agent, and about
  /// one in ten is a first exposure: too few to predict and too many to mispredict, so both
  /// are listed without a branch and counted at the end of the round.
  ///
  /// Counters are drawn block by block as exposures reach them, which costs a check on
  /// every exposure; once a run has drawn a quarter of the blocks, a round starts by drawing
  /// the rest, so that large cascades mostly run without the check, and small ones draw
  /// only the blocks they touch. The counters are the same either way.
  func step(_ frontier: UnsafeBufferPointer<UInt32>, _ run: SimulationRun) {
    if !run.countersComplete && run.blocksDrawn * 4 >= run.counterBlockCount {
      run.drawAllCounters { startingCount($0, $1, run) }
    }
    if run.countersComplete { step(frontier, run, drawing: false) } else { step(frontier, run, drawing: true) }
  }

  /// A round step; `drawing`: counters may still need drawing (checked per exposure).
  @inline(__always)
  private func step(_ frontier: UnsafeBufferPointer<UInt32>, _ run: SimulationRun, drawing: Bool) {
    let offsets = run.audience.offsets.baseAddress!
    let followers = run.audience.targets.baseAddress!
    let counters = run.counters!
    let (blocks, current) = (run.counterBlocks!, run.currentRun)
    let count = frontier.count
    // Agents tipped are written into the tree as candidates, admitted at the end of the
    // round (same order, so the same tree as reaching each at once); agents exposed for the
    // first time are listed in the scratch.
    let (nodes, parents) = (run.treeNode, run.treeParent)
    var slot = run.reachedCount
    let frontierSlot = run.frontierSlot
    let firstExposed = run.measureScratch
    var newlyAware = 0
    for i in 0..<count {
      if i + 24 < count { viral_prefetch(offsets + Int(frontier[i + 24])) }
      if i + 16 < count {
        let w = Int(frontier[i + 16])
        viral_prefetch(followers + offsets[w])
        viral_prefetch(followers + offsets[w + 1] - 1)
      }
      if i + 8 < count {
        let w = Int(frontier[i + 8])
        let (first, end) = (offsets[w], offsets[w + 1])
        if first < end {
          viral_prefetch_write(counters + Int(followers[first]))
          viral_prefetch_write(counters + Int(followers[end - 1]))
        }
      }
      let u = Int(frontier[i])
      let parent = Int32(truncatingIfNeeded: frontierSlot + i)
      for k in offsets[u]..<offsets[u + 1] {
        let v = followers[k]
        if drawing && blocks[Int(v) / SimulationRun.counterBlockSize] != current { drawBlock(around: Int(v), run) }
        let (before, left) = countDown(Int(v), counters)
        firstExposed[newlyAware] = v
        newlyAware &+= Int(before >> 31)
        nodes[slot] = v
        parents[slot] = parent
        slot &+= Int(truncatingIfNeeded: (UInt64(left) &- 1) >> 63)
      }
    }
    run.countAware(firstExposed, count: newlyAware)
    run.admitAdopters(through: slot)
  }
}
