#pragma once
#include "models/BprFoldIn.h"

#include <Eigen/Dense>
#include <cstdint>
#include <span>
#include <vector>

namespace rs::explain {

/// The item side of a BPR model as its fold-in objective sees it.
struct BprItemSide {
    BprUserObjective::RowMatrixXf items;                                           ///< items x k
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> itemsD; ///< the same
    std::vector<float> bias; ///< b_i (zeros without a bias)
    Eigen::VectorXd biasD;
    double reg = 0.0;
};

/// One user's BPR fold-in and its leave-out re-solves. The fold-in p* is the exact maximiser of
/// the user's objective F over every (positive, other item) pair with the item side fixed
/// (BprUserObjective, the objective of Bpr::foldInUser). Without a set R of positives the
/// objective F_R has the pairs (P \ R) x (N + R); its maximiser is found warm-started at p*:
///  1. one Newton step, p* + B_R^-1 grad F_R(p*), with B_R the negated Hessian of F_R at p*. The
///     step is solved by two preconditioned Richardson iterations with the full objective's
///     B* (factored once per user; B_R differs from it by O(|R| / |P|)), each needing one
///     product B_R v;
///  2. then `refineSteps` quasi-Newton steps with exact gradients of F_R (B* updated by BFGS,
///     each step checked by the sign of the slope at its end point), stopping early at a
///     Newton decrement below 2e-14. The caller chooses them from the user's size: each costs
///     one pass over the |P| x items pairs.
/// For single removals everything is batched over all positives j: the gradients of F_{-j} at p*
/// come from one pass at p* (the pairs of row j and column j corrected), and the products
/// B_{-j} v_j from matrix products over blocks of positives, O(|P| items k) per iteration.
/// These leave-one-out vectors are computed once, here; they do not depend on the item
/// explained.
class BprLeaveOut {
public:
    /// `positives` ascending, unique, inside the catalogue.
    BprLeaveOut(const BprItemSide& side, std::vector<std::uint32_t> positives, int refineSteps);

    const std::vector<std::uint32_t>& positives() const { return m_positives; }
    /// p*, the fold-in of the full history.
    const Eigen::VectorXd& full() const { return m_full; }
    /// The re-solved vector without positive number `j` (index into positives()).
    Eigen::VectorXd leaveOneOut(std::size_t j) const { return m_loo.row(Eigen::Index(j)); }
    /// out[j] = score of `item` (b_i + q_i . p) without positive j, for every positive.
    void scoresLeavingOneOut(std::uint32_t item, std::vector<double>& out) const;
    /// The re-solved vector without the positives `removed` (items; others are ignored).
    Eigen::VectorXd without(std::span<const std::uint32_t> removed) const;
    /// The same solve for any set, every product and gradient by a pass over the pairs.
    Eigen::VectorXd solveWithout(std::span<const std::uint32_t> removed) const;

private:
    /// Exact gradient of F_R at p, where `kept` flags the remaining positives.
    Eigen::VectorXd gradient(const Eigen::VectorXd& p, const std::vector<char>& kept,
                             std::size_t numKept) const;
    /// B_R v at p*.
    Eigen::VectorXd product(const Eigen::VectorXd& v, const std::vector<char>& kept,
                            std::size_t numKept) const;
    /// Quasi-Newton steps from p (gradient g there).
    Eigen::VectorXd refine(Eigen::VectorXd p, Eigen::VectorXd g, const std::vector<char>& kept,
                           std::size_t numKept) const;
    /// Gradients of F_{-j} at p* for every positive j (rows).
    Eigen::MatrixXd firstGradients() const;
    /// Rows B_{-j} v_j for every positive j.
    Eigen::MatrixXd products(const Eigen::MatrixXd& v) const;

    const BprItemSide& m_side;
    std::vector<std::uint32_t> m_positives;
    int m_refineSteps;
    Eigen::VectorXd m_full;
    Eigen::ArrayXd m_exp;                     ///< e^(s_l - max s) at p*, floored
    Eigen::MatrixXd m_pairHessian;            ///< sum over P x N of a_il d d' (d = q_i - q_l) at p*
    Eigen::LLT<Eigen::MatrixXd> m_negHessian; ///< B*: the negated Hessian of F at p*
    Eigen::MatrixXd m_loo;                    ///< |P| x k: the leave-one-out vectors
};

} // namespace rs::explain
