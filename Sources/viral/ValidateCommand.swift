// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import ViralityCore
import ViralityIO

/// `viral validate`: check a scenario without running it.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a scenario file (keys, types, ranges, sweep, memory) without running it.")

  @Argument(help: ArgumentHelp("Scenario file (YAML).", valueName: "scenario.yaml"))
  var scenario: String

  @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario field (repeatable).", valueName: "key=value"))
  var assignments: [String] = []

  func run() throws {
    let loaded = try ScenarioLoader.load(path: scenario, overrides: assignments)
    for point in loaded.points {
      try SystemMemory.check(point.scenario.graph, level: .full, threads: 1, location: loaded.graphLocation)
    }
    let graph = loaded.base.graph
    let points = loaded.points.count
    var parts = ["scenario '\(loaded.base.name)'", "graph \(graph.modelName)"]
    if let campaign = loaded.base.campaign { parts.append("campaign \(campaign.modelName)") }
    if let seeding = loaded.base.seeding { parts.append("seeding \(seeding.strategy.rawValue)") }
    parts.append("\(points) sweep point\(points == 1 ? "" : "s")")
    print("\(scenario): valid — \(parts.joined(separator: ", "))")
  }
}
