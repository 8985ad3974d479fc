// SPDX-License-Identifier: GPL-3.0-or-later
import CPrefetch
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
/// Every tie's chance is also multiplied by the sender's attention (`population.attention`),
/// the share of its audience a post of an account its size reaches, and its activity (how
/// readily it passes things on); when these differ, uniform ties are skipped over sender by
/// sender, at min(1, `probability` × attention × activity).
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
  private let skipper: GeometricTable
  private let delay: Distribution.Sampler
  /// Prepared per ensemble: senders' attention or activity is not 1, so uniform ties are
  /// skipped over sender by sender.
  private var thinned = false

  public init(probability: Double, weighting: Weighting = .uniform, timing: ClockSettings = ClockSettings()) {
    self.probability = probability
    self.weighting = weighting
    self.timing = timing
    skipper = GeometricTable(probability: probability)
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

  /// The chance of the tie from `u` to `v` (weighted ties), given `u`'s own factor.
  @inline(__always)
  private func chance(_ u: Int, _ v: Int, sender: Double, _ run: SimulationRun) -> Double {
    switch weighting {
    case .uniform: min(1, probability * sender)
    case .weightedCascade: probability * sender / Double(max(run.sources.degree(v), 1))
    case .influence: min(1, probability * run.population.influence[u] * sender * run.population.susceptibility[v])
    }
  }

  /// What `u` itself puts on each of its ties: its attention and activity.
  @inline(__always)
  private func senderFactor(_ u: Int, _ run: SimulationRun) -> Double {
    run.population.attention[u] * run.population.activity[u]
  }

  public func prepared(audience: RowsView, sources: RowsView, population: Population) -> Self {
    var model = self
    model.thinned = population.attention.constantValue != 1 || population.activity.constantValue != 1
    return model
  }

  /// Schedules or convinces (`act`) the followers of `u` its uniform ties reach, skipping
  /// geometrically at its own chance.
  @inline(__always)
  private func reachThinned(_ u: Int, _ run: SimulationRun, _ act: (Int) -> Void) {
    let followers = run.audience[u]
    let skipper = GeometricSkipper(probability: min(1, probability * senderFactor(u, run)))
    var i = skipper.next(run.stream) - 1
    while i < followers.count {
      let v = Int(followers[i])
      if !run.isReached(v) { act(v) }
      i += skipper.next(run.stream)
    }
  }

  /// Reaches `v` and marks it adopted. The model touches an agent's state only when it
  /// reaches it, so the state of an agent not yet reached is stale and is claimed without
  /// being read (the read would be a cache miss).
  @inline(__always)
  private func convince(_ v: Int, from u: Int, _ run: SimulationRun) {
    if run.reach(v, from: u) { run.claim(v, count: 0, .adoption) }
  }

  public func reached(_ u: Int, _ run: SimulationRun) {
    let followers = run.audience[u]
    if weighting == .uniform && !thinned {
      var i = skipper.next(run.stream) - 1
      while i < followers.count {
        let v = Int(followers[i])
        if !run.isReached(v) { run.schedule(at: run.now + delay.sample(run.stream), node: v, source: u) }
        i += skipper.next(run.stream)
      }
    } else if weighting == .uniform {
      reachThinned(u, run) { v in run.schedule(at: run.now + delay.sample(run.stream), node: v, source: u) }
    } else {
      let sender = senderFactor(u, run)
      for v in followers where !run.isReached(Int(v)) && run.stream.bernoulli(chance(u, Int(v), sender: sender, run)) {
        run.schedule(at: run.now + delay.sample(run.stream), node: Int(v), source: u)
      }
    }
  }

  public func fire(_ event: Event, _ run: SimulationRun) {
    convince(Int(event.node), from: Int(event.source), run)
  }

  public func step(_ frontier: UnsafeBufferPointer<UInt32>, _ run: SimulationRun) {
    if weighting == .uniform && !thinned {
      stepUniform(frontier, run)
    } else if weighting == .uniform {
      for u in frontier { reachThinned(Int(u), run) { v in convince(v, from: Int(u), run) } }
    } else {
      for u in frontier {
        let sender = senderFactor(Int(u), run)
        for v in run.audience[Int(u)]
        where !run.isReached(Int(v)) && run.stream.bernoulli(chance(Int(u), Int(v), sender: sender, run)) {
          convince(Int(v), from: Int(u), run)
        }
      }
    }
  }

  /// One round with uniform probability: one run of geometric gaps across the concatenated
  /// follower lists of the whole frontier. The work is split into passes whose memory loads
  /// do not depend on each other (row bounds, then the picked followers and whether they
  /// were reached before), so the processor overlaps the cache misses that dominate a large
  /// cascade; the last pass convinces in the same order as a plain loop would.
  private func stepUniform(_ frontier: UnsafeBufferPointer<UInt32>, _ run: SimulationRun) {
    let offsets = run.audience.offsets.baseAddress!
    let targets = run.audience.targets.baseAddress!
    let rows = run.frontierRows
    rows.resize(frontier.count)
    for (i, u) in frontier.enumerated() {
      if i + 16 < frontier.count { viral_prefetch(offsets + Int(frontier[i + 16])) }
      rows[i] = offsets[Int(u)]
    }
    let picks = run.picks
    let sources = run.pickSources
    picks.removeAll()
    sources.removeAll()
    var gap = skipper.next(run.stream) - 1
    for (i, u) in frontier.enumerated() {
      let start = rows[i]
      let length = offsets[Int(u) + 1] - start
      while gap < length {
        viral_prefetch(targets + start + gap)  // read in the next pass
        picks.append(start + gap)
        sources.append(UInt32(i))
        gap += skipper.next(run.stream)
      }
      gap -= length
    }
    // The picked followers not reached before this round, kept in order without a branch
    // (about half are reached already). `sources` holds the picking agent's place in the
    // frontier.
    var kept = 0
    for j in 0..<picks.count {
      let v = Int(targets[picks[j]])
      picks[kept] = v
      sources[kept] = sources[j]
      kept &+= run.unreached(v)
    }
    // Convince them in order, asking a few picks ahead for the states reaching writes; their
    // milestones are counted once for the round.
    let lookahead = 8
    var (convinced, inTarget) = (0, 0)
    for j in 0..<kept {
      if j + lookahead < kept { run.prefetchState(picks[j + lookahead]) }
      let v = picks[j]
      if run.reach(v, parentSlot: run.frontierSlot + Int(sources[j])) {
        run.claimUncounted(v, count: 0, .adoption)
        convinced += 1
        inTarget += run.isInTarget(v) ? 1 : 0
      }
    }
    run.countMilestones(.adoption, agents: convinced, inTarget: inTarget)
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
