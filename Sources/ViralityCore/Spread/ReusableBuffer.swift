// SPDX-License-Identifier: GPL-3.0-or-later

/// A growable buffer one worker reuses from run to run: appending never checks uniqueness
/// or exclusivity, and clearing keeps the storage. For the engine's hot loops.
final class ReusableBuffer<Element: BitwiseCopyable> {
  // Confined to one worker; dynamic exclusivity checks would cost more than the work.
  @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<Element>
  @exclusivity(unchecked) private var capacity: Int
  @exclusivity(unchecked) private(set) var count = 0

  init(capacity: Int = 256) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  @inline(__always)
  func removeAll() { count = 0 }

  @inline(__always)
  func append(_ element: Element) {
    if count == capacity { grow() }
    base[count] = element
    count += 1
  }

  @inline(__always)
  subscript(_ i: Int) -> Element {
    get { base[i] }
    set { base[i] = newValue }
  }

  /// Room for `count` elements, contents undefined (for buffers filled by index).
  func resize(_ count: Int) {
    if count > capacity {
      base.deallocate()
      capacity = max(count, 2 * capacity)
      base = .allocate(capacity: capacity)
    }
    self.count = count
  }

  private func grow() {
    let bigger = UnsafeMutablePointer<Element>.allocate(capacity: 2 * capacity)
    bigger.update(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity *= 2
  }
}
