#!/usr/bin/env bash
# Builds and runs the libFuzzer targets of tests/fuzz (clang, ASan + UBSan) in ./build-fuzz.
#
#   bash scripts/fuzz.sh --regress            # CI: each target over its seed corpus (-runs=0),
#                                             # then 20 s of fuzzing each; fails on any crash
#   bash scripts/fuzz.sh --minutes N [--merge] [TARGET...]
#                                             # fuzz each target (or the named ones) N minutes,
#                                             # one at a time, printing libFuzzer's final stats;
#                                             # --merge adds the new interesting inputs to
#                                             # tests/fuzz/corpus/TARGET (-merge=1)
#   bash scripts/fuzz.sh --seeds              # rewrite the fuzz_model_blob seeds (trained tiny
#                                             # models) after a model format change
#
# Targets: fuzz_delimited_reader (sniffer, reader, rating fields), fuzz_mermaid_parser (parse,
# write, parse again: same graph), fuzz_model_blob (stored model rows -> ModelState -> load ->
# score). New inputs found while fuzzing go to build-fuzz/fuzz-new/TARGET, crashes to
# build-fuzz/fuzz-crashes/ (add a crashing input to the corpus as a regression seed once fixed).
# Environment: RECSCOPE_FUZZ_BUILD_DIR (default build-fuzz), FUZZ_JOBS (build parallelism,
# default: nproc), FUZZ_REGRESS_SECONDS (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=""
MINUTES=0
MERGE=0
TARGETS=()
while [ $# -gt 0 ]; do
    case "$1" in
    --regress) MODE=regress ;;
    --minutes) MODE=fuzz; MINUTES=${2:?--minutes needs a number}; shift ;;
    --merge) MERGE=1 ;;
    --seeds) MODE=seeds ;;
    -h | --help) sed -n '2,21p' "$0"; exit 0 ;;
    fuzz_*) TARGETS+=("$1") ;;
    *) echo "fuzz.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[ -n "$MODE" ] || { echo "fuzz.sh: give --regress, --minutes N or --seeds (see --help)" >&2; exit 2; }
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_delimited_reader fuzz_mermaid_parser fuzz_model_blob)

BUILD_DIR=${RECSCOPE_FUZZ_BUILD_DIR:-build-fuzz}
JOBS=${FUZZ_JOBS:-$(nproc)}
CORPUS=tests/fuzz/corpus
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

bash scripts/setup-deps.sh # clang and libclang-rt-14-dev (libFuzzer) are in its list
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DRECSCOPE_FUZZ=ON -DRECSCOPE_BUILD_UI=OFF -DRECSCOPE_BUILD_BENCH=OFF -DRECSCOPE_PCH=OFF
fi
if [ "$MODE" = seeds ]; then
    cmake --build "$BUILD_DIR" -j "$JOBS" --target fuzz_model_blob_seeds
    "$BUILD_DIR/tests/fuzz/fuzz_model_blob_seeds" "$CORPUS/fuzz_model_blob"
    exit 0
fi
cmake --build "$BUILD_DIR" -j "$JOBS" --target "${TARGETS[@]}"

CRASHES="$BUILD_DIR/fuzz-crashes"
mkdir -p "$CRASHES"
status=0
for t in "${TARGETS[@]}"; do
    exe="$BUILD_DIR/tests/fuzz/$t"
    new="$BUILD_DIR/fuzz-new/$t"
    mkdir -p "$new"
    common=(-max_len=65536 -timeout=20 -rss_limit_mb=2048
            "-artifact_prefix=$CRASHES/$t-" -print_final_stats=1)
    if [ "$MODE" = regress ]; then
        echo "== $t: corpus ($(ls "$CORPUS/$t" | wc -l) inputs)"
        "$exe" "${common[@]}" -runs=0 "$CORPUS/$t" || status=1
        # Fuzz in a scratch copy so that CI never writes into the source tree.
        scratch=$(mktemp -d)
        echo "== $t: ${FUZZ_REGRESS_SECONDS:-20} s of fuzzing"
        "$exe" "${common[@]}" -max_total_time="${FUZZ_REGRESS_SECONDS:-20}" "$scratch" \
            "$CORPUS/$t" || status=1
        rm -rf "$scratch"
    else
        echo "== $t: fuzzing $MINUTES min"
        "$exe" "${common[@]}" -max_total_time=$((MINUTES * 60)) "$new" "$CORPUS/$t" || status=1
        if [ "$MERGE" = 1 ]; then
            echo "== $t: merging new inputs into $CORPUS/$t"
            "$exe" -merge=1 -max_len=65536 -timeout=20 "$CORPUS/$t" "$new" || status=1
        fi
    fi
done
if [ "$status" != 0 ]; then
    echo "fuzz.sh: a target failed; crashing inputs are in $CRASHES" >&2
fi
exit "$status"
