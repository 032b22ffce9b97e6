// Fits the explicit-rating models on a fixed train/test split (default: the ml-latest-small split
// in ../shared) and prints one JSON line per fit: model, params, threads, fit_seconds (median of
// --repeat fits; fit_seconds_min the fastest), rmse and mae on the test file (plus rmse/mae with
// predictions clipped to the training rating range, as Surprise reports them).
//
//   bench_models_explicit                      # the standard suite
//   bench_models_explicit --model itemknn --set k=60 --set shrinkage=80 --threads 2
//   options: --train F --test F --repeat N --seed S --threads T --model M --set key=value
//            --holdout F   evaluate on a random fraction F of the train file instead of the test
//                          file (for tuning hyper-parameters without touching the test file)
#include "BenchCommon.h"
#include "data/Interactions.h"
#include "models/Recommender.h"
#include "util/JsonWriter.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

struct Split {
    rs::Interactions train;
    std::vector<std::uint32_t> testUsers, testItems;
    std::vector<float> testValues;
    float minRating = 0, maxRating = 0;
};

/// With holdout > 0 the test file is ignored: a seeded random fraction `holdout` of the training
/// ratings becomes the evaluation set (for tuning without looking at the test file).
bool loadSplit(const std::string& trainPath, const std::string& testPath, double holdout,
               std::uint64_t seed, Split& s) {
    bench::IdSpace ids;
    rs::RatingTable t;
    if (!bench::appendCsvRatings(trainPath, ids, t))
        return false;
    std::vector<std::uint32_t>& u = t.users;
    std::vector<std::uint32_t>& i = t.items;
    std::vector<float>& v = t.values;
    if (holdout > 0) {
        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> uni(0.0, 1.0);
        std::size_t keep = 0;
        for (std::size_t k = 0; k < v.size(); ++k) {
            if (uni(rng) < holdout) {
                s.testUsers.push_back(u[k]);
                s.testItems.push_back(i[k]);
                s.testValues.push_back(v[k]);
            } else {
                u[keep] = u[k];
                i[keep] = i[k];
                v[keep] = v[k];
                ++keep;
            }
        }
        u.resize(keep);
        i.resize(keep);
        v.resize(keep);
    } else {
        rs::RatingTable test;
        if (!bench::appendCsvRatings(testPath, ids, test, false))
            return false;
        s.testUsers = std::move(test.users);
        s.testItems = std::move(test.items);
        s.testValues = std::move(test.values);
    }
    s.minRating = *std::min_element(t.values.begin(), t.values.end());
    s.maxRating = *std::max_element(t.values.begin(), t.values.end());
    s.train = rs::Interactions::fromTable(t);
    return true;
}

struct Config {
    std::string model;
    std::vector<std::pair<std::string, std::string>> params;
    int threads = 1;
};

void runOne(const Split& split, const Config& c, int repeat, std::uint64_t seed) {
    std::vector<double> times;
    std::unique_ptr<rs::Recommender> model;
    rs::FitResult fr;
    for (int r = 0; r < repeat; ++r) {
        std::string err;
        model = rs::createRecommender(c.model, c.params, err);
        if (!model) {
            std::fprintf(stderr, "%s\n", err.c_str());
            return;
        }
        rs::FitOptions opt;
        opt.seed = seed;
        opt.threads = c.threads;
        const auto t0 = std::chrono::steady_clock::now();
        fr = model->fit(split.train, opt, {});
        times.push_back(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(times.begin(), times.end());
    double se = 0, ae = 0, sec = 0, aec = 0;
    const std::size_t n = split.testValues.size();
    for (std::size_t k = 0; k < n; ++k) {
        const float p = model->score(split.testUsers[k], split.testItems[k]);
        const float pc = std::clamp(p, split.minRating, split.maxRating);
        const double e = double(split.testValues[k]) - p, ec = double(split.testValues[k]) - pc;
        se += e * e;
        ae += std::abs(e);
        sec += ec * ec;
        aec += std::abs(ec);
    }
    rs::JsonWriter w;
    w.beginObject().key("model").value(c.model).key("params").beginObject();
    for (const auto& [k, v] : c.params)
        w.key(k).value(v);
    w.endObject()
        .key("threads")
        .value(c.threads)
        .key("status")
        .value(fr.status == rs::FitStatus::Done ? "done" : "failed")
        .key("fit_seconds")
        .value(times[times.size() / 2])
        .key("fit_seconds_min")
        .value(times.front())
        .key("rmse")
        .value(std::sqrt(se / double(n)))
        .key("mae")
        .value(ae / double(n))
        .key("rmse_clipped")
        .value(std::sqrt(sec / double(n)))
        .key("mae_clipped")
        .value(aec / double(n))
        .key("train_rmse_last_epoch")
        .value(fr.history.empty() ? -1.0 : fr.history.back().trainLoss)
        .endObject();
    std::printf("%s\n", w.str().c_str());
    std::fflush(stdout);
}

std::vector<Config> standardSuite() {
    // Surprise 1.1.4 settings of the reference table, then RecScope's defaults.
    const std::vector<std::pair<std::string, std::string>> surpriseSvd = {
        {"factors", "100"},   {"epochs", "20"}, {"lr", "0.005"},
        {"lr_bias", "0.005"}, {"reg", "0.02"},  {"init_std", "0.1"}};
    const std::vector<std::pair<std::string, std::string>> surpriseSvdpp = {
        {"factors", "20"}, {"epochs", "20"}, {"lr", "0.007"},    {"lr_bias", "0.007"},
        {"lr_y", "0.007"}, {"reg", "0.02"},  {"init_std", "0.1"}};
    const std::vector<std::pair<std::string, std::string>> knnBaseline = {
        {"similarity", "pearson_baseline"}, {"k", "40"}, {"prediction", "baseline"}};
    auto with = [](std::vector<std::pair<std::string, std::string>> a,
                   std::pair<std::string, std::string> b) {
        a.push_back(std::move(b));
        return a;
    };
    return {
        {"popularity", {}, 1},
        {"baseline", {{"solver", "als"}}, 1},
        {"baseline", {{"solver", "sgd"}, {"epochs", "20"}}, 1},
        {"biasedmf", surpriseSvd, 1},
        {"biasedmf", surpriseSvd, 2},
        {"biasedmf", {}, 1},
        {"biasedmf", {}, 2},
        {"itemknn", knnBaseline, 1},
        {"itemknn", knnBaseline, 2},
        {"itemknn", with(knnBaseline, {"max_neighbours", "200"}), 2},
        {"userknn", knnBaseline, 2},
        {"svdpp", surpriseSvdpp, 1},
        {"svdpp", surpriseSvdpp, 2},
        {"svdpp", {}, 1},
        {"svdpp", {}, 2},
    };
}

} // namespace

int main(int argc, char** argv) {
    const std::string shared = bench::sharedDir();
    std::string train = shared + "/datasets/ml-latest-small-split/mlsmall_train.csv";
    std::string test = shared + "/datasets/ml-latest-small-split/mlsmall_test.csv";
    int repeat = 3;
    double holdout = 0.0;
    std::uint64_t seed = 42;
    Config single;
    single.threads = 1;
    for (int a = 1; a < argc; ++a) {
        const std::string s = argv[a];
        auto next = [&]() -> std::string { return a + 1 < argc ? argv[++a] : ""; };
        if (s == "--train")
            train = next();
        else if (s == "--test")
            test = next();
        else if (s == "--repeat")
            repeat = std::max(1, std::atoi(next().c_str()));
        else if (s == "--holdout")
            holdout = std::atof(next().c_str());
        else if (s == "--seed")
            seed = std::strtoull(next().c_str(), nullptr, 10);
        else if (s == "--threads")
            single.threads = std::max(1, std::atoi(next().c_str()));
        else if (s == "--model")
            single.model = next();
        else if (s == "--set") {
            const std::string kv = next();
            const auto eq = kv.find('=');
            if (eq == std::string::npos) {
                std::fprintf(stderr, "--set expects key=value\n");
                return 2;
            }
            single.params.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
        } else {
            std::fprintf(stderr,
                         "usage: bench_models_explicit [--train F] [--test F] [--repeat N] "
                         "[--seed S] [--holdout F] [--model M [--set k=v]... [--threads T]]\n");
            return 2;
        }
    }
    Split split;
    const auto t0 = std::chrono::steady_clock::now();
    if (!loadSplit(train, test, holdout, 12345, split))
        return 1;
    std::fprintf(stderr, "loaded %zu train / %zu test ratings, %u users, %u items in %.3f s\n",
                 split.train.size(), split.testValues.size(), split.train.numUsers(),
                 split.train.numItems(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    if (!single.model.empty())
        runOne(split, single, repeat, seed);
    else
        for (const auto& c : standardSuite())
            runOne(split, c, repeat, seed);
    return 0;
}
