#pragma once
#include "models/NaisParameters.h"
#include "models/ParameterisedRecommender.h"
#include "models/Recommender.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace rs {

/// One history item's part in a NAIS score (see Nais::attention()).
struct NaisAttentionEntry {
    std::uint32_t item = 0;    ///< history item j
    float logit = 0.0f;        ///< f(p_j, q_i)
    float weight = 0.0f;       ///< a_ij
    float similarity = 0.0f;   ///< p_j . q_i
    float contribution = 0.0f; ///< a_ij p_j . q_i
};

/// The attention of one (user, item) pair: score = bias + sum of the entries' contributions.
struct NaisAttention {
    float bias = 0.0f;                       ///< b_i (0 without item bias)
    float score = 0.0f;                      ///< what score(user, item) returns
    std::vector<NaisAttentionEntry> entries; ///< the user's history without i, ascending item
};

/// NAIS, the neural attentive item similarity model (He et al., TKDE 2018), "prod" attention:
///   score(u, i) = b_i + sum_{j in H(u), j != i} a_ij p_j . q_i
///   a_ij = exp(f_ij) / (sum_{j' in H(u), j' != i} exp(f_ij'))^beta
///   f_ij = h . ReLU(W (p_j (.) q_i) + b)
/// H(u) = the user's training items with value >= min_value (implicit feedback; default 0 =
/// every rated item). p (history) and q (target) are separate item embeddings of size
/// `factors`; W is attention x factors. beta in (0, 1] smooths the softmax's denominator for
/// long histories (1 = the plain softmax).
///
/// Training (loss=logloss, the paper's): every positive (u, i), with i left out of H(u), and
/// `negatives` items sampled uniformly among those u has no positive for, minimise
///   -ln sigma(y_ui) - sum_neg ln(1 - sigma(y_uj))
/// or (loss=bpr) for `negatives` sampled j per positive, -ln sigma(y_ui - y_uj); plus
/// reg/2 (|p_j|^2 over the history rows + |q|^2 of the targets) + reg_att/2 (|W|^2 + |h|^2) +
/// reg_bias/2 b^2 per step. The hand-derived gradients are in NaisKernel.h. Units are visited
/// user by user (users in a random order, a user's units shuffled), `batch` units per optimiser
/// step (adagrad, as in the paper, or adam; NaisOptimizer). No pre-training: embeddings start
/// as N(0, init_std^2), W as Glorot-normal, b = 0, h = 1 (every logit near 0, so the model
/// starts as FISM with a normalisation of |H|^-beta).
/// threads > 1: users are handed out to threads dynamically; each thread works on private
/// copies of the user's history rows and of W, b, h and adds their changes to the shared values
/// at the end of the user, target rows are updated in place (Hogwild). threads = 1 is
/// deterministic for a seed. The epoch loss is the mean unit loss before each step, without the
/// L2 terms.
///
/// Hyper-parameters: factors, attention, beta, loss (logloss|bpr), negatives, optimizer
/// (adagrad|adam), lr, reg, reg_att, reg_bias, bias, epochs, batch, min_value, init_std.
/// Saved blocks: history_factors (P), target_factors (Q), attention_w, attention_b, attention_h,
/// item_bias, beta (1 x 1), history_count (users x 1) and history_items (the users' positives,
/// item indices as floats).
class Nais : public ParameterisedRecommender {
public:
    Nais();
    std::string name() const override { return "nais"; }
    bool predictsRatings() const override { return false; }

    FitResult fit(const Interactions& data, const FitOptions& options,
                  const Progress& progress) override;
    /// b_i plus the attention-weighted similarities of the user's history (i left out); b_i for
    /// a user outside the model or without history, 0 for an item outside the model.
    float score(std::uint32_t user, std::uint32_t item) const override;
    /// Every item's score: the history is gathered once, each item is one kernel pass over it
    /// (O(|H| attention factors) per item).
    void scoreAll(std::uint32_t user, std::vector<float>& out) const override;

    /// score() with `hist` in place of the user's trained history: b_i plus the attention of
    /// `hist` (i left out when in it, the attention normalised over the rest). `hist` must be
    /// ascending item indices < numItems(), e.g. history(u) minus some items (a what-if).
    float scoreWithHistory(std::span<const std::uint32_t> hist, std::uint32_t item) const;
    /// scoreAll() with `hist` in place of the user's trained history (same preconditions);
    /// scoreAll(u, out) is scoreAllWithHistory(history(u), out).
    void scoreAllWithHistory(std::span<const std::uint32_t> hist, std::vector<float>& out) const;

    std::uint32_t numUsers() const override { return m_history.rows; }
    std::uint32_t numItems() const override { return m_p.items(); }

    ModelState save() const override;
    bool load(const ModelState& state, std::string& error) override;

    /// The attention weights a_ij and contributions a_ij p_j . q_i of every history item of
    /// `user` for target `item` (the entries' contributions add up to score - bias). Empty
    /// entries for an unknown user or item.
    NaisAttention attention(std::uint32_t user, std::uint32_t item) const;
    /// The user's history H(u) as trained (ascending item indices; empty for unknown users).
    std::span<const std::uint32_t> history(std::uint32_t user) const;
    /// The trained parameters.
    const NaisParameters<float>& parameters() const { return m_p; }
    /// The smoothing exponent the model was trained with.
    float beta() const { return m_beta; }

private:
    int m_factors = 16;
    int m_attention = 16;
    double m_betaParam = 0.5;
    std::string m_loss = "logloss";
    int m_negatives = 4;
    std::string m_optimizer = "adagrad";
    double m_lr = 0.05;
    double m_reg = 1e-5;
    double m_regAtt = 1e-5;
    double m_regBias = 1e-5;
    bool m_useBias = true;
    int m_epochs = 20;
    int m_batch = 1;
    double m_minValue = 0.0;
    double m_initStd = 0.01;

    NaisParameters<float> m_p;
    CsrMatrix m_history; ///< users x items, the positives trained on
    float m_beta = 0.5f;
};

} // namespace rs
