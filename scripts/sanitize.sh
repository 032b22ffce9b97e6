#!/usr/bin/env bash
# Sanitizer stage (CI runs it after scripts/test.sh). Two instrumented builds, each in its own
# directory next to ./build, both configured with the top-level option RECSCOPE_SANITIZE:
#
#   build-asan  AddressSanitizer + LeakSanitizer + UndefinedBehaviorSanitizer: the engine, the
#               UI, the app and EVERY test; runs the whole ctest suite (GUI tests offscreen).
#   build-tsan  ThreadSanitizer: the engine, the UI and only the tests of the threaded parts
#               (TSAN_TESTS below: import and training jobs, the training queue, JobRunner and
#               the worker pools, the explain service, parallel evaluation/comparison, t-SNE,
#               multi-threaded model fitting incl. LightGCN propagation); runs those.
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
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SUPP=$ROOT/scripts/sanitizers
JOBS=${JOBS:-$(nproc)}

what=all
case "${1:-}" in
    asan | tsan | all) what=$1; shift ;;
esac

# The tests run under ThreadSanitizer: every test whose code starts threads (std::thread shards,
# parallelFor, QtConcurrent jobs on the worker pools).
TSAN_TESTS=(
    tst_import tst_training tst_metrics tst_compare tst_explain_fidelity tst_tsne tst_latent
    tst_models_knn tst_models_lightgcn tst_explain_lightgcn
    tst_jobrunner tst_trainingpage tst_importwizard tst_whypanel
)
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

run_asan() {
    local t0 t1 t2
    t0=$(stamp)
    configure build-asan "address;undefined"
    cmake --build build-asan -j "$JOBS"
    t1=$(stamp)
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
    LSAN_OPTIONS=suppressions=$SUPP/lsan.supp:print_suppressions=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir build-asan --output-on-failure -j "$JOBS" "$@"
    t2=$(stamp)
    echo "sanitize: asan+ubsan build $((t1 - t0)) s, tests $((t2 - t1)) s"
}

run_tsan() {
    local t0 t1 t2 norandom=()
    t0=$(stamp)
    configure build-tsan thread
    cmake --build build-tsan -j "$JOBS" --target "${TSAN_TESTS[@]}" "${TSAN_PARTIAL[@]}"
    t1=$(stamp)
    # Kernels with more than 28 bits of mmap randomisation break gcc 12's TSan shadow layout
    # ("unexpected memory mapping"): run without address randomisation when we may.
    if setarch "$(uname -m)" -R true 2>/dev/null; then
        norandom=(setarch "$(uname -m)" -R)
    fi
    local regex
    regex="^($(IFS='|'; echo "${TSAN_TESTS[*]}"))\$"
    TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$SUPP/tsan.supp" \
        "${norandom[@]}" ctest --test-dir build-tsan --output-on-failure -j "$JOBS" -R "$regex" "$@"
    local exe fns skip
    skip="^($(IFS='|'; echo "${TSAN_HOGWILD[*]}"))\(\)\$"
    for exe in "${TSAN_PARTIAL[@]}"; do
        # The test functions minus the Hogwild fits; sameSeedSameModel keeps its biasedmf row
        # (BiasedMf's threads own disjoint user x item blocks: no races by design).
        mapfile -t fns < <(build-tsan/tests/"$exe" -functions | grep -Ev "$skip" | sed 's/()$//')
        [ "$exe" = tst_models_mf ] && fns+=(sameSeedSameModel:biasedmf)
        echo "sanitize: tsan $exe (${#fns[@]} functions, Hogwild fits left out)"
        (cd build-tsan/tests && TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$SUPP/tsan.supp" \
            "${norandom[@]}" ./"$exe" -silent "${fns[@]}")
    done
    t2=$(stamp)
    echo "sanitize: tsan build $((t1 - t0)) s, tests $((t2 - t1)) s"
}

case $what in
    asan) run_asan "$@" ;;
    tsan) run_tsan "$@" ;;
    all) run_asan "$@"; run_tsan "$@" ;;
esac
