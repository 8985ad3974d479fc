// SPDX-License-Identifier: GPL-3.0-or-later

/// Writing results failed (a full disk, a folder that cannot be created, a failed rename):
/// the machine's fault, not the input's. The command-line tool prints it on one line and
/// exits with status 1.
public struct OutputError: Error, Sendable, CustomStringConvertible {
  /// The file or folder.
  public let path: String
  public let message: String

  public init(path: String, _ message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}
