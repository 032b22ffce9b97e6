#include "models/BprFoldIn.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace rs {

namespace {
constexpr Eigen::Index kBlock = 32; ///< positives per block of the Hessian's cross term
/// Shifted scores below -kFloor are raised to it, so exp() stays a normal double (> 1e-261).
/// Only score spreads beyond 600 are affected, far outside anything a trained model produces.
constexpr double kFloor = 600.0;
} // namespace

BprUserObjective::BprUserObjective(const RowMatrixXf& items, std::span<const float> itemBias,
                                   std::vector<std::uint32_t> positives, double reg)
    : m_reg(reg) {
    const Eigen::Index n = items.rows(), k = items.cols();
    const Eigen::Index np = Eigen::Index(positives.size());
    m_pos.resize(np, k);
    m_neg.resize(n - np, k);
    m_posBias = Eigen::VectorXd::Zero(np);
    m_negBias = Eigen::VectorXd::Zero(n - np);
    Eigen::Index a = 0, b = 0;
    std::size_t next = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const double bias = itemBias.empty() ? 0.0 : double(itemBias[std::size_t(i)]);
        if (next < positives.size() && positives[next] == std::uint32_t(i)) {
            m_pos.row(a) = items.row(i).cast<double>();
            m_posBias[a++] = bias;
            ++next;
        } else {
            m_neg.row(b) = items.row(i).cast<double>();
            m_negBias[b++] = bias;
        }
    }
}

double BprUserObjective::evaluate(const Eigen::VectorXd& p, Eigen::VectorXd* gradient,
                                  Eigen::MatrixXd* hessian) const {
    return pass(p, true, gradient, hessian);
}

double BprUserObjective::pass(const Eigen::VectorXd& p, bool wantValue, Eigen::VectorXd* gradient,
                              Eigen::MatrixXd* hessian) const {
    const Eigen::Index np = m_pos.rows(), nn = m_neg.rows(), k = p.size();
    double value = -0.5 * m_reg * p.squaredNorm();
    if (gradient)
        *gradient = -m_reg * p;
    if (hessian)
        *hessian = -m_reg * Eigen::MatrixXd::Identity(k, k);
    if (np == 0 || nn == 0)
        return value;

    // With l = s - max(s) (floored) and a_i = e^{l_i}, b_j = e^{l_j} for x_ij = s_i - s_j:
    //   ln sigma(x_ij) = l_i - ln(a_i + b_j),   w_ij = sigma(-x_ij) = b_j / (a_i + b_j),
    // so the pairwise terms need one division each (and a logarithm only for the value).
    Eigen::ArrayXd lPos = (m_pos * p + m_posBias).array();
    Eigen::ArrayXd lNeg = (m_neg * p + m_negBias).array();
    const double top = std::max(lPos.maxCoeff(), lNeg.maxCoeff());
    lPos = (lPos - top).max(-kFloor);
    lNeg = (lNeg - top).max(-kFloor);
    const Eigen::ArrayXd a = lPos.exp(), b = lNeg.exp();
    const double scale = 1.0 / (double(np) * double(nn));

    if (wantValue) {
        double logLik = double(nn) * lPos.sum();
        for (Eigen::Index i = 0; i < np; ++i)
            logLik -= (a[i] + b).log().sum();
        value += scale * logLik;
    }
    if (!gradient && !hessian)
        return value;

    Eigen::VectorXd rowW(np), rowA(np);
    Eigen::ArrayXd colW = Eigen::ArrayXd::Zero(nn), colA = Eigen::ArrayXd::Zero(nn);
    Eigen::ArrayXd w(nn);
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> aBlock;
    Eigen::MatrixXd weighted; // k x |N|: sum_i q_i a_ij, the cross term before Q_neg
    if (hessian)
        weighted = Eigen::MatrixXd::Zero(k, nn);
    for (Eigen::Index i = 0; i < np; ++i) {
        w = b / (a[i] + b);
        rowW[i] = w.sum();
        colW += w;
        if (!hessian)
            continue;
        // a_ij = sigma(x) sigma(-x) = w (1 - w); rows of a block feed the cross term.
        if (i % kBlock == 0)
            aBlock.resize(std::min(kBlock, np - i), nn);
        aBlock.row(i % kBlock) = (w * (1.0 - w)).matrix().transpose();
        rowA[i] = aBlock.row(i % kBlock).sum();
        if (i % kBlock == aBlock.rows() - 1) {
            const Eigen::Index start = i - i % kBlock;
            colA += aBlock.colwise().sum().transpose().array();
            weighted.noalias() += m_pos.middleRows(start, aBlock.rows()).transpose() * aBlock;
        }
    }
    // d/dp ln sigma(x_ij) = w_ij (q_i - q_j); the Hessian term is -a_ij (q_i - q_j)(q_i - q_j)'.
    if (gradient)
        *gradient += scale * (m_pos.transpose() * rowW - m_neg.transpose() * colW.matrix());
    if (hessian) {
        const Eigen::MatrixXd hPos = m_pos.transpose() * rowA.asDiagonal() * m_pos;
        const Eigen::MatrixXd hNeg = m_neg.transpose() * colA.matrix().asDiagonal() * m_neg;
        const Eigen::MatrixXd cross = weighted * m_neg; // sum_ij a_ij q_i q_j'

        *hessian -= scale * (hPos + hNeg - cross - cross.transpose());
    }
    return value;
}

Eigen::VectorXd BprUserObjective::maximise(int maxIterations, double tolerance) const {
    const Eigen::Index k = m_pos.cols();
    Eigen::VectorXd p = Eigen::VectorXd::Zero(k);
    if (m_pos.rows() == 0 || m_neg.rows() == 0)
        return p;
    // Quasi-Newton: B approximates -Hessian. It starts exact (one O(|P| |N| k) pass) and is then
    // kept up to date by BFGS from gradients alone, O(|P| |N|) per step.
    Eigen::VectorXd g, gNext;
    Eigen::MatrixXd b;
    pass(p, false, &g, &b);
    std::optional<double> f; // F(p), computed only when a line search needs it
    b = -b;
    b.diagonal().array() += 1e-12; // keeps the factorisation defined when reg = 0
    for (int it = 0; it < maxIterations; ++it) {
        const Eigen::VectorXd step = b.llt().solve(g);
        const double decrement = g.dot(step); // >= 0: the ascent the quadratic model predicts
        if (!(decrement > 2.0 * tolerance))
            break;
        // Line search. F is concave, so F(p + t step) >= F(p) whenever the slope there is still
        // >= 0: then no function value is needed. Otherwise backtrack on the Armijo condition.
        double t = 1.0;
        Eigen::VectorXd next = p + step;
        pass(next, false, &gNext, nullptr);
        double fNext = std::numeric_limits<double>::quiet_NaN();
        if (gNext.dot(step) < 0.0) {
            if (!f)
                f = pass(p, true, nullptr, nullptr);
            for (int halvings = 0; halvings < 40; ++halvings) {
                fNext = pass(next, true, &gNext, nullptr);
                if (fNext >= *f + 0.25 * t * decrement)
                    break;
                t *= 0.5;
                next = p + t * step;
            }
        }
        const Eigen::VectorXd s = next - p, y = g - gNext; // y: change of -gradient
        const double sy = s.dot(y);
        if (sy > 1e-16 * s.norm() * y.norm()) {
            const Eigen::VectorXd bs = b * s;
            b += (y * y.transpose()) / sy - (bs * bs.transpose()) / s.dot(bs);
        }
        p = std::move(next);
        f = std::isnan(fNext) ? std::nullopt : std::optional<double>(fNext);
        g = gNext;
    }
    return p;
}

} // namespace rs
