// Latent-space benchmark (issue 6): exact nearest neighbours and PCA on a factor matrix.
//   - neighbour query latency: top-50 neighbours of random items among N items x K factors
//     (default 60,000 x 100, N(0, 1) factors), one query at a time, per metric: p50 / p95 / max;
//   - batched neighbours (blocked matrix products): seconds for all queries, per query;
//   - PCA to 2 components of the same matrix: seconds.
//
//   bench_latent [--items 60000] [--factors 100] [--queries 1000] [--count 50] [--seed 1]
// Prints one JSON line per metric and one for PCA.
#include "BenchCommon.h"

#include "latent/NeighbourIndex.h"
#include "latent/Pca.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

int intArg(int argc, char** argv, const char* name, int fallback) {
    for (int k = 1; k + 1 < argc; ++k)
        if (std::string(argv[k]) == name)
            return std::atoi(argv[k + 1]);
    return fallback;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(double(v.size()) * p))];
}

} // namespace

int main(int argc, char** argv) {
    const int items = intArg(argc, argv, "--items", 60000);
    const int factors = intArg(argc, argv, "--factors", 100);
    const int queries = std::max(1, intArg(argc, argv, "--queries", 1000));
    const int count = intArg(argc, argv, "--count", 50);
    std::mt19937_64 rng(std::uint64_t(intArg(argc, argv, "--seed", 1)));
    std::normal_distribution<float> normal(0.0f, 1.0f);
    Eigen::MatrixXf f(items, factors);
    for (int r = 0; r < items; ++r)
        for (int c = 0; c < factors; ++c)
            f(r, c) = normal(rng);
    const rs::NeighbourIndex index(f);
    std::vector<std::uint32_t> picks(static_cast<std::size_t>(queries));
    for (auto& q : picks)
        q = std::uint32_t(rng() % std::uint64_t(items));

    for (rs::FactorMetric metric :
         {rs::FactorMetric::Cosine, rs::FactorMetric::Dot, rs::FactorMetric::Euclidean}) {
        std::vector<double> ms;
        std::size_t found = 0;
        for (std::uint32_t q : picks) {
            const auto start = std::chrono::steady_clock::now();
            found += index.nearest(q, count, metric).size();
            ms.push_back(bench::secondsSince(start) * 1e3);
        }
        const auto start = std::chrono::steady_clock::now();
        const auto batch = index.nearestBatch(picks, count, metric);
        if (batch.size() != picks.size())
            return 1;
        const double batchSeconds = bench::secondsSince(start);
        std::printf("{\"metric\":\"%s\",\"items\":%d,\"factors\":%d,\"count\":%d,\"queries\":%d,"
                    "\"query_ms\":{\"p50\":%.3f,\"p95\":%.3f,\"max\":%.3f},"
                    "\"batch_seconds\":%.3f,\"batch_ms_per_query\":%.3f,\"neighbours\":%zu}\n",
                    rs::factorMetricName(metric), items, factors, count, queries,
                    percentile(ms, 0.5), percentile(ms, 0.95), percentile(ms, 1.0), batchSeconds,
                    batchSeconds * 1e3 / double(queries), found);
    }
    const auto start = std::chrono::steady_clock::now();
    const rs::Pca pca = rs::principalComponents(f, 2);
    const double pcaSeconds = bench::secondsSince(start);
    std::printf("{\"pca\":{\"items\":%d,\"factors\":%d,\"components\":2,\"seconds\":%.3f,"
                "\"explained\":[%.4f,%.4f]},\"peak_rss_kb\":%ld}\n",
                items, factors, pcaSeconds, pca.explainedRatio(0), pca.explainedRatio(1),
                bench::peakRssKb());
    return 0;
}
