// SPDX-License-Identifier: GPL-3.0-or-later
import CSystem
import Foundation

/// Writes a results folder so that it appears whole or not at all: every file goes into a
/// hidden staging folder beside the destination, and `publish()` puts the staging folder in
/// the destination's place with one atomic exchange of the two names (`renameat2`), then
/// removes what was there. A kill at any moment leaves the old complete folder or the new
/// one, never a mixture, and an existing folder is replaced, never merged into.
///
/// Where the file system cannot exchange names, the old folder is first renamed aside
/// (`.NAME.previous-PID`) and the next `ResultStaging` for that destination puts it back if
/// the process died between the two renames. Staging folders of processes that no longer
/// run are removed. The staging folder is made when the `ResultStaging` is, before any
/// work, so a results folder that cannot be written (under a file, on a read-only or
/// pseudo file system, a name too long) is refused before the first simulated event. A
/// failure before `publish()` removes the staging folder and any parent folders it made; so
/// do Ctrl-C and SIGTERM (`removeUnpublished()`, called by the command line's signal
/// handler).
///
/// Files are created only inside the staging folder, through its descriptor (`openat`),
/// never through a symbolic link: a link planted at the staging folder's name or at a
/// file's name is refused, not followed.
///
/// A destination that exists must be a results folder (it holds `manifest.json`) or empty:
/// replacing `--out ~/Documents` whole would destroy it.
///
/// A resumable staging folder (`viral sweep`) is named after its destination alone
/// (`.NAME.sweep`), not the process, and survives a failure, a kill or Ctrl-C, so that the
/// next run can continue it (`SweepOutput`).
public final class ResultStaging {
  public let destination: URL
  /// Where the files are staged.
  public let folder: URL
  private var staging: URL { folder }
  private let resumable: Bool
  private var names: [String] = []
  private var published = false
  /// Folders made for the staging folder, outermost first: removed again if nothing is
  /// published.
  private var madeParents: [URL] = []
  /// The staging folder, opened (without following a link) once it exists.
  private var directory: Int32 = -1

  /// Staging folders not yet published, for the signal handler.
  private static let unpublished = LockedPaths()

  public init(destination: String, resumable: Bool = false) throws(OutputError) {
    let last = (destination as NSString).lastPathComponent
    guard !destination.trimmingCharacters(in: .whitespaces).isEmpty, ![".", "..", "/"].contains(last) else {
      throw OutputError(
        path: destination.isEmpty ? "--out" : destination,
        "the results folder must be named: give --out a folder of its own, such as Results/trial (got '\(destination)')",
        refusal: true)
    }
    self.destination = URL(fileURLWithPath: destination, isDirectory: true).standardizedFileURL
    let parent = self.destination.deletingLastPathComponent()
    let name = self.destination.lastPathComponent
    // Hidden names are the staging folders' (.NAME.staging-PID, .NAME.previous-PID,
    // .NAME.sweep): a results folder named like one could take another's place.
    guard !name.hasPrefix(".") else {
      throw OutputError(
        path: destination,
        "a results folder's name cannot begin with a dot: hidden names are Viral's staging folders; name it without the dot",
        refusal: true)
    }
    self.resumable = resumable
    folder = parent.appendingPathComponent(resumable ? ".\(name).sweep" : ".\(name).staging-\(getpid())", isDirectory: true)
    try Self.recover(name, in: parent)
    try checkReplaceable()
    if !resumable { try create() }
  }

  deinit {
    if !published && !resumable { discard() }
    if directory >= 0 { close(directory) }
  }

  /// Stages a file with the given text.
  public func write(_ name: String, _ text: String) throws(OutputError) {
    try write(name) { handle in try handle.write(contentsOf: Data(text.utf8)) }
  }

  /// Stages a file written piece by piece (for exports too large to hold as one string).
  public func write(_ name: String, with body: (FileHandle) throws -> Void) throws(OutputError) {
    let handle = try open(name, truncating: true)
    defer { try? handle.close() }
    // On disk before the folder is published (fsync), so a power loss after publication
    // cannot leave a published folder with empty files.
    do { try body(handle); try handle.synchronize() } catch {
      throw OutputError(path: staging.appendingPathComponent(name).path, "cannot write \(name): \(Self.reason(error))")
    }
    names.append(name)
  }

  /// Opens staged file `name` for writing, creating it (emptied, with `truncating`): only
  /// a plain name inside the staging folder, never through a link.
  public func open(_ name: String, truncating: Bool) throws(OutputError) -> FileHandle {
    try create()
    precondition(!name.contains("/") && name != "." && name != "..", "a staged file's name is one path component")
    let flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (truncating ? O_TRUNC : 0)
    let descriptor = openat(directory, name, flags, 0o644)
    guard descriptor >= 0 else {
      let reason =
        errno == ELOOP ? "it is a symbolic link, and Viral does not write through links" : String(cString: strerror(errno))
      throw OutputError(path: staging.appendingPathComponent(name).path, "cannot write \(name): \(reason)")
    }
    return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
  }

  /// Puts the staged folder in the destination's place.
  public func publish() throws(OutputError) {
    try create()
    try checkReplaceable()
    // The staged names are on disk before the exchange, and the exchange after it.
    guard fsync(directory) == 0 else { throw failure(errno) }
    defer { Self.synchronize(folder: destination.deletingLastPathComponent()) }
    let fileManager = FileManager.default
    if !fileManager.fileExists(atPath: destination.path) {
      guard rename(staging.path, destination.path) == 0 else { throw failure(errno) }
    } else if viral_exchange(staging.path, destination.path) == 0 {
      // The staging name now holds the old folder.
      try? fileManager.removeItem(at: staging)
    } else {
      let aside = destination.deletingLastPathComponent()
        .appendingPathComponent(".\(destination.lastPathComponent).previous-\(getpid())", isDirectory: true)
      guard rename(destination.path, aside.path) == 0 else { throw failure(errno) }
      guard rename(staging.path, destination.path) == 0 else {
        let code = errno
        _ = rename(aside.path, destination.path)
        throw failure(code)
      }
      try? fileManager.removeItem(at: aside)
    }
    published = true
    _ = Self.unpublished.withLock { $0.remove(staging.path) }
  }

  /// The staged file names, in the order written.
  public var fileNames: [String] { names }

  /// Creates the staging folder (keeping what a resumable one holds) for files written
  /// into it directly, named `names`.
  public func prepare(_ names: [String]) throws(OutputError) {
    try create()
    self.names = names
  }

  /// Removes a resumable staging folder (the run starts again).
  public func discardResumable() {
    if directory >= 0 { close(directory) }
    directory = -1
    try? FileManager.default.removeItem(at: staging)
  }

  /// Removes the staging folders of this process that were not published (for Ctrl-C).
  public static func removeUnpublished() {
    for path in unpublished.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
  }

  /// Makes the staging folder (and the parents it needs) and opens it. A resumable one
  /// that exists is kept; one that is a link is refused.
  private func create() throws(OutputError) {
    guard directory < 0 else { return }
    let fileManager = FileManager.default
    var missing: [URL] = []
    var folder = staging.deletingLastPathComponent()
    while !fileManager.fileExists(atPath: folder.path), folder.path != "/" {
      missing.insert(folder, at: 0)
      folder = folder.deletingLastPathComponent()
    }
    if !resumable {
      _ = Self.unpublished.withLock { $0.insert(staging.path) }
      madeParents = missing
      try? fileManager.removeItem(at: staging)
    }
    var code: Int32 = 0
    for parent in missing where mkdir(parent.path, 0o755) != 0 && errno != EEXIST {
      code = errno
      break
    }
    if code == 0, mkdir(staging.path, 0o755) != 0, !(resumable && errno == EEXIST) { code = errno }
    if code == 0 {
      directory = Glibc.open(staging.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
      if directory < 0 { code = errno }
    }
    guard code != 0 else { return }
    if !resumable { discard() }
    // A place the user named that cannot hold a folder is their input's fault; a full disk
    // or a failing device is the machine's.
    let refusal = [ENOTDIR, ENAMETOOLONG, EACCES, EPERM, EROFS, ENOENT, ELOOP, EEXIST].contains(code)
    let reason =
      switch code {
      case _ where code == ELOOP || code == ENOTDIR && fileManager.fileExists(atPath: staging.path):
        "\(staging.lastPathComponent) is a symbolic link or not a folder, and Viral does not write through links; remove it"
      case ENOTDIR: "a part of its path is a file, not a folder"
      default: String(cString: strerror(code))
      }
    throw OutputError(path: destination.path, "cannot create the results folder: \(reason)", refusal: refusal)
  }

  private func discard() {
    try? FileManager.default.removeItem(at: staging)
    for parent in madeParents.reversed() { _ = rmdir(parent.path) }
    _ = Self.unpublished.withLock { $0.remove(staging.path) }
  }

  /// Refuses to replace an existing folder that is neither empty nor a results folder.
  private func checkReplaceable() throws(OutputError) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: destination.path, isDirectory: &isFolder) else { return }
    guard isFolder.boolValue else {
      throw OutputError(
        path: destination.path, "exists and is not a folder; give --out a folder for the results", refusal: true)
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? []
    guard entries.isEmpty || entries.contains("manifest.json") else {
      throw OutputError(
        path: destination.path,
        "exists and is not a Viral results folder (no manifest.json); results replace their folder whole, so give --out a new folder",
        refusal: true)
    }
  }

  /// Cleans up after processes that died while writing `name` in `parent`: their staging
  /// folders are removed, and a folder one of them had renamed aside comes back when
  /// nothing took its place. Only folders: a link planted at such a name is not moved.
  private static func recover(_ name: String, in parent: URL) throws(OutputError) {
    let fileManager = FileManager.default
    guard let entries = try? fileManager.contentsOfDirectory(atPath: parent.path) else { return }
    for entry in entries.sorted() {
      for (kind, restore) in [("staging", false), ("previous", true)] {
        let prefix = ".\(name).\(kind)-"
        guard entry.hasPrefix(prefix), let pid = Int32(entry.dropFirst(prefix.count)), !isRunning(pid) else { continue }
        let path = parent.appendingPathComponent(entry).path
        // Viral's are folders: a link or file of that name is someone else's, left alone.
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { continue }
        let target = parent.appendingPathComponent(name).path
        if restore, !fileManager.fileExists(atPath: target) {
          guard rename(path, target) == 0 else {
            throw OutputError(path: path, "cannot restore an earlier results folder: \(String(cString: strerror(errno)))")
          }
        } else {
          try? fileManager.removeItem(atPath: path)
        }
      }
    }
  }

  /// Whether process `pid` exists (another process's, or this one's).
  private static func isRunning(_ pid: Int32) -> Bool {
    pid == getpid() ? false : kill(pid, 0) == 0 || errno == EPERM
  }

  /// Flushes a folder's entries to disk (after a rename in it); best effort.
  static func synchronize(folder: URL) {
    let descriptor = Glibc.open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    close(descriptor)
  }

  private func failure(_ code: Int32) -> OutputError {
    OutputError(path: destination.path, "cannot move the results into place: \(String(cString: strerror(code)))")
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
}

/// A set of paths shared with a signal handler's thread.
private final class LockedPaths: @unchecked Sendable {
  private let lock = NSLock()
  private var paths: Set<String> = []

  func withLock<T>(_ body: (inout Set<String>) -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body(&paths)
  }
}
