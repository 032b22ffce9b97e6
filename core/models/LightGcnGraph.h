#pragma once
#include "data/Interactions.h"

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <cstdint>
#include <vector>

namespace rs {

/// The LightGCN interaction graph (He et al., SIGIR 2020): one node per user (node u) and per
/// item (node numUsers + i), an edge for every positive (user, item) pair, and its symmetric
/// normalisation
///   Â = D^-1/2 A D^-1/2,   Â_uj = Â_ju = 1 / sqrt(|N(u)| |N(j)|)
/// with A the (users + items) square adjacency matrix and D its degrees. Nodes without edges
/// have an empty row. Propagation E' = Â E runs on row-major embeddings (one row per node),
/// output rows split over threads by their number of edges; every output row is computed by one
/// thread in a fixed order, so the result is the same for every thread count.
class LightGcnGraph {
public:
    using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using Adjacency = Eigen::SparseMatrix<float, Eigen::RowMajor>;

    LightGcnGraph() = default;
    /// The graph of `positives` (users x items; only the pattern counts, values are ignored).
    explicit LightGcnGraph(const CsrMatrix& positives);

    std::uint32_t numUsers() const { return m_users; }
    std::uint32_t numItems() const { return m_items; }
    std::uint32_t numNodes() const { return m_users + m_items; }
    /// Node index of user u / item i.
    std::uint32_t userNode(std::uint32_t u) const { return u; }
    std::uint32_t itemNode(std::uint32_t i) const { return m_users + i; }
    /// Number of edges of a node (its degree in A).
    std::uint32_t degree(std::uint32_t node) const {
        return std::uint32_t(m_adj.outerIndexPtr()[node + 1] - m_adj.outerIndexPtr()[node]);
    }
    /// Â, symmetric, columns sorted within each row.
    const Adjacency& adjacency() const { return m_adj; }

    /// out = Â in (in: numNodes() x d); when `sum` is given, also sum += out in the same pass.
    /// `out` must not alias `in` or `sum`.
    void propagate(const RowMatrix& in, RowMatrix& out, int threads,
                   RowMatrix* sum = nullptr) const;
    /// Buffers of layerMean(), kept by callers that propagate often (no reallocation per call).
    struct Scratch {
        RowMatrix cur, next;
    };
    /// out = 1/(L+1) sum_{k=0..L} Â^k in: the layer mean of LightGCN's final embeddings. Â being
    /// symmetric, the same map is its own transpose: applied to the gradient of the final
    /// embeddings it gives the gradient of the layer-0 embeddings. `out` must not alias `in`.
    void layerMean(const RowMatrix& in, int layers, RowMatrix& out, int threads,
                   Scratch& scratch) const;
    void layerMean(const RowMatrix& in, int layers, RowMatrix& out, int threads) const {
        Scratch scratch;
        layerMean(in, layers, out, threads, scratch);
    }
    /// The layers X^(0) = in, X^(k) = Â X^(k-1) for k = 0..count-1 (count matrices).
    std::vector<RowMatrix> layerStack(const RowMatrix& in, int count, int threads) const;

private:
    std::uint32_t m_users = 0, m_items = 0;
    Adjacency m_adj;
};

} // namespace rs
