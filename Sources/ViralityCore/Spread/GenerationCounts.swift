// SPDX-License-Identifier: GPL-3.0-or-later

/// The generations of a cascade forest: how many agents each generation holds (the roots
/// are generation 0) and how many children they had (agents of the next generation they
/// reached). Their ratio is the generation's reproduction number.
public struct GenerationCounts: Sendable, Equatable {
  public private(set) var agents: [Int]
  public private(set) var children: [Int]

  public init(agents: [Int], children: [Int]) {
    precondition(agents.count == children.count, "one child count per generation")
    self.agents = agents
    self.children = children
  }

  /// The deepest generation (−1 for an empty forest).
  public var depth: Int { agents.count - 1 }

  /// The mean number of children of generation `g`'s agents (nil past the deepest).
  public func offspringMean(_ g: Int) -> Double? { offspringMean(g..<g + 1) }

  /// Children per agent over the generations of `range` taken together (nil if none holds
  /// an agent).
  public func offspringMean(_ range: Range<Int>) -> Double? {
    let clipped = range.clamped(to: 0..<agents.count)
    let parents = agents[clipped].reduce(0, +)
    return parents > 0 ? Double(children[clipped].reduce(0, +)) / Double(parents) : nil
  }

  /// Adds `other`'s counts generation by generation (pooling runs).
  public mutating func add(_ other: GenerationCounts) {
    while agents.count < other.agents.count {
      agents.append(0)
      children.append(0)
    }
    for g in other.agents.indices {
      agents[g] += other.agents[g]
      children[g] += other.children[g]
    }
  }

  /// Counts one more agent in `generation`, a child of generation `generation − 1`.
  /// Generations are added in order: `generation` is at most one past the deepest.
  mutating func count(agentAt generation: Int) {
    if generation == agents.count {
      agents.append(0)
      children.append(0)
    }
    agents[generation] += 1
    if generation > 0 { children[generation - 1] += 1 }
  }
}

/// One forest's generations as `generations.csv` names them: `cascade` for the run's whole
/// cascade tree, or a part of it a model measures (the nomination chains rooted at seeds,
/// say).
public struct GenerationTable: Sendable, Equatable {
  public let tree: String
  public let counts: GenerationCounts

  public init(tree: String, counts: GenerationCounts) {
    self.tree = tree
    self.counts = counts
  }
}
