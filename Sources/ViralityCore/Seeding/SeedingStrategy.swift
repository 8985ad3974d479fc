// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// When a strategy's choice can change.
public enum SeedingKind: String, Sendable {
  /// The same seeds for every replicate on a graph (a ranking).
  case fixed
  /// Drawn anew for every replicate, from the replicate's seeding stream.
  case perReplicate = "per-replicate"
  /// Randomized once per graph (a sampling algorithm such as IMM), then fixed.
  case perGraph = "per-graph"
}

/// How to choose seeds: one of the strategies `SeedingSpec.strategies` lists, like the graph
/// generators. A strategy ranks the eligible agents, best first; `SeedingSpec` then takes
/// the first `count` of them or spends its budget down the ranking.
///
/// Each conformer's file gives its citation and complexity. Its parameters decode from the
/// `seeding:` mapping beside the keys every strategy shares (`SeedingSpec.sharedKeys`).
public protocol SeedingStrategy: Sendable, Codable {
  /// The `strategy:` name in scenario files.
  static var strategyName: String { get }
  var kind: SeedingKind { get }
  /// What `SeedRanking.scores` measure, for `seeds.csv` (nil if the strategy has no score).
  var scoreName: String? { get }
  /// Whether choosing walks whom agents follow (the following rows, which a graph compacted
  /// for runs no longer holds: `Graph.compactedForRuns`).
  var readsFollowingRows: Bool { get }
  func validate() throws(ParameterError)
  /// The eligible agents best first: at least `context.limit` of them when there are that
  /// many (a greedy strategy may stop there; a sort may return them all).
  func rank(_ context: SeedingContext) throws(ParameterError) -> SeedRanking
  /// Whether choosing holds storage that grows with the precision asked rather than with
  /// the graph (a sampling strategy's sets), which only `workspaceEstimate` can tell.
  var predictsWorkspace: Bool { get }
  /// The bytes `rank(context)` will hold at its peak, predicted before it starts; refused
  /// when they would not fit in `context.memoryLimit`. Nil when `predictsWorkspace` is false.
  func workspaceEstimate(_ context: SeedingContext) throws(ParameterError) -> Int?
}

extension SeedingStrategy {
  public var kind: SeedingKind { .fixed }
  public var scoreName: String? { nil }
  public var readsFollowingRows: Bool { false }
  public func validate() throws(ParameterError) {}
  public var predictsWorkspace: Bool { false }
  public func workspaceEstimate(_ context: SeedingContext) throws(ParameterError) -> Int? { nil }
}

/// A strategy without parameters of its own: it decodes from the shared keys alone.
public protocol ParameterlessStrategy: SeedingStrategy {
  init()
}

extension ParameterlessStrategy {
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(allowed: SeedingSpec.sharedKeys)
    self.init()
  }
  public func encode(to encoder: any Encoder) throws {}
}

/// An agent and its score in a max-heap of candidates: the higher score first, ties to the
/// lower id (greedy strategies pop these).
struct ScoredAgent: Comparable {
  let value: Double
  let agent: Int
  static func < (a: ScoredAgent, b: ScoredAgent) -> Bool { a.value != b.value ? a.value < b.value : a.agent > b.agent }
}

/// A strategy's answer: agents best first, each with the strategy's score.
public struct SeedRanking: Sendable {
  public var agents: [Int]
  /// `scores[i]` belongs to `agents[i]` (empty if the strategy has no score).
  public var scores: [Double]
  /// Bytes the strategy's own working storage held at its largest (RR sets, tables).
  public var workspaceBytes: Int

  public init(agents: [Int], scores: [Double] = [], workspaceBytes: Int = 0) {
    self.agents = agents
    self.scores = scores
    self.workspaceBytes = workspaceBytes
  }

  /// Every eligible agent by decreasing `score`, ties by id.
  /// - Complexity: O(n log n).
  public static func sorted(_ context: SeedingContext, by score: (Int) -> Double) -> SeedRanking {
    let agents = context.eligibleAgents()
    let scored = agents.map { (score($0), $0) }.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
    return SeedRanking(agents: scored.map(\.1), scores: scored.map(\.0), workspaceBytes: scored.count * 16)
  }
}

/// What the campaign tells a strategy about itself.
public struct SeedingCampaign: Sendable {
  /// The model, for strategies that simulate it (CELF).
  public let model: any SpreadingModel
  /// The independent-cascade or threshold process influence-maximisation strategies
  /// optimise for this model.
  public let process: InfluenceProcess
  /// What counts as success: the milestone whose count strategies that simulate maximise.
  public let objective: Milestone
  public let horizon: Double
  public let roundLength: Double

  public init(model: any SpreadingModel, process: InfluenceProcess, objective: Milestone, horizon: Double, roundLength: Double) {
    self.model = model
    self.process = process
    self.objective = objective
    self.horizon = horizon
    self.roundLength = roundLength
  }
}

/// Everything a strategy may use: the graph, the agents, the campaign, a random stream of
/// its own, the thread count, how many seeds are wanted and who may be chosen.
public struct SeedingContext {
  public let graph: Graph
  public let population: Population
  public let campaign: SeedingCampaign
  /// The strategy's stream: the replicate's seeding stream (per-replicate strategies), the
  /// graph's (per-graph strategies) or a fixed one.
  public let stream: RandomStream
  public let threads: Int
  /// The most seeds the plan can take.
  public let limit: Int
  /// Who may be chosen (nil: everyone).
  public let eligible: [Bool]?
  /// The eligible agents in id order, when the plan listed them already.
  private let eligibleList: [Int]?
  /// The budget the seeds are bought from, if any (`population.cost` prices them); every
  /// eligible agent fits in it.
  public let budget: Double?
  /// The generator kind, for strategies that make streams of their own.
  public let generator: GeneratorKind
  /// Bytes a strategy's working storage may take (IMM refuses a sample that would not fit).
  public let memoryLimit: Int

  public init(
    graph: Graph, population: Population, campaign: SeedingCampaign, stream: RandomStream, threads: Int, limit: Int,
    eligible: [Bool]? = nil, eligibleAgents: [Int]? = nil, budget: Double? = nil, generator: GeneratorKind = .standard,
    memoryLimit: Int = .max
  ) {
    self.graph = graph
    self.population = population
    self.campaign = campaign
    self.stream = stream
    self.threads = threads
    self.limit = limit
    self.eligible = eligible
    self.eligibleList = eligibleAgents
    self.budget = budget
    self.generator = generator
    self.memoryLimit = memoryLimit
  }

  public func isEligible(_ agent: Int) -> Bool { eligible?[agent] ?? true }

  /// The eligible agents in id order.
  public func eligibleAgents() -> [Int] {
    if let eligibleList { return eligibleList }
    guard let eligible else { return Array(0..<graph.nodeCount) }
    return eligible.indices.filter { eligible[$0] }
  }

  /// The same context with another stream and limit.
  public func with(stream: RandomStream, limit: Int? = nil) -> SeedingContext {
    SeedingContext(
      graph: graph, population: population, campaign: campaign, stream: stream, threads: threads, limit: limit ?? self.limit,
      eligible: eligible, eligibleAgents: eligibleList, budget: budget, generator: generator)
  }
}
