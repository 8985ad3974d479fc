// SPDX-License-Identifier: GPL-3.0-or-later

/// How an agent was reached.
public enum Route: String, Sendable, CaseIterable {
  /// Placed by the seeding.
  case seed
  /// Started by a later wave (celebrities or random agents taking part on a date).
  case wave
  /// Challenged by a friend.
  case nominated
  /// Took part without being nominated, after seeing a friend's post.
  case joinedOnItsOwn = "joined_on_its_own"
  /// Told or shown by someone it follows.
  case wordOfMouth = "word_of_mouth"
  /// Advertising or news coverage, from nobody in the graph.
  case media
}

/// Who reached whom in one run, and what became of everyone the run touched: the cascade
/// tree in the order agents were reached, then the agents who only heard, in the order
/// they heard. Researchers rebuild any tree metric from it.
public struct CascadeTrace: Sendable, Equatable {
  public struct Agent: Sendable, Equatable {
    public let agent: Int
    /// Its parent in the cascade tree: the agent that reached it (nil for a root or an
    /// agent outside the tree).
    public let parent: Int?
    /// Its generation (roots are 0); nil outside the tree.
    public let generation: Int?
    /// When it entered the tree, in hours; nil outside the tree.
    public let reached: Double?
    public let route: Route?
    public let outcome: String
    /// When it became aware, adopted and stopped, in hours (nil if it never did).
    public let aware: Double?
    public let adopted: Double?
    public let stopped: Double?
  }

  public let variant: Int
  public let replicate: Int
  public let agents: [Agent]
}

extension SimulationRun {
  /// The trace of the run that just ended from `seeds`, which logged its milestones
  /// (`recordsMilestones`). Tree members whose milestones a round step counted in bulk get
  /// the time they were reached. - Complexity: O(agents touched).
  func trace<Model: SpreadingModel>(_ model: Model, seeds: [Int], variant: Int, replicate: Int) -> CascadeTrace {
    var times: [Int: [Double?]] = [:]
    var heardOnly: [Int] = []
    for i in 0..<milestoneLog.count {
      let entry = milestoneLog[i]
      let node = Int(entry.node)
      var known = times[node] ?? [Double?](repeating: nil, count: Milestone.allCases.count)
      if times[node] == nil && !isReached(node) { heardOnly.append(node) }
      for milestone in Milestone.allCases where entry.milestones & milestone.bit != 0 && known[milestone.rawValue] == nil {
        known[milestone.rawValue] = entry.time
      }
      times[node] = known
    }
    let seedSet = Set(seeds)
    func agent(_ node: Int, slot: Int?) -> CascadeTrace.Agent {
      let at = slot.map { treeTime[$0] }
      let known = times[node] ?? []
      func time(_ milestone: Milestone) -> Double? {
        if !known.isEmpty, let logged = known[milestone.rawValue] { return logged }
        return milestone != .stopped && has(node, milestone) ? at : nil
      }
      let parentSlot = slot.map { Int(treeParent[$0]) } ?? -1
      return CascadeTrace.Agent(
        agent: node, parent: parentSlot >= 0 ? Int(treeNode[parentSlot]) : nil, generation: slot.map { Int(treeGeneration[$0]) },
        reached: at, route: model.route(node, slot: slot, seed: seedSet.contains(node), self),
        outcome: model.outcome(node, self), aware: time(.aware), adopted: time(.adopted), stopped: time(.stopped))
    }
    var agents = (0..<reachedCount).map { agent(Int(treeNode[$0]), slot: $0) }
    agents += heardOnly.map { agent($0, slot: nil) }
    return CascadeTrace(variant: variant, replicate: replicate, agents: agents)
  }
}
