// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A JSON value built in Swift (a chart specification, a report's data), written with
/// `JSONEncoder`.
enum JSONValue: Encodable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  typealias Key = String
  typealias Value = JSONValue

  case string(String)
  case number(Double)
  case bool(Bool)
  case array([JSONValue])
  case object([(String, JSONValue)])
  case null

  init(stringLiteral value: String) { self = .string(value) }
  init(integerLiteral value: Int) { self = .number(Double(value)) }
  init(floatLiteral value: Double) { self = .number(value) }
  init(booleanLiteral value: Bool) { self = .bool(value) }
  init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements.map { ($0.0, $0.1) }) }

  /// A number, or null when it is not finite (JSON has no NaN or infinity).
  static func of(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(value)
  }

  /// An object's key (`text` sorts them, so the same value always gives the same text).
  private struct CodingName: CodingKey {
    let stringValue: String
    init(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
  }

  func encode(to encoder: any Encoder) throws {
    switch self {
    case .string(let value):
      var c = encoder.singleValueContainer()
      try c.encode(value)
    case .number(let value):
      var c = encoder.singleValueContainer()
      if value == value.rounded(), abs(value) < 1e15 { try c.encode(Int64(value)) } else { try c.encode(value) }
    case .bool(let value):
      var c = encoder.singleValueContainer()
      try c.encode(value)
    case .array(let values):
      var c = encoder.unkeyedContainer()
      for value in values { try c.encode(value) }
    case .object(let pairs):
      var c = encoder.container(keyedBy: CodingName.self)
      for (key, value) in pairs { try c.encode(value, forKey: CodingName(stringValue: key)) }
    case .null:
      var c = encoder.singleValueContainer()
      try c.encodeNil()
    }
  }

  /// Compact JSON text with sorted keys (a keyed container's own order is not stable from
  /// run to run), safe inside an HTML `<script>` element: `<`, `>` and `&` can only occur in
  /// its strings, and are written as `\u003c`, `\u003e` and `\u0026`, so no text it holds
  /// (`</script>`, `<!--`) can end the element or change how the page parses it.
  var text: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
    let json = (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    guard json.contains(where: { $0 == "<" || $0 == ">" || $0 == "&" }) else { return json }
    return json.replacingOccurrences(of: "&", with: "\\u0026").replacingOccurrences(of: "<", with: "\\u003c")
      .replacingOccurrences(of: ">", with: "\\u003e")
  }
}
