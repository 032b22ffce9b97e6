// Naive vs debiased training on a fixed train/test split (default: the ml-latest-small split in
// ../shared): each model is trained on the train file as it is and under each debias spec (IPS,
// rebalancing), then evaluated identically on the untouched train/test data: RMSE (rating
// models), full-ranking P/R/NDCG@K, and the popularity bias of the top-K lists: average
// recommendation popularity (ARP), long-tail share, exposure Gini and catalogue coverage.
// One JSON line per (model, spec), then a table.
//
//   bench_debias                                   # biasedmf and bpr, five specs each
//   bench_debias --models als --debias none,ips:eta=1:clip=50
//   options: --train F --test F --seed S --threads T --k K --threshold X --models a,b,...
//            --debias spec,spec,...  --set key=value (each model that has the key)
#include "BenchCommon.h"
#include "data/Interactions.h"
#include "debias/Debias.h"
#include "eval/Metrics.h"
#include "models/Recommender.h"
#include "util/JsonWriter.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using bench::Params;

struct Row {
    std::string model, debias;
    bool rating = false;
    double rmse = 0, precision = 0, recall = 0, ndcg = 0, arp = 0, longTail = 0, gini = 0,
           coverage = 0, fitSeconds = 0;
};

bool runOne(const std::string& name, const Params& params, const std::string& specText,
            const rs::RatingTable& table, const rs::Interactions& train,
            const std::vector<std::uint32_t>& testRows, std::uint64_t seed, int threads,
            const rs::EvalOptions& eo, Row& row) {
    std::string err;
    const auto spec = rs::parseDebiasSpec(specText, err);
    auto model = rs::createRecommender(name, params, err);
    if (!spec || !model) {
        std::fprintf(stderr, "%s / %s: %s\n", name.c_str(), specText.c_str(), err.c_str());
        return false;
    }
    if (spec->needsSampleWeights() && !model->supportsSampleWeights()) {
        std::fprintf(stderr, "%s takes no sample weights: %s skipped\n", name.c_str(),
                     specText.c_str());
        return false;
    }
    const auto debiased = rs::applyDebias(train, *spec, {}, err);
    if (!debiased) {
        std::fprintf(stderr, "%s: %s\n", specText.c_str(), err.c_str());
        return false;
    }
    rs::FitOptions fo;
    fo.seed = seed;
    fo.threads = threads;
    const auto t0 = std::chrono::steady_clock::now();
    const rs::FitResult fr = model->fit(debiased->data, fo, {});
    const double fitSeconds = bench::secondsSince(t0);
    if (fr.status != rs::FitStatus::Done) {
        std::fprintf(stderr, "%s: fit failed: %s\n", name.c_str(), fr.message.c_str());
        return false;
    }
    // Evaluated on the data as it is, like every run: candidates and popularity from `train`.
    const rs::EvaluationResult ev = rs::evaluate(*model, train, table, testRows, eo);
    if (!ev.error.empty()) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), ev.error.c_str());
        return false;
    }
    const rs::RankingMetrics& m = ev.ranking;
    row = {name,
           spec->isNone() ? "none" : rs::debiasSpecText(*spec),
           ev.rating.computed,
           ev.rating.rmse,
           m.meanPrecision,
           m.meanRecall,
           m.meanNdcg,
           m.meanArp,
           m.meanLongTail,
           m.gini,
           m.coverage,
           fitSeconds};
    const std::string k = "@" + std::to_string(m.k);
    rs::JsonWriter w;
    w.beginObject().key("model").value(name).key("debias").value(row.debias);
    w.key("stage").beginObject();
    for (const auto& [key, v] : debiased->facts)
        w.key(key).value(v);
    w.endObject();
    w.key("fit_seconds").value(fitSeconds).key("train_entries").value(debiased->data.size());
    if (ev.rating.computed)
        w.key("RMSE").value(ev.rating.rmse).key("MAE").value(ev.rating.mae);
    w.key("P" + k).value(m.meanPrecision).key("R" + k).value(m.meanRecall);
    w.key("NDCG" + k).value(m.meanNdcg).key("ARP" + k).value(m.meanArp);
    w.key("LongTail" + k).value(m.meanLongTail).key("Gini" + k).value(m.gini);
    w.key("Coverage" + k).value(m.coverage).key("Novelty" + k).value(m.meanNovelty);
    w.endObject();
    std::printf("%s\n", w.str().c_str());
    std::fflush(stdout);
    return true;
}

} // namespace

int main(int argc, char** argv) {
    bench::SplitBenchArgs args;
    std::vector<std::string> models = {"biasedmf", "bpr"};
    std::vector<std::string> specs = {"none", "ips:eta=0.5:clip=20", "ips:eta=1:clip=50",
                                      "down:strata=3:flatten=0.5", "reweight:strata=3:flatten=1"};
    for (int a = 1; a < argc; ++a) {
        const std::string s = argv[a];
        auto next = [&]() -> std::string { return a + 1 < argc ? argv[++a] : ""; };
        if (args.take(s, next))
            continue;
        if (s == "--models")
            models = bench::splitList(next());
        else if (s == "--debias")
            specs = bench::splitList(next());
        else {
            std::fprintf(stderr, "unknown option %s\n", s.c_str());
            return 2;
        }
    }
    if (args.bad)
        return 2;
    const rs::EvalOptions eo = args.evalOptions();
    bench::SplitData split;
    if (!bench::loadSplitFiles(args.trainPath, args.testPath, split))
        return 1;
    std::vector<Row> rows;
    for (const std::string& name : models)
        for (const std::string& spec : specs) {
            Row row;
            if (runOne(name, bench::paramsFor(name, args.set), spec, split.table, split.train,
                       split.testRows, args.seed, args.threads, eo, row))
                rows.push_back(row);
        }
    std::printf("\n| model | debias | RMSE | P@%d | R@%d | NDCG@%d | ARP | long-tail | Gini | "
                "coverage | fit s |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
                eo.k, eo.k, eo.k);
    for (const Row& r : rows) {
        char rmse[32] = "–";
        if (r.rating)
            std::snprintf(rmse, sizeof rmse, "%.4f", r.rmse);
        std::printf("| %s | %s | %s | %.4f | %.4f | %.4f | %.1f | %.4f | %.4f | %.4f | %.2f |\n",
                    r.model.c_str(), r.debias.c_str(), rmse, r.precision, r.recall, r.ndcg, r.arp,
                    r.longTail, r.gini, r.coverage, r.fitSeconds);
    }
    return 0;
}
