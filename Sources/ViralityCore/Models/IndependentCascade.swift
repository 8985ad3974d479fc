// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The independent cascade: an agent who adopts gets one chance to convince each follower,
/// succeeding with probability `probability`, independently.
///
/// D. Kempe, J. Kleinberg & É. Tardos, "Maximizing the spread of influence through a social
/// network", KDD 2003; J. Goldenberg, B. Libai & E. Muller, Marketing Letters 12:211 (2001).
///
/// - `weighting: uniform`: every tie succeeds with `probability`. Successes are found by
///   geometric skipping over the followers (in rounds, over all followers of the whole
///   frontier), so the work is proportional to successes, not to ties.
/// - `weighting: weighted-cascade`: a tie into v succeeds with 1/(accounts v follows)
///   (Kempe et al.), times `probability`.
/// - `weighting: influence`: `probability` × the sender's influence × the receiver's
///   susceptibility (capped at 1).
///
/// Clock: rounds by default; with a `delay` (or `clock: continuous`) each success arrives
/// after a delay drawn from it. Final sizes have the same distribution on both clocks.
/// Milestones: an agent reached is aware, engaged and adopted at once.
public struct IndependentCascade: SpreadingModel, Equatable {
  public static let modelName = "independent-cascade"

  public enum Weighting: String, Sendable, CaseIterable, Codable {
    case uniform
    case weightedCascade = "weighted-cascade"
    case influence
  }

  public var probability: Double
  public var weighting: Weighting
  public var timing: ClockSettings
  private let skipper: GeometricSkipper
  private let delay: Distribution.Sampler

  public init(probability: Double, weighting: Weighting = .uniform, timing: ClockSettings = ClockSettings()) {
    self.probability = probability
    self.weighting = weighting
    self.timing = timing
    skipper = GeometricSkipper(probability: probability)
    delay = timing.delay.sampler()
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.probability == b.probability && a.weighting == b.weighting && a.timing == b.timing
  }

  public var clock: Clock { timing.clock }

  public func validate() throws(ParameterError) {
    try Check.probability(probability, "probability")
    try timing.validate()
  }

  @inline(__always)
  private func chance(_ u: Int, _ v: Int, _ run: SimulationRun) -> Double {
    switch weighting {
    case .uniform: probability
    case .weightedCascade: probability / Double(max(run.sources.degree(v), 1))
    case .influence: min(1, probability * run.population.influence[u] * run.population.susceptibility[v])
    }
  }

  @inline(__always)
  private func convince(_ v: Int, from u: Int, _ run: SimulationRun) {
    if run.reach(v, from: u) {
      run.mark(v, .aware)
      run.mark(v, .engaged)
      run.mark(v, .adopted)
    }
  }

  public func reached(_ u: Int, _ run: SimulationRun) {
    let followers = run.audience[u]
    if weighting == .uniform {
      var i = skipper.next(run.stream) - 1
      while i < followers.count {
        let v = Int(followers[i])
        if !run.isReached(v) { run.schedule(at: run.now + delay.sample(run.stream), node: v, source: u) }
        i += skipper.next(run.stream)
      }
    } else {
      for v in followers where !run.isReached(Int(v)) && run.stream.bernoulli(chance(u, Int(v), run)) {
        run.schedule(at: run.now + delay.sample(run.stream), node: Int(v), source: u)
      }
    }
  }

  public func fire(_ event: Event, _ run: SimulationRun) {
    convince(Int(event.node), from: Int(event.source), run)
  }

  public func step(_ frontier: UnsafeBufferPointer<UInt32>, _ run: SimulationRun) {
    if weighting == .uniform {
      // One run of geometric gaps across the concatenated follower lists of the frontier.
      var gap = skipper.next(run.stream) - 1
      for u in frontier {
        let followers = run.audience[Int(u)]
        while gap < followers.count {
          convince(Int(followers[gap]), from: Int(u), run)
          gap += skipper.next(run.stream)
        }
        gap -= followers.count
      }
    } else {
      for u in frontier {
        for v in run.audience[Int(u)] where !run.isReached(Int(v)) && run.stream.bernoulli(chance(Int(u), Int(v), run)) {
          convince(Int(v), from: Int(u), run)
        }
      }
    }
  }
}

extension IndependentCascade: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable { case probability, weighting }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: ["model"] + ClockSettings.keys)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      probability: try c.value(.probability, default: 0.1), weighting: try c.choice(.weighting, default: Weighting.uniform),
      timing: try ClockSettings(from: decoder))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(probability, forKey: .probability)
    try c.encode(weighting, forKey: .weighting)
    try timing.encode(to: encoder)
  }
}
