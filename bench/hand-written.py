#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts the hand-written scenario plumbing in Sources/: the lines of every `init(from
decoder:)`, `encode(to:)`, `validate…()` function, coding-key enum and hand `==`, each from
its declaration to its closing brace.

    python3 bench/hand-written.py [REPOSITORY]

Issue 30 (a typed scenario schema) reports these before and after; run it on two checkouts.
"""
import collections
import glob
import re
import sys

KINDS = {
    "decoding": re.compile(r"^\s*(public |private |fileprivate |internal )?(convenience )?init\(from decoder: (any )?Decoder\)"),
    "encoding": re.compile(r"^\s*(public |private )?func encode\(to encoder: (any )?Encoder\)"),
    "validation": re.compile(r"^\s*(public |private |internal |fileprivate )?(static )?(mutating )?func validate\w*\("),
    "key enums": re.compile(r"^\s*(private |fileprivate |public )?enum \w*Keys\b.*CodingKey"),
    "hand ==": re.compile(r"static func == \("),
}


def main(root):
    lines_of = collections.Counter()
    declarations = collections.Counter()
    for path in sorted(glob.glob(root + "/Sources/**/*.swift", recursive=True)):
        lines = open(path, encoding="utf-8").read().split("\n")
        for i, line in enumerate(lines):
            kind = next((k for k, pattern in KINDS.items() if pattern.search(line)), None)
            if kind is None:
                continue
            depth, j, opened = 0, i, False
            while j < len(lines):
                depth += lines[j].count("{") - lines[j].count("}")
                opened = opened or "{" in lines[j]
                if opened and depth <= 0:
                    break
                j += 1
            lines_of[kind] += j - i + 1
            declarations[kind] += 1
    for kind in KINDS:
        print(f"{kind:10} {lines_of[kind]:5} lines in {declarations[kind]:3} declarations")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
