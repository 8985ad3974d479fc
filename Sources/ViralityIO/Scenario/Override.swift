// SPDX-License-Identifier: GPL-3.0-or-later

/// A scenario field replaced from the command line: the key path, the value as YAML text,
/// and the option that gave it, which messages name (`--set graph.rewire=2`, `--rewire
/// 1.4`, `--seed 7`).
public struct Override: Sendable, Equatable {
  public let key: String
  public let value: String
  public let origin: String

  public init(key: String, value: String, origin: String) {
    self.key = key
    self.value = value
    self.origin = origin
  }

  /// `--set key=value`.
  public init(setting assignment: String) throws(ScenarioError) {
    let origin = "--set \(Self.visible(assignment))"
    guard let equals = assignment.firstIndex(of: "=") else {
      throw ScenarioError(location: origin, "write --set key=value, e.g. --set graph.rewire=0.01")
    }
    self.init(
      key: String(assignment[..<equals].trimmingWhitespace()), value: String(assignment[assignment.index(after: equals)...]),
      origin: origin)
  }

  /// `text` with control characters written as `\u{7}`, so a message that quotes it prints
  /// what was typed rather than ringing the terminal's bell.
  static func visible(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) {
        result += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// The key path. A sweep's fields are dotted keys themselves: `sweep.graph.rewire` is the
  /// field `graph.rewire` of the `sweep:` section.
  var path: [String] {
    let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    if parts.first == "sweep" && parts.count > 2 { return ["sweep", parts.dropFirst().joined(separator: ".")] }
    return parts
  }
}
