// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// `viral compare` and the study behind it, end to end.
@Suite("viral compare")
struct CompareCommandTests {
  typealias CLI = CommandLineTests

  /// Writes `text` as scenario.yaml in a fresh folder.
  static func scenario(_ text: String) throws -> URL {
    let folder = CLI.temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: folder.appendingPathComponent("scenario.yaml"))
    return folder
  }

  /// A CSV file's rows as dictionaries.
  static func rows(_ url: URL) throws -> [[String: String]] {
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return lines.dropFirst().map { line in
      Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
    }
  }

  static let strategies = """
    name: strategies
    seed: 4
    replicates: 40
    graph: {model: follower, nodes: 3000, realizations: 2}
    population: {cost: {fixed: 5, per_follower: 0.5}, tiers: {macro: 100, micro: 20}}
    campaign: {model: independent-cascade, probability: 0.05}
    value: {per_adopter: 3}
    compare:
      - {label: top, strategy: top-followers, count: 5}
      - {label: top-again, strategy: top-followers, count: 5}
      - {label: random, strategy: random, count: 5}
      - {label: random-again, strategy: random, count: 5}
      - {label: imm, strategy: imm, count: 5}
      - {label: micro, strategy: degree-discount, tier: micro, budget: 100}
      - {label: waves, strategy: pagerank, count: 6, waves: [0h, 2d, 4d]}
    """

  @Test("A variant compared with itself differs by exactly zero; results are byte-identical on 1 and 2 threads")
  func pairedAndReproducible() throws {
    let folder = try Self.scenario(Self.strategies)
    defer { try? FileManager.default.removeItem(at: folder) }
    let one = try CLI.run(["compare", "scenario.yaml", "--out", "one", "--threads", "1"], in: folder)
    let two = try CLI.run(["compare", "scenario.yaml", "--out", "two", "--threads", "2"], in: folder)
    #expect(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
    #expect(one.stdout.contains("Seeding variants, best first"))
    for name in ["runs.csv", "summary.csv", "seeds.csv", "graph.csv", "timeseries.csv", "generations.csv"] {
      let a = try Data(contentsOf: folder.appendingPathComponent("one/\(name)"))
      let b = try Data(contentsOf: folder.appendingPathComponent("two/\(name)"))
      #expect(a == b, "\(name) differs between 1 and 2 threads")
    }
    // compare.csv too, but for the selection times, which the machine decides.
    func comparison(_ run: String) throws -> [[String: String]] {
      try Self.rows(folder.appendingPathComponent("\(run)/compare.csv")).map { $0.filter { $0.key != "selection_seconds" } }
    }
    #expect(try comparison("one") == comparison("two"))
    let rows = try comparison("one")
    for row in rows where ["top-again", "top"].contains(row["variant"]) {
      #expect(row["baseline"] == "top")
      if row["n"] != "0" { #expect(row["difference"] == "0", "\(row)") }
    }
    // Random variants draw the same seeds per replicate: paired, they differ by zero too …
    let randomRows = try Self.rows(folder.appendingPathComponent("one/runs.csv")).filter { $0["variant"]!.hasPrefix("random") }
    let byReplicate = Dictionary(grouping: randomRows) { $0["replicate"]! }
    #expect(byReplicate.values.allSatisfy { $0.count == 2 && $0[0]["reached"] == $0[1]["reached"] })
    // … and IMM is not worse than the most-followed accounts (its interval reaches zero or more).
    let imm = rows.first { $0["variant"] == "imm" && $0["metric"] == "reached" }!
    #expect(Double(imm["difference_ci95_high"]!)! >= 0, "\(imm)")
    // The budget bought micro accounts only, within $100.
    let seeds = try Self.rows(folder.appendingPathComponent("one/seeds.csv"))
    let micro = seeds.filter { $0["variant"] == "micro" }
    #expect(!micro.isEmpty && micro.allSatisfy { $0["tier"] == "micro" })
    for realization in ["0", "1"] {
      let spent = micro.filter { $0["graph_realization"] == realization }.reduce(0.0) { $0 + Double($1["cost"]!)! }
      #expect(spent <= 100 && spent > 50, "realization \(realization): \(spent)")
    }
    #expect(seeds.filter { $0["variant"] == "random" }.isEmpty, "random seeds are listed only when asked")
    #expect(seeds.filter { $0["variant"] == "imm" }.allSatisfy { $0["score_name"] == "marginal_gain" })
    #expect(rows.contains { $0["variant"] == "micro" && $0["metric"] == "roi" && !$0["mean"]!.isEmpty })
  }

  @Test("A sweep over the model runs, every point with the same columns")
  func sweepOverModels() throws {
    let folder = try Self.scenario(
      """
      name: models
      replicates: 6
      graph: {model: watts-strogatz, nodes: 2000}
      campaign: {model: nomination}
      seeding: {strategy: random, count: 5}
      sweep:
        campaign.model: [nomination, rumour, independent-cascade]
      """)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(["run", "scenario.yaml", "--out", "out"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let rows = try Self.rows(folder.appendingPathComponent("out/runs.csv"))
    #expect(rows.count == 18)
    #expect(Set(rows.map { $0["campaign_model"]! }) == ["nomination", "rumour", "independent-cascade"])
    // Nomination's own metrics are empty for the others.
    #expect(rows.filter { $0["campaign_model"] != "nomination" }.allSatisfy { $0["participants"] == "" })
    #expect(rows.filter { $0["campaign_model"] == "nomination" }.allSatisfy { $0["participants"] != "" })
  }

  @Test("Only the graphs some unit uses are built")
  func onlyUsedGraphs() throws {
    let folder = try Self.scenario(
      """
      name: few
      graph: {model: watts-strogatz, nodes: 2000, realizations: 10}
      campaign: {model: independent-cascade, probability: 0.1}
      seeding: {strategy: random, count: 5}
      sweep:
        campaign.probability: [0.05, 0.1]
      """)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(["run", "scenario.yaml", "--out", "out", "--replicates", "1"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    // One replicate per point runs on the last realization; both points share it.
    let graphs = try Self.rows(folder.appendingPathComponent("out/graph.csv"))
    #expect(graphs.map { $0["graph_realization"]! } == ["9", "9"])
    #expect(Set(graphs.map { $0["seed"]! }).count == 1)
  }

  @Test("compare refuses a scenario without variants, and CELF refuses what would take too long")
  func refusals() throws {
    let folder = try Self.scenario(
      """
      name: refused
      replicates: 2
      graph: {model: watts-strogatz, nodes: 2000}
      campaign: {model: independent-cascade, probability: 0.1}
      seeding: {strategy: celf, count: 3, max_seconds: 0.000001}
      """)
    defer { try? FileManager.default.removeItem(at: folder) }
    let compare = try CLI.run(["compare", "scenario.yaml", "--out", "out"], in: folder)
    #expect(compare.status == 2 && compare.stderr.contains("viral compare needs a compare: list"), "\(compare.stderr)")
    let celf = try CLI.run(["run", "scenario.yaml", "--out", "out"], in: folder)
    #expect(celf.status == 2, "\(celf.stderr)")
    #expect(celf.stderr.contains("scenario.yaml:5: seeding.strategy: celf would take about"), "\(celf.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    // IMM refuses a sample that would not fit on this graph, before making it; an epsilon
    // no graph could sample for is refused by the checks.
    let imm = try CLI.run(
      ["run", "scenario.yaml", "--out", "out", "--set", "seeding={strategy: imm, count: 3, epsilon: 0.00002}"], in: folder)
    #expect(imm.status == 2 && imm.stderr.contains("seeding.epsilon: IMM would need about"), "\(imm.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    // Predicted from a pilot sample by the checks: validate refuses it the same way.
    let predicted = try CLI.run(
      ["validate", "scenario.yaml", "--set", "seeding={strategy: imm, count: 3, epsilon: 0.00002}"], in: folder)
    // (The memory available is measured anew.)
    func prediction(_ text: String) -> Substring { text.prefix { $0 != "(" } }
    #expect(predicted.status == 2 && prediction(predicted.stderr) == prediction(imm.stderr), "\(predicted.stderr)")
    let tiny = try CLI.run(
      ["validate", "scenario.yaml", "--set", "seeding={strategy: imm, count: 3, epsilon: 0.000001}"], in: folder)
    #expect(tiny.status == 2 && tiny.stderr.contains("seeding.epsilon: IMM needs at least"), "\(tiny.stderr)")
  }
}

extension CompareCommandTests {
  @Test("A budget sweep's report draws each strategy's response curve and return per dollar, led by the target")
  func responseCurves() throws {
    let folder = try Self.scenario(
      """
      name: curves
      seed: 6
      replicates: 20
      graph: {model: follower, nodes: 3000}
      population:
        segments: {age: {young: 0.3, old: 0.7}}
        cost: {fixed: 5, per_follower: 1}
        target: {age: young}
      campaign: {model: funnel, see: 0.2, engage: 0.3}
      value: {per_adopter: 20}
      seeding: {strategy: random, budget: 100}
      sweep:
        seeding.budget: [100, 300, 1000]
        seeding.strategy: [random, top-followers]
      """)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(["sweep", "scenario.yaml", "--out", "out", "--report", "--quiet"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let html = try String(contentsOf: folder.appendingPathComponent("out/report.html"), encoding: .utf8)
    #expect(html.contains("Response curves: target_adopted against the budget"))
    #expect(html.contains("What each dollar returns, against the budget"))
    // One series per strategy, each with a point per budget.
    for strategy in ["random", "top-followers"] {
      #expect(html.components(separatedBy: "\"series\":\"\(strategy)\"").count - 1 >= 6, "\(strategy)")
    }
  }
}
