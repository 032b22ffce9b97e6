#include "explain/RidgeFoldIn.h"

#include <algorithm>
#include <cmath>

namespace rs::explain {

namespace {
constexpr double kRegFloor = 1e-8;
using RowMatrixXf = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
} // namespace

RidgeFoldIn::RidgeFoldIn(const RidgeItemSide& side, std::span<const std::uint32_t> items,
                         std::span<const float> values)
    : m_side(side), m_items(items), m_values(values) {
    const Eigen::Index n = Eigen::Index(items.size()), d = side.k + 1;
    const bool implicit = side.implicit != nullptr;
    const double penaltyCount = std::max<double>(1.0, double(n));
    m_lambda = std::max(side.reg, kRegFloor) * penaltyCount;

    Eigen::MatrixXd z(n, d), g;
    m_y.resize(n);
    if (implicit)
        g = Eigen::MatrixXd::Zero(n, d);
    for (Eigen::Index j = 0; j < n; ++j) {
        z.row(j) = zOf(items[std::size_t(j)]).transpose();
        m_y[j] = targetOf(std::size_t(j));
        if (implicit && items[std::size_t(j)] < side.items) {
            const float* y = side.implicit + std::size_t(items[std::size_t(j)]) * side.stride;
            for (int f = 0; f < side.k; ++f)
                g(j, f + 1) = y[f];
        }
    }
    m_a = Eigen::MatrixXd::Zero(d, d);
    m_a.selfadjointView<Eigen::Lower>().rankUpdate(z.transpose());
    m_a = m_a.selfadjointView<Eigen::Lower>();
    m_a(0, 0) += std::max(side.regBias, kRegFloor) * penaltyCount;
    for (Eigen::Index f = 1; f < d; ++f)
        m_a(f, f) += m_lambda;
    m_llt.compute(m_a);

    m_by = z.transpose() * m_y;
    m_sum = implicit ? Eigen::VectorXd(g.colwise().sum().transpose()) : Eigen::VectorXd::Zero(d);
    Eigen::VectorXd rhs = m_by;
    if (implicit && n > 0)
        rhs += m_lambda / std::sqrt(double(n)) * m_sum;
    m_full = m_llt.solve(rhs);

    const auto lower = m_llt.matrixL();
    m_wz = lower.solve(z.transpose());
    m_wb = lower.solve(m_by);
    m_ws = lower.solve(m_sum);
    m_h = m_wz.colwise().squaredNorm().transpose();
    m_zb = m_wz.transpose() * m_wb;
    m_zs = m_wz.transpose() * m_ws;
    if (implicit) {
        m_wg = lower.solve(g.transpose());
        m_zg = m_wz.cwiseProduct(m_wg).colwise().sum().transpose();
    } else {
        m_zg = Eigen::VectorXd::Zero(n);
    }
}

double RidgeFoldIn::itemBias(std::uint32_t item) const {
    return item < m_side.items ? double(m_side.itemBias[item]) : 0.0;
}

Eigen::VectorXd RidgeFoldIn::zOf(std::uint32_t item) const {
    Eigen::VectorXd z = Eigen::VectorXd::Zero(m_side.k + 1);
    z[0] = 1.0;
    if (item < m_side.items) {
        const float* q = m_side.Q + std::size_t(item) * m_side.stride;
        for (int f = 0; f < m_side.k; ++f)
            z[f + 1] = q[f];
    }
    return z;
}

double RidgeFoldIn::targetOf(std::size_t j) const {
    return double(m_values[j]) - m_side.mean - itemBias(m_items[j]);
}

Eigen::VectorXd RidgeFoldIn::userParameters() const {
    // x = A^-1 (Z'y + lambda (0, s_H)) - (0, s_H): the part of m_full that is not s_H.
    Eigen::VectorXd x = m_full;
    if (m_side.implicit && !m_items.empty())
        x -= m_sum / std::sqrt(double(m_items.size()));
    return x;
}

double RidgeFoldIn::score(std::uint32_t item) const {
    return m_side.mean + itemBias(item) + zOf(item).dot(m_full);
}

void RidgeFoldIn::scoresLeavingOneOut(std::uint32_t item, std::vector<double>& out) const {
    const Eigen::Index n = Eigen::Index(m_items.size());
    out.assign(std::size_t(n), 0.0);
    if (n == 0)
        return;
    const Eigen::VectorXd wc = m_llt.matrixL().solve(zOf(item));
    const Eigen::VectorXd beta = m_wz.transpose() * wc;
    const bool implicit = m_side.implicit != nullptr;
    const Eigen::VectorXd gamma =
        implicit ? Eigen::VectorXd(m_wg.transpose() * wc) : Eigen::VectorXd::Zero(n);
    // Without rating j: A' = A - z_j z_j', right-hand side r_j = Z'y - z_j y_j + kappa (s - y_j)
    // with kappa = lambda / sqrt(n - 1); c' A'^-1 r_j = c' A^-1 r_j + (c' A^-1 z_j)(z_j' A^-1
    // r_j) / (1 - h_j), every product a dot product of whitened vectors.
    const double kappa = implicit && n > 1 ? m_lambda / std::sqrt(double(n - 1)) : 0.0;
    const double cb = wc.dot(m_wb), cs = wc.dot(m_ws);
    const double base = m_side.mean + itemBias(item);
    for (Eigen::Index j = 0; j < n; ++j) {
        const double a = cb - beta[j] * m_y[j] + kappa * (cs - gamma[j]);
        const double e = m_zb[j] - m_h[j] * m_y[j] + kappa * (m_zs[j] - m_zg[j]);
        out[std::size_t(j)] = base + a + beta[j] * e / (1.0 - m_h[j]);
    }
}

void RidgeFoldIn::scoresWithout(std::span<const std::size_t> removed,
                                std::vector<float>& out) const {
    if (removed.empty()) {
        scoresFor(m_full, out);
        return;
    }
    Eigen::MatrixXd a = m_a;
    Eigen::VectorXd b = m_by, sum = m_sum;
    for (std::size_t j : removed) {
        const Eigen::VectorXd z = zOf(m_items[j]);
        a.noalias() -= z * z.transpose();
        b -= z * targetOf(j);
        if (m_side.implicit && m_items[j] < m_side.items) {
            const float* y = m_side.implicit + std::size_t(m_items[j]) * m_side.stride;
            for (int f = 0; f < m_side.k; ++f)
                sum[f + 1] -= y[f];
        }
    }
    const std::size_t left = m_items.size() - removed.size();
    if (m_side.implicit && left > 0)
        b += m_lambda / std::sqrt(double(left)) * sum;
    scoresFor(a.llt().solve(b), out);
}

void RidgeFoldIn::scoresFor(const Eigen::VectorXd& w, std::vector<float>& out) const {
    out.resize(m_side.items);
    const Eigen::Map<const RowMatrixXf> q(m_side.Q, Eigen::Index(m_side.items),
                                          Eigen::Index(m_side.stride));
    Eigen::Map<Eigen::VectorXf> o(out.data(), Eigen::Index(out.size()));
    const Eigen::VectorXf p = w.tail(m_side.k).cast<float>();
    o.noalias() = q.leftCols(m_side.k) * p;
    const double base = m_side.mean + w[0];
    for (std::uint32_t i = 0; i < m_side.items; ++i)
        out[i] = float(double(out[i]) + base + double(m_side.itemBias[i]));
}

} // namespace rs::explain
