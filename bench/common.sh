# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the compare-*.sh scripts (sourced from the repository root): a virtual
# environment for the peers, an output folder and a release build of Viral.
#   peer_setup PACKAGE...   # pip-installs the packages into bench/.venv
VENV=bench/.venv
OUT=bench/out
VIRAL=.build/release/viral

peer_setup() {
  mkdir -p "$OUT"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "$@"
  swift build -c release >/dev/null
}
