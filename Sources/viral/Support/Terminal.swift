// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Output conventions: results to files, a short summary to stdout, progress and errors to
/// stderr.
enum Terminal {
  static func error(_ message: String) { stderr("viral: error: \(oneLine(message))") }
  static func note(_ message: String) { stderr("viral: \(oneLine(message))") }

  /// `text` on one line: line breaks and other control characters written as escapes, so a
  /// value a message quotes (a label with a line break) cannot split it or forge a line.
  static func oneLine(_ text: String) -> String {
    var line = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": line += "\\n"
      case "\r": line += "\\r"
      case _ where scalar.value < 0x20 && scalar != "\t", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}":
        line += "\\u{\(String(scalar.value, radix: 16))}"
      default: line.unicodeScalars.append(scalar)
      }
    }
    return line
  }

  static func stderr(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}

/// One progress line on stderr: rewritten in place on a terminal, otherwise written at most
/// once a second (and for the last item), so logs of long sweeps stay short while a long
/// single step still says what it is doing.
struct ProgressLine {
  let interactive = isatty(STDERR_FILENO) == 1
  private var lastShown = -1.0
  private let clock = Stopwatch()

  /// Erases the line on a terminal (elsewhere each line stays as written).
  func clear() {
    if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }

  /// Shows `message`, at most once a second unless it is the `last` or `urgent`.
  mutating func show(_ message: String, last: Bool, urgent: Bool = false) {
    let now = clock.seconds
    guard last || urgent || now - lastShown >= 1 || lastShown < 0 else { return }
    lastShown = now
    if interactive {
      FileHandle.standardError.write(Data(("\r\u{1B}[K" + message + (last ? "\n" : "")).utf8))
    } else {
      Terminal.stderr(message)
    }
  }
}

/// Wall-clock seconds since creation.
struct Stopwatch {
  private let start = DispatchTime.now().uptimeNanoseconds
  var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

extension Double {
  /// Seconds for people: `0.012 s`, `1.4 s`, `2 min 5 s`.
  var humanSeconds: String {
    if self < 1 { return "\(Int((self * 1000).rounded())) ms" }
    if self < 10 { return "\((self * 100).rounded() / 100) s" }
    if self < 120 { return "\((self * 10).rounded() / 10) s" }
    return "\(Int(self) / 60) min \(Int(self) % 60) s"
  }
}
