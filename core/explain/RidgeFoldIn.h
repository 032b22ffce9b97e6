#pragma once
#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace rs::explain {

/// The item side of a biased factorisation model (pointers into the model), held fixed when a
/// user is folded in.
struct RidgeItemSide {
    const float* Q = nullptr;        ///< items x stride: the item factors q_i
    const float* implicit = nullptr; ///< items x stride: SVD++'s implicit factors y_j, or nullptr
    std::size_t stride = 0;
    int k = 0; ///< latent dimensions
    std::uint32_t items = 0;
    const float* itemBias = nullptr; ///< b_i, one per item
    double mean = 0.0;
    double regBias = 0.0, reg = 0.0; ///< per-rating weight decay of b_u and of p_u
};

/// One user of a biased factorisation model re-solved with every item parameter fixed (the
/// fold-in). With x = (b_u, p_u), z_j = (1, q_j) and y_j = r_j - mean - b_j, x minimises
///   sum_{j in H} (y_j - z_j . x - q_j . s_H)^2 + regBias n b_u^2 + reg n |p_u|^2
/// where s_H = |H|^-1/2 sum_{j in H} y_j is SVD++'s implicit sum over the history H (absent
/// without implicit factors), and n is the size of the user's full training history: the
/// penalty that SGD's per-rating weight decay amounts to over the user's ratings, held fixed
/// when ratings are left out so that leaving one out is a rank-one change of the system.
/// (A floor of 1e-8 on reg and regBias keeps the system definite when they are 0.)
/// With A = Z'Z + D (D = diag(regBias n, reg n, ...)) the score of item i, c_i = (1, q_i), is
///   mean + b_i + c_i . x + q_i . s_H = mean + b_i + c_i' A^-1 (Z'y + reg n (0, s_H)).
///
/// One Cholesky factorisation A = L L' of the full history serves every question:
/// leave-one-out scores by Sherman-Morrison (O(k) per rating once the whitened rows L^-1 z_j
/// are known, O(n k^2) once per user), and what-if scores for any removed set by downdating A
/// and factorising the (k+1) x (k+1) result again (O(|removed| k^2 + k^3), not O(n k^2)).
class RidgeFoldIn {
public:
    /// Folds in the history `items` (ascending) with their `values`. The spans must outlive
    /// this object (they point into the run context's training data).
    RidgeFoldIn(const RidgeItemSide& side, std::span<const std::uint32_t> items,
                std::span<const float> values);

    std::size_t historySize() const { return m_items.size(); }
    /// The fold-in parameters (b_u, p_u) of the full history.
    Eigen::VectorXd userParameters() const;
    /// The fold-in score of `item` with the full history.
    double score(std::uint32_t item) const;
    /// out[j] = the fold-in score of `item` with the rating at history position j left out.
    void scoresLeavingOneOut(std::uint32_t item, std::vector<double>& out) const;
    /// Every item's fold-in score with the ratings at history positions `removed` (unique, any
    /// order) left out.
    void scoresWithout(std::span<const std::size_t> removed, std::vector<float>& out) const;

private:
    Eigen::VectorXd zOf(std::uint32_t item) const; ///< (1, q_i)
    double targetOf(std::size_t j) const;          ///< y_j
    double itemBias(std::uint32_t item) const;
    /// Scores of every item for the solved right-hand side w = A^-1 (Z'y + ...).
    void scoresFor(const Eigen::VectorXd& w, std::vector<float>& out) const;

    RidgeItemSide m_side;
    std::span<const std::uint32_t> m_items;
    std::span<const float> m_values;
    double m_lambda = 0.0; ///< reg n (with the floor): the factor penalty, also s_H's weight
    Eigen::MatrixXd m_a;   ///< A
    Eigen::LLT<Eigen::MatrixXd> m_llt;
    Eigen::VectorXd m_by;   ///< Z'y
    Eigen::VectorXd m_sum;  ///< (0, sum_j y_j) over the history (implicit models)
    Eigen::VectorXd m_full; ///< A^-1 (Z'y + lambda (0, s_H))
    // Whitened history (columns j): L^-1 z_j and L^-1 (0, y_j), and per-rating scalars.
    Eigen::MatrixXd m_wz, m_wg;
    Eigen::VectorXd m_wb, m_ws;                 ///< L^-1 Z'y, L^-1 (0, sum y_j)
    Eigen::VectorXd m_h, m_zb, m_zs, m_zg, m_y; ///< |wz_j|^2, wz_j.wb, wz_j.ws, wz_j.wg_j, y_j
};

} // namespace rs::explain
