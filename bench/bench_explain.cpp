// Explanation benchmark (issue 4) on MovieLens-small: imports ratings.csv and movies.csv into a
// temporary workspace (importRatings), trains each model on a random 0.2 split (runTraining),
// loads the run (loadRunContext) and its explainer (makeExplainer), then
//   1. explains random (user, recommended item) pairs - the user uniform among users with
//      recommendations, the item uniform among that user's top-10 - in full: decomposition,
//      evidence and counterfactual (k 10, budget 20); prints latency p50 / p95 / max, and the
//      same pairs without the counterfactual and for one what-if check (re-solve + ranking), the
//      unit the counterfactual search spends;
//   2. measureFidelity: the deletion curve (top-m evidence vs m random history items), the
//      counterfactual validity and the time;
//   3. describeFactors: time and the first names.
//
//   bench_explain [RATINGS.csv [MOVIES.csv]] [--models biasedmf,als] [--pairs 1000]
//                 [--users 500] [--threads 1] [--seed 1] [--k 10] [--budget 20]
// Default files: $RECSCOPE_SHARED_DIR (else ../shared next to the
// sources)/datasets/ml-latest-small/.
#include "BenchCommon.h"
#include "explain/Explainer.h"
#include "import/ImportJob.h"
#include "models/Rng.h"
#include "train/RunContext.h"
#include "train/TrainingJob.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using namespace rs;

namespace {

struct Config {
    std::string ratings, movies;
    std::vector<std::string> models{"biasedmf", "als"};
    int pairs = 1000, users = 500, threads = 1, k = 10, budget = 20;
    std::uint64_t seed = 1;
};

/// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty())
        return 0.0;
    const auto rank = std::size_t(std::ceil(p * double(sorted.size())));
    return sorted[std::min(sorted.size(), std::max<std::size_t>(rank, 1)) - 1];
}

struct Latency {
    std::vector<double> ms;
    void sort() { std::sort(ms.begin(), ms.end()); }
    double p50() const { return percentile(ms, 0.50); }
    double p95() const { return percentile(ms, 0.95); }
    double max() const { return ms.empty() ? 0.0 : ms.back(); }
};

void explainPairs(const RunContext& ctx, const Explainer& explainer, const Config& c) {
    std::vector<std::uint32_t> users;
    for (std::uint32_t u = 0; u < ctx.numUsers(); ++u)
        if (!ctx.trainItems(u).empty() && ctx.trainItems(u).size() < ctx.numItems())
            users.push_back(u);
    Rng rng(c.seed);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    while (int(pairs.size()) < c.pairs && !users.empty()) {
        const std::uint32_t u = users[rng.below(std::uint32_t(users.size()))];
        const auto top = ctx.recommend(u, 10);
        pairs.emplace_back(u, top[rng.below(std::uint32_t(top.size()))].item);
    }

    ExplainOptions full;
    full.k = c.k;
    full.counterfactualBudget = c.budget;
    ExplainOptions noCf = full;
    noCf.counterfactual = false;
    Latency withCf, withoutCf, check;
    int searched = 0, found = 0, exactOk = 0, exactClaimed = 0;
    double removedSum = 0, evidenceSum = 0;
    for (const auto& [u, i] : pairs) {
        auto t0 = std::chrono::steady_clock::now();
        const Explanation e = explainer.explain(u, i, full);
        withCf.ms.push_back(1000.0 * bench::secondsSince(t0));
        t0 = std::chrono::steady_clock::now();
        (void)explainer.explain(u, i, noCf);
        withoutCf.ms.push_back(1000.0 * bench::secondsSince(t0));
        t0 = std::chrono::steady_clock::now();
        (void)explainer.rankWithout(u, i, {});
        check.ms.push_back(1000.0 * bench::secondsSince(t0));
        searched += e.counterfactual.searched;
        if (e.counterfactual.found) {
            ++found;
            removedSum += double(e.counterfactual.removed.size());
        }
        evidenceSum += double(e.evidence.size());
        if (e.exactDecomposition) {
            ++exactClaimed;
            exactOk +=
                std::abs(e.decomposedScore - e.score) <= 1e-5 * std::max(1.0, std::abs(e.score));
        }
    }
    withCf.sort();
    withoutCf.sort();
    check.sort();
    std::printf("  %-34s %8s %8s %8s\n", "explain latency (ms)", "p50", "p95", "max");
    std::printf("  %-34s %8.2f %8.2f %8.2f\n", "full (decomp + evidence + cf)", withCf.p50(),
                withCf.p95(), withCf.max());
    std::printf("  %-34s %8.2f %8.2f %8.2f\n", "without counterfactual", withoutCf.p50(),
                withoutCf.p95(), withoutCf.max());
    std::printf("  %-34s %8.2f %8.2f %8.2f\n", "one what-if check (rankWithout)", check.p50(),
                check.p95(), check.max());
    std::printf("  pairs %zu; mean evidence items %.1f; counterfactual searched %d, found %d "
                "(mean size %.2f); exact decompositions %d/%d sum to the score\n",
                pairs.size(), pairs.empty() ? 0.0 : evidenceSum / double(pairs.size()), searched,
                found, found ? removedSum / found : 0.0, exactOk, exactClaimed);
    std::printf("  goal p95 < 50 ms: %s\n", withCf.p95() < 50.0 ? "met" : "NOT met");
}

void fidelity(const Explainer& explainer, const Config& c) {
    FidelityOptions o;
    o.users = c.users;
    o.seed = c.seed;
    o.k = c.k;
    o.counterfactualBudget = c.budget;
    o.threads = c.threads;
    const FidelityReport r = measureFidelity(explainer, o, {});
    std::printf("  fidelity: %d users (top-1 item each), k %d, %.2f s with %d thread(s)\n", r.users,
                r.k, r.seconds, c.threads);
    std::printf("  %3s %10s %10s %10s %10s %9s %9s\n", "m", "rank top", "rank rand", "drop top",
                "drop rand", "out top", "out rand");
    for (const DeletionPoint& p : r.deletion)
        std::printf("  %3d %10.2f %10.2f %10.4f %10.4f %8.1f%% %8.1f%%\n", p.removed, p.meanRankTop,
                    p.meanRankRandom, p.meanScoreDropTop, p.meanScoreDropRandom, 100 * p.flippedTop,
                    100 * p.flippedRandom);
    std::printf("  counterfactuals claimed %d, valid %d (validity %.1f%%), mean size %.2f\n",
                r.counterfactualsClaimed, r.counterfactualsValid, 100 * r.validityRate,
                r.meanCounterfactualSize);
}

void factors(const RunContext& ctx) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto profiles = describeFactors(ctx);
    const double ms = 1000.0 * bench::secondsSince(t0);
    std::printf("  factor profiles: %zu dimensions in %.1f ms", profiles.size(), ms);
    for (std::size_t f = 0; f < std::min<std::size_t>(profiles.size(), 4); ++f)
        std::printf("%s %d \"%s\"", f ? "," : ";", profiles[f].factor, profiles[f].name.c_str());
    std::printf("\n");
}

bool parse(int argc, char** argv, Config& c) {
    const std::string shared = bench::sharedDir();
    c.ratings = shared + "/datasets/ml-latest-small/ratings.csv";
    c.movies = shared + "/datasets/ml-latest-small/movies.csv";
    int positional = 0;
    for (int a = 1; a < argc; ++a) {
        const std::string s = argv[a];
        auto next = [&]() -> std::string { return a + 1 < argc ? argv[++a] : ""; };
        if (s == "--models") {
            c.models.clear();
            std::stringstream ss(next());
            for (std::string m; std::getline(ss, m, ',');)
                c.models.push_back(m);
        } else if (s == "--pairs")
            c.pairs = std::atoi(next().c_str());
        else if (s == "--users")
            c.users = std::atoi(next().c_str());
        else if (s == "--threads")
            c.threads = std::max(1, std::atoi(next().c_str()));
        else if (s == "--seed")
            c.seed = std::strtoull(next().c_str(), nullptr, 10);
        else if (s == "--k")
            c.k = std::max(1, std::atoi(next().c_str()));
        else if (s == "--budget")
            c.budget = std::atoi(next().c_str());
        else if (!s.empty() && s[0] != '-' && positional == 0 && ++positional)
            c.ratings = s;
        else if (!s.empty() && s[0] != '-' && positional == 1 && ++positional)
            c.movies = s;
        else {
            std::fprintf(stderr, "usage: bench_explain [RATINGS.csv [MOVIES.csv]] [--models a,b] "
                                 "[--pairs N] [--users N] [--threads T] [--seed S] [--k K] "
                                 "[--budget B]\n");
            return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    Config c;
    if (!parse(argc, argv, c))
        return 2;
    char dirTemplate[] = "/tmp/recscope-bench-explain-XXXXXX";
    if (!mkdtemp(dirTemplate)) {
        std::fprintf(stderr, "cannot create a temporary folder\n");
        return 1;
    }
    const std::filesystem::path dir = dirTemplate;
    int status = 0;
    {
        Workspace ws((dir / "bench.recscope").string());
        const auto t0 = std::chrono::steady_clock::now();
        const ImportResult imported = bench::importDemo(ws, c.ratings, c.movies);
        if (imported.status != ImportStatus::Ok) {
            status = 1;
        } else {
            std::printf("imported %lld ratings, %lld users, %lld items (%lld with metadata) in "
                        "%.2f s\n",
                        (long long)imported.ratings, (long long)imported.users,
                        (long long)imported.items, (long long)imported.itemsWithMetadata,
                        bench::secondsSince(t0));
        }
        for (std::size_t m = 0; status == 0 && m < c.models.size(); ++m) {
            TrainingRequest req;
            req.datasetId = imported.datasetId;
            req.model = c.models[m];
            req.split = "random:0.2:seed=0";
            req.threads = c.threads;
            const TrainingOutcome trained = runTraining(ws, req, {});
            if (trained.status != TrainingStatus::Done) {
                std::fprintf(stderr, "%s: training failed: %s\n", req.model.c_str(),
                             trained.error.c_str());
                status = 1;
                break;
            }
            std::string error;
            const auto ctx = loadRunContext(ws, trained.run.id, error);
            const auto explainer = ctx ? makeExplainer(*ctx, error) : nullptr;
            if (!explainer) {
                std::fprintf(stderr, "%s: %s\n", req.model.c_str(), error.c_str());
                status = 1;
                break;
            }
            std::printf("\n== %s (run %lld: fit %.1f s, NDCG@10 %.4f, %zu train ratings)\n",
                        req.model.c_str(), (long long)trained.run.id, trained.run.fitSeconds,
                        trained.run.metric("NDCG@10").value_or(-1.0), ctx->train.size());
            explainPairs(*ctx, *explainer, c);
            fidelity(*explainer, c);
            factors(*ctx);
            std::fflush(stdout);
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return status;
}
