// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// One numeric attribute of every agent: a single value shared by all, or one per agent.
public enum AgentAttribute: Sendable, Equatable {
  case constant(Double)
  case values([Double])

  @inline(__always)
  public subscript(_ agent: Int) -> Double {
    switch self {
    case .constant(let value): value
    case .values(let values): values[agent]
    }
  }

  /// The value every agent shares, or nil when agents differ.
  public var constantValue: Double? {
    if case .constant(let value) = self { value } else { nil }
  }

  /// The largest value (for thinning arguments in the models).
  public var maximum: Double {
    switch self {
    case .constant(let value): value
    case .values(let values): values.max() ?? 0
    }
  }
}

/// A categorical attribute such as age band or gender: its labels and each agent's label.
public struct Segment: Sendable, Equatable {
  public let name: String
  public let labels: [String]
  /// `codes[agent]` indexes `labels`.
  public let codes: [UInt16]

  public init(name: String, labels: [String], codes: [UInt16]) {
    self.name = name
    self.labels = labels
    self.codes = codes
  }

  public func label(of agent: Int) -> String { labels[Int(codes[agent])] }
}

/// The agents of a run, as struct-of-arrays: segment labels, susceptibility (how readily an
/// agent accepts what it hears), activity (how often it passes things on), influence (how
/// strongly it sways others), the cost of recruiting it as a seed, the share of its
/// audience its posts reach (`Attention`), and whether it belongs to the target segment. Which models read which attribute is documented per model.
public struct Population: Sendable {
  public let count: Int
  public var segments: [Segment]
  public var susceptibility: AgentAttribute
  public var activity: AgentAttribute
  public var influence: AgentAttribute
  public var cost: AgentAttribute
  /// The factor on every per-follower chance or rate of the agent's posts (`Attention`).
  public var attention: AgentAttribute
  /// How readily the agent converts (buys, donates) once reached: a factor on the model's
  /// conversion chances (`population.segment_effects`).
  public var conversion: AgentAttribute
  /// Influencer tiers by follower count.
  public var tiers = FollowerTiers.standard
  /// What arranging each segment of `population.homophily` reached, by segment name.
  public var homophily: [String: Homophily.Outcome] = [:]
  /// Target membership, one bit per agent; nil means everyone is in the target.
  public var target: [UInt64]?
  public private(set) var targetSize: Int

  /// Everyone alike: attributes 1, cost 0, no segments, everyone in the target.
  public init(uniform count: Int) {
    self.count = count
    segments = []
    susceptibility = .constant(1)
    activity = .constant(1)
    influence = .constant(1)
    cost = .constant(0)
    attention = .constant(1)
    conversion = .constant(1)
    target = nil
    targetSize = count
  }

  @inline(__always)
  public func isTarget(_ agent: Int) -> Bool {
    guard let target else { return true }
    return target[agent >> 6] & (1 << UInt64(agent & 63)) != 0
  }

  /// Sets the target: agents whose label in every named segment is one of the listed ones.
  public mutating func setTarget(_ rule: [String: [String]]) throws(ParameterError) {
    let bits = try members(rule, key: "target")
    target = bits
    targetSize = bits.reduce(0) { $0 + $1.nonzeroBitCount }
  }

  /// One bit per agent: whether its label in every segment `rule` names is one of the listed
  /// ones. Errors name `key` (the section the rule is written in).
  /// - Complexity: O(n × segments named).
  public func members(_ rule: [String: [String]], key: String) throws(ParameterError) -> [UInt64] {
    var bits = [UInt64](repeating: ~0, count: (count + 63) / 64)
    for (name, wanted) in rule.sorted(by: { $0.key < $1.key }) {
      guard let segment = segments.first(where: { $0.name == name }) else {
        throw ParameterError(
          path: [key, name], message: "no segment '\(name)'; segments: \(segments.map(\.name).joined(separator: ", "))")
      }
      var allowed = [Bool](repeating: false, count: segment.labels.count)
      let codes = Dictionary(segment.labels.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
      for label in wanted {
        guard let code = codes[label] else {
          throw ParameterError(
            path: [key, name], message: "no label '\(label)' in \(name); labels: \(segment.labels.joined(separator: ", "))")
        }
        allowed[code] = true
      }
      for agent in 0..<count where !allowed[Int(segment.codes[agent])] {
        bits[agent >> 6] &= ~(1 << UInt64(agent & 63))
      }
    }
    // Clear the bits past the last agent so counting is exact.
    if count % 64 != 0, !bits.isEmpty { bits[bits.count - 1] &= (1 << UInt64(count % 64)) - 1 }
    return bits
  }
}
