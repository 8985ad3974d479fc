// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// `viral split`, end to end.
@Suite("viral split")
struct SplitCommandTests {
  typealias CLI = CommandLineTests

  static let scenario = """
    name: launch
    seed: 3
    graph: {model: follower, nodes: 3000}
    population:
      segments: {age: {young: 0.3, old: 0.7}}
      target: {age: young}
      tiers: {macro: 60, micro: 20}
      cost: {by_tier: {macro: 100, micro: 20, ordinary: 0}}
    campaign: {model: funnel, see: 0.3, engage: 0.1}
    split:
      budget: 400
      step: 0.25
      arms:
        - {label: macro, strategy: top-followers, tier: macro}
        - {label: micro, strategy: random, tier: micro}
        - {label: young-micro, strategy: random, tier: micro, segment: {age: young}}
      block: 10
      max_replicates: 60
    """

  @Test("Validated, raced and written: split.csv ranks all 15 allocations, race.csv logs the rounds")
  func raced() throws {
    let folder = try CompareCommandTests.scenario(Self.scenario)
    defer { try? FileManager.default.removeItem(at: folder) }
    let valid = try CLI.run(["validate", "scenario.yaml"], in: folder)
    #expect(
      valid.status == 0 && valid.stdout.contains("a split of 400 among 3 arms (15 allocations)"), "\(valid.stdout)\(valid.stderr)"
    )
    let outcome = try CLI.run(["split", "scenario.yaml", "--threads", "2"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("15 allocations raced on target_adopted (most is best)"))
    let rows = try CompareCommandTests.rows(folder.appendingPathComponent("Results/launch-split/split.csv"))
    #expect(rows.count == 15)
    #expect(rows[0]["status"] == "best" && rows[0]["rank"] == "1")
    for row in rows {
      let shares = ["macro", "micro", "young-micro"].map { Double(row["\($0)_share"]!)! }
      let budgets = ["macro", "micro", "young-micro"].map { Double(row["\($0)_budget"]!)! }
      #expect(abs(shares.reduce(0, +) - 1) < 1e-12 && abs(budgets.reduce(0, +) - 400) < 1e-9)
      #expect(Double(row["seed_cost_mean"]!)! <= 400)
    }
    let rounds = try CompareCommandTests.rows(folder.appendingPathComponent("Results/launch-split/race.csv"))
    #expect(!rounds.isEmpty && rounds.count <= 6)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Results/launch-split").path)
    #expect(Set(files) == ["split.csv", "race.csv", "manifest.json"])
  }

  @Test("A scenario without a split: section is refused before any work")
  func needsSplit() throws {
    let folder = try CompareCommandTests.scenario(
      "name: x\ngraph: {model: follower, nodes: 500}\ncampaign: {model: funnel}\nseeding: {count: 3}\n")
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(["split", "scenario.yaml"], in: folder)
    #expect(outcome.status == 2 && outcome.stderr.contains("split: viral split needs a split: section"), "\(outcome.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Results").path))
  }
}
