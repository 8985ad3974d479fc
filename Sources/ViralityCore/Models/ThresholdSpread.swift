// SPDX-License-Identifier: GPL-3.0-or-later
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

  @inline(__always)
  func expose(_ v: Int, from u: Int, _ run: SimulationRun) {
    let (cell, fresh) = run.cell(v)
    if fresh {
      cell.pointee.count = exposuresNeeded(theta: threshold.sample(run.stream), sources: run.sources.degree(v))
      run.mark(v, .aware)
    } else if cell.pointee.count == 0 {
      return  // adopted already
    }
    cell.pointee.count -= 1
    if cell.pointee.count == 0 && run.reach(v, from: u) { run.mark(v, [.engaged, .adopted]) }
  }

  func reached(_ u: Int, _ run: SimulationRun) {
    for v in run.audience[u] where !run.isReached(Int(v)) {
      run.schedule(at: run.now + delay.sample(run.stream), node: Int(v), source: u)
    }
  }

  func step(_ frontier: UnsafeBufferPointer<UInt32>, _ run: SimulationRun) {
    for u in frontier {
      for v in run.audience[Int(u)] { expose(Int(v), from: Int(u), run) }
    }
  }
}
