// SPDX-License-Identifier: GPL-3.0-or-later
// What Swift cannot call directly: exchanging two paths in one atomic step.
#ifndef VIRAL_EXCHANGE_H
#define VIRAL_EXCHANGE_H

/// Swaps the names `a` and `b` (both must exist) atomically: renameat2 with RENAME_EXCHANGE
/// on Linux 3.15 and later, renamex_np with RENAME_SWAP on macOS. Returns 0, or -1 with
/// errno set (EINVAL or ENOSYS where the file system or the system cannot).
int viral_exchange(const char *a, const char *b);

#endif
