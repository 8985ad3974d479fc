// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import ViralityCore

/// A scenario: one YAML file describing what to simulate: the run settings, the `graph:`,
/// the `population:`, the spreading `campaign:`, the `seeding:` and the `outputs:`; see
/// `Scenarios/README.md` for every key. `viral graph` needs only the graph; `viral run`
/// needs a campaign and a seeding too.
public struct Scenario: Codable, Sendable {
  /// Names the results folder (`Results/<name>/`).
  public var name: String
  /// The master seed every random stream is derived from.
  public var seed: UInt64
  /// Simulation runs per variant and sweep point.
  public var replicates: Int
  /// Simulated time span of a run.
  public var horizon: TimeSpan
  /// The GSL generator algorithm.
  public var rng: GeneratorKind
  public var graph: GraphSection
  public var population: PopulationSpec
  public var campaign: CampaignSection?
  public var seeding: SeedingSpec?
  /// Seeding variants compared on the same runs (the `seeding:` one, if any, first).
  public var compare: [SeedingSpec]?
  /// What an adopter, donor or dollar raised is worth, for the return on investment.
  public var value: Valuation?
  public var outputs: OutputSettings
  /// Published figures to show beside the simulated ones in a report.
  public var published: [PublishedFigure]?
  /// One budget divided among arms, for `viral split`.
  public var split: BudgetSplit?

  public static let defaultSeed: UInt64 = 1
  public static let defaultReplicates = 100
  public static let defaultHorizon = TimeSpan(hours: 30 * 24)

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name, seed, replicates, horizon, rng, graph, population, campaign, seeding, compare, value, outputs, published, split
  }

  public init(
    name: String, seed: UInt64 = defaultSeed, replicates: Int = defaultReplicates, horizon: TimeSpan = defaultHorizon,
    rng: GeneratorKind = .standard, graph: GraphSection, population: PopulationSpec = PopulationSpec(),
    campaign: CampaignSection? = nil, seeding: SeedingSpec? = nil, compare: [SeedingSpec]? = nil, value: Valuation? = nil,
    outputs: OutputSettings = OutputSettings(), published: [PublishedFigure]? = nil, split: BudgetSplit? = nil
  ) {
    self.name = name
    self.seed = seed
    self.replicates = replicates
    self.horizon = horizon
    self.rng = rng
    self.graph = graph
    self.population = population
    self.campaign = campaign
    self.seeding = seeding
    self.compare = compare
    self.value = value
    self.outputs = outputs
    self.published = published
    self.split = split
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: ["sweep"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      name: try c.decode(String.self, forKey: .name), seed: try c.value(.seed, default: Self.defaultSeed),
      replicates: try c.value(.replicates, default: Self.defaultReplicates),
      horizon: try c.value(.horizon, default: Self.defaultHorizon), rng: try c.choice(.rng, default: GeneratorKind.standard),
      graph: try c.decode(GraphSection.self, forKey: .graph),
      population: try c.value(.population, default: PopulationSpec()),
      campaign: try c.decodeIfPresent(CampaignSection.self, forKey: .campaign),
      seeding: try c.decodeIfPresent(SeedingSpec.self, forKey: .seeding),
      compare: try c.decodeIfPresent([SeedingSpec].self, forKey: .compare),
      value: try c.decodeIfPresent(Valuation.self, forKey: .value),
      outputs: try c.value(.outputs, default: OutputSettings()),
      published: try c.decodeIfPresent([PublishedFigure].self, forKey: .published),
      split: try c.decodeIfPresent(BudgetSplit.self, forKey: .split))
  }

  /// The seeding variants: the `seeding:` section (labelled `default` without `compare:`,
  /// else `baseline` unless it has a label), then the `compare:` ones (labelled by their
  /// strategy unless they have a label). The first is the baseline of comparisons.
  public var variants: [SeedingVariant] {
    var list: [SeedingVariant] = []
    if let seeding {
      list.append(SeedingVariant(label: seeding.label ?? (compare == nil ? "default" : "baseline"), spec: seeding))
    }
    for variant in compare ?? [] {
      list.append(
        SeedingVariant(
          label: variant.label ?? variant.strategyName, spec: variant, section: variantSection(list.count)))
    }
    return list
  }

  /// The section variant `v` of `variants` is written in, for messages.
  public func variantSection(_ v: Int) -> String {
    seeding == nil ? "compare[\(v)]" : v == 0 ? "seeding" : "compare[\(v - 1)]"
  }

  /// The metrics a split may race on: every runs.csv metric the scenario's runs define
  /// (those of a value with a `value:` section, those of the lift with `outputs.lift`).
  func splitMetrics(_ model: any CampaignModel) -> [String] {
    RunReport.metrics.map(\.name).filter { name in
      let needsValue = ["value", "roi", "roas"].contains { name == $0 || name.hasSuffix("_\($0)") }
      let needsLift = name.hasPrefix("organic_") || name.hasPrefix("incremental_")
      return (value != nil || !needsValue) && (outputs.lift || !needsLift)
    } + model.extraMetricNames
  }

  public func validate() throws(ParameterError) {
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }), !name.hasPrefix("."),
      name.utf8.count <= Limits.nameBytes
    else {
      throw ParameterError(
        "name",
        "use letters, digits, '-', '_' or '.', not first a dot (hidden names are Viral's staging folders), at most \(Limits.nameBytes) bytes (it names the results folder); got '\(name)'"
      )
    }
    try Check.range(replicates, 1...Limits.replicates, "replicates")
    guard horizon.hours > 0, horizon.hours.isFinite else {
      throw ParameterError("horizon", "must be a positive duration; got \(horizon)")
    }
    try graph.validate()
    do { try population.validate() } catch { throw error.inside("population") }
    try campaign?.validate()
    do { try seeding?.validate(nodeCount: graph.exactNodeCount) } catch { throw error.inside("seeding") }
    for (v, variant) in variants.enumerated() {
      for (i, wave) in variant.spec.waves.enumerated() where wave.hours >= horizon.hours {
        throw ParameterError(
          path: [variantSection(v), "waves[\(i)]"],
          message: "\(wave) is not before the horizon (\(horizon)); release seeds within it")
      }
    }
    if let compare {
      guard !compare.isEmpty else {
        throw ParameterError("compare", "list at least one seeding variant, e.g. - {label: hubs, strategy: top-followers}")
      }
      for (i, variant) in compare.enumerated() {
        do { try variant.validate(nodeCount: graph.exactNodeCount) } catch { throw error.inside("compare[\(i)]") }
      }
      var seen = Set<String>()
      for (i, variant) in variants.enumerated() where !seen.insert(variant.label).inserted {
        throw ParameterError(
          path: ["compare[\(seeding == nil ? i : i - 1)]", "label"],
          message: "'\(variant.label)' is the label of an earlier variant; give each variant its own label")
      }
    }
    try value?.validate()
    try outputs.validate()
    if let split {
      guard let model = campaign?.model else {
        throw ParameterError("split", "a budget split needs a campaign: section (the spreading model)")
      }
      try split.validate(metrics: splitMetrics(model), nodeCount: graph.exactNodeCount)
    }
    // Bins are bounded: they are kept for the whole horizon. With the default bin it is the
    // horizon that asks for too many.
    let width = outputs.binHours(horizon: horizon.hours)
    let bins = (horizon.hours / width).rounded(.up)
    guard bins <= Double(Limits.bins) else {
      let message =
        "\(horizon) in \(outputs.bin == nil ? "the default bin of " : "bins of ")\(TimeSpan(hours: width)) gives \(bins.shortDescription) time bins, more than \(Limits.bins); give a wider outputs.bin or a shorter horizon"
      throw outputs.bin == nil
        ? ParameterError("horizon", message) : ParameterError(path: ["outputs", "bin"], message: "a horizon of " + message)
    }
  }
}
