#!/usr/bin/env bash
# Import benchmark: RecScope's `recscope import` of a generated MovieLens-like ratings CSV
# (userId,movieId,rating,timestamp) against the sqlite3 shell's `.import` of the same file into a
# plain 4-column table, same machine, same session. Prints wall seconds, rows/s, peak RSS and the
# ratio. Usage: bench/import_vs_sqlite.sh [ROWS] [RUNS]   (defaults 25000000, 1)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-25000000}
RUNS=${2:-1}
BUILD=${RECSCOPE_BUILD_DIR:-build}
WORK=${RECSCOPE_BENCH_DIR:-/tmp/recscope-bench}
mkdir -p "$WORK"
CSV="$WORK/ratings_${ROWS}.csv"
if [ ! -s "$CSV" ]; then
    echo "generating $ROWS rows -> $CSV" >&2
    { echo "userId,movieId,rating,timestamp"; "$BUILD/bench/gen_ratings" --rows "$ROWS" --seed 42; } > "$CSV"
fi
measure() { # label, then the command; prints "label wall_s peak_kb"
    local label=$1; shift
    local log="$WORK/time_$label.log"
    /usr/bin/time -f "%e %M" -o "$log" "$@" > "$WORK/out_$label.txt" 2> "$WORK/err_$label.txt"
    echo "$label $(cat "$log")"
}
for run in $(seq 1 "$RUNS"); do
    rm -f "$WORK/rs.recscope"* "$WORK/shell.db"*
    printf 'CREATE TABLE ratings(userId, movieId, rating, timestamp);\n.mode csv\n.import --skip 1 %s ratings\n' "$CSV" > "$WORK/shell.sql"
    read -r _ s_wall s_kb < <(measure sqlite3 sh -c "sqlite3 '$WORK/shell.db' < '$WORK/shell.sql'")
    read -r _ r_wall r_kb < <(measure recscope "$BUILD/app/recscope" import --workspace "$WORK/rs.recscope" --ratings "$CSV" --name bench)
    awk -v rows="$ROWS" -v sw="$s_wall" -v sk="$s_kb" -v rw="$r_wall" -v rk="$r_kb" -v run="$run" 'BEGIN {
        printf "run %d  rows %d\n", run, rows
        printf "  %-22s %8.2f s  %10.0f rows/s  peak %7.1f MiB\n", "sqlite3 shell .import", sw, rows / sw, sk / 1024
        printf "  %-22s %8.2f s  %10.0f rows/s  peak %7.1f MiB\n", "recscope import", rw, rows / rw, rk / 1024
        printf "  ratio recscope/sqlite3 wall: %.3f  (speed-up %.2fx)\n", rw / sw, sw / rw
    }'
    cat "$WORK/out_recscope.txt"
done
