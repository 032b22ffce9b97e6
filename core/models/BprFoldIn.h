#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <span>
#include <vector>

namespace rs {

/// One user's BPR objective with the item side fixed, as a function of the user vector p:
///   F(p) = mean_{i in P, j in N} ln sigma(b_i - b_j + p . (q_i - q_j)) - reg/2 |p|^2
/// where P are the user's positive items and N every other item of the catalogue. This is the
/// objective whose stochastic gradient BPR's SGD follows for p_u: each sample draws i from the
/// user's positives, j uniformly from the rest, and applies reg once.
/// F is strictly concave for reg > 0; maximise() finds its maximiser deterministically by
/// quasi-Newton steps with a backtracking line search, starting from the exact Hessian at p = 0
/// and updating it by BFGS. One evaluation with the gradient costs O(|P| |N| + (|P| + |N|) k);
/// the one with the Hessian O(|P| |N| k + (|P| + |N|) k^2). The pairwise terms are done in
/// blocks of 32 positives, so memory stays O((32 + k) |N|).
class BprUserObjective {
public:
    using RowMatrixXf = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    /// `positives` must be ascending, unique and inside the catalogue; `itemBias` may be empty
    /// (no bias) or hold one value per item.
    BprUserObjective(const RowMatrixXf& items, std::span<const float> itemBias,
                     std::vector<std::uint32_t> positives, double reg);

    /// F(p), and when asked its gradient and Hessian (of F, so the Hessian is negative definite).
    double evaluate(const Eigen::VectorXd& p, Eigen::VectorXd* gradient = nullptr,
                    Eigen::MatrixXd* hessian = nullptr) const;
    /// The maximiser of F (zero when the user has no positives or no negatives).
    Eigen::VectorXd maximise(int maxIterations = 100, double tolerance = 1e-14) const;

private:
    double pass(const Eigen::VectorXd& p, bool wantValue, Eigen::VectorXd* gradient,
                Eigen::MatrixXd* hessian) const;

    Eigen::MatrixXd m_pos, m_neg; ///< item vectors of P and N, one per row
    Eigen::VectorXd m_posBias, m_negBias;
    double m_reg;
};

} // namespace rs
