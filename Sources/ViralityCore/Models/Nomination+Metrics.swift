// SPDX-License-Identifier: GPL-3.0-or-later

extension Nomination {
  static let extraNames = [
    "participants", "nominators", "nominations_sent", "nominations_answered", "nominations_accepted", "nominated_already_in",
    "both_share", "douse_only_share", "donate_only_share", "neither_share", "donors", "money", "serial_interval_mean_h",
    "serial_interval_median_h", "answered_late_share", "nomination_r", "nomination_r_first_week", "seed_chain_participants",
    "seed_chain_depth", "wave_chain_participants", "self_join_chains", "self_join_chain_participants", "nomination_depth",
    "nomination_structural_virality", "joined_alone_share",
  ]

  /// How the nomination chains are told apart, by their root: the seeds the scenario's
  /// `seeding:` placed at the start (the chains the branching process describes), the
  /// agents of later `waves`, and agents who joined without being nominated.
  enum Chains: Int, CaseIterable {
    case seed = 0, wave, selfJoin

    var tree: String {
      switch self {
      case .seed: "seed_chains"
      case .wave: "wave_chains"
      case .selfJoin: "self_join_chains"
      }
    }
  }

  public var extraMetricNames: [String] { Self.extraNames }

  public func extraMetrics(_ run: SimulationRun) -> ModelMetrics {
    func tally(_ t: Tally) -> Double { run.tally[t.rawValue] }
    let participants = Double(run.milestoneCount[Milestone.engaged.rawValue])
    let outcomes = tally(.both) + tally(.douseOnly) + tally(.donateOnly) + tally(.neither)
    func share(_ t: Tally) -> Double? { outcomes > 0 ? tally(t) / outcomes : nil }
    let answered = tally(.nominationsAnswered)
    var delays = (0..<run.samples.count).map { run.samples[$0] }
    delays.sort()
    let median: Double? =
      delays.isEmpty
      ? nil : delays.count % 2 == 1 ? delays[delays.count / 2] : (delays[delays.count / 2 - 1] + delays[delays.count / 2]) / 2
    // The nomination chains: the cascade tree without the links into agents who joined
    // alone, each chain classed by its root.
    let joinedAlone = { (node: Int) in run.state(node) & Self.joinedAlone != 0 }
    let forest = run.forest(classes: Chains.allCases.count, cutting: joinedAlone) { slot in
      if slot < run.seedRoots { return Chains.seed.rawValue }
      return (joinedAlone(Int(run.treeNode[slot])) ? Chains.selfJoin : Chains.wave).rawValue
    }
    func members(_ chains: Chains) -> Double { Double(forest.generations[chains.rawValue].agents.reduce(0, +)) }
    let selfJoined = tally(.selfJoined)
    let values: [Double?] = [
      participants, tally(.nominators), tally(.nominationsSent), answered, tally(.acceptedNominations), tally(.alreadyIn),
      share(.both), share(.douseOnly), share(.donateOnly), share(.neither),
      Double(run.milestoneCount[Milestone.adopted.rawValue]),
      tally(.money), delays.isEmpty ? nil : delays.reduce(0, +) / Double(delays.count), median,
      answered > 0 ? tally(.late) / answered : nil,
      tally(.nominators) > 0 ? tally(.acceptedNominations) / tally(.nominators) : nil,
      tally(.earlyNominators) > 0 ? tally(.earlyAccepted) / tally(.earlyNominators) : nil, members(.seed),
      run.seedRoots > 0 ? Double(forest.generations[Chains.seed.rawValue].depth) : nil, members(.wave), selfJoined,
      members(.selfJoin),
      Double(forest.depth), forest.structuralVirality, participants > 0 ? selfJoined / participants : nil,
    ]
    return ModelMetrics(
      values: values,
      generations: Chains.allCases.map { GenerationTable(tree: $0.tree, counts: forest.generations[$0.rawValue]) })
  }
}

extension Nomination {
  /// Seeds, wave starters, nominees (taking part or not), and agents who joined alone: after
  /// a friend's post, or an ad (no parent).
  public func route(_ node: Int, slot: Int?, seed: Bool, _ run: SimulationRun) -> Route? {
    if seed { return .seed }
    let state = run.state(node)
    guard let slot else { return state & 0x7F > 0 ? .nominated : nil }
    let rooted = run.treeParent[slot] < 0
    if state & Self.joinedAlone != 0 { return rooted ? .media : .joinedOnItsOwn }
    return rooted ? .wave : .nominated
  }

  /// Took part (and donated or not); a nominee who did not take part declined or donated
  /// instead; anyone else heard, and may have donated.
  public func outcome(_ node: Int, _ run: SimulationRun) -> String {
    let donated = run.has(node, .adopted)
    if run.isReached(node) { return donated ? "took_part_and_donated" : "took_part" }
    if run.state(node) & 0x7F > 0 { return donated ? "donated_instead" : "declined" }
    return donated ? "donated" : "heard"
  }
}
