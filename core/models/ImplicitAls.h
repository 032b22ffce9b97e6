#pragma once
#include "models/ParameterisedRecommender.h"
#include "models/Recommender.h"
#include <Eigen/Dense>
#include <span>

namespace rs {

/// Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren & Volinsky
/// 2008, "Collaborative filtering for implicit feedback datasets"). Every (user, item) cell is
/// a preference p_ui (1 when observed, else 0) with confidence c_ui = 1 + alpha * r_ui, where r_ui
/// is the stored value (or 1 with binarize=true; values below 0 count as 0). The objective is
///   L = sum_{u,i} c_ui (p_ui - x_u . y_i)^2 + reg (sum_u |x_u|^2 + sum_i |y_i|^2)
/// over all cells; unobserved cells have c = 1, p = 0.
///
/// Each iteration solves all users with the items fixed, then all items with the users fixed.
/// One user's system is (Y'Y + reg I + sum_{i in u} (c_ui - 1) y_i y_i') x_u = sum_{i in u} c_ui
/// y_i: Y'Y is computed once per half-step, so a user costs O(n_u k^2 + k^3) with solver=cholesky
/// (exact), or O(cg_steps (n_u k + k^2)) with solver=cg (conjugate gradient from the previous
/// vector, as in Takacs et al. 2011 and the "implicit" library). Both never increase L.
/// Solves are sharded statically over FitOptions::threads threads; each row's solve depends only
/// on the fixed side, so results are identical for any thread count, and a seed reproduces a fit.
/// Training loss per iteration = L (the full weighted objective, all cells); no validation loss.
///
/// Hyper-parameters: factors, reg, alpha, iterations, solver (cg|cholesky), cg_steps, binarize,
/// init_std. Defaults (64 factors, reg 40, alpha 1, 15 iterations, cg with 3 steps) were tuned
/// on ml-latest-small with 1-5 star values; reg scales with the number of items and alpha with
/// the value range, so other datasets may want others. Saved blocks: user_factors (users x k),
/// item_factors (items x k).
class ImplicitAls : public ParameterisedRecommender {
public:
    using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    ImplicitAls();
    std::string name() const override { return "als"; }
    bool predictsRatings() const override { return false; }
    bool supportsSampleWeights() const override { return true; }

    FitResult fit(const Interactions& data, const FitOptions& options,
                  const Progress& progress) override;
    /// x_u . y_i; 0 for indices outside the model.
    float score(std::uint32_t user, std::uint32_t item) const override;
    void scoreAll(std::uint32_t user, std::vector<float>& out) const override;

    std::uint32_t numUsers() const override { return std::uint32_t(m_users.rows()); }
    std::uint32_t numItems() const override { return std::uint32_t(m_items.rows()); }

    ModelState save() const override;
    bool load(const ModelState& state, std::string& error) override;

    /// Copies of the factor matrices (users x k, items x k).
    Eigen::MatrixXf userFactors() const { return m_users; }
    Eigen::MatrixXf itemFactors() const { return m_items; }
    int factors() const { return int(m_items.cols()); }

    /// The exact least-squares user vector for a history (`items` with their `values`; empty
    /// `values` means every value is 1) with the item factors fixed: the same system as a user
    /// half-step of fit(), solved by Cholesky. Items outside the model are ignored.
    Eigen::VectorXf foldInUser(std::span<const std::uint32_t> items,
                               std::span<const float> values) const;
    /// Re-solves every user vector exactly (Cholesky) from `data` with the item factors fixed:
    /// afterwards foldInUser(row of u) == userFactors().row(u) for every user u. Returns false
    /// (and changes nothing) when `data` does not have the model's users and items.
    bool refreshUserFactors(const Interactions& data, int threads = 1);
    /// The objective L of the current factors on `data` (the fit's loss).
    double objective(const Interactions& data) const;
    /// Confidence of an observed value, 1 + alpha * r.
    float confidence(float value) const;

private:
    int m_factors = 64;
    double m_reg = 40.0;
    double m_alpha = 1.0;
    int m_iterations = 15;
    std::string m_solver = "cg";
    int m_cgSteps = 3;
    bool m_binarize = false;
    double m_initStd = 0.01;

    RowMatrix m_users, m_items;
    Eigen::MatrixXf m_itemGram; ///< Y'Y of m_items, for foldInUser
};

} // namespace rs
