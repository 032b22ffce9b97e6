#!/usr/bin/env bash
# RecScope benchmark suite: runs every benchmark, writes one JSON line per figure and prints one
# markdown table with ratios against the reference runs.
#
#   bench/run_all.sh                     # 1M and 25M generated ratings, ../shared when present
#   bench/run_all.sh --quick             # 1M only, one run of each step instead of three
#   bench/run_all.sh --sizes 1M,25M --out bench/results --compare bench/results/OLD.jsonl
#   bench/run_all.sh --only import,fit --sizes 100k
#
# Options
#   --sizes LIST     generated data sets, e.g. 100k,1M,25M (default 1M,25M; --quick: 1M)
#   --quick          1M only, every step once (no medians), fewer explanation pairs, no import
#                    stall probe
#   --out DIR        where the results file goes (default bench/results): DIR/<date>-<commit>.jsonl
#   --compare FILE   the "previous" results to compare with (default: the latest file in
#                    bench/results/ whose commit is not the current one)
#   --work DIR       generated CSVs (cached between runs), workspaces and logs
#                    (default $RECSCOPE_BENCH_DIR or /tmp/recscope-bench)
#   --threads N      threads for fits and evaluations (default 2)
#   --only LIST / --skip LIST   steps among: import,fit,explain,ui,stall,shared
# Environment: RECSCOPE_BUILD_DIR (an existing build to use; default: build-bench/, configured
# Release with the UI, tests and benches and built here with -j2, only the targets needed),
# RECSCOPE_SHARED_DIR (default ../shared next to the sources).
#
# Steps and their reference runs (in the same session):
#   import   `recscope import` of each generated CSV vs the sqlite3 shell's `.import` of the same
#            file into a plain table (wall seconds, rows/s, peak RSS). Medians of 3 runs below 5M
#            rows, one run above.
#   fit      each model's fit (bench_scale, fit only, on the whole file): on sizes up to 5M rows
#            baseline, itemknn, biasedmf, svdpp, als, bpr, nais, lightgcn (median of 3); on larger
#            sizes the cheap ones baseline, biasedmf, als, bpr (one fit each, with peak RSS).
#            Epochs are in FIT_EPOCHS below and in each figure's note.
#   explain  explanation latency (bench_explain: full explanation with counterfactual, p50/p95 over
#            random (user, top-10 item) pairs) on ../shared ml-latest-small (else the 1M file);
#            reference: the 50 ms p95 goal.
#   ui       heatmap repaint (ui_bench_heatmap) and embedding map repaint (ui_bench_embeddingmap),
#            medians of 3 runs; reference: a 60 fps frame (16.7 ms).
#   stall    the UI stall probe of the GUI tests (tests/common/StallProbe): the longest UI-thread
#            stall while a biasedmf training job runs through the Training page
#            (tst_trainingpage liveLossChartWithoutStallingTheUi) and, unless --quick, while
#            2.5M rows are imported through the wizard (tst_uistall importDoesNotStallTheUi);
#            reference: the tests' bounds (50 ms, 250 ms).
#   shared   on ../shared/datasets/ml-latest-small-split when present: bench_models_explicit
#            (RMSE, reference: baseline), bench_ranking (NDCG@10, reference: most-popular; NAIS
#            1 epoch and LightGCN 10 instead of their 20 and 60, which take minutes),
#            bench_debias (NDCG@10 and ARP@10 per debias spec, reference: the same model naive).
# Every figure also gets the value from the previous results file ("vs previous" = value /
# previous). Requires: cmake, a C++ toolchain, Qt 6, sqlite3, jq, python3, /usr/bin/time.
set -euo pipefail
source "$(dirname "$0")/bench_lib.sh"

SIZES=""
QUICK=0
OUT="$RS_ROOT/bench/results"
COMPARE=""
WORK=${RECSCOPE_BENCH_DIR:-/tmp/recscope-bench}
THREADS=2
ONLY="import,fit,explain,ui,stall,shared"
SKIP=""
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case $1 in
        --sizes) SIZES=$2; shift 2 ;;
        --quick) QUICK=1; shift ;;
        --out) OUT=$2; shift 2 ;;
        --compare) COMPARE=$2; shift 2 ;;
        --work) WORK=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --skip) SKIP=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
if [ -z "$SIZES" ]; then
    if [ $QUICK = 1 ]; then SIZES=1M; else SIZES=1M,25M; fi
fi
for tool in cmake sqlite3 jq python3 /usr/bin/time; do
    command -v "$tool" > /dev/null || { echo "run_all.sh needs $tool (scripts/setup-deps.sh installs it)" >&2; exit 1; }
done
REPEAT=3
PAIRS=300
if [ $QUICK = 1 ]; then REPEAT=1; PAIRS=100; fi
want() { [[ ",$ONLY," == *",$1,"* && ",$SKIP," != *",$1,"* ]]; }

# Epochs (and other settings) per model for the fit step on sizes up to 5M rows, chosen so that
# each fit takes seconds on 1M ratings with 2 threads (NAIS cannot: one epoch with one negative
# per positive already takes minutes there, as its cost grows with the square of each user's
# history; it is fitted once). itemknn has no epochs.
declare -A FIT_EPOCHS=([baseline]=10 [itemknn]=0 [biasedmf]=10 [svdpp]=5 [als]=5 [bpr]=5
                       [nais]=1 [lightgcn]=1)
declare -A FIT_SET=([lightgcn]="batch=100000" [nais]="negatives=1")
declare -A FIT_ONCE=([nais]=1)
SMALL_MODELS="baseline itemknn biasedmf svdpp als bpr nais lightgcn"
LARGE_MODELS="baseline biasedmf als bpr"
LARGE_EPOCHS=3 # per model on sizes above 5M rows

SHARED=${RECSCOPE_SHARED_DIR:-$RS_ROOT/../shared}
export RECSCOPE_SHARED_DIR=$SHARED
mkdir -p "$WORK" "$OUT"
LOGS="$WORK/logs-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$LOGS"
RESULTS="$OUT/$(date -u +%Y-%m-%d)-$RS_SHORT.jsonl"
# a fresh file, except for the memory.* figures bench/memory.sh may have added today
if [ -f "$RESULTS" ]; then grep '"name":"memory\.' "$RESULTS" > "$RESULTS.tmp" || true; mv "$RESULTS.tmp" "$RESULTS"; else : > "$RESULTS"; fi
if [ -z "$COMPARE" ]; then COMPARE=$(previous_results "$RS_ROOT/bench/results" "$RS_COMMIT"); fi
T_START=$(date +%s)
log "commit $RS_SHORT (local changes: $RS_DIRTY), sizes $SIZES, repeat $REPEAT, threads $THREADS"
log "load: $(uptime)"
log "results -> $RESULTS, logs -> $LOGS"

# ---- build -------------------------------------------------------------------------------------
TARGETS="recscope gen_ratings bench_scale"
want explain && TARGETS+=" bench_explain"
want ui && TARGETS+=" ui_bench_heatmap ui_bench_embeddingmap"
want stall && TARGETS+=" tst_trainingpage" && [ $QUICK = 0 ] && TARGETS+=" tst_uistall"
want shared && TARGETS+=" bench_models_explicit bench_ranking bench_debias"
if [ -n "${RECSCOPE_BUILD_DIR:-}" ]; then
    BUILD=$RECSCOPE_BUILD_DIR
else
    BUILD="$RS_ROOT/build-bench"
    if [ ! -f "$BUILD/CMakeCache.txt" ]; then
        log "configuring $BUILD"
        cmake -S "$RS_ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DRECSCOPE_BUILD_UI=ON \
            -DRECSCOPE_BUILD_TESTS=ON -DRECSCOPE_BUILD_BENCH=ON > "$LOGS/configure.log"
    fi
fi
exe() { # path of a built program
    case $1 in
        recscope) echo "$BUILD/app/recscope" ;;
        tst_*) echo "$BUILD/tests/$1" ;;
        *) echo "$BUILD/bench/$1" ;;
    esac
}
MISSING=""
for t in $TARGETS; do [ -x "$(exe "$t")" ] || MISSING+=" $t"; done
if [ -z "${RECSCOPE_BUILD_DIR:-}" ]; then
    log "building$( [ -n "$MISSING" ] && echo " (missing:$MISSING)") in $BUILD"
    if ! cmake --build "$BUILD" -j2 --target $TARGETS > "$LOGS/build.log" 2>&1; then
        tail -20 "$LOGS/build.log" >&2
        [ -z "$MISSING" ] || exit 1
        log "build failed (see $LOGS/build.log); going on with the programs built before"
    fi
elif [ -n "$MISSING" ]; then
    log "building missing targets in $BUILD:$MISSING"
    cmake --build "$BUILD" -j2 --target $MISSING > "$LOGS/build.log" 2>&1 ||
        { tail -20 "$LOGS/build.log" >&2; exit 1; }
fi
T_BUILT=$(date +%s)

# ---- data --------------------------------------------------------------------------------------
csv_for() { echo "$WORK/ratings_$(size_rows "$1").csv"; } # same names as import_vs_sqlite.sh
for S in ${SIZES//,/ }; do
    CSV=$(csv_for "$S")
    if [ ! -s "$CSV" ]; then
        log "generating $S ratings -> $CSV"
        { echo "userId,movieId,rating,timestamp"
          "$(exe gen_ratings)" --rows "$(size_rows "$S")" --seed 42; } > "$CSV.tmp"
        mv "$CSV.tmp" "$CSV"
    fi
done

declare -A STEP_SECONDS
step_begin() { STEP_T0=$(date +%s); log "== $1"; }
step_end() { STEP_SECONDS[$1]=$(( $(date +%s) - STEP_T0 )); }

# ---- import ------------------------------------------------------------------------------------
if want import; then
    step_begin import
    for S in ${SIZES//,/ }; do
        CSV=$(csv_for "$S"); ROWS=$(size_rows "$S")
        n=$REPEAT; [ "$ROWS" -gt 5000000 ] && n=1
        sw=(); sk=(); rw=(); rk=()
        for r in $(seq 1 "$n"); do
            rm -f "$WORK/shell.db"* "$WORK/import_$S.recscope"*
            printf 'CREATE TABLE ratings(userId, movieId, rating, timestamp);\n.mode csv\n.import --skip 1 %s ratings\n' \
                "$CSV" > "$WORK/shell.sql"
            read -r w k < <(timed "sqlite3_$S.$r" sqlite3 "$WORK/shell.db" ".read $WORK/shell.sql")
            sw+=("$w"); sk+=("$k")
            read -r w k < <(timed "import_$S.$r" "$(exe recscope)" import --workspace \
                "$WORK/import_$S.recscope" --ratings "$CSV" --name "bench-$S")
            rw+=("$w"); rk+=("$k")
            log "  $S run $r: sqlite3 ${sw[-1]} s, recscope ${rw[-1]} s"
        done
        rm -f "$WORK/shell.db"* "$WORK/import_$S.recscope"*
        SW=$(median "${sw[@]}"); RW=$(median "${rw[@]}")
        SK=$(median "${sk[@]}"); RK=$(median "${rk[@]}")
        emit "import.$S.wall" "$RW" s lower "$SW" "sqlite3 .import" "$n"
        emit "import.$S.rows_per_s" "$(awk -v r="$ROWS" -v w="$RW" 'BEGIN{printf "%.0f", r/w}')" \
            rows/s higher "$(awk -v r="$ROWS" -v w="$SW" 'BEGIN{printf "%.0f", r/w}')" "sqlite3 .import" "$n"
        emit "import.$S.peak_rss" "$(awk -v k="$RK" 'BEGIN{printf "%.1f", k/1024}')" MiB lower \
            "$(awk -v k="$SK" 'BEGIN{printf "%.1f", k/1024}')" "sqlite3 .import" "$n"
    done
    step_end import
fi

# ---- fit ---------------------------------------------------------------------------------------
if want fit; then
    step_begin fit
    for S in ${SIZES//,/ }; do
        CSV=$(csv_for "$S"); ROWS=$(size_rows "$S")
        if [ "$ROWS" -gt 5000000 ]; then models=$LARGE_MODELS; n=1; else models=$SMALL_MODELS; n=$REPEAT; fi
        for m in $models; do
            e=${FIT_EPOCHS[$m]}; [ "$ROWS" -gt 5000000 ] && e=$LARGE_EPOCHS
            r=$n; [ -n "${FIT_ONCE[$m]:-}" ] && r=1
            args=(--models "$m" --threads "$THREADS" --repeat "$r")
            [ "$e" -gt 0 ] && args+=(--epochs "$e")
            extra=""
            if [ "$ROWS" -le 5000000 ] && [ -n "${FIT_SET[$m]:-}" ]; then
                for kv in ${FIT_SET[$m]}; do args+=(--set "$kv"); extra+=", $kv"; done
            fi
            timed "fit_${S}_$m" "$(exe bench_scale)" "$CSV" "${args[@]}" > /dev/null || continue
            line=$(grep '^{' "$LOGS/fit_${S}_$m.out" | tail -1)
            epochs=$(jq -r .epochs <<< "$line")
            note="epochs $epochs$extra, $THREADS threads"; [ "$e" = 0 ] && note="no epochs, $THREADS threads"
            emit "fit.$S.$m.fit" "$(jq .fit_seconds <<< "$line")" s lower "" "" "$r" "$note"
            log "  $S $m: $(jq -c '{fit_seconds, epochs, peak_rss_mib}' <<< "$line")"
            if [ "$ROWS" -gt 5000000 ]; then
                emit "fit.$S.$m.peak_rss" "$(jq .peak_rss_mib <<< "$line")" MiB lower "" "" 1 \
                    "whole process: CSV loaded into a RatingTable + Interactions, then the fit"
            fi
        done
    done
    step_end fit
fi

# ---- explanation latency -----------------------------------------------------------------------
if want explain; then
    step_begin explain
    if [ -f "$SHARED/datasets/ml-latest-small/ratings.csv" ]; then
        eargs=(); where="ml-latest-small"
    else
        eargs=("$(csv_for 1M)"); where="generated 1M"
        [ -s "${eargs[0]}" ] || { log "no ratings for bench_explain"; eargs=(); }
    fi
    declare -A EX
    for r in $(seq 1 "$REPEAT"); do
        timed "explain.$r" "$(exe bench_explain)" "${eargs[@]}" --models biasedmf,als --pairs "$PAIRS" \
            --users 50 --threads "$THREADS" > /dev/null || continue
        # "== model (run ...)" then "  full (decomp + evidence + cf)  p50 p95 max"
        while read -r m p50 p95; do
            EX[$m.p50]+=" $p50"; EX[$m.p95]+=" $p95"; EX[$m.n]+=x
        done < <(awk '/^== /{m=$2} /full \(decomp/{print m, $(NF-2), $(NF-1)}' "$LOGS/explain.$r.out")
    done
    for m in biasedmf als; do
        [ -n "${EX[$m.n]:-}" ] || continue
        n=${#EX[$m.n]}
        emit "explain.$m.p50" "$(median ${EX[$m.p50]})" ms lower "" "" "$n" "$PAIRS pairs on $where, with counterfactual"
        emit "explain.$m.p95" "$(median ${EX[$m.p95]})" ms lower 50 "goal" "$n" "$PAIRS pairs on $where, with counterfactual"
    done
    step_end explain
fi

# ---- heatmap and map repaint -------------------------------------------------------------------
if want ui; then
    step_begin ui
    export QT_QPA_PLATFORM=offscreen
    declare -a h1 hf hp hh m1 mc mh
    for r in $(seq 1 "$REPEAT"); do
        if timed "heatmap.$r" "$(exe ui_bench_heatmap)" > /dev/null; then
            j=$(grep '^{' "$LOGS/heatmap.$r.out" | tail -1)
            h1+=("$(jq .zoom1.repaint_ms.median <<< "$j")"); hf+=("$(jq .fitted.repaint_ms.median <<< "$j")")
            hp+=("$(jq .first_paint_ms <<< "$j")"); hh+=("$(jq .hover_repaint_ms.median <<< "$j")")
        fi
        if timed "map.$r" "$(exe ui_bench_embeddingmap)" > /dev/null; then
            j=$(grep '^{' "$LOGS/map.$r.out" | tail -1)
            m1+=("$(jq .full_redraw_ms.median <<< "$j")"); mc+=("$(jq .from_cache_ms.median <<< "$j")")
            mh+=("$(jq .hit_test_ms.median <<< "$j")")
        fi
    done
    FRAME=16.7
    if [ ${#h1[@]} -gt 0 ]; then
        emit heatmap.repaint_zoom1 "$(median "${h1[@]}")" ms lower $FRAME "60 fps frame" ${#h1[@]} "500x100 grid, 16 px cells, median repaint"
        emit heatmap.repaint_fitted "$(median "${hf[@]}")" ms lower $FRAME "60 fps frame" ${#hf[@]} "500x100 grid, every cell visible"
        emit heatmap.first_paint "$(median "${hp[@]}")" ms lower $FRAME "60 fps frame" ${#hp[@]} "after setGrid"
        emit heatmap.hover_repaint "$(median "${hh[@]}")" ms lower $FRAME "60 fps frame" ${#hh[@]}
    fi
    if [ ${#m1[@]} -gt 0 ]; then
        emit map.full_redraw "$(median "${m1[@]}")" ms lower $FRAME "60 fps frame" ${#m1[@]} "60,000 points"
        emit map.from_cache "$(median "${mc[@]}")" ms lower $FRAME "60 fps frame" ${#mc[@]} "highlights over the cached image"
        emit map.hit_test "$(median "${mh[@]}")" ms lower "" "" ${#mh[@]} "pointAt"
    fi
    step_end ui
fi

# ---- UI stall probe ----------------------------------------------------------------------------
if want stall; then
    step_begin stall
    export QT_QPA_PLATFORM=offscreen QTEST_DISABLE_STACK_DUMP=1 RECSCOPE_SCREENSHOT_DIR="$LOGS/screenshots"
    st=()
    for r in $(seq 1 "$REPEAT"); do
        # the form test selects biasedmf; the live-loss test then trains it for 150 epochs
        timed "stall_training.$r" "$(exe tst_trainingpage)" formIsGeneratedAndValidated \
            liveLossChartWithoutStallingTheUi > /dev/null || log "  (test failed; the stall is still reported)"
        v=$(grep -ho 'max UI stall [0-9.]*' "$LOGS/stall_training.$r.out" "$LOGS/stall_training.$r.err" | awk '{print $4}' | tail -1)
        [ -n "$v" ] && st+=("$v") && log "  training run $r: max UI stall $v ms"
    done
    [ ${#st[@]} -gt 0 ] && emit stall.training.max "$(median "${st[@]}")" ms lower 50 "test bound" ${#st[@]} \
        "biasedmf 150 epochs on the demo data through the Training page"
    if [ $QUICK = 0 ]; then
        timed stall_import "$(exe tst_uistall)" importDoesNotStallTheUi > /dev/null || log "  (test failed; the stall is still reported)"
        v=$(grep -ho 'max UI stall: [0-9.]*' "$LOGS/stall_import.out" "$LOGS/stall_import.err" | awk '{print $4}' | tail -1)
        [ -n "$v" ] && emit stall.import.max "$v" ms lower 250 "test bound" 1 "2.5M rows through the import wizard"
    fi
    step_end stall
fi

# ---- ../shared split ---------------------------------------------------------------------------
if want shared; then
    step_begin shared
    SPLIT="$SHARED/datasets/ml-latest-small-split"
    if [ ! -f "$SPLIT/mlsmall_train.csv" ]; then
        log "no $SPLIT: shared step skipped"
    else
        # explicit ratings: RMSE against the baseline's
        declare -A RMSE
        for m in baseline biasedmf svdpp itemknn userknn; do
            timed "explicit_$m" "$(exe bench_models_explicit)" --model "$m" --threads "$THREADS" \
                --repeat "$REPEAT" > /dev/null || continue
            j=$(grep '^{' "$LOGS/explicit_$m.out" | tail -1)
            RMSE[$m]=$(jq .rmse <<< "$j")
            emit "shared.explicit.$m.fit" "$(jq .fit_seconds <<< "$j")" s lower "" "" "$REPEAT" "$THREADS threads, default parameters"
        done
        for m in baseline biasedmf svdpp itemknn userknn; do
            [ -n "${RMSE[$m]:-}" ] || continue
            emit "shared.explicit.$m.rmse" "${RMSE[$m]}" "" lower "${RMSE[baseline]:-}" "baseline" 1
        done
        # top-N ranking: NDCG@10 against most-popular. Defaults, except fewer epochs for NAIS and
        # LightGCN (their defaults, 20 and 60 epochs, take minutes each on 2 busy cores).
        : > "$LOGS/ranking.out"
        for group in "popularity,bpr,als" "lightgcn --set epochs=10" "nais --set epochs=1"; do
            read -r -a gargs <<< "$group"
            timed "ranking_${gargs[0]//,/_}" "$(exe bench_ranking)" --threads "$THREADS" --models "${gargs[@]}" > /dev/null &&
                grep '^{' "$LOGS/ranking_${gargs[0]//,/_}.out" >> "$LOGS/ranking.out" || true
        done
        ref=$(jq -r 'select(.model == "popularity") | .["NDCG@10"]' "$LOGS/ranking.out" | head -1)
        jq -r '[.model, .["NDCG@10"], .fit_seconds, .epochs] | @tsv' "$LOGS/ranking.out" |
            while IFS=$'\t' read -r m ndcg fit ep; do
                emit "shared.ranking.$m.ndcg10" "$ndcg" "" higher "$ref" "most-popular" 1 "epochs $ep"
                emit "shared.ranking.$m.fit" "$fit" s lower "" "" 1 "epochs $ep, $THREADS threads"
            done
        # debiasing: NDCG@10 and ARP@10 against the same model trained naively
        if timed debias "$(exe bench_debias)" --threads "$THREADS" > /dev/null; then
            grep '^{' "$LOGS/debias.out" | jq -sr '
                (map(select(.debias == "none") | {(.model): .}) | add) as $naive
                | .[] | [.model, .debias, .["NDCG@10"], .["ARP@10"],
                         $naive[.model]["NDCG@10"], $naive[.model]["ARP@10"]] | @tsv' |
                while IFS=$'\t' read -r m spec ndcg arp rn ra; do
                    [ "$spec" = none ] && { rn=""; ra=""; }
                    emit "shared.debias.$m.$spec.ndcg10" "$ndcg" "" higher "$rn" "$m naive" 1
                    emit "shared.debias.$m.$spec.arp10" "$arp" "" lower "$ra" "$m naive" 1
                done
        fi
    fi
    step_end shared
fi

# ---- table -------------------------------------------------------------------------------------
T_END=$(date +%s)
log "load: $(uptime)"
{
    echo "RecScope benchmarks, commit $RS_SHORT$( [ "$RS_DIRTY" = true ] && echo ' (with local changes)'), $(date -u '+%Y-%m-%d %H:%M UTC'), sizes $SIZES, $THREADS threads"
    echo
    print_table "$RESULTS" "$COMPARE"
    echo
    printf 'run time: %d s (build %d s' $((T_END - T_START)) $((T_BUILT - T_START))
    for k in import fit explain ui stall shared; do
        [ -n "${STEP_SECONDS[$k]:-}" ] && printf ', %s %d s' "$k" "${STEP_SECONDS[$k]}"
    done
    printf '); load average at the end:%s\n' "$(uptime | sed 's/.*load average://')"
    echo "results: $RESULTS; logs: $LOGS"
} | tee "$LOGS/table.md"
