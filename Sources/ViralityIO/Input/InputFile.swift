// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A problem with an input file, located by line.
public struct InputFileError: Error, Sendable, CustomStringConvertible {
  public let path: String
  public let line: Int?
  public let message: String

  public init(path: String, line: Int? = nil, _ message: String) {
    self.path = path
    self.line = line
    self.message = message
  }

  public var description: String {
    line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)"
  }

  /// The same problem as a scenario error, located at the file and line.
  public var scenarioError: ScenarioError {
    ScenarioError(location: line.map { "\(path):\($0)" } ?? path, message)
  }
}

/// Reading the files a scenario names (edge lists, agent files, the scenario itself): only
/// readable regular files, and only text. A directory, a device or a FIFO is refused before
/// it is opened — reading a FIFO would wait forever — and a file with a NUL byte is refused
/// as binary.
public enum InputFile {
  /// Why `path` cannot be read as a file (missing, a directory, a device, a FIFO, a socket,
  /// not readable), or nil when it is a readable regular file.
  public static func problem(at path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else {
      return errno == ENOENT || errno == ENOTDIR ? "does not exist" : "cannot be examined (\(String(cString: strerror(errno))))"
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: return "is a directory, not a file"
    case S_IFIFO: return "is a FIFO (named pipe), not a file"
    case S_IFCHR, S_IFBLK: return "is a device, not a file"
    case S_IFSOCK: return "is a socket, not a file"
    default: return "is not a regular file"
    }
    guard access(path, R_OK) == 0 else { return "is not readable (\(String(cString: strerror(errno))))" }
    return nil
  }

  /// The bytes of the text file at `path` (mapped, for large files); `what` names it in
  /// messages ("edge list", "agent file").
  public static func contents(of path: String, what: String) throws(InputFileError) -> Data {
    if let problem = problem(at: path) { throw InputFileError(path: path, "cannot read the \(what): it \(problem)") }
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
      throw InputFileError(path: path, "cannot read the \(what): \((error as NSError).localizedFailureReason ?? "read failed")")
    }
    if let zero = data.firstIndex(of: 0) {
      throw InputFileError(
        path: path, line: line(of: zero, in: data),
        "the \(what) is a binary file (a NUL byte at byte \(zero - data.startIndex + 1)); give a text file")
    }
    return data
  }

  /// The 1-based line holding byte `index` of `data`.
  static func line(of index: Data.Index, in data: Data) -> Int {
    1 + data[data.startIndex..<index].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
  }

  /// `data` as UTF-8 text, or an error naming the line of the first byte that is not. Text
  /// as Windows programs save it reads the same as any other: a leading byte-order mark
  /// (Excel's "CSV UTF-8", Notepad; YAML 1.2 §5.2 allows one) is dropped, and CRLF line
  /// ends become LF.
  public static func text(_ file: Data, path: String, what: String) throws(InputFileError) -> String {
    let data = file.starts(with: [0xEF, 0xBB, 0xBF]) ? file.dropFirst(3) : file
    if let text = String(validating: data, as: UTF8.self) {
      return text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
    }
    // Find the first invalid sequence by decoding prefixes line by line.
    var start = data.startIndex
    var lineNumber = 1
    while start < data.endIndex {
      let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
      if String(validating: data[start..<end], as: UTF8.self) == nil { break }
      start = end + 1
      lineNumber += 1
    }
    throw InputFileError(path: path, line: lineNumber, "the \(what) is not UTF-8 text (an invalid byte sequence on this line)")
  }
}
