// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// A marketing funnel on the network: unaware → aware → engaged (shares) → adopted.
///
/// An agent becomes aware when it sees a share of someone it follows (or an ad from the
/// media channel). An aware agent shares with probability `engage` (times its
/// susceptibility and activity); each follower of a sharer sees the share with probability
/// `see` (times the sharer's influence and attention, `population.attention`, capped at 1),
/// after a `delay`. Aware agents convert with probability `convert`, sharers with
/// `convert_engaged` (both times the agent's susceptibility and conversion factor), after
/// `convert_delay`. Seeds always share. The optional `media` channel reaches uniformly random agents at
/// `per_day` contacts a day between `from` and `to` (advertising on top of word of mouth);
/// agents reached by media start their own cascade trees.
///
/// The stages follow the AIDA hierarchy (E. St. Elmo Lewis, 1898; E. K. Strong, The
/// Psychology of Selling, 1925) and its social-media form, awareness → interaction →
/// sharing → conversion; sharing as a cascade follows J. Goldenberg, B. Libai & E. Muller,
/// Marketing Letters 12:211 (2001).
///
/// Continuous clock. Milestones: aware, engaged (shared), adopted; the cascade tree is the
/// tree of awareness.
public struct Funnel: SpreadingModel, Equatable {
  public static let modelName = "funnel"

  /// Advertising that reaches random agents.
  public struct Media: Sendable, Equatable, Codable {
    public var perDay: Double
    public var from: TimeSpan
    public var to: TimeSpan

    public init(perDay: Double, from: TimeSpan = TimeSpan(hours: 0), to: TimeSpan) {
      self.perDay = perDay
      self.from = from
      self.to = to
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case perDay = "per_day", from, to }

    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        perDay: try c.decode(Double.self, forKey: .perDay), from: try c.value(.from, default: TimeSpan(hours: 0)),
        to: try c.decode(TimeSpan.self, forKey: .to))
    }

    /// Checks the section, naming keys as `media.<key>`.
    func validate() throws(ParameterError) {
      do throws(ParameterError) {
        // 0 is allowed: no advertising (what a what-if run switches off).
        try Check.nonNegative(perDay, "per_day")
        guard from < to else { throw ParameterError("to", "must come after from (\(from)); got \(to)") }
        // Every contact is an event: bounded, so a run ends (and its clock can tell the
        // contacts apart).
        let contacts = perDay * (to.hours - from.hours) / 24
        guard perDay <= Limits.mediaContacts, contacts <= Limits.mediaContacts else {
          throw ParameterError(
            "per_day",
            "makes \(contacts.shortDescription) contacts between from and to (\(perDay.shortDescription) a day); at most \(Limits.mediaContacts.shortDescription) a day and in all"
          )
        }
      } catch { throw error.inside("media") }
    }

    /// Schedules the next advertisement (an event of `kind`) a random time after `time`, if
    /// it falls before the campaign ends.
    func scheduleNext(after time: Double, kind: UInt8, _ run: SimulationRun) {
      guard perDay > 0 else { return }
      let at = time + run.stream.exponential(mean: 24 / perDay)
      // Past the campaign's end there is no next ad; past the horizon, one was cut off.
      if at < to.hours { run.schedule(at: at, node: 0, kind: kind, pastHorizon: .always) }
    }
  }

  public var see: Double
  public var delay: Distribution
  public var engage: Double
  public var convert: Double
  public var convertEngaged: Double
  public var convertDelay: Distribution
  public var media: Media?
  private let delaySampler: Distribution.Sampler
  private let convertDelaySampler: Distribution.Sampler

  public static let defaultDelay = Distribution.lognormal(median: 2, mean: 6)
  public static let defaultConvertDelay = Distribution.exponential(mean: 48)

  public init(
    see: Double = 0.2, delay: Distribution = defaultDelay, engage: Double = 0.1, convert: Double = 0.02,
    convertEngaged: Double = 0.2, convertDelay: Distribution = defaultConvertDelay, media: Media? = nil
  ) {
    self.see = see
    self.delay = delay
    self.engage = engage
    self.convert = convert
    self.convertEngaged = convertEngaged
    self.convertDelay = convertDelay
    self.media = media
    delaySampler = delay.sampler()
    convertDelaySampler = convertDelay.sampler()
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.see == b.see && a.delay == b.delay && a.engage == b.engage && a.convert == b.convert
      && a.convertEngaged == b.convertEngaged && a.convertDelay == b.convertDelay && a.media == b.media
  }

  public var clock: Clock { .continuous }
  public var countsImpressions: Bool { true }

  private enum Kind: UInt8 { case see = 0, convert, media }
  private static let seeded: UInt8 = 1

  public func validate() throws(ParameterError) {
    try Check.probability(see, "see")
    try Check.probability(engage, "engage")
    try Check.probability(convert, "convert")
    try Check.probability(convertEngaged, "convert_engaged")
    for (key, distribution) in [("delay", delay), ("convert_delay", convertDelay)] {
      try distribution.validate(key)
      guard distribution.isNonNegative else { throw ParameterError(key, "a delay cannot be negative") }
    }
    try media?.validate()
  }

  public func seed(_ node: Int, _ run: SimulationRun) {
    run.setState(node, Self.seeded)
    run.reach(node, from: -1)
  }

  public func start(_ run: SimulationRun) {
    if let media { media.scheduleNext(after: max(run.now, media.from.hours), kind: Kind.media.rawValue, run) }
  }

  public func reached(_ u: Int, _ run: SimulationRun) {
    run.mark(u, .aware)
    let susceptibility = run.population.susceptibility[u]
    let shares =
      run.state(u) == Self.seeded || run.stream.bernoulli(engage * susceptibility * run.population.activity[u])
    if shares {
      run.mark(u, .engaged)
      let chance = min(1, see * run.population.influence[u] * run.population.attention[u])
      let skipper = GeometricSkipper(probability: chance)
      let followers = run.audience[u]
      var i = skipper.next(run.stream) - 1
      while i < followers.count {
        let v = Int(followers[i])
        // Seen, if only again: an impression, counted when the share is made.
        run.expose(v)
        if !run.isReached(v) {
          run.schedule(at: run.now + delaySampler.sample(run.stream), node: v, source: u, kind: Kind.see.rawValue)
        }
        i += skipper.next(run.stream)
      }
    }
    if run.stream.bernoulli((shares ? convertEngaged : convert) * susceptibility * run.population.conversion[u]) {
      // A conversion counts whoever it is: the agent is reached (aware) already.
      run.schedule(
        at: run.now + convertDelaySampler.sample(run.stream), node: u, kind: Kind.convert.rawValue, pastHorizon: .always)
    }
  }

  public func fire(_ event: Event, _ run: SimulationRun) {
    switch event.kind {
    case Kind.see.rawValue: run.reach(Int(event.node), from: Int(event.source))
    case Kind.convert.rawValue: run.mark(Int(event.node), .adopted)
    default:
      let v = run.stream.uniformInt(below: run.nodeCount)
      run.expose(v)
      run.reach(v, from: -1)
      if let media { media.scheduleNext(after: run.now, kind: Kind.media.rawValue, run) }
    }
  }
}

extension Funnel {
  /// Bought, shared (engaged without buying) or only saw it.
  public func outcome(_ node: Int, _ run: SimulationRun) -> String {
    run.has(node, .adopted) ? "bought" : run.has(node, .engaged) ? "shared" : "saw"
  }
}

extension Funnel: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case see, delay, engage, convert, convertEngaged = "convert_engaged", convertDelay = "convert_delay", media
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: ["model"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      see: try c.value(.see, default: 0.2), delay: try c.value(.delay, default: Self.defaultDelay),
      engage: try c.value(.engage, default: 0.1), convert: try c.value(.convert, default: 0.02),
      convertEngaged: try c.value(.convertEngaged, default: 0.2),
      convertDelay: try c.value(.convertDelay, default: Self.defaultConvertDelay),
      media: try c.decodeIfPresent(Media.self, forKey: .media))
  }
}
