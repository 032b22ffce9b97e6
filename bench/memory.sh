#!/usr/bin/env bash
# Memory profile of importing and training on a large generated ratings file (default 25M rows):
#   1. `recscope import` of the CSV into a fresh workspace,
#   2. `recscope train` of each model (default biasedmf and als, 3 epochs/iterations, 2 threads)
#      on the imported dataset: loading, split, fit, evaluation and saving the model. The split
#      holds out only 0.02% of the ratings (--split random:0.0002:seed=0) so that the full-ranking
#      evaluation (every test user against every item) does not dominate the run at 25M;
# each run twice: plainly under /usr/bin/time (peak RSS, wall seconds) and under heaptrack (peak
# heap, number of allocation calls, bytes leaked at exit; heaptrack_print's summary). Without
# heaptrack, valgrind massif is used for the peak heap (much slower; allocations and leaks are not
# reported then).
#
#   bench/memory.sh                               # 25M rows, biasedmf and als
#   bench/memory.sh --size 1M --models biasedmf   # a quick check
#   options: --size N (e.g. 25M) --models a,b --epochs E --threads T --split SPEC --out DIR --work DIR
#            --tool heaptrack|massif  --no-plain (skip the runs without the profiler)
#            --results FILE (append to this results file instead, e.g. the one run_all.sh just
#            wrote when a commit landed in between)
# Prints a table (figure | value | reference | ratio | previous | vs previous) and appends the
# figures (memory.*) to DIR/<date>-<commit>.jsonl (default bench/results, the file run_all.sh
# writes), replacing the memory.* lines a previous memory.sh run of the same day left there.
# The profiles stay in the work dir (heaptrack_gui / heaptrack_print FILE, ms_print FILE).
# Environment: RECSCOPE_BUILD_DIR (default build-bench/), RECSCOPE_BENCH_DIR (work dir, default
# /tmp/recscope-bench; the CSV is shared with run_all.sh and import_vs_sqlite.sh).
set -euo pipefail
source "$(dirname "$0")/bench_lib.sh"

SIZE=25M
MODELS=biasedmf,als
EPOCHS=3
THREADS=2
SPLIT=random:0.0002:seed=0
OUT="$RS_ROOT/bench/results"
WORK=${RECSCOPE_BENCH_DIR:-/tmp/recscope-bench}
TOOL=heaptrack
PLAIN=1
RESULTS_FILE=""
while [ $# -gt 0 ]; do
    case $1 in
        --size) SIZE=$2; shift 2 ;;
        --models) MODELS=$2; shift 2 ;;
        --epochs) EPOCHS=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --split) SPLIT=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --work) WORK=$2; shift 2 ;;
        --tool) TOOL=$2; shift 2 ;;
        --no-plain) PLAIN=0; shift ;;
        --results) RESULTS_FILE=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
for tool in jq python3 /usr/bin/time; do
    command -v "$tool" > /dev/null || { echo "memory.sh needs $tool (scripts/setup-deps.sh installs it)" >&2; exit 1; }
done
if [ "$TOOL" = heaptrack ] && ! command -v heaptrack > /dev/null; then
    echo "heaptrack not found: using valgrind massif" >&2
    TOOL=massif
fi
command -v "${TOOL/massif/valgrind}" > /dev/null || { echo "$TOOL is not installed" >&2; exit 1; }

BUILD=${RECSCOPE_BUILD_DIR:-$RS_ROOT/build-bench}
RECSCOPE="$BUILD/app/recscope"
if [ ! -x "$RECSCOPE" ] || [ ! -x "$BUILD/bench/gen_ratings" ]; then
    if [ ! -f "$BUILD/CMakeCache.txt" ]; then
        cmake -S "$RS_ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DRECSCOPE_BUILD_UI=ON \
            -DRECSCOPE_BUILD_BENCH=ON > /dev/null
    fi
    cmake --build "$BUILD" -j2 --target recscope gen_ratings > /dev/null
fi
ROWS=$(size_rows "$SIZE")
mkdir -p "$WORK" "$OUT"
LOGS="$WORK/memory-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$LOGS"
RESULTS=${RESULTS_FILE:-$OUT/$(date -u +%Y-%m-%d)-$RS_SHORT.jsonl}
touch "$RESULTS"
grep -v '"name":"memory\.' "$RESULTS" > "$RESULTS.tmp" || true
mv "$RESULTS.tmp" "$RESULTS"
MINE="$LOGS/figures.jsonl" # this run's figures, appended to $RESULTS at the end
PREV=$(previous_results "$RS_ROOT/bench/results" "$RS_COMMIT")
T_START=$(date +%s)
log "commit $RS_SHORT, $SIZE rows, models $MODELS, $TOOL; load: $(uptime)"

CSV="$WORK/ratings_$ROWS.csv"
if [ ! -s "$CSV" ]; then
    log "generating $SIZE ratings -> $CSV"
    { echo "userId,movieId,rating,timestamp"; "$BUILD/bench/gen_ratings" --rows "$ROWS" --seed 42; } > "$CSV.tmp"
    mv "$CSV.tmp" "$CSV"
fi

to_mib() { awk -v v="$1" 'BEGIN { printf "%.1f", v / 1048576 }'; }
# heaptrack_print sizes ("1.23G", "512.00M", "12.3K", "100B"; powers of 1000, as its
# formatBytes prints them) -> bytes
hbytes() {
    awk -v s="$1" 'BEGIN {
        sub(/B$/, "", s); u = substr(s, length(s))
        if (u ~ /[0-9]/) { printf "%.0f", s + 0; exit }
        n = substr(s, 1, length(s) - 1) + 0
        m = (u == "K") ? 1e3 : (u == "M") ? 1e6 : (u == "G") ? 1e9 : (u == "T") ? 1e12 : 1
        printf "%.0f", n * m }'
}

# profile LABEL CMD... : the plain run (peak RSS) and the profiled run; emits memory.LABEL.*
profile() {
    local label=$1; shift
    local RESULTS=$MINE
    if [ $PLAIN = 1 ]; then
        log "$label: plain run"
        $BEFORE_RUN
        read -r wall kb < <(timed "$label.plain" "$@" || true)
        emit "memory.$label.peak_rss" "$(awk -v k="$kb" 'BEGIN{printf "%.1f", k/1024}')" MiB lower "" "" 1 \
            "/usr/bin/time, no profiler"
        emit "memory.$label.wall" "$wall" s lower "" "" 1 "no profiler"
        log "  $wall s, peak RSS $((kb / 1024)) MiB"
    fi
    local t0; t0=$(date +%s)
    if [ "$TOOL" = heaptrack ]; then
        log "$label: heaptrack run"
        $BEFORE_RUN
        heaptrack -o "$LOGS/$label.heaptrack" "$@" > "$LOGS/$label.heaptrack.out" 2> "$LOGS/$label.heaptrack.err" ||
            log "  exit status $? under heaptrack (see $LOGS/$label.heaptrack.err)"
        local file; file=$(ls "$LOGS/$label".heaptrack*.{zst,gz} 2>/dev/null | head -1 || true)
        heaptrack_print -f "$file" -p 0 -a 0 -T 0 -l 0 -n 0 -s 0 > "$LOGS/$label.summary.txt" 2>&1 || true
        heaptrack_print -f "$file" -p 1 -n 15 -s 0 -a 0 -T 0 -l 0 > "$LOGS/$label.peaks.txt" 2>&1 || true
        local S="$LOGS/$label.summary.txt"
        local calls peak rss leaked
        calls=$(sed -n 's/^calls to allocation functions: \([0-9]*\).*/\1/p' "$S")
        peak=$(hbytes "$(sed -n 's/^peak heap memory consumption: \(.*\)/\1/p' "$S")")
        rss=$(hbytes "$(sed -n 's/^peak RSS (including heaptrack overhead): \(.*\)/\1/p' "$S")")
        leaked=$(hbytes "$(sed -n 's/^total memory leaked: \(.*\)/\1/p' "$S")")
        local top # the largest consumer at the peak: "46.18M rs::parseRatingsFile"
        top=$(awk '/peak memory consumed over/ && !size { size = $1; getline; sub(/\(.*/, ""); print size, $0; exit }' \
            "$LOGS/$label.peaks.txt" 2>/dev/null || true)
        emit "memory.$label.peak_heap" "$(to_mib "$peak")" MiB lower "" "" 1 "heaptrack; largest at the peak: ${top:-?}"
        emit "memory.$label.allocations" "$calls" calls lower "" "" 1 "heaptrack: calls to allocation functions"
        emit "memory.$label.leaked" "$leaked" B lower "" "" 1 "heaptrack: not freed at exit"
        log "  peak heap $(to_mib "$peak") MiB, peak RSS with heaptrack $(to_mib "$rss") MiB, $calls allocation calls, leaked $leaked B ($(( $(date +%s) - t0 )) s)"
    else
        log "$label: massif run"
        $BEFORE_RUN
        valgrind --tool=massif --massif-out-file="$LOGS/$label.massif" "$@" > "$LOGS/$label.massif.out" 2> "$LOGS/$label.massif.err" ||
            log "  exit status $? under massif (see $LOGS/$label.massif.err)"
        ms_print "$LOGS/$label.massif" > "$LOGS/$label.summary.txt"
        local peak
        peak=$(grep -E '^mem_heap_B=|^mem_heap_extra_B=' "$LOGS/$label.massif" | awk -F= '
            /^mem_heap_B/ { h = $2 } /^mem_heap_extra_B/ { if (h + $2 > m) m = h + $2 } END { print m + 0 }')
        emit "memory.$label.peak_heap" "$(to_mib "$peak")" MiB lower "" "" 1 "massif (heap + allocator overhead)"
        log "  peak heap $(to_mib "$peak") MiB ($(( $(date +%s) - t0 )) s)"
    fi
}

WS="$WORK/memory_$SIZE.recscope"
BEFORE_RUN=true
IMPORT=("$RECSCOPE" import --workspace "$WS" --ratings "$CSV" --name "bench-$SIZE")
BEFORE_RUN="rm -f $WS*" # each import run starts from a fresh workspace
profile "import.$SIZE" "${IMPORT[@]}"
BEFORE_RUN=true
for m in ${MODELS//,/ }; do
    key=epochs; [ "$m" = als ] && key=iterations
    profile "train.$m.$SIZE" "$RECSCOPE" train --workspace "$WS" --dataset "bench-$SIZE" --model "$m" \
        --param "$key=$EPOCHS" --threads "$THREADS" --split "$SPLIT"
done
rm -f "$WS"*

cat "$MINE" >> "$RESULTS"
T_END=$(date +%s)
{
    echo "RecScope memory, commit $RS_SHORT, $SIZE ratings, $TOOL, models $MODELS ($EPOCHS epochs, $THREADS threads, split $SPLIT)"
    echo
    print_table "$MINE" "$PREV"
    echo
    jq -r 'select(.name | endswith(".peak_heap")) | "\(.name): \(.note)"' "$MINE"
    echo
    echo "run time: $((T_END - T_START)) s; load average at the end:$(uptime | sed 's/.*load average://')"
    echo "results appended to $RESULTS; profiles and logs in $LOGS"
} | tee "$LOGS/table.md"
