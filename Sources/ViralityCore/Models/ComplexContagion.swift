// SPDX-License-Identifier: GPL-3.0-or-later

/// Complex contagion: a behaviour is adopted only after exposure from several distinct
/// sources — after `exposures` distinct adopted accounts one follows, or once a `fraction`
/// of the accounts one follows have adopted (Watts' threshold model).
///
/// D. Centola & M. Macy, "Complex contagions and the weakness of long ties", Am. J.
/// Sociology 113:702 (2007); D. Centola, Science 329:1194 (2010); D. J. Watts, PNAS 99:5766
/// (2002).
///
/// Give exactly one of `exposures` and `fraction`. Clock as for `LinearThreshold`;
/// milestones: see `ThresholdSpread`.
public struct ComplexContagion: SpreadingModel, Equatable {
  public static let modelName = "complex-contagion"
  public var exposures: Int?
  public var fraction: Double?
  public var timing: ClockSettings
  private let spread: ThresholdSpread

  public init(exposures: Int? = nil, fraction: Double? = nil, timing: ClockSettings = ClockSettings()) {
    self.exposures = exposures
    self.fraction = fraction
    self.timing = timing
    spread =
      if let fraction {
        ThresholdSpread(weight: .inverseSources, threshold: .constant(fraction), timing: timing)
      } else {
        ThresholdSpread(weight: .unit, threshold: .constant(Double(exposures ?? 2)), timing: timing)
      }
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.exposures == b.exposures && a.fraction == b.fraction && a.timing == b.timing
  }

  public var clock: Clock { timing.clock }

  public func validate() throws(ParameterError) {
    guard (exposures == nil) != (fraction == nil) else {
      throw ParameterError("exposures", "give exactly one of exposures (distinct sources needed) or fraction")
    }
    if let exposures { try Check.range(exposures, 1...1_000_000, "exposures") }
    if let fraction {
      guard fraction > 0, fraction <= 1 else {
        throw ParameterError("fraction", "must be in (0, 1]; got \(fraction.shortDescription)")
      }
    }
    try timing.validate()
  }

  public var scratch: Scratch { .counters }
  public func seed(_ node: Int, _ run: SimulationRun) { spread.seed(node, run) }
  public func reached(_ node: Int, _ run: SimulationRun) { spread.reached(node, run) }
  public func fire(_ event: Event, _ run: SimulationRun) { spread.expose(Int(event.node), from: Int(event.source), run) }
  public func step(_ frontier: UnsafeBufferPointer<UInt32>, _ run: SimulationRun) { spread.step(frontier, run) }
}

extension ComplexContagion: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable { case exposures, fraction }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: ["model"] + ClockSettings.keys)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let exposures = try c.decodeIfPresent(Int.self, forKey: .exposures)
    let fraction = try c.decodeIfPresent(Double.self, forKey: .fraction)
    self.init(exposures: exposures ?? (fraction == nil ? 2 : nil), fraction: fraction, timing: try ClockSettings(from: decoder))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(exposures, forKey: .exposures)
    try c.encodeIfPresent(fraction, forKey: .fraction)
    try timing.encode(to: encoder)
  }
}
