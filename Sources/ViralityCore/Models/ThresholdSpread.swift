// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The mechanics shared by threshold models (linear threshold, complex contagion): every
/// agent reached exposes each follower once; a follower counts the distinct accounts that
/// exposed it and adopts when count × weight reaches its threshold.
///
/// Weights are either 1/(accounts the agent follows) — the influence of all its sources sums
/// to 1 — or 1 per exposure. Counting exposures as integers keeps comparisons exact (three
/// exposures of weight 1/3 do reach a threshold of 1). An agent's threshold is drawn when
/// it is first exposed. Milestones: first exposure makes an agent aware; adopting makes it
/// engaged and adopted (and reached, in the cascade tree, by the exposure that tipped it).
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

  static let scratch: Scratch = [.count, .second]
  private static let thresholdDrawn: UInt8 = 1

  @inline(__always)
  func expose(_ v: Int, from u: Int, _ run: SimulationRun) {
    if run.isReached(v) { return }
    if run.state(v) != Self.thresholdDrawn {
      run.setState(v, Self.thresholdDrawn)
      run.setSecond(v, threshold.sample(run.stream))
      run.mark(v, .aware)
    }
    let exposures = run.count(v) + 1
    run.setCount(v, exposures)
    let enough: Bool =
      switch weight {
      case .unit: Double(exposures) >= run.second(v)
      case .inverseSources: Double(exposures) >= run.second(v) * Double(max(run.sources.degree(v), 1)) - 1e-9
      }
    if enough && run.reach(v, from: u) {
      run.mark(v, .engaged)
      run.mark(v, .adopted)
    }
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
