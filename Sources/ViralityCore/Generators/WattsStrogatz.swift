// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The Watts–Strogatz small-world model: a ring lattice of `nodes`, each linked to its
/// `neighbors` nearest neighbours, whose edges are rewired with probability `rewire` to a
/// uniformly random new endpoint (no self-loops, no duplicates). At small `rewire` the graph
/// keeps the lattice's clustering while its average distance collapses: "six degrees".
///
/// D. J. Watts & S. H. Strogatz, "Collective dynamics of 'small-world' networks",
/// Nature 393:440–442 (1998).
///
/// Edges are taken lap by lap as in the paper; the edges to rewire are found by geometric
/// skipping. - Complexity: O(n·k) time and memory.
public struct WattsStrogatz: GraphGenerator {
  public static let modelName = "watts-strogatz"
  public var nodes: Int
  /// k: each node's number of lattice neighbours (even).
  public var neighbors: Int
  /// p: the probability that each lattice edge is rewired.
  public var rewire: Double

  public init(nodes: Int, neighbors: Int = 10, rewire: Double = 0.1) {
    self.nodes = nodes
    self.neighbors = neighbors
    self.rewire = rewire
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case nodes, neighbors, rewire }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: GraphModelKeys.shared)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      nodes: try c.decode(Int.self, forKey: .nodes), neighbors: try c.value(.neighbors, default: 10),
      rewire: try c.value(.rewire, default: 0.1))
  }

  public func validate() throws(ParameterError) {
    try RingLatticeCheck.validate(nodes: nodes, neighbors: neighbors)
    try Check.probability(rewire, "rewire")
  }

  public var expectedSize: GraphSize {
    GraphSize(nodes: nodes, expectedEdges: Double(nodes) * Double(neighbors / 2), directed: false)
  }

  public func generate(using stream: RandomStream, threads: Int) -> Graph {
    rewiredRing(using: stream).graph(threads: threads)
  }

  /// The rewired ring as an edge list, each friendship once.
  public func edgeList(using stream: RandomStream) -> EdgeList {
    rewiredRing(using: stream).edgeList()
  }

  /// The ring after rewiring, drawn from `stream`.
  func rewiredRing(using stream: RandomStream) -> RingLattice {
    let count = nodes * (neighbors / 2)
    var lattice = RingLattice(nodes: nodes, neighbors: neighbors, expectedAdditions: Int(rewire * Double(count) * 1.01) + 16)
    let skipper = GeometricSkipper(probability: rewire)
    var e = skipper.next(stream) - 1
    var lapStart = 0
    while e < count {
      while e - lapStart >= nodes { lapStart += nodes }
      let u = e - lapStart
      if let w = lattice.randomNonNeighbor(of: u, stream) {
        lattice.remove(e)
        lattice.add(owner: u, w)
      }
      e += skipper.next(stream)
    }
    return lattice
  }
}
