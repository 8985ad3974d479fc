// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore
import Yams

/// A scenario file as a YAML tree that remembers where every value came from: its line in
/// the file, or the `--set` option or sweep entry that replaced it. Decoding and validation
/// errors are turned into `ScenarioError`s through `location(of:)`.
public struct ScenarioDocument {
  /// The file name used in messages.
  public let file: String
  /// The notes its opening comments hold.
  public let notes: ScenarioNotes
  public private(set) var root: Node
  /// Values that did not come from the file, by dotted key path, and those paths in the
  /// order they were set.
  private var origins: [String: String] = [:]
  private var overrideOrder: [String] = []

  /// Parses YAML text. `file` names it in messages.
  public init(yaml: String, file: String) throws(ScenarioError) {
    self.file = file
    notes = ScenarioNotes(yaml: yaml)
    try Self.checkCharacters(yaml) { "\(file):\($0)" }
    let parsed: Node?
    do { parsed = try Yams.compose(yaml: yaml) } catch let error as YamlError {
      throw Self.describe(error, file: file)
    } catch {
      throw ScenarioError(location: file, "cannot parse YAML: \(Self.firstLine(of: "\(error)"))")
    }
    guard let parsed, parsed.mapping != nil else {
      throw ScenarioError(location: file, "a scenario is a YAML mapping of keys (name, seed, graph, ...)")
    }
    try Self.checkSize(parsed, file: file)
    root = parsed
  }

  /// The most values (keys, scalars, lists and mappings) a scenario may hold with its YAML
  /// aliases expanded: far above any real scenario, far below what would take long to walk.

  /// Refuses a document whose aliases expand it past `Limits.yamlValues` (a "billion laughs":
  /// a few lines of nested references that every later walk of the tree would expand), and
  /// keys that are not plain names (which no section reads, so they would pass unnoticed).
  /// - Complexity: O(min(expanded size, Limits.yamlValues)).
  static func checkSize(_ root: Node, file: String) throws(ScenarioError) {
    var count = 0
    var stack = [root]
    while let node = stack.popLast() {
      count += 1
      guard count <= Limits.yamlValues else {
        throw ScenarioError(
          location: node.mark.map { "\(file):\($0.line)" } ?? file,
          "the file expands to more than \(Limits.yamlValues) values through its YAML aliases (*name); repeat fewer references"
        )
      }
      switch node {
      case .mapping(let mapping):
        for (key, value) in mapping {
          guard key.scalar != nil else {
            throw ScenarioError(
              location: key.mark.map { "\(file):\($0.line)" } ?? file,
              "a key must be a plain name, not a list or a mapping (YAML's '? ' complex keys)")
          }
          stack.append(key)
          stack.append(value)
        }
      case .sequence(let sequence): stack.append(contentsOf: sequence)
      case .scalar, .alias: break
      }
    }
  }

  /// Reads and parses a scenario file.
  public init(contentsOf path: String) throws(ScenarioError) {
    let text: String
    do { text = try InputFile.text(InputFile.contents(of: path, what: "scenario file"), path: path, what: "scenario file") } catch
    {
      throw error.scenarioError
    }
    try self.init(yaml: text, file: path)
  }

  /// YAML allows tabs and line breaks but no other control characters (YAML 1.2 §5.1);
  /// refused here with their line (`location(line)`), before the parser reports them in
  /// several lines.
  static func checkCharacters(_ yaml: String, location: (Int) -> String) throws(ScenarioError) {
    var line = 1
    for scalar in yaml.unicodeScalars {
      if scalar == "\n" {
        line += 1
      } else if (scalar.value < 0x20 && scalar != "\t" && scalar != "\r") || scalar.value == 0x7F
        || (scalar.value >= 0x80 && scalar.value < 0xA0 && scalar.value != 0x85) || scalar == "\u{FFFE}" || scalar == "\u{FFFF}"
      {
        let code = String(scalar.value, radix: 16, uppercase: true)
        throw ScenarioError(
          location: location(line),
          "the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) is not allowed in YAML; remove it"
        )
      }
    }
  }

  /// An empty scenario, for commands that build one from options.
  public init(emptyNamed name: String) {
    file = "(command line)"
    notes = ScenarioNotes(yaml: "")
    root = Node([(Node("name"), Node(name))])
  }

  private static func describe(_ error: YamlError, file: String) -> ScenarioError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return ScenarioError(location: "\(file):\(mark.line)", "invalid YAML: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return ScenarioError(
        location: "\(file):\(context.mark.line)", "the key \(duplicates.joined(separator: ", ")) appears twice")
    case .reader(let problem, let offset, _, let yaml):
      let line = offset.map { offset in 1 + yaml.utf8.prefix(offset).count { $0 == 0x0A } }
      return ScenarioError(location: line.map { "\(file):\($0)" } ?? file, "invalid YAML: \(problem)")
    default:
      return ScenarioError(location: file, "invalid YAML: \(firstLine(of: "\(error)"))")
    }
  }

  /// The first line of a message that may run over several.
  static func firstLine(of text: String) -> String {
    String(text.split(separator: "\n", omittingEmptySubsequences: true).first ?? "")
  }

  /// Every value of the document as `dotted.key = value` lines (lists and values in YAML's
  /// flow style), in document order: what a sweep's journal compares to name a change.
  public var flattened: [String] {
    var lines: [String] = []
    func walk(_ node: Node, _ path: String) {
      if let mapping = node.mapping, !mapping.isEmpty {
        for (key, value) in mapping { walk(value, path.isEmpty ? key.string ?? "?" : "\(path).\(key.string ?? "?")") }
      } else {
        lines.append("\(path) = \(Sweep.flow(node) ?? "?")")
      }
    }
    walk(root, "")
    return lines
  }

  /// The node at a dotted key path, if present.
  public func node(at path: [String]) -> Node? {
    var node: Node? = root
    for key in path {
      guard let mapping = node?.mapping else { return nil }
      node = mapping[key]
    }
    return node
  }

  /// Where the value at `path` came from: an override of it, of a section holding it, or of
  /// a key inside it (the last given), else the line of the deepest node of the path present
  /// in the file.
  public func location(of path: [String]) -> String {
    for length in stride(from: path.count, through: 1, by: -1) {
      if let origin = origins[path.prefix(length).joined(separator: ".")] { return origin }
    }
    let dotted = path.joined(separator: ".")
    if !path.isEmpty, let inside = overrideOrder.last(where: { $0.hasPrefix(dotted + ".") }) { return origins[inside]! }
    var node: Node = root
    var line = node.mark?.line
    walk: for key in path {
      // `name[i]` (or `[i]`) steps into item i of a list.
      var name = Substring(key)
      var item: Int?
      if key.hasSuffix("]"), let open = key.lastIndex(of: "["),
        let index = Int(key[key.index(after: open)..<key.index(before: key.endIndex)])
      {
        name = key[..<open]
        item = index
      }
      if !name.isEmpty {
        guard let mapping = node.mapping, let pair = mapping.first(where: { $0.key.string == String(name) }) else { break }
        line = pair.key.mark?.line ?? line
        node = pair.value
      }
      if let item {
        guard let sequence = node.sequence, item >= 0, item < sequence.count else { break walk }
        node = sequence[item]
        line = node.mark?.line ?? line
      }
    }
    return line.map { "\(file):\($0)" } ?? file
  }

  /// Replaces (or adds) the value at `path`; `origin` is what messages will name.
  public mutating func set(_ path: [String], to value: Node, origin: String) throws(ScenarioError) {
    guard !path.isEmpty, path.allSatisfy({ !$0.isEmpty }) else {
      throw ScenarioError(location: origin, "give a key path such as graph.rewire")
    }
    root = try Self.setting(root, path[...], to: value, origin: origin, done: [])
    let dotted = path.joined(separator: ".")
    origins[dotted] = origin
    overrideOrder.removeAll { $0 == dotted }
    overrideOrder.append(dotted)
  }

  private static func setting(
    _ node: Node, _ path: ArraySlice<String>, to value: Node, origin: String, done: [String]
  ) throws(ScenarioError) -> Node {
    guard var mapping = node.mapping else {
      throw ScenarioError(
        location: origin, key: done.joined(separator: "."),
        "is a value, not a section; cannot set \((done + path).joined(separator: ".")) inside it")
    }
    let key = path.first!
    if path.count == 1 {
      mapping[key] = value
    } else {
      let child = mapping[key] ?? Node([(Node, Node)]())
      mapping[key] = try setting(child, path.dropFirst(), to: value, origin: origin, done: done + [key])
    }
    return .mapping(mapping)
  }

  /// Applies an override from the command line.
  public mutating func apply(_ override: Override) throws(ScenarioError) {
    try set(override.path, to: try Self.value(override.value, origin: override.origin), origin: override.origin)
  }

  /// Parses a value written on the command line as YAML (`0.01`, `24h`, `[1, 2]`, `{a: 1}`).
  static func value(_ text: String, origin: String) throws(ScenarioError) -> Node {
    guard !text.trimmingWhitespace().isEmpty else { throw ScenarioError(location: origin, "give a value after =") }
    try checkCharacters(text) { _ in origin }
    do {
      guard let node = try Yams.compose(yaml: text) else { throw ScenarioError(location: origin, "give a value after =") }
      return node
    } catch let error as ScenarioError {
      throw error
    } catch {
      throw ScenarioError(location: origin, "the value is not valid YAML: \(text)")
    }
  }

  /// Decodes `T` from the tree, turning decoding failures into located messages.
  public func decode<T: Decodable>(_ type: T.Type) throws(ScenarioError) -> T {
    // The tree is only read, during this decode.
    let tree = UncheckedSendable(root)
    let entries: MappingEntries = { path in
      var node: Node? = tree.value
      for key in path { node = node?.mapping?[key] }
      return node?.mapping?.map { (key: $0.key.string ?? "", value: $0.value.scalar?.string) }
    }
    do {
      return try YAMLDecoder().decode(type, from: root, userInfo: [.mappingEntries: entries])
    } catch let error as DecodingError {
      throw describe(error)
    } catch {
      throw ScenarioError(location: file, "\(error)")
    }
  }

  /// A located message for a parameter that failed validation.
  public func describe(_ error: ParameterError) -> ScenarioError {
    ScenarioError(location: location(of: error.path), key: error.path.joined(separator: "."), error.message)
  }

  func describe(_ error: DecodingError) -> ScenarioError {
    func path(_ codingPath: [any CodingKey]) -> [String] {
      codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
    }
    func located(_ keys: [String], _ message: String) -> ScenarioError {
      ScenarioError(
        location: location(of: keys), key: keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "["), message)
    }
    switch error {
    case .keyNotFound(let key, let context):
      return located(path(context.codingPath + [key]), "is required but missing")
    case .typeMismatch(let type, let context):
      let keys = path(context.codingPath)
      let found = node(at: keys).map(Self.show) ?? "nothing"
      return located(keys, "expected \(Self.expectation(type)); got \(found)")
    case .valueNotFound(let type, let context):
      return located(path(context.codingPath), "expected \(Self.expectation(type)); got nothing")
    case .dataCorrupted(let context):
      return located(path(context.codingPath), context.debugDescription)
    @unknown default:
      return ScenarioError(location: file, "\(error)")
    }
  }

  static func show(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar): "'\(scalar.string)'"
    case .mapping: "a section of keys"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }

  static func expectation(_ type: Any.Type) -> String {
    switch type {
    case is Double.Type, is Float.Type: "a number"
    case is Int.Type: "a whole number"
    case is UInt64.Type: "a whole number ≥ 0"
    case is Bool.Type: "true or false"
    case is String.Type: "text"
    case is TimeSpan.Type: "a duration with a unit (30m, 24h, 3.5d, 2w)"
    case is Node.Mapping.Type: "a section of keys"
    case is Node.Sequence.Type: "a list"
    default:
      String(describing: type).hasPrefix("Array")
        ? "a list" : (String(describing: type).hasPrefix("Dictionary") ? "a section of keys" : "a value of type \(type)")
    }
  }
}
