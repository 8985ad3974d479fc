// SPDX-License-Identifier: GPL-3.0-or-later

/// A spreading model as a scenario names it (`campaign: {model: ...}`).
public protocol CampaignModel: SpreadingModel, Codable {
  /// The `model:` name in scenario files.
  static var modelName: String { get }
  /// Checks every parameter, naming the key and the allowed values on failure.
  func validate() throws(ParameterError)
  /// How long a round lasts (rounds clock only), in hours.
  var roundHours: Double { get }
  /// The columns of the printed table that matter for this model (default: the final size
  /// and the cascade's shape).
  var summaryColumns: [SummaryColumn] { get }
  /// The process influence-maximisation strategies optimise for this model, over a campaign
  /// of `horizon` hours (see `InfluenceProcess`).
  func influenceProcess(horizon: Double) -> InfluenceProcess
  /// The milestone strategies that simulate the model maximise (default: adopted).
  var seedingObjective: Milestone { get }
  /// What the model's adopters are, in tables: `buyers` for a funnel (default `adopters`).
  var adopterNoun: (plural: String, singular: String) { get }
}

extension CampaignModel {
  public var roundHours: Double { 24 }
  public var summaryColumns: [SummaryColumn] { SummaryColumn.finalSize + SummaryColumn.shape }
  public var seedingObjective: Milestone { .adopted }
  public var adopterNoun: (plural: String, singular: String) { ("adopters", "adopter") }

  /// The columns that lead the printed table when a scenario names a target segment: the
  /// target's adopters, what each cost and, with a `value:` section, the return on them.
  public func targetColumns(valued: Bool) -> [SummaryColumn] {
    [
      SummaryColumn("target \(adopterNoun.plural)", "target_adopted", interval: true),
      SummaryColumn("cost per target \(adopterNoun.singular) ($)", "cost_per_target_adopter", decimals: 2, interval: true),
    ] + (valued ? [SummaryColumn("target ROI", "target_roi", decimals: 2, interval: true)] : [])
  }

  /// What seeding strategies need to know about this campaign.
  public func seedingCampaign(horizon: Double) -> SeedingCampaign {
    SeedingCampaign(
      model: self, process: influenceProcess(horizon: horizon), objective: seedingObjective, horizon: horizon,
      roundLength: roundHours)
  }

  /// Runs `ensemble` with this model; opening the existential here lets the engine's loops
  /// be specialised for the concrete model type.
  public func run(
    _ ensemble: Ensemble, threads: Int, progress: (@Sendable (Int) -> Void)?, live: (@Sendable (LiveCounts) -> Void)? = nil
  ) throws(ParameterError) -> [RunRecord] {
    let ensemble = rounded(ensemble)
    return try ensemble.run(
      self, campaign: seedingCampaign(horizon: ensemble.horizon), threads: threads, progress: progress, live: live)
  }

  /// The cascade traces of `runs` (variant, replicate) of `ensemble`, rerun with this model.
  public func trace(_ ensemble: Ensemble, runs: [(variant: Int, replicate: Int)]) throws(ParameterError) -> [CascadeTrace] {
    let ensemble = rounded(ensemble)
    return try ensemble.trace(self, campaign: seedingCampaign(horizon: ensemble.horizon), runs: runs)
  }

  /// `ensemble` with this model's round length.
  private func rounded(_ ensemble: Ensemble) -> Ensemble {
    var ensemble = ensemble
    ensemble.roundLength = roundHours
    return ensemble
  }
}

extension IndependentCascade: CampaignModel {
  public var roundHours: Double { timing.roundLength.hours }
}
extension LinearThreshold: CampaignModel {
  public var roundHours: Double { timing.roundLength.hours }
}
extension ComplexContagion: CampaignModel {
  public var roundHours: Double { timing.roundLength.hours }
}
extension WordOfMouth: CampaignModel {}
extension Rumour: CampaignModel {
  /// A rumour's final size is the people who heard it.
  public var summaryColumns: [SummaryColumn] {
    [
      SummaryColumn("heard (agents)", "aware", interval: true),
      SummaryColumn("heard (%)", "aware_share", scale: .percent, decimals: 1),
      SummaryColumn("spreaders (agents)", "engaged"),
    ] + SummaryColumn.shape
  }
}
extension Bass: CampaignModel {}
extension Funnel: CampaignModel {
  public var adopterNoun: (plural: String, singular: String) { ("buyers", "buyer") }
  /// A funnel is judged by its buyers, in the target segment first.
  public var summaryColumns: [SummaryColumn] {
    [
      SummaryColumn("target buyers", "target_adopted", interval: true),
      SummaryColumn("buyers", "adopted", interval: true),
      SummaryColumn("aware (%)", "aware_share", scale: .percent, decimals: 1),
      SummaryColumn("target aware (%)", "target_aware_share", scale: .percent, decimals: 1),
      SummaryColumn("seed cost ($)", "seed_cost"),
      SummaryColumn("cost per buyer ($)", "cost_per_adopter", decimals: 2, interval: true),
    ]
  }
}
extension Nomination: CampaignModel {
  public var adopterNoun: (plural: String, singular: String) { ("donors", "donor") }
  public var summaryColumns: [SummaryColumn] {
    [
      SummaryColumn("participants", "participants", interval: true),
      SummaryColumn("took part (%)", "participants", scale: .percentOfAgents, decimals: 1),
      SummaryColumn("donors", "donors"),
      SummaryColumn("money raised ($)", "money", interval: true),
      SummaryColumn("R, first week", "nomination_r_first_week", decimals: 2),
      SummaryColumn("chain depth (generations)", "nomination_depth", decimals: 1),
    ]
  }
}

/// The `campaign:` section: the spreading model and its parameters.
public struct CampaignSection: Sendable {
  public var model: any CampaignModel

  /// Every model a scenario can name.
  public static let models: [any CampaignModel.Type] = [
    IndependentCascade.self, LinearThreshold.self, ComplexContagion.self, WordOfMouth.self, Rumour.self, Bass.self,
    Funnel.self, Nomination.self,
  ]

  public static var modelNames: [String] { models.map { $0.modelName } }

  public init(_ model: any CampaignModel) { self.model = model }

  public var modelName: String { type(of: model).modelName }

  public func validate() throws(ParameterError) {
    do { try model.validate() } catch { throw error.inside("campaign") }
  }
}

extension CampaignSection: Codable {
  private enum Keys: String, CodingKey { case model }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    let name = try c.decode(String.self, forKey: .model)
    guard let type = Self.models.first(where: { $0.modelName == name }) else {
      throw DecodingError.dataCorruptedError(
        forKey: .model, in: c, debugDescription: "unknown model '\(name)'; use one of: \(Self.modelNames.joined(separator: ", "))"
      )
    }
    self.init(try type.init(from: decoder))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(modelName, forKey: .model)
    try model.encode(to: encoder)
  }
}
