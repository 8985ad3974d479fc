// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// The `value:` section: what the campaign's outcomes are worth, so a run's return on
/// investment can be set against what its seeds cost (`population.cost`):
/// value = per_adopter × adopted + per_target_adopter × target adopted + per_participant ×
/// participants + per_donor × donors + per_dollar × money raised, and
/// ROI = (value − seed cost) / seed cost.
///
///     value: {per_target_adopter: 40}   # a sale in the target segment earns $40 margin
public struct Valuation: Sendable, Equatable, Codable {
  public var perAdopter: Double
  public var perTargetAdopter: Double
  public var perParticipant: Double
  public var perDonor: Double
  public var perDollar: Double

  enum CodingKeys: String, CodingKey, CaseIterable {
    case perAdopter = "per_adopter"
    case perTargetAdopter = "per_target_adopter"
    case perParticipant = "per_participant"
    case perDonor = "per_donor"
    case perDollar = "per_dollar"
  }

  public init(
    perAdopter: Double = 0, perTargetAdopter: Double = 0, perParticipant: Double = 0, perDonor: Double = 0, perDollar: Double = 0
  ) {
    self.perAdopter = perAdopter
    self.perTargetAdopter = perTargetAdopter
    self.perParticipant = perParticipant
    self.perDonor = perDonor
    self.perDollar = perDollar
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      perAdopter: try c.value(.perAdopter, default: 0), perTargetAdopter: try c.value(.perTargetAdopter, default: 0),
      perParticipant: try c.value(.perParticipant, default: 0), perDonor: try c.value(.perDonor, default: 0),
      perDollar: try c.value(.perDollar, default: 0))
  }

  public func validate() throws(ParameterError) {
    for (key, amount) in [
      ("per_adopter", perAdopter), ("per_target_adopter", perTargetAdopter), ("per_participant", perParticipant),
      ("per_donor", perDonor), ("per_dollar", perDollar),
    ] {
      guard amount >= 0, amount <= Limits.budget else {
        throw ParameterError(key, "must be an amount from 0 to 10^15; got \(amount.shortDescription)").inside("value")
      }
    }
  }

  /// What the target's adoptions of one run are worth: per_adopter and per_target_adopter
  /// for each adopter in the target (donors and money are not split by segment).
  func targetValue(of m: RunMetrics) -> Double { (perAdopter + perTargetAdopter) * Double(m.targetAdopted) }

  /// The value of one run; `extra(name)` reads the model's own metrics (donors, money).
  func value(of m: RunMetrics, extra: (String) -> Double?) -> Double {
    perAdopter * Double(m.adopted) + perTargetAdopter * Double(m.targetAdopted) + perParticipant * Double(m.engaged)
      + perDonor * (extra("donors") ?? 0) + perDollar * (extra("money") ?? 0)
  }
}
