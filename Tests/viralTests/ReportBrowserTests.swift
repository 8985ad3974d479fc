// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// Chromium, when it is installed.
let headlessBrowser: URL? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
  .first { FileManager.default.isExecutableFile(atPath: $0) }.map(URL.init(fileURLWithPath:))

/// Reports in a real browser: headless Chromium loads each demo's report and a report of
/// each example in Results/ from disk, takes a screenshot, and the page's own check (drawn
/// after every chart has rendered) must find no JavaScript error, no chart without data and
/// no axis without a label. Runs when Chromium is installed (`make test` installs it).
@Suite("reports in a browser", .enabled(if: headlessBrowser != nil, "needs Chromium"))
struct ReportBrowserTests {
  typealias CLI = CommandLineTests

  static var browser: URL? { headlessBrowser }

  static let demos = ["six-degrees", "ice-bucket-class", "influencer-vs-word-of-mouth", "rumour", "complex-contagion"]

  /// The page's check after loading `page` (and a screenshot in `screenshot`).
  static func check(_ page: URL, screenshot: URL) throws -> [String: Any] {
    let common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=30000"]
    let dom = try CLI.run(common + ["--dump-dom", page.absoluteString], program: browser!)
    let shot = try CLI.run(
      common + ["--window-size=1200,3000", "--screenshot=\(screenshot.path)", page.absoluteString], program: browser!)
    #expect(shot.status == 0 && FileManager.default.fileExists(atPath: screenshot.path), "no screenshot of \(page.path)")
    let html = dom.stdout
    guard let start = html.range(of: "<pre id=\"viral-check\" hidden=\"\">"),
      let end = html.range(of: "</pre>", range: start.upperBound..<html.endIndex)
    else {
      Issue.record("\(page.lastPathComponent): the page never finished drawing")
      return [:]
    }
    let text = html[start.upperBound..<end.lowerBound].replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(
        of: "&gt;", with: ">")
    let check = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect((check["errors"] as? [String]) == [], "JavaScript errors in \(page.lastPathComponent): \(check["errors"] ?? "")")
    let charts = check["charts"] as? [[String: Any]] ?? []
    #expect(!charts.isEmpty, "\(page.lastPathComponent) has no chart")
    for chart in charts {
      #expect(
        (chart["problems"] as? [String]) == [], "\(page.lastPathComponent), \(chart["chart"] ?? ""): \(chart["problems"] ?? "")")
    }
    return check
  }

  @Test(
    "Every demo's report draws, its animation has a frame per recorded time step, and the what-if slider changes the picture",
    arguments: demos)
  func demo(name: String) throws {
    let folder = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(["demo", name, "--out", folder.appendingPathComponent("results").path])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let results = folder.appendingPathComponent("results")
    #expect(outcome.stdout.contains("Report: \(results.path)/report.html"))
    let check = try Self.check(
      results.appendingPathComponent("report.html"), screenshot: folder.appendingPathComponent("\(name).png"))
    let animation = try #require(check["animation"] as? [String: Any], "\(name): no animation")
    // Frames: the traced run's rows of timeseries.csv at each sweep point.
    let cascades = try CompareCommandTests.rows(results.appendingPathComponent("cascades.csv"))
    let series = try CompareCommandTests.rows(results.appendingPathComponent("timeseries.csv"))
    var expected: [Int] = []
    for point in Set(cascades.map { $0["sweep_point"]! }).sorted(by: { Int($0)! < Int($1)! }) {
      let first = cascades.first { $0["sweep_point"] == point }!
      expected.append(
        series.filter { $0["sweep_point"] == point && $0["variant"] == first["variant"] && $0["replicate"] == first["replicate"] }
          .count)
    }
    #expect(animation["frameCounts"] as? [Int] == expected)
    #expect(animation["sliderSteps"] as? Int == expected.first)
    #expect(animation["lastFrameChanges"] as? Bool == true)
    #expect(animation["whatIfChanges"] as? Bool == true)
  }

  @Test("A report of each example in Results/ draws without errors")
  func examples() throws {
    let folder = CLI.temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let examples = try FileManager.default.contentsOfDirectory(atPath: CLI.repository.appendingPathComponent("Results").path)
      .filter {
        FileManager.default.fileExists(atPath: CLI.repository.appendingPathComponent("Results/\($0)/manifest.json").path)
      }
      .sorted()
    #expect(examples.count >= 10)
    for example in examples {
      let page = folder.appendingPathComponent("\(example).html")
      let outcome = try CLI.run(["report", "Results/\(example)", "--out", page.path])
      #expect(outcome.status == 0, "\(example): \(outcome.stderr)")
      _ = try Self.check(page, screenshot: folder.appendingPathComponent("\(example).png"))
    }
  }

  @Test("The ice-bucket report states the simulated figures with their intervals beside the published ones")
  func published() throws {
    let page = CLI.temporaryFolder().appendingPathExtension("html")
    defer { try? FileManager.default.removeItem(at: page) }
    let outcome = try CLI.run(["report", "Results/ice-bucket-2014", "--out", page.path])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let html = try String(contentsOf: page, encoding: .utf8)
    #expect(html.contains("Simulated beside published"))
    #expect(html.contains("1.43 (1.23–1.65)"), "the published first-week R with its interval")
    #expect(html.contains("95% interval"))
  }
}
