// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import HeapModule

/// The state of one run, and the handle models act through.
///
/// One `SimulationRun` belongs to one worker and is reused for every replicate it runs:
/// per-agent arrays carry an epoch stamp, so starting a run costs O(1) instead of O(n), and
/// an agent's state is reset the first time the run touches it. The run records the cascade
/// tree (who reached whom, in which generation, when), counts milestones, and bins them in
/// time for the time series.
public final class SimulationRun {
  public let nodeCount: Int
  /// Who sees each agent's posts: its followers (its friends if undirected).
  public let audience: RowsView
  /// Whom each agent listens to: the accounts it follows (its friends if undirected).
  public let sources: RowsView
  public let population: Population
  /// This run's random numbers; reseeded for every replicate.
  public let stream: RandomStream
  /// The run stops at this time (hours).
  public let horizon: Double
  public let binWidth: Double
  public let binCount: Int

  private let stamp: UnsafeMutablePointer<UInt32>
  private let flags: UnsafeMutablePointer<UInt8>
  private let modelState: UnsafeMutablePointer<UInt8>
  private let slot: UnsafeMutablePointer<UInt32>
  private let values: UnsafeMutablePointer<Double>?
  private let seconds: UnsafeMutablePointer<Double>?
  private let counts: UnsafeMutablePointer<UInt32>?
  private var epoch: UInt32 = 0

  /// The current time in hours.
  public private(set) var now = 0.0
  var heap = Heap<Event>()
  private var sequence: UInt64 = 0
  /// Whether something was scheduled past the horizon (the process had not ended).
  private(set) var cutByHorizon = false
  private(set) var eventsFired = 0

  // The cascade tree, in the order agents were reached.
  private(set) var treeNode: [UInt32] = []
  private(set) var treeParent: [Int32] = []
  private(set) var treeGeneration: [UInt32] = []
  private(set) var treeTime: [Double] = []
  /// Reached agents the model has not yet been told about (the next frontier in rounds).
  var pending: [UInt32] = []

  private(set) var milestoneCount = [Int](repeating: 0, count: Milestone.allCases.count)
  private(set) var targetCount = [Int](repeating: 0, count: Milestone.allCases.count)
  /// New milestones per time bin: `bins[milestone * binCount + bin]`.
  private(set) var bins: [Int32]

  private static let reachedBit: UInt8 = 0x80

  public init(
    graph: Graph, audience: RowsView, sources: RowsView, population: Population, horizon: Double, binWidth: Double,
    scratch: Scratch, kind: GeneratorKind
  ) {
    let n = graph.nodeCount
    nodeCount = n
    self.audience = audience
    self.sources = sources
    self.population = population
    self.horizon = horizon
    self.binWidth = binWidth
    binCount = max(1, Int((horizon / binWidth).rounded(.up)))
    stream = RandomStream(seed: 0, kind: kind)
    stamp = .allocate(capacity: n)
    stamp.initialize(repeating: 0, count: n)
    flags = .allocate(capacity: n)
    modelState = .allocate(capacity: n)
    slot = .allocate(capacity: n)
    values = scratch.contains(.value) ? .allocate(capacity: n) : nil
    seconds = scratch.contains(.second) ? .allocate(capacity: n) : nil
    counts = scratch.contains(.count) ? .allocate(capacity: n) : nil
    bins = [Int32](repeating: 0, count: Milestone.allCases.count * binCount)
  }

  deinit {
    stamp.deallocate()
    flags.deallocate()
    modelState.deallocate()
    slot.deallocate()
    values?.deallocate()
    seconds?.deallocate()
    counts?.deallocate()
  }

  /// Starts a new run from `seed`: O(1) plus the bins.
  func begin(seed: UInt64) {
    stream.reseed(seed)
    epoch &+= 1
    if epoch == 0 {
      stamp.update(repeating: 0, count: nodeCount)
      epoch = 1
    }
    now = 0
    // The previous run drained the queue (it stops only when the queue is empty), so its
    // storage is reused as it is.
    precondition(heap.isEmpty, "a run left events in the queue")
    sequence = 0
    cutByHorizon = false
    eventsFired = 0
    treeNode.removeAll(keepingCapacity: true)
    treeParent.removeAll(keepingCapacity: true)
    treeGeneration.removeAll(keepingCapacity: true)
    treeTime.removeAll(keepingCapacity: true)
    pending.removeAll(keepingCapacity: true)
    for i in milestoneCount.indices {
      milestoneCount[i] = 0
      targetCount[i] = 0
    }
    for i in bins.indices { bins[i] = 0 }
  }

  /// Resets `node`'s per-run state the first time this run touches it.
  @inline(__always)
  private func touch(_ node: Int) {
    if stamp[node] != epoch {
      stamp[node] = epoch
      flags[node] = 0
      modelState[node] = 0
      values?[node] = 0
      seconds?[node] = 0
      counts?[node] = 0
    }
  }

  // MARK: Agent state

  /// Whether `node` is in the cascade tree.
  @inline(__always)
  public func isReached(_ node: Int) -> Bool {
    stamp[node] == epoch && flags[node] & Self.reachedBit != 0
  }

  @inline(__always)
  public func has(_ node: Int, _ milestone: Milestone) -> Bool {
    stamp[node] == epoch && flags[node] & milestone.bit != 0
  }

  /// The model's own state code for `node` (0 until the model sets it).
  @inline(__always)
  public func state(_ node: Int) -> UInt8 { stamp[node] == epoch ? modelState[node] : 0 }

  @inline(__always)
  public func setState(_ node: Int, _ value: UInt8) {
    touch(node)
    modelState[node] = value
  }

  /// The model's `Double` scratch for `node` (0 until set). Requires `Scratch.value`.
  @inline(__always)
  public func value(_ node: Int) -> Double { stamp[node] == epoch ? values![node] : 0 }

  @inline(__always)
  public func setValue(_ node: Int, _ value: Double) {
    touch(node)
    values![node] = value
  }

  /// A second `Double` per agent (0 until set). Requires `Scratch.second`.
  @inline(__always)
  public func second(_ node: Int) -> Double { stamp[node] == epoch ? seconds![node] : 0 }

  @inline(__always)
  public func setSecond(_ node: Int, _ value: Double) {
    touch(node)
    seconds![node] = value
  }

  /// The model's counter for `node` (0 until set). Requires `Scratch.count`.
  @inline(__always)
  public func count(_ node: Int) -> UInt32 { stamp[node] == epoch ? counts![node] : 0 }

  @inline(__always)
  public func setCount(_ node: Int, _ value: UInt32) {
    touch(node)
    counts![node] = value
  }

  // MARK: What models report

  /// Puts `node` into the cascade tree, reached by `parent` (−1: a root, reached by nobody),
  /// now. Returns false if it was already reached. The engine then tells the model.
  @discardableResult
  @inline(__always)
  public func reach(_ node: Int, from parent: Int) -> Bool {
    touch(node)
    if flags[node] & Self.reachedBit != 0 { return false }
    flags[node] |= Self.reachedBit
    slot[node] = UInt32(treeNode.count)
    var generation: UInt32 = 0
    var parentSlot: Int32 = -1
    if parent >= 0 && isReached(parent) {
      parentSlot = Int32(slot[parent])
      generation = treeGeneration[Int(parentSlot)] + 1
    }
    treeNode.append(UInt32(node))
    treeParent.append(parentSlot)
    treeGeneration.append(generation)
    treeTime.append(now)
    pending.append(UInt32(node))
    return true
  }

  /// Records that `node` reached `milestone` now (once per run).
  @inline(__always)
  public func mark(_ node: Int, _ milestone: Milestone) {
    touch(node)
    if flags[node] & milestone.bit != 0 { return }
    flags[node] |= milestone.bit
    milestoneCount[milestone.rawValue] += 1
    if population.isTarget(node) { targetCount[milestone.rawValue] += 1 }
    bins[milestone.rawValue * binCount + min(Int(now / binWidth), binCount - 1)] += 1
  }

  /// Clears a milestone so it can be reached again (SIS-style models): counts stay.
  @inline(__always)
  public func unmark(_ node: Int, _ milestone: Milestone) {
    touch(node)
    flags[node] &= ~milestone.bit
  }

  /// Schedules an event at `time`; events past the horizon are dropped (and the run is
  /// then known to have been cut short by the horizon).
  @inline(__always)
  public func schedule(at time: Double, node: Int, source: Int = -1, kind: UInt8 = 0, tag: UInt32 = 0) {
    guard time <= horizon else {
      cutByHorizon = true
      return
    }
    sequence &+= 1
    heap.insert(
      Event(
        time: time, sequence: sequence, node: UInt32(node), source: source < 0 ? Event.noSource : UInt32(source), tag: tag,
        kind: kind))
  }

  /// Notes that the process would go on past the horizon although nothing is scheduled
  /// (e.g. advertising that never stops), so the run is not reported as extinct.
  public func continuesPastHorizon() { cutByHorizon = true }

  // MARK: Engine

  /// Runs `model` from `seeds` until the horizon or until nothing is left to happen.
  /// - Complexity: O(events · log(pending events)) continuous, O(reached + edges looked at)
  ///   in rounds; independent of n.
  func run<Model: SpreadingModel>(_ model: Model, seeds: [Int], roundLength: Double) {
    for seed in seeds { model.seed(seed, self) }
    switch model.clock {
    case .continuous:
      model.start(self)
      drainPending(model)
      while let event = heap.popMin() {
        now = event.time
        eventsFired += 1
        model.fire(event, self)
        drainPending(model)
      }
    case .rounds:
      model.start(self)
      var frontier: [UInt32] = []
      while !pending.isEmpty {
        let nextTime = now + roundLength
        guard nextTime <= horizon else {
          cutByHorizon = true
          break
        }
        swap(&frontier, &pending)
        pending.removeAll(keepingCapacity: true)
        now = nextTime
        eventsFired += 1
        frontier.withUnsafeBufferPointer { model.step($0, self) }
      }
    }
  }

  private func drainPending<Model: SpreadingModel>(_ model: Model) {
    var i = 0
    while i < pending.count {
      model.reached(Int(pending[i]), self)
      i += 1
    }
    pending.removeAll(keepingCapacity: true)
  }
}
