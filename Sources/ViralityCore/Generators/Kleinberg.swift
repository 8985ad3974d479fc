// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule

/// Kleinberg's navigable small world: a `side` × `side` lattice in which every node knows
/// the nodes within lattice (Manhattan) distance `local_range`, plus `long_range` contacts
/// chosen with probability proportional to r^(−`exponent`), r being the lattice distance.
/// At exponent 2 short chains can be found with local information only.
///
/// J. Kleinberg, "Navigation in a small world", Nature 406:845 (2000); "The small-world
/// phenomenon: an algorithmic perspective", STOC 2000.
///
/// The lattice wraps around (a torus), so every node sees the same distances: a distance is
/// drawn from an alias table over r (weight: number of nodes at distance r times r^−α), then
/// a uniform node at that distance by rejection from the diamond of radius r. Contacts are
/// friendships (undirected); repeats are dropped.
///
/// - Complexity: O(n·(local_range² + long_range)) time and memory.
public struct Kleinberg: GraphGenerator {
  public static let modelName = "kleinberg"
  public var side: Int
  public var localRange: Int
  public var longRange: Int
  public var exponent: Double

  public init(side: Int, localRange: Int = 1, longRange: Int = 1, exponent: Double = 2) {
    self.side = side
    self.localRange = localRange
    self.longRange = longRange
    self.exponent = exponent
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case side, localRange = "local_range", longRange = "long_range", exponent
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: GraphModelKeys.shared)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      side: try c.decode(Int.self, forKey: .side), localRange: try c.value(.localRange, default: 1),
      longRange: try c.value(.longRange, default: 1), exponent: try c.value(.exponent, default: 2))
  }

  public var nodes: Int { side * side }

  public func validate() throws(ParameterError) {
    guard side >= 3, side <= 65_535 else {
      throw ParameterError("side", "must be from 3 to 65535 (side² nodes); got \(side)")
    }
    guard localRange >= 1, localRange <= (side - 1) / 2 else {
      throw ParameterError("local_range", "must be from 1 to \((side - 1) / 2) (less than half the side); got \(localRange)")
    }
    try Check.range(longRange, 0...1000, "long_range")
    try Check.range(exponent, 0...20, "exponent")
  }

  /// Offsets along one axis: −⌊(side−1)/2⌋ … ⌊side/2⌋, one per column of the torus.
  private var lowest: Int { -((side - 1) / 2) }
  private var highest: Int { side / 2 }

  public var expectedSize: GraphSize {
    let local = Double(localRange) * Double(localRange + 1)  // half of the 2r(r+1) diamond
    return GraphSize(nodes: nodes, expectedEdges: Double(nodes) * (local + Double(longRange)), directed: false)
  }

  /// How many offsets (dx, dy) on the torus lie at distance r.
  func countAtDistance(_ r: Int) -> Int {
    var count = 0
    for dx in lowest...highest {
      let rest = r - abs(dx)
      if rest < 0 { continue }
      if rest == 0 {
        count += 1
      } else {
        if rest <= highest { count += 1 }
        if -rest >= lowest { count += 1 }
      }
    }
    return count
  }

  public func generate(using stream: RandomStream, threads: Int) -> Graph {
    var edges = EdgeList(reservingCapacity: expectedSize.edges)
    let local = localRange
    for y in 0..<side {
      for x in 0..<side {
        let u = y * side + x
        for dx in 0...local {
          for dy in -local...local where abs(dx) + abs(dy) >= 1 && abs(dx) + abs(dy) <= local {
            if dx == 0 && dy <= 0 { continue }
            edges.append(u, node(x + dx, y + dy))
          }
        }
      }
    }
    if longRange > 0 {
      let maxDistance = max(-lowest, highest) * 2
      let weights = (1...maxDistance).map { r in
        Double(countAtDistance(r)) * Double.pow(Double(r), -exponent)
      }
      // Weights are positive at r = 1 on any lattice of side ≥ 3.
      let distances = try! WeightedChoice(weights: weights)
      for y in 0..<side {
        for x in 0..<side {
          let u = y * side + x
          for _ in 0..<longRange {
            let (dx, dy) = offset(at: stream.choose(from: distances) + 1, stream)
            edges.append(u, node(x + dx, y + dy))
          }
        }
      }
    }
    return finish(edges, nodes: nodes, directed: false, threads: threads)
  }

  private func node(_ x: Int, _ y: Int) -> Int {
    ((y % side + side) % side) * side + (x % side + side) % side
  }

  /// A uniform offset at lattice distance r that fits the torus.
  private func offset(at r: Int, _ stream: RandomStream) -> (Int, Int) {
    while true {
      let t = stream.uniformInt(below: 4 * r)
      let i = t % r
      let (dx, dy): (Int, Int) =
        switch t / r {
        case 0: (r - i, i)
        case 1: (-i, r - i)
        case 2: (i - r, -i)
        default: (i, i - r)
        }
      if dx >= lowest && dx <= highest && dy >= lowest && dy <= highest { return (dx, dy) }
    }
  }
}
