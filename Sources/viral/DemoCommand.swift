// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ViralityIO

/// `viral demo`: the classroom demonstrations, one command each.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Run a classroom demonstration and write its report (viral demo --list names them).",
    discussion: """
      Each demo is a small built-in scenario swept over one parameter, with one typical run \
      traced at each value. It writes Results/demo-NAME/ with report.html: the charts, the \
      scenario's notes and an animation whose "what if" slider switches between the \
      parameter's values. It prints the report's path and opens nothing; open it in any \
      browser, offline.
      Examples:
        viral demo --list
        viral demo complex-contagion
        viral demo six-degrees --set graph.neighbors=4
      """)

  @Argument(help: ArgumentHelp("The demo (see --list).", valueName: "name"))
  var name: String?

  @Flag(name: .long, help: "Describe the demos.")
  var list = false

  @OptionGroup(title: "Common")
  var common: CommonOptions

  @OptionGroup(title: "Output")
  var output: OutputOptions

  func validate() throws {
    guard list || name != nil else { throw ValidationError("Name a demo, or give --list to see them.") }
    if let name, Demo.named(name) == nil {
      throw ValidationError("No demo '\(name)'; the demos are \(Demo.all.map(\.name).joined(separator: ", ")).")
    }
  }

  func run() throws {
    guard let name, !list else {
      let width = Demo.all.map(\.name.count).max() ?? 0
      for demo in Demo.all { print("\(demo.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(demo.summary)") }
      return
    }
    let started = Date()
    let demo = Demo.named(name)!
    let document = try ScenarioDocument(yaml: demo.scenario, file: "demo \(name)")
    let overrides = try common.overrides()
    let loaded = try ScenarioLoader.load(
      document: document, directory: FileManager.default.currentDirectoryPath, overrides: overrides)
    let path = try Simulation(common: common, output: output, statistics: .full, report: true, scenarioFile: nil)
      .run(loaded, overrides: overrides, started: started)
    if !output.quiet && !output.json { print("Report: \(path)/\(Report.file)") }
  }
}
