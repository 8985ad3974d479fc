// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// How a seed's recruitment cost is set:
/// - a fixed fee plus a price per follower, raised to an exponent: fixed + per_follower ×
///   followers^exponent (influencer pricing; an exponent below 1 makes large accounts
///   cheaper per follower, as rate cards do);
/// - a price per follower tier (`population.tiers`), agents of unlisted tiers free;
/// - a distribution.
/// An agent file's `cost` column (a CSV of prices) overrides any of these per agent.
public enum CostModel: Sendable, Equatable {
  case linear(fixed: Double, perFollower: Double, exponent: Double)
  case byTier([String: Double])
  case distribution(Distribution)

  public static let free = CostModel.linear(fixed: 0, perFollower: 0, exponent: 1)
}

/// The `population:` section: how agents' attributes are drawn (or read from a file).
///
///     population:
///       segments:
///         age: {"18-24": 0.2, "25-34": 0.3, "35+": 0.5}   # label: share
///         community: graph                               # the graph's planted communities
///       susceptibility: {beta: {a: 2, b: 2}}
///       activity: 1
///       influence: {lognormal: {median: 1, mean: 1.5}}
///       cost: {fixed: 20, per_follower: 0.01}
///       attention: {exponent: 0.165}                     # posts of big accounts reach a smaller share
///       homophily: {age: 0.3}                            # ages cluster: Newman's r over the ties
///       segment_effects: {gender: {men: {conversion: 1.5}}}   # men buy more readily
///       target: {age: "18-24"}
///       file: agents.csv                                 # optional: per-agent values
public struct PopulationSpec: Sendable, Equatable {
  public enum SegmentSource: Sendable, Equatable {
    /// Labels with their shares, drawn independently for each agent.
    case shares([(label: String, share: Double)])
    /// The communities planted by the graph model.
    case graphCommunities

    public static func == (a: SegmentSource, b: SegmentSource) -> Bool {
      switch (a, b) {
      case (.graphCommunities, .graphCommunities): true
      case (.shares(let x), .shares(let y)): x.map(\.label) == y.map(\.label) && x.map(\.share) == y.map(\.share)
      default: false
      }
    }
  }

  public var segments: [(name: String, source: SegmentSource)]
  public var susceptibility: Distribution
  public var activity: Distribution
  public var influence: Distribution
  public var cost: CostModel
  /// Follower tiers (`FollowerTiers`), for tiered seeding and tiered prices.
  public var tiers: FollowerTiers
  /// How the share of an account's audience its posts reach falls with its followers (nil:
  /// it does not).
  public var attention: Attention?
  /// Segment name → the assortativity its labels should have over the graph (`Homophily`).
  public var homophily: [String: Double]
  /// Segment name → label → factors on the attributes of its agents (`SegmentEffect`).
  public var segmentEffects: [String: [String: SegmentEffect]]
  /// Segment name → allowed labels.
  public var target: [String: [String]]
  /// A CSV file of per-agent values (read by the scenario reader).
  public var file: String?

  public init(
    segments: [(name: String, source: SegmentSource)] = [], susceptibility: Distribution = .constant(1),
    activity: Distribution = .constant(1), influence: Distribution = .constant(1),
    cost: CostModel = .free, tiers: FollowerTiers = .standard, attention: Attention? = nil,
    homophily: [String: Double] = [:], segmentEffects: [String: [String: SegmentEffect]] = [:],
    target: [String: [String]] = [:], file: String? = nil
  ) {
    self.segments = segments
    self.susceptibility = susceptibility
    self.activity = activity
    self.influence = influence
    self.cost = cost
    self.tiers = tiers
    self.attention = attention
    self.homophily = homophily
    self.segmentEffects = segmentEffects
    self.target = target
    self.file = file
  }

  public static func == (a: PopulationSpec, b: PopulationSpec) -> Bool {
    a.segments.map(\.name) == b.segments.map(\.name) && a.segments.map(\.source) == b.segments.map(\.source)
      && a.susceptibility == b.susceptibility && a.activity == b.activity && a.influence == b.influence
      && a.cost == b.cost && a.tiers == b.tiers && a.attention == b.attention && a.homophily == b.homophily
      && a.segmentEffects == b.segmentEffects && a.target == b.target && a.file == b.file
  }

  public func validate() throws(ParameterError) {
    for (name, source) in segments {
      guard case .shares(let shares) = source else { continue }
      guard !shares.isEmpty, shares.count <= Int(UInt16.max),
        shares.allSatisfy({ $0.share >= 0 && $0.share.isFinite }), shares.contains(where: { $0.share > 0 })
      else {
        throw ParameterError(path: ["segments", name], message: "give labels with shares ≥ 0, not all 0, e.g. {f: 0.5, m: 0.5}")
      }
      let total = shares.reduce(0) { $0 + $1.share }
      guard abs(total - 1) <= 1e-6 else {
        throw ParameterError(
          path: ["segments", name], message: "the shares sum to \(total.shortDescription); they must sum to 1")
      }
    }
    for (key, distribution) in [("susceptibility", susceptibility), ("activity", activity), ("influence", influence)] {
      try distribution.validate(key)
      guard distribution.isNonNegative else { throw ParameterError(key, "cannot be negative") }
    }
    switch cost {
    case .linear(let fixed, let perFollower, let exponent):
      try Check.nonNegative(fixed, "cost")
      try Check.nonNegative(perFollower, "cost")
      guard exponent > 0, exponent <= 3 else {
        throw ParameterError(
          path: ["cost", "exponent"], message: "must be above 0 and at most 3; got \(exponent.shortDescription)")
      }
    case .byTier(let prices):
      for (tier, price) in prices.sorted(by: { $0.key < $1.key }) {
        guard tiers.names.contains(tier) else {
          throw ParameterError(
            path: ["cost", "by_tier", tier], message: "no tier '\(tier)'; tiers: \(tiers.names.joined(separator: ", "))")
        }
        do { try Check.nonNegative(price, tier) } catch { throw error.inside("cost").inside("by_tier") }
      }
    case .distribution(let distribution):
      try distribution.validate("cost")
      guard distribution.isNonNegative else { throw ParameterError("cost", "cannot be negative") }
    }
    try attention?.validate(tiers: tiers)
    try validateHomophily()
    for (name, labels) in segmentEffects.sorted(by: { $0.key < $1.key }) {
      for (label, effect) in labels.sorted(by: { $0.key < $1.key }) {
        do { try effect.validate() } catch { throw error.inside(label).inside(name).inside("segment_effects") }
      }
    }
    // With an agent file the file may define segments too: checked once it is read.
    if file == nil {
      try checkTarget(segmentLabels(communities: nil))
      try checkEffects(segmentLabels(communities: nil))
    }
  }

  /// Each `homophily` entry names a segment drawn from shares, with at least two labels, and
  /// asks for an assortativity in [0, 1).
  private func validateHomophily() throws(ParameterError) {
    for (name, r) in homophily.sorted(by: { $0.key < $1.key }) {
      let path = ["homophily", name]
      guard let source = segments.first(where: { $0.name == name })?.source else {
        let drawn = segments.filter { $0.source != .graphCommunities }.map(\.name)
        throw ParameterError(
          path: path,
          message:
            "no segment '\(name)' drawn from shares\(drawn.isEmpty ? "; define it under segments" : " (segments: \(drawn.joined(separator: ", ")))")"
        )
      }
      guard case .shares(let shares) = source else {
        throw ParameterError(
          path: path, message: "the graph's communities come with the graph; homophily arranges segments drawn from shares")
      }
      guard shares.filter({ $0.share > 0 }).count >= 2 else {
        throw ParameterError(path: path, message: "needs a segment with at least two labels of positive share")
      }
      guard r >= 0, r < 1 else {
        throw ParameterError(
          path: path,
          message:
            "must be an assortativity from 0 (labels independent of the graph) up to, not including, 1 (ties only within a label); got \(r.shortDescription)"
        )
      }
    }
  }

  /// The segments this section defines and their labels: `shares` segments with theirs,
  /// the graph's communities with `c0` … (nil labels when the number of communities is not
  /// known yet).
  public func segmentLabels(communities: Int?) -> [String: [String]?] {
    var result: [String: [String]?] = [:]
    for (name, source) in segments {
      switch source {
      case .shares(let shares): result.updateValue(shares.map(\.label), forKey: name)
      case .graphCommunities: result.updateValue(communities.map { count in (0..<count).map { "c\($0)" } }, forKey: name)
      }
    }
    return result
  }

  /// Checks that every segment and label `target` names exists among `available` (segment
  /// name → its labels, nil when not known yet).
  public func checkTarget(_ available: [String: [String]?]) throws(ParameterError) {
    try Self.check(target, key: "target", available: available)
  }

  /// Checks that every segment and label `segment_effects` names exists among `available`.
  public func checkEffects(_ available: [String: [String]?]) throws(ParameterError) {
    try Self.check(segmentEffects.mapValues { Array($0.keys) }, key: "segment_effects", available: available)
  }

  /// Checks that every segment and label `rule` names exists among `available`; errors name
  /// `key`, the section the rule is written in.
  public static func check(_ rule: [String: [String]], key: String, available: [String: [String]?]) throws(ParameterError) {
    for (name, wanted) in rule.sorted(by: { $0.key < $1.key }) where !wanted.isEmpty {
      guard let labels = available[name] else {
        let defined = available.keys.sorted()
        throw ParameterError(
          path: [key, name],
          message:
            "no segment '\(name)'; define it under segments or in the agent file\(defined.isEmpty ? "" : " (segments: \(defined.joined(separator: ", ")))")"
        )
      }
      guard let labels else { continue }
      let known = Set(labels)
      if let missing = wanted.first(where: { !known.contains($0) }) {
        throw ParameterError(
          path: [key, name], message: "no label '\(missing)' in \(name); labels: \(labels.joined(separator: ", "))")
      }
    }
  }

  /// Draws the population for `graph` from `stream`; `overrides` are per-agent values read
  /// from a file (segment labels or numbers by column name), applied after the draws.
  public func draw(for graph: Graph, using stream: RandomStream, overrides: AgentTable? = nil, threads: Int = 1)
    throws(ParameterError) -> Population
  {
    let n = graph.nodeCount
    var population = Population(uniform: n)
    for (name, source) in segments {
      switch source {
      case .graphCommunities:
        guard let communities = graph.communities else {
          throw ParameterError(
            path: ["segments", name], message: "the graph has no communities; use a stochastic-block graph or give shares")
        }
        let labels = (0...(communities.max() ?? 0)).map { "c\($0)" }
        population.segments.append(Segment(name: name, labels: labels, codes: communities.map { UInt16($0) }))
      case .shares(let shares):
        let table: WeightedChoice
        do { table = try WeightedChoice(weights: shares.map(\.share)) } catch {
          throw ParameterError(path: ["segments", name], message: "shares must be ≥ 0 and not all 0")
        }
        let codes = (0..<n).map { _ in UInt16(stream.choose(from: table)) }
        population.segments.append(Segment(name: name, labels: shares.map(\.label), codes: codes))
      }
    }
    population.susceptibility = Self.attribute(susceptibility, n, stream)
    population.activity = Self.attribute(activity, n, stream)
    population.influence = Self.attribute(influence, n, stream)
    switch cost {
    case .linear(let fixed, let perFollower, let exponent):
      population.cost =
        perFollower == 0
        ? .constant(fixed)
        : .values((0..<n).map { fixed + perFollower * Double.pow(Double(graph.followerCount(of: $0)), exponent) })
    case .byTier(let prices):
      let price = tiers.byBand(prices, missing: 0)
      population.cost = .values((0..<n).map { price[tiers.band(followers: graph.followerCount(of: $0))] })
    case .distribution(let distribution):
      population.cost = Self.attribute(distribution, n, stream)
    }
    population.tiers = tiers
    if let attention { population.attention = attention.factors(for: graph, tiers: tiers) }
    try arrangeHomophily(&population, graph: graph, stream: stream, threads: threads)
    overrides?.apply(to: &population)
    try applyEffects(to: &population)
    if !target.isEmpty { try population.setTarget(target) }
    return population
  }

  /// Arranges the segments `homophily` names, in the order the segments are declared, each
  /// within the strata of every other drawn segment (`Homophily`), from the rest of `stream`
  /// (after every other draw, so the attributes are those drawn without homophily).
  private func arrangeHomophily(_ population: inout Population, graph: Graph, stream: RandomStream, threads: Int)
    throws(ParameterError)
  {
    let arranged = segments.filter { homophily[$0.name] != nil && $0.source != .graphCommunities }.map(\.name)
    guard !arranged.isEmpty else { return }
    // One breadth-first order serves every segment, made when one first needs it.
    var searchOrder: [UInt32]?
    func order() -> [UInt32] {
      if searchOrder == nil {
        searchOrder = Homophily.breadthFirstOrder(graph, from: stream.uniformInt(below: graph.nodeCount))
      }
      return searchOrder!
    }
    for name in arranged {
      let target = homophily[name]!
      let index = population.segments.firstIndex { $0.name == name }!
      let segment = population.segments[index]
      let others = segments.filter { $0.name != name && $0.source != .graphCommunities }
        .compactMap { other in population.segments.first { $0.name == other.name } }
      let (strata, strataCount) = Self.strata(of: others, count: graph.nodeCount)
      var codes = segment.codes
      let outcome = Homophily.arrange(
        &codes, labelCount: segment.labels.count, strata: strata, strataCount: strataCount, target: target, graph: graph,
        searchOrder: order, stream: stream, threads: threads)
      guard outcome.isFeasible else {
        throw ParameterError(
          path: ["homophily", name],
          message:
            "an assortativity of \(target.shortDescription) cannot be reached on this graph with these shares: the largest is \(Self.rounded(outcome.largest)) (labels clustered along the graph's ties); ask for at most that"
        )
      }
      population.segments[index] = Segment(name: name, labels: segment.labels, codes: codes)
      population.homophily[name] = outcome
    }
  }

  /// Multiplies the attributes of each segment's agents by `segment_effects`, once, so the
  /// models read one number per agent (an attribute whose factors are all 1 stays as drawn).
  private func applyEffects(to population: inout Population) throws(ParameterError) {
    guard !segmentEffects.isEmpty else { return }
    let n = population.count
    // Per attribute, the product of every segment's factors (empty: all 1).
    var factors: [WritableKeyPath<Population, AgentAttribute>: [Double]] = [:]
    let attributes: [(effect: KeyPath<SegmentEffect, Double>, attribute: WritableKeyPath<Population, AgentAttribute>)] = [
      (\.susceptibility, \.susceptibility), (\.sharing, \.activity), (\.conversion, \.conversion),
    ]
    for (name, labels) in segmentEffects.sorted(by: { $0.key < $1.key }) {
      guard let segment = population.segments.first(where: { $0.name == name }) else {
        throw ParameterError(path: ["segment_effects", name], message: "no segment '\(name)'")
      }
      // Per label code: the effect, 1 for labels the section does not name.
      let byCode = segment.labels.map { labels[$0] ?? SegmentEffect() }
      for (effect, attribute) in attributes where byCode.contains(where: { $0[keyPath: effect] != 1 }) {
        var values = factors[attribute] ?? [Double](repeating: 1, count: n)
        for agent in 0..<n { values[agent] *= byCode[Int(segment.codes[agent])][keyPath: effect] }
        factors[attribute] = values
      }
    }
    for (attribute, values) in factors {
      let drawn = population[keyPath: attribute]
      population[keyPath: attribute] = .values((0..<n).map { drawn[$0] * values[$0] })
    }
  }

  /// Three decimals, rounded down, for a bound a request must not exceed.
  private static func rounded(_ value: Double) -> String {
    String((value * 1000).rounded(.down) / 1000)
  }

  /// Each agent's combination of labels of `segments`, numbered densely, and the number of
  /// combinations.
  private static func strata(of segments: [Segment], count n: Int) -> (codes: [UInt32], count: Int) {
    guard !segments.isEmpty else { return ([UInt32](repeating: 0, count: n), 1) }
    let radices = segments.map { max($0.labels.count, 1) }
    if radices.reduce(1, { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }) <= 1 << 20 {
      let total = radices.reduce(1, *)
      let codes = (0..<n).map { agent in
        UInt32(zip(segments, radices).reduce(0) { $0 * $1.1 + Int($1.0.codes[agent]) })
      }
      return (codes, total)
    }
    var numbers: [[UInt16]: UInt32] = [:]
    let codes = (0..<n).map { agent in
      let key = segments.map { $0.codes[agent] }
      if let known = numbers[key] { return known }
      let next = UInt32(numbers.count)
      numbers[key] = next
      return next
    }
    return (codes, numbers.count)
  }

  /// Bytes per agent of the population `draw` makes (for memory planning): 8 for each
  /// attribute that varies between agents (any of them may, with an agent file), 2 for each
  /// segment, and a byte for the target bit (an eighth of one, rounded up).
  public var bytesPerAgent: Int {
    func varies(_ distribution: Distribution) -> Bool { if case .constant = distribution { false } else { true } }
    let costVaries =
      switch cost {
      case .linear(_, let perFollower, _): perFollower != 0
      case .byTier: true
      case .distribution(let distribution): varies(distribution)
      }
    let attributes = file != nil ? 4 : [susceptibility, activity, influence].filter(varies).count + (costVaries ? 1 : 0)
    let attentionVaries = attention.map { $0 != .powerLaw(exponent: 0, reference: nil) } ?? false
    // Segment effects may make every attribute they scale vary, and add the conversion factor.
    let effects = segmentEffects.isEmpty ? 0 : 3
    return 8 * (attributes + (attentionVaries ? 1 : 0) + effects) + 2 * segments.count + (target.isEmpty ? 0 : 1)
  }

  private static func attribute(_ distribution: Distribution, _ n: Int, _ stream: RandomStream) -> AgentAttribute {
    if case .constant(let value) = distribution { return .constant(value) }
    let sampler = distribution.sampler()
    return .values((0..<n).map { _ in sampler.sample(stream) })
  }
}

/// Per-agent values read from a file: text columns become segments, number columns replace
/// `susceptibility`, `activity`, `influence` or `cost`. Agents the file does not list keep
/// their drawn numbers (NaN marks them) and get the label `unknown`.
public struct AgentTable: Sendable, Equatable {
  public var numbers: [String: [Double]]
  public var labels: [String: [String?]]

  public init(numbers: [String: [Double]] = [:], labels: [String: [String?]] = [:]) {
    self.numbers = numbers
    self.labels = labels
  }

  /// Numeric columns an agent file may hold.
  public static let numericColumns = ["susceptibility", "activity", "influence", "cost"]

  /// The labels of segment `name` as `apply` makes them: those the file gives, in order of
  /// first appearance, and `unknown` for agents it leaves out.
  public func segmentLabels(_ name: String) -> [String] {
    var seen = Set<String>()
    var result: [String] = []
    for label in labels[name] ?? [] where seen.insert(label ?? "unknown").inserted { result.append(label ?? "unknown") }
    return result
  }

  func apply(to population: inout Population) {
    func merged(_ drawn: AgentAttribute, _ read: [Double]) -> AgentAttribute {
      .values(read.indices.map { read[$0].isNaN ? drawn[$0] : read[$0] })
    }
    for (name, values) in numbers.sorted(by: { $0.key < $1.key }) {
      switch name {
      case "susceptibility": population.susceptibility = merged(population.susceptibility, values)
      case "activity": population.activity = merged(population.activity, values)
      case "influence": population.influence = merged(population.influence, values)
      default: population.cost = merged(population.cost, values)
      }
    }
    for (name, values) in labels.sorted(by: { $0.key < $1.key }) {
      var index: [String: UInt16] = [:]
      var names: [String] = []
      let codes = values.map { label -> UInt16 in
        let label = label ?? "unknown"
        if let code = index[label] { return code }
        let code = UInt16(truncatingIfNeeded: names.count)
        index[label] = code
        names.append(label)
        return code
      }
      population.segments.removeAll { $0.name == name }
      population.segments.append(Segment(name: name, labels: names, codes: codes))
    }
  }
}

extension PopulationSpec: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case segments, susceptibility, activity, influence, cost, tiers, attention, homophily
    case segmentEffects = "segment_effects"
    case target, file
  }
  private enum AttentionKeys: String, CodingKey, CaseIterable {
    case exponent, reference
    case byTier = "by_tier"
  }
  private enum CostKeys: String, CodingKey, CaseIterable {
    case fixed, perFollower = "per_follower", exponent
    case byTier = "by_tier"
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    var segments: [(name: String, source: SegmentSource)] = []
    if c.contains(.segments) {
      let list = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .segments)
      for key in list.allKeys {
        if let word = try? list.decode(String.self, forKey: key) {
          guard word == "graph" else {
            throw DecodingError.dataCorruptedError(
              forKey: key, in: list,
              debugDescription: "write label shares such as {f: 0.5, m: 0.5}, or 'graph' for the graph's communities")
          }
          segments.append((key.stringValue, .graphCommunities))
          continue
        }
        let shares = try list.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key)
        let pairs: [(label: String, share: Double)]
        if let entries = try list.superDecoder(forKey: key).mappingEntries() {
          // In linear time: a segment may have thousands of labels.
          pairs = try entries.map { entry in
            guard let text = entry.value, let share = Double(text.trimmingWhitespace()) else {
              throw DecodingError.typeMismatch(
                Double.self,
                .init(codingPath: shares.codingPath + [AnyCodingKey(entry.key)], debugDescription: "expected a number"))
            }
            return (entry.key, share)
          }
        } else {
          pairs = try shares.allKeys.map { (label: $0.stringValue, share: try shares.decode(Double.self, forKey: $0)) }
        }
        segments.append((key.stringValue, .shares(pairs)))
      }
    }
    var tiers = FollowerTiers.standard
    if c.contains(.tiers) {
      let bands = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .tiers)
      let minimums = try bands.allKeys.map { (name: $0.stringValue, minimum: try bands.decode(Int.self, forKey: $0)) }
      do { tiers = try FollowerTiers(minimums) } catch {
        throw DecodingError.dataCorrupted(
          .init(
            codingPath: c.codingPath + [CodingKeys.tiers] + error.path.suffix(1).map { AnyCodingKey($0) as any CodingKey },
            debugDescription: error.message))
      }
    }
    var cost = CostModel.free
    if c.contains(.cost) {
      let inner = try c.superDecoder(forKey: .cost)
      if let keyed = try? inner.container(keyedBy: AnyCodingKey.self),
        keyed.allKeys.contains(where: { CostKeys(stringValue: $0.stringValue) != nil })
      {
        try inner.rejectUnknownKeys(CostKeys.self)
        let keyedCost = try inner.container(keyedBy: CostKeys.self)
        if keyedCost.contains(.byTier) {
          let prices = try keyedCost.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .byTier)
          var table: [String: Double] = [:]
          for key in prices.allKeys { table[key.stringValue] = try prices.decode(Double.self, forKey: key) }
          cost = .byTier(table)
        } else {
          cost = .linear(
            fixed: try keyedCost.value(.fixed, default: 0), perFollower: try keyedCost.value(.perFollower, default: 0),
            exponent: try keyedCost.value(.exponent, default: 1))
        }
      } else {
        cost = .distribution(try Distribution(from: inner))
      }
    }
    var attention: Attention?
    if c.contains(.attention) {
      let inner = try c.superDecoder(forKey: .attention)
      try inner.rejectUnknownKeys(AttentionKeys.self)
      let keyed = try inner.container(keyedBy: AttentionKeys.self)
      if keyed.contains(.byTier) {
        if let other = keyed.allKeys.first(where: { $0 != .byTier }) {
          throw DecodingError.dataCorruptedError(
            forKey: other, in: keyed,
            debugDescription: "give either by_tier (a factor per tier) or exponent and reference (a power law), not both")
        }
        let factors = try keyed.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .byTier)
        var table: [String: Double] = [:]
        for key in factors.allKeys { table[key.stringValue] = try factors.decode(Double.self, forKey: key) }
        attention = .byTier(table)
      } else {
        attention = .powerLaw(
          exponent: try keyed.value(.exponent, default: Attention.publishedExponent),
          reference: try keyed.decodeIfPresent(Double.self, forKey: .reference))
      }
    }
    var segmentEffects: [String: [String: SegmentEffect]] = [:]
    if c.contains(.segmentEffects) {
      let segments = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .segmentEffects)
      for name in segments.allKeys {
        let labels = try segments.nestedContainer(keyedBy: AnyCodingKey.self, forKey: name)
        for label in labels.allKeys {
          segmentEffects[name.stringValue, default: [:]][label.stringValue] = try labels.decode(
            SegmentEffect.self, forKey: label)
        }
      }
    }
    var homophily: [String: Double] = [:]
    if c.contains(.homophily) {
      let entries = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .homophily)
      for key in entries.allKeys { homophily[key.stringValue] = try entries.decode(Double.self, forKey: key) }
    }
    self.init(
      segments: segments, susceptibility: try c.value(.susceptibility, default: .constant(1)),
      activity: try c.value(.activity, default: .constant(1)), influence: try c.value(.influence, default: .constant(1)),
      cost: cost, tiers: tiers, attention: attention, homophily: homophily,
      segmentEffects: segmentEffects, target: try c.labelRule(.target),
      file: try c.decodeIfPresent(String.self, forKey: .file))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    var list = c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .segments)
    for (name, source) in segments {
      switch source {
      case .graphCommunities: try list.encode("graph", forKey: AnyCodingKey(name))
      case .shares(let shares):
        var inner = list.nestedContainer(keyedBy: AnyCodingKey.self, forKey: AnyCodingKey(name))
        for (label, share) in shares { try inner.encode(share, forKey: AnyCodingKey(label)) }
      }
    }
    try c.encode(susceptibility, forKey: .susceptibility)
    try c.encode(activity, forKey: .activity)
    try c.encode(influence, forKey: .influence)
    switch cost {
    case .linear(let fixed, let perFollower, let exponent):
      var inner = c.nestedContainer(keyedBy: CostKeys.self, forKey: .cost)
      try inner.encode(fixed, forKey: .fixed)
      try inner.encode(perFollower, forKey: .perFollower)
      try inner.encode(exponent, forKey: .exponent)
    case .byTier(let prices):
      var inner = c.nestedContainer(keyedBy: CostKeys.self, forKey: .cost)
      try inner.encode(prices, forKey: .byTier)
    case .distribution(let distribution): try c.encode(distribution, forKey: .cost)
    }
    try c.encode(Dictionary(uniqueKeysWithValues: tiers.bands.map { ($0.name, $0.minimum) }), forKey: .tiers)
    switch attention {
    case .powerLaw(let exponent, let reference):
      var inner = c.nestedContainer(keyedBy: AttentionKeys.self, forKey: .attention)
      try inner.encode(exponent, forKey: .exponent)
      try inner.encodeIfPresent(reference, forKey: .reference)
    case .byTier(let factors):
      var inner = c.nestedContainer(keyedBy: AttentionKeys.self, forKey: .attention)
      try inner.encode(factors, forKey: .byTier)
    case nil: break
    }
    if !homophily.isEmpty { try c.encode(homophily, forKey: .homophily) }
    if !segmentEffects.isEmpty { try c.encode(segmentEffects, forKey: .segmentEffects) }
    try c.encode(target, forKey: .target)
    try c.encodeIfPresent(file, forKey: .file)
  }
}
