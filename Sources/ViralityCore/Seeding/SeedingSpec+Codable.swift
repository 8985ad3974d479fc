// SPDX-License-Identifier: GPL-3.0-or-later

extension SeedingSpec: Codable {
  private enum Keys: String, CodingKey {
    case strategy, label, count, budget, tier, segment, waves
    case segmentShare = "segment_share"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    let name = try c.decodeIfPresent(String.self, forKey: .strategy) ?? RandomSeeds.strategyName
    guard let type = Self.strategies.first(where: { $0.strategyName == name }) else {
      let hint =
        name == "budget"
        ? "; a budget is spent down any strategy's ranking: write e.g. strategy: top-followers with budget: 2000"
        : ""
      throw DecodingError.dataCorruptedError(
        forKey: .strategy, in: c,
        debugDescription: "unknown strategy '\(name)'; use one of: \(Self.strategyNames.joined(separator: ", "))\(hint)")
    }
    let tiers: [String]
    if let one = try? c.decode(String.self, forKey: .tier) {
      tiers = [one]
    } else {
      tiers = try c.decodeIfPresent([String].self, forKey: .tier) ?? []
    }
    self.init(
      try type.init(from: decoder), count: try c.decodeIfPresent(Int.self, forKey: .count),
      budget: try c.decodeIfPresent(Double.self, forKey: .budget), tiers: tiers, segment: try c.labelRule(.segment),
      segmentShare: try c.decodeIfPresent(Double.self, forKey: .segmentShare) ?? 1,
      waves: try c.decodeIfPresent([TimeSpan].self, forKey: .waves) ?? [],
      label: try c.decodeIfPresent(String.self, forKey: .label))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(strategyName, forKey: .strategy)
    try c.encodeIfPresent(label, forKey: .label)
    try c.encodeIfPresent(count, forKey: .count)
    try c.encodeIfPresent(budget, forKey: .budget)
    if !tiers.isEmpty { try c.encode(tiers, forKey: .tier) }
    if !segment.isEmpty { try c.encode(segment, forKey: .segment) }
    if segmentShare != 1 { try c.encode(segmentShare, forKey: .segmentShare) }
    if !waves.isEmpty { try c.encode(waves, forKey: .waves) }
    try strategy.encode(to: encoder)
  }
}
