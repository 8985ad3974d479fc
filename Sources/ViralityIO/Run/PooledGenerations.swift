// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// The generations of one kind of cascade forest, summed over runs: the agents and children
/// of each generation (their ratio is the generation's reproduction number, pooled so a
/// two-agent chain does not weigh as much as a large one) and how many runs reached it.
public struct PooledGenerations: Sendable, Equatable {
  public let tree: String
  /// Agents and children per generation, summed over the runs.
  public private(set) var totals = GenerationCounts(agents: [], children: [])
  /// Runs with at least one agent in each generation.
  public private(set) var runsReaching: [Int] = []
  public private(set) var runs = 0

  public init(tree: String) { self.tree = tree }

  mutating func add(_ counts: GenerationCounts) {
    runs += 1
    totals.add(counts)
    while runsReaching.count < counts.agents.count { runsReaching.append(0) }
    for g in counts.agents.indices where counts.agents[g] > 0 { runsReaching[g] += 1 }
  }

  /// Children per agent of generation `g`, pooled (nil if no run reached it).
  public func offspringMean(_ g: Int) -> Double? { totals.offspringMean(g) }

  /// Children per agent over generations `range`, pooled.
  public func offspringMean(_ range: Range<Int>) -> Double? { totals.offspringMean(range) }

  /// The share of runs with no agent in generation `g`.
  public func emptyShare(generation g: Int) -> Double? {
    guard runs > 0 else { return nil }
    return 1 - Double(g < runsReaching.count ? runsReaching[g] : 0) / Double(runs)
  }
}
