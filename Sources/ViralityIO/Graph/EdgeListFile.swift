// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// A real network read from an edge-list file (`graph: {model: file, ...}`).
///
/// - `snap`: one edge per line, two node labels separated by spaces or tabs; lines starting
///   with `#` or `%` are comments; further columns (weights, times) are ignored.
/// - `csv`: a header line, then comma-separated rows; `source` and `target` name the columns
///   (default: the first two). Fields may be quoted as in RFC 4180.
///
/// Labels may be any text; they are kept, so outputs can use them. Nodes are numbered in
/// numeric order when every label is a plain integer, else in order of first appearance.
/// For a directed file a line `u v` means u follows v; set `reverse: true` if the file lists
/// who is followed first.
public struct EdgeListFile: Codable, Sendable, Hashable {
  public enum Format: String, Codable, Sendable, CaseIterable { case snap, csv }

  public static let modelName = "file"
  public var path: String
  public var format: Format
  public var directed: Bool
  public var reverse: Bool
  public var source: String?
  public var target: String?

  public init(
    path: String, format: Format? = nil, directed: Bool = false, reverse: Bool = false,
    source: String? = nil, target: String? = nil
  ) {
    self.path = path
    self.format = format ?? (path.lowercased().hasSuffix(".csv") ? .csv : .snap)
    self.directed = directed
    self.reverse = reverse
    self.source = source
    self.target = target
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case path, format, directed, reverse, source, target }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: GraphModelKeys.shared)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      path: try c.decode(String.self, forKey: .path),
      format: c.contains(.format) ? try c.choice(.format, default: Format.snap) : nil,
      directed: try c.value(.directed, default: false), reverse: try c.value(.reverse, default: false),
      source: try c.decodeIfPresent(String.self, forKey: .source),
      target: try c.decodeIfPresent(String.self, forKey: .target))
  }

  public func validate() throws(ParameterError) {
    guard !path.isEmpty else { throw ParameterError("path", "give the edge-list file to read") }
    if format == .snap && (source != nil || target != nil) {
      throw ParameterError("source", "source and target name CSV columns; this file is read as snap")
    }
  }

  /// Bytes per edge line assumed when estimating memory from the file size.
  static let bytesPerLineEstimate = 8

  /// The size estimate from the file's length (for the memory check).
  public func expectedSize() -> GraphSize {
    let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let lines = bytes / Self.bytesPerLineEstimate
    return GraphSize(nodes: lines, edges: lines, directed: directed)
  }
}
