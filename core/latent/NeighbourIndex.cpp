#include "latent/NeighbourIndex.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace rs {

namespace {

/// Queries per block of nearestBatch: a block's product (block x rows floats) stays small.
constexpr Eigen::Index kQueryBlock = 64;

} // namespace

const char* factorMetricName(FactorMetric metric) {
    switch (metric) {
    case FactorMetric::Cosine:
        return "cosine";
    case FactorMetric::Dot:
        return "dot";
    case FactorMetric::Euclidean:
        return "euclidean";
    }
    return "cosine";
}

bool parseFactorMetric(const std::string& text, FactorMetric& out) {
    for (FactorMetric m : {FactorMetric::Cosine, FactorMetric::Dot, FactorMetric::Euclidean})
        if (text == factorMetricName(m)) {
            out = m;
            return true;
        }
    return false;
}

std::vector<FactorNeighbour> topOf(const std::vector<float>& scores, int count,
                                   std::span<const std::uint32_t> exclude,
                                   std::span<const std::uint8_t> allowed) {
    std::vector<std::uint32_t> order;
    order.reserve(scores.size());
    for (std::uint32_t r = 0; r < scores.size(); ++r)
        if ((allowed.empty() || (r < allowed.size() && allowed[r])) &&
            std::find(exclude.begin(), exclude.end(), r) == exclude.end())
            order.push_back(r);
    const std::size_t n = std::min(order.size(), std::size_t(std::max(count, 0)));
    auto better = [&scores](std::uint32_t a, std::uint32_t b) {
        return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
    };
    std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(n), order.end(), better);
    std::vector<FactorNeighbour> out(n);
    for (std::size_t k = 0; k < n; ++k)
        out[k] = {order[k], scores[order[k]]};
    return out;
}

NeighbourIndex::NeighbourIndex(const Eigen::MatrixXf& rows)
    : m_rows(rows), m_norms(m_rows.rowwise().norm()) {}

void NeighbourIndex::similarities(const Eigen::VectorXf& dots, float queryNorm, FactorMetric metric,
                                  std::vector<float>& out) const {
    const Eigen::Index n = m_rows.rows();
    out.resize(std::size_t(n));
    for (Eigen::Index r = 0; r < n; ++r) {
        const float d = dots[r];
        switch (metric) {
        case FactorMetric::Dot:
            out[std::size_t(r)] = d;
            break;
        case FactorMetric::Cosine: {
            const float denom = m_norms[r] * queryNorm;
            out[std::size_t(r)] = denom > 0 ? d / denom : 0.0f;
            break;
        }
        case FactorMetric::Euclidean: {
            // |a - b|^2 = |a|^2 + |b|^2 - 2 a.b, clamped at 0 against rounding.
            const float sq = m_norms[r] * m_norms[r] + queryNorm * queryNorm - 2.0f * d;
            out[std::size_t(r)] = -std::sqrt(std::max(sq, 0.0f));
            break;
        }
        }
    }
}

std::vector<FactorNeighbour>
NeighbourIndex::nearestTo(std::span<const float> vector, int count, FactorMetric metric,
                          std::span<const std::uint32_t> exclude,
                          std::span<const std::uint8_t> allowed) const {
    if (vector.size() != std::size_t(m_rows.cols()))
        return {};
    const Eigen::Map<const Eigen::VectorXf> q(vector.data(), Eigen::Index(vector.size()));
    const Eigen::VectorXf dots = m_rows * q;
    std::vector<float> scores;
    similarities(dots, q.norm(), metric, scores);
    return topOf(scores, count, exclude, allowed);
}

std::vector<FactorNeighbour> NeighbourIndex::nearest(std::uint32_t row, int count,
                                                     FactorMetric metric,
                                                     std::span<const std::uint8_t> allowed) const {
    if (row >= size())
        return {};
    const Eigen::VectorXf q = m_rows.row(row).transpose();
    const std::uint32_t self[] = {row};
    return nearestTo({q.data(), std::size_t(q.size())}, count, metric, self, allowed);
}

std::vector<std::vector<FactorNeighbour>>
NeighbourIndex::nearestBatch(std::span<const std::uint32_t> queries, int count,
                             FactorMetric metric) const {
    std::vector<std::vector<FactorNeighbour>> out(queries.size());
    std::vector<float> scores;
    for (std::size_t start = 0; start < queries.size(); start += std::size_t(kQueryBlock)) {
        const std::size_t end = std::min(queries.size(), start + std::size_t(kQueryBlock));
        Eigen::MatrixXf block(Eigen::Index(end - start), m_rows.cols());
        for (std::size_t k = start; k < end; ++k)
            if (queries[k] < size())
                block.row(Eigen::Index(k - start)) = m_rows.row(queries[k]);
        // rows x block: each column holds one query's dot products with every row.
        const Eigen::MatrixXf dots = m_rows * block.transpose();
        for (std::size_t k = start; k < end; ++k) {
            if (queries[k] >= size())
                continue;
            const std::uint32_t self[] = {queries[k]};
            similarities(dots.col(Eigen::Index(k - start)), m_norms[queries[k]], metric, scores);
            out[k] = topOf(scores, count, self);
        }
    }
    return out;
}

} // namespace rs
