// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The Newman–Watts small-world model: a ring lattice where, for each lattice edge with
/// probability `shortcut`, a shortcut from its first node to a uniformly random other node is
/// added. Nothing is removed, so the graph stays connected.
///
/// M. E. J. Newman & D. J. Watts, "Renormalization group analysis of the small-world network
/// model", Physics Letters A 263:341–346 (1999).
///
/// - Complexity: O(n·k) time and memory.
public struct NewmanWatts: GraphGenerator {
  public static let modelName = "newman-watts"
  public var nodes: Int
  public var neighbors: Int
  /// The probability that each lattice edge brings one shortcut.
  public var shortcut: Double

  public init(nodes: Int, neighbors: Int = 10, shortcut: Double = 0.1) {
    self.nodes = nodes
    self.neighbors = neighbors
    self.shortcut = shortcut
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case nodes, neighbors, shortcut }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: GraphModelKeys.shared)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      nodes: try c.decode(Int.self, forKey: .nodes), neighbors: try c.value(.neighbors, default: 10),
      shortcut: try c.value(.shortcut, default: 0.1))
  }

  public func validate() throws(ParameterError) {
    try RingLatticeCheck.validate(nodes: nodes, neighbors: neighbors)
    try Check.probability(shortcut, "shortcut")
  }

  public var expectedSize: GraphSize {
    let lattice = Double(nodes) * Double(neighbors / 2)
    return GraphSize(nodes: nodes, expectedEdges: lattice * (1 + shortcut), directed: false)
  }

  public func generate(using stream: RandomStream, threads: Int) -> Graph {
    let latticeEdges = nodes * (neighbors / 2)
    var lattice = RingLattice(
      nodes: nodes, neighbors: neighbors, expectedAdditions: Int(shortcut * Double(latticeEdges) * 1.01) + 16)
    let skipper = GeometricSkipper(probability: shortcut)
    var e = skipper.next(stream) - 1
    var lapStart = 0
    while e < latticeEdges {
      while e - lapStart >= nodes { lapStart += nodes }
      let u = e - lapStart
      if let w = lattice.randomNonNeighbor(of: u, stream) { lattice.add(owner: u, w) }
      e += skipper.next(stream)
    }
    return lattice.graph(threads: threads)
  }
}
