// SPDX-License-Identifier: GPL-3.0-or-later
// The functions are all inline in include/prefetch.h; SwiftPM needs one source file.
#include "prefetch.h"
