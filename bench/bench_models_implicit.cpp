// Fits the implicit-feedback models (and most-popular for reference) on a fixed train/test split
// (default: the ml-latest-small split in ../shared) and evaluates top-K lists with rs::evaluate():
// full ranking over each user's unrated train items, relevant = test rating >= 4.0. Prints one
// JSON line per fit: model, params, threads, fit_seconds, eval_seconds, users, P@K, R@K, NDCG@K,
// MAP@K, HR@K, MRR@K, coverage, novelty, ILD, ARP, long-tail share, Gini, and the last epoch's
// loss.
//
//   bench_models_implicit                      # most-popular, ALS (cg, cholesky), BPR
//   bench_models_implicit --model als --set factors=128 --set alpha=5 --threads 2
//   options: --train F --test F --seed S --threads T --k K --threshold X --model M --set key=value
#include "BenchCommon.h"
#include "data/Interactions.h"
#include "eval/Metrics.h"
#include "models/Bpr.h"
#include "models/ImplicitAls.h"
#include "models/Recommender.h"
#include "util/JsonWriter.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

struct Config {
    std::string model;
    std::vector<std::pair<std::string, std::string>> params;
    int threads = 1;
};

/// Milliseconds of foldInUser() (mean over every 10th user, and for the user with the most
/// ratings); {-1, -1} for models without fold-in.
std::pair<double, double> foldInMillis(const rs::Recommender& model, const rs::Interactions& d) {
    auto run = [&](std::uint32_t u) {
        const auto t0 = std::chrono::steady_clock::now();
        if (auto* als = dynamic_cast<const rs::ImplicitAls*>(&model))
            (void)als->foldInUser(d.byUser.rowCols(u), d.byUser.rowValues(u));
        else if (auto* bpr = dynamic_cast<const rs::Bpr*>(&model))
            (void)bpr->foldInUser(d.byUser.rowCols(u), d.byUser.rowValues(u));
        return 1000.0 * bench::secondsSince(t0);
    };
    if (!dynamic_cast<const rs::ImplicitAls*>(&model) && !dynamic_cast<const rs::Bpr*>(&model))
        return {-1.0, -1.0};
    double sum = 0.0;
    int n = 0;
    std::uint32_t heaviest = 0;
    for (std::uint32_t u = 0; u < d.numUsers(); ++u) {
        if (d.byUser.rowSize(u) > d.byUser.rowSize(heaviest))
            heaviest = u;
        if (u % 10 == 0) {
            sum += run(u);
            ++n;
        }
    }
    return {n ? sum / n : 0.0, run(heaviest)};
}

void runOne(const rs::RatingTable& table, const rs::Interactions& train,
            const std::vector<std::uint32_t>& testRows, const Config& c, std::uint64_t seed,
            const rs::EvalOptions& evalOptions) {
    std::string err;
    auto model = rs::createRecommender(c.model, c.params, err);
    if (!model) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return;
    }
    rs::FitOptions fo;
    fo.seed = seed;
    fo.threads = c.threads;
    auto t0 = std::chrono::steady_clock::now();
    const rs::FitResult fr = model->fit(train, fo, {});
    const double fitSeconds = bench::secondsSince(t0);
    if (fr.status != rs::FitStatus::Done) {
        std::fprintf(stderr, "%s: fit failed: %s\n", c.model.c_str(), fr.message.c_str());
        return;
    }
    const rs::EvaluationResult ev = rs::evaluate(*model, train, table, testRows, evalOptions);
    if (!ev.error.empty()) {
        std::fprintf(stderr, "%s: %s\n", c.model.c_str(), ev.error.c_str());
        return;
    }
    const auto [foldMean, foldHeaviest] = foldInMillis(*model, train);
    const rs::RankingMetrics& m = ev.ranking;
    const std::string k = "@" + std::to_string(m.k);
    rs::JsonWriter w;
    w.beginObject().key("model").value(c.model).key("params").beginObject();
    for (const auto& [key, v] : c.params)
        w.key(key).value(v);
    w.endObject();
    w.key("threads").value(c.threads).key("fit_seconds").value(fitSeconds);
    w.key("eval_seconds").value(ev.seconds).key("users").value(m.evaluatedUsers);
    w.key("P" + k).value(m.meanPrecision).key("R" + k).value(m.meanRecall);
    w.key("NDCG" + k).value(m.meanNdcg).key("MAP" + k).value(m.map);
    w.key("HR" + k).value(m.hitRate).key("MRR" + k).value(m.mrr);
    w.key("coverage").value(m.coverage).key("novelty").value(m.meanNovelty);
    w.key("ild").value(m.meanDiversity).key("arp").value(m.meanArp);
    w.key("long_tail").value(m.meanLongTail).key("gini").value(m.gini);
    w.key("last_loss").value(fr.history.empty() ? -1.0 : fr.history.back().trainLoss);
    w.key("foldin_ms_mean").value(foldMean).key("foldin_ms_heaviest").value(foldHeaviest);
    w.endObject();
    std::printf("%s\n", w.str().c_str());
    std::fflush(stdout);
}

std::vector<Config> standardSuite() {
    return {
        {"popularity", {}, 1},
        {"als", {}, 1},
        {"als", {}, 2},
        {"als", {{"solver", "cholesky"}}, 2},
        {"bpr", {}, 1},
        {"bpr", {}, 2},
        {"bpr", {{"optimizer", "adagrad"}, {"lr", "0.1"}}, 1},
        {"bpr", {{"factors", "128"}, {"epochs", "60"}, {"min_value", "3.5"}}, 1},
    };
}

} // namespace

int main(int argc, char** argv) {
    const std::string shared = bench::sharedDir();
    std::string trainPath = shared + "/datasets/ml-latest-small-split/mlsmall_train.csv";
    std::string testPath = shared + "/datasets/ml-latest-small-split/mlsmall_test.csv";
    std::uint64_t seed = 42;
    rs::EvalOptions eo;
    Config single;
    for (int a = 1; a < argc; ++a) {
        const std::string s = argv[a];
        auto next = [&]() -> std::string { return a + 1 < argc ? argv[++a] : ""; };
        if (s == "--train")
            trainPath = next();
        else if (s == "--test")
            testPath = next();
        else if (s == "--seed")
            seed = std::strtoull(next().c_str(), nullptr, 10);
        else if (s == "--threads")
            single.threads = std::max(1, std::atoi(next().c_str()));
        else if (s == "--k")
            eo.k = std::max(1, std::atoi(next().c_str()));
        else if (s == "--threshold")
            eo.threshold = std::atof(next().c_str());
        else if (s == "--model")
            single.model = next();
        else if (s == "--set") {
            if (!bench::addKeyValue(next(), single.params))
                return 2;
        } else {
            std::fprintf(stderr, "unknown option %s\n", s.c_str());
            return 2;
        }
    }
    bench::SplitData split;
    if (!bench::loadSplitFiles(trainPath, testPath, split))
        return 1;

    const std::vector<Config> suite =
        single.model.empty() ? standardSuite() : std::vector<Config>{single};
    for (const Config& c : suite)
        runOne(split.table, split.train, split.testRows, c, seed, eo);
    return 0;
}
