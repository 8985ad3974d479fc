// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Synchronization

/// Runs independent chunks of work on several threads.
///
/// Work is split into a fixed number of chunks that does not depend on the thread count;
/// callers combine per-chunk results in chunk order, so every result is the same whether it
/// ran on 1 thread or 64.
public enum Parallel {
  /// Calls `body(chunk)` once for every chunk in `0..<chunkCount`, on up to `threads`
  /// threads. Returns when all chunks are done.
  public static func forEachChunk(_ chunkCount: Int, threads: Int, _ body: (Int) -> Void) {
    forEachChunk(chunkCount, workers: workerCount(chunkCount, threads: threads)) { chunk, _ in body(chunk) }
  }

  /// The number of workers `forEachChunk(_:workers:_:)` should use for `chunkCount` chunks.
  public static func workerCount(_ chunkCount: Int, threads: Int) -> Int {
    max(1, min(threads, chunkCount))
  }

  /// Calls `body(chunk, worker)` for every chunk, where `worker` in `0..<workers` identifies
  /// the thread, so callers can give each worker its own scratch memory.
  public static func forEachChunk(_ chunkCount: Int, workers: Int, _ body: (Int, Int) -> Void) {
    if workers <= 1 {
      for chunk in 0..<chunkCount { body(chunk, 0) }
      return
    }
    let next = Atomic<Int>(0)
    withoutActuallyEscaping(body) { body in
      let shared = UncheckedSendable(body)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        while true {
          let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
          guard chunk < chunkCount else { return }
          shared.value(chunk, worker)
        }
      }
    }
  }

  /// Splits `0..<count` into chunks of `chunkSize` and calls `body(range)` for each.
  public static func forEachRange(
    _ count: Int, chunkSize: Int, threads: Int, _ body: (Range<Int>) -> Void
  ) {
    let chunks = (count + chunkSize - 1) / chunkSize
    forEachChunk(chunks, threads: threads) { chunk in
      let start = chunk * chunkSize
      body(start..<min(start + chunkSize, count))
    }
  }
}

/// Wraps a value that is safe to share for the duration of one parallel kernel (raw buffers
/// written at disjoint indices, closures that only touch such buffers).
public struct UncheckedSendable<Value>: @unchecked Sendable {
  public let value: Value
  public init(_ value: Value) { self.value = value }
}
