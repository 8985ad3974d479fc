// SPDX-License-Identifier: GPL-3.0-or-later
import CPrefetch
import GSL
import HeapModule

/// The engine's hot per-agent state, 8 bytes: a model's run stamp, milestones and counter,
/// read and written together. (Threshold models count in 4-byte exposure counters instead.)
struct AgentCell {
  /// The run that last touched the agent (low 24 bits; its counter and flags are stale
  /// unless it is the current one) and the agent's milestone bits (high 8 bits).
  var mark: UInt32
  /// The model's counter.
  var count: UInt32
}

/// The rest of an agent's state, touched when an agent changes, not on every look.
struct AgentTail {
  /// The run that last set the model's state code (low 24 bits) and the code (high 8 bits).
  var mark: UInt32
  /// The agent's position in the cascade tree (valid once reached).
  var slot: UInt32
}

/// A milestone an agent reached, with when (`SimulationRun.milestoneLog`).
struct LoggedMilestone {
  var node: UInt32
  var milestones: UInt8
  var time: Double
}

/// Runs are told apart by the low 24 bits of a mark; the high 8 bits carry an agent's
/// milestones or model state.
let runBits: UInt32 = 0xFF_FFFF

/// The state of one run, and the handle models act through.
///
/// One `SimulationRun` belongs to one worker and is reused for every replicate it runs:
/// per-agent state carries an epoch stamp, so starting a run costs O(1) instead of O(n), and
/// an agent's state is reset the first time the run touches it. The run records the cascade
/// tree (who reached whom, in which generation, when), counts milestones, and bins them in
/// time for the time series.
public final class SimulationRun {
  public let nodeCount: Int
  /// Who sees each agent's posts: its followers (its friends if undirected).
  public let audience: RowsView
  /// Whom each agent listens to: the accounts it follows (its friends if undirected). In a
  /// graph compacted for runs only the row lengths are kept (`Graph.compactedForRuns`).
  public let sources: RowsView
  /// Which of its followers each agent follows back, when `sources` keeps only lengths.
  public let followBack: FollowBackMarks?
  public let population: Population
  /// `population.target`'s bits (nil: everyone is in the target).
  private let targetWords: UnsafeMutablePointer<UInt64>?
  /// This run's random numbers; reseeded for every replicate.
  public let stream: RandomStream
  /// The run stops at this time (hours).
  public let horizon: Double
  public let binWidth: Double
  /// Bins the horizon spans (the capacity of the time-series storage). A run uses only the
  /// bins up to its last event's, and only those are cleared, measured and recorded.
  let binCapacity: Int

  private let cells: UnsafeMutablePointer<AgentCell>
  private let tails: UnsafeMutablePointer<AgentTail>
  /// One bit per agent: reached in this run. The check every tie needs then stays in L1 or
  /// L2 cache (12.5 KB for 10^5 agents); `begin` clears the previous run's bits.
  private let reachedBits: UnsafeMutablePointer<UInt64>
  private let values: UnsafeMutablePointer<Double>?
  private let seconds: UnsafeMutablePointer<Double>?
  /// Exposure counters (`Scratch.counters`): per agent, drawn for each run one block of
  /// `counterBlockSize` agents at a time, the top bit set until the agent is first exposed
  /// (`unexposed`); and the run that last drew each block (the low 24 bits of a mark).
  let counters: UnsafeMutablePointer<UInt32>?
  let counterBlocks: UnsafeMutablePointer<UInt32>?
  /// The stream a block's counters are drawn from, reseeded for every block.
  private let blockStream: RandomStream
  // The cascade tree, in the order agents were reached. Every agent is reached at most once
  // per run, so n entries always suffice.
  let treeNode: UnsafeMutablePointer<UInt32>
  let treeParent: UnsafeMutablePointer<Int32>
  let treeGeneration: UnsafeMutablePointer<UInt32>
  let treeTime: UnsafeMutablePointer<Double>
  /// Scratch for `measure`, and for round steps during a run: two blocks of n entries.
  let measureScratch: UnsafeMutablePointer<UInt32>
  /// Workspace for models' round steps: row bounds of the frontier, and the ties picked.
  let frontierRows = ReusableBuffer<Int>()
  let picks = ReusableBuffer<Int>()
  let pickSources = ReusableBuffer<UInt32>()
  /// Workspace for models that pick among an agent's ties (e.g. whom to nominate).
  let candidates = ReusableBuffer<UInt32>()
  let scores = ReusableBuffer<Double>()
  /// The model's own per-run counters (`tallyCapacity` of them), zero at the start of a run.
  public let tally: UnsafeMutablePointer<Double>
  public static let tallyCapacity = 32
  /// The model's own per-run samples (e.g. response delays), empty at the start of a run.
  let samples = ReusableBuffer<Double>()
  /// Milestones as agents reach them, while `recordsMilestones` (for cascade traces):
  /// empty at the start of a run.
  let milestoneLog = ReusableBuffer<LoggedMilestone>()
  /// Whether the run logs every milestone in `milestoneLog` (only runs that are traced).
  @exclusivity(unchecked) var recordsMilestones = false
  /// Called every `watchEvents` events and rounds, and when a run ends (a live status).
  var watch: ((SimulationRun) -> Void)?
  static let watchEvents = 1 << 14

  // The engine's hot state is touched on every event; the run is confined to one worker,
  // so dynamic exclusivity checks (a large share of the run time) are switched off.
  @exclusivity(unchecked) private var epoch: UInt32 = 0
  /// The mark of this run: a block of drawn counters is this run's if its stamp equals it
  /// (for hot loops that check `countersDrawn` inline).
  var currentRun: UInt32 { epoch }
  /// Agents in the cascade tree.
  @exclusivity(unchecked) public private(set) var reachedCount = 0
  /// Tree entries before this one have been handed to the model.
  @exclusivity(unchecked) private var handed = 0
  /// Rounds clock: the tree slot of the first agent of the frontier being stepped.
  @exclusivity(unchecked) private(set) var frontierSlot = 0
  /// The current time in hours.
  @exclusivity(unchecked) public private(set) var now = 0.0 {
    didSet { currentBin = min(Int(now / binWidth), binCapacity - 1) }
  }
  @exclusivity(unchecked) var heap = Heap<Event>()
  @exclusivity(unchecked) private var sequence: UInt64 = 0
  /// Blocks of counters drawn for this run so far.
  @exclusivity(unchecked) private(set) var blocksDrawn = 0
  /// Whether the horizon cut off something that mattered (the process had not ended).
  @exclusivity(unchecked) private(set) var cutByHorizon = false
  /// Nodes of dropped events that matter if the node is still unreached at the end.
  private let droppedTargets = ReusableBuffer<UInt32>()
  @exclusivity(unchecked) private(set) var eventsFired = 0
  /// The time bin `now` falls in. Time only moves forward, so it is also the last bin the
  /// run has touched.
  @exclusivity(unchecked) private(set) var currentBin = 0
  /// Tree entries that are roots placed by `seeds` (the first entries of the tree).
  @exclusivity(unchecked) private(set) var seedRoots = 0
  /// Exposures to the campaign so far (`expose`), in all and of agents in the target.
  @exclusivity(unchecked) private(set) var impressions = 0
  @exclusivity(unchecked) private(set) var targetImpressions = 0
  /// Agents that reached each milestone, in all and in the target segment; then, after
  /// `Milestone.allCases.count` entries, the milestones reached again (`countAgain`).
  let milestoneCount: UnsafeMutablePointer<Int>
  let targetCount: UnsafeMutablePointer<Int>
  /// New milestones per time bin: `bins[milestone * binCapacity + bin]`, then the
  /// milestones reached again, `bins[(Milestone.allCases.count + milestone) * binCapacity +
  /// bin]` (written only by `countMilestones` and `countAgain`, read only by `timeSeries`).
  private let bins: UnsafeMutableBufferPointer<Int32>
  /// Filled by `measure`: agents reached per time bin (the cohort), then how many agents
  /// each bin's cohort reached in turn: `cohorts[bin]`, `cohorts[binCapacity + bin]`.
  let cohorts: UnsafeMutableBufferPointer<Int32>

  /// Bytes of run state per agent for a model that needs `scratch` (for memory planning).
  public static func bytesPerAgent(_ scratch: Scratch) -> Int {
    MemoryLayout<AgentCell>.stride + MemoryLayout<AgentTail>.stride + 4 + 4 + 4 + 8 + 8 + (scratch.contains(.value) ? 8 : 0)
      + (scratch.contains(.second) ? 8 : 0) + (scratch.contains(.counters) ? 5 : 0)
  }

  public init(
    graph: Graph, audience: RowsView, sources: RowsView, population: Population, horizon: Double, binWidth: Double,
    scratch: Scratch, kind: GeneratorKind
  ) {
    let n = graph.nodeCount
    nodeCount = n
    self.audience = audience
    self.sources = sources
    followBack = graph.followBack
    self.population = population
    targetWords = population.target.map { bits in
      let words = UnsafeMutablePointer<UInt64>.allocate(capacity: max(bits.count, 1))
      words.initialize(from: bits, count: bits.count)
      return words
    }
    self.horizon = horizon
    self.binWidth = binWidth
    binCapacity = max(1, Int((horizon / binWidth).rounded(.up)))
    stream = RandomStream(seed: 0, kind: kind)
    cells = .allocate(capacity: n)
    cells.initialize(repeating: AgentCell(mark: 0, count: 0), count: n)
    tails = .allocate(capacity: n)
    tails.initialize(repeating: AgentTail(mark: 0, slot: 0), count: n)
    reachedBits = .allocate(capacity: n / 64 + 1)
    reachedBits.initialize(repeating: 0, count: n / 64 + 1)
    values = scratch.contains(.value) ? .allocate(capacity: n) : nil
    seconds = scratch.contains(.second) ? .allocate(capacity: n) : nil
    let blocks = (n + Self.counterBlockSize - 1) / Self.counterBlockSize
    counters = scratch.contains(.counters) ? .allocate(capacity: n) : nil
    counterBlocks = scratch.contains(.counters) ? .allocate(capacity: blocks) : nil
    counterBlocks?.initialize(repeating: 0, count: blocks)
    blockStream = RandomStream(seed: 0, kind: kind)
    // One spare entry: round steps may write a candidate past the last agent (see `admit`).
    treeNode = .allocate(capacity: n + 1)
    treeParent = .allocate(capacity: n + 1)
    treeGeneration = .allocate(capacity: n)
    treeTime = .allocate(capacity: n)
    measureScratch = .allocate(capacity: 2 * n)
    milestoneCount = .allocate(capacity: Self.binRows)
    targetCount = .allocate(capacity: Milestone.allCases.count)
    bins = .allocate(capacity: Self.binRows * binCapacity)
    bins.update(repeating: 0)
    cohorts = .allocate(capacity: 2 * binCapacity)
    cohorts.update(repeating: 0)
    tally = .allocate(capacity: Self.tallyCapacity)
  }

  deinit {
    targetWords?.deallocate()
    cells.deallocate()
    tails.deallocate()
    reachedBits.deallocate()
    values?.deallocate()
    seconds?.deallocate()
    counters?.deallocate()
    counterBlocks?.deallocate()
    treeNode.deallocate()
    treeParent.deallocate()
    treeGeneration.deallocate()
    treeTime.deallocate()
    measureScratch.deallocate()
    milestoneCount.deallocate()
    targetCount.deallocate()
    bins.deallocate()
    cohorts.deallocate()
    tally.deallocate()
  }

  /// Starts a new run from `seed`: O(1) plus the bins the previous run used.
  func begin(seed: UInt64) {
    stream.reseed(seed)
    // Clear the bits of the agents reached, or all words if that is fewer stores.
    if reachedCount > nodeCount / 64 {
      reachedBits.update(repeating: 0, count: nodeCount / 64 + 1)
    } else {
      for slot in 0..<reachedCount {
        let node = Int(treeNode[slot])
        reachedBits[node >> 6] &= ~(1 << UInt64(node & 63))
      }
    }
    epoch = (epoch + 1) & runBits
    if epoch == 0 {
      for i in 0..<nodeCount {
        cells[i].mark = 0
        tails[i].mark = 0
      }
      counterBlocks?.update(repeating: 0, count: counterBlockCount)
      epoch = 1
    }
    // Clear the bins the previous run touched (through its last event's bin) before the
    // clock goes back to 0.
    let used = usedBins
    for row in 0..<Self.binRows {
      UnsafeMutableBufferPointer(rebasing: bins[row * binCapacity..<row * binCapacity + used]).update(repeating: 0)
    }
    UnsafeMutableBufferPointer(rebasing: cohorts[0..<used]).update(repeating: 0)
    UnsafeMutableBufferPointer(rebasing: cohorts[binCapacity..<binCapacity + used]).update(repeating: 0)
    now = 0
    // The previous run drained the queue (it stops only when the queue is empty), so its
    // storage is reused as it is.
    precondition(heap.isEmpty, "a run left events in the queue")
    sequence = 0
    cutByHorizon = false
    droppedTargets.removeAll()
    eventsFired = 0
    blocksDrawn = 0
    reachedCount = 0
    seedRoots = 0
    handed = 0
    milestoneCount.update(repeating: 0, count: Self.binRows)
    targetCount.update(repeating: 0, count: Milestone.allCases.count)
    impressions = 0
    targetImpressions = 0
    tally.update(repeating: 0, count: Self.tallyCapacity)
    samples.removeAll()
    milestoneLog.removeAll()
  }

  /// Whether `v` is in the target segment (everyone is, without a target), read from the
  /// run's own copy of the target bits: the hot loops ask for every agent they touch.
  @inline(__always)
  public func isInTarget(_ v: Int) -> Bool {
    guard let targetWords else { return true }
    return targetWords[v >> 6] & (1 << UInt64(v & 63)) != 0
  }

  /// `v` is exposed to the campaign once more: it sees a post, a share, a tell, a call, a
  /// nomination or an ad (an impression, repeats included; models that count them say so
  /// with `SpreadingModel.countsImpressions`).
  @inline(__always)
  public func expose(_ v: Int) {
    impressions &+= 1
    if isInTarget(v) { targetImpressions &+= 1 }
  }

  /// Every agent of `agents` is exposed once more (a post all of them see): counted at once,
  /// agent by agent only for the target.
  @inline(__always)
  public func expose(_ agents: UnsafeBufferPointer<UInt32>) {
    impressions &+= agents.count
    guard targetWords != nil else { return targetImpressions &+= agents.count }
    for v in agents where isInTarget(Int(v)) { targetImpressions &+= 1 }
  }

  /// `node`'s cell, reset first if this run has not touched it yet.
  @inline(__always)
  private func touch(_ node: Int) -> UnsafeMutablePointer<AgentCell> {
    let cell = cells + node
    if cell.pointee.mark & runBits != epoch { renew(node) }
    return cell
  }

  /// Resets `node`'s counter, milestones and `Double`s for this run.
  @inline(never)
  private func renew(_ node: Int) { claimUncounted(node, count: 0, []) }

  // MARK: Drawn counters

  /// Agents per block of drawn counters (`Scratch.counters`). Each block of each run is
  /// drawn from its own stream, seeded from the run's seed and the block's index, so an
  /// agent's counter depends on the run's seed and the agent only: not on the seeds, nor on
  /// the order in which the cascade reached agents. Runs of several seedings from one seed
  /// (common random numbers) then face the same agents. A block is drawn when the run first
  /// needs it, or all at once (`drawAllCounters`): the same numbers either way.
  static let counterBlockSize = 64

  /// An exposure counter's top bit: the agent has not been exposed yet in this run.
  static let unexposed: UInt32 = 1 << 31

  /// Blocks of counters: ⌈n / counterBlockSize⌉.
  var counterBlockCount: Int { (nodeCount + Self.counterBlockSize - 1) / Self.counterBlockSize }

  /// Whether every block of counters is drawn for this run.
  var countersComplete: Bool { blocksDrawn == counterBlockCount }

  /// Whether the counters of the block holding `node` are drawn for this run.
  @inline(__always)
  func countersDrawn(around node: Int) -> Bool { counterBlocks![node / Self.counterBlockSize] == epoch }

  /// Draws the counters of `block` for this run: `draw(agent, stream)` (below 2^31) for each
  /// agent of the block in order, from the block's stream, with the `unexposed` bit set.
  @inline(__always)
  func drawCounters(block: Int, _ draw: (Int, RandomStream) -> UInt32) {
    counterBlocks![block] = epoch
    blocksDrawn += 1
    blockStream.reseed(StreamSeed.derive(master: stream.seed, purpose: .agentDraws, index: UInt64(block)))
    let counters = counters!
    for node in block * Self.counterBlockSize..<min(nodeCount, (block + 1) * Self.counterBlockSize) {
      counters[node] = Self.unexposed | draw(node, blockStream)
    }
  }

  /// Draws every block of counters not yet drawn in this run.
  @inline(__always)
  func drawAllCounters(_ draw: (Int, RandomStream) -> UInt32) {
    for block in 0..<counterBlockCount where counterBlocks![block] != epoch { drawCounters(block: block, draw) }
  }

  // MARK: Agent state

  /// Starts loading `node`'s state into cache, to be changed (a hint; for loops that know
  /// the next agents).
  @inline(__always)
  func prefetchState(_ node: Int) {
    viral_prefetch_write(cells + node)
    viral_prefetch_write(tails + node)
  }

  /// 1 if `node` is not in the cascade tree, 0 if it is: for loops that count without a
  /// branch.
  @inline(__always)
  func unreached(_ node: Int) -> Int { Int(truncatingIfNeeded: ~(reachedBits[node >> 6] >> UInt64(node & 63)) & 1) }

  /// Whether `node` is in the cascade tree.
  @inline(__always)
  public func isReached(_ node: Int) -> Bool { reachedBits[node >> 6] & (1 << UInt64(node & 63)) != 0 }

  /// The agent that reached `node` (its parent in the cascade tree), or −1 for a root or an
  /// agent not reached.
  public func parent(of node: Int) -> Int {
    guard isReached(node) else { return -1 }
    let parentSlot = treeParent[Int(tails[node].slot)]
    return parentSlot < 0 ? -1 : Int(treeNode[Int(parentSlot)])
  }

  /// When `node` was reached (+∞ if it was not).
  public func reachTime(_ node: Int) -> Double {
    isReached(node) ? treeTime[Int(tails[node].slot)] : .infinity
  }

  /// Whether `node` has reached `milestone` in this run. Round steps of models with
  /// exposure counters count milestones without marking agents; an agent such a model has
  /// not marked is aware once exposed (its counter's top bit clear), and engaged and adopted
  /// once reached.
  @inline(__always)
  public func has(_ node: Int, _ milestone: Milestone) -> Bool {
    let mark = cells[node].mark
    if mark & runBits == epoch { return (mark >> 24) & UInt32(milestone.bit) != 0 }
    guard let counters, countersDrawn(around: node), counters[node] & Self.unexposed == 0 else { return false }
    return milestone == .aware || ((milestone == .engaged || milestone == .adopted) && isReached(node))
  }

  /// The model's own state code for `node` (0 until the model sets it).
  @inline(__always)
  public func state(_ node: Int) -> UInt8 {
    let mark = tails[node].mark
    return mark & runBits == epoch ? UInt8(mark >> 24) : 0
  }

  @inline(__always)
  public func setState(_ node: Int, _ value: UInt8) {
    tails[node].mark = epoch | UInt32(value) << 24
  }

  /// The model's counter for `node` (0 until set).
  @inline(__always)
  public func count(_ node: Int) -> UInt32 {
    let cell = cells[node]
    return cell.mark & runBits == epoch ? cell.count : 0
  }

  @inline(__always)
  public func setCount(_ node: Int, _ value: UInt32) { touch(node).pointee.count = value }

  /// The model's `Double` scratch for `node` (0 until set). Requires `Scratch.value`.
  @inline(__always)
  public func value(_ node: Int) -> Double { cells[node].mark & runBits == epoch ? values![node] : 0 }

  @inline(__always)
  public func setValue(_ node: Int, _ value: Double) {
    _ = touch(node)
    values![node] = value
  }

  /// A second `Double` per agent (0 until set). Requires `Scratch.second`.
  @inline(__always)
  public func second(_ node: Int) -> Double { cells[node].mark & runBits == epoch ? seconds![node] : 0 }

  @inline(__always)
  public func setSecond(_ node: Int, _ value: Double) {
    _ = touch(node)
    seconds![node] = value
  }

  // MARK: What models report

  /// Puts `node` into the cascade tree, reached by `parent` (−1: a root, reached by nobody),
  /// now. Returns false if it was already reached. The engine then tells the model.
  @discardableResult
  @inline(__always)
  public func reach(_ node: Int, from parent: Int) -> Bool {
    reach(node, parentSlot: parent >= 0 && isReached(parent) ? Int(tails[parent].slot) : -1)
  }

  /// `reach(_:from:)` for a parent known by its place in the tree (−1: none); in a round
  /// step, frontier agent i is at `frontierSlot + i`. Saves looking the parent up.
  @discardableResult
  @inline(__always)
  func reach(_ node: Int, parentSlot: Int) -> Bool {
    let word = reachedBits + (node >> 6)
    let bit: UInt64 = 1 << UInt64(node & 63)
    if word.pointee & bit != 0 { return false }
    word.pointee |= bit
    let slot = reachedCount
    tails[node].slot = UInt32(slot)
    treeNode[slot] = UInt32(node)
    treeParent[slot] = Int32(parentSlot)
    treeGeneration[slot] = parentSlot >= 0 ? treeGeneration[parentSlot] &+ 1 : 0
    treeTime[slot] = now
    reachedCount = slot + 1
    return true
  }

  /// Admits the candidates a round step of a model with exposure counters wrote into the
  /// tree past `reachedCount`, up to `end` (node and parent slot each; the tree has room for
  /// one more than every agent, so a step can write its next candidate before knowing
  /// whether it counts): each that is not reached yet is reached, in order, and counted as
  /// engaged and adopted now. A step that appends without branching this way avoids a
  /// mispredicted branch per tip. Agents are not marked one by one (see `has`).
  func admitAdopters(through end: Int) {
    var (admitted, inTarget) = (0, 0)
    // `reach` writes at `reachedCount`, never past the candidate being read.
    for candidate in reachedCount..<end {
      if candidate + 16 < end { viral_prefetch_write(tails + Int(treeNode[candidate + 16])) }
      let node = Int(treeNode[candidate])
      guard reach(node, parentSlot: Int(treeParent[candidate])) else { continue }
      admitted += 1
      inTarget += isInTarget(node) ? 1 : 0
    }
    countMilestones([.engaged, .adopted], agents: admitted, inTarget: inTarget)
  }

  /// Counts the first `count` agents of `agents` aware now: agents a round step of a model
  /// with exposure counters exposed for the first time (not marked one by one: see `has`).
  func countAware(_ agents: UnsafePointer<UInt32>, count: Int) {
    var inTarget = 0
    for i in 0..<count { inTarget += isInTarget(Int(agents[i])) ? 1 : 0 }
    countMilestones(.aware, agents: count, inTarget: inTarget)
    if recordsMilestones {
      for i in 0..<count {
        milestoneLog.append(LoggedMilestone(node: agents[i], milestones: Milestones.aware.rawValue, time: now))
      }
    }
  }

  /// Records that `node` reached `milestones` now (each once per run).
  @inline(__always)
  public func mark(_ node: Int, _ milestones: Milestones) {
    let new = setMilestones(node, milestones)
    if new != 0 { countMilestones(new, of: node) }
  }

  /// Sets `milestones` on `node` (claiming its cell if stale); returns the bits that are new.
  @inline(__always)
  private func setMilestones(_ node: Int, _ milestones: Milestones) -> UInt8 {
    let cell = cells + node
    guard cell.pointee.mark & runBits == epoch else {
      claimUncounted(node, count: 0, milestones)
      return milestones.rawValue
    }
    let new = milestones.rawValue & ~UInt8(truncatingIfNeeded: cell.pointee.mark >> 24)
    cell.pointee.mark |= UInt32(new) << 24
    return new
  }

  /// For loops that know `node`'s cell is stale (an agent first reached by a model that
  /// marks only reached agents): makes it this run's, with counter `count` and `milestones`
  /// reached now.
  @inline(__always)
  func claim(_ node: Int, count: UInt32, _ milestones: Milestones) {
    claimUncounted(node, count: count, milestones)
    countMilestones(milestones.rawValue, of: node)
  }

  /// Makes `node`'s cell this run's, with `count` and `milestones`, and its `Double`s 0: as
  /// `claim`, for loops that count many agents' milestones at once (`countMilestones`).
  @inline(__always)
  func claimUncounted(_ node: Int, count: UInt32, _ milestones: Milestones) {
    cells[node] = AgentCell(mark: epoch | UInt32(milestones.rawValue) << 24, count: count)
    values?[node] = 0
    seconds?[node] = 0
  }

  /// Counts new milestones of `node`, in all, in the target and in the current time bin.
  @inline(__always)
  private func countMilestones(_ new: UInt8, of node: Int) {
    countMilestones(Milestones(rawValue: new), agents: 1, inTarget: isInTarget(node) ? 1 : 0)
    if recordsMilestones { milestoneLog.append(LoggedMilestone(node: UInt32(node), milestones: new, time: now)) }
  }

  /// Counts `agents` reaching each of `milestones` now, `inTarget` of them in the target
  /// segment.
  @inline(__always)
  func countMilestones(_ milestones: Milestones, agents: Int, inTarget: Int) {
    var new = milestones.rawValue
    let bin = currentBin
    while new != 0 {
      let milestone = new.trailingZeroBitCount
      new &= new &- 1
      milestoneCount[milestone] += agents
      targetCount[milestone] += inTarget
      bins[milestone * binCapacity + bin] += Int32(agents)
    }
  }

  /// Rows of `bins` and entries of `milestoneCount`: each milestone, first times then again.
  static let binRows = 2 * Milestone.allCases.count

  /// New `milestone`s per bin (reached `again`: by agents that had reached it before), over
  /// all the bins the horizon spans.
  func milestoneBins(_ milestone: Milestone, again: Bool = false) -> UnsafeBufferPointer<Int32> {
    let row = milestone.rawValue + (again ? Milestone.allCases.count : 0)
    return UnsafeBufferPointer(rebasing: bins[row * binCapacity..<(row + 1) * binCapacity])
  }

  /// Counts an agent reaching `milestone` again now (models where agents return to a former
  /// state, as SIS word of mouth: a second talking episode, a second stop), so that the
  /// time series can tell how many are in each state at each moment (`timeseries.csv`'s `active`).
  @inline(__always)
  public func countAgain(_ milestone: Milestone) {
    let row = Milestone.allCases.count + milestone.rawValue
    milestoneCount[row] += 1
    bins[row * binCapacity + currentBin] += 1
  }

  /// Agents that reached `milestone` again so far in this run (`countAgain`).
  public func againCount(_ milestone: Milestone) -> Int { milestoneCount[Milestone.allCases.count + milestone.rawValue] }

  /// Clears a milestone so it can be reached again (SIS-style models): counts stay.
  @inline(__always)
  public func unmark(_ node: Int, _ milestone: Milestone) {
    touch(node).pointee.mark &= ~(UInt32(milestone.bit) << 24)
  }

  /// Schedules an event at `time`. Events past the horizon are dropped; whether that cuts
  /// the run short (`RunMetrics.truncated`) is `pastHorizon`'s to say.
  @inline(__always)
  public func schedule(
    at time: Double, node: Int, source: Int = -1, kind: UInt8 = 0, tag: UInt32 = 0, pastHorizon: PastHorizon = .ifUnreached
  ) {
    guard time <= horizon else {
      switch pastHorizon {
      case .always: cutByHorizon = true
      case .ifUnreached: droppedTargets.append(UInt32(node))
      case .never: break
      }
      return
    }
    sequence &+= 1
    heap.insert(
      Event(
        time: time, sequence: sequence, node: UInt32(node), source: source < 0 ? Event.noSource : UInt32(source), tag: tag,
        kind: kind))
  }

  /// Whether an event the horizon dropped would have mattered.
  public enum PastHorizon: Sendable {
    /// Only if its node has still not been reached when the run ends (an event that would
    /// reach its node: a transmission, an answer to a nomination).
    case ifUnreached
    /// Always (advertising, a spreader's next call, a tie that may fire again in SIS).
    case always
    /// Never (an agent's own end of talking, after which it tells no one).
    case never
  }

  // MARK: Engine

  /// Runs `model` from `seeds` until the horizon or until nothing is left to happen. With
  /// `releases`, seed i enters at `releases[i]` hours (staggered waves; the rounds clock
  /// releases it at the first round boundary at or after that time); seeds released later
  /// are roots placed after the start, not among `seedRoots`.
  /// - Complexity: O(events · log(pending events)) continuous, O(reached + edges looked at)
  ///   in rounds; independent of n.
  func run<Model: SpreadingModel>(_ model: Model, seeds: [Int], releases: [Double]? = nil, roundLength: Double) {
    var later: [(time: Double, node: Int)] = []
    for (i, seed) in seeds.enumerated() {
      if let releases, releases[i] > 0 { later.append((releases[i], seed)) } else { model.seed(seed, self) }
    }
    seedRoots = reachedCount
    model.start(self)
    switch model.clock {
    case .continuous:
      for (time, node) in later { schedule(at: time, node: node, kind: Event.seedRelease, pastHorizon: .never) }
      handReached(model)
      while let event = heap.popMin() {
        now = event.time
        eventsFired += 1
        if event.kind == Event.seedRelease { model.seed(Int(event.node), self) } else { model.fire(event, self) }
        handReached(model)
        if eventsFired & (Self.watchEvents - 1) == 0, let watch { watch(self) }
      }
    case .rounds:
      later.sort { $0.time < $1.time }
      var next = 0
      // The frontier of a round is the tree entries added during the previous one, and the
      // seeds released at its start.
      while handed < reachedCount || next < later.count {
        if handed == reachedCount {
          // Nothing spreading: skip to the round of the next release.
          let rounds = ((later[next].time - now) / roundLength).rounded(.up)
          now += max(0, rounds - 1) * roundLength
        }
        let nextTime = now + roundLength
        guard nextTime <= horizon else {
          cutByHorizon = handed < reachedCount
          break
        }
        let frontier = UnsafeBufferPointer(start: treeNode + handed, count: reachedCount - handed)
        frontierSlot = handed
        handed = reachedCount
        now = nextTime
        eventsFired += 1
        model.step(frontier, self)
        watch?(self)
        while next < later.count, later[next].time <= now {
          model.seed(later[next].node, self)
          next += 1
        }
      }
    }
    if !cutByHorizon {
      for i in 0..<droppedTargets.count where !isReached(Int(droppedTargets[i])) {
        cutByHorizon = true
        break
      }
    }
    if model.wouldContinue(self) { cutByHorizon = true }
    watch?(self)
  }

  /// The counts so far of the run under way, as the `replicate`-th.
  func liveCounts(replicate: Int) -> LiveCounts {
    LiveCounts(
      replicate: replicate, hours: now, aware: milestoneCount[Milestone.aware.rawValue],
      engaged: milestoneCount[Milestone.engaged.rawValue], adopted: milestoneCount[Milestone.adopted.rawValue])
  }

  /// Tells the model about every agent reached since it was last told.
  private func handReached<Model: SpreadingModel>(_ model: Model) {
    while handed < reachedCount {
      let node = Int(treeNode[handed])
      handed += 1
      model.reached(node, self)
    }
  }
}
