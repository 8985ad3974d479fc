// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The rumour models of Daley–Kendall and Maki–Thompson: people are ignorants, spreaders or
/// stiflers. Each spreader calls a random follower `rate` times a day (scaled by its
/// activity and its attention, `population.attention`: a celebrity's calls reach each
/// follower less often). An ignorant called hears the rumour and becomes a spreader (with probability
/// `accept` × susceptibility; otherwise a stifler who knows but will not spread). A spreader
/// who calls someone who already knows loses interest and becomes a stifler:
/// - `maki-thompson`: only the caller stops;
/// - `daley-kendall`: if the callee is also a spreader, both stop. Daley & Kendall let every
///   pair meet at the same rate; with calls made by spreaders, two spreaders meet twice as
///   often (either may call), so such a call stops both with probability ½, which gives
///   their model's transition rates exactly.
///
/// D. J. Daley & D. G. Kendall, Nature 204:1118 (1964); D. P. Maki & M. Thompson,
/// Mathematical Models and Applications (1973). In a large well-mixed population about
/// 20.3% never hear the rumour (the root of θ = e^(−2(1−θ)); Sudbury, J. Appl. Prob.
/// 22:443, 1985).
///
/// Continuous clock. Milestones: hearing → aware; becoming a spreader → reached and
/// engaged; becoming a stifler → stopped.
public struct Rumour: SpreadingModel, Equatable {
  public static let modelName = "rumour"

  public enum Variant: String, Sendable, CaseIterable, Codable {
    case makiThompson = "maki-thompson"
    case daleyKendall = "daley-kendall"
  }

  public var variant: Variant
  /// Calls per spreader per day.
  public var rate: Double
  public var accept: Double

  public init(variant: Variant = .makiThompson, rate: Double = 1, accept: Double = 1) {
    self.variant = variant
    self.rate = rate
    self.accept = accept
  }

  public var clock: Clock { .continuous }
  public var countsImpressions: Bool { true }

  private enum State: UInt8 { case ignorant = 0, spreader, stifler }

  public func validate() throws(ParameterError) {
    try Check.positive(rate, "rate")
    try Check.probability(accept, "accept")
  }

  public func seed(_ node: Int, _ run: SimulationRun) {
    if run.reach(node, from: -1) { run.mark(node, .aware) }
  }

  public func reached(_ node: Int, _ run: SimulationRun) {
    run.setState(node, State.spreader.rawValue)
    run.mark(node, .engaged)
    call(node, run)
  }

  private func call(_ u: Int, _ run: SimulationRun) {
    let perHour = rate / 24 * run.population.activity[u] * run.population.attention[u]
    guard perHour > 0 else { return stifle(u, run) }
    // A spreader's next call: it is still spreading, whoever it would call.
    run.schedule(at: run.now + run.stream.exponential(mean: 1 / perHour), node: u, pastHorizon: .always)
  }

  private func stifle(_ u: Int, _ run: SimulationRun) {
    run.setState(u, State.stifler.rawValue)
    run.mark(u, .stopped)
  }

  public func fire(_ event: Event, _ run: SimulationRun) {
    let u = Int(event.node)
    guard run.state(u) == State.spreader.rawValue else { return }
    let followers = run.audience[u]
    guard !followers.isEmpty else { return stifle(u, run) }
    let v = Int(followers[run.stream.uniformInt(below: followers.count)])
    run.expose(v)
    switch run.state(v) {
    case State.ignorant.rawValue:
      run.mark(v, .aware)
      if run.stream.bernoulli(accept * run.population.susceptibility[v]) {
        run.reach(v, from: u)
      } else {
        run.setState(v, State.stifler.rawValue)
      }
      call(u, run)
    case State.spreader.rawValue:
      switch variant {
      case .makiThompson: stifle(u, run)
      case .daleyKendall:
        if run.stream.bernoulli(0.5) {
          stifle(u, run)
          stifle(v, run)
        } else {
          call(u, run)
        }
      }
    default:
      stifle(u, run)
    }
  }
}

extension Rumour {
  /// A spreader when the run ended, a stifler (stopped spreading), or told but not
  /// believing it.
  public func outcome(_ node: Int, _ run: SimulationRun) -> String {
    guard run.isReached(node) else { return "declined" }
    return run.state(node) == State.spreader.rawValue ? "spreader" : "stifler"
  }
}

extension Rumour: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable { case variant, rate, accept }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: ["model"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      variant: try c.choice(.variant, default: Variant.makiThompson), rate: try c.value(.rate, default: 1),
      accept: try c.value(.accept, default: 1))
  }
}
