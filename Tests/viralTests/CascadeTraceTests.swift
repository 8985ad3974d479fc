// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// `--trace`: cascades.csv rebuilds what runs.csv and generations.csv report of the traced
/// runs, for every kind of model (continuous and rounds clocks, milestones marked one by
/// one and counted in bulk).
@Suite("cascade traces")
struct CascadeTraceTests {
  typealias CLI = CommandLineTests
  typealias Rows = [[String: String]]

  static func scenario(campaign: String, seeding: String = "{strategy: random, count: 5}", graph: String? = nil) -> String {
    """
    name: traced
    seed: 11
    replicates: 12
    horizon: 40d
    graph: \(graph ?? "{model: follower, nodes: 2000, realizations: 2}")
    campaign: \(campaign)
    seeding: \(seeding)
    """
  }

  static let campaigns = [
    "{model: nomination, nominees: 3, accept: 0.6, deadline: 24h, self_join: {per_exposure: 0.01}}",
    "{model: independent-cascade, probability: 0.04}",
    "{model: independent-cascade, probability: 0.04, clock: continuous}",
    "{model: linear-threshold}",
    "{model: complex-contagion, exposures: 2}",
    "{model: word-of-mouth, rate: 0.3}",
    "{model: rumour}",
    "{model: funnel, media: {per_day: 20, from: 0h, to: 5d}}",
    "{model: bass, p: 0.002, q: 0.3}",
  ]

  /// The tree of one traced run, from its rows of cascades.csv.
  struct Tree {
    var parent: [Int] = []
    var generation: [Int] = []

    /// Rows with a generation, in file order: each parent's row before its children's.
    init(_ rows: Rows) throws {
      var slot: [String: Int] = [:]
      for row in rows where !(row["generation"] ?? "").isEmpty {
        let parentName = row["parent"] ?? ""
        let parentSlot = parentName.isEmpty ? -1 : try #require(slot[parentName], "parent \(parentName) comes later")
        slot[row["agent"]!] = parent.count
        parent.append(parentSlot)
        generation.append(Int(row["generation"]!)!)
        #expect(generation.last == (parentSlot < 0 ? 0 : generation[parentSlot] + 1))
      }
    }

    /// Structural virality: for each tree of s ≥ 2 nodes the mean distance between its
    /// nodes (Wiener index over s(s − 1)/2), averaged weighted by size; computed as the
    /// engine documents it, edge by edge in tree order.
    var structuralVirality: Double? {
      var below = [UInt32](repeating: 1, count: parent.count)
      for i in stride(from: parent.count - 1, through: 0, by: -1) where parent[i] >= 0 { below[parent[i]] += below[i] }
      var (weighted, weight) = (0.0, 0)
      for i in parent.indices {
        let size = below[i]
        if parent[i] < 0 {
          if size >= 2 { weight += Int(size) }
          continue
        }
        let treeSize = below[parent[i]]
        weighted += 2 * Double(size) * Double(treeSize - size) / Double(treeSize - 1)
        below[i] = treeSize
      }
      return weight > 0 ? weighted / Double(weight) : nil
    }

    /// The same by brute force: breadth-first distances between all pairs of each tree.
    var bruteForceVirality: Double? {
      var neighbours = [[Int]](repeating: [], count: parent.count)
      for (i, p) in parent.enumerated() where p >= 0 {
        neighbours[i].append(p)
        neighbours[p].append(i)
      }
      var (weighted, weight) = (0.0, 0)
      var seen = [Bool](repeating: false, count: parent.count)
      for root in parent.indices where parent[root] < 0 {
        var members = [root]
        seen[root] = true
        var k = 0
        while k < members.count {
          for v in neighbours[members[k]] where !seen[v] {
            seen[v] = true
            members.append(v)
          }
          k += 1
        }
        guard members.count >= 2 else { continue }
        var total = 0
        for source in members {
          var distance = [Int: Int]()
          distance[source] = 0
          var queue = [source]
          var q = 0
          while q < queue.count {
            for v in neighbours[queue[q]] where distance[v] == nil {
              distance[v] = distance[queue[q]]! + 1
              queue.append(v)
            }
            q += 1
          }
          total += distance.values.reduce(0, +)
        }
        let pairs = Double(members.count * (members.count - 1))
        weighted += Double(members.count) * Double(total) / pairs
        weight += members.count
      }
      return weight > 0 ? weighted / Double(weight) : nil
    }
  }

  @Test(
    "cascades.csv rebuilds depth, structural virality, generations and milestone counts exactly",
    arguments: campaigns)
  func rebuilds(campaign: String) throws {
    let folder = try CompareCommandTests.scenario(Self.scenario(campaign: campaign))
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(["run", "scenario.yaml", "--out", "out", "--trace", "4", "--trace-pick", "first"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let out = folder.appendingPathComponent("out")
    let cascades = try CompareCommandTests.rows(out.appendingPathComponent("cascades.csv"))
    let runs = try CompareCommandTests.rows(out.appendingPathComponent("runs.csv"))
    let generations = try CompareCommandTests.rows(out.appendingPathComponent("generations.csv"))
    let traced = Set(cascades.map { $0["replicate"]! })
    #expect(traced == ["0", "1", "2", "3"])
    for replicate in traced.sorted() {
      let rows = cascades.filter { $0["replicate"] == replicate }
      let run = try #require(runs.first { $0["replicate"] == replicate })
      let tree = try Tree(rows)
      #expect(tree.parent.count == Int(run["reached"]!), "reached, replicate \(replicate)")
      #expect(String(tree.generation.max() ?? 0) == run["depth"], "depth, replicate \(replicate)")
      let virality = tree.structuralVirality
      #expect(virality == Double(run["structural_virality"]!), "structural virality, replicate \(replicate)")
      if tree.parent.count <= 3000, let virality, let brute = tree.bruteForceVirality {
        #expect(abs(virality - brute) <= 1e-9 * brute)
      }
      // Agents and children per generation of the whole tree.
      let table = generations.filter { $0["replicate"] == replicate && $0["tree"] == "cascade" }
      var agents = [Int](repeating: 0, count: (tree.generation.max() ?? -1) + 1)
      var children = agents
      for (i, g) in tree.generation.enumerated() {
        agents[g] += 1
        if tree.parent[i] >= 0 { children[g - 1] += 1 }
      }
      #expect(table.map { Int($0["agents"]!)! } == agents, "generations, replicate \(replicate)")
      #expect(table.map { Int($0["children"]!)! } == children, "children, replicate \(replicate)")
      // Milestones: every agent that became aware or adopted has its row and its time.
      for (column, metric) in [("aware_h", "aware"), ("adopted_h", "adopted")] {
        let count = rows.filter { !($0[column] ?? "").isEmpty }.count
        #expect(String(count) == run[metric].map { String(Int(Double($0)!)) }, "\(metric), replicate \(replicate)")
      }
      #expect(rows.allSatisfy { !($0["outcome"] ?? "").isEmpty })
      #expect(rows.filter { $0["how"] == "seed" }.count == Int(run["seeds"]!))
    }
  }

  @Test("--trace-pick median traces the runs nearest the median size, the same on 1 and 2 threads")
  func median() throws {
    let folder = try CompareCommandTests.scenario(Self.scenario(campaign: Self.campaigns[0]))
    defer { try? FileManager.default.removeItem(at: folder) }
    for threads in ["1", "2"] {
      let outcome = try CLI.run(
        ["run", "scenario.yaml", "--out", "t\(threads)", "--trace", "3", "--threads", threads], in: folder)
      #expect(outcome.status == 0, "\(outcome.stderr)")
    }
    let one = try Data(contentsOf: folder.appendingPathComponent("t1/cascades.csv"))
    let two = try Data(contentsOf: folder.appendingPathComponent("t2/cascades.csv"))
    #expect(one == two)
    let runs = try CompareCommandTests.rows(folder.appendingPathComponent("t1/runs.csv"))
    let sizes = runs.map { Int($0["reached"]!)! }.sorted()
    let twiceMedian = sizes[(sizes.count - 1) / 2] + sizes[sizes.count / 2]
    let distance = { (row: [String: String]) in abs(2 * Int(row["reached"]!)! - twiceMedian) }
    let cascades = try CompareCommandTests.rows(folder.appendingPathComponent("t1/cascades.csv"))
    let traced = Set(cascades.map { $0["replicate"]! })
    #expect(traced.count == 3)
    let worstTraced = runs.filter { traced.contains($0["replicate"]!) }.map(distance).max()!
    let bestOther = runs.filter { !traced.contains($0["replicate"]!) }.map(distance).min()!
    #expect(worstTraced <= bestOther)
  }

  @Test("Agents are named by the graph's labels, and every variant of compare is traced")
  func labelsAndVariants() throws {
    let folder = try CompareCommandTests.scenario(
      Self.scenario(
        campaign: "{model: independent-cascade, probability: 0.5}", seeding: "{strategy: top-followers, count: 1}",
        graph: "{model: file, path: friends.txt, directed: false}")
        + "\ncompare:\n  - {label: random, strategy: random, count: 2}\n")
    defer { try? FileManager.default.removeItem(at: folder) }
    let names = ["ana", "ben", "cho", "dev", "eli", "fay", "gus", "hal"]
    let edges = zip(names, names.dropFirst()).map { "\($0) \($1)" } + ["ana cho", "ben eli", "fay hal"]
    try Data(edges.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("friends.txt"))
    let outcome = try CLI.run(["compare", "scenario.yaml", "--out", "out", "--trace", "2"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let cascades = try CompareCommandTests.rows(folder.appendingPathComponent("out/cascades.csv"))
    #expect(Set(cascades.map { $0["variant"]! }) == ["baseline", "random"])
    #expect(cascades.allSatisfy { names.contains($0["agent"]!) && ($0["parent"]!.isEmpty || names.contains($0["parent"]!)) })
  }
}
