// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

@testable import ViralityCore

/// Scenarios/README.md's "Limits" table is the `Limits` the checks read.
@Suite("Limits")
struct LimitsTests {
  @Test("Scenarios/README.md lists every limit with its value, and no other")
  func documented() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Scenarios/README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    let section = try #require(
      text.components(separatedBy: "## Limits\n").dropFirst().first?.components(separatedBy: "\n## ").first)
    let rows = section.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| limit") && !$0.hasPrefix("| ---") }
    let table = rows.map { row in row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
    #expect(table.map { $0[0] } == Limits.all.map(\.name))
    for (row, limit) in zip(table, Limits.all) { #expect(row[1] == limit.value, "\(limit.name)") }
  }
}
