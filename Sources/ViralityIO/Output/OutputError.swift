// SPDX-License-Identifier: GPL-3.0-or-later

/// Writing results failed (a full disk, a folder that cannot be created, a failed rename):
/// the machine's fault, not the input's. The command-line tool prints it on one line and
/// exits with status 1 — or 2 for a `refusal`, a results folder the user named that Viral
/// will not write (a folder that is not a results folder, a name that is no folder).
public struct OutputError: Error, Sendable, CustomStringConvertible {
  /// The file or folder.
  public let path: String
  public let message: String
  /// Whether the input is at fault, not the machine.
  public let refusal: Bool

  public init(path: String, _ message: String, refusal: Bool = false) {
    self.path = path
    self.message = message
    self.refusal = refusal
  }

  public var description: String { "\(path): \(message)" }
}
