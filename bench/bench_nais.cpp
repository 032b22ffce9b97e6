// NAIS next to most-popular, BPR and ALS on a fixed train/test split (default: the
// ml-latest-small split in ../shared): full-ranking top-K with rs::evaluate() (candidates = each
// user's unrated train items, relevant = test rating >= 4.0), fit seconds and seconds per epoch,
// and NAIS's scoreAll() milliseconds per user. One JSON line per model.
//
//   bench_nais                                   # popularity, bpr, als, nais on 2 threads
//   bench_nais --models nais --set lr=0.1 --set epochs=10
//   bench_nais --holdout 0.2                     # tune: hide 20% of the train file's ratings
//                                                # (seeded) and evaluate on those, test unused
//   options: --train F --test F --seed S --threads T --k K --threshold X --models a,b,...
//            --set key=value (NAIS hyper-parameters) --holdout F --split-seed S
#include "BenchCommon.h"
#include "data/Interactions.h"
#include "eval/Metrics.h"
#include "models/Nais.h"
#include "models/NaisKernel.h"
#include "models/Recommender.h"
#include "models/Rng.h"
#include "util/JsonWriter.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

/// scoreAll() milliseconds: mean over every 10th user with history, and for the user with the
/// longest history.
std::pair<double, double> scoreMillis(const rs::Recommender& model, const rs::Interactions& d) {
    std::vector<float> out;
    auto run = [&](std::uint32_t u) {
        const auto t0 = std::chrono::steady_clock::now();
        model.scoreAll(u, out);
        return 1000.0 * bench::secondsSince(t0);
    };
    double sum = 0.0;
    int n = 0;
    std::uint32_t heaviest = 0;
    for (std::uint32_t u = 0; u < d.numUsers(); ++u) {
        if (d.byUser.rowSize(u) > d.byUser.rowSize(heaviest))
            heaviest = u;
        if (u % 10 == 0 && d.byUser.rowSize(u) > 0) {
            sum += run(u);
            ++n;
        }
    }
    return {n ? sum / n : 0.0, run(heaviest)};
}

void runOne(const std::string& name, const Params& params, const rs::RatingTable& table,
            const rs::Interactions& train, const std::vector<std::uint32_t>& testRows,
            std::uint64_t seed, int threads, const rs::EvalOptions& eo) {
    std::string err;
    auto model = rs::createRecommender(name, params, err);
    if (!model) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return;
    }
    rs::FitOptions fo;
    fo.seed = seed;
    fo.threads = threads;
    const auto t0 = std::chrono::steady_clock::now();
    const rs::FitResult fr = model->fit(train, fo, {});
    const double fitSeconds = bench::secondsSince(t0);
    if (fr.status != rs::FitStatus::Done) {
        std::fprintf(stderr, "%s: fit failed: %s\n", name.c_str(), fr.message.c_str());
        return;
    }
    const rs::EvaluationResult ev = rs::evaluate(*model, train, table, testRows, eo);
    if (!ev.error.empty()) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), ev.error.c_str());
        return;
    }
    const rs::RankingMetrics& m = ev.ranking;
    const std::string k = "@" + std::to_string(m.k);
    rs::JsonWriter w;
    w.beginObject().key("model").value(name).key("params").beginObject();
    for (const auto& [key, v] : params)
        w.key(key).value(v);
    w.endObject().key("threads").value(threads).key("fit_seconds").value(fitSeconds);
    double epochSeconds = 0.0;
    for (const auto& e : fr.history)
        epochSeconds += e.seconds;
    w.key("epochs").value(fr.history.size());
    w.key("epoch_seconds").value(fr.history.empty() ? 0.0 : epochSeconds / fr.history.size());
    w.key("losses").beginArray();
    for (const auto& e : fr.history)
        w.value(e.trainLoss);
    w.endArray();
    w.key("eval_seconds").value(ev.seconds).key("eval_threads").value(eo.threads);
    w.key("users").value(m.evaluatedUsers);
    w.key("P" + k).value(m.meanPrecision).key("R" + k).value(m.meanRecall);
    w.key("NDCG" + k).value(m.meanNdcg).key("MAP" + k).value(m.map);
    w.key("HR" + k).value(m.hitRate).key("coverage").value(m.coverage);
    if (name == "nais") {
        const auto [mean, heaviest] = scoreMillis(*model, train);
        w.key("score_all_ms_mean").value(mean).key("score_all_ms_heaviest").value(heaviest);
        w.key("kernel_isa").value(rs::nais::kernelIsa());
    }
    w.endObject();
    std::printf("%s\n", w.str().c_str());
    std::fflush(stdout);
}

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string part;
    while (std::getline(in, part, ','))
        if (!part.empty())
            out.push_back(part);
    return out;
}

} // namespace

int main(int argc, char** argv) {
    const std::string shared = bench::sharedDir();
    std::string trainPath = shared + "/datasets/ml-latest-small-split/mlsmall_train.csv";
    std::string testPath = shared + "/datasets/ml-latest-small-split/mlsmall_test.csv";
    std::uint64_t seed = 42, splitSeed = 7;
    int threads = 2;
    double holdout = 0.0;
    rs::EvalOptions eo;
    std::vector<std::string> models = {"popularity", "bpr", "als", "nais"};
    Params naisParams;
    for (int a = 1; a < argc; ++a) {
        const std::string s = argv[a];
        auto next = [&]() -> std::string { return a + 1 < argc ? argv[++a] : ""; };
        if (s == "--train")
            trainPath = next();
        else if (s == "--test")
            testPath = next();
        else if (s == "--seed")
            seed = std::strtoull(next().c_str(), nullptr, 10);
        else if (s == "--split-seed")
            splitSeed = std::strtoull(next().c_str(), nullptr, 10);
        else if (s == "--threads")
            threads = std::max(1, std::atoi(next().c_str()));
        else if (s == "--k")
            eo.k = std::max(1, std::atoi(next().c_str()));
        else if (s == "--threshold")
            eo.threshold = std::atof(next().c_str());
        else if (s == "--holdout")
            holdout = std::atof(next().c_str());
        else if (s == "--models")
            models = splitList(next());
        else if (s == "--set") {
            const std::string kv = next();
            const auto eq = kv.find('=');
            if (eq == std::string::npos) {
                std::fprintf(stderr, "--set expects key=value\n");
                return 2;
            }
            naisParams.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
        } else {
            std::fprintf(stderr, "unknown option %s\n", s.c_str());
            return 2;
        }
    }
    eo.threads = threads;
    rs::RatingTable table;
    bench::IdSpace ids;
    if (!bench::appendCsvRatings(trainPath, ids, table))
        return 1;
    const std::size_t trainSize = table.size();
    std::vector<std::uint32_t> trainRows, testRows;
    if (holdout > 0.0) {
        // Tuning: a seeded random share of the train file's ratings is the validation set.
        rs::Rng rng(splitSeed);
        for (std::uint32_t r = 0; r < trainSize; ++r)
            (rng.uniform() < holdout ? testRows : trainRows).push_back(r);
    } else {
        if (!bench::appendCsvRatings(testPath, ids, table))
            return 1;
        for (std::uint32_t r = 0; r < table.size(); ++r)
            (r < trainSize ? trainRows : testRows).push_back(r);
    }
    const rs::Interactions train = rs::Interactions::fromTable(table, trainRows);
    std::fprintf(stderr, "%zu train, %zu %s ratings, %u users, %u items\n", trainRows.size(),
                 testRows.size(), holdout > 0.0 ? "validation" : "test", table.numUsers(),
                 table.numItems());
    for (const std::string& name : models)
        runOne(name, name == "nais" ? naisParams : Params{}, table, train, testRows, seed, threads,
               eo);
    return 0;
}
