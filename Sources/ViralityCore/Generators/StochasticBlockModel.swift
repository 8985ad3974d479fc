// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The stochastic block model: nodes fall into communities (interest circles); two nodes of
/// the same community are friends with probability `p_in`, of different communities with
/// probability `p_out`. Each node's community is kept with the graph.
///
/// P. W. Holland, K. B. Laskey & S. Leinhardt, "Stochastic blockmodels: first steps",
/// Social Networks 5:109–137 (1983).
///
/// Ties inside each community are drawn by geometric skipping over its pairs; ties between
/// communities by geometric skipping over all pairs at `p_out`, passing over the pairs of a
/// community (which the first pass drew), so the work does not grow with the number of pairs
/// of communities.
/// - Complexity: O(n + communities + m + p_out · pairs inside communities).
public struct StochasticBlockModel: GraphGenerator {
  public static let modelName = "stochastic-block"

  /// How the nodes are split: listed sizes, or `communities` blocks of (nearly) equal size
  /// summing to `nodes`, kept without listing them (there may be as many as nodes).
  public enum Blocks: Sendable, Equatable {
    case sizes([Int])
    case equal(nodes: Int, communities: Int)
  }

  public var blocks: Blocks
  public var pIn: Double
  public var pOut: Double

  public init(sizes: [Int], pIn: Double, pOut: Double) {
    self.blocks = .sizes(sizes)
    self.pIn = pIn
    self.pOut = pOut
  }

  /// `communities` blocks of (nearly) equal size summing to `nodes`: the first
  /// `nodes mod communities` one larger.
  public init(nodes: Int, communities: Int, pIn: Double, pOut: Double) {
    self.blocks = .equal(nodes: nodes, communities: communities)
    self.pIn = pIn
    self.pOut = pOut
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case sizes, nodes, communities, pIn = "p_in", pOut = "p_out"
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: GraphModelKeys.shared)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let pIn = try c.decode(Double.self, forKey: .pIn)
    let pOut = try c.decode(Double.self, forKey: .pOut)
    if let sizes = try c.decodeIfPresent([Int].self, forKey: .sizes) {
      guard !c.contains(.nodes), !c.contains(.communities) else {
        throw DecodingError.dataCorruptedError(
          forKey: .nodes, in: c, debugDescription: "give either sizes or nodes and communities, not both")
      }
      self.init(sizes: sizes, pIn: pIn, pOut: pOut)
    } else {
      self.init(
        nodes: try c.decode(Int.self, forKey: .nodes), communities: try c.decode(Int.self, forKey: .communities), pIn: pIn,
        pOut: pOut)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch blocks {
    case .sizes(let sizes): try c.encode(sizes, forKey: .sizes)
    case .equal(let nodes, let communities):
      try c.encode(nodes, forKey: .nodes)
      try c.encode(communities, forKey: .communities)
    }
    try c.encode(pIn, forKey: .pIn)
    try c.encode(pOut, forKey: .pOut)
  }

  public var nodes: Int {
    switch blocks {
    case .sizes(let sizes): sizes.reduce(0) { $0 &+ $1 }
    case .equal(let nodes, _): nodes
    }
  }

  public var communityCount: Int? {
    switch blocks {
    case .sizes(let sizes): sizes.count
    case .equal(_, let communities): communities
    }
  }

  /// Every community's size. - Complexity: O(communities).
  public var sizes: [Int] { (0..<communityCount!).map(size) }

  /// The size of community `block`.
  func size(_ block: Int) -> Int {
    switch blocks {
    case .sizes(let sizes): return sizes[block]
    case .equal(let nodes, let communities):
      return nodes / communities + (block < nodes % communities ? 1 : 0)
    }
  }

  public func validate() throws(ParameterError) {
    switch blocks {
    case .sizes(let sizes):
      guard !sizes.isEmpty, sizes.allSatisfy({ $0 >= 1 }) else {
        throw ParameterError("sizes", "every community needs at least one node")
      }
      // Summed in floating point: no list of sizes may overflow the check.
      let total = sizes.reduce(0.0) { $0 + Double($1) }
      guard total <= Double(Limits.agents) else {
        throw ParameterError("sizes", "the sizes add up to \(total.shortDescription) nodes; at most \(Limits.agents)")
      }
      try Check.nodeCount(nodes, "sizes", minimum: 2)
    case .equal(let nodes, let communities):
      try Check.nodeCount(nodes, "nodes", minimum: 2)
      guard communities >= 1, communities <= nodes else {
        throw ParameterError("communities", "must be from 1 to nodes (\(nodes)); got \(communities)")
      }
    }
    try Check.probability(pIn, "p_in")
    try Check.probability(pOut, "p_out")
  }

  /// Node pairs inside communities. - Complexity: O(1) for equal sizes, else O(communities).
  var pairsInside: Double {
    switch blocks {
    case .sizes(let sizes): return sizes.reduce(0.0) { $0 + Double($1) * Double($1 - 1) / 2 }
    case .equal(let nodes, let communities):
      let (base, larger) = (Double(nodes / communities), Double(nodes % communities))
      return larger * (base + 1) * base / 2 + (Double(communities) - larger) * base * (base - 1) / 2
    }
  }

  public var expectedSize: GraphSize {
    let n = Double(nodes)
    let within = pairsInside
    let between = n * (n - 1) / 2 - within
    // Each node's community (4 bytes) is kept with the graph.
    var size = GraphSize(nodes: nodes, expectedEdges: pIn * within + pOut * between, directed: false)
    size.extraBytes = 4 * nodes
    return size
  }

  public func generate(using stream: RandomStream, threads: Int) -> Graph {
    let n = nodes
    var edges = EdgeList(reservingCapacity: Int(Double(expectedSize.edges) * 1.01) + 64)
    var communities = [UInt32](repeating: 0, count: n)
    var start = 0
    for block in 0..<communityCount! {
      let size = size(block)
      for u in start..<(start + size) { communities[u] = UInt32(block) }
      BernoulliPairs.upperTriangle(size, pIn, stream) { edges.append(start + $0, start + $1) }
      start += size
    }
    if pOut > 0 {
      BernoulliPairs.upperTriangle(n, pOut, stream) { u, v in
        if communities[u] != communities[v] { edges.append(u, v) }
      }
    }
    return finish(edges, nodes: n, directed: false, threads: threads, communities: communities)
  }
}
