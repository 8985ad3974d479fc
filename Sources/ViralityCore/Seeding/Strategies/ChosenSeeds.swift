// SPDX-License-Identifier: GPL-3.0-or-later

/// Seeds chosen already, by agent id, taken in order: the part of a combined spec
/// (`SeedingSpec(combining:)`) whose arms choose the same seeds in every replicate, resolved
/// once. Not a strategy a scenario names (it is not in `SeedingSpec.strategies`).
/// - Complexity: O(k) for k seeds.
public struct ChosenSeeds: SeedingStrategy {
  public static let strategyName = "chosen"
  public var agents: [Int]

  public init(agents: [Int]) { self.agents = agents }

  enum CodingKeys: String, CodingKey { case agents }

  public init(from decoder: any Decoder) throws {
    agents = try decoder.container(keyedBy: CodingKeys.self).decode([Int].self, forKey: .agents)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(agents, forKey: .agents)
  }

  public func rank(_ context: SeedingContext) -> SeedRanking { SeedRanking(agents: agents.filter(context.isEligible)) }
}
