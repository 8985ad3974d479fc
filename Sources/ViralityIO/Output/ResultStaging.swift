// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Writes a set of result files so that none is ever half-written: everything goes into a
/// hidden staging folder next to the destination, and only `publish()` moves the files into
/// place, each with an atomic rename. If the command fails before that, nothing in the
/// destination changes and the staging folder is removed.
public final class ResultStaging {
  public let destination: URL
  private let staging: URL
  private var names: [String] = []
  private var published = false

  public init(destination: String) throws(OutputError) {
    self.destination = URL(fileURLWithPath: destination, isDirectory: true).standardizedFileURL
    staging = self.destination.deletingLastPathComponent()
      .appendingPathComponent(
        ".\(self.destination.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
    do {
      try? FileManager.default.removeItem(at: staging)
      try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
      throw OutputError(path: destination, "cannot create the results folder: \(Self.reason(error))")
    }
  }

  deinit {
    if !published { try? FileManager.default.removeItem(at: staging) }
  }

  /// Stages a file with the given text.
  public func write(_ name: String, _ text: String) throws(OutputError) {
    try write(name) { handle in try handle.write(contentsOf: Data(text.utf8)) }
  }

  /// Stages a file written piece by piece (for exports too large to hold as one string).
  public func write(_ name: String, with body: (FileHandle) throws -> Void) throws(OutputError) {
    let url = staging.appendingPathComponent(name)
    do {
      guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
        throw CocoaError(.fileWriteUnknown)
      }
      let handle = try FileHandle(forWritingTo: url)
      defer { try? handle.close() }
      try body(handle)
    } catch {
      throw OutputError(path: url.path, "cannot write \(name): \(Self.reason(error))")
    }
    names.append(name)
  }

  /// Moves every staged file into the destination folder.
  public func publish() throws(OutputError) {
    do {
      try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
      for name in names {
        let target = destination.appendingPathComponent(name)
        if rename(staging.appendingPathComponent(name).path, target.path) != 0 {
          throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
      }
      try FileManager.default.removeItem(at: staging)
      published = true
    } catch {
      throw OutputError(path: destination.path, "cannot move the results into place: \(Self.reason(error))")
    }
  }

  /// The system's reason, in one line (the POSIX error when there is one).
  static func reason(_ error: any Error) -> String {
    let ns = error as NSError
    if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(posix.code)))
    }
    if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
    return ns.localizedFailureReason ?? ns.localizedDescription.split(separator: "\n").first.map(String.init) ?? "failed"
  }

  /// The staged file names, in the order written.
  public var fileNames: [String] { names }
}
