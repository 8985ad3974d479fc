// SPDX-License-Identifier: GPL-3.0-or-later

/// What one run produced, measured from its cascade tree and milestone counts.
public struct RunMetrics: Sendable, Equatable {
  public var seeds = 0
  /// Agents in the cascade tree (reached, in the model's sense).
  public var reached = 0
  public var aware = 0
  public var engaged = 0
  public var adopted = 0
  public var stopped = 0
  public var targetAware = 0
  public var targetAdopted = 0
  /// Middle of the time bin with most agents reached, and that bin's rate per hour.
  public var peakTime: Double?
  public var peakRate = 0.0
  /// Hours until half and 90% of the final cascade had been reached.
  public var timeTo50: Double?
  public var timeTo90: Double?
  /// The deepest generation (seeds are generation 0).
  public var depth = 0
  /// The largest generation.
  public var maxBreadth = 0
  /// Mean distance between all pairs of nodes of a cascade tree (Goel, Anderson, Hofman &
  /// Watts, Management Science 62:180, 2016); over trees of ≥ 2 nodes, weighted by size.
  public var structuralVirality: Double?
  /// Mean number of agents each seed reached directly.
  public var seedOffspring: Double?
  /// The run ended because nothing was left to happen, before the horizon.
  public var extinct = false
  /// It ended early and small: fewer than `smallCascade` reached.
  public var diedEarly = false
  /// Agents who reached at least `leaderOffspring` others (opinion leaders), who passed it
  /// on at least once but less (carriers), and who passed it on to nobody (passive).
  public var leaders = 0
  public var carriers = 0
  public var passive = 0
  /// Share of all onward reaching done by the top 20% of spreaders (agents who reached
  /// anyone), ranked by how many they reached.
  public var top20Share: Double?
  public var seedCost = 0.0
  public var costPerAdopter: Double?
  public var events = 0
  public var endTime = 0.0

  public init() {}
}

/// Per-generation counts of one run.
public struct GenerationStats: Sendable, Equatable {
  public var nodes: Int
  /// Mean number of next-generation agents each of these reached: the effective
  /// reproduction number of the generation.
  public var offspringMean: Double
}

/// Settings of the measurements.
public struct MeasureSettings: Sendable, Equatable {
  /// Offspring that make an opinion leader.
  public var leaderOffspring = 5
  /// A cascade smaller than this that ends before the horizon "died early"; nil: ten
  /// times the number of seeds.
  public var smallCascade: Int?

  public init(leaderOffspring: Int = 5, smallCascade: Int? = nil) {
    self.leaderOffspring = leaderOffspring
    self.smallCascade = smallCascade
  }
}

extension SimulationRun {
  /// Measures the run that just ended. - Complexity: O(reached + bins).
  func measure(seeds: [Int], settings: MeasureSettings) -> (RunMetrics, [GenerationStats]) {
    var m = RunMetrics()
    let size = reachedCount
    m.seeds = seeds.count
    m.reached = size
    m.aware = milestoneCount[Milestone.aware.rawValue]
    m.engaged = milestoneCount[Milestone.engaged.rawValue]
    m.adopted = milestoneCount[Milestone.adopted.rawValue]
    m.stopped = milestoneCount[Milestone.stopped.rawValue]
    m.targetAware = targetCount[Milestone.aware.rawValue]
    m.targetAdopted = targetCount[Milestone.adopted.rawValue]
    m.events = eventsFired
    m.extinct = !cutByHorizon
    m.endTime = cutByHorizon ? horizon : (size > 0 ? treeTime[size - 1] : 0)
    m.seedCost = seeds.reduce(0) { $0 + population.cost[$1] }
    m.costPerAdopter = m.adopted > 0 ? m.seedCost / Double(m.adopted) : nil
    m.diedEarly = m.extinct && size < (settings.smallCascade ?? 10 * max(seeds.count, 1))
    guard size > 0 else { return (m, []) }
    let times = UnsafeBufferPointer(start: treeTime, count: size)
    let parents = UnsafeBufferPointer(start: treeParent, count: size)
    let generation = UnsafeBufferPointer(start: treeGeneration, count: size)

    // Times: the tree is in the order agents were reached, so in time order.
    m.timeTo50 = times[(size + 1) / 2 - 1]
    m.timeTo90 = times[Int((0.9 * Double(size)).rounded(.up)) - 1]
    // Two passes over the tree (children always come after their parents, and agents are in
    // the order they were reached, so in time order): offspring first, then everything that
    // needs them.
    let offspring = UnsafeMutableBufferPointer(start: measureScratch, count: size)
    offspring.update(repeating: 0)
    var roots = 0
    var depth: UInt32 = 0
    for i in 0..<size {
      let parent = Int(parents[i])
      if parent >= 0 { offspring[parent] &+= 1 } else { roots += 1 }
      depth = max(depth, generation[i])
    }
    m.depth = Int(depth)
    let mostOffspring = offspring.max() ?? 0
    // Cohorts (agents reached per time bin, and how many they reached in turn), generations,
    // roles. Agents reached at the same time in the same generation (in rounds, a round's
    // agents) form a block whose bin and generation are looked up once.
    let perBin = UnsafeMutableBufferPointer(rebasing: cohorts[0..<binCount])
    let onwardPerBin = UnsafeMutableBufferPointer(rebasing: cohorts[binCount...])
    var perGeneration = [Int](repeating: 0, count: m.depth + 1)
    var offspringByGeneration = [Int](repeating: 0, count: m.depth + 1)
    // Agents by how many they reached.
    var histogram = [Int](repeating: 0, count: Int(mostOffspring) + 1)
    histogram.withUnsafeMutableBufferPointer { histogram in
      var i = 0
      while i < size {
        let (start, time, g) = (i, times[i], generation[i])
        var onward = 0
        repeat {
          let count = Int(offspring[i])
          onward += count
          histogram[count] += 1
          i += 1
        } while i < size && times[i] == time && generation[i] == g
        let bin = min(Int(time / binWidth), binCount - 1)
        perBin[bin] += Int32(i - start)
        onwardPerBin[bin] += Int32(onward)
        perGeneration[Int(g)] += i - start
        offspringByGeneration[Int(g)] += onward
      }
    }
    let leader = max(settings.leaderOffspring, 1)
    for (count, agents) in histogram.enumerated() {
      if count >= leader { m.leaders += agents } else if count > 0 { m.carriers += agents } else { m.passive += agents }
    }
    if let peak = perBin.indices.max(by: { perBin[$0] < perBin[$1] || (perBin[$0] == perBin[$1] && $0 > $1) }) {
      m.peakTime = (Double(peak) + 0.5) * binWidth
      m.peakRate = Double(perBin[peak]) / binWidth
    }
    m.maxBreadth = perGeneration.max() ?? 0
    let generations = perGeneration.indices.map {
      GenerationStats(nodes: perGeneration[$0], offspringMean: Double(offspringByGeneration[$0]) / Double(perGeneration[$0]))
    }
    let rootsAtZero = perGeneration[0]
    m.seedOffspring = rootsAtZero > 0 ? Double(offspringByGeneration[0]) / Double(rootsAtZero) : nil
    m.structuralVirality = CascadeTree.structuralVirality(
      parents: parents, scratch: UnsafeMutableBufferPointer(start: measureScratch + nodeCount, count: size))

    // Concentration.
    let onward = size - roots
    if onward > 0 {
      var remaining = Int((0.2 * Double(m.leaders + m.carriers)).rounded(.up))
      var caused = 0
      for count in stride(from: histogram.count - 1, through: 0, by: -1) where remaining > 0 {
        let take = min(remaining, histogram[count])
        caused += take * count
        remaining -= take
      }
      m.top20Share = Double(caused) / Double(onward)
    }
    return (m, generations)
  }
}

extension SimulationRun {
  /// Depth, structural virality and, per generation, agents and their children in the
  /// cascade forest after cutting the links into the agents for which `cut` is true (they
  /// become roots): e.g. the nomination tree inside a tree that also records who joined on
  /// their own. Call after `measure` (it reuses its scratch). - Complexity: O(reached).
  func forest(cutting cut: (Int) -> Bool) -> (
    depth: Int, structuralVirality: Double?, agents: [Int], children: [Int]
  ) {
    let size = reachedCount
    guard size > 0 else { return (0, nil, [], []) }
    let scratch = UnsafeMutableBufferPointer(start: measureScratch + nodeCount, count: size)
    return measureScratch.withMemoryRebound(to: Int32.self, capacity: size) { parents in
      for i in 0..<size { parents[i] = cut(Int(treeNode[i])) ? -1 : treeParent[i] }
      let virality = CascadeTree.structuralVirality(
        parents: UnsafeBufferPointer(start: parents, count: size), scratch: scratch)
      // Generations: children come after their parents.
      var agents: [Int] = []
      var children: [Int] = []
      for i in 0..<size {
        let generation = parents[i] < 0 ? 0 : Int(scratch[Int(parents[i])]) + 1
        scratch[i] = UInt32(generation)
        if generation == agents.count {
          agents.append(0)
          children.append(0)
        }
        agents[generation] += 1
        if generation > 0 { children[generation - 1] += 1 }
      }
      return (agents.count - 1, virality, agents, children)
    }
  }
}

/// Measures of cascade trees stored as parent indices (−1 for roots, parents before children).
public enum CascadeTree {
  /// Structural virality of a forest given as parent indices (−1 for roots, parents before
  /// children): for each tree of s ≥ 2 nodes the Wiener index W = Σ over edges of
  /// (nodes below)·(nodes above), divided by s(s − 1)/2; the trees' values are averaged
  /// weighted by size. nil when no tree has two nodes.
  /// - Complexity: O(nodes).
  public static func structuralVirality(parents: [Int32]) -> Double? {
    var scratch = [UInt32](repeating: 0, count: parents.count)
    return parents.withUnsafeBufferPointer { parents in
      scratch.withUnsafeMutableBufferPointer { structuralVirality(parents: parents, scratch: $0) }
    }
  }

  /// The same, with `scratch` (one entry per node) as workspace.
  ///
  /// Weighted by size, a tree contributes s·W/(s(s − 1)/2) = Σ over its edges of
  /// 2·below·(s − below)/(s − 1), so each edge's share needs only its own subtree size and
  /// its tree's size: one backward pass counts subtree sizes, one forward pass replaces them
  /// by tree sizes as it sums.
  static func structuralVirality(parents: UnsafeBufferPointer<Int32>, scratch: UnsafeMutableBufferPointer<UInt32>)
    -> Double?
  {
    let size = parents.count
    scratch.update(repeating: 1)
    for i in stride(from: size - 1, through: 0, by: -1) where parents[i] >= 0 { scratch[Int(parents[i])] += scratch[i] }
    var weighted = 0.0
    var weight = 0
    for i in 0..<size {
      let below = scratch[i]
      if parents[i] < 0 {
        if below >= 2 { weight += Int(below) }
        continue
      }
      let treeSize = scratch[Int(parents[i])]
      weighted += 2 * Double(below) * Double(treeSize - below) / Double(treeSize - 1)
      scratch[i] = treeSize
    }
    return weight > 0 ? weighted / Double(weight) : nil
  }
}
