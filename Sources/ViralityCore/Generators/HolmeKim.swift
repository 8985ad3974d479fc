// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The Holme–Kim model: preferential attachment with triad formation. Each new node makes
/// one preferential-attachment link to some w, then for each of its other m − 1 links, with
/// probability `triad` it befriends a random friend of w (closing a triangle) and otherwise
/// makes another preferential-attachment link (which becomes the new w). It keeps the
/// Barabási–Albert degree tail and adds tunable clustering.
///
/// P. Holme & B. J. Kim, "Growing scale-free networks with tunable clustering",
/// Phys. Rev. E 65:026107 (2002).
///
/// - Complexity: O(n·m) expected time and memory.
public struct HolmeKim: GraphGenerator {
  public static let modelName = "holme-kim"
  public var nodes: Int
  public var edgesPerNode: Int
  /// The probability of a triad-formation step.
  public var triad: Double

  public init(nodes: Int, edgesPerNode: Int = 3, triad: Double = 0.5) {
    self.nodes = nodes
    self.edgesPerNode = edgesPerNode
    self.triad = triad
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case nodes, edgesPerNode = "edges_per_node", triad }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: GraphModelKeys.shared)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      nodes: try c.decode(Int.self, forKey: .nodes), edgesPerNode: try c.value(.edgesPerNode, default: 3),
      triad: try c.value(.triad, default: 0.5))
  }

  public func validate() throws(ParameterError) {
    try Check.nodeCount(nodes, "nodes", minimum: 2)
    try PreferentialAttachment.validate(nodes: nodes, edgesPerNode: edgesPerNode)
    try Check.probability(triad, "triad")
  }

  public var expectedSize: GraphSize {
    PreferentialAttachment.expectedSize(nodes: nodes, edgesPerNode: edgesPerNode)
  }

  public func generate(using stream: RandomStream, threads: Int) -> Graph {
    let m = edgesPerNode
    var edges = EdgeList(reservingCapacity: PreferentialAttachment.edgeCount(nodes: nodes, edgesPerNode: m))
    var endpoints: [UInt32] = []
    endpoints.reserveCapacity(2 * edges.sources.capacity)
    var friends = [[UInt32]](repeating: [], count: nodes)
    func link(_ u: Int, _ v: Int) {
      edges.append(u, v)
      friends[u].append(UInt32(v))
      friends[v].append(UInt32(u))
    }
    for a in 0...m { for b in 0..<a { link(a, b) } }
    for a in 0...m { for _ in 0..<m { endpoints.append(UInt32(a)) } }
    var picks: [Int] = []
    for v in (m + 1)..<max(nodes, m + 1) {
      let available = endpoints.count
      picks.removeAll(keepingCapacity: true)
      func attach() -> Int {
        while true {
          let t = Int(endpoints[stream.uniformInt(below: available)])
          if !picks.contains(t) { return t }
        }
      }
      var anchor = attach()
      picks.append(anchor)
      while picks.count < m {
        if stream.bernoulli(triad), let x = randomFriend(of: anchor, avoiding: picks, friends, stream) {
          picks.append(x)
        } else {
          anchor = attach()
          picks.append(anchor)
        }
      }
      for t in picks {
        link(v, t)
        endpoints.append(UInt32(v))
        endpoints.append(UInt32(t))
      }
    }
    return finish(edges, nodes: nodes, directed: false, threads: threads)
  }

  /// A uniformly random friend of `w` not in `picks`, or nil if there is none.
  private func randomFriend(of w: Int, avoiding picks: [Int], _ friends: [[UInt32]], _ stream: RandomStream) -> Int? {
    let row = friends[w]
    for _ in 0..<(2 * picks.count + 4) {
      let x = Int(row[stream.uniformInt(below: row.count)])
      if !picks.contains(x) { return x }
    }
    let open = row.lazy.map(Int.init).filter { !picks.contains($0) }
    let candidates = Array(open)
    return candidates.isEmpty ? nil : candidates[stream.uniformInt(below: candidates.count)]
  }
}
