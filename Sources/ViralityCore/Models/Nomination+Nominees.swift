// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// Whom a participant nominates: the rules of `Nomination.choose`, celebrities' choices
/// among celebrities, and the friends to choose from.
extension Nomination {
  /// The nominees of `u`, distinct, in order of choice.
  func choose(for u: Int, _ run: SimulationRun) -> [UInt32] {
    guard nominees > 0 else { return [] }
    let pool = run.candidates
    collectFriends(of: u, into: pool, run)
    let celebrity = celebrities.map { isCelebrity(u) ? $0.nominateCelebrities : 0 } ?? 0
    // No more nominations than there are people to nominate: friends, and celebrities when
    // this participant's nominations may go to them.
    let reachable = pool.count + (celebrity > 0 ? celebrityList.count : 0)
    var picked: [UInt32] = []
    picked.reserveCapacity(min(nominees, reachable))
    var closeness: [Int]? = nil
    for _ in 0..<min(nominees, reachable) {
      if celebrity > 0 && run.stream.bernoulli(celebrity),
        let c = pickCelebrity(excluding: u, picked, run)
      {
        picked.append(c)
        continue
      }
      guard pool.count > 0 else { continue }
      var rule = choose
      if rule == .mix { rule = [.randomFriends, .closestFriends, .mostFollowed][run.stream.uniformInt(below: 3)] }
      let index: Int
      switch rule {
      case .closestFriends:
        if closeness == nil { closeness = sharedFriends(of: u, pool, run) }
        index = best(pool.count, run) { closeness![$0] }
      case .mostFollowed:
        index = best(pool.count, run) { run.audience.degree(Int(pool[$0])) }
      default:
        index = run.stream.uniformInt(below: pool.count)
      }
      picked.append(pool[index])
      // Remove the pick (swap with the last, keeping `closeness` aligned).
      let last = pool.count - 1
      pool[index] = pool[last]
      if closeness != nil { closeness![index] = closeness![last] }
      closeness?.removeLast()
      pool.resize(last)
    }
    return picked
  }

  /// The index below `count` with the highest score, ties broken uniformly at random.
  private func best(_ count: Int, _ run: SimulationRun, score: (Int) -> Int) -> Int {
    var bestIndex = 0
    var bestScore = Int.min
    var ties = 0
    for i in 0..<count {
      let s = score(i)
      if s > bestScore {
        (bestIndex, bestScore, ties) = (i, s, 1)
      } else if s == bestScore {
        ties += 1
        if run.stream.uniformInt(below: ties) == 0 { bestIndex = i }
      }
    }
    return bestIndex
  }

  private func pickCelebrity(excluding u: Int, _ picked: [UInt32], _ run: SimulationRun) -> UInt32? {
    let others = celebrityList.filter { Int($0) != u && !picked.contains($0) }
    return others.isEmpty ? nil : others[run.stream.uniformInt(below: others.count)]
  }

  /// `u`'s friends (reciprocal ties); its followers if it has fewer than `nominees`. Never
  /// `u` itself, nor whoever brought `u` in (nobody nominates their own nominator).
  private func collectFriends(of u: Int, into pool: ReusableBuffer<UInt32>, _ run: SimulationRun) {
    pool.removeAll()
    let followers = run.audience[u]
    let parent = run.parent(of: u)
    if undirected {
      for v in followers where Int(v) != u && Int(v) != parent { pool.append(v) }
      return
    }
    if let marks = run.followBack {
      let row = run.audience.offsets[u]
      for (i, v) in followers.enumerated() where marks[row + i] && Int(v) != u && Int(v) != parent { pool.append(v) }
    } else {
      SortedRows.forEachCommon(followers, run.sources[u]) { v in
        if Int(v) != u && Int(v) != parent { pool.append(v) }
      }
    }
    if pool.count < nominees {
      pool.removeAll()
      for v in followers where Int(v) != u && Int(v) != parent { pool.append(v) }
    }
  }

  /// For each candidate, how many of `u`'s candidates it is tied to (common friends).
  private func sharedFriends(of u: Int, _ pool: ReusableBuffer<UInt32>, _ run: SimulationRun) -> [Int] {
    // Sorted copy of the pool for merging.
    let mine = (0..<pool.count).map { pool[$0] }.sorted()
    return mine.withUnsafeBufferPointer { mine in
      (0..<pool.count).map { SortedRows.intersectionCount(mine, run.audience[Int(pool[$0])]) }
    }
  }
}
