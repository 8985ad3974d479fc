// SPDX-License-Identifier: GPL-3.0-or-later

/// CSR rows built without an edge list, for a generator that can draw its entries twice
/// from the same streams: a counting pass tallies each row's length (`count`), a filling
/// pass writes every entry straight into its row (`place`), and `finish` sorts each row and
/// drops self-loops and repeats. The rows are those `GraphBuilder` makes from a list of the
/// same entries, in whatever order they were placed.
///
/// Memory: the rows (4 bytes an entry) and their offsets (8 bytes a node), nothing else:
/// each offset serves as its row's fill cursor, and rows are cleaned in place.
struct RowFill: ~Copyable {
  let nodeCount: Int
  /// While counting: each row's length. While filling: each row's next free slot. After
  /// `finish`: the row starts.
  private var offsets: [Int]
  private var targets: [UInt32] = []
  private var filling = false

  init(nodeCount: Int) {
    self.nodeCount = nodeCount
    offsets = [Int](repeating: 0, count: nodeCount + 1)
  }

  /// Pointers for the passes. Workers may share one as long as no two touch the same row.
  struct Writer: @unchecked Sendable {
    fileprivate let offsets: UnsafeMutablePointer<Int>
    fileprivate let targets: UnsafeMutablePointer<UInt32>?

    /// Counting pass: one more entry in row `u`.
    @inline(__always)
    func count(_ u: Int) { offsets[u] &+= 1 }

    /// Filling pass: `v` into row `u` (as often as the counting pass counted it).
    @inline(__always)
    func place(_ u: Int, _ v: Int) {
      targets![offsets[u]] = UInt32(truncatingIfNeeded: v)
      offsets[u] &+= 1
    }
  }

  /// Runs `body` with the writer for the current pass.
  mutating func withWriter<R>(_ body: (Writer) -> R) -> R {
    offsets.withUnsafeMutableBufferPointer { offsets in
      targets.withUnsafeMutableBufferPointer { targets in
        body(Writer(offsets: offsets.baseAddress!, targets: targets.baseAddress))
      }
    }
  }

  /// Ends the counting pass: allocates the rows and points each cursor at its row's start.
  mutating func startFilling() {
    precondition(!filling, "startFilling is called once, after counting")
    var start = 0
    for u in 0..<nodeCount {
      let length = offsets[u]
      offsets[u] = start
      start += length
    }
    offsets[nodeCount] = start
    targets = [UInt32](repeating: 0, count: start)
    filling = true
  }

  /// Ends the filling pass of rows placed in ascending order without self-loops or repeats
  /// (a transpose): they are kept as placed.
  consuming func rowsAsPlaced() -> CompressedRows {
    restoreRowStarts()
    return CompressedRows(offsets: offsets, targets: targets)
  }

  /// After the filling pass each cursor stands at the start of the next row: shifted back,
  /// they are the row starts.
  private mutating func restoreRowStarts() {
    precondition(filling, "the rows are finished after the filling pass")
    for u in stride(from: nodeCount, to: 0, by: -1) { offsets[u] = offsets[u - 1] }
    offsets[0] = 0
  }

  /// Ends the filling pass: every row sorted, without self-loops and repeats (counted in
  /// `report`). Rows are cleaned in parallel chunks, each compacted inside its own range;
  /// the chunks are then moved together in order, so the result does not depend on the
  /// thread count.
  consuming func finish(threads: Int, report: inout BuildReport) -> CompressedRows {
    restoreRowStarts()
    let n = nodeCount
    let total = offsets[n]
    let chunk = GraphBuilder.rowChunk
    let chunks = (n + chunk - 1) / chunk
    // Per chunk: entries kept, self-loops and repeats.
    var kept = [Int](repeating: 0, count: chunks)
    var loops = [Int](repeating: 0, count: chunks)
    var duplicates = [Int](repeating: 0, count: chunks)
    offsets.withUnsafeMutableBufferPointer { offsets in
      targets.withUnsafeMutableBufferPointer { targets in
        kept.withUnsafeMutableBufferPointer { kept in
          loops.withUnsafeMutableBufferPointer { loops in
            duplicates.withUnsafeMutableBufferPointer { duplicates in
              let shared = UncheckedSendable((offsets, targets, kept, loops, duplicates))
              Parallel.forEachChunk(chunks, threads: threads) { c in
                let (offsets, targets, kept, loops, duplicates) = shared.value
                let first = c * chunk
                let end = min(n, first + chunk)
                // Rows move left within the chunk; offsets[u] is rewritten only after row u
                // is read, and offsets[end] (the next chunk's) is left alone.
                var start = offsets[first]
                var write = start
                for u in first..<end {
                  let stop = offsets[u + 1]
                  let row = UnsafeMutableBufferPointer(rebasing: targets[start..<stop])
                  offsets[u] = write
                  let removed = GraphBuilder.clean(row, of: u) { v in
                    targets[write] = v
                    write &+= 1
                  }
                  loops[c] &+= removed.loops
                  duplicates[c] &+= removed.duplicates
                  start = stop
                }
                kept[c] = write - offsets[first]
              }
            }
          }
        }
      }
    }
    report.selfLoopsRemoved += loops.reduce(0, +)
    report.duplicatesRemoved += duplicates.reduce(0, +)
    // Move the chunks together, left to right.
    var removed = 0
    targets.withUnsafeMutableBufferPointer { targets in
      for c in 0..<chunks {
        let first = c * chunk
        let end = min(n, first + chunk)
        let base = offsets[first]
        let length = (c + 1 < chunks ? offsets[end] : total) - base
        if removed > 0 {
          let source = targets.baseAddress! + base
          (source - removed).update(from: source, count: kept[c])
          for u in first..<end { offsets[u] -= removed }
        }
        removed += length - kept[c]
      }
    }
    offsets[n] = total - removed
    if removed > 0 { targets.removeLast(removed) }
    return CompressedRows(offsets: offsets, targets: targets)
  }
}
