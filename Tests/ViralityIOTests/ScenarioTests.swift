// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import Testing
import ViralityCore

@testable import ViralityIO

@Suite("Scenario files")
struct ScenarioTests {
  /// Writes `yaml` to a temporary file and loads it.
  static func load(_ yaml: String, name: String = "test.yaml", overrides: [String] = []) throws(ScenarioError) -> LoadedScenario {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("viral-\(UUID().uuidString)-\(name)")
    try! yaml.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    return try ScenarioLoader.load(
      path: url.path, overrides: overrides.map { assignment throws(ScenarioError) in try Override(setting: assignment) })
  }

  /// The error a scenario gives, with the file name cut to its last part.
  static func error(_ yaml: String, overrides: [String] = []) -> String {
    do {
      _ = try load(yaml, overrides: overrides)
      return "no error"
    } catch {
      let text = error.description
      guard let range = text.range(of: "-test.yaml") else { return text }
      return "test.yaml" + text[range.upperBound...]
    }
  }

  @Test("A complete scenario, with defaults filled in")
  func valid() throws {
    let loaded = try Self.load(
      """
      name: launch
      seed: 42
      horizon: 3.5d
      graph:
        model: follower
        nodes: 5000
        popularity: {lognormal: {median: 1, mean: 4}}
      """)
    #expect(loaded.points.count == 1 && loaded.sweep == nil)
    let scenario = loaded.base
    #expect(scenario.name == "launch" && scenario.seed == 42 && scenario.horizon.hours == 84)
    #expect(scenario.replicates == Scenario.defaultReplicates && scenario.rng == .taus2)
    guard case .generator(let generator) = scenario.graph.source, let follower = generator as? FollowerGraph else {
      Issue.record("expected a follower graph")
      return
    }
    #expect(
      follower.nodes == 5000 && follower.friends == FollowerGraph.defaultFriends
        && follower.follows == FollowerGraph.defaultFollows)
    #expect(follower.popularity == .lognormal(median: 1, mean: 4))
  }

  @Test(
    "Every model reads from YAML",
    arguments: [
      "{model: watts-strogatz, nodes: 100, neighbors: 4, rewire: 0.2}",
      "{model: newman-watts, nodes: 100, shortcut: 0.1}",
      "{model: erdos-renyi, nodes: 100, mean_degree: 5, directed: true}",
      "{model: erdos-renyi, nodes: 100, edges: 300}",
      "{model: barabasi-albert, nodes: 100, edges_per_node: 2}",
      "{model: holme-kim, nodes: 100, edges_per_node: 2, triad: 0.7}",
      "{model: kleinberg, side: 20, local_range: 1, long_range: 2, exponent: 2}",
      "{model: stochastic-block, sizes: [50, 50], p_in: 0.1, p_out: 0.01}",
      "{model: stochastic-block, nodes: 100, communities: 4, p_in: 0.1, p_out: 0.01}",
      "{model: configuration, nodes: 100, degrees: {poisson: {mean: 4}}}",
      "{model: configuration, degree_sequence: [1, 2, 2, 1]}",
      "{model: follower, nodes: 100, friends: 4, follows: 3, popularity: {pareto: {shape: 1.5}}}",
    ])
  func models(graph: String) throws {
    let loaded = try Self.load("name: m\ngraph: \(graph)\n")
    #expect(graph.contains(loaded.base.graph.modelName))
    // The resolved scenario encodes and decodes to the same model (manifest round trip).
    let json = try JSONEncoder().encode(loaded.base)
    #expect(String(decoding: json, as: UTF8.self).contains(loaded.base.graph.modelName))
  }

  @Test(
    "Errors name the file, line, key and what is allowed",
    arguments: [
      (
        "name: x\ngraph:\n  model: watts-strogatz\n  nodes: 100\n  neighbours: 4\n",
        "test.yaml:5: graph.neighbours: unknown key; allowed keys: nodes, neighbors, rewire, model, realizations, storage"
      ),
      (
        "name: x\ngraph:\n  model: watts-strogatz\n  nodes: 100\n  rewire: 1.4\n",
        "test.yaml:5: graph.rewire: must be a probability between 0 and 1; got 1.4"
      ),
      (
        "name: x\ngraph:\n  model: small-world\n",
        "test.yaml:3: graph.model: unknown model 'small-world'; use one of: watts-strogatz, newman-watts, erdos-renyi, barabasi-albert, holme-kim, kleinberg, stochastic-block, configuration, follower, file"
      ),
      (
        "name: x\ngraph:\n  model: barabasi-albert\n  nodes: many\n",
        "test.yaml:4: graph.nodes: expected a whole number; got 'many'"
      ),
      (
        "name: x\nhorizon: 30\ngraph: {model: erdos-renyi, nodes: 10, edges: 3}\n",
        "test.yaml:2: horizon: expected a duration with a unit (30m, 24h, 3.5d, 2w)"
      ),
      (
        "name: x\nhorizon: -2d\ngraph: {model: erdos-renyi, nodes: 10, edges: 3}\n",
        "test.yaml:2: horizon: must be a positive duration; got -2d"
      ),
      (
        "name: x\n",
        "test.yaml:1: graph: is required but missing"
      ),
      (
        "name: x\ngraph:\n  model: erdos-renyi\n  nodes: 10\n",
        "test.yaml:2: graph.probability: give exactly one of probability, edges or mean_degree"
      ),
      (
        "name: x\ngraph:\n  model: configuration\n  nodes: 10\n  degrees: {zipf: {s: 2}}\n",
        "test.yaml:5: graph.degrees: expected a number or one distribution: uniform, binomial, poisson, geometric, exponential, gamma, lognormal, pareto, beta, normal, discrete (e.g. {lognormal: {median: 1d, mean: 2.1d}})"
      ),
      (
        "name: x\ngraph:\n  model: follower\n  nodes: 10\n  popularity: {pareto: {shape: 1.2, size: 3}}\n",
        "test.yaml:5: graph.popularity.pareto.size: unknown key; allowed keys: shape, scale"
      ),
      (
        "name: x\ngraph: {model: watts-strogatz, nodes: 100}\nreplicates: 0\n",
        "test.yaml:3: replicates: must be between 1 and 10000000; got 0"
      ),
      (
        "name: x\ngraph:\n  model: watts-strogatz\n   nodes: 100\n",
        "test.yaml:4: invalid YAML: mapping values are not allowed in this context"
      ),
      (
        "name: x\nname: y\ngraph: {model: watts-strogatz, nodes: 100}\n",
        "test.yaml:1: the key name appears twice"
      ),
      (
        "name: x\nrng: dice\ngraph: {model: watts-strogatz, nodes: 100}\n",
        "test.yaml:2: rng: 'dice' is not allowed; use one of: taus2, mt19937, ranlxd2"
      ),
      (
        "name: x\ngraph: {model: watts-strogatz, nodes: 100, neighbors: 7}\n",
        "test.yaml:2: graph.neighbors: must be an even number from 2 to nodes − 1 (99); got 7"
      ),
      (
        "name: x\ngraph: {model: follower, nodes: 100}\npopulation:\n  attention:\n    exponent: -0.2\n",
        "test.yaml:5: population.attention.exponent: must be between 0 (no effect) and 2; published engagement rates by follower count give about 0.17; got -0.2"
      ),
      (
        "name: x\ngraph: {model: follower, nodes: 100}\npopulation:\n  attention: {by_tier: {famous: 0.2}}\n",
        "test.yaml:4: population.attention.by_tier.famous: no tier 'famous'; tiers: celebrity, macro, micro, nano, ordinary"
      ),
      (
        "name: x\ngraph: {model: follower, nodes: 100}\npopulation:\n  attention: {by_tier: {nano: 2}, exponent: 1}\n",
        "test.yaml:4: population.attention.exponent: give either by_tier (a factor per tier) or exponent and reference (a power law), not both"
      ),
    ])
  func errors(yaml: String, message: String) {
    #expect(Self.error(yaml) == message)
  }

  @Test("--set overrides any field; its errors name the option")
  func overrides() throws {
    let yaml = "name: x\ngraph: {model: watts-strogatz, nodes: 100}\n"
    let loaded = try Self.load(yaml, overrides: ["graph.rewire=0.3", "graph.neighbors=6", "seed=9", "horizon=2w"])
    guard case .generator(let generator) = loaded.base.graph.source, let ws = generator as? WattsStrogatz else {
      Issue.record("expected watts-strogatz")
      return
    }
    #expect(ws.rewire == 0.3 && ws.neighbors == 6 && loaded.base.seed == 9 && loaded.base.horizon.hours == 336)
    #expect(
      Self.error(yaml, overrides: ["graph.rewire=2"])
        == "--set graph.rewire=2: graph.rewire: must be a probability between 0 and 1; got 2")
    #expect(
      Self.error(yaml, overrides: ["graph.rewire"]) == "--set graph.rewire: write --set key=value, e.g. --set graph.rewire=0.01")
    #expect(
      Self.error(yaml, overrides: ["graph.nodes.x=1"])
        == "--set graph.nodes.x=1: graph.nodes: is a value, not a section; cannot set graph.nodes.x inside it")
    #expect(Self.error(yaml, overrides: ["graph.colour=red"]).hasPrefix("--set graph.colour=red: graph.colour: unknown key"))
    // A nested key, and a value deeper than the key the check names: the message still
    // names the --set that gave it.
    let follower = "name: x\ngraph: {model: follower, nodes: 100}\n"
    #expect(
      Self.error(follower, overrides: ["graph.popularity.pareto.shape=-1"]).hasPrefix(
        "--set graph.popularity.pareto.shape=-1: graph.popularity"))
    // Sweep fields are dotted keys of the sweep: section.
    let swept = try Self.load(yaml, overrides: ["sweep.graph.rewire=[0.1, 0.2]"])
    #expect(swept.points.count == 2 && swept.sweepKeys == ["graph.rewire"])
    #expect(
      Self.error(yaml, overrides: ["sweep.graph.rewire={log: [0, 1], points: 3}"]).hasPrefix(
        "--set sweep.graph.rewire={log: [0, 1], points: 3}: sweep.graph.rewire: a log grid needs positive ends"))
  }

  @Test("Sweeps: lists, log and linear grids, first key outermost")
  func sweeps() throws {
    let loaded = try Self.load(
      """
      name: s
      graph: {model: watts-strogatz, nodes: 100}
      sweep:
        graph.rewire: {log: [0.001, 0.1], points: 3}
        graph.neighbors: [4, 6]
      """)
    #expect(loaded.sweepKeys == ["graph.rewire", "graph.neighbors"])
    #expect(loaded.sweep?.axes[0].values == ["0.001", "0.01", "0.1"])
    #expect(loaded.points.count == 6)
    #expect(
      loaded.points.map { $0.assignments.map(\.value) } == [
        ["0.001", "4"], ["0.001", "6"], ["0.01", "4"], ["0.01", "6"], ["0.1", "4"], ["0.1", "6"],
      ])
    guard case .generator(let generator) = loaded.points[3].scenario.graph.source, let ws = generator as? WattsStrogatz else {
      Issue.record("expected watts-strogatz")
      return
    }
    #expect(ws.rewire == 0.01 && ws.neighbors == 6)
    let linear = try Self.load(
      "name: s\ngraph: {model: watts-strogatz, nodes: 100}\nsweep:\n  graph.rewire: {linear: [0, 1], points: 5}\n")
    #expect(linear.sweep?.axes[0].values == ["0", "0.25", "0.5", "0.75", "1"])
  }

  @Test("Zipped fields vary together inside the grid")
  func zipped() throws {
    let loaded = try Self.load(
      """
      name: s
      graph: {model: watts-strogatz, nodes: 100}
      campaign: {model: nomination}
      sweep:
        graph.rewire: [0.01, 0.1]
        zip: {campaign.nominees: [2, 3, 4], campaign.deadline: [12h, 24h, 48h]}
      """)
    #expect(loaded.sweepKeys == ["graph.rewire", "campaign.nominees", "campaign.deadline"])
    #expect(loaded.points.count == 6)
    #expect(loaded.points[4].assignments.map(\.value) == ["0.1", "3", "24h"])
  }

  @Test("A Latin hypercube puts one point in each of the n strata of every range")
  func latinHypercube() throws {
    let yaml = """
      name: s
      seed: 5
      graph: {model: watts-strogatz, nodes: 100}
      campaign: {model: nomination}
      sweep:
        method: latin-hypercube
        samples: 50
        ranges: {graph.rewire: {log: [0.001, 1]}, campaign.accept: [0.2, 0.8], campaign.nominees: {integer: [1, 5]}, campaign.deadline: [12h, 48h]}
      """
    let loaded = try Self.load(yaml)
    #expect(loaded.points.count == 50)
    let rewire = loaded.points.map { Double($0.assignments[0].value)! }
    let accept = loaded.points.map { Double($0.assignments[1].value)! }
    // Stratum of each value on its scale: each of the 50 is hit once.
    #expect(Set(rewire.map { Int((log10($0) + 3) / 3 * 50) }).count == 50)
    #expect(Set(accept.map { Int(($0 - 0.2) / 0.6 * 50) }).count == 50)
    // Whole numbers: each of 1...5 ten times.
    let nominees = loaded.points.map { Int($0.assignments[2].value)! }
    #expect((1...5).map { n in nominees.filter { $0 == n }.count } == [10, 10, 10, 10, 10])
    #expect(loaded.points.allSatisfy { $0.assignments[3].value.hasSuffix("h") })
    // The sample is the seed's: the same again, another with another seed.
    #expect(try Self.load(yaml).points.map { $0.assignments.map(\.value) } == loaded.points.map { $0.assignments.map(\.value) })
    let other = try Self.load(yaml, overrides: ["seed=6"])
    #expect(other.points.map { $0.assignments[0].value } != loaded.points.map { $0.assignments[0].value })
  }

  @Test("Independent random numbers give each point a master seed of its own")
  func independentPoints() throws {
    let yaml = "name: s\nseed: 9\ngraph: {model: watts-strogatz, nodes: 100}\nsweep: {graph.rewire: [0.1, 0.2]}\n"
    let common = try Self.load(yaml)
    #expect(common.points.map(\.scenario.seed) == [9, 9])
    let independent = try Self.load(yaml, overrides: ["sweep.random_numbers=independent"])
    let seeds = independent.points.map(\.scenario.seed)
    #expect(Set(seeds).count == 2 && !seeds.contains(9))
  }

  @Test(
    "Bad sweep specs are refused in one line",
    arguments: [
      ("sweep: {graph.colour: [1, 2]}\n", "unknown key"),
      ("sweep: {graph.rewire: []}\n", "sweep.graph.rewire: an empty list"),
      ("sweep: {seed: [1, 2]}\n", "sweep: 'seed' cannot be swept"),
      ("sweep: {zip: {graph.rewire: [0.1, 0.2], graph.neighbors: [4]}}\n", "need lists of one length"),
      ("sweep: {method: latin-hypercube, samples: 10}\n", "sweep.ranges: a sample needs ranges"),
      ("sweep: {method: latin-hypercube, ranges: {graph.rewire: [0.1, 0.2]}}\n", "sweep.samples: give the number"),
      ("sweep: {method: latin-hypercube, samples: 10, ranges: {graph.rewire: [0.2, 0.2]}}\n", "an empty range"),
      (
        "sweep: {method: latin-hypercube, samples: 10, ranges: {graph.rewire: {log: [0, 1]}}}\n",
        "a log range needs positive ends"
      ),
      (
        "sweep: {method: latin-hypercube, samples: 10, ranges: {graph.rewire: {log: [-1, 1]}}}\n",
        "a log range needs positive ends"
      ),
      ("sweep: {method: latin-hypercube, samples: 10, ranges: {graph.rewire: [0.5, 2]}}\n", "must be a probability"),
      ("sweep: {method: halton, samples: 10}\n", "sweep.method: unknown method 'halton'; allowed: grid, latin-hypercube"),
      ("sweep: {random_numbers: some, graph.rewire: [0.1]}\n", "allowed: common, independent"),
    ])
  func badSweeps(sweep: String, fragment: String) {
    let message = Self.error("name: x\ngraph: {model: watts-strogatz, nodes: 100}\n" + sweep)
    #expect(message.contains(fragment) && !message.contains("\n"), "\(message)")
  }

  @Test(
    "Sweep errors point at the sweep entry",
    arguments: [
      (
        "sweep:\n  graph.rewire: {log: [0.1, 2], points: 3}\n",
        "test.yaml:4 (sweep graph.rewire = 2): graph.rewire: must be a probability between 0 and 1; got 2"
      ),
      (
        "sweep:\n  graph.rewire: {log: [0, 1], points: 3}\n",
        "test.yaml:4: sweep.graph.rewire: a log grid needs positive ends; got 0 and 1"
      ),
      (
        "sweep:\n  graph.rewire: {log: [0.1, 1]}\n",
        "test.yaml:4: sweep.graph.rewire: points must be a whole number from 2 to 100000"
      ),
      (
        "sweep:\n  graph.rewire: []\n",
        "test.yaml:4: sweep.graph.rewire: an empty list; give at least one value"
      ),
      (
        "sweep: [graph.rewire]\n",
        "test.yaml:3: sweep: expected a section of fields to vary, e.g. graph.rewire: [0.01, 0.1]"
      ),
    ])
  func sweepErrors(sweep: String, message: String) {
    #expect(Self.error("name: x\ngraph: {model: watts-strogatz, nodes: 100}\n" + sweep) == message)
  }

  @Test("A scenario without a name is named after its file; file paths are relative to it")
  func naming() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("viral-naming-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try "0 1\n1 2\n".write(to: directory.appendingPathComponent("tiny.txt"), atomically: true, encoding: .utf8)
    let path = directory.appendingPathComponent("my-world.yaml").path
    try "graph: {model: file, path: tiny.txt}\n".write(toFile: path, atomically: true, encoding: .utf8)
    let loaded = try ScenarioLoader.load(path: path, overrides: [])
    #expect(loaded.base.name == "my-world")
    guard case .file(let file) = loaded.base.graph.source else {
      Issue.record("expected a file")
      return
    }
    #expect(file.path == directory.appendingPathComponent("tiny.txt").standardizedFileURL.path)
    try "graph: {model: file, path: missing.txt}\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path, overrides: []) }
  }

  @Test(
    "Every campaign model decodes from a scenario",
    arguments: [
      ("independent-cascade", "probability: 0.2, weighting: influence, delay: {exponential: {mean: 6h}}"),
      ("linear-threshold", "thresholds: {uniform: {min: 0.1, max: 0.3}}"),
      ("complex-contagion", "exposures: 2"),
      ("word-of-mouth", "rate: 0.5, duration: 2d, recovery: susceptible, accept: 0.8"),
      ("rumour", "variant: daley-kendall, rate: 3"),
      ("bass", "p: 0.01, q: 0.3, per: 1w"),
      ("funnel", "see: 0.2, engage: 0.3, convert: 0.05, media: {per_day: 100, to: 7d}"),
      (
        "nomination",
        """
        nominees: 3, choose: mix, accept: 0.5, deadline: 24h, deadline_rule: hard,
        response_delay: {lognormal: {median: 1d, mean: 2.1d}}, renominated: 0.2,
        social_proof: {boost: 0.5, half_at: 2}, fatigue: {half_life: 3.5d},
        donate: {after_accept: 0.5, after_decline: 0.45, amount: {lognormal: {mean: 45, sd: 60}}},
        self_join: {per_exposure: 0.02, saturate_at: 2}, celebrities: {top: 0.01, nominate_celebrities: 0.8},
        media: {per_day: 10, to: 7d}, waves: [{at: 5d, count: 3, who: celebrities}]
        """
      ),
    ])
  func campaignModels(model: String, parameters: String) throws {
    let loaded = try Self.load(
      """
      graph: {model: watts-strogatz, nodes: 1000}
      campaign: {model: \(model), \(parameters)}
      seeding: {strategy: top-degree, count: 5}
      """)
    #expect(loaded.base.campaign?.modelName == model)
    #expect(loaded.base.seeding?.strategyName == "top-degree")
  }

  @Test(
    "Bad campaign, population and seeding sections name the key",
    arguments: [
      ("campaign: {model: gossip}", "test.yaml:2: campaign.model: unknown model 'gossip'; use one of: independent-cascade"),
      ("campaign: {model: bass, p: -1}", "test.yaml:2: campaign.p: "),
      ("campaign: {model: rumour, speed: 3}", "test.yaml:2: campaign.speed: unknown key"),
      ("campaign: {model: word-of-mouth, duration: -2d}", "test.yaml:2: campaign.duration: cannot be negative"),
      ("campaign: {model: complex-contagion, exposures: 2, fraction: 0.5}", "test.yaml:2: campaign"),
      ("population: {segments: {age: {young: -1}}}", "test.yaml:2: population.segments.age: "),
      ("population: {target: {age: [young]}}", "test.yaml:2: population.target.age: no segment 'age'"),
      ("population: {file: nowhere.csv}", "test.yaml:2: population.file: cannot read"),
      ("seeding: {strategy: top-followers, budget: -5}", "test.yaml:2: seeding.budget: must be a positive amount"),
      ("seeding: {strategy: explicit}", "test.yaml:2: seeding.nodes: list the seed nodes"),
      ("outputs: {bin: 0h}", "test.yaml:2: outputs.bin: must be a positive duration"),
      ("campaign: {model: nomination, accept: 1.4}", "test.yaml:2: campaign.accept: must be a probability"),
      ("campaign: {model: nomination, choose: best_friends}", "test.yaml:2: campaign.choose: 'best_friends' is not allowed"),
      ("campaign: {model: nomination, donate: {gift: 10}}", "test.yaml:2: campaign.donate.gift: unknown key"),
      ("campaign: {model: nomination, fatigue: {half_life: -1d}}", "test.yaml:2: campaign.fatigue.half_life: must be a positive"),
      (
        "campaign: {model: nomination, waves: [{at: 1d, count: 2, who: celebrities}]}",
        "test.yaml:2: campaign.waves[0].who: celebrities needs a campaign.celebrities section"
      ),
    ])
  func badSections(section: String, message: String) {
    let text = Self.error("graph: {model: watts-strogatz, nodes: 1000}\n\(section)\n")
    #expect(text.hasPrefix(message), "\(text)")
  }

  @Test("Attention reads as a power law (the published exponent by default) or by tier, and round-trips")
  func attention() throws {
    func attention(_ yaml: String) throws -> Attention? {
      try Self.load("name: x\ngraph: {model: follower, nodes: 100}\npopulation:\n" + yaml).base.population.attention
    }
    #expect(try attention("  attention: {}\n") == .published)
    #expect(try attention("  attention: {exponent: 0.3, reference: 50}\n") == .powerLaw(exponent: 0.3, reference: 50))
    #expect(try attention("  attention: {by_tier: {micro: 0.5}}\n") == .byTier(["micro": 0.5]))
    #expect(try attention("  influence: 1\n") == nil)
    // The manifest's resolved scenario reads back to the same section, and says nothing
    // of attention when there is none (so manifests without it are unchanged).
    for spec in [
      PopulationSpec(attention: .powerLaw(exponent: 0.2, reference: nil)), PopulationSpec(attention: .byTier(["nano": 0.7])),
    ] {
      let json = try JSONEncoder().encode(spec)
      #expect(try JSONDecoder().decode(PopulationSpec.self, from: json) == spec)
    }
    let none = String(decoding: try JSONEncoder().encode(PopulationSpec()), as: UTF8.self)
    #expect(!none.contains("attention"))
  }

  @Test("An agent file sets attributes and segments; unlisted agents keep drawn values")
  func agentFile() throws {
    let graph = WattsStrogatz(nodes: 10, neighbors: 2, rewire: 0).generate(using: RandomStream(seed: 1), threads: 1)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("viral-agents-\(UUID().uuidString).csv")
    try "node,age,influence\n0,young,3.5\n4,old,0.5\n".write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let table = try AgentFileReader.read(url.path, for: graph)
    let spec = PopulationSpec(influence: .constant(2), target: ["age": ["young"]])
    let population = try spec.draw(for: graph, using: RandomStream(seed: 2), overrides: table)
    #expect(population.influence[0] == 3.5 && population.influence[4] == 0.5 && population.influence[1] == 2)
    #expect(population.isTarget(0) && !population.isTarget(4) && !population.isTarget(1))
    #expect(population.segments.first { $0.name == "age" }?.labels.sorted() == ["old", "unknown", "young"])
    try "node,age\n99,young\n".write(to: url, atomically: true, encoding: .utf8)
    #expect(throws: InputFileError.self) { try AgentFileReader.read(url.path, for: graph) }
  }

  @Test("An input file that is not what it should be is named by its line, its text not quoted")
  func unquotedFiles() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("viral-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "root:x:0:0:secret\n".write(to: folder.appendingPathComponent("passwd"), atomically: true, encoding: .utf8)
    let graph = WattsStrogatz(nodes: 10, neighbors: 2, rewire: 0).generate(using: RandomStream(seed: 1), threads: 1)
    do {
      _ = try AgentFileReader.read(folder.appendingPathComponent("passwd").path, for: graph)
      Issue.record("expected an error")
    } catch { #expect(!error.description.contains("secret") && error.description.contains("passwd:1:")) }
    let yaml = folder.appendingPathComponent("s.yaml")
    try
      "name: x\ngraph: {model: watts-strogatz, nodes: 100}\ncampaign: {model: independent-cascade}\nseeding: {strategy: explicit, file: passwd}\n"
      .write(to: yaml, atomically: true, encoding: .utf8)
    let loaded = try ScenarioLoader.load(path: yaml.path, overrides: [])
    do {
      _ = try Study(loaded, work: .simulate(graphStatistics: .none), threads: 1)
      Issue.record("expected an error")
    } catch {
      #expect(!error.description.contains("secret"), "\(error)")
      #expect(error.description.contains("seeding.file: line 1 of passwd names no node of the graph"), "\(error)")
    }
  }

  @Test("Files saved by Windows programs read as any other: a byte-order mark, CRLF line ends")
  func windowsText() throws {
    let graph = WattsStrogatz(nodes: 10, neighbors: 2, rewire: 0).generate(using: RandomStream(seed: 1), threads: 1)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("viral-agents-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    let plain = "node,age,influence\n0,young,3.5\n4,old,0.5\n"
    try plain.write(to: url, atomically: true, encoding: .utf8)
    let expected = try AgentFileReader.read(url.path, for: graph)
    for bytes in [[0xEF, 0xBB, 0xBF] + Array(plain.utf8), Array(plain.replacingOccurrences(of: "\n", with: "\r\n").utf8)] {
      try Data(bytes).write(to: url)
      // Compared as text: agents the file does not list hold NaN, which equals nothing.
      #expect("\(try AgentFileReader.read(url.path, for: graph))" == "\(expected)")
    }
    let yaml = FileManager.default.temporaryDirectory.appendingPathComponent("viral-\(UUID().uuidString).yaml")
    defer { try? FileManager.default.removeItem(at: yaml) }
    try Data([0xEF, 0xBB, 0xBF] + Array("name: x\r\ngraph: {model: watts-strogatz, nodes: 100}\r\n".utf8)).write(to: yaml)
    #expect(try ScenarioLoader.load(path: yaml.path, overrides: []).base.name == "x")
  }
}
