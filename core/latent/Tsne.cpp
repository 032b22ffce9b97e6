#include "latent/Tsne.h"

#include "latent/Pca.h"
#include "latent/QuadTree.h"
#include "models/ShardRunner.h"
#include "util/JsonWriter.h"

#include <algorithm>
#include <cmath>

namespace rs {

namespace {

/// Points [begin, end) of shard s of `shards` over n points.
std::pair<std::uint32_t, std::uint32_t> shardRange(std::uint32_t n, int s, int shards) {
    const auto begin = std::uint32_t(std::uint64_t(n) * std::uint64_t(s) / std::uint64_t(shards));
    const auto end = std::uint32_t(std::uint64_t(n) * std::uint64_t(s + 1) / std::uint64_t(shards));
    return {begin, end};
}

/// The input of the layout: rows normalised (cosine) and reduced to `dims` principal components.
Eigen::MatrixXf prepareInput(const Eigen::MatrixXf& data, const TsneOptions& o) {
    Eigen::MatrixXf x = data;
    if (o.cosine)
        for (Eigen::Index r = 0; r < x.rows(); ++r) {
            const float norm = x.row(r).norm();
            if (norm > 0)
                x.row(r) /= norm;
        }
    if (o.inputDimensions > 0 && x.cols() > o.inputDimensions) {
        const Pca pca = principalComponents(x, o.inputDimensions);
        return pca.projected;
    }
    return x;
}

} // namespace

std::string TsneOptions::json() const {
    JsonWriter w;
    w.beginObject()
        .key("perplexity")
        .value(perplexity)
        .key("iterations")
        .value(iterations)
        .key("exaggeration")
        .value(exaggeration)
        .key("exaggeration_iterations")
        .value(exaggerationIterations)
        .key("theta")
        .value(theta)
        .key("learning_rate")
        .value(learningRate)
        .key("input_dimensions")
        .value(inputDimensions)
        .key("cosine")
        .value(cosine)
        .endObject();
    return w.str();
}

double tsneGradient(const Affinities& P, const std::vector<float>& xy, double exaggeration,
                    double theta, int threads, std::vector<double>& gradient) {
    const std::uint32_t n = P.points;
    gradient.assign(std::size_t(n) * 2, 0.0);
    if (n < 2)
        return 0.0;
    const QuadTree tree(xy, n);
    // Per-point sums of q, added up serially afterwards: Z does not depend on the thread count.
    std::vector<double> sumQ(n), repX(n), repY(n);
    const int shards = std::max(1, std::min<int>(threads, int(n / 256) + 1));
    runShards(shards, [&](int s) {
        const auto [begin, end] = shardRange(n, s, shards);
        for (std::uint32_t i = begin; i < end; ++i) {
            tree.repulsion(i, theta, repX[i], repY[i], sumQ[i]);
            // Attraction: sum_j p_ij q_ij (y_i - y_j) over the sparse row.
            double ax = 0, ay = 0;
            const double x = xy[2 * i], y = xy[2 * i + 1];
            for (std::uint32_t k = P.rowPtr[i]; k < P.rowPtr[i + 1]; ++k) {
                const std::uint32_t j = P.cols[k];
                const double dx = x - xy[2 * j], dy = y - xy[2 * j + 1];
                const double q = 1.0 / (1.0 + dx * dx + dy * dy);
                ax += double(P.values[k]) * q * dx;
                ay += double(P.values[k]) * q * dy;
            }
            gradient[2 * i] = ax;
            gradient[2 * i + 1] = ay;
        }
    });
    double z = 0;
    for (std::uint32_t i = 0; i < n; ++i)
        z += sumQ[i];
    z = std::max(z, 1e-300);
    for (std::uint32_t i = 0; i < n; ++i) {
        gradient[2 * i] = 4.0 * (exaggeration * gradient[2 * i] - repX[i] / z);
        gradient[2 * i + 1] = 4.0 * (exaggeration * gradient[2 * i + 1] - repY[i] / z);
    }
    return z;
}

double tsneKl(const Affinities& P, const std::vector<float>& xy, double z) {
    double kl = 0;
    for (std::uint32_t i = 0; i < P.points; ++i)
        for (std::uint32_t k = P.rowPtr[i]; k < P.rowPtr[i + 1]; ++k) {
            const double p = P.values[k];
            if (p <= 0)
                continue;
            const std::uint32_t j = P.cols[k];
            const double dx = double(xy[2 * i]) - xy[2 * j],
                         dy = double(xy[2 * i + 1]) - xy[2 * j + 1];
            const double q = 1.0 / (1.0 + dx * dx + dy * dy) / z;
            kl += p * std::log(p / std::max(q, 1e-300));
        }
    return kl;
}

TsneResult runTsne(const Eigen::MatrixXf& data, const TsneOptions& o, const Progress& progress) {
    TsneResult result;
    const std::uint32_t n = std::uint32_t(data.rows());
    if (n == 0)
        return result;
    const Eigen::MatrixXf input = prepareInput(data, o);

    const Progress affinityProgress{
        [&](double f, std::string_view stage) { return progress(0.2 * f, stage); }};
    const Affinities P = computeAffinities(input, o.perplexity, o.threads, affinityProgress);
    if (P.rowPtr.empty() && n >= 2) {
        result.cancelled = true;
        return result;
    }

    // Initial layout: the first two principal components, scaled to a standard deviation of 1e-4.
    std::vector<float> xy(std::size_t(n) * 2, 0.0f);
    if (n >= 2 && input.cols() >= 1) {
        const Pca pca = principalComponents(input, 2);
        const Eigen::Index c = pca.projected.cols();
        double sd = 0;
        for (Eigen::Index r = 0; r < pca.projected.rows(); ++r)
            sd += double(pca.projected(r, 0)) * pca.projected(r, 0);
        sd = std::sqrt(sd / double(n));
        const double scale = sd > 0 ? 1e-4 / sd : 1.0;
        for (std::uint32_t i = 0; i < n; ++i) {
            xy[2 * i] = float(pca.projected(i, 0) * scale);
            xy[2 * i + 1] = c > 1 ? float(pca.projected(i, 1) * scale) : 0.0f;
        }
    }

    const double lr =
        o.learningRate > 0 ? o.learningRate : std::max(double(n) / o.exaggeration / 4.0, 50.0);
    std::vector<double> gradient, update(xy.size(), 0.0), gains(xy.size(), 1.0);
    double z = 1.0;
    const int iterations = std::max(o.iterations, 0);
    for (int it = 0; it < iterations; ++it) {
        const bool early = it < o.exaggerationIterations;
        const double exaggeration = early ? o.exaggeration : 1.0;
        const double momentum = early ? 0.5 : 0.8;
        z = tsneGradient(P, xy, exaggeration, o.theta, o.threads, gradient);
        for (std::size_t c = 0; c < xy.size(); ++c) {
            // Gains grow while the gradient keeps pushing against the last step, shrink otherwise.
            const bool sameSign = (gradient[c] > 0) == (update[c] > 0);
            gains[c] = std::max(sameSign ? gains[c] * 0.8 : gains[c] + 0.2, 0.01);
            update[c] = momentum * update[c] - lr * gains[c] * gradient[c];
            xy[c] += float(update[c]);
        }
        // Keep the layout centred (the objective does not depend on a translation).
        double mx = 0, my = 0;
        for (std::uint32_t i = 0; i < n; ++i) {
            mx += xy[2 * i];
            my += xy[2 * i + 1];
        }
        mx /= n;
        my /= n;
        for (std::uint32_t i = 0; i < n; ++i) {
            xy[2 * i] -= float(mx);
            xy[2 * i + 1] -= float(my);
        }
        result.iterations = it + 1;
        if ((it % 10 == 9 || it + 1 == iterations) &&
            !progress(0.2 + 0.8 * double(it + 1) / double(iterations), "layout")) {
            result.cancelled = true;
            return result;
        }
    }
    z = tsneGradient(P, xy, 1.0, o.theta, o.threads, gradient); // Z of the final layout
    result.klDivergence = tsneKl(P, xy, z);
    result.coords.resize(n, 2);
    for (std::uint32_t i = 0; i < n; ++i) {
        result.coords(i, 0) = xy[2 * i];
        result.coords(i, 1) = xy[2 * i + 1];
    }
    return result;
}

} // namespace rs
