// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import ViralityCore

/// The `graph:` section of a scenario: which model (or file) and how many independent
/// realizations to draw.
public struct GraphSection: Sendable {
  public enum Source: Sendable {
    case generator(any GraphGenerator)
    case file(EdgeListFile)
  }

  public var source: Source
  /// Independent graphs drawn from the model (1 for a file).
  public var realizations: Int
  /// How the runs keep the graph.
  public var storage: GraphStorage

  /// Every generator a scenario can name, by `model:`.
  public static let generators: [any GraphGenerator.Type] = [
    WattsStrogatz.self, NewmanWatts.self, ErdosRenyi.self, BarabasiAlbert.self, HolmeKim.self,
    Kleinberg.self, StochasticBlockModel.self, ConfigurationModel.self, FollowerGraph.self,
  ]

  /// All `model:` names, the file reader last.
  public static var modelNames: [String] { generators.map { $0.modelName } + [EdgeListFile.modelName] }

  public init(_ source: Source, realizations: Int = 1, storage: GraphStorage = .auto) {
    self.source = source
    self.realizations = realizations
    self.storage = storage
  }

  /// The `model:` name.
  public var modelName: String {
    switch source {
    case .generator(let generator): type(of: generator).modelName
    case .file: EdgeListFile.modelName
    }
  }

  /// How messages name the graph: the model, or `file <name>` for a file.
  public var displayName: String {
    switch source {
    case .generator(let generator): type(of: generator).modelName
    case .file(let file): "file \(URL(fileURLWithPath: file.path).lastPathComponent)"
    }
  }

  public func validate() throws(ParameterError) {
    do throws(ParameterError) {
      switch source {
      case .generator(let generator): try generator.validate()
      case .file(let file): try file.validate()
      }
      try Check.range(realizations, 1...100_000, "realizations")
      if case .file = source, realizations != 1 {
        throw ParameterError("realizations", "a graph read from a file has exactly one realization")
      }
    } catch { throw error.inside("graph") }
  }

  /// The number of nodes when the model fixes it (nil for a file, unknown until read).
  public var exactNodeCount: Int? {
    if case .generator(let generator) = source { return generator.expectedSize.nodes }
    return nil
  }

  /// The expected size, for the memory check.
  public var expectedSize: GraphSize {
    switch source {
    case .generator(let generator): generator.expectedSize
    case .file(let file): file.expectedSize()
    }
  }
}

extension GraphSection: Codable {
  private enum Keys: String, CodingKey { case model, realizations, storage }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    let name = try c.decode(String.self, forKey: .model)
    let realizations = try c.decodeIfPresent(Int.self, forKey: .realizations) ?? 1
    let storage = try c.choice(.storage, default: GraphStorage.auto)
    if name == EdgeListFile.modelName {
      self.init(.file(try EdgeListFile(from: decoder)), realizations: realizations, storage: storage)
    } else if let type = Self.generators.first(where: { $0.modelName == name }) {
      self.init(.generator(try type.init(from: decoder)), realizations: realizations, storage: storage)
    } else {
      throw DecodingError.dataCorruptedError(
        forKey: .model, in: c,
        debugDescription: "unknown model '\(name)'; use one of: \(Self.modelNames.joined(separator: ", "))")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(modelName, forKey: .model)
    try c.encode(realizations, forKey: .realizations)
    if storage != .auto { try c.encode(storage, forKey: .storage) }
    switch source {
    case .generator(let generator): try generator.encode(to: encoder)
    case .file(let file): try file.encode(to: encoder)
    }
  }
}

/// One graph drawn from a `GraphSection`.
public struct BuiltGraph: Sendable {
  public let graph: Graph
  /// The seed of the stream the graph was drawn with (nil for a file).
  public let seed: UInt64?
  /// What building dropped (self-loops, repeated edges), for files.
  public let report: BuildReport?

  /// The same graph as runs need it (`Graph.compactedForRuns`).
  func compactedForRuns(threads: Int) -> BuiltGraph {
    BuiltGraph(graph: graph.compactedForRuns(threads: threads), seed: seed, report: report)
  }
}

extension GraphSection {
  /// Draws realization `index` (or reads the file). The graph's stream is derived from the
  /// master seed and the realization only, so every sweep point sees the same random
  /// numbers (common random numbers) and a graph never depends on the thread count.
  public func build(realization index: Int, masterSeed: UInt64, generatorKind: GeneratorKind, threads: Int) throws(ScenarioError)
    -> BuiltGraph
  {
    switch source {
    case .generator(let generator):
      let seed = StreamPlan(master: masterSeed, kind: generatorKind).seed(.graph, index)
      let graph = generator.generate(using: RandomStream(seed: seed, kind: generatorKind), threads: threads)
      return BuiltGraph(graph: graph, seed: seed, report: nil)
    case .file(let file):
      do {
        let loaded = try EdgeListReader.read(file, threads: threads)
        return BuiltGraph(graph: loaded.graph, seed: nil, report: loaded.report)
      } catch {
        throw error.scenarioError
      }
    }
  }
}
