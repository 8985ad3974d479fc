// SPDX-License-Identifier: GPL-3.0-or-later

/// A coding key made from any string: used to see every key a mapping holds.
public struct AnyCodingKey: CodingKey, Hashable, Sendable {
  public var stringValue: String
  public var intValue: Int?
  public init(stringValue: String) { self.stringValue = stringValue }
  public init(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
  public init(_ string: String) { self.stringValue = string }
}

/// The entries of the mapping at a key path of the document being decoded, in the order
/// written, each with its value's text (nil if the value is not a scalar); nil if there is
/// no mapping there. A decoder that can list them in linear time passes this under
/// `CodingUserInfoKey.mappingEntries` (looking up each key of a large mapping through a
/// keyed container is quadratic in Yams).
public typealias MappingEntries = @Sendable ([String]) -> [(key: String, value: String?)]?

extension CodingUserInfoKey {
  /// Where a decoder passes its `MappingEntries`.
  public static let mappingEntries = CodingUserInfoKey(rawValue: "viral.mapping-entries")!
}

extension Decoder {
  /// The entries of the mapping this decoder decodes, when the decoder can list them (see
  /// `MappingEntries`).
  public func mappingEntries() -> [(key: String, value: String?)]? {
    guard let entries = userInfo[.mappingEntries] as? MappingEntries else { return nil }
    return entries(codingPath.map(\.stringValue))
  }

  /// Rejects keys other than those of `keys` (and `extra`), naming the allowed ones.
  /// Scenario sections call this first so a misspelt key is an error, not a silent default.
  public func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(
    _ keys: Keys.Type, extra: [String] = []
  ) throws {
    try rejectUnknownKeys(allowed: keys.allCases.map(\.stringValue) + extra)
  }

  /// Rejects keys not in `allowed`.
  public func rejectUnknownKeys(allowed: [String]) throws {
    let container = try container(keyedBy: AnyCodingKey.self)
    for key in container.allKeys where !allowed.contains(key.stringValue) {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: codingPath + [key],
          debugDescription: "unknown key; allowed keys: \(allowed.joined(separator: ", "))"))
    }
  }
}

extension KeyedDecodingContainer {
  /// The mapping at `key`, keyed by `keys` with any other key rejected; nil when `key` is
  /// absent. For optional sub-sections of a scenario section.
  public func section<Keys: CodingKey & CaseIterable>(_ key: Key, _ keys: Keys.Type) throws -> KeyedDecodingContainer<Keys>? {
    guard contains(key) else { return nil }
    let decoder = try superDecoder(forKey: key)
    try decoder.rejectUnknownKeys(keys)
    return try decoder.container(keyedBy: keys)
  }

  /// The value at `key`, or `defaultValue` when the key is absent.
  public func value<T: Decodable>(_ key: Key, default defaultValue: @autoclosure () -> T) throws -> T {
    try decodeIfPresent(T.self, forKey: key) ?? defaultValue()
  }

  /// A number that may also be written as a duration (`24h` is 24): used by distributions,
  /// whose parameters are hours in a duration field and plain numbers elsewhere.
  public func quantity(_ key: Key) throws -> Double {
    if let number = try? decode(Double.self, forKey: key) { return number }
    if let text = try? decode(String.self, forKey: key), let span = TimeSpan(parsing: text) {
      return span.hours
    }
    throw DecodingError.typeMismatch(
      Double.self,
      .init(codingPath: codingPath + [key], debugDescription: "expected a number or a duration such as 24h"))
  }

  public func quantity(_ key: Key, default defaultValue: Double) throws -> Double {
    contains(key) ? try quantity(key) : defaultValue
  }
}

extension KeyedDecodingContainer {
  /// A segment rule at `key` (segment → allowed labels, one label or a list each), empty
  /// when absent: `population.target` and `seeding.segment`.
  public func labelRule(_ key: Key) throws -> [String: [String]] {
    guard contains(key) else { return [:] }
    let rules = try nestedContainer(keyedBy: AnyCodingKey.self, forKey: key)
    var rule: [String: [String]] = [:]
    for name in rules.allKeys {
      if let one = try? rules.decode(String.self, forKey: name) {
        rule[name.stringValue] = [one]
      } else {
        rule[name.stringValue] = try rules.decode([String].self, forKey: name)
      }
    }
    return rule
  }

  /// One of a fixed set of names, or `defaultValue` when absent; an unknown name is an error
  /// that lists the allowed ones.
  public func choice<T: RawRepresentable & CaseIterable>(_ key: Key, default defaultValue: T) throws -> T
  where T.RawValue == String {
    guard let text = try decodeIfPresent(String.self, forKey: key) else { return defaultValue }
    guard let value = T(rawValue: text) else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: codingPath + [key],
          debugDescription: "'\(text)' is not allowed; use one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))"))
    }
    return value
  }
}
