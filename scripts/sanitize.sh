#!/usr/bin/env bash
# Sanitizer stage (CI runs it after scripts/test.sh). Two instrumented builds, each in its own
# directory next to ./build, both configured with the top-level option RECSCOPE_SANITIZE:
#
#   build-asan  AddressSanitizer + LeakSanitizer + UndefinedBehaviorSanitizer: the engine, the
#               UI, the app and EVERY test; runs the whole ctest suite (GUI tests offscreen).
#   build-tsan  ThreadSanitizer: the engine and every engine test (tests/core: the threaded
#               import, training jobs, parallel evaluation/comparison/explanation, t-SNE,
#               multi-threaded fitting incl. LightGCN propagation); why not the GUI tests: see
#               TSAN_TESTS below.
#
# Any sanitizer report aborts the test that hit it, so the stage (and CI) fails. Reports inside
# third-party libraries only are silenced by the commented files in scripts/sanitizers/; our own
# code is never suppressed.
#
#   bash scripts/sanitize.sh            # both builds (asan, then tsan)
#   bash scripts/sanitize.sh asan       # only one of them ("asan" or "tsan")
#   bash scripts/sanitize.sh tsan -R tst_tsne   # extra arguments go to ctest
#
# Idempotent and incremental like scripts/build.sh (ccache is used when installed). Benchmarks
# are not built here. JOBS=N overrides the parallelism (default: all cores).
#
# SANITIZE_DEADLINE=<epoch seconds> (set by .ci/run from its time limit): a build that could
# not finish before it is not started; it is reported as SKIPPED with the time that was left
# (measured on 2 cores with a cold compiler cache: asan about 33 min, tsan about 12 min).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SUPP=$ROOT/scripts/sanitizers
JOBS=${JOBS:-$(nproc)}

what=all
case "${1:-}" in
    asan | tsan | all) what=$1; shift ;;
esac

# The tests run under ThreadSanitizer: every engine test (tests/core: the threaded import, the
# training jobs, parallel evaluation, comparison and explanation, t-SNE, the models' thread
# shards), built with an instrumented engine. The GUI tests are not run under TSan: their worker
# threads hand values over through QtConcurrent, QFuture and queued events, whose locks are
# futexes inside Debian's uninstrumented Qt, so TSan reports the hand-over itself, inside Qt's
# own templates (RunFunctionTaskBase::run, QFutureInterface::reportResult) where no annotation
# of ours can reach (tried: all four GUI tests reported only such frames). They run under ASan.
mapfile -t TSAN_TESTS < <(cd tests/core && ls tst_*.cpp | sed 's/\.cpp$//')
# Tests of the SGD models that run, with threads > 1, Hogwild (lock-free updates of shared item
# parameters, documented in Bpr.h, SvdPlusPlus.h, Nais.h): those data races are the algorithm's
# design, so TSan runs every test function of these executables EXCEPT the multi-threaded
# Hogwild fits listed in TSAN_HOGWILD (function or function:data-tag). No suppression is used.
TSAN_PARTIAL=(tst_models_mf tst_models_implicit tst_models_nais)
TSAN_HOGWILD=(sameSeedSameModel bprLearnsPlantedCommunities twoThreadsLearnToo)

bash scripts/setup-deps.sh

export QT_QPA_PLATFORM=offscreen QTEST_DISABLE_STACK_DUMP=1
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d /tmp/recscope-xdg.XXXXXX)}
chmod 0700 "$XDG_RUNTIME_DIR"

configure() { # dir sanitizers
    if [ ! -f "$1/build.ninja" ]; then
        cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            "-DRECSCOPE_SANITIZE=$2" -DRECSCOPE_BUILD_BENCH=OFF
    fi
}

stamp() { date +%s; }

# slowed <factor> <command...>: runs the command with the tests' time bounds for a build that is
# <factor> times slower (RECSCOPE_TEST_SLOWDOWN, and Qt Test's 300 s per-function timeout).
slowed() {
    local factor=$1
    shift
    RECSCOPE_TEST_SLOWDOWN=$factor QTEST_FUNCTION_TIMEOUT=$((factor * 300000)) "$@"
}

# fits <name> <minutes it may need>: false (and says so) when SANITIZE_DEADLINE is too close.
fits() {
    [ -z "${SANITIZE_DEADLINE:-}" ] && return 0
    local left=$((SANITIZE_DEADLINE - $(stamp)))
    if [ "$left" -lt $(($2 * 60)) ]; then
        echo "sanitize: SKIPPED $1: $((left / 60)) min left before the deadline, it may need $2 min"
        return 1
    fi
}

run_asan() {
    local t0 t1 t2
    t0=$(stamp)
    configure build-asan "address;undefined"
    cmake --build build-asan -j "$JOBS"
    t1=$(stamp)
    # The UI stall tests print their stalls and every gap over 30 ms here, but do not assert
    # the bounds (tests/common/TestFiles.h, stallBoundsAsserted).
    RECSCOPE_STALL_TRACE=1 \
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
    LSAN_OPTIONS=suppressions=$SUPP/lsan.supp:print_suppressions=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        slowed 3 ctest --test-dir build-asan --output-on-failure -j "$JOBS" "$@"
    t2=$(stamp)
    echo "sanitize: asan+ubsan build $((t1 - t0)) s, tests $((t2 - t1)) s"
}

run_tsan() {
    local t0 t1 t2 norandom=()
    t0=$(stamp)
    configure build-tsan thread
    cmake --build build-tsan -j "$JOBS" --target "${TSAN_TESTS[@]}"
    t1=$(stamp)
    # Kernels with more than 28 bits of mmap randomisation break gcc 12's TSan shadow layout
    # ("unexpected memory mapping"): run without address randomisation when we may.
    if setarch "$(uname -m)" -R true 2>/dev/null; then
        norandom=(setarch "$(uname -m)" -R)
    fi
    local regex exe
    local whole=()
    for exe in "${TSAN_TESTS[@]}"; do
        [[ " ${TSAN_PARTIAL[*]} " == *" $exe "* ]] || whole+=("$exe")
    done
    regex="^($(IFS='|'; echo "${whole[*]}"))\$"
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$SUPP/tsan.supp"
    slowed 10 "${norandom[@]}" ctest --test-dir build-tsan --output-on-failure -j "$JOBS" -R "$regex" "$@"
    local fns skip
    skip="^($(IFS='|'; echo "${TSAN_HOGWILD[*]}"))\(\)\$"
    for exe in "${TSAN_PARTIAL[@]}"; do
        # The test functions minus the Hogwild fits; sameSeedSameModel keeps its biasedmf row
        # (BiasedMf's threads own disjoint user x item blocks: no races by design).
        mapfile -t fns < <(build-tsan/tests/"$exe" -functions | grep -Ev "$skip" | sed 's/()$//')
        [ "$exe" = tst_models_mf ] && fns+=(sameSeedSameModel:biasedmf)
        echo "sanitize: tsan $exe (${#fns[@]} functions, Hogwild fits left out)"
        (cd build-tsan/tests && slowed 10 "${norandom[@]}" ./"$exe" -silent "${fns[@]}")
    done
    t2=$(stamp)
    echo "sanitize: tsan build $((t1 - t0)) s, tests $((t2 - t1)) s"
}

case $what in
    asan) if fits asan 33; then run_asan "$@"; fi ;;
    tsan) if fits tsan 12; then run_tsan "$@"; fi ;;
    all)
        # Each stage in its own shell, so that both run even when the first fails (its report
        # stays in the log); the exit status is the first failure's.
        status=0
        bash "$ROOT/scripts/sanitize.sh" asan "$@" || status=$?
        bash "$ROOT/scripts/sanitize.sh" tsan "$@" || status=$((status ? status : $?))
        [ "$status" -eq 0 ] || echo "sanitize: FAILED (exit $status), see the reports above"
        exit "$status"
        ;;
esac
