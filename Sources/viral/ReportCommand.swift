// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ViralityIO

/// `viral report`: a results folder as one HTML page.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a results folder as one self-contained HTML page of charts.",
    discussion: """
      Reads what viral run, compare or sweep wrote in DIR and writes DIR/report.html (or \
      --out FILE): summary cards with 95% intervals, the time course (median and the middle \
      90% of runs), the cascade tree of a traced run (--trace), the strategies ranked, the \
      sweep's curves or phase diagram, Sobol indices, the graph's separation and degrees \
      (with --graph-stats full), the scenario's notes and its published figures, and an \
      animation of the spread on graphs of up to 5,000 agents. The page loads nothing from \
      the internet: Vega (Debian's libjs-vega) is inlined. It prints the page's path and \
      opens nothing.
      Examples:
        viral report Results/ice-bucket-2014
        viral run Scenarios/rumour.yaml --trace 1 --report
      """)

  @Argument(help: ArgumentHelp("A results folder.", valueName: "DIR"))
  var folder: String

  @Option(name: .long, help: ArgumentHelp("Where to write the page (default: DIR/report.html).", valueName: "file"))
  var out: String?

  func run() throws {
    let path = out ?? "\(folder)/\(Report.file)"
    try Report.write(folder: folder, to: path)
    print(path)
  }
}
