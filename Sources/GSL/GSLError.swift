// SPDX-License-Identifier: GPL-3.0-or-later
internal import CGSL

/// A failure reported by a GSL routine, carrying GSL's status code and its reason.
public struct GSLError: Error, CustomStringConvertible, Sendable {
  /// GSL's status code (`GSL_EDOM`, `GSL_ENOMEM`, ...).
  public let code: Int32
  /// What was being done when GSL failed.
  public let context: String

  public var description: String {
    let reason = gsl_strerror(code).map { String(cString: $0) } ?? "unknown GSL error"
    return "GSL failed in \(context): \(reason) (status \(code))"
  }
}

/// GSL's default error handler aborts the process. Viral turns it off once, before the first
/// GSL call, and checks status codes instead (see `check(_:_:)`).
enum GSLRuntime {
  static let handlerDisabled: Bool = {
    gsl_set_error_handler_off()
    return true
  }()

  /// Makes sure GSL will report errors by status instead of aborting.
  static func prepare() {
    precondition(handlerDisabled)
  }

  /// Turns a GSL status code into a thrown `GSLError`.
  static func check(_ status: Int32, _ context: @autoclosure () -> String) throws(GSLError) {
    guard status == GSL_SUCCESS else { throw GSLError(code: status, context: context()) }
  }
}
