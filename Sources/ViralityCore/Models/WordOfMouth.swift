// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule

/// Word of mouth as an epidemic: an agent who starts talking tells each follower at `rate`
/// times a day (a Poisson process per tie, scaled by the talker's activity and attention,
/// `population.attention`) until it stops,
/// after a time drawn from `duration` (exponential: forgetting at a constant rate). A told
/// agent starts talking too with probability `accept` × its susceptibility. With
/// `recovery: removed` (SIR) agents who stopped never talk again; with `recovery:
/// susceptible` (SIS) they can be told again and start a new episode.
///
/// W. O. Kermack & A. G. McKendrick, Proc. R. Soc. A 115:700 (1927); R. Pastor-Satorras,
/// C. Castellano, P. Van Mieghem & A. Vespignani, Rev. Mod. Phys. 87:925 (2015); event-driven
/// simulation as in EoN's fast_SIR (Kiss, Miller & Simon, Mathematics of Epidemics on
/// Networks, 2017).
///
/// SIR draws, per talker, which ties fire before it stops by geometric skipping with
/// P = 1 − e^(−rate·duration), then each firing time from the truncated exponential. SIS
/// renews each tie's clock while the talker talks. Continuous clock. Milestones: told →
/// aware; talking → reached and engaged; stopping → stopped.
public struct WordOfMouth: SpreadingModel, Equatable {
  public static let modelName = "word-of-mouth"

  public enum Recovery: String, Sendable, CaseIterable, Codable {
    case removed, susceptible
  }

  /// Tells per follower per day while talking.
  public var rate: Double
  public var duration: Distribution
  public var recovery: Recovery
  public var accept: Double
  private let durationSampler: Distribution.Sampler

  public init(
    rate: Double = 0.5, duration: Distribution = .exponential(mean: 72), recovery: Recovery = .removed, accept: Double = 1
  ) {
    self.rate = rate
    self.duration = duration
    self.recovery = recovery
    self.accept = accept
    durationSampler = duration.sampler()
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.rate == b.rate && a.duration == b.duration && a.recovery == b.recovery && a.accept == b.accept
  }

  public var clock: Clock { .continuous }
  public var scratch: Scratch { .second }
  public var countsImpressions: Bool { true }

  private enum State: UInt8 { case never = 0, talking, stopped, again }
  private enum Kind: UInt8 { case tell = 0, stop }

  public func validate() throws(ParameterError) {
    try Check.nonNegative(rate, "rate")
    try duration.validate("duration")
    guard duration.isNonNegative else { throw ParameterError("duration", "cannot be negative") }
    try Check.probability(accept, "accept")
  }

  public func seed(_ node: Int, _ run: SimulationRun) {
    if run.reach(node, from: -1) { run.mark(node, .aware) }
  }

  public func reached(_ node: Int, _ run: SimulationRun) { talk(node, run) }

  /// Starts a talking episode of `u`.
  private func talk(_ u: Int, _ run: SimulationRun) {
    let episode = run.count(u) &+ 1
    if episode > 1 { run.countAgain(.engaged) } else { run.mark(u, .engaged) }
    run.setState(u, State.talking.rawValue)
    run.setCount(u, episode)
    let length = durationSampler.sample(run.stream)
    let end = run.now + length
    run.setSecond(u, end)
    // Stopping after the horizon changes nothing the horizon did not already see.
    run.schedule(at: end, node: u, kind: Kind.stop.rawValue, tag: episode, pastHorizon: .never)
    let perHour = rate / 24 * run.population.activity[u] * run.population.attention[u]
    guard perHour > 0, length > 0 else { return }
    let followers = run.audience[u]
    switch recovery {
    case .removed:
      let fires = -Double.expMinusOne(-perHour * length)  // 1 − e^(−βD)
      let skipper = GeometricSkipper(probability: fires)
      var i = skipper.next(run.stream) - 1
      while i < followers.count {
        let v = Int(followers[i])
        let wait = -Double.log(onePlus: -run.stream.uniform() * fires) / perHour
        run.schedule(at: run.now + wait, node: v, source: u, kind: Kind.tell.rawValue, tag: episode)
        i += skipper.next(run.stream)
      }
    case .susceptible:
      for v in followers {
        let at = run.now + run.stream.exponential(mean: 1 / perHour)
        // In SIS a tie matters after the horizon whoever it tells: they may be told again.
        if at < end {
          run.schedule(at: at, node: Int(v), source: u, kind: Kind.tell.rawValue, tag: episode, pastHorizon: .always)
        }
      }
    }
  }

  public func fire(_ event: Event, _ run: SimulationRun) {
    let node = Int(event.node)
    if event.kind == Kind.stop.rawValue {
      guard run.count(node) == event.tag, run.state(node) == State.talking.rawValue else { return }
      if event.tag > 1 { run.countAgain(.stopped) } else { run.mark(node, .stopped) }
      run.setState(node, recovery == .removed ? State.stopped.rawValue : State.again.rawValue)
      return
    }
    let talker = Int(event.source)
    if recovery == .susceptible {
      // The tie fires again later in the same episode, if the talker is still talking.
      guard run.count(talker) == event.tag, run.state(talker) == State.talking.rawValue else { return }
      let next =
        run.now
        + run.stream.exponential(mean: 24 / (rate * run.population.activity[talker] * run.population.attention[talker]))
      if next < run.second(talker) {
        run.schedule(at: next, node: node, source: talker, kind: Kind.tell.rawValue, tag: event.tag, pastHorizon: .always)
      }
    }
    // A tell that arrives: an impression, whoever hears it.
    run.expose(node)
    let state = run.state(node)
    guard state == State.never.rawValue || state == State.again.rawValue else { return }
    run.mark(node, .aware)
    guard run.stream.bernoulli(accept * run.population.susceptibility[node]) else { return }
    if state == State.never.rawValue {
      run.reach(node, from: talker)
    } else {
      talk(node, run)
    }
  }
}

extension WordOfMouth {
  /// Agents talking when the run ended (in SIS, the prevalence at the horizon) and the
  /// talking episodes begun, an agent's second and later ones included (equal to `engaged`
  /// in SIR).
  public var extraMetricNames: [String] { ["talking_at_end", "episodes"] }

  public func extraMetrics(_ run: SimulationRun) -> ModelMetrics {
    let begun = run.milestoneCount[Milestone.engaged.rawValue] + run.againCount(.engaged)
    let ended = run.milestoneCount[Milestone.stopped.rawValue] + run.againCount(.stopped)
    return ModelMetrics(values: [Double(begun - ended), Double(begun)])
  }

  /// SIR's final size; in SIS, where agents return to listening, who ever talked and who
  /// still talks at the horizon, since there is no final size to speak of.
  public var summaryColumns: [SummaryColumn] {
    guard recovery == .susceptible else { return SummaryColumn.finalSize + SummaryColumn.shape }
    return [
      SummaryColumn("ever talked (agents)", "reached", interval: true),
      SummaryColumn("ever talked (%)", "reached_share", scale: .percent, decimals: 1),
      SummaryColumn("talking at the end (%)", "talking_at_end", scale: .percentOfAgents, decimals: 1),
      SummaryColumn("talking episodes", "episodes"),
    ]
  }

  /// Still talking when the run ended, stopped talking, or heard without passing it on.
  public func outcome(_ node: Int, _ run: SimulationRun) -> String {
    guard run.isReached(node) else { return "heard" }
    return run.state(node) == State.talking.rawValue ? "talking" : "stopped_talking"
  }
}

extension WordOfMouth: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable { case rate, duration, recovery, accept }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: ["model"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      rate: try c.value(.rate, default: 0.5), duration: try c.value(.duration, default: .exponential(mean: 72)),
      recovery: try c.choice(.recovery, default: Recovery.removed), accept: try c.value(.accept, default: 1))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(rate, forKey: .rate)
    try c.encode(duration, forKey: .duration)
    try c.encode(recovery, forKey: .recovery)
    try c.encode(accept, forKey: .accept)
  }
}
