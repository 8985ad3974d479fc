// SPDX-License-Identifier: GPL-3.0-or-later
import Testing

@testable import ViralityCore

@Suite("Durations")
struct TimeSpanTests {
  @Test("Units: minutes, hours, days, weeks", arguments: [("30m", 0.5), ("24h", 24), ("3.5d", 84), ("2w", 336), (" 90m ", 1.5)])
  func parse(text: String, hours: Double) {
    #expect(TimeSpan(parsing: text)?.hours == hours)
  }

  @Test("No unit, unknown unit or no number is rejected", arguments: ["24", "h", "3x", "", "d3", "1e400d"])
  func reject(text: String) {
    #expect(TimeSpan(parsing: text) == nil)
  }

  @Test("Written back in the largest exact unit")
  func describe() {
    #expect(TimeSpan(hours: 336).description == "2w")
    #expect(TimeSpan(hours: 84).description == "3.5d")
    #expect(TimeSpan(hours: 50.4).description == "2.1d")
    #expect(TimeSpan(hours: 5).description == "5h")
    #expect(TimeSpan(hours: 0.5).description == "30m")
    for text in ["2w", "3.5d", "2.1d", "5h", "30m", "90m"] {
      let span = TimeSpan(parsing: text)!
      #expect(TimeSpan(parsing: span.description) == span)
    }
  }
}
