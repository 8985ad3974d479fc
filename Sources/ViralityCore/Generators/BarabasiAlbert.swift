// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The Barabási–Albert preferential-attachment model: starting from a clique of m + 1 nodes,
/// each new node links to m distinct existing nodes chosen with probability proportional to
/// their degree. Degrees follow P(k) = 2m(m + 1) / (k(k + 1)(k + 2)) for large n.
///
/// A.-L. Barabási & R. Albert, "Emergence of scaling in random networks", Science
/// 286:509–512 (1999); degree law: Dorogovtsev, Mendes & Samukhin, PRL 85:4633 (2000) and
/// Bollobás, Riordan, Spencer & Tusnády, Random Struct. Alg. 18:279 (2001).
///
/// Degree-proportional choice samples a uniform position in the list of all edge endpoints
/// so far (Batagelj & Brandes, Phys. Rev. E 71:036113, 2005); the m targets of one node are
/// drawn from the list as it stood before that node arrived, repeats redrawn.
///
/// - Complexity: O(n·m) time and memory.
public struct BarabasiAlbert: GraphGenerator {
  public static let modelName = "barabasi-albert"
  public var nodes: Int
  /// m: the edges each new node brings.
  public var edgesPerNode: Int

  public init(nodes: Int, edgesPerNode: Int = 3) {
    self.nodes = nodes
    self.edgesPerNode = edgesPerNode
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case nodes, edgesPerNode = "edges_per_node" }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: GraphModelKeys.shared)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(nodes: try c.decode(Int.self, forKey: .nodes), edgesPerNode: try c.value(.edgesPerNode, default: 3))
  }

  public func validate() throws(ParameterError) {
    try Check.nodeCount(nodes, "nodes", minimum: 2)
    try PreferentialAttachment.validate(nodes: nodes, edgesPerNode: edgesPerNode)
  }

  public var expectedSize: GraphSize {
    GraphSize(nodes: nodes, edges: PreferentialAttachment.edgeCount(nodes: nodes, edgesPerNode: edgesPerNode), directed: false)
  }

  public func generate(using stream: RandomStream, threads: Int) -> Graph {
    let m = edgesPerNode
    let total = PreferentialAttachment.edgeCount(nodes: nodes, edgesPerNode: m)
    var sources = [UInt32](repeating: 0, count: total)
    var targets = [UInt32](repeating: 0, count: total)
    var endpoints = [UInt32](repeating: 0, count: 2 * total)
    sources.withUnsafeMutableBufferPointer { sources in
      targets.withUnsafeMutableBufferPointer { targets in
        endpoints.withUnsafeMutableBufferPointer { endpoints in
          var edge = 0
          func link(_ u: Int, _ v: UInt32) {
            sources[edge] = UInt32(u)
            targets[edge] = v
            endpoints[2 &* edge] = UInt32(u)
            endpoints[2 &* edge &+ 1] = v
            edge &+= 1
          }
          for a in 0...m { for b in 0..<a { link(a, UInt32(b)) } }
          var positions = [Int](repeating: 0, count: m)
          var picks = [UInt32](repeating: 0, count: m)
          for v in (m + 1)..<max(nodes, m + 1) {
            let available = 2 &* edge
            // Draw all m positions first, then read them: the m cache misses overlap.
            for i in 0..<m { positions[i] = stream.uniformInt(below: available) }
            for i in 0..<m { picks[i] = endpoints[positions[i]] }
            // Redraw repeats, in order, until the m targets are distinct.
            var i = 1
            while i < m {
              var repeated = false
              for k in 0..<i where picks[k] == picks[i] { repeated = true }
              if repeated {
                picks[i] = endpoints[stream.uniformInt(below: available)]
              } else {
                i &+= 1
              }
            }
            for i in 0..<m { link(v, picks[i]) }
          }
        }
      }
    }
    return finish(EdgeList(sources: sources, targets: targets), nodes: nodes, directed: false, threads: threads)
  }
}

/// Shared by the preferential-attachment models.
enum PreferentialAttachment {
  static func validate(nodes: Int, edgesPerNode: Int) throws(ParameterError) {
    guard edgesPerNode >= 1, edgesPerNode < nodes else {
      throw ParameterError("edges_per_node", "must be from 1 to nodes − 1 (\(nodes - 1)); got \(edgesPerNode)")
    }
  }

  /// A clique on m + 1 nodes, then m edges for each later node.
  static func edgeCount(nodes: Int, edgesPerNode m: Int) -> Int {
    m * (m + 1) / 2 + max(0, nodes - m - 1) * m
  }
}
