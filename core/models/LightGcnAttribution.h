#pragma once
#include "models/LightGcn.h"
#include "models/LightGcnGraph.h"

#include <Eigen/Dense>
#include <cstdint>
#include <span>
#include <vector>

namespace rs {

/// One history item's exact share of a LightGCN score (see LightGcnAttribution::terms()).
struct LightGcnHistoryTerm {
    std::uint32_t item = 0; ///< j, an item of the user's graph neighbourhood N(u)
    float weight = 0.0f;    ///< Â_uj = 1 / sqrt(|N(u)| |N(j)|)
    double value = 0.0;     ///< (Â_uj / L) sum_{k=0..K-1} x_j^(k) . e_i
};

/// A LightGCN score split over the user's own embedding and the history items.
struct LightGcnScoreTerms {
    double own = 0.0;                         ///< (1/L) x_u^(0) . e_i: the user's layer-0 embedding
    std::vector<LightGcnHistoryTerm> history; ///< one per j in N(u), ascending item
    /// own + the history values: the score (up to float rounding of the layers).
    double total() const;
};

/// One walk prefix of a LightGCN score: u -> j (history item) [-> v (a user of j)], its share
/// of the score (see LightGcnAttribution::paths()).
struct LightGcnPath {
    std::uint32_t item = 0; ///< j
    std::int64_t user = -1; ///< v; -1 for the path that stops at j
    double value = 0.0;
};

/// Exact attributions of a trained LightGCN's scores to its graph, recomputed from the layer-0
/// embeddings and the training interactions it was fitted on. With L = K + 1 layers,
/// x^(k) = Â^k E^(0) and e = the model's final (layer mean) embeddings:
///   score(u, i) = e_u . e_i = (1/L) sum_{k=0..K} x_u^(k) . e_i,
///   x_u^(k) = sum_{j in N(u)} Â_uj x_j^(k-1)  (k >= 1), so
///   score(u, i) = (1/L) x_u^(0) . e_i + sum_{j in N(u)} (Â_uj / L) sum_{k=0..K-1} x_j^(k) . e_i
/// (terms()). Expanding x_j^(k) = sum_{v in N(j)} Â_jv x_v^(k-1) once more splits each history
/// term into walk prefixes (paths()):
///   u -> j:       (Â_uj / L) x_j^(0) . e_i                          (the walk that stops at j)
///   u -> j -> v:  (Â_uj Â_jv / L) sum_{k=0..K-2} x_v^(k) . e_i      (every walk continuing
///                                                                     through user v, v = u too)
/// The prefixes of one j add up to its history term exactly; deeper hops stay inside the v
/// node's sum (the number of longer walks grows as the product of the degrees). "-> i" at the
/// end of a path means the dot product with the target's final embedding e_i, not an edge.
/// The model's target side e_i is used as stored. Built once (K propagations), then read-only:
/// every const member is safe to call from several threads at once.
class LightGcnAttribution {
public:
    using RowMatrix = LightGcnGraph::RowMatrix;

    /// `train` must be the data `model` was fitted on (its edges are the values >=
    /// model.minValue()); mismatch() tells how far the recomputed user embeddings are from the
    /// model's when it is not.
    LightGcnAttribution(const LightGcn& model, const Interactions& train, int threads = 1);

    const LightGcnGraph& graph() const { return m_graph; }
    /// N(u): the user's positives (ascending items).
    std::span<const std::uint32_t> history(std::uint32_t user) const;
    /// Largest |recomputed layer mean - stored embedding| over every user entry: float rounding
    /// (~1e-7) when `train` is the training data, large otherwise.
    double mismatch() const { return m_mismatch; }

    /// The own-embedding term and one term per history item of score(user, item).
    LightGcnScoreTerms terms(std::uint32_t user, std::uint32_t item) const;
    /// Every path prefix of score(user, item): per history item j (ascending), the path that
    /// stops at j, then one per user v of j (ascending). The values of j's paths add up to its
    /// term in terms().
    std::vector<LightGcnPath> paths(std::uint32_t user, std::uint32_t item) const;

    /// The user's final embedding re-propagated with the edges to `removed` (any order; items
    /// outside N(u) ignored) taken out: x_u^(k) = sum_{j in N'(u)} x_j^(k-1) / sqrt(|N'(u)| |N(j)|)
    /// with every other node's layers, degrees and the item side fixed (not a retrain: the items'
    /// own embeddings still carry what they propagated from u). The model's stored embedding
    /// when nothing is removed.
    Eigen::VectorXf userEmbeddingWithout(std::uint32_t user,
                                         std::span<const std::uint32_t> removed) const;
    /// Every item's score e_i . userEmbeddingWithout(user, removed).
    void scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                       std::vector<float>& out) const;

private:
    /// sum_{k=0..K-2} x_v^(k) . e_i for user v.
    double continuation(std::uint32_t v, std::uint32_t item) const;

    const LightGcn& m_model;
    CsrMatrix m_positives;
    LightGcnGraph m_graph;
    std::vector<RowMatrix> m_layers; ///< x^(0..K-1)
    double m_mismatch = 0.0;
};

} // namespace rs
