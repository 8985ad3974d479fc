// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Foundation
import ViralityCore

/// A sweep run point by point (`viral sweep`), with memory that does not grow with the
/// number of points:
///
/// - each point is made from the scenario when its turn comes (`LoadedScenario.point(_:)`),
///   checked and run as a study of its own (`Study`, every seeding variant over every block
///   of replicates on every graph realization), into a `SimulationResults` that holds that
///   point only; its tables' rows are handed on and the point is forgotten;
/// - points run side by side, one per worker, when there are enough of them to keep every
///   core busy (each point on one thread), and otherwise one at a time on every thread;
///   results are handed on in point order whatever order they finish in, and no worker runs
///   more than `window` points ahead of the oldest unfinished one;
/// - a graph that no swept field touches is built once per realization and shared
///   (`GraphCache`);
/// - a shard (`--shard i/n`) takes every n-th point, starting at the i-th.
///
/// Every stream comes from `StreamPlan` as in `Study`, so a point's rows are the same
/// whether it runs alone, beside others, on any number of threads or in any shard.
///
/// Workers share the scenario's YAML tree, whose nodes (Yams) resolve their tags lazily, in
/// place; so points are made one at a time (`making`), and the tree is otherwise only read.
public struct SweepStudy: @unchecked Sendable {
  /// A share of the points: every `count`-th, starting at `index` (0-based).
  public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int
    public static let whole = Shard(index: 0, count: 1)

    public init(index: Int, count: Int) {
      self.index = index
      self.count = count
    }

    /// `i/n` with 1 ≤ i ≤ n, as `--shard` takes it; nil otherwise.
    public init?(parsing text: String) {
      let parts = text.split(separator: "/", omittingEmptySubsequences: false)
      guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else { return nil }
      self.init(index: i - 1, count: n)
    }

    public var description: String { "\(index + 1)/\(count)" }
  }

  /// One point's rows, table by table in the order of `SweepStudy.files`.
  public struct PointRows: Sendable {
    public let point: Int
    public let bodies: [String]
  }

  public let loaded: LoadedScenario
  public let threads: Int
  public let graphStatistics: StatisticsLevel
  public let shard: Shard
  /// The tables every point writes, with their headers.
  public let files: [(name: String, header: String)]
  /// The first point's checks, with the files they read and the shared graphs.
  let checked: Preflight.Checked
  private let making = NSLock()

  /// Checks the sweep (every point of the shard as `viral validate` would, or, past
  /// `Limits.pointsCheckedOneByOne` points, the probes and the first point) and fixes its
  /// tables; `checking` hears how far the checks are.
  public init(
    _ loaded: LoadedScenario, threads: Int, graphStatistics: StatisticsLevel, shard: Shard = .whole,
    checking: Preflight.Progress? = nil
  ) throws(ScenarioError) {
    guard let sweep = loaded.sweep else {
      throw ScenarioError(
        location: loaded.document.location(of: []), key: "sweep",
        "viral sweep needs a sweep: section of fields to vary, e.g. sweep: {campaign.accept: [0.3, 0.5]}")
    }
    guard shard.count <= sweep.pointCount else {
      throw ScenarioError(
        location: "--shard \(shard)", key: "shard",
        "the sweep has \(sweep.pointCount) point\(sweep.pointCount == 1 ? "" : "s"); give at most that many shards")
    }
    self.loaded = loaded
    self.threads = threads
    self.graphStatistics = graphStatistics
    self.shard = shard
    // Graph fields, or independent random numbers, give points graphs of their own.
    let sharesGraphs =
      sweep.randomNumbers == .common && !sweep.keys.contains { $0 == "graph" || $0.hasPrefix("graph.") }
    // Every point of the shard is made, and so checked, before any runs, as viral validate
    // checks them (it stands for viral sweep): a combination of values that is invalid
    // together, such as more neighbours than nodes, a point that would not fit in memory, a
    // budget that buys no one in a point's segment, is refused now, not after the points
    // before it ran. In equal batches of at most a thousand points, so the points made at
    // once do not grow with the sweep (a point alone in its batch would not know that
    // others share its graph).
    var everyPoint = Preflight.Checked(shared: sharesGraphs ? GraphCache() : nil)
    if loaded.pointCount <= Limits.pointsCheckedOneByOne {
      let indices = Array(stride(from: shard.index, to: loaded.pointCount, by: shard.count))
      let batches = (indices.count + 999) / 1000
      let size = (indices.count + batches - 1) / batches
      for start in stride(from: 0, to: indices.count, by: size) {
        var points: [ScenarioPoint] = []
        for index in indices[start..<min(start + size, indices.count)] { points.append(try loaded.point(index)) }
        let total = indices.count
        var progress: Preflight.Progress?
        if let checking { progress = { done, _ in checking(start + done, total) } }
        everyPoint = try Preflight.check(
          loaded.only(points), work: .run(graphStatistics: graphStatistics), threads: threads, readFiles: true,
          reusing: everyPoint, progress: progress)
      }
    }
    let first = loaded.single(try loaded.point(shard.index))
    let study = try Study(
      first, work: .simulate(graphStatistics: graphStatistics), threads: threads, reusing: everyPoint)
    checked = study.checked
    let empty = SimulationResults(study: study)
    files =
      empty.tables(empty.finish()).map { ($0.name, String($0.table.header)) }
      + (sweep.design == nil ? [] : [(SensitivityTable.designFile, SensitivityTable.designHeader)])
  }

  /// The shard's points, in order.
  public var points: StrideTo<Int> { stride(from: shard.index, to: loaded.pointCount, by: shard.count) }

  /// Runs the shard's points after the first `done`, handing each point's rows to `emit` in
  /// order; `observer` hears of every run.
  public func run(
    after done: Int, observer: (any StudyObserver)?, emit: (PointRows) throws -> Void
  ) throws {
    let remaining = Array(points.dropFirst(done))
    guard !remaining.isEmpty else { return }
    let workers = Parallel.workerCount(remaining.count, threads: threads)
    let inner = max(1, threads / workers)
    if workers == 1 {
      for index in remaining { try emit(try rows(of: index, threads: inner, observer: observer)) }
      return
    }
    let queue = PointQueue(count: remaining.count, window: 2 * workers)
    let group = DispatchGroup()
    for _ in 0..<workers {
      DispatchQueue.global().async(group: group) {
        while let k = queue.claim() {
          do { queue.finish(k, with: .success(try self.rows(of: remaining[k], threads: inner, observer: observer))) } catch {
            queue.finish(k, with: .failure(error))
          }
        }
      }
    }
    defer { group.wait() }
    while let result = queue.next() {
      do { try emit(try result.get()) } catch {
        queue.stop()
        throw error
      }
    }
  }

  /// Runs point `index` and returns its rows.
  private func rows(of index: Int, threads: Int, observer: (any StudyObserver)?) throws -> PointRows {
    making.lock()
    let made = Result { () throws(ScenarioError) in try loaded.point(index) }
    making.unlock()
    let point = try made.get()
    let study = try Study(
      loaded.single(point), work: .simulate(graphStatistics: graphStatistics), threads: threads, reusing: checked)
    var sink = SimulationResults(study: study)
    try study.run(into: &sink, observer: observer.map(CountingObserver.init))
    let tables = sink.tables(sink.finish())
    let design = loaded.sweep?.designCells(of: index).map { ([String(index)] + $0).joined(separator: ",") + "\n" }
    return PointRows(point: index, bodies: tables.map { String($0.table.body) } + (design.map { [$0] } ?? []))
  }
}

/// Passes on the runs a point finishes, not what it is doing: with points side by side,
/// one status line would flicker between them.
private struct CountingObserver: StudyObserver {
  let observer: any StudyObserver
  func status(_ text: String) {}
  func finishedStep() { observer.finishedStep() }
}

/// The points of a sweep between its workers and the writer: claimed in order, finished in
/// any order, taken in order. A failure stops new claims; the points before it are still
/// taken, then the failure.
private final class PointQueue: @unchecked Sendable {
  private let condition = NSCondition()
  private let count: Int
  private let window: Int
  private var claimed = 0
  private var taken = 0
  private var done: [Int: Result<SweepStudy.PointRows, any Error>] = [:]
  private var stopped = false
  private var firstFailure = Int.max

  init(count: Int, window: Int) {
    self.count = count
    self.window = window
  }

  /// The next point to run, once it is within the window; nil when there is none.
  func claim() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while !stopped && claimed < count && claimed >= taken + window { condition.wait() }
    guard !stopped, claimed < count, claimed < firstFailure else { return nil }
    claimed += 1
    return claimed - 1
  }

  func finish(_ k: Int, with result: Result<SweepStudy.PointRows, any Error>) {
    condition.lock()
    done[k] = result
    if case .failure = result { firstFailure = min(firstFailure, k) }
    condition.broadcast()
    condition.unlock()
  }

  /// The next point's result in order, waiting for it; nil after the last (or a failure).
  func next() -> Result<SweepStudy.PointRows, any Error>? {
    condition.lock()
    defer { condition.unlock() }
    guard taken < count, !stopped else { return nil }
    while done[taken] == nil { condition.wait() }
    let result = done.removeValue(forKey: taken)!
    taken += 1
    if case .failure = result { stopped = true }
    condition.broadcast()
    return result
  }

  func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
  }
}
