// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import ViralityCore

/// What `viral split` writes and prints: `split.csv`, one row per allocation, best first
/// (the finalists by mean, then the allocations the race eliminated, latest first), with
/// each arm's share and budget, the replicates run, the metric's mean and 95% interval, the
/// paired difference to the best with its interval, and the probability of being the best
/// (paired bootstrap among the finalists); and `race.csv`, the race round by round.
public struct SplitTable {
  public let split: CSVTable
  public let race: CSVTable
  /// The rows in rank order: allocation index, mean, interval, difference, probability.
  let ranked: [Row]
  let outcome: SplitStudy.Outcome

  struct Row {
    let allocation: Int
    let label: String
    let status: String
    let replicates: Int
    let mean: Double
    let interval: ClosedRange<Double>?
    let difference: (mean: Double, interval: ClosedRange<Double>?)?
    let best: Double?
  }

  /// Resamples for the probability of being best.
  static let resamples = 2000

  public init(_ outcome: SplitStudy.Outcome, labels: [String], seed: UInt64, generator: GeneratorKind) {
    self.outcome = outcome
    let race = outcome.race
    let streams = StreamPlan(master: seed, kind: generator)
    let count = outcome.allocations.count
    let finalists = race.alive.sorted { race.isBetter(race.mean($0), than: race.mean($1)) }
    let best = finalists.first ?? race.leader(among: Array(0..<count))
    let probabilities = race.bestProbability(
      among: finalists, resamples: Self.resamples, stream: streams.stream(.bootstrap, 2 * count))
    let eliminated = (0..<count).filter { race.eliminatedAfter[$0] != nil }.sorted { a, b in
      let (na, nb) = (race.eliminatedAfter[a]!, race.eliminatedAfter[b]!)
      return na != nb ? na > nb : race.isBetter(race.mean(a), than: race.mean(b))
    }
    func interval(_ values: [Double], _ index: Int) -> ClosedRange<Double>? {
      BootstrapInterval(clusters: Array(repeating: 0, count: values.count), stream: streams.stream(.bootstrap, index))
        .interval(values)
    }
    var rows: [Row] = []
    for i in finalists + eliminated {
      let values = race.outcomes[i]
      // The difference in the metric's own direction: negative when worse, for a metric to maximise.
      let paired = i == best ? nil : race.differences(best, i).map { race.maximise ? -$0 : $0 }
      rows.append(
        Row(
          allocation: i, label: labels[i],
          status: i == best ? "best" : race.eliminatedAfter[i] == nil ? "finalist" : "eliminated",
          replicates: values.count, mean: race.mean(i), interval: interval(values, i),
          difference: paired.map { (Race.moments($0).mean, interval($0, count + i)) },
          best: finalists.firstIndex(of: i).map { probabilities[$0] }))
    }
    ranked = rows

    let arms = outcome.split.arms.map { $0.label! }
    let metric = outcome.metric
    var table = CSVTable(
      columns: ["rank", "allocation"] + arms.map { "\($0)_share" } + arms.map { "\($0)_budget" } + [
        "status", "replicates", "\(metric)_mean", "\(metric)_low", "\(metric)_high", "vs_best_mean", "vs_best_low",
        "vs_best_high", "p_best", "seeds_mean", "seed_cost_mean", "unspent_arms",
      ])
    let units = Double(outcome.split.units)
    for (rank, row) in rows.enumerated() {
      let steps = outcome.allocations[row.allocation]
      table.append(
        [.int(rank + 1), .text(row.label)] + steps.map { .double(Double($0) / units) }
          + steps.map { .double(outcome.split.budget * Double($0) / units) } + [
            .text(row.status), .int(row.replicates), .double(row.mean), row.interval.map { .double($0.lowerBound) } ?? .missing,
            row.interval.map { .double($0.upperBound) } ?? .missing, row.difference.map { .double($0.mean) } ?? .missing,
            row.difference?.interval.map { .double($0.lowerBound) } ?? .missing,
            row.difference?.interval.map { .double($0.upperBound) } ?? .missing, row.best.map { .double($0) } ?? .missing,
            .double(outcome.seeds[row.allocation]), .double(outcome.spent[row.allocation]),
            .text(outcome.idle[row.allocation].map { arms[$0] }.joined(separator: " ")),
          ])
    }
    split = table
    var rounds = CSVTable(columns: ["round", "replicates", "allocations_left", "eliminated", "leader", "leader_mean"])
    for (r, round) in outcome.rounds.enumerated() {
      rounds.append([
        .int(r + 1), .int(round.replicates), .int(round.left), .int(round.eliminated), .text(labels[round.leader]),
        .double(race.outcomes[round.leader].prefix(round.replicates).reduce(0, +) / Double(max(round.replicates, 1))),
      ])
    }
    self.race = rounds
  }

  /// The printed answer: the best split, its probability, and the runners-up.
  public func lines(limit: Int = 10) -> [String] {
    let race = outcome.race
    let split = outcome.split
    let metric = outcome.metric
    func number(_ x: Double) -> String { String(format: abs(x) >= 100 ? "%.0f" : "%.2f", x) }
    func range(_ r: ClosedRange<Double>?) -> String { r.map { "\(number($0.lowerBound)) to \(number($0.upperBound))" } ?? "" }
    let finalists = race.alive.count
    func idle(_ i: Int) -> String {
      let names = outcome.idle[i].map { split.arms[$0].label! }
      return names.isEmpty ? "" : " (\(names.joined(separator: ", ")) buys no one)"
    }
    var lines = [
      "Splitting a budget of \(split.budget.shortDescription) among \(split.arms.count) arms in steps of \(SplitStudy.percent(split.step)): \(outcome.allocations.count) allocations raced on \(metric) (\(race.maximise ? "most" : "least") is best).",
      race.alive.count == 1
        ? "The race ended with one allocation after \(race.replicates) replicates; the chance it dropped the best was at most \(SplitStudy.percent(1 - race.confidence))."
        : "After \(race.replicates) replicates (split.max_replicates) \(finalists) allocations could not be told apart at \(SplitStudy.percent(race.confidence)) confidence; P(best) says how often each came first.",
    ]
    let rows =
      [["", "allocation", "status", "replicates", "\(metric) (95% CI)", "vs best (95% CI)", "P(best)"]]
      + ranked.prefix(limit).enumerated().map { rank, row in
        [
          "\(rank + 1)", row.label + idle(row.allocation),
          row.status + (row.status == "eliminated" ? " after \(row.replicates)" : ""),
          "\(row.replicates)", "\(number(row.mean)) (\(range(row.interval)))",
          row.difference.map { "\(number($0.mean)) (\(range($0.interval)))" } ?? "",
          row.best.map { String(format: "%.2f", $0) } ?? "",
        ]
      }
    lines += TextTable.aligned(rows)
    if ranked.count > limit { lines.append("... \(ranked.count - limit) more in split.csv") }
    return lines
  }
}
