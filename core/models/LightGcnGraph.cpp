#include "models/LightGcnGraph.h"

#include "models/ShardRunner.h"

#include <algorithm>
#include <cmath>

namespace rs {

namespace {

/// `shards` + 1 row boundaries of `adj` with about equal numbers of entries per range (plus one
/// per row, the cost of writing it).
std::vector<Eigen::Index> rowRanges(const LightGcnGraph::Adjacency& adj, int shards) {
    const Eigen::Index rows = adj.rows();
    shards = std::max(1, std::min<int>(shards, int(std::max<Eigen::Index>(rows, 1))));
    const auto* outer = adj.outerIndexPtr();
    const double total = double(outer[rows]) + double(rows);
    std::vector<Eigen::Index> bounds{0};
    Eigen::Index r = 0;
    for (int s = 1; s < shards; ++s) {
        const double target = total * s / shards;
        while (r < rows && double(outer[r]) + double(r) < target)
            ++r;
        bounds.push_back(std::max(r, bounds.back()));
    }
    bounds.push_back(rows);
    return bounds;
}

} // namespace

LightGcnGraph::LightGcnGraph(const CsrMatrix& positives)
    : m_users(positives.rows), m_items(positives.cols) {
    const Eigen::Index n = Eigen::Index(m_users) + Eigen::Index(m_items);
    std::vector<std::uint32_t> itemDegree(m_items, 0);
    for (std::uint32_t i : positives.colIdx)
        ++itemDegree[i];
    std::vector<Eigen::Triplet<float>> entries;
    entries.reserve(2 * positives.nnz());
    for (std::uint32_t u = 0; u < m_users; ++u) {
        const double du = double(positives.rowSize(u));
        for (std::uint32_t i : positives.rowCols(u)) {
            const float w = float(1.0 / std::sqrt(du * double(itemDegree[i])));
            entries.emplace_back(Eigen::Index(u), Eigen::Index(itemNode(i)), w);
            entries.emplace_back(Eigen::Index(itemNode(i)), Eigen::Index(u), w);
        }
    }
    m_adj.resize(n, n);
    m_adj.setFromTriplets(entries.begin(), entries.end());
    m_adj.makeCompressed();
}

void LightGcnGraph::propagate(const RowMatrix& in, RowMatrix& out, int threads,
                              RowMatrix* sum) const {
    out.resize(in.rows(), in.cols());
    const auto bounds = rowRanges(m_adj, threads);
    const auto* outer = m_adj.outerIndexPtr();
    const auto* inner = m_adj.innerIndexPtr();
    const float* value = m_adj.valuePtr();
    const std::size_t d = std::size_t(in.cols());
    const float* src = in.data();
    runShards(int(bounds.size()) - 1, [&](int s) {
        for (Eigen::Index r = bounds[std::size_t(s)]; r < bounds[std::size_t(s) + 1]; ++r) {
            float* o = out.data() + std::size_t(r) * d;
            std::fill(o, o + d, 0.0f);
            for (auto e = outer[r]; e < outer[r + 1]; ++e) {
                const float w = value[e];
                const float* x = src + std::size_t(inner[e]) * d;
                for (std::size_t c = 0; c < d; ++c)
                    o[c] += w * x[c];
            }
            if (sum) {
                float* acc = sum->data() + std::size_t(r) * d;
                for (std::size_t c = 0; c < d; ++c)
                    acc[c] += o[c];
            }
        }
    });
}

void LightGcnGraph::layerMean(const RowMatrix& in, int layers, RowMatrix& out, int threads,
                              Scratch& scratch) const {
    out = in;
    const RowMatrix* cur = &in;
    for (int k = 1; k <= layers; ++k) {
        propagate(*cur, scratch.next, threads, &out);
        scratch.cur.swap(scratch.next);
        cur = &scratch.cur;
    }
    out *= 1.0f / float(layers + 1);
}

std::vector<LightGcnGraph::RowMatrix> LightGcnGraph::layerStack(const RowMatrix& in, int count,
                                                                int threads) const {
    std::vector<RowMatrix> stack;
    if (count <= 0)
        return stack;
    stack.reserve(std::size_t(count));
    stack.push_back(in);
    for (int k = 1; k < count; ++k) {
        RowMatrix next;
        propagate(stack.back(), next, threads);
        stack.push_back(std::move(next));
    }
    return stack;
}

} // namespace rs
