// SPDX-License-Identifier: GPL-3.0-or-later

/// The clock settings shared by the classic models (independent cascade, linear threshold,
/// complex contagion): discrete rounds as in the literature, or continuous time with a
/// delay on every transmission.
public struct ClockSettings: Sendable, Equatable {
  public var clock: Clock
  /// Continuous clock: the time a transmission takes.
  public var delay: Distribution
  /// Rounds clock: how long a round lasts.
  public var roundLength: TimeSpan

  public static let defaultDelay = Distribution.exponential(mean: 24)

  public init(clock: Clock = .rounds, delay: Distribution = defaultDelay, roundLength: TimeSpan = TimeSpan(hours: 24)) {
    self.clock = clock
    self.delay = delay
    self.roundLength = roundLength
  }

  /// Keys these settings read, for unknown-key checks.
  public static let keys = ["clock", "delay", "round_length"]

  /// Reads `clock`, `delay` and `round_length`; a `delay` alone means the continuous clock.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: AnyCodingKey.self)
    let delay = try c.decodeIfPresent(Distribution.self, forKey: AnyCodingKey("delay"))
    let clock: Clock
    if let text = try c.decodeIfPresent(String.self, forKey: AnyCodingKey("clock")) {
      guard let parsed = Clock(rawValue: text) else {
        throw DecodingError.dataCorrupted(
          .init(
            codingPath: c.codingPath + [AnyCodingKey("clock")],
            debugDescription: "'\(text)' is not allowed; use one of: rounds, continuous"))
      }
      clock = parsed
    } else {
      clock = delay == nil ? .rounds : .continuous
    }
    self.init(
      clock: clock, delay: delay ?? Self.defaultDelay,
      roundLength: try c.decodeIfPresent(TimeSpan.self, forKey: AnyCodingKey("round_length")) ?? TimeSpan(hours: 24))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: AnyCodingKey.self)
    try c.encode(clock, forKey: AnyCodingKey("clock"))
    if clock == .continuous {
      try c.encode(delay, forKey: AnyCodingKey("delay"))
    } else {
      try c.encode(roundLength, forKey: AnyCodingKey("round_length"))
    }
  }

  public func validate() throws(ParameterError) {
    try delay.validate("delay")
    guard delay.isNonNegative else { throw ParameterError("delay", "a delay cannot be negative") }
    guard roundLength.hours > 0 else { throw ParameterError("round_length", "must be a positive duration; got \(roundLength)") }
  }
}
