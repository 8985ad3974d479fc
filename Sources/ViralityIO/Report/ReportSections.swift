// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// A part of a report: a heading, some text (HTML), summary cards and charts.
struct ReportSection {
  var title: String
  var html = ""
  var cards: [Card] = []
  var charts: [Chart] = []

  /// A headline number with its interval.
  struct Card {
    let label: String
    let value: String
    let detail: String
  }
}

/// The sections a results folder supports, each only when the folder has its data.
struct ReportSections {
  let input: ReportInput

  /// The metric a chart ranks by: participants for a challenge, else adopters.
  /// Whether the scenario names a target segment: then the target's figures lead.
  var hasTarget: Bool {
    guard let population = input.scenario["population"] as? [String: Any], let target = population["target"] as? [String: Any]
    else { return false }
    return !target.isEmpty
  }

  var primaryMetric: (name: String, label: String) {
    // Metrics the first group's model defines (a sweep over models leaves the others empty).
    let means = Dictionary(
      firstGroup("summary.csv").compactMap { row in Double(row["mean"] ?? "").map { (row["metric"] ?? "", $0) } },
      uniquingKeysWith: { a, _ in a })
    if means["participants"] != nil { return ("participants", "participants (agents)") }
    if hasTarget, (means["adopted"] ?? 0) > 0 { return ("target_adopted", "adopters in the target (agents)") }
    // Adopters where the model has them (buyers, converts), else everyone it reached.
    return (means["adopted"] ?? 0) > 0 ? ("adopted", "adopters (agents)") : ("reached", "agents reached")
  }

  /// The rows of `table` for the first sweep point (and, with `variant`, that variant).
  func firstGroup(_ table: String, variant: String? = nil) -> [[String: String]] {
    guard let rows = input.tables[table]?.records, let first = rows.first else { return [] }
    let point = first["sweep_point"]
    let chosen = variant ?? first["variant"]
    return rows.filter { $0["sweep_point"] == point && (chosen == nil || $0["variant"] == nil || $0["variant"] == chosen) }
  }

  var all: [ReportSection] {
    [summary, published, timeSeries, cascade, comparison, sweep, sensitivity, split, graph].compactMap { $0 }
  }

  // MARK: Summary cards

  var summary: ReportSection? {
    let rows = firstGroup("summary.csv")
    guard !rows.isEmpty else { return nil }
    let byMetric = Dictionary(rows.map { ($0["metric"] ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    let nodes = input.tables["graph.csv"]?.records.first?["nodes"].flatMap(Double.init)
    var cards: [ReportSection.Card] = []
    let targeted: [(String, String, String)] =
      hasTarget
      ? [
        ("target_adopted", "target adopters", "agents"), ("cost_per_target_adopter", "cost per target adopter", "$"),
        ("target_roi", "ROI on the target", ""),
      ] : []
    let candidates: [(String, String, String)] =
      targeted + [
        ("reached", "reach", "agents"), ("participants", "participants", "agents"), ("aware", "aware", "agents"),
        ("donors", "donors", "agents"), ("adopted", "adopters", "agents"), ("money", "money raised", "$"),
        ("cost_per_adopter", "cost per adopter", "$"),
      ]
    for (metric, label, unit) in candidates {
      guard let row = byMetric[metric], let mean = row["mean"].flatMap(Double.init) else { continue }
      // A challenge's adopters are its donors; a campaign whose seeds cost nothing has no cost.
      if (metric == "adopted" && byMetric["donors"] != nil)
        || (metric.hasPrefix("cost_per") && mean == 0) || (metric == "target_adopted" && byMetric["donors"] != nil)
      {
        continue
      }
      var detail = Self.interval(row, unit: unit)
      if unit == "agents", let nodes, nodes > 0 {
        detail += " · \(Self.number(100 * mean / nodes, digits: 3))% of \(Self.number(nodes))"
      }
      cards.append(ReportSection.Card(label: label, value: Self.amount(mean, unit: unit), detail: detail))
    }
    guard !cards.isEmpty else { return nil }
    let runs = rows.first?["n"] ?? "?"
    let variant = rows.first?["variant"] ?? ""
    let scope =
      input.sweepColumns.isEmpty
      ? ""
      : " at the first sweep point (\(input.sweepColumns.map { "\($0) = \(rows.first?[$0] ?? "")" }.joined(separator: ", ")))"
    return ReportSection(
      title: "Summary",
      html:
        "<p>Means over \(runs) runs of variant <b>\(Self.escape(variant))</b>\(Self.escape(scope)), with 95% bootstrap intervals of the mean.</p>",
      cards: cards)
  }

  // MARK: Published figures

  var published: ReportSection? {
    guard let figures = input.scenario["published"] as? [[String: Any]], !figures.isEmpty else { return nil }
    let byMetric = Dictionary(firstGroup("summary.csv").map { ($0["metric"] ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    var html =
      "<table class=\"figures\"><thead><tr><th>figure</th><th>simulated (95% interval)</th><th>published</th><th>source</th></tr></thead><tbody>"
    var ranked: [Charts.Ranked] = []
    for figure in figures {
      let metric = figure["metric"] as? String ?? ""
      let label = figure["label"] as? String ?? metric
      let row = byMetric[metric]
      let mean = row?["mean"].flatMap(Double.init)
      let simulated = mean.map { "\(Self.number($0)) \(Self.interval(row!, unit: ""))" } ?? "not in these results"
      let value = figure["value"] as? Double
      let low = figure["low"] as? Double
      let high = figure["high"] as? Double
      var text = value.map { Self.number($0) } ?? ""
      if let low, let high { text += " (\(Self.number(low))–\(Self.number(high)))" }
      html +=
        "<tr><td>\(Self.escape(label))</td><td>\(Self.escape(simulated))</td><td>\(Self.escape(text))</td><td>\(Self.escape(figure["source"] as? String ?? ""))</td></tr>"
      if let mean, let value, value != 0 {
        ranked.append(
          Charts.Ranked(
            label: label, group: "simulated", value: mean / value, low: row?["ci95_low"].flatMap(Double.init).map { $0 / value },
            high: row?["ci95_high"].flatMap(Double.init).map { $0 / value }))
        ranked.append(
          Charts.Ranked(label: label, group: "published", value: 1, low: low.map { $0 / value }, high: high.map { $0 / value }))
      }
    }
    html += "</tbody></table>"
    var section = ReportSection(title: "Simulated beside published", html: html)
    if !ranked.isEmpty {
      section.charts.append(
        Chart(
          title: "Each figure relative to its published value",
          caption: "1 is the published value; bars are 95% intervals (simulated: bootstrap of the mean; published: as reported).",
          spec: Charts.ranked(ranked, value: "ratio to the published value", label: "figure")))
    }
    return section
  }

  // MARK: Time series

  var timeSeries: ReportSection? {
    let rows = firstGroup("timeseries.csv")
    guard !rows.isEmpty else { return nil }
    var byReplicate: [String: [(time: Double, values: [String: Double])]] = [:]
    let states = ["aware", "engaged", "adopted", "stopped"]
    for row in rows {
      guard let time = row["time_h"].flatMap(Double.init) else { continue }
      var values: [String: Double] = [:]
      for state in states {
        values["\(state)_new"] = row["\(state)_new"].flatMap(Double.init)
        values["\(state)_total"] = row["\(state)_total"].flatMap(Double.init)
      }
      byReplicate[row["replicate"] ?? "", default: []].append((time, values))
    }
    let times = Set(rows.compactMap { $0["time_h"].flatMap(Double.init) }).sorted()
    guard times.count >= 2 else { return nil }
    let days = (times.last ?? 0) > 72
    let scale = days ? 24.0 : 1.0
    let unit = days ? "days" : "hours"
    func series(_ suffix: String) -> [Charts.Series] {
      states.compactMap { state in
        let key = "\(state)_\(suffix)"
        var points: [Charts.Point] = []
        for time in times {
          // A run's rows stop at its last event: later bins add nothing, totals stay.
          var values = byReplicate.values.map { runRows -> Double in
            if let row = runRows.first(where: { $0.time == time }) { return row.values[key] ?? 0 }
            if suffix == "new" { return 0 }
            return runRows.last(where: { $0.time < time })?.values[key] ?? 0
          }
          let (median, low, high) = (
            BootstrapInterval.quantile(&values, 0.5), BootstrapInterval.quantile(&values, 0.05),
            BootstrapInterval.quantile(&values, 0.95)
          )
          points.append(Charts.Point(x: time / scale, y: median, low: low, high: high))
        }
        guard points.contains(where: { $0.y > 0 || ($0.high ?? 0) > 0 }) else { return nil }
        return Charts.Series(name: state == "engaged" ? "engaged (took part)" : state, points: points)
      }
    }
    let binWidth = times[1] - times[0]
    let bin = binWidth == 24 ? "day" : binWidth == 1 ? "hour" : "\(Self.number(binWidth)) h bin"
    let new = series("new")
    let total = series("total")
    guard !new.isEmpty else { return nil }
    return ReportSection(
      title: "Over time",
      html:
        "<p>The median over \(byReplicate.count) runs, with the band holding the middle 90% of runs (5th to 95th percentile), per \(bin).</p>",
      charts: [
        Chart(
          title: "New agents per \(bin)", caption: "Agents reaching each milestone in each \(bin).",
          spec: Charts.lines(new, x: "time (\(unit))", y: "new agents per \(bin)")),
        Chart(
          title: "Cumulative agents", caption: "Agents who have reached each milestone so far.",
          spec: Charts.lines(total, x: "time (\(unit))", y: "agents so far")),
      ])
  }

  // MARK: Cascade tree

  /// The most agents a drawn tree shows: the first ones reached (parents come first).
  static let treeLimit = 1500

  var cascade: ReportSection? {
    let rows = firstGroup("cascades.csv").filter { !($0["generation"] ?? "").isEmpty }
    guard let replicate = rows.first?["replicate"] else { return nil }
    let tree = rows.filter { $0["replicate"] == replicate }
    var ids: [String: Int] = [:]
    var nodes: [Charts.TreeNode] = []
    var depth = 0
    for row in tree.prefix(Self.treeLimit) {
      let agent = row["agent"] ?? ""
      ids[agent] = nodes.count
      let generation = Int(row["generation"] ?? "") ?? 0
      depth = max(depth, generation)
      nodes.append(
        Charts.TreeNode(id: nodes.count, parent: (row["parent"]).flatMap { ids[$0] }, label: agent, route: row["how"] ?? ""))
    }
    let run = firstGroup("runs.csv").first { $0["replicate"] == replicate } ?? [:]
    func metric(_ name: String) -> String { run[name].flatMap(Double.init).map { Self.number($0) } ?? "?" }
    let shown =
      tree.count > Self.treeLimit
      ? "the first \(Self.treeLimit.formatted()) of its \(tree.count.formatted()) agents, in the order they were reached"
      : "all \(tree.count.formatted()) agents"
    return ReportSection(
      title: "The cascade of a typical run",
      html:
        "<p>Replicate \(Self.escape(replicate)) (traced by <code>--trace</code>): \(shown). Depth \(metric("depth")) generations, largest generation \(metric("max_breadth")) agents, structural virality \(metric("structural_virality")) (mean distance between agents of a tree; Goel et al. 2016).</p>",
      charts: [
        Chart(
          title: "Who reached whom", caption: "Each dot is an agent, linked to the agent that reached it; seeds at generation 0.",
          spec: Charts.tree(nodes, depth: depth))
      ])
  }

  // MARK: Comparison

  var comparison: ReportSection? {
    guard let rows = input.tables["compare.csv"]?.records else { return nil }
    let metric = primaryMetric
    let point = rows.first?["sweep_point"]
    var ranked = rows.filter { $0["metric"] == metric.name && $0["sweep_point"] == point }.compactMap { row -> Charts.Ranked? in
      guard let mean = row["mean"].flatMap(Double.init) else { return nil }
      return Charts.Ranked(
        label: row["variant"] ?? "", group: metric.name, value: mean, low: row["ci95_low"].flatMap(Double.init),
        high: row["ci95_high"].flatMap(Double.init))
    }
    guard ranked.count >= 1 else { return nil }
    ranked.sort { $0.value > $1.value }
    var charts = [
      Chart(
        title: "Seeding variants ranked by \(metric.name)",
        caption: "Mean over the same runs for every variant (common random numbers), with 95% bootstrap intervals.",
        spec: Charts.ranked(ranked, value: metric.label, label: "variant"))
    ]
    let costMetric = hasTarget ? "cost_per_target_adopter" : "cost_per_adopter"
    let costLabel = hasTarget ? "cost per target adopter" : "cost per adopter"
    let costs = rows.filter { $0["metric"] == costMetric && $0["sweep_point"] == point }.compactMap {
      row -> Charts.Ranked? in
      guard let mean = row["mean"].flatMap(Double.init) else { return nil }
      return Charts.Ranked(
        label: row["variant"] ?? "", group: costLabel, value: mean, low: row["ci95_low"].flatMap(Double.init),
        high: row["ci95_high"].flatMap(Double.init))
    }.sorted { $0.value < $1.value }
    if costs.count >= 2 {
      charts.append(
        Chart(
          title: costLabel.prefix(1).uppercased() + costLabel.dropFirst(),
          caption: "Seed cost divided by \(hasTarget ? "adopters in the target" : "adopters"), cheapest first.",
          spec: Charts.ranked(costs, value: "\(costLabel) ($)", label: "variant")))
    }
    let returns = rows.filter { $0["metric"] == (hasTarget ? "target_roi" : "roi") && $0["sweep_point"] == point }
      .compactMap { row -> Charts.Ranked? in
        guard let mean = row["mean"].flatMap(Double.init) else { return nil }
        return Charts.Ranked(
          label: row["variant"] ?? "", group: "return", value: mean, low: row["ci95_low"].flatMap(Double.init),
          high: row["ci95_high"].flatMap(Double.init))
      }.sorted { $0.value > $1.value }
    if returns.count >= 2 {
      charts.append(
        Chart(
          title: hasTarget ? "Return on the target" : "Return on investment",
          caption:
            "(value − seed cost) / seed cost\(hasTarget ? ", valuing adopters in the target only" : ""): 0 breaks even.",
          spec: Charts.ranked(returns, value: "ROI", label: "variant")))
    }
    return ReportSection(
      title: "Strategies compared",
      html: "<p>From compare.csv: every variant ran on the same graphs and random streams, so differences are paired.</p>",
      charts: charts)
  }

  // MARK: Sweep

  var sweep: ReportSection? {
    let keys = input.sweepColumns
    guard !keys.isEmpty else { return nil }
    // viral graph's sweeps have graphs only.
    let structure = keys.count == 1 ? smallWorld(key: keys[0]) : nil
    guard let rows = input.tables["summary.csv"]?.records else {
      return structure.map { ReportSection(title: "Across the sweep", charts: [$0]) }
    }
    let metric = primaryMetric
    let variant = rows.first?["variant"]
    let chosen = rows.filter { $0["metric"] == metric.name && $0["variant"] == variant }
    guard chosen.count >= 2 else { return structure.map { ReportSection(title: "Across the sweep", charts: [$0]) } }
    var charts: [Chart] = []
    let distinct = keys.map { key in Set(chosen.compactMap { $0[key] }) }
    let grid = keys.count == 2 && distinct[0].count * distinct[1].count == chosen.count
    if grid {
      let cells = chosen.compactMap { row -> (x: String, y: String, value: Double)? in
        guard let mean = row["mean"].flatMap(Double.init) else { return nil }
        return (row[keys[0]] ?? "", row[keys[1]] ?? "", mean)
      }
      charts.append(
        Chart(
          title: "\(metric.name) across \(keys[0]) and \(keys[1])", caption: "Mean per sweep point: a phase diagram.",
          spec: Charts.heatmap(cells, x: keys[0], y: keys[1], value: metric.label)))
    }
    for key in keys.prefix(grid ? 2 : 4) {
      // Per value of the key, the points' means (averaged over the other keys).
      var byValue: [Double: [(Double, Double?, Double?)]] = [:]
      for row in chosen {
        guard let x = row[key].flatMap(Double.init), let mean = row["mean"].flatMap(Double.init) else { continue }
        byValue[x, default: []].append((mean, row["ci95_low"].flatMap(Double.init), row["ci95_high"].flatMap(Double.init)))
      }
      guard byValue.count >= 2 else {
        // Values that are not numbers (a model, a strategy): one bar each, in sweep order.
        let bars = chosen.compactMap { row -> Charts.Ranked? in
          guard let mean = row["mean"].flatMap(Double.init) else { return nil }
          return Charts.Ranked(
            label: row[key] ?? "", group: metric.name, value: mean, low: row["ci95_low"].flatMap(Double.init),
            high: row["ci95_high"].flatMap(Double.init))
        }
        if keys.count == 1 && bars.count >= 2 {
          charts.append(
            Chart(
              title: "\(metric.name) for each \(key)", caption: "Mean per sweep point with its 95% bootstrap interval.",
              spec: Charts.ranked(bars, value: metric.label, label: key)))
        }
        continue
      }
      let single = keys.count == 1
      let points = byValue.keys.sorted().map { x -> Charts.Point in
        let values = byValue[x]!
        let mean = values.map(\.0).reduce(0, +) / Double(values.count)
        return single ? Charts.Point(x: x, y: mean, low: values[0].1, high: values[0].2) : Charts.Point(x: x, y: mean)
      }
      let xs = points.map(\.x)
      let logX = xs.allSatisfy { $0 > 0 } && (xs.max()! / xs.min()! >= 100)
      charts.append(
        Chart(
          title: "\(metric.name) against \(key)",
          caption: single
            ? "Mean per sweep point with its 95% bootstrap interval." : "Mean over the other swept fields at each value.",
          spec: Charts.lines(
            [Charts.Series(name: metric.name, points: points)], x: key + (logX ? " (log scale)" : ""), y: metric.label,
            logX: logX, points: true)))
    }
    if let structure { charts.insert(structure, at: 0) }
    charts.insert(contentsOf: responseCurves(rows, metric: metric), at: 0)
    guard !charts.isEmpty else { return nil }
    return ReportSection(
      title: "Across the sweep",
      html: "<p>\(chosen.count) sweep points over \(keys.map { "<code>\(Self.escape($0))</code>" }.joined(separator: ", ")).</p>",
      charts: charts)
  }

  /// The column of a swept seeding budget (`seeding.budget`, or a variant's).
  static let budgetColumn = "seeding_budget"

  /// For a sweep over the seeding budget: the spend-to-outcome curve of every strategy (each
  /// variant and each value of the other swept fields), the outcome and what it returns per
  /// dollar against the budget, with 95% intervals, so diminishing returns show as a
  /// flattening curve and a falling return.
  func responseCurves(_ rows: [[String: String]], metric: (name: String, label: String)) -> [Chart] {
    let keys = input.sweepColumns
    guard keys.contains(Self.budgetColumn) else { return [] }
    let others = keys.filter { $0 != Self.budgetColumn }
    func curves(_ name: String) -> [Charts.Series] {
      var byStrategy: [String: [Charts.Point]] = [:]
      var order: [String] = []
      for row in rows where row["metric"] == name {
        guard let spend = row[Self.budgetColumn].flatMap(Double.init), let mean = row["mean"].flatMap(Double.init) else {
          continue
        }
        let label = (others.map { row[$0] ?? "" } + [row["variant"] ?? ""]).filter { !$0.isEmpty && $0 != "default" }
          .joined(separator: ", ")
        if byStrategy[label] == nil { order.append(label) }
        byStrategy[label, default: []].append(
          Charts.Point(
            x: spend, y: mean, low: row["ci95_low"].flatMap(Double.init), high: row["ci95_high"].flatMap(Double.init)))
      }
      return order.map { Charts.Series(name: $0.isEmpty ? name : $0, points: byStrategy[$0]!.sorted { $0.x < $1.x }) }
    }
    let outcome = curves(metric.name)
    guard outcome.contains(where: { $0.points.count >= 2 }) else { return [] }
    let spends = outcome.flatMap { $0.points.map(\.x) }
    let logX = spends.allSatisfy { $0 > 0 } && spends.max()! / spends.min()! >= 100
    var charts = [
      Chart(
        title: "Response curves: \(metric.name) against the budget",
        caption:
          "Each strategy's mean over the same runs at every budget, with its 95% bootstrap interval: where a curve flattens, more money buys little more.",
        spec: Charts.lines(
          outcome, x: "budget ($)" + (logX ? " (log scale)" : ""), y: metric.label, logX: logX, points: true))
    ]
    let returns = curves(hasTarget ? "target_roas" : "roas")
    if returns.contains(where: { $0.points.count >= 2 }) {
      charts.append(
        Chart(
          title: "What each dollar returns, against the budget",
          caption:
            "Return on ad spend (value ÷ seed cost\(hasTarget ? ", valuing adopters in the target only" : "")), with its 95% interval: diminishing returns show as a falling curve.",
          spec: Charts.lines(
            returns, x: "budget ($)" + (logX ? " (log scale)" : ""), y: "return per dollar", logX: logX, points: true)))
    }
    return charts
  }

  /// Mean distance and clustering across the swept `key`, each relative to its value at the
  /// first point (the curves of Watts & Strogatz 1998), when graph.csv has them.
  func smallWorld(key: String) -> Chart? {
    guard let rows = input.tables["graph.csv"]?.records else { return nil }
    var byValue: [Double: [(distance: Double, clustering: Double)]] = [:]
    for row in rows {
      guard let x = row[key].flatMap(Double.init), let d = row["mean_distance"].flatMap(Double.init),
        let c = row["average_clustering"].flatMap(Double.init)
      else { continue }
      byValue[x, default: []].append((d, c))
    }
    let xs = byValue.keys.sorted()
    guard xs.count >= 2 else { return nil }
    func mean(_ x: Double, _ value: ((distance: Double, clustering: Double)) -> Double) -> Double {
      byValue[x]!.map(value).reduce(0, +) / Double(byValue[x]!.count)
    }
    let (d0, c0) = (mean(xs[0], \.distance), mean(xs[0], \.clustering))
    guard d0 > 0, c0 > 0 else { return nil }
    let series = [
      Charts.Series(name: "mean distance L / L(first)", points: xs.map { Charts.Point(x: $0, y: mean($0, \.distance) / d0) }),
      Charts.Series(name: "clustering C / C(first)", points: xs.map { Charts.Point(x: $0, y: mean($0, \.clustering) / c0) }),
    ]
    return Chart(
      title: "Separation and clustering against \(key)",
      caption:
        "Each relative to its value at \(key) = \(ReportSections.number(xs[0])): a small world has short paths and high clustering at once.",
      spec: Charts.lines(series, x: key, y: "relative to the first sweep point", points: true))
  }

  // MARK: Sensitivity

  var sensitivity: ReportSection? {
    guard let rows = input.tables["sensitivity.csv"]?.records else { return nil }
    let metric = primaryMetric
    let chosen = rows.filter { $0["metric"] == metric.name && $0["variant"] == rows.first?["variant"] }
    let ranked = chosen.compactMap { row -> Charts.Ranked? in
      guard let value = row["value"].flatMap(Double.init) else { return nil }
      return Charts.Ranked(
        label: row["parameter"] ?? "", group: row["index"] ?? "", value: value, low: row["ci95_low"].flatMap(Double.init),
        high: row["ci95_high"].flatMap(Double.init))
    }
    guard !ranked.isEmpty else { return nil }
    let kinds = Set(ranked.map(\.group)).sorted().joined(separator: ", ")
    return ReportSection(
      title: "Which parameters matter",
      html:
        "<p>Sensitivity of \(metric.name) to each swept parameter (\(Self.escape(kinds)); S1: first-order Sobol index, ST: total; mu_star: Morris mean absolute effect), with 95% bootstrap intervals.</p>",
      charts: [
        Chart(
          title: "Sensitivity indices of \(metric.name)", caption: "From sensitivity.csv.",
          spec: Charts.ranked(ranked, value: "index", label: "parameter"))
      ])
  }

  // MARK: Budget split

  /// `viral split`: the best allocation with its chance of being best, and the allocations
  /// ranked with their intervals.
  var split: ReportSection? {
    // The metric's mean follows `replicates` (SplitTable's columns), whatever the metric's name.
    guard let table = input.tables["split.csv"], let best = table.records.first,
      let replicates = table.index("replicates"), replicates + 1 < table.columns.count
    else { return nil }
    let metric = table.columns[replicates + 1]
    let name = String(metric.dropLast("_mean".count))
    func value(_ row: [String: String], _ key: String) -> Double? { row[key].flatMap(Double.init) }
    let shown = table.records.prefix(20)
    let ranked = shown.compactMap { row -> Charts.Ranked? in
      value(row, metric).map { mean in
        Charts.Ranked(
          label: row["allocation"] ?? "", group: row["status"] ?? "", value: mean, low: value(row, "\(name)_low"),
          high: value(row, "\(name)_high"))
      }
    }
    let interval = value(best, "\(name)_low").flatMap { low in value(best, "\(name)_high").map { (low, $0) } }
    let card = ReportSection.Card(
      label: "best split", value: best["allocation"] ?? "",
      detail: "\(name) \(value(best, metric).map { Self.number($0) } ?? "?")"
        + (interval.map { " (95% CI \(Self.number($0.0)) to \(Self.number($0.1)))" } ?? "")
        + (value(best, "p_best").map { ", P(best) \(Self.number($0, digits: 2))" } ?? "")
        + " after \(best["replicates"] ?? "?") replicates")
    return ReportSection(
      title: "How to split the budget",
      html:
        "<p>Every allocation of the budget on the grid, raced on \(Self.escape(name)) with common random numbers: finalists first, then the allocations the race eliminated (the latest first), each with its 95% interval over the replicates it ran. All \(table.records.count) are in split.csv.</p>",
      cards: [card],
      charts: [
        Chart(
          title: "The allocations, best first", caption: "From split.csv; colour: best, finalist or eliminated.",
          spec: Charts.ranked(Array(ranked), value: name, label: "allocation"))
      ])
  }

  // MARK: Graph

  var graph: ReportSection? {
    var charts: [Chart] = []
    let separation = firstGroup("separation.csv").filter { $0["graph_realization"] == "0" }
    let bars = separation.compactMap { row -> (x: Double, y: Double)? in
      guard let x = row["degrees_of_separation"].flatMap(Double.init), let y = row["share"].flatMap(Double.init) else {
        return nil
      }
      return (x, 100 * y)
    }
    if !bars.isEmpty {
      charts.append(
        Chart(
          title: "Degrees of separation",
          caption: "Share of connected pairs by the number of people between them (distance − 1), on graph realization 0.",
          spec: Charts.bars(bars, x: "degrees of separation (people in between)", y: "pairs (%)")))
    }
    let degrees = firstGroup("degrees.csv").filter { $0["graph_realization"] == "0" }
    let kinds = Set(degrees.compactMap { $0["kind"] }).sorted()
    let series = kinds.compactMap { kind -> Charts.Series? in
      let points = degrees.filter { $0["kind"] == kind }.compactMap { row -> Charts.Point? in
        guard let x = row["degree"].flatMap(Double.init), let y = row["share"].flatMap(Double.init), x > 0, y > 0 else {
          return nil
        }
        return Charts.Point(x: x, y: y)
      }
      return points.count >= 2 ? Charts.Series(name: kind, points: points) : nil
    }
    if !series.isEmpty {
      charts.append(
        Chart(
          title: "Degree distribution",
          caption: "Share of agents with each degree, on log–log axes (a straight line is a power law).",
          spec: Charts.lines(
            series, x: "degree (ties, log scale)", y: "share of agents (log scale)", logX: true, logY: true, points: true)))
    }
    var html = ""
    if let row = firstGroup("graph.csv").first {
      let facts: [(String, String)] = [
        ("nodes", "agents"), ("edges", "ties"), ("mean_degree", "mean degree"), ("average_clustering", "clustering"),
        ("mean_distance", "mean distance"), ("reciprocity", "reciprocity"),
      ]
      let items = facts.compactMap { key, label in
        row[key].flatMap(Double.init).map { "<li>\(label): <b>\(Self.number($0))</b></li>" }
      }
      html = "<ul class=\"facts\">\(items.joined())</ul>"
    }
    guard !charts.isEmpty || !html.isEmpty else { return nil }
    return ReportSection(title: "The graph", html: html, charts: charts)
  }

  // MARK: Formatting

  static func number(_ value: Double, digits: Int = 4) -> String {
    guard value.isFinite else { return "–" }
    if value == value.rounded() && abs(value) < 1e12 { return Int(value).formatted() }
    let magnitude = abs(value) >= 1 ? Int(log10(abs(value))) + 1 : 0
    let decimals = max(0, digits - magnitude)
    return value.formatted(.number.precision(.fractionLength(0...decimals)))
  }

  static func amount(_ value: Double, unit: String) -> String { unit == "$" ? "$" + number(value) : number(value) }

  static func interval(_ row: [String: String], unit: String) -> String {
    guard let low = row["ci95_low"].flatMap(Double.init), let high = row["ci95_high"].flatMap(Double.init) else { return "" }
    return "95% interval \(amount(low, unit: unit))–\(amount(high, unit: unit))"
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
