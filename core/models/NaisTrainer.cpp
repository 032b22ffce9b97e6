#include "models/NaisTrainer.h"

#include <algorithm>
#include <cmath>

namespace rs {

namespace {

/// ln(1 + e^z) without overflow.
double softplus(double z) {
    return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

float sigmoid(float z) {
    return 1.0f / (1.0f + std::exp(-z));
}

/// dst = src for the n values; with `start`, dst += src - start instead (merging the changes).
void writeBack(float* dst, const float* src, const float* start, std::size_t n) {
    if (!start) {
        std::copy_n(src, n, dst);
        return;
    }
    for (std::size_t x = 0; x < n; ++x)
        dst[x] += src[x] - start[x];
}

} // namespace

NaisTrainer::NaisTrainer(NaisParameters<float>& params, NaisOptimizerState& state,
                         NaisOptimizer optimizer, const CsrMatrix& positives,
                         const NaisTrainSettings& settings, bool mergeDeltas)
    : m_params(params), m_state(state), m_opt(std::move(optimizer)), m_pos(positives),
      m_set(settings), m_merge(mergeDeltas) {}

nais::Net<float> NaisTrainer::net() const {
    const std::size_t wk = std::size_t(m_params.a) * std::size_t(m_params.k);
    return {m_net.data(), m_net.data() + wk, m_net.data() + wk + std::size_t(m_params.a),
            m_params.k, m_params.a, m_set.beta};
}

std::uint32_t NaisTrainer::sampleNegative(std::uint32_t u, Rng& rng) const {
    const auto row = m_pos.rowCols(u);
    std::uint32_t j = rng.below(m_pos.cols);
    while (std::binary_search(row.begin(), row.end(), j))
        j = rng.below(m_pos.cols);
    return j;
}

void NaisTrainer::buildUnits(std::uint32_t u, Rng& rng) {
    const auto row = m_pos.rowCols(u);
    const bool negativesExist = row.size() < m_pos.cols;
    m_units.clear();
    for (std::uint32_t pi = 0; pi < row.size(); ++pi) {
        if (!m_set.bpr)
            m_units.push_back({row[pi], pi});
        for (int s = 0; s < m_set.negatives && negativesExist; ++s) {
            const std::uint32_t j = sampleNegative(u, rng);
            m_units.push_back(m_set.bpr ? Unit{pi, j} : Unit{j, kNone});
        }
    }
    rng.shuffle(m_units.data(), m_units.size());
}

void NaisTrainer::loadUser(std::span<const std::uint32_t> hist) {
    const int k = m_params.k;
    const bool adam = m_opt.kind() == NaisOptimizer::Kind::Adam;
    m_hist.gather(m_params.p.data(), std::size_t(k), k, hist);
    m_m1.gather(m_state.m1.p.data(), std::size_t(k), k, hist);
    if (adam)
        m_m2.gather(m_state.m2.p.data(), std::size_t(k), k, hist);
    m_steps.resize(hist.size());
    for (std::size_t j = 0; j < hist.size(); ++j)
        m_steps[j] = m_state.pSteps[hist[j]];

    auto flat = [](const NaisParameters<float>& p, std::vector<float>& out) {
        out.clear();
        out.insert(out.end(), p.w.begin(), p.w.end());
        out.insert(out.end(), p.b.begin(), p.b.end());
        out.insert(out.end(), p.h.begin(), p.h.end());
    };
    flat(m_params, m_net);
    flat(m_state.m1, m_netM1);
    if (adam)
        flat(m_state.m2, m_netM2);
    m_netSteps = m_state.netSteps;
    if (m_merge) {
        const auto* h = m_hist.data();
        m_histStart.assign(h, h + std::size_t(k) * m_hist.stride());
        m_m1Start.assign(m_m1.data(), m_m1.data() + std::size_t(k) * m_m1.stride());
        if (adam)
            m_m2Start.assign(m_m2.data(), m_m2.data() + std::size_t(k) * m_m2.stride());
        m_stepsStart = m_steps;
        m_netStart = m_net;
        m_netM1Start = m_netM1;
        m_netM2Start = m_netM2;
        m_netStepsStart = m_netSteps;
    }
}

void NaisTrainer::storeUser(std::span<const std::uint32_t> hist) {
    const std::size_t k = std::size_t(m_params.k), stride = m_hist.stride();
    const bool adam = m_opt.kind() == NaisOptimizer::Kind::Adam;
    // Columns of the private blocks back into rows of the shared matrices.
    auto columns = [&](const NaisHistory<float>& block, const std::vector<float>& start,
                       std::vector<float>& rows) {
        for (std::size_t j = 0; j < hist.size(); ++j) {
            float* row = rows.data() + std::size_t(hist[j]) * k;
            for (std::size_t c = 0; c < k; ++c) {
                const float v = block.data()[c * stride + j];
                row[c] = m_merge ? row[c] + (v - start[c * stride + j]) : v;
            }
        }
    };
    columns(m_hist, m_histStart, m_params.p);
    columns(m_m1, m_m1Start, m_state.m1.p);
    if (adam)
        columns(m_m2, m_m2Start, m_state.m2.p);
    for (std::size_t j = 0; j < hist.size(); ++j)
        m_state.pSteps[hist[j]] = m_merge
                                      ? m_state.pSteps[hist[j]] + (m_steps[j] - m_stepsStart[j])
                                      : m_steps[j];

    auto unflat = [&](const std::vector<float>& v, const std::vector<float>& start,
                      NaisParameters<float>& p) {
        const float* s = m_merge ? start.data() : nullptr;
        const std::size_t wk = p.w.size(), a = p.b.size();
        writeBack(p.w.data(), v.data(), s, wk);
        writeBack(p.b.data(), v.data() + wk, s ? s + wk : nullptr, a);
        writeBack(p.h.data(), v.data() + wk + a, s ? s + wk + a : nullptr, a);
    };
    unflat(m_net, m_netStart, m_params);
    unflat(m_netM1, m_netM1Start, m_state.m1);
    if (adam)
        unflat(m_netM2, m_netM2Start, m_state.m2);
    m_state.netSteps = m_merge ? m_state.netSteps + (m_netSteps - m_netStepsStart) : m_netSteps;
}

float NaisTrainer::forwardTarget(NaisTargetPass<float>& pass, std::vector<float>& q,
                                 std::uint32_t item, std::ptrdiff_t skip) {
    const float* row = m_params.qRow(item);
    q.assign(row, row + m_params.k); // one consistent copy (other threads may write the row)
    const float y = pass.run(net(), m_hist.view(), q.data(), skip);
    return y + (m_set.bias ? m_params.bias[item] : 0.0f);
}

void NaisTrainer::backwardTarget(const NaisTargetPass<float>& pass, const std::vector<float>& q,
                                 std::uint32_t item, float g) {
    m_grads.zeroTarget();
    m_grads.backward(net(), m_hist.view(), q.data(), pass, g);
    // The batch's gradient of this target row (a target can occur twice in a batch).
    std::size_t t = 0;
    while (t < m_targetCount && m_targets[t].item != item)
        ++t;
    if (t == m_targetCount) {
        if (m_targets.size() == t)
            m_targets.push_back({});
        m_targets[t].item = item;
        m_targets[t].bias = 0.0f;
        m_targets[t].dq.assign(std::size_t(m_params.k), 0.0f);
        ++m_targetCount;
    }
    TargetGrad& tg = m_targets[t];
    tg.bias += g;
    for (std::size_t c = 0; c < tg.dq.size(); ++c)
        tg.dq[c] += m_grads.dq()[c];
}

void NaisTrainer::applyStep() {
    const int k = m_params.k;
    const std::size_t a = std::size_t(m_params.a), wk = a * std::size_t(k);
    const bool adam = m_opt.kind() == NaisOptimizer::Kind::Adam;
    // History rows: every row of the history takes a step (the data term reaches all of them
    // except the left-out target, the L2 term all of them).
    for (auto& t : m_steps)
        ++t;
    m_opt.stepColumns(m_hist.data(), m_grads.dpt().data(), m_m1.data(),
                      adam ? m_m2.data() : nullptr, k, m_hist.stride(), m_hist.size(), m_set.reg,
                      m_steps.data());
    // Attention network: W and h with reg_att, b without.
    ++m_netSteps;
    float* m2 = adam ? m_netM2.data() : nullptr;
    m_opt.step(m_net.data(), m_grads.dw().data(), m_netM1.data(), m2, wk, m_set.regAtt,
               m_netSteps);
    m_opt.step(m_net.data() + wk, m_grads.db().data(), m_netM1.data() + wk, m2 ? m2 + wk : nullptr,
               a, 0.0f, m_netSteps);
    m_opt.step(m_net.data() + wk + a, m_grads.dh().data(), m_netM1.data() + wk + a,
               m2 ? m2 + wk + a : nullptr, a, m_set.regAtt, m_netSteps);
    // Target rows and biases, in place in the shared matrices.
    for (std::size_t t = 0; t < m_targetCount; ++t) {
        const TargetGrad& tg = m_targets[t];
        const std::size_t o = std::size_t(tg.item) * std::size_t(k);
        const std::uint32_t steps = ++m_state.qSteps[tg.item];
        m_opt.step(m_params.q.data() + o, tg.dq.data(), m_state.m1.q.data() + o,
                   adam ? m_state.m2.q.data() + o : nullptr, std::size_t(k), m_set.reg, steps);
        if (m_set.bias)
            m_opt.step(&m_params.bias[tg.item], &tg.bias, &m_state.m1.bias[tg.item],
                       adam ? &m_state.m2.bias[tg.item] : nullptr, 1, m_set.regBias, steps);
    }
    m_targetCount = 0;
    m_grads.zero();
}

void NaisTrainer::trainUser(std::uint32_t u, Rng& rng, double& lossSum, std::size_t& units) {
    const auto hist = m_pos.rowCols(u);
    if (hist.empty())
        return;
    buildUnits(u, rng);
    if (m_units.empty())
        return;
    loadUser(hist);
    const int k = m_params.k, a = m_params.a;
    m_pass0.resize(k, a, m_hist.stride(), true);
    m_pass1.resize(k, a, m_hist.stride(), true);
    m_grads.resize(k, a, m_hist.stride());
    m_targetCount = 0;
    const std::size_t batch = std::size_t(std::max(1, m_set.batch));
    for (std::size_t x = 0; x < m_units.size(); ++x) {
        const Unit unit = m_units[x];
        if (!m_set.bpr) {
            const bool positive = unit.second != kNone;
            const float y = forwardTarget(m_pass0, m_q0, unit.first,
                                          positive ? std::ptrdiff_t(unit.second) : -1);
            // -ln sigma(y) for a positive, -ln(1 - sigma(y)) for a negative; dL/dy = sigma(y) - label
            lossSum += softplus(positive ? -double(y) : double(y));
            backwardTarget(m_pass0, m_q0, unit.first, sigmoid(y) - (positive ? 1.0f : 0.0f));
        } else {
            const std::uint32_t i = hist[unit.first], j = unit.second;
            const float yi = forwardTarget(m_pass0, m_q0, i, std::ptrdiff_t(unit.first));
            const float yj = forwardTarget(m_pass1, m_q1, j, -1);
            // -ln sigma(x), x = y_i - y_j; dL/dx = -sigma(-x)
            const float xij = yi - yj;
            lossSum += softplus(-double(xij));
            const float g = -sigmoid(-xij);
            backwardTarget(m_pass0, m_q0, i, g);
            backwardTarget(m_pass1, m_q1, j, -g);
        }
        ++units;
        if ((x + 1) % batch == 0 || x + 1 == m_units.size())
            applyStep();
    }
    storeUser(hist);
}

} // namespace rs
