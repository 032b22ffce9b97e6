#!/usr/bin/env bash
# One command: install what is missing, build, and launch the RecScope GUI on its default
# workspace (created on first launch with the bundled MovieLens demo dataset).
# Extra arguments go to the app, e.g. scripts/run.sh --workspace /tmp/w.recscope
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
bash scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run: no display found; starting RecScope in a virtual X display (xvfb-run)."
    echo "     Use a desktop session, or ssh -X, to see the window."
    exec xvfb-run -a -s "-screen 0 1280x800x24" ./build/app/recscope "$@"
fi
exec ./build/app/recscope "$@"
