// SPDX-License-Identifier: GPL-3.0-or-later
import Crypto
import Foundation

/// A results file's length and SHA-256, as a shard's manifest records them so that
/// `viral merge` can tell a file that changed after `viral sweep` wrote it (cut short, rows
/// appended, edited) from the file it wrote.
public struct FileDigest: Codable, Equatable, Sendable {
  public var bytes: UInt64
  public var sha256: String

  public init(bytes: UInt64, sha256: String) {
    self.bytes = bytes
    self.sha256 = sha256
  }

  /// The digest of the regular file at `path`, read in 1 MiB blocks. A link, a FIFO or a
  /// device is refused before it is read (opening a FIFO would wait for a writer forever).
  public static func of(_ path: String) throws(OutputError) -> FileDigest {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      let reason = errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno))
      throw OutputError(path: path, "cannot read: \(reason)", refusal: true)
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      throw OutputError(path: path, "is not a regular file", refusal: true)
    }
    var hash = SHA256()
    var bytes: UInt64 = 0
    var block = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw OutputError(path: path, "cannot read: \(String(cString: strerror(errno)))")
      }
      if count == 0 { break }
      block.withUnsafeBytes { hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
      bytes += UInt64(count)
    }
    return FileDigest(bytes: bytes, sha256: hex(hash.finalize()))
  }

  /// The SHA-256 of `lines`, one per line, as hex: a short stand-in for a sweep's
  /// fingerprint.
  public static func sha256(lines: [String]) -> String {
    hex(SHA256.hash(data: Data(lines.map { $0 + "\n" }.joined().utf8)))
  }

  private static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
}
