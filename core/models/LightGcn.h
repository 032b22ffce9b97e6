#pragma once
#include "models/LightGcnGraph.h"
#include "models/ParameterisedRecommender.h"
#include "models/Recommender.h"

namespace rs {

/// LightGCN (He et al., SIGIR 2020): collaborative filtering by linear propagation over the
/// user-item graph, no feature transforms or non-linearities.
///   E^(0) = the layer-0 embeddings (one row per user and per item; the only parameters)
///   E^(k+1) = Â E^(k),   Â = D^-1/2 A D^-1/2 (LightGcnGraph)
///   e = 1/(K+1) sum_{k=0..K} E^(k),   score(u, i) = e_u . e_i
/// Positives are the training values >= min_value (default 0: every interaction, a rating
/// treated as implicit feedback). Training minimises LightGcnObjective: the mean BPR loss
/// -ln sigma(score(u,i) - score(u,j)) of `batch` positives per step, each with `negatives`
/// items j sampled uniformly among the user's non-positives, plus reg/2 times the mean squared
/// norm of the batch's layer-0 rows, by Adam (LightGcnAdam) on every E^(0) row; an epoch visits
/// every positive once in a random order. The propagation forward and back (K products with Â
/// each way per step) is split over FitOptions::threads by rows and the element-wise Adam step
/// by ranges; sampling and the loss run in one fixed order, so a seed gives the same model for
/// every thread count. The epoch loss is the mean BPR part over the epoch's triples, each
/// before its step (no L2). Progress (and cancel) is checked every 8 steps and after every
/// epoch; a cancelled or failed fit leaves the previous model as it was.
/// E^(0) starts as N(0, init_std^2), except users without positives: they have no edge and never
/// enter a batch, so their zero embedding gets no gradient and they score 0 for every item.
///
/// Hyper-parameters (defaults): factors (64), layers (3), epochs (60), lr (0.01), reg (0.001),
/// batch (2048), negatives (4), min_value (0), init_std (0.1); lr, reg and negatives were chosen
/// on a 20% hold-out of the ml-latest-small train split (bench_graph --holdout 0.2), where 128
/// factors rank better still. Saved blocks: user_embeddings_0 and item_embeddings_0 (E^(0)),
/// user_embeddings and item_embeddings (the final layer means), so a loaded model scores without
/// the graph.
class LightGcn : public ParameterisedRecommender {
public:
    using RowMatrix = LightGcnGraph::RowMatrix;

    LightGcn();
    std::string name() const override { return "lightgcn"; }
    bool predictsRatings() const override { return false; }
    bool supportsSampleWeights() const override { return true; }

    FitResult fit(const Interactions& data, const FitOptions& options,
                  const Progress& progress) override;
    /// e_u . e_i; 0 for a user or item outside the model.
    float score(std::uint32_t user, std::uint32_t item) const override;
    /// Every item's score as one matrix-vector product.
    void scoreAll(std::uint32_t user, std::vector<float>& out) const override;

    std::uint32_t numUsers() const override { return std::uint32_t(m_users.rows()); }
    std::uint32_t numItems() const override { return std::uint32_t(m_items.rows()); }

    ModelState save() const override;
    bool load(const ModelState& state, std::string& error) override;

    /// E^(0): numUsers() + numItems() rows, users first.
    const RowMatrix& layer0() const { return m_e0; }
    /// The final (layer mean) embeddings e of users and items.
    const RowMatrix& userEmbeddings() const { return m_users; }
    const RowMatrix& itemEmbeddings() const { return m_items; }
    /// K, the number of propagation layers of the trained model.
    int layers() const { return m_trainedLayers; }
    /// Training values >= this were the graph's edges.
    double minValue() const { return m_trainedMinValue; }

private:
    int m_factors = 64;
    int m_layers = 3;
    int m_epochs = 60;
    double m_lr = 0.01;
    double m_reg = 1e-3;
    int m_batch = 2048;
    int m_negatives = 4;
    double m_minValue = 0.0;
    double m_initStd = 0.1;

    RowMatrix m_e0, m_users, m_items;
    int m_trainedLayers = 3;
    double m_trainedMinValue = 0.0;
};

} // namespace rs
