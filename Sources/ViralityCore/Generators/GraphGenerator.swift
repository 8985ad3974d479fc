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
  /// Draws one graph. Only `stream` supplies randomness; the same seed gives the same graph
  /// for any `threads`.
  func generate(using stream: RandomStream, threads: Int) -> Graph
}

/// Keys every `graph:` section may hold besides its model's own parameters.
public enum GraphModelKeys {
  public static let shared = ["model", "realizations"]
}

/// Nodes and edges a generator expects to produce.
public struct GraphSize: Sendable, Equatable {
  public var nodes: Int
  /// Arcs if directed, friendships if undirected.
  public var edges: Int
  public var directed: Bool

  public init(nodes: Int, edges: Int, directed: Bool) {
    self.nodes = nodes
    self.edges = edges
    self.directed = directed
  }

  /// Bytes needed at the peak of building.
  public var buildBytes: Int { GraphMemory.buildPeak(nodes: nodes, edges: edges, directed: directed) }
}

extension GraphGenerator {
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
    let gap = Double.log(stream.uniformPositive()) * inverseLogFailure
    return gap < Double(Int.max / 8) ? Int(gap) + 1 : Int.max / 4
  }
}
