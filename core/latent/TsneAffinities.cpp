#include "latent/TsneAffinities.h"

#include "latent/NeighbourIndex.h"
#include "models/ShardRunner.h"

#include <Eigen/Sparse>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

namespace rs {

namespace {

/// Queries per chunk between two progress reports (and cancellation checks).
constexpr std::size_t kChunk = 256;

} // namespace

double calibrateRow(const std::vector<float>& sqDistances, double perplexity,
                    std::vector<float>& probabilities) {
    const std::size_t m = sqDistances.size();
    probabilities.assign(m, 0.0f);
    if (m == 0)
        return 0.0;
    // Distances relative to the nearest neighbour keep exp() in range for any scale.
    const double d0 = *std::min_element(sqDistances.begin(), sqDistances.end());
    const double target = std::log(std::max(perplexity, 1.0));
    double beta = 1.0, lo = 0.0, hi = std::numeric_limits<double>::infinity();
    std::vector<double> p(m);
    for (int iter = 0; iter < 200; ++iter) {
        double sum = 0, weighted = 0;
        for (std::size_t j = 0; j < m; ++j) {
            const double d = double(sqDistances[j]) - d0;
            p[j] = std::exp(-beta * d);
            sum += p[j];
            weighted += p[j] * d;
        }
        // H = log(sum) + beta * E[d] for p normalised by sum (d shifted by d0 cancels out).
        const double entropy = std::log(sum) + beta * weighted / sum;
        for (std::size_t j = 0; j < m; ++j)
            probabilities[j] = float(p[j] / sum);
        if (std::abs(entropy - target) < 1e-5)
            break;
        if (entropy > target) { // too flat: narrow the Gaussian
            lo = beta;
            beta = std::isinf(hi) ? beta * 2 : (beta + hi) / 2;
        } else {
            hi = beta;
            beta = (beta + lo) / 2;
        }
    }
    return beta;
}

Affinities computeAffinities(const Eigen::MatrixXf& data, double perplexity, int threads,
                             const Progress& progress) {
    Affinities out;
    const std::uint32_t n = std::uint32_t(data.rows());
    out.points = n;
    if (n < 2) {
        out.rowPtr.assign(std::size_t(n) + 1, 0);
        return out;
    }
    const int k = std::min<int>(int(n) - 1, std::max(1, int(std::ceil(3 * perplexity))));
    const NeighbourIndex index(data);

    // Conditional p_{j|i} for each point's k nearest neighbours, chunk by chunk.
    std::vector<std::uint32_t> neighbours(std::size_t(n) * std::size_t(k));
    std::vector<float> conditional(std::size_t(n) * std::size_t(k));
    const std::size_t chunks = (std::size_t(n) + kChunk - 1) / kChunk;
    std::atomic<std::size_t> nextChunk{0}, doneChunks{0};
    std::atomic<bool> cancelled{false};
    runShards(std::max(1, threads), [&](int shard) {
        std::vector<std::uint32_t> queries;
        std::vector<float> sq, prob;
        for (;;) {
            const std::size_t c = nextChunk.fetch_add(1);
            if (c >= chunks || cancelled.load())
                return;
            const std::uint32_t begin = std::uint32_t(c * kChunk);
            const std::uint32_t end = std::min<std::uint32_t>(n, begin + std::uint32_t(kChunk));
            queries.resize(end - begin);
            for (std::uint32_t q = begin; q < end; ++q)
                queries[q - begin] = q;
            const auto found = index.nearestBatch(queries, k, FactorMetric::Euclidean);
            for (std::uint32_t q = begin; q < end; ++q) {
                const auto& list = found[q - begin];
                sq.resize(list.size());
                for (std::size_t j = 0; j < list.size(); ++j)
                    sq[j] = list[j].similarity * list[j].similarity; // similarity = -distance
                calibrateRow(sq, perplexity, prob);
                for (int j = 0; j < k; ++j) {
                    const std::size_t at = std::size_t(q) * std::size_t(k) + std::size_t(j);
                    neighbours[at] = std::size_t(j) < list.size() ? list[j].row : q;
                    conditional[at] = std::size_t(j) < list.size() ? prob[j] : 0.0f;
                }
            }
            const std::size_t done = doneChunks.fetch_add(1) + 1;
            if (shard == 0 && !progress(double(done) / double(chunks), "neighbours"))
                cancelled = true;
        }
    });
    if (cancelled)
        return {};

    // Symmetrise: P = (C + C^T) / (2n), dropping self pairs (padding of short lists).
    std::vector<Eigen::Triplet<float, std::int64_t>> triplets;
    triplets.reserve(neighbours.size() * 2);
    const float scale = 1.0f / (2.0f * float(n));
    for (std::uint32_t i = 0; i < n; ++i)
        for (int j = 0; j < k; ++j) {
            const std::size_t at = std::size_t(i) * std::size_t(k) + std::size_t(j);
            const std::uint32_t other = neighbours[at];
            if (other == i || conditional[at] <= 0)
                continue;
            triplets.emplace_back(i, other, conditional[at] * scale);
            triplets.emplace_back(other, i, conditional[at] * scale);
        }
    Eigen::SparseMatrix<float, Eigen::RowMajor, std::int64_t> P(n, n);
    P.setFromTriplets(triplets.begin(), triplets.end());
    P.makeCompressed();
    out.rowPtr.resize(std::size_t(n) + 1);
    for (std::uint32_t i = 0; i <= n; ++i)
        out.rowPtr[i] = std::uint32_t(P.outerIndexPtr()[i]);
    out.cols.assign(P.innerIndexPtr(), P.innerIndexPtr() + P.nonZeros());
    out.values.assign(P.valuePtr(), P.valuePtr() + P.nonZeros());
    return out;
}

} // namespace rs
