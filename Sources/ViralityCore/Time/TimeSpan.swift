// SPDX-License-Identifier: GPL-3.0-or-later

/// A length of simulated time. Viral measures time in hours; scenario files write durations
/// with a unit: `30m`, `24h`, `3.5d`, `2w`.
public struct TimeSpan: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The length in hours.
  public var hours: Double

  public init(hours: Double) { self.hours = hours }

  /// The units a duration may be written in, with their length in hours.
  public static let units: [(suffix: Character, hours: Double)] = [
    ("m", 1.0 / 60.0), ("h", 1), ("d", 24), ("w", 168),
  ]

  /// Parses `30m`, `24h`, `3.5d`, `2w`. Returns nil for anything else (no unit, unknown
  /// unit, not a number, not finite).
  public init?(parsing text: String) {
    let trimmed = text.trimmingWhitespace()
    guard let last = trimmed.last,
      let unit = Self.units.first(where: { $0.suffix == last }),
      let value = Double(trimmed.dropLast().trimmingWhitespace()), value.isFinite
    else { return nil }
    self.hours = value * unit.hours
  }

  public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.hours < rhs.hours }

  /// The largest unit that writes the length with at most two decimals: `2w`, `3.5d`,
  /// `36h` would be `1.5d`, `30m`; otherwise hours.
  public var description: String {
    for unit in Self.units.reversed() where abs(hours) >= unit.hours || unit.suffix == "m" {
      let hundredths = hours / unit.hours * 100
      if abs(hundredths - hundredths.rounded()) < 1e-6 {
        return "\((hundredths.rounded() / 100).shortDescription)\(unit.suffix)"
      }
    }
    return "\(hours.shortDescription)h"
  }
}

extension TimeSpan: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self), let span = TimeSpan(parsing: text) {
      self = span
      return
    }
    throw DecodingError.dataCorruptedError(
      in: container,
      debugDescription: "expected a duration with a unit (30m, 24h, 3.5d, 2w)")
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

extension Double {
  /// `3` rather than `3.0`; otherwise Swift's shortest round-trip spelling.
  public var shortDescription: String {
    if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
    return description
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces, tabs and line breaks.
  public func trimmingWhitespace() -> Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    let base = self[...]
    guard let first = base.firstIndex(where: { !isSpace($0) }),
      let last = base.lastIndex(where: { !isSpace($0) })
    else { return Substring() }
    return Substring(base[first...last])
  }
}
