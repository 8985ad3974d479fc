// SPDX-License-Identifier: GPL-3.0-or-later

/// The process influence-maximisation strategies (IMM, degree discount) optimise: an
/// independent cascade with a probability per tie, or the linear threshold model with
/// weights 1/(accounts the receiver follows). Each campaign model states which one stands
/// for it (`CampaignModel.influenceProcess`): exactly for the independent cascade and the
/// linear threshold, as a stated approximation for the others.
///
/// Influence travels from an account to its followers (against the follow edges).
public struct InfluenceProcess: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case cascade = "independent-cascade"
    case threshold = "linear-threshold"
  }

  public var kind: Kind
  /// Probability that an active account activates a follower (cascade), before the factors
  /// below.
  public var probability: Double
  /// Divided by the number of accounts the follower follows (Kempe et al.'s weighted
  /// cascade).
  public var perFollowed: Bool
  /// Times the sender's influence.
  public var senderInfluence: Bool
  /// Times the receiver's susceptibility.
  public var receiverSusceptibility: Bool
  /// Times the sender's attention (`population.attention`): the share of its audience a
  /// post of an account its size reaches. True for every process a post drives.
  public var senderAttention: Bool
  /// Times the sender's activity (how readily it passes things on), for models whose
  /// sharing it scales.
  public var senderActivity: Bool
  /// Only friends (reciprocal ties) are influenced, each sender choosing this many of its
  /// friends: times min(1, nominees / friends of the sender). Nil: every follower.
  public var nominees: Int?
  /// What the process is, in words, when it approximates the campaign model.
  public var approximation: String?

  public init(
    cascade probability: Double, perFollowed: Bool = false, senderInfluence: Bool = false,
    receiverSusceptibility: Bool = false, senderAttention: Bool = true, senderActivity: Bool = false, nominees: Int? = nil,
    approximation: String? = nil
  ) {
    kind = .cascade
    self.probability = min(max(probability, 0), 1)
    self.perFollowed = perFollowed
    self.senderInfluence = senderInfluence
    self.receiverSusceptibility = receiverSusceptibility
    self.senderAttention = senderAttention
    self.senderActivity = senderActivity
    self.nominees = nominees
    self.approximation = approximation
  }

  /// The linear threshold model (uniform thresholds, weights 1/accounts followed).
  public static func threshold(approximation: String? = nil) -> InfluenceProcess {
    var process = InfluenceProcess(cascade: 1, senderAttention: false, approximation: approximation)
    process.kind = .threshold
    return process
  }

  /// Whether every tie into a receiver has the same probability in `population`, so a
  /// reverse walk can skip geometrically over the accounts the receiver follows.
  public func isUniformPerReceiver(_ population: Population) -> Bool {
    kind == .cascade && !senderInfluence && nominees == nil && !senderFactorVaries(population)
  }

  /// The factor the sender `u` itself puts on each of its ties: its attention and activity,
  /// as the process takes them.
  @inline(__always)
  public func senderFactor(_ u: Int, _ population: Population) -> Double {
    (senderAttention ? population.attention[u] : 1) * (senderActivity ? population.activity[u] : 1)
  }

  /// Whether senders' own factors (`senderFactor`) differ in `population`, so ties from them
  /// differ.
  public func senderFactorVaries(_ population: Population) -> Bool {
    (senderAttention && population.attention.constantValue == nil)
      || (senderActivity && population.activity.constantValue == nil)
  }

  /// Whether every sender's own factor is exactly 1 in `population`.
  public func senderFactorIsOne(_ population: Population) -> Bool {
    (!senderAttention || population.attention.constantValue == 1)
      && (!senderActivity || population.activity.constantValue == 1)
  }

  /// What is optimised, in one line.
  public var summary: String {
    let exact = kind == .threshold ? "the linear threshold model" : "the independent cascade"
    return approximation.map { "\(exact), approximating \($0)" } ?? exact
  }

  /// The probability that `u` activates its follower `v` (cascade), given the accounts `v`
  /// follows and the friends of `u`.
  @inline(__always)
  public func probability(
    from u: Int, to v: Int, followedByReceiver: Int, friendsOfSender: Int, population: Population
  ) -> Double {
    var p = probability
    if perFollowed { p /= Double(max(followedByReceiver, 1)) }
    if senderInfluence { p *= population.influence[u] }
    p *= senderFactor(u, population)
    if receiverSusceptibility { p *= population.susceptibility[v] }
    if let nominees { p *= min(1, Double(nominees) / Double(max(friendsOfSender, 1))) }
    return min(p, 1)
  }

  /// A typical tie's probability, for heuristics that take one number (degree discount);
  /// without `senderFactors`, before the senders' own factors (a heuristic that weighs each
  /// sender's factor itself).
  public func meanProbability(graph: Graph, population: Population, senderFactors: Bool = true) -> Double {
    switch kind {
    case .threshold:
      return graph.arcCount > 0 ? Double(graph.nodeCount) / Double(graph.arcCount) : 0
    case .cascade:
      var p = probability
      if perFollowed, graph.arcCount > 0 { p *= Double(graph.nodeCount) / Double(graph.arcCount) }
      if senderInfluence { p *= Self.mean(population.influence, population.count) }
      if senderFactors, !senderFactorIsOne(population) {
        var sum = 0.0
        for u in 0..<graph.nodeCount { sum += Double(graph.followerCount(of: u)) * senderFactor(u, population) }
        p *= graph.arcCount > 0 ? sum / Double(graph.arcCount) : 0
      }
      if receiverSusceptibility { p *= Self.mean(population.susceptibility, population.count) }
      if let nominees, graph.arcCount > 0 {
        p *= min(1, Double(nominees) * Double(graph.nodeCount) / Double(graph.arcCount))
      }
      return min(p, 1)
    }
  }

  private static func mean(_ attribute: AgentAttribute, _ n: Int) -> Double {
    switch attribute {
    case .constant(let value): value
    case .values(let values): values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
  }
}
