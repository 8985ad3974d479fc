// SPDX-License-Identifier: GPL-3.0-or-later

/// One chart of a report: a Vega specification with its data inlined, and a caption.
struct Chart {
  let title: String
  let caption: String
  let spec: JSONValue
}

/// Vega specifications for the charts a report draws. Every chart has titled axes (with
/// units) and, when it shows several series, a legend; fonts are sized for a projector.
enum Charts {
  static let width = 680
  static let height = 320

  /// A point of a series, with an optional interval.
  struct Point {
    var x: Double
    var y: Double
    var low: Double? = nil
    var high: Double? = nil
  }

  struct Series {
    let name: String
    let points: [Point]
  }

  static let config: JSONValue = [
    "axis": ["labelFontSize": 14, "titleFontSize": 16, "titleFontWeight": "normal"],
    "legend": ["labelFontSize": 14, "titleFontSize": 15, "titleFontWeight": "normal"],
    "title": ["fontSize": 18],
  ]

  private static func frame(data: [JSONValue], scales: [JSONValue], axes: [JSONValue], legends: [JSONValue], marks: [JSONValue])
    -> JSONValue
  {
    [
      "$schema": "https://vega.github.io/schema/vega/v5.json", "width": .number(Double(width)),
      "height": .number(Double(height)), "padding": 8, "autosize": "pad", "config": config, "data": .array(data),
      "scales": .array(scales), "axes": .array(axes), "legends": .array(legends), "marks": .array(marks),
    ]
  }

  private static func axis(_ orient: String, _ scale: String, _ title: String, grid: Bool = false) -> JSONValue {
    ["orient": .string(orient), "scale": .string(scale), "title": .string(title), "grid": .bool(grid)]
  }

  /// Lines with shaded intervals (where points have them); `logX`/`logY` for log axes.
  static func lines(_ series: [Series], x: String, y: String, logX: Bool = false, logY: Bool = false, points: Bool = false)
    -> JSONValue
  {
    let values: [JSONValue] = series.flatMap { s in
      s.points.map { p in
        ["series": .string(s.name), "x": .number(p.x), "y": .number(p.y), "low": .of(p.low), "high": .of(p.high)]
      }
    }
    let hasBands = series.contains { $0.points.contains { $0.low != nil } }
    var marks: [JSONValue] = []
    if hasBands {
      marks.append([
        "type": "area", "from": ["data": "series"],
        "encode": [
          "enter": [
            "x": ["scale": "x", "field": "x"], "y": ["scale": "y", "field": "low"], "y2": ["scale": "y", "field": "high"],
            "fill": ["scale": "color", "field": "series"], "fillOpacity": ["value": 0.22],
            "defined": ["signal": "isValid(datum.low) && isValid(datum.high)"],
          ]
        ],
      ])
    }
    marks.append([
      "type": "line", "from": ["data": "series"],
      "encode": [
        "enter": [
          "x": ["scale": "x", "field": "x"], "y": ["scale": "y", "field": "y"], "stroke": ["scale": "color", "field": "series"],
          "strokeWidth": ["value": 2.5],
        ]
      ],
    ])
    if points {
      marks.append([
        "type": "symbol", "from": ["data": "series"],
        "encode": [
          "enter": [
            "x": ["scale": "x", "field": "x"], "y": ["scale": "y", "field": "y"], "fill": ["scale": "color", "field": "series"],
            "size": ["value": 50], "tooltip": ["signal": "{'x': datum.x, 'y': datum.y, 'series': datum.series}"],
          ]
        ],
      ])
    }
    let groups: JSONValue = [
      "type": "group",
      "from": ["facet": ["name": "series", "data": "table", "groupby": "series"]],
      "marks": .array(marks),
    ]
    return frame(
      data: [["name": "table", "values": .array(values)]],
      scales: [
        [
          "name": "x", "type": logX ? "log" : "linear", "range": "width", "zero": false, "nice": !logX ? true : false,
          "domain": ["data": "table", "field": "x"],
        ],
        [
          "name": "y", "type": logY ? "log" : "linear", "range": "height", "nice": true, "zero": .bool(!logY),
          "domain": ["data": "table", "fields": hasBands ? ["y", "low", "high"] : ["y"]],
        ],
        ["name": "color", "type": "ordinal", "range": "category", "domain": ["data": "table", "field": "series"]],
      ],
      axes: [axis("bottom", "x", x), axis("left", "y", y, grid: true)],
      legends: series.count > 1 ? [["stroke": "color", "fill": "color", "title": "", "orient": "top-left"]] : [],
      marks: [groups])
  }

  /// One bar per label with its interval, ranked (the list is drawn in the order given),
  /// coloured by `group` when rows have several.
  struct Ranked {
    let label: String
    let group: String
    let value: Double
    let low: Double?
    let high: Double?
  }

  static func ranked(_ rows: [Ranked], value: String, label: String) -> JSONValue {
    let values: [JSONValue] = rows.enumerated().map { i, r in
      [
        "order": .number(Double(i)), "label": .string(r.label), "group": .string(r.group), "value": .number(r.value),
        "low": .of(r.low), "high": .of(r.high),
      ]
    }
    let groups = Set(rows.map(\.group)).count
    return frame(
      data: [["name": "table", "values": .array(values)]],
      scales: [
        [
          "name": "y", "type": "band", "range": "height", "padding": 0.2,
          "domain": ["data": "table", "field": "label", "sort": ["field": "order", "op": "min"]],
        ],
        [
          "name": "inner", "type": "band", "range": ["signal": "[0, bandwidth('y')]"],
          "domain": ["data": "table", "field": "group"],
        ],
        [
          "name": "x", "type": "linear", "range": "width", "nice": true, "zero": true,
          "domain": ["data": "table", "fields": ["value", "low", "high"]],
        ],
        ["name": "color", "type": "ordinal", "range": "category", "domain": ["data": "table", "field": "group"]],
      ],
      axes: [axis("bottom", "x", value, grid: true), axis("left", "y", label)],
      legends: groups > 1 ? [["fill": "color", "title": "", "orient": "bottom-right"]] : [],
      marks: [
        [
          "type": "rect", "from": ["data": "table"],
          "encode": [
            "enter": [
              "y": ["signal": "scale('y', datum.label) + scale('inner', datum.group)"], "height": ["scale": "inner", "band": 1],
              "x": ["scale": "x", "value": 0], "x2": ["scale": "x", "field": "value"],
              "fill": ["scale": "color", "field": "group"], "fillOpacity": ["value": 0.8],
              "tooltip": ["signal": "{'value': datum.value, 'low': datum.low, 'high': datum.high}"],
            ]
          ],
        ],
        [
          "type": "rule", "from": ["data": "table"],
          "encode": [
            "enter": [
              "y": ["signal": "scale('y', datum.label) + scale('inner', datum.group) + bandwidth('inner') / 2"],
              "x": ["scale": "x", "field": "low"], "x2": ["scale": "x", "field": "high"], "stroke": ["value": "#222"],
              "strokeWidth": ["value": 2], "defined": ["signal": "isValid(datum.low) && isValid(datum.high)"],
            ]
          ],
        ],
      ])
  }

  /// Bars of `y` over integer `x` (a histogram already counted).
  static func bars(_ points: [(x: Double, y: Double)], x: String, y: String) -> JSONValue {
    let values: [JSONValue] = points.map { ["x": .number($0.x), "y": .number($0.y)] }
    return frame(
      data: [["name": "table", "values": .array(values)]],
      scales: [
        [
          "name": "x", "type": "band", "range": "width", "padding": 0.1, "domain": ["data": "table", "field": "x", "sort": true],
        ],
        [
          "name": "y", "type": "linear", "range": "height", "nice": true, "zero": true,
          "domain": ["data": "table", "field": "y"],
        ],
      ],
      axes: [axis("bottom", "x", x), axis("left", "y", y, grid: true)], legends: [],
      marks: [
        [
          "type": "rect", "from": ["data": "table"],
          "encode": [
            "enter": [
              "x": ["scale": "x", "field": "x"], "width": ["scale": "x", "band": 1], "y": ["scale": "y", "field": "y"],
              "y2": ["scale": "y", "value": 0], "fill": ["value": "#4c78a8"],
              "tooltip": ["signal": "{'x': datum.x, 'y': datum.y}"],
            ]
          ],
        ]
      ])
  }

  /// A grid of cells coloured by value.
  static func heatmap(_ cells: [(x: String, y: String, value: Double)], x: String, y: String, value: String) -> JSONValue {
    let values: [JSONValue] = cells.enumerated().map { i, c in
      ["order": .number(Double(i)), "x": .string(c.x), "y": .string(c.y), "value": .number(c.value)]
    }
    return frame(
      data: [["name": "table", "values": .array(values)]],
      scales: [
        [
          "name": "x", "type": "band", "range": "width",
          "domain": ["data": "table", "field": "x", "sort": ["field": "order", "op": "min"]],
        ],
        [
          "name": "y", "type": "band", "range": "height", "reverse": true,
          "domain": ["data": "table", "field": "y", "sort": ["field": "order", "op": "min"]],
        ],
        ["name": "color", "type": "linear", "range": ["scheme": "viridis"], "domain": ["data": "table", "field": "value"]],
      ],
      axes: [axis("bottom", "x", x), axis("left", "y", y)],
      legends: [["fill": "color", "title": .string(value), "type": "gradient", "orient": "right"]],
      marks: [
        [
          "type": "rect", "from": ["data": "table"],
          "encode": [
            "enter": [
              "x": ["scale": "x", "field": "x"], "width": ["scale": "x", "band": 1], "y": ["scale": "y", "field": "y"],
              "height": ["scale": "y", "band": 1], "fill": ["scale": "color", "field": "value"],
              "tooltip": ["signal": "{'x': datum.x, 'y': datum.y, 'value': datum.value}"],
            ]
          ],
        ]
      ])
  }

  /// A cascade forest drawn as a tidy tree (Reingold & Tilford 1981, as Vega lays it out)
  /// under a virtual root, generations left to right, agents coloured by how they were
  /// reached.
  struct TreeNode {
    let id: Int
    let parent: Int?
    let label: String
    let route: String
  }

  static func tree(_ nodes: [TreeNode], depth: Int) -> JSONValue {
    var values: [JSONValue] = [["id": -1, "parent": .null, "label": "start", "route": "start"]]
    values += nodes.map { n in
      [
        "id": .number(Double(n.id)), "parent": .number(Double(n.parent ?? -1)), "label": .string(n.label),
        "route": .string(n.route),
      ]
    }
    return frame(
      data: [
        [
          "name": "tree", "values": .array(values),
          "transform": [
            ["type": "stratify", "key": "id", "parentKey": "parent"],
            [
              "type": "tree", "method": "tidy", "size": [["signal": "height"], ["signal": "width"]], "separation": false,
              "as": ["y", "x", "depth", "children"],
            ],
          ],
        ],
        [
          "name": "links", "source": "tree", "transform": [["type": "treelinks"], ["type": "linkpath", "orient": "horizontal"]],
        ],
        ["name": "agents", "source": "tree", "transform": [["type": "filter", "expr": "datum.id >= 0"]]],
      ],
      scales: [
        ["name": "generation", "type": "linear", "range": "width", "domain": [-1, .number(Double(max(depth, 0)))]],
        ["name": "color", "type": "ordinal", "range": "category", "domain": ["data": "agents", "field": "route"]],
      ],
      axes: [
        ["orient": "bottom", "scale": "generation", "title": "generation (seeds are 0)", "tickMinStep": 1, "format": "d"]
      ],
      legends: [["fill": "color", "title": "how reached", "orient": "right"]],
      marks: [
        [
          "type": "path", "from": ["data": "links"],
          "encode": ["update": ["path": ["field": "path"], "stroke": ["value": "#bbb"], "strokeWidth": ["value": 0.6]]],
        ],
        [
          "type": "symbol", "from": ["data": "agents"],
          "encode": [
            "enter": [
              "size": ["value": 18], "fill": ["scale": "color", "field": "route"],
              "tooltip": ["signal": "{'agent': datum.label, 'how': datum.route, 'generation': datum.depth - 1}"],
            ],
            "update": ["x": ["field": "x"], "y": ["field": "y"]],
          ],
        ],
      ])
  }
}
