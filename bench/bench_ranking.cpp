// Top-K ranking models on a fixed train/test split (default: the ml-latest-small split in
// ../shared): most-popular, BPR, ALS, NAIS and LightGCN with their default settings. Full-ranking
// top-K with rs::evaluate() (candidates = each user's unrated train items, relevant = test
// rating >= 4.0), fit seconds and mean seconds per epoch, and for NAIS scoreAll() milliseconds
// per user. One JSON line per model, then a table of P@K, R@K, NDCG@K and the timings.
//
//   bench_ranking                                    # all five on 2 threads
//   bench_ranking --models nais --set lr=0.1 --set epochs=10
//   bench_ranking --models lightgcn --set layers=2
//   bench_ranking --holdout 0.2                      # tune: hide 20% of the train file's
//                                                    # ratings (seeded), evaluate on those
//   options: --train F --test F --seed S --threads T --k K --threshold X --models a,b,...
//            --set key=value (applied to each listed model that has that hyper-parameter)
//            --holdout F --split-seed S
#include "BenchCommon.h"
#include "data/Interactions.h"
#include "eval/Metrics.h"
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

using bench::Params;

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

/// One model's row of the final table.
struct Row {
    std::string model;
    double precision = 0, recall = 0, ndcg = 0, fitSeconds = 0, epochSeconds = 0;
    std::size_t epochs = 0;
};

bool runOne(const std::string& name, const Params& params, const rs::RatingTable& table,
            const rs::Interactions& train, const std::vector<std::uint32_t>& testRows,
            std::uint64_t seed, int threads, const rs::EvalOptions& eo, Row& row) {
    std::string err;
    auto model = rs::createRecommender(name, params, err);
    if (!model) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return false;
    }
    rs::FitOptions fo;
    fo.seed = seed;
    fo.threads = threads;
    const auto t0 = std::chrono::steady_clock::now();
    const rs::FitResult fr = model->fit(train, fo, {});
    const double fitSeconds = bench::secondsSince(t0);
    if (fr.status != rs::FitStatus::Done) {
        std::fprintf(stderr, "%s: fit failed: %s\n", name.c_str(), fr.message.c_str());
        return false;
    }
    const rs::EvaluationResult ev = rs::evaluate(*model, train, table, testRows, eo);
    if (!ev.error.empty()) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), ev.error.c_str());
        return false;
    }
    const rs::RankingMetrics& m = ev.ranking;
    double epochSeconds = 0.0;
    for (const auto& e : fr.history)
        epochSeconds += e.seconds;
    row = {name,
           m.meanPrecision,
           m.meanRecall,
           m.meanNdcg,
           fitSeconds,
           fr.history.empty() ? 0.0 : epochSeconds / double(fr.history.size()),
           fr.history.size()};

    const std::string k = "@" + std::to_string(m.k);
    rs::JsonWriter w;
    w.beginObject().key("model").value(name).key("params").beginObject();
    for (const auto& [key, v] : model->hyperParameters())
        w.key(key).value(v);
    w.endObject().key("threads").value(threads).key("fit_seconds").value(fitSeconds);
    w.key("epochs").value(row.epochs).key("epoch_seconds").value(row.epochSeconds);
    w.key("losses").beginArray();
    for (const auto& e : fr.history)
        w.value(e.trainLoss);
    w.endArray();
    w.key("eval_seconds").value(ev.seconds).key("users").value(m.evaluatedUsers);
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
    return true;
}

} // namespace

int main(int argc, char** argv) {
    bench::SplitBenchArgs args;
    std::uint64_t splitSeed = 7;
    double holdout = 0.0;
    std::vector<std::string> models = {"popularity", "bpr", "als", "nais", "lightgcn"};
    for (int a = 1; a < argc; ++a) {
        const std::string s = argv[a];
        auto next = [&]() -> std::string { return a + 1 < argc ? argv[++a] : ""; };
        if (args.take(s, next))
            continue;
        if (s == "--split-seed")
            splitSeed = std::strtoull(next().c_str(), nullptr, 10);
        else if (s == "--holdout")
            holdout = std::atof(next().c_str());
        else if (s == "--models")
            models = bench::splitList(next());
        else {
            std::fprintf(stderr, "unknown option %s\n", s.c_str());
            return 2;
        }
    }
    if (args.bad)
        return 2;
    const rs::EvalOptions eo = args.evalOptions();
    bench::SplitData split;
    if (!bench::loadSplitFiles(args.trainPath, args.testPath, split, holdout, splitSeed))
        return 1;
    std::vector<Row> rows;
    for (const std::string& name : models) {
        Row row;
        if (runOne(name, bench::paramsFor(name, args.set), split.table, split.train, split.testRows,
                   args.seed, args.threads, eo, row))
            rows.push_back(row);
    }
    std::printf("\n| model | P@%d | R@%d | NDCG@%d | fit s | epochs | s/epoch |\n|---|---|---|---|"
                "---|---|---|\n",
                eo.k, eo.k, eo.k);
    for (const Row& r : rows)
        std::printf("| %s | %.4f | %.4f | %.4f | %.2f | %zu | %.3f |\n", r.model.c_str(),
                    r.precision, r.recall, r.ndcg, r.fitSeconds, r.epochs, r.epochSeconds);
    return 0;
}
