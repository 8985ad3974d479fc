// SPDX-License-Identifier: GPL-3.0-or-later

/// Bad input, reported on one line: where (file and line, or the command-line option),
/// which key, and what is allowed. The command-line tool prints it and exits with status 2.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
  /// `file:line`, `file`, or the option that supplied the value (`--set graph.rewire=2`).
  public let location: String
  /// The dotted key path (`graph.rewire`), empty when the problem is the whole file.
  public let key: String
  public let message: String

  public init(location: String, key: String = "", _ message: String) {
    self.location = location
    self.key = key
    self.message = message
  }

  public var description: String {
    key.isEmpty ? "\(location): \(message)" : "\(location): \(key): \(message)"
  }
}

extension ScenarioError {
  /// This error, found checking sweep point `point`, saying which point it is (unless its
  /// location says so already: a swept value's own error).
  func naming(_ point: ScenarioPoint, of loaded: LoadedScenario) -> ScenarioError {
    guard loaded.sweep != nil, !point.assignments.isEmpty, !location.contains("(sweep ") else { return self }
    let values = point.assignments.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
    return ScenarioError(location: "\(location) (sweep \(values))", key: key, message)
  }
}
