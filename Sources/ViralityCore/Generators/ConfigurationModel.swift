// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The configuration model: a random graph with a given degree sequence, or with degrees
/// drawn from a distribution. Every node gets as many edge "stubs" as its degree; the stubs
/// are shuffled and joined in pairs. Self-loops and repeated edges are then erased (the
/// "erased configuration model"), which lowers a few high degrees slightly; the number
/// erased is reported.
///
/// M. Molloy & B. Reed, "A critical point for random graphs with a given degree sequence",
/// Random Struct. Alg. 6:161–179 (1995); M. E. J. Newman, S. H. Strogatz & D. J. Watts,
/// Phys. Rev. E 64:026118 (2001).
///
/// Degrees drawn from a distribution are rounded and clamped to 0 … n − 1; an odd total gets
/// one more stub on a random node.
/// - Complexity: O(n + m).
public struct ConfigurationModel: GraphGenerator {
  public static let modelName = "configuration"
  /// The degree of every node; or give `nodes` and `degrees`.
  public var degreeSequence: [Int]?
  public var nodes: Int
  public var degrees: Distribution?

  public init(degreeSequence: [Int]) {
    self.degreeSequence = degreeSequence
    self.nodes = degreeSequence.count
    self.degrees = nil
  }

  public init(nodes: Int, degrees: Distribution) {
    self.degreeSequence = nil
    self.nodes = nodes
    self.degrees = degrees
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case nodes, degrees, degreeSequence = "degree_sequence" }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: GraphModelKeys.shared)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    if let sequence = try c.decodeIfPresent([Int].self, forKey: .degreeSequence) {
      guard !c.contains(.degrees), !c.contains(.nodes) else {
        throw DecodingError.dataCorruptedError(
          forKey: .degreeSequence, in: c, debugDescription: "give either degree_sequence or nodes and degrees, not both")
      }
      self.init(degreeSequence: sequence)
    } else {
      self.init(nodes: try c.decode(Int.self, forKey: .nodes), degrees: try c.decode(Distribution.self, forKey: .degrees))
    }
  }

  public func validate() throws(ParameterError) {
    try Check.nodeCount(nodes, degreeSequence == nil ? "nodes" : "degree_sequence", minimum: 2)
    if let degreeSequence {
      if let bad = degreeSequence.first(where: { $0 < 0 || $0 >= nodes }) {
        throw ParameterError("degree_sequence", "degrees must be from 0 to nodes − 1 (\(nodes - 1)); got \(bad)")
      }
    }
    if let degrees {
      try degrees.validate("degrees")
      guard degrees.isNonNegative else { throw ParameterError("degrees", "degrees cannot be negative") }
    }
  }

  public var expectedSize: GraphSize {
    let stubs: Double =
      if let degreeSequence { degreeSequence.reduce(0.0) { $0 + Double($1) } } else {
        Double(nodes) * min(degrees?.mean ?? 0, Double(nodes - 1))
      }
    return GraphSize(nodes: nodes, expectedEdges: stubs / 2 + 1, directed: false)
  }

  /// The degree of every node: the sequence, or draws from the distribution.
  func drawDegrees(_ stream: RandomStream) -> [Int] {
    if let degreeSequence { return degreeSequence }
    let sampler = degrees!.sampler()
    // Clamped before converting: a draw of 1e300 is a degree of n − 1, not a trap.
    return (0..<nodes).map { _ in Int(min(max(sampler.sample(stream).rounded(), 0), Double(nodes - 1))) }
  }

  public func generate(using stream: RandomStream, threads: Int) -> Graph {
    var degree = drawDegrees(stream)
    var total = degree.reduce(0, +)
    if total % 2 == 1 {
      var u = stream.uniformInt(below: nodes)
      while degree[u] >= nodes - 1 { u = stream.uniformInt(below: nodes) }
      degree[u] += 1
      total += 1
    }
    var stubs = [UInt32]()
    stubs.reserveCapacity(total)
    for (u, d) in degree.enumerated() {
      for _ in 0..<d { stubs.append(UInt32(u)) }
    }
    stubs.withUnsafeMutableBufferPointer { stream.shuffle($0) }
    var edges = EdgeList(reservingCapacity: total / 2)
    var i = 0
    while i + 1 < total {
      edges.append(Int(stubs[i]), Int(stubs[i + 1]))
      i += 2
    }
    return finish(edges, nodes: nodes, directed: false, threads: threads)
  }
}
