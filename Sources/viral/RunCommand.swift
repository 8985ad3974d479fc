// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

/// `viral run`: simulate a campaign and write its results.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Simulate a campaign: replicates of the spreading model on the scenario's graph.",
    discussion: """
      Writes runs.csv (one row per run), summary.csv (mean, sd, 95% bootstrap interval per \
      metric), timeseries.csv, generations.csv, graph.csv, seeds.csv and manifest.json to \
      Results/<name>/, and prints a short table. A scenario with a compare: list runs every \
      variant on the same runs, as viral compare does; --trace n adds cascades.csv (who \
      reached whom in n typical runs). The same scenario and seed give byte-identical CSV on \
      any number of threads.
      Examples:
        viral run Scenarios/word-of-mouth.yaml
        viral run Scenarios/rumour.yaml --replicates 1000 --set campaign.rate=2
        viral run Scenarios/ice-bucket-2014.yaml --json | python3 -m json.tool
      """)

  @OptionGroup var options: SimulationOptions

  func run() throws { try options.simulate(comparing: false) }
}

/// `viral compare`: seeding variants on the same runs.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare seeding strategies: every compare: variant on the same graphs and replicate streams.",
    discussion: """
      Runs the scenario's compare: list of seeding variants (after its seeding:, the \
      baseline, if any) under common random numbers, so differences are paired. Writes what \
      viral run writes, plus compare.csv (per variant and metric: mean and interval, the \
      paired difference to the baseline with its interval, the share of replicates won, \
      seed-selection time and memory) and seeds.csv (whom each variant picked), and prints \
      the variants ranked.
      Examples:
        viral compare Scenarios/influencer-vs-micro.yaml
        viral compare Scenarios/seeding-strategies.yaml --replicates 200
      """)

  @OptionGroup var options: SimulationOptions

  func run() throws { try options.simulate(comparing: true) }
}
