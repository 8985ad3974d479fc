// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// A uniformly random order of `0..<count`, drawn one element at a time: Durstenfeld's
/// Fisher–Yates shuffle (R. Durstenfeld, CACM 7:420, 1964) run lazily over a sparse map of
/// the positions it has swapped, so taking k elements costs O(k) time and memory whatever
/// `count` is. The first k elements do not depend on how many are taken after them, so a
/// sample of k is a prefix of every longer sample from the same stream.
public struct RandomOrder {
  public let count: Int
  /// Elements handed out so far.
  public private(set) var taken = 0
  private var swapped: [Int: Int] = [:]

  public init(count: Int) { self.count = count }

  /// The next element, or nil when all `count` have been handed out.
  /// - Complexity: O(1) expected.
  public mutating func next(_ stream: RandomStream) -> Int? {
    guard taken < count else { return nil }
    let i = taken
    let j = i + stream.uniformInt(below: count - i)
    let pick = swapped[j] ?? j
    swapped[j] = swapped[i] ?? i
    taken += 1
    return pick
  }
}
