// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import Testing

@testable import ViralityCore

/// The race `viral split` runs, on candidates whose outcomes are normal with known means,
/// and the allocation grid it races over.
@Suite("Racing allocations")
struct RaceTests {
  /// Races candidates with `means` (sd 1, paired by a shared replicate effect of sd 1, as
  /// common random numbers pair runs) and returns the race.
  static func race(_ means: [Double], confidence: Double, block: Int, rounds: Int, stream: RandomStream) -> Race {
    var race = Race(candidates: means.count, confidence: confidence, maximumRounds: rounds)
    while !race.finished {
      let alive = race.alive
      var round = [[Double]](repeating: [], count: alive.count)
      for _ in 0..<block {
        let shared = stream.normal(mean: 0, sd: 1)
        for (k, i) in alive.enumerated() { round[k].append(means[i] + shared + stream.normal(mean: 0, sd: 1)) }
      }
      race.add(round)
    }
    return race
  }

  @Test("Equal candidates: each is eliminated in at most 1 − confidence of races (the Bonferroni bound)")
  func equalCandidates() {
    let stream = RandomStream(seed: 28)
    let races = 400
    let alpha = 0.1
    var eliminated = 0
    for _ in 0..<races {
      let race = Self.race([0, 0, 0, 0, 0], confidence: 1 - alpha, block: 10, rounds: 10, stream: stream)
      if race.eliminatedAfter[0] != nil { eliminated += 1 }
    }
    // The bound, plus three standard errors of a rate of alpha over `races` races.
    let tolerance = 3 * (alpha * (1 - alpha) / Double(races)).squareRoot()
    #expect(Double(eliminated) / Double(races) <= alpha + tolerance)
  }

  @Test("A clearly best candidate wins alone, and keeps the most replicates")
  func clearWinner() {
    let stream = RandomStream(seed: 7)
    var wins = 0
    let races = 100
    for _ in 0..<races {
      let race = Self.race([0, -0.5, -1, 2, -0.2], confidence: 0.95, block: 10, rounds: 40, stream: stream)
      if race.alive == [3] { wins += 1 }
      #expect(race.outcomes[3].count == race.outcomes.map(\.count).max())
    }
    // The best can be lost in at most 5% of races; the others are 2 sd below it, which 40
    // rounds of 10 paired replicates always resolve.
    #expect(Double(wins) / Double(races) >= 0.95 - 3 * (0.05 * 0.95 / Double(races)).squareRoot())
  }

  @Test("Less is better when the race minimises")
  func minimising() {
    var race = Race(candidates: 2, confidence: 0.9, maximumRounds: 5, maximise: false)
    race.add([[1, 2, 3, 4, 5], [11, 12, 13, 14, 15]])
    #expect(race.alive == [0])
    #expect(race.eliminatedAfter[1] == 5)
  }

  @Test("P(best) by the paired bootstrap: a tie shares, a constant gap does not")
  func bestProbability() {
    var race = Race(candidates: 3, confidence: 0.95, maximumRounds: 1)
    race.add([[1, 5, 2, 8], [1, 5, 2, 8], [0, 4, 1, 7]])
    let p = race.bestProbability(among: [0, 1, 2], resamples: 200, stream: RandomStream(seed: 1))
    #expect(p == [0.5, 0.5, 0])
  }

  @Test("The grid: every allocation of the steps, once, summing to the budget", arguments: [(2, 4), (3, 2), (4, 4), (5, 10)])
  func grid(arms: Int, units: Int) {
    let allocations = BudgetGrid.allocations(arms: arms, units: units)
    #expect(allocations.count == BudgetGrid.count(arms: arms, units: units))
    #expect(Set(allocations).count == allocations.count)
    #expect(allocations.allSatisfy { $0.count == arms && $0.reduce(0, +) == units && $0.allSatisfy { $0 >= 0 } })
    #expect(allocations.first == [units] + Array(repeating: 0, count: arms - 1))
  }

  @Test("The grid's size: C(units + arms − 1, arms − 1), refused above a limit")
  func gridSize() {
    #expect(BudgetGrid.count(arms: 4, units: 4) == 35)
    #expect(BudgetGrid.count(arms: 4, units: 10) == 286)
    #expect(BudgetGrid.count(arms: 10, units: 100, limit: 5000) == nil)
    #expect(BudgetGrid.count(arms: 40, units: 1_000_000) == nil)
  }
}
