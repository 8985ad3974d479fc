// SPDX-License-Identifier: GPL-3.0-or-later

/// The spread of traced runs on a small graph, drawn frame by frame on a canvas: agents
/// coloured as they hear, take part, adopt (donate, buy) or stop, with an arrow from each
/// agent to everyone it reached. One frame per recorded time step (the run's rows of
/// timeseries.csv). With several sweep points the "what if" slider switches between their
/// runs, all computed in advance.
struct SpreadAnimation {
  struct Run {
    let label: String
    let replicate: String
    let frames: Int
    let data: JSONValue
  }

  let runs: [Run]
  let binHours: Double
  let whatIf: String?

  /// nil when the folder has no drawable graph (layout.csv) with a trace.
  init?(input: ReportInput) throws(OutputError) {
    guard let layout = input.tables["layout.csv"]?.records, !layout.isEmpty,
      let cascades = input.tables["cascades.csv"]?.records, !cascades.isEmpty,
      let series = input.tables["timeseries.csv"]?.records, series.count >= 2
    else { return nil }
    let edges = input.tables["edges.csv"]?.records ?? []
    let keys = input.sweepColumns
    let variant = cascades[0]["variant"]
    let times = Set(series.compactMap { $0["time_h"].flatMap(Double.init) }).sorted()
    binHours = times.count >= 2 ? times[1] - times[0] : 24
    whatIf = keys.isEmpty ? nil : keys.joined(separator: ", ")
    var runs: [Run] = []
    let points = Dictionary(grouping: layout) { $0["sweep_point"] ?? "" }
    for point in points.keys.sorted(by: { (Int($0) ?? 0) < (Int($1) ?? 0) }) {
      let placed = points[point]!
      let realization = placed[0]["graph_realization"]
      let traced = cascades.filter {
        ($0["sweep_point"] ?? "") == point && $0["variant"] == variant && $0["graph_realization"] == realization
      }
      guard let replicate = traced.first?["replicate"] else { continue }
      let rows = traced.filter { $0["replicate"] == replicate }
      var index: [String: Int] = [:]
      var x: [JSONValue] = []
      var y: [JSONValue] = []
      for row in placed where row["graph_realization"] == realization {
        index[row["agent"] ?? ""] = x.count
        x.append(.of(row["x"].flatMap(Double.init)))
        y.append(.of(row["y"].flatMap(Double.init)))
      }
      var links: [JSONValue] = []
      for edge in edges where (edge["sweep_point"] ?? "") == point && edge["graph_realization"] == realization {
        if let a = index[edge["source"] ?? ""], let b = index[edge["target"] ?? ""] {
          links += [.number(Double(a)), .number(Double(b))]
        }
      }
      let n = x.count
      var aware = [JSONValue](repeating: .null, count: n)
      var reached = aware
      var adopted = aware
      var stopped = aware
      var parent = aware
      var nominated = [JSONValue](repeating: false, count: n)
      for row in rows {
        guard let i = index[row["agent"] ?? ""] else { continue }
        aware[i] = .of(row["aware_h"].flatMap(Double.init))
        reached[i] = .of(row["time_h"].flatMap(Double.init))
        adopted[i] = .of(row["adopted_h"].flatMap(Double.init))
        stopped[i] = .of(row["stopped_h"].flatMap(Double.init))
        if let p = row["parent"].flatMap({ index[$0] }) { parent[i] = .number(Double(p)) }
        nominated[i] = .bool(row["how"] == "nominated")
      }
      let frames = series.filter {
        ($0["sweep_point"] ?? "") == point && $0["variant"] == variant && $0["replicate"] == replicate
      }.count
      guard frames > 0 else { continue }
      let label = keys.isEmpty ? "" : keys.map { "\($0) = \(placed[0][$0] ?? "")" }.joined(separator: ", ")
      runs.append(
        Run(
          label: label, replicate: replicate, frames: frames,
          data: [
            "label": .string(label), "replicate": .string(replicate), "frames": .number(Double(frames)), "x": .array(x),
            "y": .array(y), "edges": .array(links), "aware": .array(aware), "reached": .array(reached),
            "adopted": .array(adopted), "stopped": .array(stopped), "parent": .array(parent),
            "nominated": .array(nominated),
          ]))
    }
    guard !runs.isEmpty else { return nil }
    self.runs = runs
  }

  var html: String {
    let e = ReportSections.escape
    var text = "<section><h2>Watch it spread</h2><div class=\"player\" id=\"player\">"
    text +=
      "<p>Replicate \(e(runs[0].replicate)) on the graph as Viral laid it out (Fruchterman & Reingold 1991). Arrows run from each agent to those it reached.</p>"
    text +=
      "<div class=\"legend\"><span><i style=\"background:#d0d0d0\"></i>not reached</span><span><i style=\"background:#72b7f2\"></i>heard</span><span><i style=\"background:#f58518\"></i>took part</span><span><i style=\"background:#2ca02c\"></i>adopted / donated</span><span><i style=\"background:#555\"></i>stopped</span></div>"
    text +=
      "<div class=\"controls\"><button id=\"play\">Play</button><button id=\"back\" title=\"one step back\">◀ step</button><button id=\"forward\" title=\"one step forward\">step ▶</button>"
    text +=
      "<label>speed <select id=\"speed\"><option value=\"0.5\">0.5×</option><option value=\"1\" selected>1×</option><option value=\"2\">2×</option><option value=\"4\">4×</option></select></label>"
    text +=
      "<label>time <input type=\"range\" id=\"time\" min=\"0\" max=\"\(runs[0].frames - 1)\" value=\"0\" step=\"1\"></label><span id=\"clock\"></span></div>"
    if runs.count > 1, let whatIf {
      text +=
        "<div class=\"controls\"><label><b>What if</b> \(e(whatIf)): <input type=\"range\" id=\"whatif\" min=\"0\" max=\"\(runs.count - 1)\" value=\"0\" step=\"1\"></label><span id=\"whatif-value\"></span></div>"
    }
    text += "<canvas id=\"network\" width=\"900\" height=\"620\"></canvas><p id=\"counts\"></p></div></section>"
    return text
  }

  var script: String {
    let data: JSONValue = ["bin": .number(binHours), "runs": .array(runs.map(\.data))]
    return "<script type=\"application/json\" id=\"animation-data\">\(data.text)</script><script>\(Self.player)</script>"
  }

  static let player = """
    (function () {
      var data = JSON.parse(document.getElementById("animation-data").textContent);
      var canvas = document.getElementById("network"), ctx = canvas.getContext("2d");
      var time = document.getElementById("time"), whatif = document.getElementById("whatif");
      var playing = null, run = data.runs[0];
      function at(value, t) { return value !== null && value <= t; }
      function draw() {
        var frame = +time.value, t = (frame + 1) * data.bin, W = canvas.width, H = canvas.height, pad = 16;
        var px = function (i) { return pad + run.x[i] * (W - 2 * pad); }, py = function (i) { return pad + run.y[i] * (H - 2 * pad); };
        ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, W, H);
        ctx.strokeStyle = "rgba(0,0,0,0.07)"; ctx.lineWidth = 1; ctx.beginPath();
        for (var e = 0; e < run.edges.length; e += 2) { ctx.moveTo(px(run.edges[e]), py(run.edges[e])); ctx.lineTo(px(run.edges[e + 1]), py(run.edges[e + 1])); }
        ctx.stroke();
        var counts = { heard: 0, part: 0, adopted: 0, stopped: 0 };
        for (var i = 0; i < run.x.length; i++) {
          var p = run.parent[i];
          if (p !== null && at(run.reached[i], t)) {
            var x0 = px(p), y0 = py(p), x1 = px(i), y1 = py(i), a = Math.atan2(y1 - y0, x1 - x0);
            ctx.strokeStyle = run.nominated[i] ? "#d62728" : "#4c78a8"; ctx.lineWidth = 1.4;
            ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1, y1);
            ctx.lineTo(x1 - 7 * Math.cos(a - 0.4), y1 - 7 * Math.sin(a - 0.4)); ctx.moveTo(x1, y1);
            ctx.lineTo(x1 - 7 * Math.cos(a + 0.4), y1 - 7 * Math.sin(a + 0.4)); ctx.stroke();
          }
        }
        for (var j = 0; j < run.x.length; j++) {
          var colour = "#d0d0d0";
          if (at(run.stopped[j], t)) { colour = "#555"; counts.stopped++; }
          else if (at(run.adopted[j], t)) { colour = "#2ca02c"; counts.adopted++; }
          else if (at(run.reached[j], t)) { colour = "#f58518"; counts.part++; }
          else if (at(run.aware[j], t)) { colour = "#72b7f2"; counts.heard++; }
          ctx.fillStyle = colour; ctx.beginPath(); ctx.arc(px(j), py(j), run.x.length > 2000 ? 2.2 : 3.6, 0, 2 * Math.PI); ctx.fill();
        }
        var days = data.bin >= 24;
        document.getElementById("clock").textContent = (days ? "day " + ((frame + 1) * data.bin / 24) : "hour " + ((frame + 1) * data.bin)) + " (step " + (frame + 1) + " of " + run.frames + ")";
        document.getElementById("counts").textContent = "Heard only: " + counts.heard + " · took part: " + counts.part + " · adopted: " + counts.adopted + " · stopped: " + counts.stopped;
      }
      function choose(k) {
        run = data.runs[k]; time.max = run.frames - 1; if (+time.value > run.frames - 1) time.value = run.frames - 1;
        var label = document.getElementById("whatif-value"); if (label) label.textContent = run.label;
        draw();
      }
      function stop() { if (playing) { clearInterval(playing); playing = null; document.getElementById("play").textContent = "Play"; } }
      document.getElementById("play").addEventListener("click", function () {
        if (playing) { stop(); return; }
        if (+time.value >= run.frames - 1) time.value = 0;
        document.getElementById("play").textContent = "Pause";
        playing = setInterval(function () {
          if (+time.value >= run.frames - 1) { stop(); return; }
          time.value = +time.value + 1; draw();
        }, 400 / +document.getElementById("speed").value);
      });
      document.getElementById("speed").addEventListener("change", function () { if (playing) { stop(); document.getElementById("play").click(); } });
      document.getElementById("back").addEventListener("click", function () { stop(); time.value = Math.max(0, +time.value - 1); draw(); });
      document.getElementById("forward").addEventListener("click", function () { stop(); time.value = Math.min(run.frames - 1, +time.value + 1); draw(); });
      time.addEventListener("input", function () { stop(); draw(); });
      if (whatif) whatif.addEventListener("input", function () { choose(+whatif.value); });
      choose(0);
      function picture() { var d = ctx.getImageData(0, 0, canvas.width, canvas.height).data, h = 0; for (var i = 0; i < d.length; i += 4) h = (h * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) % 1000000007; return h; }
      window.viralAnimation = {
        check: function () {
          var result = { frames: run.frames, sliderSteps: +time.max + 1, runs: data.runs.length, frameCounts: data.runs.map(function (r) { return r.frames; }) };
          time.value = time.max; draw(); result.lastFrameChanges = picture();
          time.value = 0; draw(); result.lastFrameChanges = result.lastFrameChanges !== picture();
          if (whatif && data.runs.length > 1) {
            time.value = 0; whatif.value = 0; whatif.dispatchEvent(new Event("input")); time.value = time.max; draw();
            var before = picture();
            whatif.value = whatif.max; whatif.dispatchEvent(new Event("input")); time.value = time.max; draw();
            result.whatIfChanges = before !== picture();
            whatif.value = 0; whatif.dispatchEvent(new Event("input"));
          }
          time.value = 0; draw();
          return result;
        }
      };
    })();
    """
}
