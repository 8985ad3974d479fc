// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule

/// A challenge that spreads by nomination, like the 2014 Ice Bucket Challenge.
///
/// A participant does the challenge and posts it: everyone who follows them becomes aware,
/// or with `population.attention` each follower with probability min(1, the poster's
/// attention).
/// They nominate `nominees` people chosen by `choose` among their friends (reciprocal ties;
/// followers when they have too few friends), never the one who nominated them. Each nominee
/// answers after `response_delay`, against a `deadline` that is `soft` (late answers count)
/// or `hard` (a late answer is a refusal). A nominee accepts (douses and nominates in turn) with probability
///
///     accept × influence(nominator) × susceptibility(nominee)
///            × (1 + renominated·(times nominated − 1))
///            × (1 + social_proof.boost · f / (f + social_proof.half_at))
///            × 2^(−campaign age / fatigue.half_life)
///
/// (capped at 1), where f is the number of friends the nominee has seen take part. Accepting
/// nominees donate with probability `donate.after_accept`, refusing ones with
/// `donate.after_decline` (times the nominee's conversion factor). A nominee who already takes part is counted, not run again.
/// Agents who were not nominated may join on their own: each post of a friend they see, up
/// to `self_join.saturate_at`, gives them a chance `self_join.per_exposure` (times fatigue);
/// they answer after the same response delay. A share `donate.aware_only` of agents who
/// become aware donate without taking part. Gifts are drawn from `donate.amount`.
///
/// Options: `celebrities` (the top share of agents by followers; a celebrity's nominations go
/// to another celebrity with probability `nominate_celebrities`), `media` (advertising
/// that makes random agents aware, each ad an exposure), and `waves` (groups of agents who
/// start the challenge later: random agents or the top celebrities).
///
/// The cascade tree links a participant to the nominator they answered, or — for those who
/// joined on their own — to the friend whose post made them join; the nomination tree (the
/// same without those links) is measured separately. Milestones: aware (saw a post or was
/// nominated), engaged (took part), adopted (donated).
///
/// Branching-process view: on a tree-like graph each participant's nominations start
/// k·p new chains on average (T. E. Harris, The Theory of Branching Processes, 1963); the
/// Ice Bucket Challenge's celebrity chains had R0 = 1.43 and a serial interval of mean 2.1
/// and median 1 day (X. Ni, E. Chan, L. Leung, K. Lau & G. Pang, BMJ 349:g7185, 2014).
public struct Nomination: SpreadingModel, BranchingTheory, Equatable {
  public static let modelName = "nomination"

  /// How a participant picks whom to nominate.
  public enum Rule: String, Sendable, CaseIterable, Codable {
    /// Uniformly among friends.
    case randomFriends = "random_friends"
    /// The friends with most friends in common with the nominator.
    case closestFriends = "closest_friends"
    /// The friends with most followers.
    case mostFollowed = "most_followed"
    /// Each nomination by one of the three rules above, chosen at random.
    case mix
  }

  public enum DeadlineRule: String, Sendable, CaseIterable, Codable {
    case soft, hard
  }

  public struct Donation: Sendable, Equatable {
    public var afterAccept = 0.5
    public var afterDecline = 0.45
    public var awareOnly = 0.005
    public var amount = Distribution.lognormal(mean: 45, sd: 60)
    public init() {}
  }

  public struct SelfJoin: Sendable, Equatable {
    public var perExposure = 0.0
    public var saturateAt = 2
    public init() {}
  }

  public struct SocialProof: Sendable, Equatable {
    public var boost = 0.0
    public var halfAt = 2.0
    public init() {}
  }

  public struct Celebrities: Sendable, Equatable {
    /// The share of agents, by followers, who count as celebrities.
    public var top = 0.001
    public var nominateCelebrities = 0.0
    public init() {}
  }

  /// A group of agents who start the challenge at `at`.
  public struct Wave: Sendable, Equatable {
    public enum Who: String, Sendable, CaseIterable, Codable { case random, celebrities }
    public var at: TimeSpan
    public var count: Int
    public var who: Who
    public init(at: TimeSpan, count: Int, who: Who = .random) {
      self.at = at
      self.count = count
      self.who = who
    }
  }

  public var nominees = 3
  public var choose = Rule.randomFriends
  public var accept = 0.5
  public var deadline = TimeSpan(hours: 24)
  public var deadlineRule = DeadlineRule.soft
  public var responseDelay = Nomination.defaultResponseDelay
  public var renominated = 0.0
  public var socialProof = SocialProof()
  public var fatigueHalfLife: TimeSpan?
  public var donate = Donation()
  public var selfJoin = SelfJoin()
  public var celebrities: Celebrities?
  public var media: Funnel.Media?
  public var waves: [Wave] = []

  /// Median 1 day, mean 2.1 days (Ni et al. 2014).
  public static let defaultResponseDelay = Distribution.lognormal(median: 24, mean: 50.4)

  // Prepared per ensemble.
  private var delaySampler: Distribution.Sampler
  private var amountSampler: Distribution.Sampler
  /// Celebrities, most followed first, and a bit per agent.
  var celebrityList: [UInt32] = []
  var celebrityBits: [UInt64] = []
  /// The graph is undirected: friends are simply the neighbours.
  var undirected = false

  public init() {
    delaySampler = Self.defaultResponseDelay.sampler()
    amountSampler = Donation().amount.sampler()
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.nominees == b.nominees && a.choose == b.choose && a.accept == b.accept && a.deadline == b.deadline
      && a.deadlineRule == b.deadlineRule && a.responseDelay == b.responseDelay && a.renominated == b.renominated
      && a.socialProof == b.socialProof && a.fatigueHalfLife == b.fatigueHalfLife && a.donate == b.donate
      && a.selfJoin == b.selfJoin && a.celebrities == b.celebrities && a.media == b.media && a.waves == b.waves
  }

  public var clock: Clock { .continuous }
  public var countsImpressions: Bool { true }

  public func validate() throws(ParameterError) {
    try Check.atLeast(nominees, 0, "nominees")
    try Check.probability(accept, "accept")
    guard deadline.hours > 0 else { throw ParameterError("deadline", "must be a positive duration; got \(deadline)") }
    try responseDelay.validate("response_delay")
    guard responseDelay.isNonNegative else { throw ParameterError("response_delay", "a delay cannot be negative") }
    try Check.nonNegative(renominated, "renominated")
    do throws(ParameterError) {
      try Check.nonNegative(socialProof.boost, "boost")
      try Check.positive(socialProof.halfAt, "half_at")
    } catch { throw error.inside("social_proof") }
    if let fatigueHalfLife, !(fatigueHalfLife.hours > 0) {
      throw ParameterError(path: ["fatigue", "half_life"], message: "must be a positive duration; got \(fatigueHalfLife)")
    }
    do throws(ParameterError) {
      try Check.probability(donate.afterAccept, "after_accept")
      try Check.probability(donate.afterDecline, "after_decline")
      try Check.probability(donate.awareOnly, "aware_only")
      try donate.amount.validate("amount")
      guard donate.amount.isNonNegative else { throw ParameterError("amount", "a gift cannot be negative") }
    } catch { throw error.inside("donate") }
    do throws(ParameterError) {
      try Check.probability(selfJoin.perExposure, "per_exposure")
      try Check.range(selfJoin.saturateAt, 1...Limits.countedPosts, "saturate_at")
    } catch { throw error.inside("self_join") }
    if let celebrities {
      do throws(ParameterError) {
        guard celebrities.top > 0, celebrities.top <= 1 else {
          throw ParameterError("top", "must be a share of agents in (0, 1]; got \(celebrities.top.shortDescription)")
        }
        try Check.probability(celebrities.nominateCelebrities, "nominate_celebrities")
      } catch { throw error.inside("celebrities") }
    }
    try media?.validate()
    for (i, wave) in waves.enumerated() {
      do throws(ParameterError) {
        try Check.nonNegative(wave.at.hours, "at")
        // No graph holds more agents than 32-bit ids number.
        try Check.range(wave.count, 1...Limits.waveStarters, "count")
        if wave.who == .celebrities && celebrities == nil {
          throw ParameterError("who", "celebrities needs a campaign.celebrities section (who counts as one)")
        }
      } catch { throw error.inside("waves[\(i)]") }
    }
  }

  public var theoryTree: String { Chains.seed.tree }
  public var theorySizeMetric: String { "seed_chain_participants" }

  /// The nomination chains at the start, as a branching process on a tree-like network:
  /// `nominees` chances, each taken with the starting acceptance — `accept` × the mean
  /// influence × the mean susceptibility (drawn independently) × the social proof of the
  /// one friend every nominee has seen take part, its nominator — times the share of answers
  /// that beat a hard deadline. Every other factor is at its starting value: first
  /// nomination, no fatigue. nil for a hard deadline with a discrete response delay.
  public func branchingProcess(population: PopulationSpec) -> BranchingProcess? {
    var p = accept * population.influence.mean * population.susceptibility.mean
    p *= 1 + socialProof.boost / (1 + socialProof.halfAt)
    if deadlineRule == .hard {
      guard let onTime = responseDelay.cumulative(deadline.hours) else { return nil }
      p *= onTime
    }
    return BranchingProcess(trials: nominees, probability: min(p, 1))
  }

  // MARK: Preparation

  public func prepared(audience: RowsView, sources: RowsView, population: Population) -> Self {
    var model = self
    model.delaySampler = responseDelay.sampler()
    model.amountSampler = donate.amount.sampler()
    model.undirected = audience.targets.baseAddress == sources.targets.baseAddress
    if let celebrities {
      let n = audience.rowCount
      let count = min(n, max(1, Int((celebrities.top * Double(n)).rounded(.up))))
      // Most followers first, ties by id.
      model.celebrityList = audience.longestRows(count).map { UInt32($0) }
      model.celebrityBits = [UInt64](repeating: 0, count: n / 64 + 1)
      for c in model.celebrityList { model.celebrityBits[Int(c) >> 6] |= 1 << UInt64(c & 63) }
    }
    return model
  }

  func isCelebrity(_ node: Int) -> Bool {
    !celebrityBits.isEmpty && celebrityBits[node >> 6] & (1 << UInt64(node & 63)) != 0
  }

  // MARK: Run

  private enum Kind: UInt8 { case respond = 0, selfJoin, media, wave }

  /// Per-run counters in `run.tally`.
  enum Tally: Int, CaseIterable {
    case nominationsSent = 0, nominationsAnswered, alreadyIn, both, douseOnly, donateOnly, neither, late, money
    case acceptedNominations, selfJoined, nominators
    /// The same for participants of the first week (the growth phase, where Ni et al. measured).
    case earlyNominators, earlyAccepted
  }

  /// The first week, in hours.
  static let firstWeek = 168.0

  /// State byte: times nominated (low 7 bits, capped) and whether the agent joined without
  /// being nominated (top bit).
  static let joinedAlone: UInt8 = 0x80

  /// Seeds take part (and give only if they choose to, like everyone else: not here).
  public func seed(_ node: Int, _ run: SimulationRun) { run.reach(node, from: -1) }

  public func start(_ run: SimulationRun) {
    if let media { media.scheduleNext(after: max(run.now, media.from.hours), kind: Kind.media.rawValue, run) }
    for (i, wave) in waves.enumerated() {
      run.schedule(at: wave.at.hours, node: 0, kind: Kind.wave.rawValue, tag: UInt32(i), pastHorizon: .always)
    }
  }

  /// 2^(−age / half-life): novelty wearing off.
  private func fatigue(_ run: SimulationRun) -> Double {
    guard let fatigueHalfLife else { return 1 }
    return .exp2(-run.now / fatigueHalfLife.hours)
  }

  private func count(_ tally: Tally, _ run: SimulationRun, _ amount: Double = 1) { run.tally[tally.rawValue] += amount }

  /// `v` donates (once).
  private func donates(_ v: Int, _ run: SimulationRun) {
    if run.has(v, .adopted) { return }
    run.mark(v, .adopted)
    count(.money, run, amountSampler.sample(run.stream))
  }

  /// `v` becomes aware (a post, a nomination or an ad); some donate at once.
  private func makeAware(_ v: Int, _ run: SimulationRun) {
    if run.has(v, .aware) { return }
    run.mark(v, .aware)
    if donate.awareOnly > 0 && !run.isReached(v) && run.stream.bernoulli(donate.awareOnly * run.population.conversion[v]) {
      donates(v, run)
    }
  }

  /// An exposure of a not-yet participant (a friend's post, or an ad when `source` is −1):
  /// the first `saturate_at` give a chance to join alone.
  private func expose(_ v: Int, source: Int, countsAsFriend: Bool, _ run: SimulationRun) {
    let seen = run.count(v) &+ 1
    if countsAsFriend { run.setCount(v, seen) }
    guard selfJoin.perExposure > 0, seen <= UInt32(selfJoin.saturateAt) else { return }
    if run.stream.bernoulli(selfJoin.perExposure * run.population.susceptibility[v] * fatigue(run)) {
      run.schedule(
        at: run.now + delaySampler.sample(run.stream), node: v, source: source, kind: Kind.selfJoin.rawValue)
    }
  }

  /// The post of `u` reaches follower `v`: `v` becomes aware and, not yet in, may join alone.
  @inline(__always)
  private func see(_ v: Int, post u: Int, _ run: SimulationRun) {
    makeAware(v, run)
    if !run.isReached(v) { expose(v, source: u, countsAsFriend: true, run) }
  }

  /// A participant: posts (followers become aware and may join alone), then nominates.
  public func reached(_ u: Int, _ run: SimulationRun) {
    run.mark(u, [.aware, .engaged])
    let followers = run.audience[u]
    let seen = run.population.attention[u]
    if seen >= 1 {
      for v in followers { see(Int(v), post: u, run) }
      run.expose(followers)
    } else {
      // Only some followers see the post: skip to them.
      let skipper = GeometricSkipper(probability: seen)
      var i = skipper.next(run.stream) - 1
      while i < followers.count {
        run.expose(Int(followers[i]))
        see(Int(followers[i]), post: u, run)
        i += skipper.next(run.stream)
      }
    }
    let chosen = choose(for: u, run)
    if !chosen.isEmpty {
      count(.nominators, run)
      if run.now < Self.firstWeek { count(.earlyNominators, run) }
    }
    for v in chosen {
      let v = Int(v)
      count(.nominationsSent, run)
      run.expose(v)
      makeAware(v, run)
      let times = run.state(v) & 0x7F
      if times < 0x7F { run.setState(v, (run.state(v) & Self.joinedAlone) | (times + 1)) }
      let delay = delaySampler.sample(run.stream)
      run.schedule(
        at: run.now + delay, node: v, source: u, kind: Kind.respond.rawValue, tag: Float(delay).bitPattern)
    }
  }

  public func fire(_ event: Event, _ run: SimulationRun) {
    switch event.kind {
    case Kind.respond.rawValue:
      respond(Int(event.node), to: Int(event.source), delay: Double(Float(bitPattern: event.tag)), run)
    case Kind.selfJoin.rawValue:
      let v = Int(event.node)
      guard !run.isReached(v) else { return }
      count(.selfJoined, run)
      run.setState(v, run.state(v) | Self.joinedAlone)
      run.reach(v, from: event.source == Event.noSource ? -1 : Int(event.source))
    case Kind.media.rawValue:
      let v = run.stream.uniformInt(below: run.nodeCount)
      run.expose(v)
      makeAware(v, run)
      if !run.isReached(v) { expose(v, source: -1, countsAsFriend: false, run) }
      if let media { media.scheduleNext(after: run.now, kind: Kind.media.rawValue, run) }
    default:
      startWave(waves[Int(event.tag)], run)
    }
  }

  private func respond(_ v: Int, to u: Int, delay: Double, _ run: SimulationRun) {
    count(.nominationsAnswered, run)
    run.samples.append(delay)
    let late = delay > deadline.hours
    if late { count(.late, run) }
    if run.isReached(v) {
      count(.alreadyIn, run)
      return
    }
    var accepted = false
    if !(late && deadlineRule == .hard) {
      let times = Double(run.state(v) & 0x7F)
      let friends = Double(run.count(v))
      var p = accept * run.population.influence[u] * run.population.susceptibility[v]
      p *= 1 + renominated * max(times - 1, 0)
      p *= 1 + socialProof.boost * friends / (friends + socialProof.halfAt)
      p *= fatigue(run)
      accepted = run.stream.bernoulli(min(p, 1))
    }
    let gives = run.stream.bernoulli((accepted ? donate.afterAccept : donate.afterDecline) * run.population.conversion[v])
    count(accepted ? (gives ? .both : .douseOnly) : (gives ? .donateOnly : .neither), run)
    if gives { donates(v, run) }
    if accepted {
      count(.acceptedNominations, run)
      if run.reachTime(u) < Self.firstWeek { count(.earlyAccepted, run) }
      run.reach(v, from: u)
    }
  }

  private func startWave(_ wave: Wave, _ run: SimulationRun) {
    switch wave.who {
    case .celebrities:
      var started = 0
      for c in celebrityList where started < wave.count && !run.isReached(Int(c)) {
        run.reach(Int(c), from: -1)
        started += 1
      }
    case .random:
      // Drawn with replacement; more draws than agents would only repeat them.
      for _ in 0..<min(wave.count, run.nodeCount) { run.reach(run.stream.uniformInt(below: run.nodeCount), from: -1) }
    }
  }
}
