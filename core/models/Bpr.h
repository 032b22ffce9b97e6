#pragma once
#include "models/ParameterisedRecommender.h"
#include "models/Recommender.h"
#include <Eigen/Dense>
#include <span>

namespace rs {

/// Bayesian personalised ranking with matrix factorisation (Rendle et al. 2009, BPR-MF):
///   score(u, i) = b_i + p_u . q_i
/// trained to rank each user's positive items above the others by maximising
///   sum_{(u,i,j)} ln sigma(score(u,i) - score(u,j)) - reg/2 (|p_u|^2 + |q_i|^2 + |q_j|^2)
///                                                    - reg_bias/2 (b_i^2 + b_j^2)
/// by stochastic steps on sampled triples: i uniform over all positive (user, item) pairs, j
/// uniform over the items that are not positives of u. An epoch draws as many triples as there
/// are positives. Positives are the observed values >= min_value (default 0: every
/// non-negative value, so all of an ordinary rating or count dataset).
/// optimizer=sgd uses a fixed step lr; optimizer=adagrad divides lr by the root of each
/// parameter's accumulated squared gradients.
/// threads = 1 is deterministic for a seed. threads > 1 runs Hogwild: each thread owns a
/// contiguous range of users (balanced by positives) and samples only its users' pairs, so the
/// user vectors are private while item parameters are updated without locks (results then vary
/// slightly from run to run).
/// Training loss per epoch = mean -ln sigma(x_uij) over that epoch's triples (before each update).
///
/// Hyper-parameters: factors, epochs, lr, reg, reg_bias, optimizer (sgd|adagrad), bias,
/// min_value, init_std. Defaults: 64 factors, 60 epochs, lr 0.05, reg 0.01, sgd (on
/// ml-latest-small, min_value=3.5 and 128 factors rank better). Saved blocks: user_factors,
/// item_factors, item_bias (items x 1).
class Bpr : public ParameterisedRecommender {
public:
    using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    Bpr();
    std::string name() const override { return "bpr"; }
    bool predictsRatings() const override { return false; }
    bool supportsSampleWeights() const override { return true; }

    FitResult fit(const Interactions& data, const FitOptions& options,
                  const Progress& progress) override;
    /// b_i + p_u . q_i; b_i for a user outside the model, 0 for an item outside it.
    float score(std::uint32_t user, std::uint32_t item) const override;
    void scoreAll(std::uint32_t user, std::vector<float>& out) const override;

    std::uint32_t numUsers() const override { return std::uint32_t(m_users.rows()); }
    std::uint32_t numItems() const override { return std::uint32_t(m_items.rows()); }

    ModelState save() const override;
    bool load(const ModelState& state, std::string& error) override;

    /// Copies of the parameters (users x k, items x k, items).
    Eigen::MatrixXf userFactors() const { return m_users; }
    Eigen::MatrixXf itemFactors() const { return m_items; }
    Eigen::VectorXf itemBiases() const {
        return Eigen::Map<const Eigen::VectorXf>(m_bias.data(), Eigen::Index(m_bias.size()));
    }
    int factors() const { return int(m_items.cols()); }

    /// A user vector for a history (`items` with their `values`; empty `values` means all
    /// positive) with the item side fixed: the exact maximiser of that user's BPR objective over
    /// all (positive, non-positive) item pairs, mean ln sigma - reg/2 |p|^2 (see
    /// BprUserObjective), found by quasi-Newton (exact Hessian once, then BFGS). Not a few SGD
    /// steps: the result is deterministic and independent of the training order. Cost
    /// O(n_u * items * k) once plus O(n_u * items) per step (typically 10-20 steps).
    /// Items outside the model are ignored.
    Eigen::VectorXf foldInUser(std::span<const std::uint32_t> items,
                               std::span<const float> values) const;
    /// The objective foldInUser() maximises, at user vector `p`.
    double foldInObjective(std::span<const std::uint32_t> items, std::span<const float> values,
                           const Eigen::VectorXf& p) const;

private:
    std::vector<std::uint32_t> positivesOf(std::span<const std::uint32_t> items,
                                           std::span<const float> values) const;

    int m_factors = 64;
    int m_epochs = 60;
    double m_lr = 0.05;
    double m_reg = 0.01;
    double m_regBias = 0.01;
    std::string m_optimizer = "sgd";
    bool m_useBias = true;
    double m_minValue = 0.0;
    double m_initStd = 0.1;

    RowMatrix m_users, m_items;
    std::vector<float> m_bias;
};

} // namespace rs
