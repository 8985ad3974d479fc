// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The results folder of a sweep, written as its points finish and resumable after a kill:
///
/// - the tables stream into a resumable staging folder (`ResultStaging`, `.NAME.sweep`),
///   each point's rows appended in point order;
/// - after each point, one line of the journal (`.NAME.sweep.journal`, beside it) records
///   the point and every table's length; rows past the last line are not done;
/// - the journal opens with what the results depend on (the scenario with its overrides,
///   the tables), so a run of a changed scenario is refused, naming the first difference;
/// - a run that finds a journal of the same sweep cuts every table back to the journal's
///   lengths and continues with the next point, so the finished folder is byte-identical to
///   one written without interruption;
/// - `publish` swaps the staging folder in whole, then removes the journal.
///
/// The journal is locked while a process writes, so two runs never write one sweep.
public final class SweepOutput {
  public let staging: ResultStaging
  /// Points of the sweep (of this shard) already written, by an earlier run or this one.
  public private(set) var pointsDone = 0
  /// Points an earlier run had written.
  public let pointsResumed: Int
  private let journalURL: URL
  private let names: [String]
  private var handles: [FileHandle] = []
  private var journal: FileHandle?
  private var lengths: [UInt64]
  private var lastSync = ContinuousClock.now

  static let magic = "viral sweep journal 1"

  /// Opens the sweep's folder at `destination` for tables `files` (name and header), of
  /// the sweep described by `fingerprint` (lines of `key = value`): resuming the journal of
  /// an earlier run of the same sweep unless `restart`.
  public init(destination: String, files: [(name: String, header: String)], fingerprint: [String], restart: Bool)
    throws(OutputError)
  {
    staging = try ResultStaging(destination: destination, resumable: true)
    names = files.map(\.name)
    journalURL = URL(fileURLWithPath: staging.folder.path + ".journal")
    // One line per value: a newline inside one (a multi-line label) is written escaped.
    let header =
      [Self.magic] + files.map { "file \($0.name)" }
      + fingerprint.map { "scenario " + $0.replacingOccurrences(of: "\n", with: "\\n") } + ["begin"]
    let fileManager = FileManager.default
    // Opened (never through a link) and locked first, then read: what it says is what this
    // process alone goes on writing.
    let journal = try Self.lock(journalURL, staging: staging)
    self.journal = journal
    let earlier =
      restart ? nil : (try? journal.readToEnd()).flatMap { String(data: $0, encoding: .utf8) }
    var resumed: (points: Int, lengths: [UInt64])?
    if let earlier, fileManager.fileExists(atPath: staging.folder.path) {
      let lines = earlier.split(separator: "\n", omittingEmptySubsequences: false)
      // Only lines ending in a newline were written whole.
      let complete = lines.dropLast().map(String.init)
      if let begin = complete.firstIndex(of: "begin"), complete.first == Self.magic {
        let before = Array(complete[..<begin])
        if before != header.dropLast() {
          throw OutputError(
            path: journalURL.path,
            "holds an unfinished sweep of a different scenario (\(Self.difference(Array(before), Array(header.dropLast())))); "
              + "run the scenario as it was to resume it, or add --restart to discard it", refusal: true)
        }
        resumed = Self.lastPoint(complete[(begin + 1)...], files: names, in: staging.folder)
      }
    }
    lengths = []
    if let resumed {
      pointsResumed = resumed.points
      pointsDone = resumed.points
      lengths = resumed.lengths
      try staging.prepare(names + ["manifest.json"])
      try open(truncating: true)
      // The journal keeps its header and finished points: the rest is cut.
      let kept =
        header + (earlier!.split(separator: "\n").map(String.init).filter { $0.hasPrefix("point ") }.prefix(resumed.points))
      try rewriteJournal(kept)
    } else {
      pointsResumed = 0
      staging.discardResumable()
      try staging.prepare(names + ["manifest.json"])
      for (name, text) in files {
        let handle = try staging.open(name, truncating: true)
        do { try handle.write(contentsOf: Data(text.utf8)) } catch {
          throw OutputError(
            path: staging.folder.appendingPathComponent(name).path, "cannot write: \(ResultStaging.reason(error))")
        }
        lengths.append(UInt64(text.utf8.count))
      }
      try open(truncating: false)
      try rewriteJournal(header)
    }
  }

  /// Appends the rows of the next point (its tables' bodies, in the order of `files`) and
  /// records it in the journal.
  public func append(point: Int, bodies: [String]) throws(OutputError) {
    precondition(bodies.count == handles.count)
    for (i, body) in bodies.enumerated() where !body.isEmpty {
      let data = Data(body.utf8)
      do { try handles[i].write(contentsOf: data) } catch {
        throw OutputError(
          path: staging.folder.appendingPathComponent(names[i]).path, "cannot write: \(ResultStaging.reason(error))")
      }
      lengths[i] += UInt64(data.count)
    }
    pointsDone += 1
    let line = "point \(point) " + lengths.map(String.init).joined(separator: " ") + "\n"
    do {
      try journal?.write(contentsOf: Data(line.utf8))
      // Against a power loss, at most once a second: the tables' bytes, then the journal's.
      if ContinuousClock.now - lastSync >= .seconds(1) {
        for handle in handles { try handle.synchronize() }
        try journal?.synchronize()
        lastSync = .now
      }
    } catch {
      throw OutputError(path: journalURL.path, "cannot write: \(ResultStaging.reason(error))")
    }
  }

  /// Adds a table made from the finished ones (`sensitivity.csv`), before `publish`.
  public func write(_ name: String, _ text: String) throws(OutputError) {
    try staging.write(name, text)
    extra.append(name)
  }

  /// Writes `manifest.json` (and, with `report`, `report.html`) and puts the folder in
  /// place; the journal goes.
  public func publish(manifest: String, report: Bool = false) throws(OutputError) {
    for handle in handles {
      try? handle.synchronize()
      try? handle.close()
    }
    handles = []
    try staging.write("manifest.json", manifest)
    if report { try Report.stage(in: staging) }
    try staging.publish()
    try? journal?.close()
    journal = nil
    try? FileManager.default.removeItem(at: journalURL)
  }

  /// Every staged table's length and SHA-256 (for a shard's manifest), once the last point
  /// is written.
  public func digests() throws(OutputError) -> [String: FileDigest] {
    var digests: [String: FileDigest] = [:]
    for name in names + extra {
      digests[name] = try FileDigest.of(staging.folder.appendingPathComponent(name).path)
    }
    return digests
  }

  /// The staged file names.
  public var fileNames: [String] { names + extra + ["manifest.json"] }
  private var extra: [String] = []

  private func open(truncating: Bool) throws(OutputError) {
    for (i, name) in names.enumerated() {
      let handle = try staging.open(name, truncating: false)
      do {
        if truncating { try handle.truncate(atOffset: lengths[i]) }
        try handle.seekToEnd()
        handles.append(handle)
      } catch {
        throw OutputError(
          path: staging.folder.appendingPathComponent(name).path,
          "cannot open to continue the sweep: \(ResultStaging.reason(error))")
      }
    }
  }

  private func rewriteJournal(_ lines: [String]) throws(OutputError) {
    guard let journal else { return }
    do {
      try journal.truncate(atOffset: 0)
      try journal.write(contentsOf: Data(lines.map { $0 + "\n" }.joined().utf8))
      try journal.synchronize()
    } catch { throw OutputError(path: journalURL.path, "cannot write: \(ResultStaging.reason(error))") }
  }

  /// Opens and locks the journal (`flock`: the lock goes with the process, however it ends).
  private static func lock(_ url: URL, staging: ResultStaging) throws(OutputError) -> FileHandle {
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    // Not through a symbolic link: a link planted at the journal's fixed name would have
    // Viral overwrite whatever it points to.
    let descriptor = Glibc.open(url.path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      let reason =
        errno == ELOOP
        ? "it is a symbolic link, and Viral does not write through links; remove it" : String(cString: strerror(errno))
      throw OutputError(path: url.path, "cannot open the sweep's journal: \(reason)", refusal: errno == ELOOP)
    }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    guard flock(handle.fileDescriptor, LOCK_EX | LOCK_NB) == 0 else {
      throw OutputError(
        path: staging.destination.path,
        "another viral sweep is writing these results now; wait for it or give --out another folder",
        refusal: true)
    }
    return handle
  }

  /// The last point line whose lengths the staged files still have.
  private static func lastPoint(_ lines: ArraySlice<String>, files: [String], in folder: URL) -> (Int, [UInt64])? {
    let sizes = files.map { name -> UInt64? in
      (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? NSNumber)?
        .uint64Value
    }
    guard sizes.allSatisfy({ $0 != nil }) else { return nil }
    var done = 0
    var lengths: [UInt64]?
    for line in lines {
      let fields = line.split(separator: " ")
      guard fields.count == files.count + 2, fields[0] == "point" else { break }
      let values = fields.dropFirst(2).compactMap { UInt64($0) }
      guard values.count == files.count, zip(values, sizes).allSatisfy({ $0 <= $1! }) else { break }
      done += 1
      lengths = values
    }
    guard let lengths else {
      // No point finished: every table holds its header only.
      return nil
    }
    return (done, lengths)
  }

  /// The first line where two fingerprints differ, for people.
  static func difference(_ old: [String], _ new: [String]) -> String {
    func pairs(_ lines: [String]) -> [(String, String)] {
      lines.map { line in
        guard let cut = line.range(of: " = ") else { return (line, "") }
        return (String(line[..<cut.lowerBound]), String(line[cut.upperBound...]))
      }
    }
    let before = Dictionary(pairs(old), uniquingKeysWith: { a, _ in a })
    let after = Dictionary(pairs(new), uniquingKeysWith: { a, _ in a })
    for (key, _) in pairs(old) + pairs(new) where before[key] != after[key] {
      let name = key.hasPrefix("scenario ") ? String(key.dropFirst("scenario ".count)) : key
      return
        "\(name) was \(before[key].map { $0.isEmpty ? "present" : $0 } ?? "not set"), now \(after[key].map { $0.isEmpty ? "present" : $0 } ?? "not set")"
    }
    return "the tables differ"
  }
}
