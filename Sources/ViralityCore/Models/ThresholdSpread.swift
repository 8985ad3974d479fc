// SPDX-License-Identifier: GPL-3.0-or-later
import CPrefetch
import GSL

/// The mechanics shared by threshold models (linear threshold, complex contagion): every
/// agent reached exposes each follower once; a follower counts the distinct accounts that
/// exposed it and adopts when count × weight reaches its threshold.
///
/// Weights are either 1/(accounts the agent follows) — the influence of all its sources sums
/// to 1 — or 1 per exposure. An agent's threshold θ is drawn when it is first exposed and
/// turned at once into the whole number of exposures it needs, the least k ≥ 1 with
/// k·weight ≥ θ (so three exposures of weight 1/3 do reach a threshold of 1); the agent's
/// counter then counts down. Milestones: first exposure makes an agent aware; adopting makes
/// it engaged and adopted (and reached, in the cascade tree, by the exposure that tipped it).
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

  /// The exposures an agent with threshold `theta` and `sources` accounts followed needs.
  @inline(__always)
  func exposuresNeeded(theta: Double, sources: Int) -> UInt32 {
    let scaled = weight == .unit ? theta : theta * Double(max(sources, 1))
    // The tolerance absorbs rounding in θ·d (θ = 1/3, d = 3 needs 1 exposure, not 2).
    let needed = scaled - 1e-9
    guard needed > 1 else { return 1 }
    guard needed < Double(UInt32.max) else { return .max }
    // Rounded up by hand: a call to ceil costs as much as the rest of a first exposure, and
    // a branch on the fraction would be mispredicted half the time.
    let whole = UInt32(needed)
    return whole &+ (Double(whole) < needed ? 1 : 0)
  }

  /// Counts an exposure of `v`: the exposures it still needs (0: this one tipped it).
  ///
  /// Reached agents need no check: their counter is 0 (a seed's cell is new when it is
  /// marked adopted, before any exposure; an adopter's counted down to 0), so further
  /// exposures wrap it far from 0 — an agent is exposed at most once per account it follows.
  @inline(__always)
  func countDown(_ v: Int, _ cells: UnsafeMutablePointer<AgentCell>, _ current: UInt32, _ run: SimulationRun) -> UInt32 {
    let cell = cells + v
    if cell.pointee.mark & runBits != current { firstExposure(v, run) }
    let left = cell.pointee.count &- 1
    cell.pointee.count = left
    return left
  }

  /// Makes `v` aware and draws its threshold: its counter starts at the exposures it needs
  /// (this first one is then counted like any other).
  @inline(never)
  private func firstExposure(_ v: Int, _ run: SimulationRun) {
    // The number of sources first: its load (often a cache miss) overlaps the draw.
    let sources = run.sources.degree(v)
    run.claim(v, count: exposuresNeeded(theta: threshold.sample(run.stream), sources: sources), .aware)
  }

  /// Counts an exposure of `v` by `u` on the continuous clock; if it tips `v`, `u` reaches
  /// it and it is marked engaged and adopted.
  func expose(_ v: Int, from u: Int, _ run: SimulationRun) {
    if countDown(v, run.cells, run.currentRun, run) == 0, run.reach(v, from: u) { run.mark(v, [.engaged, .adopted]) }
  }

  func reached(_ u: Int, _ run: SimulationRun) {
    for v in run.audience[u] where !run.isReached(Int(v)) {
      run.schedule(at: run.now + delay.sample(run.stream), node: Int(v), source: u)
    }
  }

  /// One round: every frontier agent exposes each of its followers, in frontier and row
  /// order. Large cascades are bound by cache misses on follower rows and agent states, so
  /// the loop asks for them ahead: row bounds 12 agents ahead, both ends of rows 8 ahead,
  /// and 4 ahead the states of a row's first and last follower — rows are sorted, so in a
  /// graph whose ids follow its geometry (a ring, a lattice, a file numbered that way) these
  /// two bracket the neighbourhood, and a far tie sits at one end. Prefetching every
  /// follower's state cost more than it saved. About one exposure in ten tips its agent, too
  /// few to predict and too many to mispredict: tips are appended without a branch.
  func step(_ frontier: UnsafeBufferPointer<UInt32>, _ run: SimulationRun) {
    let offsets = run.audience.offsets.baseAddress!
    let followers = run.audience.targets.baseAddress!
    let sourceOffsets = weight == .inverseSources ? run.sources.offsets.baseAddress! : nil
    let cells = run.cells
    let current = run.currentRun
    let count = frontier.count
    // Agents tipped are written into the tree as candidates without a branch, admitted at
    // the end of the round (same order, so the same tree as reaching each at once).
    let (nodes, parents) = (run.treeNode, run.treeParent)
    var slot = run.reachedCount
    for i in 0..<count {
      if i + 12 < count { viral_prefetch(offsets + Int(frontier[i + 12])) }
      if i + 8 < count {
        let w = Int(frontier[i + 8])
        viral_prefetch(followers + offsets[w])
        viral_prefetch(followers + offsets[w + 1] - 1)
      }
      if i + 4 < count {
        let w = Int(frontier[i + 4])
        let (first, end) = (offsets[w], offsets[w + 1])
        if first < end {
          let (a, b) = (Int(followers[first]), Int(followers[end - 1]))
          viral_prefetch_write(cells + a)
          viral_prefetch_write(cells + b)
          if let sourceOffsets {
            viral_prefetch(sourceOffsets + a)
            viral_prefetch(sourceOffsets + b)
          }
        }
      }
      let u = Int(frontier[i])
      let parent = Int32(truncatingIfNeeded: run.frontierSlot + i)
      for k in offsets[u]..<offsets[u + 1] {
        let v = followers[k]
        let left = countDown(Int(v), cells, current, run)
        nodes[slot] = v
        parents[slot] = parent
        slot &+= Int(truncatingIfNeeded: (UInt64(left) &- 1) >> 63)
      }
    }
    run.admit(through: slot, [.engaged, .adopted])
  }
}
