// SPDX-License-Identifier: GPL-3.0-or-later

/// One bit per entry of a directed graph's follower rows (`Graph.in`): whether the account
/// follows that follower back. The marked followers of `u` are `u`'s friends (reciprocal
/// ties), in the order of its follower row, so a graph that keeps these bits can drop its
/// following rows (4 bytes a follow) and still answer who is whose friend, and how many of
/// its arcs are reciprocated (`Graph.compactedForRuns`). Memory: 1 bit per follow.
public struct FollowBackMarks: Sendable, Equatable {
  /// Bit `e % 64` of word `e / 64` marks entry `e` of the follower rows.
  public let words: [UInt64]
  /// The number of marked entries: the reciprocated arcs.
  public let markedCount: Int

  /// The marks of `graph`'s follower rows, from a merge of each agent's two rows.
  public init(_ graph: Graph, threads: Int) {
    precondition(graph.isDirected && graph.out.holdsRows, "marks come from the rows of a directed graph")
    let entries = graph.arcCount
    var words = [UInt64](repeating: 0, count: (entries + 63) / 64)
    let chunk = 16_384
    let chunks = (graph.nodeCount + chunk - 1) / chunk
    // A chunk of agents owns the words inside its entries; the (at most two) words it shares
    // with its neighbours are kept aside and merged after.
    var edges = [(first: UInt64, last: UInt64, marked: Int)](repeating: (0, 0, 0), count: chunks)
    graph.out.withView { following in
      graph.in.withView { followers in
        words.withUnsafeMutableBufferPointer { words in
          edges.withUnsafeMutableBufferPointer { edges in
            let shared = UncheckedSendable((words, edges))
            Parallel.forEachRange(graph.nodeCount, chunkSize: chunk, threads: threads) { range in
              let (words, edges) = shared.value
              let start = followers.offsets[range.lowerBound]
              let end = followers.offsets[range.upperBound]
              guard start < end else { return }
              let firstWord = start >> 6
              let lastWord = (end - 1) >> 6
              var (first, last, marked) = (UInt64(0), UInt64(0), 0)
              for u in range {
                let row = followers.offsets[u]
                SortedRows.forEachCommonPosition(followers[u], following[u]) { i in
                  let e = row &+ i
                  let bit = UInt64(1) << UInt64(e & 63)
                  let word = e >> 6
                  if word == firstWord {
                    first |= bit
                  } else if word == lastWord {
                    last |= bit
                  } else {
                    words[word] |= bit
                  }
                  marked &+= 1
                }
              }
              edges[range.lowerBound / chunk] = (first, last, marked)
            }
          }
        }
      }
    }
    var marked = 0
    for c in 0..<chunks {
      let lower = c * chunk
      let start = graph.in.offsets[lower]
      let end = graph.in.offsets[min(lower + chunk, graph.nodeCount)]
      guard start < end else { continue }
      words[start >> 6] |= edges[c].first
      words[(end - 1) >> 6] |= edges[c].last
      marked += edges[c].marked
    }
    self.words = words
    markedCount = marked
  }

  /// Whether entry `e` of the follower rows is marked.
  @inlinable
  public subscript(_ e: Int) -> Bool { words[e >> 6] >> UInt64(e & 63) & 1 == 1 }

  /// Bytes held.
  public var bytes: Int { 8 * words.count }
}
