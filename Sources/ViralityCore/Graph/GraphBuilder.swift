// SPDX-License-Identifier: GPL-3.0-or-later

/// What building a graph removed from its edge list.
public struct BuildReport: Sendable, Equatable {
  /// Edges from a node to itself, dropped.
  public var selfLoopsRemoved = 0
  /// Repeated edges, dropped (for undirected graphs counted once per friendship).
  public var duplicatesRemoved = 0
  public init() {}
}

/// Turns an `EdgeList` into an immutable `Graph`: a counting sort by source in two
/// cache-friendly passes (see `rows`), then each row sorted and cleared of self-loops and
/// duplicates.
///
/// - Complexity: O(n + m) plus sorting each row (rows are short in social graphs; a row of
///   length d costs O(d log d)); 8 bytes per stored entry of staging. Work runs on `threads`
///   threads; the result is the same for any thread count.
public enum GraphBuilder {
  /// Rows per parallel chunk when sorting and cleaning rows.
  static let rowChunk = 16_384

  public static func build(
    nodeCount: Int, edges: consuming EdgeList, directed: Bool, threads: Int,
    labels: [String]? = nil, communities: [UInt32]? = nil
  ) -> (graph: Graph, report: BuildReport) {
    var report = BuildReport()
    var sources = edges.sources
    var targets = edges.targets
    edges = EdgeList()  // release the caller's buffers as early as possible
    let out = rows(nodeCount: nodeCount, from: sources, to: targets, bothWays: !directed, threads: threads, report: &report)
    // The edge list is no longer needed: the reverse rows come from the out rows.
    sources = []
    targets = []
    var incoming: CompressedRows? = nil
    if directed {
      incoming = transposed(out, nodeCount: nodeCount, threads: threads)
    } else {
      report.selfLoopsRemoved /= 2
      report.duplicatesRemoved /= 2
    }
    let graph = Graph(
      nodeCount: nodeCount, isDirected: directed, out: out, in: incoming, labels: labels,
      communities: communities)
    return (graph, report)
  }

  /// CSR rows of the pairs `from[i] → to[i]` (and `to[i] → from[i]` if `bothWays`).
  ///
  /// Two passes, to keep the random writes of a counting sort inside the cache: entries are
  /// first partitioned into buckets of consecutive rows (sequential write streams), then
  /// each bucket's rows are counted, filled, sorted and cleaned on their own. Buckets run
  /// in parallel. The list is cut into fixed chunks whose entries land at precomputed
  /// places, so the result does not depend on the thread count.
  static func rows(
    nodeCount n: Int, from: [UInt32], to: [UInt32], bothWays: Bool, threads: Int,
    report: inout BuildReport, roundEntries: Int = roundEntries
  ) -> CompressedRows {
    let pairs = from.count
    var shift = 12
    while (n >> shift) > 256 { shift += 1 }
    let buckets = (n >> shift) + 1
    let chunkSize = 1 << 20
    let chunks = max(1, (pairs + chunkSize - 1) / chunkSize)
    // Pass 1a: entries per (chunk, bucket).
    var counts = [Int](repeating: 0, count: chunks * buckets)
    from.withUnsafeBufferPointer { from in
      to.withUnsafeBufferPointer { to in
        counts.withUnsafeMutableBufferPointer { counts in
          let shared = UncheckedSendable((from, to, counts))
          Parallel.forEachChunk(chunks, threads: threads) { chunk in
            let (from, to, counts) = shared.value
            let row = counts.baseAddress! + chunk * buckets
            for i in (chunk * chunkSize)..<min(pairs, (chunk + 1) * chunkSize) {
              row[Int(from[i]) >> shift] &+= 1
              if bothWays { row[Int(to[i]) >> shift] &+= 1 }
            }
          }
        }
      }
    }
    // Where each (chunk, bucket) writes: buckets in order, chunks in order inside a bucket.
    var bucketStart = [Int](repeating: 0, count: buckets + 1)
    var place = [Int](repeating: 0, count: chunks * buckets)
    var running = 0
    for b in 0..<buckets {
      bucketStart[b] = running
      for c in 0..<chunks {
        place[c * buckets + b] = running
        running += counts[c * buckets + b]
      }
    }
    bucketStart[buckets] = running
    counts = []
    let total = running
    // Passes 1b and 2, in rounds of consecutive buckets, so that the staging holds only one
    // round's entries (`stagingRounds`): each round scatters the (row, target) pairs of its
    // buckets, then counts, fills, sorts and cleans each of those buckets' rows in cache.
    var offsets = [Int](repeating: 0, count: n + 1)
    var loops = [Int](repeating: 0, count: buckets)
    var duplicates = [Int](repeating: 0, count: buckets)
    var kept = [Int](repeating: 0, count: n)
    let rounds = stagingRounds(entries: total, buckets: buckets, roundEntries: roundEntries)
    let roundBuckets = (0...rounds).map { $0 * buckets / rounds }
    var staged = [UInt64](
      repeating: 0, count: (0..<rounds).map { bucketStart[roundBuckets[$0 + 1]] - bucketStart[roundBuckets[$0]] }.max() ?? 0)
    var targets = [UInt32](unsafeUninitializedCapacity: total) { targets, initialized in
      for round in 0..<rounds {
        let (firstBucket, endBucket) = (roundBuckets[round], roundBuckets[round + 1])
        let base = bucketStart[firstBucket]
        // Pass 1b: this round's pairs into their buckets.
        from.withUnsafeBufferPointer { from in
          to.withUnsafeBufferPointer { to in
            place.withUnsafeMutableBufferPointer { place in
              staged.withUnsafeMutableBufferPointer { staged in
                let shared = UncheckedSendable((from, to, place, staged))
                Parallel.forEachChunk(chunks, threads: threads) { chunk in
                  let (from, to, place, staged) = shared.value
                  let cursor = place.baseAddress! + chunk * buckets
                  for i in (chunk * chunkSize)..<min(pairs, (chunk + 1) * chunkSize) {
                    let u = UInt64(from[i])
                    let v = UInt64(to[i])
                    let b = Int(u) >> shift
                    if b >= firstBucket && b < endBucket {
                      staged[cursor[b] - base] = u << 32 | v
                      cursor[b] &+= 1
                    }
                    if bothWays {
                      let c = Int(v) >> shift
                      if c >= firstBucket && c < endBucket {
                        staged[cursor[c] - base] = v << 32 | u
                        cursor[c] &+= 1
                      }
                    }
                  }
                }
              }
            }
          }
        }
        // Pass 2: each bucket's rows, counted, filled, sorted and cleaned in cache.
        staged.withUnsafeBufferPointer { staged in
          offsets.withUnsafeMutableBufferPointer { offsets in
            kept.withUnsafeMutableBufferPointer { kept in
              loops.withUnsafeMutableBufferPointer { loops in
                duplicates.withUnsafeMutableBufferPointer { duplicates in
                  let shared = UncheckedSendable((staged, offsets, kept, loops, duplicates, targets))
                  Parallel.forEachChunk(endBucket - firstBucket, threads: threads) { index in
                    let b = firstBucket + index
                    let (staged, offsets, kept, loops, duplicates, targets) = shared.value
                    let firstRow = b << shift
                    let endRow = min(n, (b + 1) << shift)
                    guard firstRow < endRow else { return }
                    let entries = bucketStart[b]..<bucketStart[b + 1]
                    // Row starts (offsets[u] holds the start of row u here).
                    for u in firstRow..<endRow { offsets[u] = 0 }
                    for i in entries { offsets[Int(staged[i - base] >> 32)] &+= 1 }
                    var start = entries.lowerBound
                    for u in firstRow..<endRow {
                      let length = offsets[u]
                      offsets[u] = start
                      kept[u] = start  // fill cursor for now
                      start &+= length
                    }
                    for i in entries {
                      let u = Int(staged[i - base] >> 32)
                      targets[kept[u]] = UInt32(truncatingIfNeeded: staged[i - base])
                      kept[u] &+= 1
                    }
                    for u in firstRow..<endRow {
                      let end = u + 1 < endRow ? offsets[u + 1] : entries.upperBound
                      let row = UnsafeMutableBufferPointer(rebasing: targets[offsets[u]..<end])
                      var keep = 0
                      let removed = clean(row, of: u) { _ in keep &+= 1 }
                      loops[b] &+= removed.loops
                      duplicates[b] &+= removed.duplicates
                      kept[u] = keep
                    }
                  }
                }
              }
            }
          }
        }
      }
      initialized = total
    }
    staged = []
    place = []
    offsets[n] = total
    let removedLoops = loops.reduce(0, +)
    let removedDuplicates = duplicates.reduce(0, +)
    report.selfLoopsRemoved += removedLoops
    report.duplicatesRemoved += removedDuplicates
    guard removedLoops + removedDuplicates > 0 else {
      return CompressedRows(offsets: offsets, targets: targets)
    }
    // Compact in place, left to right (every row moves left or stays).
    var write = 0
    targets.withUnsafeMutableBufferPointer { targets in
      for u in 0..<n {
        let start = offsets[u]
        let end = offsets[u + 1]
        offsets[u] = write
        var previous = UInt32.max
        for i in start..<end {
          let v = targets[i]
          if Int(v) != u && v != previous {
            targets[write] = v
            write &+= 1
          }
          previous = v
        }
      }
    }
    offsets[n] = write
    targets.removeLast(total - write)
    return CompressedRows(offsets: offsets, targets: targets)
  }

  /// Rounds the staging of `rows` is split into: one for lists of up to `roundEntries`
  /// entries, else enough to hold each round near that size (at most one per bucket). Each
  /// round rereads the list, a sequential scan, to save 8 bytes per entry of staging.
  static func stagingRounds(entries: Int, buckets: Int, roundEntries: Int = roundEntries) -> Int {
    max(1, min(buckets, (entries + roundEntries - 1) / roundEntries))
  }

  /// Entries staged per round: 2²⁵ (256 MB of staging).
  static let roundEntries = 1 << 25

  /// The reverse of `rows`: row v lists every u whose row holds v, ascending (rows are
  /// scanned in order of u, so each reverse row comes out sorted and, as the rows hold no
  /// duplicates, without them). The nodes are split into as many ranges as threads; each
  /// worker scans every row and keeps the entries in its range, so the result does not
  /// depend on the thread count. Memory: the reverse rows and their n + 1 offsets, nothing
  /// else (`RowFill`).
  /// - Complexity: O(n + m · workers) reads, O(m) writes.
  static func transposed(_ rows: CompressedRows, nodeCount n: Int, threads: Int) -> CompressedRows {
    let parts = max(1, min(threads, n))
    let bounds = (0...parts).map { UInt32($0 * n / parts) }
    var fill = RowFill(nodeCount: n)
    // Workers own the rows of their range, so they never touch the same row.
    func pass(_ fill: inout RowFill, _ body: @escaping @Sendable (RowFill.Writer, Int, UInt32) -> Void) {
      rows.withView { view in
        fill.withWriter { writer in
          Parallel.forEachChunk(parts, threads: threads) { part in
            let (low, high) = (bounds[part], bounds[part + 1])
            for u in 0..<n {
              for v in view[u] where v >= low && v < high { body(writer, u, v) }
            }
          }
        }
      }
    }
    pass(&fill) { writer, _, v in writer.count(Int(v)) }
    fill.startFilling()
    pass(&fill) { writer, u, v in writer.place(Int(v), u) }
    return fill.rowsAsPlaced()
  }

  /// Sorts row `u` and hands `keep` each entry that is neither `u` nor a repeat, in order;
  /// returns how many of each were dropped. `keep` may write into the row at or before the
  /// entry it is given (compaction in place).
  @inline(__always)
  static func clean(
    _ row: UnsafeMutableBufferPointer<UInt32>, of u: Int, keep: (UInt32) -> Void
  ) -> (loops: Int, duplicates: Int) {
    sortRow(row)
    var (loops, duplicates) = (0, 0)
    var previous = UInt32.max
    for v in row {
      if Int(v) == u {
        loops &+= 1
      } else if v == previous {
        duplicates &+= 1
      } else {
        keep(v)
      }
      previous = v
    }
    return (loops, duplicates)
  }

  /// Sorts one row: insertion sort for the short rows that dominate social graphs.
  @inline(__always)
  static func sortRow(_ row: UnsafeMutableBufferPointer<UInt32>) {
    let count = row.count
    if count > 32 {
      var row = row
      row.sort()
      return
    }
    var i = 1
    while i < count {
      let x = row[i]
      var j = i &- 1
      while j >= 0 && row[j] > x {
        row[j &+ 1] = row[j]
        j &-= 1
      }
      row[j &+ 1] = x
      i &+= 1
    }
  }
}
