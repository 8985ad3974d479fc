// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityIO

/// One input: bytes read as a scenario file is read (a byte-order mark dropped, CRLF made
/// LF, invalid UTF-8 refused), then loaded and checked as `viral validate` checks it, on one
/// thread. Refusals are expected; libFuzzer reports what must never happen: a crash (a
/// trap, an overflow, an out-of-bounds access under AddressSanitizer), a hang (-timeout)
/// or memory beyond -rss_limit_mb.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = Data(bytes: start, count: count)
  let directory = FileManager.default.currentDirectoryPath
  do {
    let text = try InputFile.text(bytes, path: "fuzz.yaml", what: "scenario file")
    let document = try ScenarioDocument(yaml: text, file: "fuzz.yaml")
    _ = try ScenarioValidation.check(document: document, directory: directory, overrides: [], threads: 1)
  } catch {
    // A refusal: what bad input must get.
  }
  return 0
}
