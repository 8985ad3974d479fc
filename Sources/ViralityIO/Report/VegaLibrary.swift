// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Vega 5 (Heer et al., "Vega: A Visualization Grammar"), as Debian's `libjs-vega` ships
/// it: one minified AMD module per package, no single bundle. A report inlines the modules
/// it needs, in dependency order, behind a small module loader of its own, then registers
/// the transforms with the dataflow the way Vega's own bundle does. Nothing is fetched.
enum VegaLibrary {
  /// The modules, each after the ones it requires.
  static let modules = [
    "vega-util", "vega-canvas", "vega-time", "vega-format", "vega-loader", "vega-dataflow", "vega-scale",
    "vega-scenegraph", "vega-statistics", "vega-transforms", "vega-view-transforms", "vega-encode", "vega-hierarchy",
    "vega-event-selector", "vega-expression", "vega-selections", "vega-functions", "vega-runtime", "vega-parser",
    "vega-view",
  ]

  /// Where to look: `$VIRAL_VEGA_DIR`, then Debian's folder.
  static var folders: [String] {
    (ProcessInfo.processInfo.environment["VIRAL_VEGA_DIR"].map { [$0] } ?? []) + ["/usr/share/javascript/vega"]
  }

  /// The `<script>` elements that define `vega`, or a failure naming the package to install.
  static func scripts() throws(OutputError) -> String {
    guard let folder = folders.first(where: { FileManager.default.fileExists(atPath: "\($0)/vega-view.min.js") }) else {
      throw OutputError(
        path: folders.last!, "no Vega 5 here: a report inlines it; install Debian's libjs-vega (make deps does)")
    }
    var html = "<script>\(loader)</script>\n"
    for module in modules {
      // vega-functions requires "vega-selections", which Debian ships as vega-selection.
      let file = "\(folder)/\(module == "vega-selections" ? "vega-selection" : module).min.js"
      guard let source = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw OutputError(path: file, "cannot read this part of Vega; reinstall libjs-vega")
      }
      html +=
        "<script>viralModule = \"\(module)\";</script>\n<script>\(source.replacingOccurrences(of: "</script", with: "<\\/script"))</script>\n"
    }
    return html + "<script>\(assemble)</script>\n"
  }

  /// An AMD `define` that names each module after the file being read (`viralModule`).
  static let loader = """
    var viralModule = null; var viralModules = {};
    function define(deps, factory) {
      if (typeof deps === "function") { factory = deps; deps = []; }
      var exports = {};
      factory.apply(null, deps.map(function (d) {
        if (d === "exports") return exports;
        if (!viralModules[d]) throw new Error("Vega module " + d + " is missing");
        return viralModules[d];
      }));
      viralModules[viralModule] = exports;
    }
    define.amd = true;
    """

  /// `vega`: every module's exports, with the transforms registered as in Vega's bundle.
  static let assemble = """
    var vega = Object.assign({}, ...Object.values(viralModules));
    Object.assign(vega.transforms, viralModules["vega-transforms"], viralModules["vega-view-transforms"],
      viralModules["vega-encode"], viralModules["vega-hierarchy"]);
    delete window.define;
    """
}
