#include "models/LightGcnObjective.h"

#include <cmath>

namespace rs {

namespace {

/// ln(1 + e^z) without overflow.
double softplus(double z) {
    return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

} // namespace

double LightGcnObjective::evaluate(const RowMatrix& e0, std::span<const BprTriple> triples,
                                   RowMatrix* grad, double* bprLoss) {
    const std::uint32_t nu = m_graph.numUsers();
    m_graph.layerMean(e0, m_layers, m_final, m_threads, m_scratch);
    const double scale = triples.empty() ? 0.0 : 1.0 / double(triples.size());
    if (grad)
        m_gradFinal.setZero(e0.rows(), e0.cols());
    double bpr = 0.0, l2 = 0.0;
    for (const BprTriple& t : triples) {
        const Eigen::Index u = t.user, i = nu + t.pos, j = nu + t.neg;
        const double x = double(m_final.row(u).dot(m_final.row(i) - m_final.row(j)));
        bpr += double(t.weight) * softplus(-x);
        l2 += double(e0.row(u).squaredNorm()) + double(e0.row(i).squaredNorm()) +
              double(e0.row(j).squaredNorm());
        if (!grad)
            continue;
        // d softplus(-x) / dx = -sigma(-x)
        const float g = float(-scale * double(t.weight) / (1.0 + std::exp(x)));
        m_gradFinal.row(u) += g * (m_final.row(i) - m_final.row(j));
        m_gradFinal.row(i) += g * m_final.row(u);
        m_gradFinal.row(j) -= g * m_final.row(u);
    }
    if (grad) {
        m_graph.layerMean(m_gradFinal, m_layers, *grad, m_threads, m_scratch);
        const float r = float(m_reg * scale);
        for (const BprTriple& t : triples) {
            grad->row(t.user) += r * e0.row(t.user);
            grad->row(nu + t.pos) += r * e0.row(nu + t.pos);
            grad->row(nu + t.neg) += r * e0.row(nu + t.neg);
        }
    }
    if (bprLoss)
        *bprLoss = bpr * scale;
    return (bpr + 0.5 * m_reg * l2) * scale;
}

} // namespace rs
