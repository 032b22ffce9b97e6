#include "explain/BprLeaveOut.h"

#include <algorithm>
#include <cmath>

namespace rs::explain {

namespace {
/// Shifted scores below -kFloor are raised to it (as BprUserObjective does).
constexpr double kFloor = 600.0;
constexpr double kTolerance = 1e-14; ///< stop at a Newton decrement below 2 kTolerance
constexpr int kNewtonIterations = 2; ///< Richardson iterations of the Newton step
constexpr Eigen::Index kBlock = 64;  ///< positives per block of the batched passes
using RowMatrixXd = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// e^(s - max s), floored: w_il = sigma(s_l - s_i) = e_l / (e_i + e_l).
Eigen::ArrayXd shiftedExp(const Eigen::VectorXd& s) {
    const double top = s.size() ? s.maxCoeff() : 0.0;
    return (s.array() - top).max(-kFloor).exp();
}
} // namespace

BprLeaveOut::BprLeaveOut(const BprItemSide& side, std::vector<std::uint32_t> positives,
                         int refineSteps)
    : m_side(side), m_positives(std::move(positives)), m_refineSteps(std::max(0, refineSteps)) {
    const Eigen::Index n = side.itemsD.rows(), k = side.itemsD.cols();
    const BprUserObjective objective(side.items, side.bias, m_positives, side.reg);
    m_full = objective.maximise();
    m_exp = shiftedExp(side.itemsD * m_full + side.biasD);
    Eigen::MatrixXd h;
    objective.evaluate(m_full, nullptr, &h);
    // h = -(sum over pairs) / (|P| |N|) - reg I.
    const double pairs = double(m_positives.size()) * double(n - Eigen::Index(m_positives.size()));
    m_pairHessian = -pairs * (h + side.reg * Eigen::MatrixXd::Identity(k, k));
    h = -h;
    h.diagonal().array() += 1e-12; // as BprUserObjective::maximise, for reg = 0
    m_negHessian.compute(h);

    const std::size_t np = m_positives.size();
    m_loo = Eigen::MatrixXd::Zero(Eigen::Index(np), k);
    if (np < 2)
        return; // without its only positive a user's vector is 0
    const Eigen::MatrixXd g = firstGradients();
    Eigen::MatrixXd step = m_negHessian.solve(g.transpose()).transpose();
    for (int it = 0; it < kNewtonIterations; ++it)
        step += m_negHessian.solve((g - products(step)).transpose()).transpose();
    std::vector<char> kept(std::size_t(n), 0);
    for (std::uint32_t i : m_positives)
        kept[i] = 1;
    for (std::size_t j = 0; j < np; ++j) {
        Eigen::VectorXd p = m_full + step.row(Eigen::Index(j)).transpose();
        if (m_refineSteps > 0) {
            kept[m_positives[j]] = 0;
            p = refine(p, gradient(p, kept, np - 1), kept, np - 1);
            kept[m_positives[j]] = 1;
        }
        m_loo.row(Eigen::Index(j)) = p.transpose();
    }
}

Eigen::VectorXd BprLeaveOut::gradient(const Eigen::VectorXd& p, const std::vector<char>& kept,
                                      std::size_t numKept) const {
    const Eigen::Index n = m_side.itemsD.rows();
    const std::size_t numOther = std::size_t(n) - numKept;
    Eigen::VectorXd g = -m_side.reg * p;
    if (numKept == 0 || numOther == 0)
        return g;
    const Eigen::ArrayXd e = shiftedExp(m_side.itemsD * p + m_side.biasD);
    Eigen::ArrayXd other = e; // e_l for the items ranked below the positives, 0 at positives
    for (std::uint32_t i : m_positives)
        if (kept[i])
            other[i] = 0.0;
    // c_l: sum of the pair weights of l as the positive minus as the other item.
    Eigen::ArrayXd colW = Eigen::ArrayXd::Zero(n), w(n);
    Eigen::VectorXd c = Eigen::VectorXd::Zero(n);
    for (std::uint32_t i : m_positives) {
        if (!kept[i])
            continue;
        w = other / (e[i] + other);
        c[i] = w.sum();
        colW += w;
    }
    c -= colW.matrix();
    g.noalias() += m_side.itemsD.transpose() * c / (double(numKept) * double(numOther));
    return g;
}

Eigen::VectorXd BprLeaveOut::product(const Eigen::VectorXd& v, const std::vector<char>& kept,
                                     std::size_t numKept) const {
    const Eigen::Index n = m_side.itemsD.rows();
    const std::size_t numOther = std::size_t(n) - numKept;
    Eigen::VectorXd out = m_side.reg * v;
    if (numKept == 0 || numOther == 0)
        return out;
    // sum over pairs of a_il (d . v) d with d = q_i - q_l and d . v = (Qv)_i - (Qv)_l.
    const Eigen::ArrayXd qv = (m_side.itemsD * v).array();
    Eigen::ArrayXd other = m_exp;
    for (std::uint32_t i : m_positives)
        if (kept[i])
            other[i] = 0.0;
    Eigen::ArrayXd colT = Eigen::ArrayXd::Zero(n), w(n), t(n);
    Eigen::VectorXd c = Eigen::VectorXd::Zero(n);
    for (std::uint32_t i : m_positives) {
        if (!kept[i])
            continue;
        w = other / (m_exp[i] + other);
        t = w * (1.0 - w) * (qv[i] - qv);
        c[i] = t.sum();
        colT += t;
    }
    c -= colT.matrix();
    out.noalias() += m_side.itemsD.transpose() * c / (double(numKept) * double(numOther));
    return out;
}

Eigen::MatrixXd BprLeaveOut::firstGradients() const {
    const Eigen::Index n = m_side.itemsD.rows(), k = m_side.itemsD.cols();
    const Eigen::Index np = Eigen::Index(m_positives.size());
    const Eigen::ArrayXd& e = m_exp;
    Eigen::ArrayXd other = e;
    for (std::uint32_t i : m_positives)
        other[i] = 0.0;
    // The full objective's pairs: row sums, column sums and, per positive a, sum_l w_al q_l.
    Eigen::VectorXd rowW(np);
    Eigen::ArrayXd colW = Eigen::ArrayXd::Zero(n);
    RowMatrixXd wq(np, k), block;
    for (Eigen::Index start = 0; start < np; start += kBlock) {
        const Eigen::Index rows = std::min(kBlock, np - start);
        block.resize(rows, n);
        for (Eigen::Index a = 0; a < rows; ++a) {
            block.row(a) = (other / (e[m_positives[std::size_t(start + a)]] + other)).transpose();
            rowW[start + a] = block.row(a).sum();
            colW += block.row(a).transpose().array();
        }
        wq.middleRows(start, rows).noalias() = block * m_side.itemsD;
    }
    Eigen::VectorXd c = -colW.matrix();
    RowMatrixXd qp(np, k);
    for (Eigen::Index a = 0; a < np; ++a) {
        const std::uint32_t i = m_positives[std::size_t(a)];
        c[i] += rowW[a];
        qp.row(a) = m_side.itemsD.row(i);
    }
    const Eigen::VectorXd total = m_side.itemsD.transpose() * c; // sum over P x N
    // F_{-j}: pairs (P \ j) x (N + j) = P x N - row j + column j, where column j holds the
    // pairs (a, j) of the other positives a above j, with weight e_j / (e_a + e_j).
    const double scale = 1.0 / (double(np - 1) * double(n - np + 1));
    Eigen::MatrixXd g(np, k);
    Eigen::VectorXd u(np);
    for (Eigen::Index j = 0; j < np; ++j) {
        const double ej = e[m_positives[std::size_t(j)]];
        for (Eigen::Index a = 0; a < np; ++a)
            u[a] = a == j ? 0.0 : ej / (e[m_positives[std::size_t(a)]] + ej);
        const Eigen::VectorXd qj = qp.row(j).transpose();
        const Eigen::VectorXd row = rowW[j] * qj - wq.row(j).transpose();
        const Eigen::VectorXd col = qp.transpose() * u - u.sum() * qj;
        g.row(j) = (scale * (total - row + col) - m_side.reg * m_full).transpose();
    }
    return g;
}

Eigen::MatrixXd BprLeaveOut::products(const Eigen::MatrixXd& v) const {
    const Eigen::Index n = m_side.itemsD.rows(), k = m_side.itemsD.cols();
    const Eigen::Index np = Eigen::Index(m_positives.size());
    const Eigen::ArrayXd& e = m_exp;
    Eigen::ArrayXd other = e;
    for (std::uint32_t i : m_positives)
        other[i] = 0.0;
    RowMatrixXd qp(np, k);
    for (Eigen::Index a = 0; a < np; ++a)
        qp.row(a) = m_side.itemsD.row(m_positives[std::size_t(a)]);
    // B_{-j} v = (H_T v - row_j(v) + col_j(v)) / ((|P| - 1)(|N| + 1)) + reg v, where H_T sums
    // a d d' over P x N, row_j over the pairs (j, l) and col_j over the pairs (a, j).
    Eigen::MatrixXd out = v * m_pairHessian; // rows (H_T v_j)' (H_T is symmetric)
    RowMatrixXd dots, x, y, xq(kBlock, k), yq(kBlock, k);
    for (Eigen::Index start = 0; start < np; start += kBlock) {
        const Eigen::Index rows = std::min(kBlock, np - start);
        const auto vb = v.middleRows(start, rows);
        // Row terms: sum_l a_jl ((q_j - q_l) . v_j) (q_j - q_l).
        dots.noalias() = vb * m_side.itemsD.transpose(); // q_l . v_j
        x.resize(rows, n);
        for (Eigen::Index a = 0; a < rows; ++a) {
            const std::uint32_t j = m_positives[std::size_t(start + a)];
            const Eigen::ArrayXd w = other / (e[j] + other);
            x.row(a) = (w * (1.0 - w) * (dots(a, j) - dots.row(a).transpose().array()))
                           .matrix()
                           .transpose();
        }
        xq.topRows(rows).noalias() = x * m_side.itemsD;
        // Column terms: sum_{a != j} a_aj ((q_a - q_j) . v_j) (q_a - q_j).
        y.resize(rows, np);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const Eigen::Index j = start + r;
            const double ej = e[m_positives[std::size_t(j)]];
            const double self = dots(r, m_positives[std::size_t(j)]);
            for (Eigen::Index a = 0; a < np; ++a) {
                const double u = a == j ? 0.0 : ej / (e[m_positives[std::size_t(a)]] + ej);
                y(r, a) = u * (1.0 - u) * (dots(r, m_positives[std::size_t(a)]) - self);
            }
        }
        yq.topRows(rows).noalias() = y * qp;
        for (Eigen::Index r = 0; r < rows; ++r) {
            const Eigen::Index j = start + r;
            const auto qj = qp.row(j);
            out.row(j) -= x.row(r).sum() * qj - xq.row(r);
            out.row(j) += yq.row(r) - y.row(r).sum() * qj;
        }
    }
    const double scale = 1.0 / (double(np - 1) * double(n - np + 1));
    return scale * out + m_side.reg * v;
}

Eigen::VectorXd BprLeaveOut::refine(Eigen::VectorXd p, Eigen::VectorXd g,
                                    const std::vector<char>& kept, std::size_t numKept) const {
    if (numKept == 0)
        return Eigen::VectorXd::Zero(p.size());
    Eigen::MatrixXd b; // the BFGS matrix once it was updated
    Eigen::LLT<Eigen::MatrixXd> updated;
    for (int t = 0; t < m_refineSteps; ++t) {
        const Eigen::VectorXd step = b.size() ? updated.solve(g) : m_negHessian.solve(g);
        const double decrement = g.dot(step);
        if (!(decrement > 2.0 * kTolerance))
            break;
        if (t + 1 == m_refineSteps) {
            p += step;
            break;
        }
        // F_R is concave: a slope >= 0 at the end point means it increased along the step.
        double scale = 1.0;
        Eigen::VectorXd next = p + step;
        Eigen::VectorXd gNext = gradient(next, kept, numKept);
        for (int halvings = 0; halvings < 30 && gNext.dot(step) < 0.0; ++halvings) {
            scale *= 0.5;
            next = p + scale * step;
            gNext = gradient(next, kept, numKept);
        }
        const Eigen::VectorXd s = next - p, y = g - gNext;
        const double sy = s.dot(y);
        if (sy > 1e-16 * s.norm() * y.norm()) {
            if (!b.size())
                b = m_negHessian.reconstructedMatrix();
            const Eigen::VectorXd bs = b * s;
            b += (y * y.transpose()) / sy - (bs * bs.transpose()) / s.dot(bs);
            updated.compute(b);
        }
        p = std::move(next);
        g = std::move(gNext);
    }
    return p;
}

void BprLeaveOut::scoresLeavingOneOut(std::uint32_t item, std::vector<double>& out) const {
    out.assign(m_positives.size(), 0.0);
    if (item >= m_side.itemsD.rows())
        return;
    const Eigen::VectorXd s = m_loo * m_side.itemsD.row(item).transpose();
    for (std::size_t j = 0; j < out.size(); ++j)
        out[j] = m_side.biasD[item] + s[Eigen::Index(j)];
}

Eigen::VectorXd BprLeaveOut::without(std::span<const std::uint32_t> removed) const {
    std::vector<std::size_t> hit;
    for (std::uint32_t r : removed) {
        const auto it = std::lower_bound(m_positives.begin(), m_positives.end(), r);
        if (it != m_positives.end() && *it == r)
            hit.push_back(std::size_t(it - m_positives.begin()));
    }
    std::sort(hit.begin(), hit.end());
    hit.erase(std::unique(hit.begin(), hit.end()), hit.end());
    if (hit.empty())
        return m_full;
    if (hit.size() == 1)
        return leaveOneOut(hit.front());
    return solveWithout(removed);
}

Eigen::VectorXd BprLeaveOut::solveWithout(std::span<const std::uint32_t> removed) const {
    std::vector<char> kept(std::size_t(m_side.itemsD.rows()), 0);
    for (std::uint32_t i : m_positives)
        kept[i] = 1;
    std::size_t numKept = m_positives.size();
    for (std::uint32_t r : removed)
        if (r < kept.size() && kept[r]) {
            kept[r] = 0;
            --numKept;
        }
    if (numKept == m_positives.size())
        return m_full;
    if (numKept == 0)
        return Eigen::VectorXd::Zero(m_full.size());
    const Eigen::VectorXd g = gradient(m_full, kept, numKept);
    Eigen::VectorXd step = m_negHessian.solve(g);
    for (int it = 0; it < kNewtonIterations; ++it)
        step += m_negHessian.solve(g - product(step, kept, numKept));
    Eigen::VectorXd p = m_full + step;
    if (m_refineSteps > 0)
        p = refine(p, gradient(p, kept, numKept), kept, numKept);
    return p;
}

} // namespace rs::explain
