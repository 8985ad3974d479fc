// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The `seeding:` section: who starts the campaign.
///
/// - `explicit`: the listed nodes (labels of a file graph, or ids).
/// - `random`: `count` agents drawn anew for every replicate.
/// - `top-followers`: the `count` most-followed agents (in-degree; ties by id).
/// - `top-degree`: the `count` agents with most ties (followers plus followed).
/// - `budget`: agents in the order of `pick` (`top-followers`, `random` or `cheapest`),
///   each taken if its recruitment cost still fits in `budget`.
public struct SeedingSpec: Sendable, Equatable, Codable {
  public enum Strategy: String, Sendable, CaseIterable, Codable {
    case explicit, random
    case topFollowers = "top-followers"
    case topDegree = "top-degree"
    case budget
  }

  public enum Order: String, Sendable, CaseIterable, Codable {
    case topFollowers = "top-followers"
    case random, cheapest
  }

  public var strategy: Strategy
  public var count: Int
  public var nodes: [String]
  public var budget: Double
  public var pick: Order

  public init(strategy: Strategy, count: Int = 10, nodes: [String] = [], budget: Double = 0, pick: Order = .topFollowers) {
    self.strategy = strategy
    self.count = count
    self.nodes = nodes
    self.budget = budget
    self.pick = pick
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case strategy, count, nodes, budget, pick }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: ["label"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let nodes: [String]
    if c.contains(.nodes) {
      // Labels may be written as numbers (ids): read each as text.
      var list = try c.nestedUnkeyedContainer(forKey: .nodes)
      var read: [String] = []
      while !list.isAtEnd {
        if let text = try? list.decode(String.self) { read.append(text) } else { read.append(String(try list.decode(Int.self))) }
      }
      nodes = read
    } else {
      nodes = []
    }
    self.init(
      strategy: try c.choice(.strategy, default: Strategy.random), count: try c.value(.count, default: 10), nodes: nodes,
      budget: try c.value(.budget, default: 0), pick: try c.choice(.pick, default: Order.topFollowers))
  }

  public func validate(nodeCount: Int? = nil) throws(ParameterError) {
    switch strategy {
    case .explicit:
      guard !nodes.isEmpty else { throw ParameterError("nodes", "list the seed nodes, e.g. nodes: [0, 17, 42]") }
    case .random, .topFollowers, .topDegree:
      // 0 is allowed: a campaign can start from advertising or media alone.
      try Check.atLeast(count, 0, "count")
      if let nodeCount, count > nodeCount {
        throw ParameterError("count", "must be at most the number of agents (\(nodeCount)); got \(count)")
      }
    case .budget:
      guard budget > 0, budget.isFinite else {
        throw ParameterError("budget", "must be a positive amount; got \(budget.shortDescription)")
      }
    }
  }

  /// Whether the seeds change from replicate to replicate.
  public var isRandom: Bool { strategy == .random || (strategy == .budget && pick == .random) }

  /// The seeds: for random strategies drawn from `stream` (one per replicate), otherwise the
  /// same every time. Ties are broken by node id.
  /// - Complexity: O(n log n) for the rankings, O(count) expected for random picks.
  public func seeds(in graph: Graph, population: Population, stream: RandomStream) throws(ParameterError) -> [Int] {
    let n = graph.nodeCount
    switch strategy {
    case .explicit:
      return try Self.resolve(nodes, count: graph.nodeCount, labels: graph.labels)
    case .random:
      return Separation.sample(min(count, n), of: n, stream)
    case .topFollowers:
      return Self.ranked(n) { graph.followerCount(of: $0) }.prefix(count).map { $0 }
    case .topDegree:
      return Self.ranked(n) { graph.followerCount(of: $0) + (graph.isDirected ? graph.followingCount(of: $0) : 0) }.prefix(count)
        .map { $0 }
    case .budget:
      let order: [Int] =
        switch pick {
        case .topFollowers: Self.ranked(n) { graph.followerCount(of: $0) }
        case .random: Self.shuffled(n, stream)
        case .cheapest: (0..<n).sorted { (population.cost[$0], $0) < (population.cost[$1], $1) }
        }
      var left = budget
      var chosen: [Int] = []
      for agent in order where population.cost[agent] <= left {
        chosen.append(agent)
        left -= population.cost[agent]
        if left <= 0 { break }
      }
      guard !chosen.isEmpty else {
        throw ParameterError(
          "budget", "is too small to recruit anyone (cheapest agent costs \(population.cost.minimum(n).shortDescription))")
      }
      return chosen
    }
  }

  /// A uniformly random order of all agents.
  static func shuffled(_ n: Int, _ stream: RandomStream) -> [Int] {
    var order = Array(0..<n)
    order.withUnsafeMutableBufferPointer { stream.shuffle($0) }
    return order
  }

  /// Agents by decreasing score, ties by id.
  static func ranked(_ n: Int, by score: (Int) -> Int) -> [Int] {
    (0..<n).map { (score($0), $0) }.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.map(\.1)
  }

  /// Node ids for labels of a graph of `count` nodes named by `labels` (ids written as
  /// numbers, 0 to count − 1, when the graph has no labels). Repeats count once.
  public static func resolve(_ names: [String], count: Int, labels: [String]?) throws(ParameterError) -> [Int] {
    var index: [String: Int] = [:]
    if let labels { for (id, label) in labels.enumerated() { index[label] = id } }
    var result: [Int] = []
    var seen = Set<Int>()
    for name in names {
      guard let id = index[name] ?? (labels == nil ? Int(name) : nil), id >= 0, id < count else {
        let named = labels == nil ? "ids 0 to \(count - 1)" : "labels as in the graph file"
        throw ParameterError("nodes", "no node '\(name)' in the graph (\(count) nodes, \(named))")
      }
      if seen.insert(id).inserted { result.append(id) }
    }
    return result
  }
}

extension AgentAttribute {
  func minimum(_ n: Int) -> Double {
    switch self {
    case .constant(let value): value
    case .values(let values): values.min() ?? 0
    }
  }
}
