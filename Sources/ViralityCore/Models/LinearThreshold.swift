// SPDX-License-Identifier: GPL-3.0-or-later

/// The linear threshold model: each agent weighs the accounts it follows equally (weight
/// 1/number followed) and adopts once the adopted ones' weights reach its threshold, drawn
/// per agent from `thresholds` (uniform on [0, 1] by default; a number fixes it).
///
/// M. Granovetter, "Threshold models of collective behavior", Am. J. Sociology 83:1420
/// (1978); D. Kempe, J. Kleinberg & É. Tardos, KDD 2003.
///
/// Clock: rounds by default (adopters act in the next round); with a `delay`, each exposure
/// arrives after a delay. Milestones: see `ThresholdSpread`.
public struct LinearThreshold: SpreadingModel, Equatable {
  public static let modelName = "linear-threshold"
  public var thresholds: Distribution
  public var timing: ClockSettings
  private let spread: ThresholdSpread

  public init(thresholds: Distribution = .uniform(min: 0, max: 1), timing: ClockSettings = ClockSettings()) {
    self.thresholds = thresholds
    self.timing = timing
    spread = ThresholdSpread(weight: .inverseSources, threshold: thresholds, timing: timing)
  }

  public static func == (a: Self, b: Self) -> Bool { a.thresholds == b.thresholds && a.timing == b.timing }

  public var clock: Clock { timing.clock }

  public func validate() throws(ParameterError) {
    try thresholds.validate("thresholds")
    guard thresholds.isNonNegative else { throw ParameterError("thresholds", "thresholds cannot be negative") }
    if let highest = thresholds.maximum, highest > 1 {
      throw ParameterError(
        "thresholds",
        "thresholds above 1 can never be reached (the weights of the accounts an agent follows sum to 1); give thresholds from 0 to 1; got up to \(highest.shortDescription)"
      )
    }
    try timing.validate()
  }

  public var scratch: Scratch { .counters }
  public func seed(_ node: Int, _ run: SimulationRun) { spread.seed(node, run) }
  public func reached(_ node: Int, _ run: SimulationRun) { spread.reached(node, run) }
  public func fire(_ event: Event, _ run: SimulationRun) { spread.expose(Int(event.node), from: Int(event.source), run) }
  public func step(_ frontier: UnsafeBufferPointer<UInt32>, _ run: SimulationRun) { spread.step(frontier, run) }
}

extension LinearThreshold: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable { case thresholds }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: ["model"] + ClockSettings.keys)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(thresholds: try c.value(.thresholds, default: .uniform(min: 0, max: 1)), timing: try ClockSettings(from: decoder))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(thresholds, forKey: .thresholds)
    try timing.encode(to: encoder)
  }
}
