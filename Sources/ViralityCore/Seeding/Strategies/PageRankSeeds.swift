// SPDX-License-Identifier: GPL-3.0-or-later

/// `pagerank`: the agents of highest PageRank (`PageRank`; `damping`, default 0.85), ties by
/// id: followers who are themselves followed count for more.
/// - Complexity: O((n + m) · iterations + n log n).
public struct PageRankSeeds: SeedingStrategy {
  public static let strategyName = "pagerank"
  public var damping: Double
  public var scoreName: String? { "pagerank" }

  public init(damping: Double = 0.85) { self.damping = damping }

  enum CodingKeys: String, CodingKey, CaseIterable { case damping }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: SeedingSpec.sharedKeys)
    self.init(damping: try decoder.container(keyedBy: CodingKeys.self).value(.damping, default: 0.85))
  }

  public func validate() throws(ParameterError) {
    guard damping > 0, damping < 1 else {
      throw ParameterError("damping", "must be between 0 and 1 (exclusive); got \(damping.shortDescription)")
    }
  }

  public func rank(_ context: SeedingContext) -> SeedRanking {
    let scores = PageRank.scores(context.graph, damping: damping, threads: context.threads)
    var ranking = SeedRanking.sorted(context) { scores[$0] }
    ranking.workspaceBytes += 3 * 8 * scores.count
    return ranking
  }
}
