// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The stochastic block model: nodes fall into communities (interest circles); two nodes of
/// the same community are friends with probability `p_in`, of different communities with
/// probability `p_out`. Each node's community is kept with the graph.
///
/// P. W. Holland, K. B. Laskey & S. Leinhardt, "Stochastic blockmodels: first steps",
/// Social Networks 5:109–137 (1983).
///
/// Each block and each pair of blocks is sampled by geometric skipping.
/// - Complexity: O(n + number of blocks² + m).
public struct StochasticBlockModel: GraphGenerator {
  public static let modelName = "stochastic-block"
  /// The community sizes; or give `nodes` and `communities` for equal sizes.
  public var sizes: [Int]
  public var pIn: Double
  public var pOut: Double

  public init(sizes: [Int], pIn: Double, pOut: Double) {
    self.sizes = sizes
    self.pIn = pIn
    self.pOut = pOut
  }

  /// `communities` blocks of (nearly) equal size summing to `nodes`.
  public init(nodes: Int, communities: Int, pIn: Double, pOut: Double) {
    let base = nodes / max(communities, 1)
    let extra = nodes - base * max(communities, 1)
    self.init(sizes: (0..<max(communities, 1)).map { base + ($0 < extra ? 1 : 0) }, pIn: pIn, pOut: pOut)
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
      let nodes = try c.decode(Int.self, forKey: .nodes)
      let communities = try c.decode(Int.self, forKey: .communities)
      guard communities >= 1, communities <= max(nodes, 1) else {
        throw DecodingError.dataCorruptedError(
          forKey: .communities, in: c, debugDescription: "must be from 1 to nodes (\(nodes)); got \(communities)")
      }
      self.init(nodes: nodes, communities: communities, pIn: pIn, pOut: pOut)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(sizes, forKey: .sizes)
    try c.encode(pIn, forKey: .pIn)
    try c.encode(pOut, forKey: .pOut)
  }

  public var nodes: Int { sizes.reduce(0, +) }

  public func validate() throws(ParameterError) {
    guard !sizes.isEmpty, sizes.allSatisfy({ $0 >= 1 }) else {
      throw ParameterError("sizes", "every community needs at least one node")
    }
    try Check.nodeCount(nodes, "sizes", minimum: 2)
    try Check.probability(pIn, "p_in")
    try Check.probability(pOut, "p_out")
  }

  public var expectedSize: GraphSize {
    let n = Double(nodes)
    let within = sizes.reduce(0.0) { $0 + Double($1) * Double($1 - 1) / 2 }
    let between = n * (n - 1) / 2 - within
    return GraphSize(nodes: nodes, edges: Int(pIn * within + pOut * between), directed: false)
  }

  public func generate(using stream: RandomStream, threads: Int) -> Graph {
    var starts = [0]
    for size in sizes { starts.append(starts.last! + size) }
    var edges = EdgeList(reservingCapacity: Int(Double(expectedSize.edges) * 1.01) + 64)
    var communities = [UInt32](repeating: 0, count: nodes)
    for (block, size) in sizes.enumerated() {
      let start = starts[block]
      for u in start..<(start + size) { communities[u] = UInt32(block) }
      BernoulliPairs.upperTriangle(size, pIn, stream) { edges.append(start + $0, start + $1) }
      for other in (block + 1)..<sizes.count {
        let otherStart = starts[other]
        BernoulliPairs.rectangle(size, sizes[other], pOut, stream) { edges.append(start + $0, otherStart + $1) }
      }
    }
    return finish(edges, nodes: nodes, directed: false, threads: threads, communities: communities)
  }
}
