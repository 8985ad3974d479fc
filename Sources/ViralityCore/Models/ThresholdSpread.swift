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
    let needed = (scaled - 1e-9).rounded(.up)
    return needed <= 1 ? 1 : needed >= Double(UInt32.max) ? UInt32.max : UInt32(needed)
  }

  /// Counts an exposure of `v`; true if it tips `v` over its threshold (the caller then
  /// reaches it, naming the exposing agent, and marks it engaged and adopted).
  @inline(__always)
  func tips(_ v: Int, _ run: SimulationRun) -> Bool {
    // Reached agents have adopted; the check reads one bit, in cache.
    if run.isReached(v) { return false }
    let (cell, fresh) = run.cell(v)
    if fresh {
      cell.pointee.count = exposuresNeeded(theta: threshold.sample(run.stream), sources: run.sources.degree(v))
      run.mark(v, .aware)
    }
    cell.pointee.count -= 1
    return cell.pointee.count == 0
  }

  func expose(_ v: Int, from u: Int, _ run: SimulationRun) {
    if tips(v, run) {
      run.reach(v, from: u)
      run.mark(v, [.engaged, .adopted])
    }
  }

  func reached(_ u: Int, _ run: SimulationRun) {
    for v in run.audience[u] where !run.isReached(Int(v)) {
      run.schedule(at: run.now + delay.sample(run.stream), node: Int(v), source: u)
    }
  }

  /// One round: every frontier agent exposes each of its followers, in frontier and row
  /// order. Large cascades are bound by cache misses on follower rows and agent states, so
  /// the loop asks for them ahead: row bounds 12 agents ahead, rows 8 ahead, the followers'
  /// states 4 ahead.
  func step(_ frontier: UnsafeBufferPointer<UInt32>, _ run: SimulationRun) {
    let offsets = run.audience.offsets.baseAddress!
    let followers = run.audience.targets.baseAddress!
    let sourceOffsets = weight == .inverseSources ? run.sources.offsets.baseAddress! : nil
    let count = frontier.count
    for i in 0..<count {
      if i + 12 < count { viral_prefetch(offsets + Int(frontier[i + 12])) }
      if i + 8 < count { viral_prefetch(followers + offsets[Int(frontier[i + 8])]) }
      if i + 4 < count {
        let w = Int(frontier[i + 4])
        for k in offsets[w]..<offsets[w + 1] {
          let v = Int(followers[k])
          run.prefetchState(v, tail: false)
          // A first exposure needs the follower's number of sources.
          if let sourceOffsets { viral_prefetch(sourceOffsets + v) }
        }
      }
      let u = Int(frontier[i])
      for k in offsets[u]..<offsets[u + 1] {
        let v = Int(followers[k])
        if tips(v, run) {
          run.reach(v, parentSlot: run.frontierSlot + i)
          run.mark(v, [.engaged, .adopted])
        }
      }
    }
  }
}
