// SPDX-License-Identifier: GPL-3.0-or-later

/// What belonging to one label of a segment does to an agent (`population.segment_effects`):
/// factors on its susceptibility (how readily it accepts what reaches it, in every model),
/// its sharing (its activity: how readily it passes things on — the funnel's `engage`, the
/// independent cascade's ties, the rates of word of mouth and rumours) and its conversion
/// (the funnel's chances to buy, the nomination model's chances to donate). The brand's
/// product that converts men aged 18–25 more is
///
///     segment_effects:
///       gender: {men: {conversion: 1.5}}
///       age: {"18-25": {conversion: 1.4, sharing: 1.2}}
///
/// Factors of several segments multiply. They are folded into each agent's attributes once,
/// when the population is drawn.
public struct SegmentEffect: Sendable, Equatable, Codable {
  public var susceptibility: Double
  public var sharing: Double
  public var conversion: Double

  public init(susceptibility: Double = 1, sharing: Double = 1, conversion: Double = 1) {
    self.susceptibility = susceptibility
    self.sharing = sharing
    self.conversion = conversion
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case susceptibility, sharing, conversion }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      susceptibility: try c.value(.susceptibility, default: 1), sharing: try c.value(.sharing, default: 1),
      conversion: try c.value(.conversion, default: 1))
  }

  public func validate() throws(ParameterError) {
    for (key, factor) in [("susceptibility", susceptibility), ("sharing", sharing), ("conversion", conversion)] {
      guard factor >= 0, factor <= Limits.segmentFactor else {
        throw ParameterError(
          key, "must be a factor from 0 to \(Int(Limits.segmentFactor)) (1: as everyone else); got \(factor.shortDescription)")
      }
    }
  }
}
