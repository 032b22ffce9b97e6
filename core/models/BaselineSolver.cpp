#include "models/BaselineSolver.h"

#include <cmath>

namespace rs {

BaselineSolver::BaselineSolver(const Interactions& data, const BaselineConfig& config,
                               std::uint64_t seed)
    : m_data(data), m_config(config), m_rng(seed), m_mean(data.globalMean),
      m_user(data.numUsers(), 0.0), m_item(data.numItems(), 0.0) {
    if (m_config.solver == "sgd") {
        m_order.reserve(data.size());
        const CsrMatrix& m = data.byUser;
        for (std::uint32_t u = 0; u < m.rows; ++u)
            for (std::uint64_t k = m.rowPtr[u]; k < m.rowPtr[u + 1]; ++k)
                m_order.push_back({u, m.colIdx[k], m.values[k], m.weight(k)});
    }
}

double BaselineSolver::epoch() {
    return m_config.solver == "sgd" ? sgdEpoch() : alsEpoch();
}

double BaselineSolver::alsEpoch() {
    // Weighted least squares (every weight 1 unless the data is weighted):
    // b_i = sum_u w (r - mean - b_u) / (reg + sum_u w), then the same for b_u.
    const CsrMatrix& byItem = m_data.byItem;
    for (std::uint32_t i = 0; i < byItem.rows; ++i) {
        double dev = 0.0, weight = 0.0;
        for (std::uint64_t k = byItem.rowPtr[i]; k < byItem.rowPtr[i + 1]; ++k) {
            const double w = byItem.weight(k);
            dev += w * (double(byItem.values[k]) - m_mean - m_user[byItem.colIdx[k]]);
            weight += w;
        }
        m_item[i] = dev / (m_config.regItem + weight);
    }
    const CsrMatrix& byUser = m_data.byUser;
    double sse = 0.0, total = 0.0;
    for (std::uint32_t u = 0; u < byUser.rows; ++u) {
        double dev = 0.0, weight = 0.0;
        for (std::uint64_t k = byUser.rowPtr[u]; k < byUser.rowPtr[u + 1]; ++k) {
            const double w = byUser.weight(k);
            dev += w * (double(byUser.values[k]) - m_mean - m_item[byUser.colIdx[k]]);
            weight += w;
        }
        m_user[u] = dev / (m_config.regUser + weight);
        // With b_u fixed: sum w (d_k - b_u)^2 over the row, where d_k = r - mean - b_i.
        for (std::uint64_t k = byUser.rowPtr[u]; k < byUser.rowPtr[u + 1]; ++k) {
            const double e =
                double(byUser.values[k]) - m_mean - m_item[byUser.colIdx[k]] - m_user[u];
            sse += byUser.weight(k) * e * e;
        }
        total += weight;
    }
    return total > 0.0 ? std::sqrt(sse / total) : 0.0;
}

double BaselineSolver::sgdEpoch() {
    m_rng.shuffle(m_order.data(), m_order.size());
    const double lr = m_config.lr, reg = m_config.reg;
    double sse = 0.0, total = 0.0;
    for (const Triple& t : m_order) {
        double& bu = m_user[t.u];
        double& bi = m_item[t.i];
        const double e = double(t.r) - (m_mean + bu + bi);
        sse += t.w * e * e;
        total += t.w;
        bu += lr * (t.w * e - reg * bu);
        bi += lr * (t.w * e - reg * bi);
    }
    return total > 0.0 ? std::sqrt(sse / total) : 0.0;
}

Biases BaselineSolver::biases() const {
    Biases b;
    b.mean = float(m_mean);
    b.user.assign(m_user.begin(), m_user.end());
    b.item.assign(m_item.begin(), m_item.end());
    return b;
}

Biases BaselineSolver::fit(const Interactions& data, const BaselineConfig& config,
                           std::uint64_t seed) {
    BaselineSolver s(data, config, seed);
    for (int e = 0; e < config.epochs; ++e)
        s.epoch();
    return s.biases();
}

} // namespace rs
