// SPDX-License-Identifier: GPL-3.0-or-later

/// `k-core`: the agents of the highest cores first (`CoreNumbers`), by degree within a core,
/// then by id. Kitsak et al. (Nature Physics 6:888, 2010) found the core a better guide to
/// influential spreaders than degree; their seeds tend to cluster, which costs overlap.
/// - Complexity: O(n + m + n log n).
public struct KCoreSeeds: ParameterlessStrategy {
  public static let strategyName = "k-core"
  public var scoreName: String? { "core_number" }

  public init() {}

  public func rank(_ context: SeedingContext) -> SeedRanking {
    let graph = context.graph
    let cores = CoreNumbers.of(graph, threads: context.threads)
    // The core first, the degree as a fraction that cannot reach the next core.
    let scale = Double(2 * graph.arcCount + 2)
    var ranking = SeedRanking.sorted(context) {
      Double(cores[$0]) + Double(graph.tieCount(of: $0)) / scale
    }
    ranking.scores = ranking.agents.map { Double(cores[$0]) }
    ranking.workspaceBytes += 8 * 4 * graph.nodeCount
    return ranking
  }
}
