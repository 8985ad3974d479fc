// SPDX-License-Identifier: GPL-3.0-or-later

/// `friendship-paradox`: acquaintance seeding: a random account followed by a random agent,
/// drawn anew for every replicate. Your friends have more friends than you do, so this finds
/// well-connected agents without knowing the graph (R. Cohen, S. Havlin & D. ben-Avraham,
/// "Efficient immunization strategies for computer networks and populations", PRL 91:247901,
/// 2003; N. A. Christakis & J. H. Fowler, "Social network sensors for early detection of
/// contagious outbreaks", PLoS ONE 5:e12948, 2010; D. A. Kim et al., "Social network targeting
/// to maximise population behaviour change", Lancet 386:145, 2015).
/// - Complexity: O(limit) expected draws.
public struct FriendshipParadox: ParameterlessStrategy {
  public static let strategyName = "friendship-paradox"
  public var kind: SeedingKind { .perReplicate }
  public var scoreName: String? { "followers" }
  public var readsFollowingRows: Bool { true }

  public init() {}

  public func rank(_ context: SeedingContext) -> SeedRanking {
    let graph = context.graph
    let n = graph.nodeCount
    var chosen: [Int] = []
    var seen = Set<Int>()
    // Draws that find no new eligible friend are bounded, so sparse tiers end.
    var misses = 0
    while chosen.count < context.limit, misses < 100 * max(context.limit, 10) {
      let agent = context.stream.uniformInt(below: n)
      let friends = graph.following(of: agent)
      guard !friends.isEmpty else {
        misses += 1
        continue
      }
      let friend = Int(friends[friends.startIndex + context.stream.uniformInt(below: friends.count)])
      if context.isEligible(friend), seen.insert(friend).inserted { chosen.append(friend) } else { misses += 1 }
    }
    return SeedRanking(agents: chosen, scores: chosen.map { Double(graph.followerCount(of: $0)) })
  }
}
