// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import RealModule

/// A random-graph model. Its parameters are the struct's fields (one `Codable` struct per
/// model, the same one the scenario file is read into); `validate()` checks them and
/// `generate` draws one graph from the model.
public protocol GraphGenerator: Codable, Sendable, Equatable {
  /// The `model:` name in scenario files.
  static var modelName: String { get }
  /// Checks every parameter, naming the key and the allowed values on failure.
  func validate() throws(ParameterError)
  /// The expected size, used to check memory before building.
  var expectedSize: GraphSize { get }
  /// The number of communities the model plants (labelled `c0`, `c1`, … as population
  /// segments), or nil if it plants none.
  var communityCount: Int? { get }
  /// Draws one graph. Only `stream` supplies randomness; the same seed gives the same graph
  /// for any `threads`.
  func generate(using stream: RandomStream, threads: Int) -> Graph
}

/// Keys every `graph:` section may hold besides its model's own parameters.
public enum GraphModelKeys {
  public static let shared = ["model", "realizations", "storage"]
}

/// Nodes and edges a generator expects to produce.
public struct GraphSize: Sendable, Equatable {
  public var nodes: Int
  /// Arcs if directed, friendships if undirected.
  public var edges: Int
  public var directed: Bool
  /// Bytes the graph keeps besides its rows (e.g. each node's community).
  public var extraBytes = 0
  /// The build's peak, for a generator that builds its rows itself (nil: from an edge list,
  /// `GraphMemory.buildPeak`).
  public var builderPeakBytes: Int?

  public init(nodes: Int, edges: Int, directed: Bool) {
    self.nodes = nodes
    self.edges = edges
    self.directed = directed
  }

  /// A size from an expected edge count worked out in floating point, so that no size a
  /// scenario can ask for overflows: counts beyond 2⁶⁰ are held at 2⁶⁰ (the memory check
  /// refuses them long before).
  public init(nodes: Int, expectedEdges: Double, directed: Bool) {
    self.init(nodes: nodes, edges: Int(min(max(expectedEdges, 0), Double(1 << 60))), directed: directed)
  }

  /// Bytes needed at the peak of building.
  public var buildBytes: Int {
    let peak = builderPeakBytes ?? GraphMemory.buildPeak(nodes: nodes, edges: edges, directed: directed)
    return GraphMemory.bytes(Double(peak) + Double(extraBytes))
  }

  /// Bytes the built graph holds: 4 per stored entry (both directions of an arc, or of a
  /// friendship), 8 per node for each direction's offsets, and `extraBytes`.
  public var residentBytes: Double {
    4 * 2 * Double(edges) + 8 * (Double(nodes) + 1) * (directed ? 2 : 1) + Double(extraBytes)
  }
}

extension GraphGenerator {
  public var communityCount: Int? { nil }

  /// Builds the edge list into a graph (helper for generators).
  func finish(
    _ edges: consuming EdgeList, nodes: Int, directed: Bool, threads: Int,
    communities: [UInt32]? = nil
  ) -> Graph {
    GraphBuilder.build(
      nodeCount: nodes, edges: edges, directed: directed, threads: threads,
      communities: communities
    ).graph
  }
}

/// Positions of Bernoulli(p) successes in a long sequence of trials, found by jumping
/// geometric gaps instead of flipping one coin per trial (Batagelj & Brandes 2005).
///
/// - Complexity: O(1) per success, O(p·N) for N trials.
public struct GeometricSkipper: Sendable, Equatable {
  /// 1/log(1 − p): multiplying by it is much cheaper than dividing by the logarithm.
  private let inverseLogFailure: Double
  private let probability: Double

  public init(probability: Double) {
    self.probability = probability
    self.inverseLogFailure = probability < 1 ? 1 / Double.log(onePlus: -probability) : -0.0
  }

  /// The gap to the next success: 1 if the very next trial succeeds. `Int.max / 4` stands
  /// for "beyond any sequence" when p is 0.
  @inline(__always)
  public func next(_ stream: RandomStream) -> Int {
    if probability >= 1 { return 1 }
    if probability <= 0 { return Int.max / 4 }
    return gap(stream.uniformPositive())
  }

  /// The gap for the uniform draw `u` in (0, 1]: the least k ≥ 1 with u > (1 − p)^k, i.e.
  /// ⌊log u / log(1 − p)⌋ + 1 (inversion). For 0 < p < 1.
  @inline(__always)
  func gap(_ u: Double) -> Int {
    let gap = Double.log(u) * inverseLogFailure
    return gap < Double(Int.max / 8) ? Int(gap) + 1 : Int.max / 4
  }
}

/// `GeometricSkipper`'s gaps by table lookup, for a probability used for many draws (an
/// independent cascade's): the same inversion — the least k ≥ 1 with u > (1 − p)^k — read
/// from the powers of 1 − p, with a guide table that starts the search at the right power
/// for each 1/256th of (0, 1] (L. Devroye, Non-Uniform Random Variate Generation, 1986,
/// §III.2.4). Only draws below 1/256 take the logarithm. Same draws, same gaps (up to
/// rounding at the boundaries), about the cost of the uniform draw.
public final class GeometricTable: @unchecked Sendable {
  private let skipper: GeometricSkipper
  private let probability: Double
  /// (1 − p)^k for k = 0 … K, the first below 1/buckets.
  private let powers: UnsafeMutablePointer<Double>?
  /// For bucket j (u in [j/buckets, (j + 1)/buckets)): the smallest gap in it.
  private let guide: UnsafeMutablePointer<Int>?
  private static let buckets = 256

  public init(probability: Double) {
    self.probability = probability
    skipper = GeometricSkipper(probability: probability)
    guard probability > 0, probability < 1 else {
      powers = nil
      guide = nil
      return
    }
    let logFailure = Double.log(onePlus: -probability)
    var list = [1.0]
    while list.last! >= 1 / Double(Self.buckets) { list.append(.exp(Double(list.count) * logFailure)) }
    let powers = UnsafeMutablePointer<Double>.allocate(capacity: list.count)
    powers.initialize(from: list, count: list.count)
    let guide = UnsafeMutablePointer<Int>.allocate(capacity: Self.buckets)
    var k = list.count - 1
    for j in stride(from: 0, to: Self.buckets, by: 1) {
      // The least k ≥ 1 with powers[k] < (j + 1)/buckets: u just below the bucket's top.
      let top = Double(j + 1) / Double(Self.buckets)
      while k > 1 && powers[k - 1] < top { k -= 1 }
      guide[j] = k
    }
    self.powers = powers
    self.guide = guide
  }

  deinit {
    powers?.deallocate()
    guide?.deallocate()
  }

  @inline(__always)
  public func next(_ stream: RandomStream) -> Int {
    guard let powers, let guide else { return skipper.next(stream) }
    let u = stream.uniformPositive()
    let bucket = Int(u * Double(Self.buckets))
    if bucket == 0 { return skipper.gap(u) }
    var k = guide[min(bucket, Self.buckets - 1)]
    while powers[k] >= u { k += 1 }
    return k
  }
}
