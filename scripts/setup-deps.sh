#!/usr/bin/env bash
# Installs the Debian 12 packages RecScope needs to build, run and test — only what is missing.
# Idempotent; needs root (or sudo) only when something is missing.
set -euo pipefail
PACKAGES=(
    g++ cmake ninja-build ccache pkg-config
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev
    libeigen3-dev libsqlite3-dev sqlite3
    libxkbcommon-dev fonts-dejavu-core xvfb xauth
    clang libclang-rt-14-dev # libFuzzer + sanitizer runtimes for scripts/fuzz.sh
    heaptrack valgrind jq time python3 # bench/memory.sh, bench/run_all.sh
)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "setup-deps: all ${#PACKAGES[@]} packages present"
    exit 0
fi
echo "setup-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
