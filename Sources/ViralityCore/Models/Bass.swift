// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule

/// Bass diffusion on a network: a non-adopter adopts at rate p (external influence:
/// advertising, media) plus q times the share of the accounts it follows that have adopted
/// (imitation), both scaled by its susceptibility, each adopter's share scaled by its
/// attention (`population.attention`); rates are per `per` (default a day).
/// On a complete graph this is the Bass model, F(t) = (1 − e^(−(p+q)t)) / (1 + (q/p)·e^(−(p+q)t)).
///
/// F. M. Bass, "A new product growth for model consumer durables", Management Science
/// 15:215 (1969); network form as in Delre, Jager & Janssen, Comput. Math. Organ. Theory
/// 13:185 (2007).
///
/// Exact event-driven simulation: adoption hazards add, so each adopter starts an
/// independent exponential clock on each of its followers (rate q/(accounts the follower
/// follows)) and each agent has its own advertising clock; an agent adopts when its first
/// clock rings. Only a clock earlier than the agent's earliest pending one is queued.
/// Advertising clocks are found by geometric skipping over the agents. Continuous clock.
/// Milestones: adopting → reached, aware, engaged and adopted.
public struct Bass: SpreadingModel, Equatable {
  public static let modelName = "bass"
  public var p: Double
  public var q: Double
  public var per: TimeSpan

  public init(p: Double = 0.01, q: Double = 0.3, per: TimeSpan = TimeSpan(hours: 24)) {
    self.p = p
    self.q = q
    self.per = per
  }

  public var clock: Clock { .continuous }
  public var scratch: Scratch { .value }

  public func validate() throws(ParameterError) {
    try Check.nonNegative(p, "p")
    try Check.nonNegative(q, "q")
    guard per.hours > 0 else { throw ParameterError("per", "must be a positive duration; got \(per)") }
  }

  public func start(_ run: SimulationRun) {
    let perHour = p / per.hours
    guard perHour > 0 else { return }
    let highest = run.population.susceptibility.maximum
    guard highest > 0 else { return }
    let span = run.horizon - run.now
    let candidate = -Double.expMinusOne(-perHour * highest * span)
    let skipper = GeometricSkipper(probability: candidate)
    var v = skipper.next(run.stream) - 1
    while v < run.nodeCount {
      let rate = perHour * run.population.susceptibility[v]
      let rings = -Double.expMinusOne(-rate * span)
      if !run.isReached(v) && rate > 0 && (rings >= candidate || run.stream.bernoulli(rings / candidate)) {
        let at = run.now - Double.log(onePlus: -run.stream.uniform() * rings) / rate
        run.setValue(v, at)
        run.schedule(at: at, node: v)
      }
      v += skipper.next(run.stream)
    }
  }

  /// Advertising rings past the horizon for every agent who has not adopted and can.
  public func wouldContinue(_ run: SimulationRun) -> Bool {
    guard p > 0, run.reachedCount < run.nodeCount else { return false }
    return (0..<run.nodeCount).contains { !run.isReached($0) && run.population.susceptibility[$0] > 0 }
  }

  public func reached(_ u: Int, _ run: SimulationRun) {
    run.mark(u, .adoption)
    let perHour = q / per.hours * run.population.attention[u]
    guard perHour > 0 else { return }
    for w in run.audience[u] where !run.isReached(Int(w)) {
      let follower = Int(w)
      let rate = perHour * run.population.susceptibility[follower] / Double(max(run.sources.degree(follower), 1))
      guard rate > 0 else { continue }
      let at = run.now + run.stream.exponential(mean: 1 / rate)
      let pending = run.value(follower)
      if pending > 0 && at >= pending { continue }
      if at <= run.horizon { run.setValue(follower, at) }
      run.schedule(at: at, node: follower, source: u)
    }
  }

  public func fire(_ event: Event, _ run: SimulationRun) {
    run.reach(Int(event.node), from: event.source == Event.noSource ? -1 : Int(event.source))
  }
}

extension Bass: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable { case p, q, per }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: ["model"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      p: try c.value(.p, default: 0.01), q: try c.value(.q, default: 0.3), per: try c.value(.per, default: TimeSpan(hours: 24)))
  }
}
