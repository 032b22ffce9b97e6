#!/usr/bin/env bash
# One command: install what is missing, build, and run every test (GUI tests offscreen).
# Screenshots written by GUI tests land in build/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
bash scripts/build.sh
export QT_QPA_PLATFORM=offscreen QTEST_DISABLE_STACK_DUMP=1
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d /tmp/recscope-xdg.XXXXXX)}
chmod 0700 "$XDG_RUNTIME_DIR"
ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
