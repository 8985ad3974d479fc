// SPDX-License-Identifier: GPL-3.0-or-later

/// A parameter value that is out of range or inconsistent, found by a `validate()` method.
///
/// `path` is the key path inside the scenario (`["graph", "rewire"]`); the scenario reader
/// turns it into a file and line.
public struct ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
  public var path: [String]
  public var message: String

  public init(_ key: String, _ message: String) {
    self.path = key.isEmpty ? [] : [key]
    self.message = message
  }

  public init(path: [String], message: String) {
    self.path = path
    self.message = message
  }

  /// The same error seen from the enclosing section.
  public func inside(_ section: String) -> ParameterError {
    ParameterError(path: [section] + path, message: message)
  }

  public var description: String {
    path.isEmpty ? message : "\(path.joined(separator: ".")): \(message)"
  }
}

/// Checks shared by the `validate()` methods of parameter structs. Each throws a
/// `ParameterError` whose message says what is allowed and what was given.
public enum Check {
  public static func probability(_ value: Double, _ key: String) throws(ParameterError) {
    guard value >= 0, value <= 1 else {
      throw ParameterError(key, "must be a probability between 0 and 1; got \(value.shortDescription)")
    }
  }

  public static func positive(_ value: Double, _ key: String) throws(ParameterError) {
    guard value > 0, value.isFinite else {
      throw ParameterError(key, "must be a positive number; got \(value.shortDescription)")
    }
  }

  public static func nonNegative(_ value: Double, _ key: String) throws(ParameterError) {
    guard value >= 0, value.isFinite else {
      throw ParameterError(key, "must be zero or more; got \(value.shortDescription)")
    }
  }

  public static func range<T: Comparable & CustomStringConvertible>(
    _ value: T, _ range: ClosedRange<T>, _ key: String
  ) throws(ParameterError) {
    guard range.contains(value) else {
      throw ParameterError(key, "must be between \(range.lowerBound) and \(range.upperBound); got \(value)")
    }
  }

  public static func atLeast<T: Comparable & CustomStringConvertible>(
    _ value: T, _ minimum: T, _ key: String
  ) throws(ParameterError) {
    guard value >= minimum else {
      throw ParameterError(key, "must be at least \(minimum); got \(value)")
    }
  }

  /// A number of agents (`Limits.agents`: node ids are `UInt32`).
  public static func nodeCount(_ value: Int, _ key: String, minimum: Int = 1) throws(ParameterError) {
    guard value >= minimum, value <= Limits.agents else {
      throw ParameterError(key, "must be a whole number from \(minimum) to \(Limits.agents); got \(value)")
    }
  }
}
