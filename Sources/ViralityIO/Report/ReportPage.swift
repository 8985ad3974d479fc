// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A results folder as one self-contained HTML page: the scenario's notes, the sections
/// the folder supports, their charts drawn by Vega (inlined), and the animation when the
/// folder traced a small graph. It loads nothing: it works offline and from disk.
public enum Report {
  /// The page for the results in `folder`.
  public static func html(folder: String) throws(OutputError) -> String {
    let input = try ReportInput(folder: folder)
    let sections = ReportSections(input: input).all
    let animation = try SpreadAnimation(input: input)
    return page(input: input, sections: sections, animation: animation, vega: try VegaLibrary.scripts())
  }

  /// The page's file name in a results folder.
  public static let file = "report.html"

  /// Whether a report can be made here (the Vega it inlines is installed): checked before a
  /// run that will end with one, so a missing package costs no work.
  public static func checkLibrary() throws(OutputError) { _ = try VegaLibrary.scripts() }

  /// Writes the report of `folder` to `path`, replacing only a report Viral wrote there
  /// before: a scenario file, a folder, a link or a device at `path` is left as it is and the
  /// command refused, before the page is made.
  public static func write(folder: String, to path: String) throws(OutputError) {
    try checkReplaceable(path)
    let html = try html(folder: folder)
    do { try Data(html.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
      throw OutputError(path: path, "cannot write the report: \(error.localizedDescription)")
    }
  }

  /// Nothing at `path`, or a regular file that is a page this function's `page` made.
  static func checkReplaceable(_ path: String) throws(OutputError) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    let head =
      (info.st_mode & S_IFMT) == S_IFREG
      ? FileHandle(forReadingAtPath: path).map { handle in
        defer { try? handle.close() }
        return String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
      } : nil
    guard let head, head.hasPrefix("<!doctype html>"), head.contains(" — Viral report</title>") else {
      throw OutputError(
        path: path, "is there and is not a report Viral wrote; Viral replaces only its own reports: give --out a new file",
        refusal: true)
    }
  }

  /// Writes the report of the results staged in `staging` (tables and manifest) beside them.
  public static func stage(in staging: ResultStaging) throws(OutputError) {
    try staging.write(file, try html(folder: staging.folder.path))
  }

  static func page(input: ReportInput, sections: [ReportSection], animation: SpreadAnimation?, vega: String) -> String {
    let e = ReportSections.escape
    var body = "<header><h1>\(e(input.name))</h1>"
    if let title = (input.manifest["notes"] as? [String: Any])?["title"] as? String {
      body += "<p class=\"lead\">\(e(title))</p>"
    }
    let command = (input.manifest["command"] as? [String])?.joined(separator: " ") ?? ""
    let finished = input.manifest["finished_at"] as? String ?? ""
    body +=
      "<p class=\"meta\">Viral \(e(input.manifest["viral_version"] as? String ?? "")) · <code>\(e(command))</code> · \(e(finished))</p></header>"
    body += notes(input)
    var chartCount = 0
    for section in sections {
      body += "<section><h2>\(e(section.title))</h2>\(section.html)"
      if !section.cards.isEmpty {
        body += "<div class=\"cards\">"
        for card in section.cards {
          body +=
            "<div class=\"card\"><div class=\"label\">\(e(card.label))</div><div class=\"value\">\(e(card.value))</div><div class=\"detail\">\(e(card.detail))</div></div>"
        }
        body += "</div>"
      }
      for chart in section.charts {
        body +=
          "<figure><figcaption><b>\(e(chart.title)).</b> \(e(chart.caption))</figcaption><div class=\"chart\" id=\"chart-\(chartCount)\"></div><script type=\"application/json\" class=\"spec\" data-target=\"chart-\(chartCount)\">\(chart.spec.text)</script></figure>"
        chartCount += 1
      }
      body += "</section>"
    }
    if let animation { body += animation.html }
    return """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(e(input.name)) — Viral report</title>
      <style>\(style)</style>
      <script>\(errorTrap)</script>
      \(vega)
      </head><body>
      \(body)
      <footer>Made by Viral from the results of \(e(input.name)). Charts: Vega 5 (BSD-3-Clause), inlined.</footer>
      <pre id="viral-check" hidden></pre>
      \(animation?.script ?? "")
      <script>\(runtime)</script>
      </body></html>

      """
  }

  /// The scenario's notes (WHAT IT SHOWS, THINGS TO TRY, ...), from the manifest.
  static func notes(_ input: ReportInput) -> String {
    guard let notes = input.manifest["notes"] as? [String: Any], let parts = notes["sections"] as? [[String: Any]], !parts.isEmpty
    else { return "" }
    var html = "<section class=\"notes\"><h2>About this scenario</h2>"
    for part in parts {
      let heading = (part["heading"] as? String ?? "").capitalized
      let text = part["text"] as? String ?? ""
      html +=
        "<details\(heading.lowercased().hasPrefix("what") ? " open" : "")><summary>\(ReportSections.escape(heading))</summary><pre>\(ReportSections.escape(text))</pre></details>"
    }
    return html + "</section>"
  }

  static let style = """
    body{font:17px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:1em 2em;color:#222}
    h1{font-size:2.1em;margin:.2em 0}h2{font-size:1.5em;border-bottom:2px solid #4c78a8;padding-bottom:.15em;margin-top:1.6em}
    .lead{font-size:1.2em}.meta{color:#666;font-size:.85em}code{font-size:.9em;background:#f3f3f3;padding:0 .2em}
    .cards{display:flex;flex-wrap:wrap;gap:1em}.card{border:1px solid #ddd;border-radius:8px;padding:.7em 1em;min-width:12em}
    .card .label{color:#555;text-transform:uppercase;font-size:.8em;letter-spacing:.05em}.card .value{font-size:2em;font-weight:600}
    .card .detail{color:#555;font-size:.85em}figure{margin:1.2em 0}figcaption{margin-bottom:.4em}
    table.figures{border-collapse:collapse}table.figures td,table.figures th{border-bottom:1px solid #ddd;padding:.3em .8em;text-align:left}
    details pre{white-space:pre-wrap;background:#fafafa;padding:.6em;border-left:3px solid #4c78a8}
    .facts{columns:3}footer{margin-top:3em;color:#777;font-size:.8em}
    .player{border:1px solid #ddd;border-radius:8px;padding:1em}.player canvas{width:100%;max-width:900px;background:#fff}
    .controls{display:flex;flex-wrap:wrap;gap:.6em;align-items:center;margin:.5em 0}.controls button{font-size:1em;padding:.3em .8em}
    .legend span{display:inline-block;margin-right:1em}.legend i{display:inline-block;width:.9em;height:.9em;border-radius:50%;margin-right:.3em;vertical-align:-.1em}
    """

  /// Collects every JavaScript error, for the page's own check and for tests.
  static let errorTrap = """
    window.viralErrors = [];
    window.addEventListener("error", function (e) { viralErrors.push(String(e.message || e)); });
    window.addEventListener("unhandledrejection", function (e) { viralErrors.push(String(e.reason)); });
    """

  /// Draws every chart (SVG), then checks each: its data sets are not empty and every axis
  /// has a title. The outcome goes to `#viral-check` as JSON (a browser test reads it).
  static let runtime = """
    (function () {
      var checks = [];
      var pending = Array.prototype.map.call(document.querySelectorAll("script.spec"), function (node) {
        var spec = JSON.parse(node.textContent);
        var target = document.getElementById(node.dataset.target);
        var view = new vega.View(vega.parse(spec), { renderer: "svg", container: target, hover: true });
        return view.runAsync().then(function () {
          var problems = [];
          (spec.data || []).forEach(function (d) {
            if (d.values && view.data(d.name).length === 0) problems.push("no data in " + d.name);
          });
          var titled = target.querySelectorAll(".role-axis-title text");
          var named = 0;
          titled.forEach(function (t) { if (t.textContent.trim() !== "") named += 1; });
          if (named < (spec.axes || []).length) problems.push("an axis has no label");
          if (target.querySelectorAll("path, rect, line").length === 0) problems.push("nothing drawn");
          checks.push({ chart: node.dataset.target, problems: problems });
        }).catch(function (error) { viralErrors.push(String(error)); });
      });
      Promise.all(pending).then(function () {
        var out = document.getElementById("viral-check");
        out.textContent = JSON.stringify({ charts: checks, errors: window.viralErrors,
          animation: window.viralAnimation ? window.viralAnimation.check() : null });
        document.body.dataset.viralReady = "1";
      });
    })();
    """
}
