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
  public var targetEngaged = 0
  public var targetAdopted = 0
  /// Exposures to the campaign, repeats included, in all and of agents in the target (nil
  /// for models that do not count them: `SpreadingModel.countsImpressions`).
  public var impressions: Int?
  public var targetImpressions: Int?
  /// The start of the time bin in which most agents were reached (the earliest such bin),
  /// and how many were reached in it: the peak at the resolution the bins have.
  public var peakBinStart: Double?
  public var peakBinReached = 0
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
  /// The horizon cut the run off while something was still due to happen (an event
  /// scheduled past it, or advertising that goes on): its counts are lower bounds.
  public var truncated = false
  /// For a truncated run: the share of its agents reached in the last bin before the
  /// horizon — how fast it was still growing when it was cut off (nil if not truncated).
  public var growthAtHorizon: Double?
  /// The cascade stopped growing early: the run ended before the horizon and no agent was
  /// reached beyond generation `MeasureSettings.earlyGenerations` (2 by default). The
  /// definition does not depend on the number of seeds.
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
  /// The time of the run's last event (a round, on the rounds clock), whether or not it
  /// reached anyone: 0 if nothing ever happened.
  public var endTime = 0.0

  public init() {}
}

/// Settings of the measurements.
public struct MeasureSettings: Sendable, Equatable {
  /// Offspring that make an opinion leader.
  public var leaderOffspring = 5
  /// A run that ends before the horizon with no agent beyond this generation died early.
  public var earlyGenerations = 2
  /// Whether records keep their time series (for timeseries.csv).
  public var timeSeries = true
  /// Whether every replicate also runs without seeds (organic adoption and advertising
  /// alone), so records carry the lift their seeds made (`RunRecord.organic`).
  public var lift = false

  public init(leaderOffspring: Int = 5, earlyGenerations: Int = 2, timeSeries: Bool = true, lift: Bool = false) {
    self.leaderOffspring = leaderOffspring
    self.earlyGenerations = earlyGenerations
    self.timeSeries = timeSeries
    self.lift = lift
  }
}

extension SimulationRun {
  /// Bins through the one holding `now`: after a run, through its last event's bin.
  var usedBins: Int { currentBin + 1 }

  /// The time series of the run that just ended, through its last event's bin. Call after
  /// `measure`, which fills the cohorts.
  func timeSeries() -> TimeSeries {
    let used = usedBins
    var milestones: [Int32] = []
    milestones.reserveCapacity(Self.binRows * used)
    for again in [false, true] {
      for milestone in Milestone.allCases { milestones += milestoneBins(milestone, again: again).prefix(used) }
    }
    return TimeSeries(
      binWidth: binWidth, binCount: used, milestones: milestones,
      cohorts: Array(cohorts[0..<used]) + Array(cohorts[binCapacity..<binCapacity + used]))
  }

  /// Measures the run that just ended. - Complexity: O(reached + bins used).
  func measure(seeds: [Int], settings: MeasureSettings, countsImpressions: Bool = false) -> (RunMetrics, GenerationCounts) {
    var m = RunMetrics()
    let size = reachedCount
    m.seeds = seeds.count
    m.reached = size
    m.aware = milestoneCount[Milestone.aware.rawValue]
    m.engaged = milestoneCount[Milestone.engaged.rawValue]
    m.adopted = milestoneCount[Milestone.adopted.rawValue]
    m.stopped = milestoneCount[Milestone.stopped.rawValue]
    m.targetAware = targetCount[Milestone.aware.rawValue]
    m.targetEngaged = targetCount[Milestone.engaged.rawValue]
    m.targetAdopted = targetCount[Milestone.adopted.rawValue]
    if countsImpressions {
      m.impressions = impressions
      m.targetImpressions = targetImpressions
    }
    m.events = eventsFired
    m.truncated = cutByHorizon
    m.endTime = now
    m.seedCost = seeds.reduce(0) { $0 + population.cost[$1] }
    m.costPerAdopter = m.adopted > 0 ? m.seedCost / Double(m.adopted) : nil
    m.diedEarly = !m.truncated
    guard size > 0 else { return (m, GenerationCounts(agents: [], children: [])) }
    let times = UnsafeBufferPointer(start: treeTime, count: size)
    let parents = UnsafeBufferPointer(start: treeParent, count: size)
    let generation = UnsafeBufferPointer(start: treeGeneration, count: size)
    if m.truncated {
      // The tree is in time order: count back from its end.
      var late = 0
      while late < size && times[size - 1 - late] > horizon - binWidth { late += 1 }
      m.growthAtHorizon = Double(late) / Double(size)
    }

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
    m.diedEarly = !m.truncated && m.depth <= settings.earlyGenerations
    let mostOffspring = offspring.max() ?? 0
    // Cohorts (agents reached per time bin, and how many they reached in turn), generations,
    // roles. Agents reached at the same time in the same generation (in rounds, a round's
    // agents) form a block whose bin and generation are looked up once.
    let used = usedBins
    let perBin = UnsafeMutableBufferPointer(rebasing: cohorts[0..<used])
    let onwardPerBin = UnsafeMutableBufferPointer(rebasing: cohorts[binCapacity..<binCapacity + used])
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
        let bin = min(Int(time / binWidth), used - 1)
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
    // The earliest bin with the most agents reached.
    var peak = 0
    for bin in 1..<used where perBin[bin] > perBin[peak] { peak = bin }
    m.peakBinStart = Double(peak) * binWidth
    m.peakBinReached = Int(perBin[peak])
    m.maxBreadth = perGeneration.max() ?? 0
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
    return (m, GenerationCounts(agents: perGeneration, children: offspringByGeneration))
  }
}

extension SimulationRun {
  /// The cascade forest after cutting the links into the agents for which `cut` is true
  /// (they become roots), e.g. the nomination chains inside a tree that also records who
  /// joined on their own: its depth, its structural virality, and its generations counted
  /// separately for each class of root, `rootClass(slot)` in `0..<classes` for the root at
  /// tree slot `slot`. Call after `measure` (it reuses its scratch).
  /// - Complexity: O(reached).
  func forest(classes: Int, cutting cut: (Int) -> Bool, rootClass: (Int) -> Int) -> (
    depth: Int, structuralVirality: Double?, generations: [GenerationCounts]
  ) {
    let size = reachedCount
    var counts = [GenerationCounts](repeating: GenerationCounts(agents: [], children: []), count: classes)
    guard size > 0 else { return (0, nil, counts) }
    let scratch = UnsafeMutableBufferPointer(start: measureScratch + nodeCount, count: size)
    return measureScratch.withMemoryRebound(to: Int32.self, capacity: size) { parents in
      for i in 0..<size { parents[i] = cut(Int(treeNode[i])) ? -1 : treeParent[i] }
      let virality = CascadeTree.structuralVirality(
        parents: UnsafeBufferPointer(start: parents, count: size), scratch: scratch)
      // Generations and root classes: children come after their parents.
      var rootOf = [UInt8](repeating: 0, count: size)
      var depth = 0
      for i in 0..<size {
        let parent = Int(parents[i])
        let generation = parent < 0 ? 0 : Int(scratch[parent]) + 1
        let group = parent < 0 ? rootClass(i) : Int(rootOf[parent])
        scratch[i] = UInt32(generation)
        rootOf[i] = UInt8(group)
        depth = max(depth, generation)
        counts[group].count(agentAt: generation)
      }
      return (depth, virality, counts)
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
