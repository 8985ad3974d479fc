// SPDX-License-Identifier: GPL-3.0-or-later
import HeapModule

/// `degree-discount`: degree discount for the independent cascade (W. Chen, Y. Wang &
/// S. Yang, "Efficient influence maximization in social networks", KDD 2009, §4): seeds
/// are taken greedily by discounted degree, and every seed lowers the value of the agents
/// around it.
///
/// On an undirected graph, an agent v with degree d_v and t_v seeded neighbours is worth
/// dd_v = d_v − 2·t_v − (d_v − t_v)·t_v·p, the published formula. On a follower graph the
/// two roles of a seeded neighbour part: s_v seeded followers are reached already, and
/// t_v seeded accounts v follows may reach v first, so
/// dd_v = d_v − s_v − t_v − (d_v − s_v)·t_v·p with d_v the followers; with s_v = t_v this
/// is the formula above.
///
/// p is `probability` when given, else a typical tie's probability under the campaign's
/// influence process (`InfluenceProcess.meanProbability`).
///
/// When senders' own factors differ (`population.attention`, or activity for models whose
/// sharing it scales: `InfluenceProcess.senderFactor`), a tie from w carries p·a_w. Chen et
/// al.'s value is the first-order expansion of the gain (1 − t_v·p)(1 + (d_v − s_v)·p)
/// divided by p; the same expansion of (1 − τ_v·p)(1 + (d_v − s_v)·a_v·p), with τ_v the sum
/// of the seeded followees' factors, gives
/// dd_v = a_v·(d_v − s_v) − τ_v − (d_v − s_v)·a_v·τ_v·p, which is the formula above when
/// every a is 1 (p is then the probability before the factors).
/// - Complexity: O(n + limit · degree · log n) with a lazy max-heap.
public struct DegreeDiscount: SeedingStrategy {
  public static let strategyName = "degree-discount"
  public var probability: Double?
  public var scoreName: String? { "discounted_degree" }
  public var readsFollowingRows: Bool { true }

  public init(probability: Double? = nil) { self.probability = probability }

  enum CodingKeys: String, CodingKey, CaseIterable { case probability }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: SeedingSpec.sharedKeys)
    self.init(probability: try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Double.self, forKey: .probability))
  }

  public func validate() throws(ParameterError) {
    if let probability { try Check.probability(probability, "probability") }
  }

  public func rank(_ context: SeedingContext) -> SeedRanking {
    let graph = context.graph
    let process = context.campaign.process
    let population = context.population
    let weighs = process.senderFactorVaries(population)
    let p = probability ?? process.meanProbability(graph: graph, population: population, senderFactors: !weighs)
    let n = graph.nodeCount
    var seededFollowers = [Int32](repeating: 0, count: n)
    // t_v, or τ_v when senders' factors are weighed: sums of whole numbers or of factors.
    var seededFollowed = [Float](repeating: 0, count: n)
    var chosen = [Bool](repeating: false, count: n)
    func value(_ v: Int) -> Double {
      let d = Double(graph.followerCount(of: v))
      let s = Double(seededFollowers[v])
      let t = Double(seededFollowed[v])
      guard weighs else { return d - s - t - (d - s) * t * p }
      let a = process.senderFactor(v, population)
      return a * (d - s) - t - (d - s) * a * t * p
    }
    var heap = Heap<ScoredAgent>(context.eligibleAgents().map { ScoredAgent(value: value($0), agent: $0) })
    var agents: [Int] = []
    var scores: [Double] = []
    while agents.count < context.limit, let top = heap.popMax() {
      guard !chosen[top.agent] else { continue }
      let current = value(top.agent)
      guard current == top.value else {
        // A value that fell is queued again; one that rose was queued when it rose.
        if current < top.value { heap.insert(ScoredAgent(value: current, agent: top.agent)) }
        continue
      }
      let u = top.agent
      chosen[u] = true
      agents.append(u)
      scores.append(current)
      // u reaches its followers (each now has one more seeded account it follows) and is a
      // seeded follower of the accounts it follows.
      func update(_ v: Int, _ change: () -> Void) {
        let before = value(v)
        change()
        if value(v) > before, context.isEligible(v) { heap.insert(ScoredAgent(value: value(v), agent: v)) }
      }
      let weight = weighs ? Float(process.senderFactor(u, population)) : 1
      for v in graph.followers(of: u) where !chosen[Int(v)] { update(Int(v)) { seededFollowed[Int(v)] += weight } }
      for v in graph.following(of: u) where !chosen[Int(v)] { update(Int(v)) { seededFollowers[Int(v)] += 1 } }
    }
    return SeedRanking(agents: agents, scores: scores, workspaceBytes: n * 9 + heap.count * 16)
  }
}
