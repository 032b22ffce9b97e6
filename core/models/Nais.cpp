#include "models/Nais.h"

#include "models/EpochReporter.h"
#include "models/NaisHistory.h"
#include "models/NaisTargetPass.h"
#include "models/NaisTrainer.h"
#include "models/ParamBlocks.h"
#include "models/PositiveMatrix.h"
#include "models/Rng.h"
#include "models/ShardRunner.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>

namespace rs {

namespace {

void randomise(std::vector<float>& v, double std, Rng& rng) {
    for (float& x : v)
        x = float(rng.normal() * std);
}

/// Position of `item` in the sorted `hist`, or -1.
std::ptrdiff_t positionOf(std::span<const std::uint32_t> hist, std::uint32_t item) {
    const auto it = std::lower_bound(hist.begin(), hist.end(), item);
    return it != hist.end() && *it == item ? std::ptrdiff_t(it - hist.begin()) : -1;
}

} // namespace

Nais::Nais() {
    m_params.addInt("factors", m_factors, 1, 512, "embedding size of p and q")
        .addInt("attention", m_attention, 1, 512, "attention network size a (W is a x factors)")
        .addDouble("beta", m_betaParam, {0.0, 1.0, true}, "softmax smoothing exponent")
        .addChoice("loss", m_loss, {"logloss", "bpr"}, "pointwise log loss or pairwise BPR")
        .addInt("negatives", m_negatives, 1, 100, "sampled negatives per positive")
        .addChoice("optimizer", m_optimizer, {"adagrad", "adam"}, "update rule")
        .addDouble("lr", m_lr, {0.0, 10.0, true}, "step size")
        .addDouble("reg", m_reg, {0.0, 100.0}, "L2 weight on the embeddings")
        .addDouble("reg_att", m_regAtt, {0.0, 100.0}, "L2 weight on W and h")
        .addDouble("reg_bias", m_regBias, {0.0, 100.0}, "L2 weight on the item biases")
        .addBool("bias", m_useBias, "learn an item bias")
        .addInt("epochs", m_epochs, 1, 100000, "passes over every positive")
        .addInt("batch", m_batch, 1, 1000000, "units per optimiser step (within one user)")
        .addDouble("min_value", m_minValue, {-1e9, 1e9}, "values >= this are positives")
        .addDouble("init_std", m_initStd, {0.0, 10.0}, "std of the initial embeddings");
}

FitResult Nais::fit(const Interactions& data, const FitOptions& options, const Progress& progress) {
    FitResult result;
    const bool bpr = m_loss == "bpr";
    EpochReporter reporter(options, progress, result, m_epochs, bpr ? "bpr loss" : "log loss");
    if (!reporter.stage(0.0, "initialising")) {
        result.status = FitStatus::Cancelled;
        return result;
    }
    CsrMatrix pos;
    if (!pairwisePositives(data, m_minValue, "NAIS", pos, result))
        return result;
    const std::uint32_t ni = data.numItems();
    NaisParameters<float> p;
    p.resize(ni, m_factors, m_attention);
    Rng rng(options.seed);
    randomise(p.p, m_initStd, rng);
    randomise(p.q, m_initStd, rng);
    randomise(p.w, std::sqrt(2.0 / double(m_attention + m_factors)), rng);
    std::fill(p.h.begin(), p.h.end(), 1.0f);
    const bool adam = m_optimizer == "adam";
    NaisOptimizerState state;
    state.m1.resize(ni, m_factors, m_attention);
    if (adam)
        state.m2.resize(ni, m_factors, m_attention);
    state.pSteps.assign(ni, 0);
    state.qSteps.assign(ni, 0);

    NaisTrainSettings set;
    set.bpr = bpr;
    set.negatives = m_negatives;
    set.batch = m_batch;
    set.beta = float(m_betaParam);
    set.reg = float(m_reg);
    set.regAtt = float(m_regAtt);
    set.regBias = float(m_regBias);
    set.bias = m_useBias;
    std::vector<std::uint32_t> users;
    for (std::uint32_t u = 0; u < pos.rows; ++u)
        if (pos.rowSize(u) > 0)
            users.push_back(u);
    const int threads = std::max(1, std::min<int>(options.threads, int(users.size())));
    const NaisOptimizer optimizer(adam ? NaisOptimizer::Kind::Adam : NaisOptimizer::Kind::Adagrad,
                                  float(m_lr));
    std::vector<NaisTrainer> trainers;
    std::vector<Rng> rngs;
    for (int s = 0; s < threads; ++s) {
        trainers.emplace_back(p, state, optimizer, pos, set, threads > 1);
        rngs.emplace_back(options.seed * 0x9e3779b97f4a7c15ull + std::uint64_t(s) + 1);
    }
    std::vector<double> losses(static_cast<std::size_t>(threads), 0.0);
    std::vector<std::size_t> counts(static_cast<std::size_t>(threads), 0);

    for (int e = 1; e <= m_epochs; ++e) {
        rng.shuffle(users.data(), users.size());
        std::atomic<std::size_t> next{0};
        std::fill(losses.begin(), losses.end(), 0.0);
        std::fill(counts.begin(), counts.end(), 0);
        runShards(threads, [&](int s) {
            const auto k = std::size_t(s);
            for (std::size_t x = next++; x < users.size(); x = next++)
                trainers[k].trainUser(users[x], rngs[k], losses[k], counts[k]);
        });
        const double total = std::accumulate(losses.begin(), losses.end(), 0.0);
        const double units = double(std::accumulate(counts.begin(), counts.end(), std::size_t(0)));
        const double loss = units > 0 ? total / units : 0.0;
        if (reporter.diverged(e, loss))
            return result;
        if (!reporter.epochDone(e, loss)) {
            result.status = FitStatus::Cancelled;
            return result;
        }
    }
    if (!m_useBias)
        std::fill(p.bias.begin(), p.bias.end(), 0.0f);
    m_p = std::move(p);
    m_history = std::move(pos);
    m_beta = float(m_betaParam);
    return result;
}

std::span<const std::uint32_t> Nais::history(std::uint32_t user) const {
    if (user >= m_history.rows)
        return {};
    return m_history.rowCols(user);
}

float Nais::score(std::uint32_t user, std::uint32_t item) const {
    return scoreWithHistory(history(user), item);
}

float Nais::scoreWithHistory(std::span<const std::uint32_t> hist, std::uint32_t item) const {
    if (item >= numItems())
        return 0.0f;
    NaisHistory<float> h;
    h.gather(m_p.p.data(), std::size_t(m_p.k), m_p.k, hist);
    NaisTargetPass<float> pass;
    pass.resize(m_p.k, m_p.a, h.stride(), false);
    return pass.run(m_p.net(m_beta), h.view(), m_p.qRow(item), positionOf(hist, item)) +
           m_p.bias[item];
}

void Nais::scoreAll(std::uint32_t user, std::vector<float>& out) const {
    scoreAllWithHistory(history(user), out);
}

void Nais::scoreAllWithHistory(std::span<const std::uint32_t> hist, std::vector<float>& out) const {
    const std::uint32_t ni = numItems();
    out.resize(ni);
    NaisHistory<float> h;
    h.gather(m_p.p.data(), std::size_t(m_p.k), m_p.k, hist);
    NaisTargetPass<float> pass;
    pass.resize(m_p.k, m_p.a, h.stride(), false);
    const nais::Net<float> net = m_p.net(m_beta);
    const nais::History<float> view = h.view();
    std::size_t next = 0; // first history position >= item
    for (std::uint32_t i = 0; i < ni; ++i) {
        while (next < hist.size() && hist[next] < i)
            ++next;
        const std::ptrdiff_t skip =
            next < hist.size() && hist[next] == i ? std::ptrdiff_t(next) : -1;
        out[i] = pass.run(net, view, m_p.qRow(i), skip) + m_p.bias[i];
    }
}

NaisAttention Nais::attention(std::uint32_t user, std::uint32_t item) const {
    NaisAttention result;
    if (item >= numItems())
        return result;
    const auto hist = history(user);
    NaisHistory<float> h;
    h.gather(m_p.p.data(), std::size_t(m_p.k), m_p.k, hist);
    NaisTargetPass<float> pass;
    pass.resize(m_p.k, m_p.a, h.stride(), false);
    const std::ptrdiff_t skip = positionOf(hist, item);
    result.bias = m_p.bias[item];
    result.score = pass.run(m_p.net(m_beta), h.view(), m_p.qRow(item), skip) + result.bias;
    for (std::size_t j = 0; j < hist.size(); ++j) {
        if (std::ptrdiff_t(j) == skip)
            continue;
        NaisAttentionEntry e;
        e.item = hist[j];
        e.logit = pass.logit(j);
        e.weight = pass.weight(j);
        e.similarity = pass.similarity(j);
        e.contribution = e.weight * e.similarity;
        result.entries.push_back(e);
    }
    return result;
}

ModelState Nais::save() const {
    ModelState s;
    s.model = name();
    s.hyper = m_params.toMap();
    const std::size_t k = std::size_t(m_p.k);
    const auto items = std::int64_t(m_p.items());
    s.blocks.push_back(blocks::make("history_factors", items, m_p.k, m_p.p.data(), k));
    s.blocks.push_back(blocks::make("target_factors", items, m_p.k, m_p.q.data(), k));
    s.blocks.push_back(blocks::make("attention_w", m_p.a, m_p.k, m_p.w.data(), k));
    s.blocks.push_back(blocks::column("attention_b", m_p.b));
    s.blocks.push_back(blocks::column("attention_h", m_p.h));
    s.blocks.push_back(blocks::column("item_bias", m_p.bias));
    s.blocks.push_back(blocks::scalar("beta", m_beta));
    std::vector<float> counts(m_history.rows);
    for (std::uint32_t u = 0; u < m_history.rows; ++u)
        counts[u] = float(m_history.rowSize(u));
    s.blocks.push_back(blocks::column("history_count", counts));
    s.blocks.push_back(blocks::column(
        "history_items", std::vector<float>(m_history.colIdx.begin(), m_history.colIdx.end())));
    return s;
}

bool Nais::load(const ModelState& state, std::string& error) {
    if (!blocks::checkHeader(state, name(), 1, error))
        return false;
    const ParamBlock* p = blocks::require(state, "history_factors", -1, -1, error);
    const ParamBlock* q =
        p ? blocks::require(state, "target_factors", p->rows, p->cols, error) : nullptr;
    const ParamBlock* w = q ? blocks::require(state, "attention_w", -1, p->cols, error) : nullptr;
    const ParamBlock* b = w ? blocks::require(state, "attention_b", w->rows, 1, error) : nullptr;
    const ParamBlock* h = b ? blocks::require(state, "attention_h", w->rows, 1, error) : nullptr;
    const ParamBlock* bias = h ? blocks::require(state, "item_bias", p->rows, 1, error) : nullptr;
    const ParamBlock* beta = bias ? blocks::require(state, "beta", 1, 1, error) : nullptr;
    const ParamBlock* counts =
        beta ? blocks::require(state, "history_count", -1, 1, error) : nullptr;
    const ParamBlock* items =
        counts ? blocks::require(state, "history_items", -1, 1, error) : nullptr;
    if (!items)
        return false;
    if (p->cols < 1 || w->rows < 1 || !(beta->data[0] > 0.0f && beta->data[0] <= 1.0f)) {
        error = "NAIS blocks have an empty embedding or attention size or a beta outside (0, 1]";
        return false;
    }
    CsrMatrix hist;
    hist.rows = std::uint32_t(counts->rows);
    hist.cols = std::uint32_t(p->rows);
    hist.rowPtr.assign(std::size_t(hist.rows) + 1, 0);
    for (std::uint32_t u = 0; u < hist.rows; ++u) {
        const float c = counts->data[u];
        if (!(c >= 0 && c <= float(hist.cols))) {
            error = "block 'history_count' has an invalid count";
            return false;
        }
        hist.rowPtr[u + 1] = hist.rowPtr[u] + std::uint64_t(c);
    }
    if (hist.rowPtr.back() != std::uint64_t(items->rows)) {
        error = "history counts do not add up to the history's length";
        return false;
    }
    hist.colIdx.resize(std::size_t(items->rows));
    hist.values.assign(hist.colIdx.size(), 1.0f);
    for (std::size_t x = 0; x < hist.colIdx.size(); ++x) {
        const float v = items->data[x];
        if (!(v >= 0 && v < float(hist.cols))) {
            error = "block 'history_items' has an index outside the model";
            return false;
        }
        hist.colIdx[x] = std::uint32_t(v);
    }
    for (std::uint32_t u = 0; u < hist.rows; ++u) {
        const auto row = hist.rowCols(u);
        if (std::adjacent_find(row.begin(), row.end(), std::greater_equal<>()) != row.end()) {
            error = "block 'history_items' is not sorted within a user";
            return false;
        }
    }
    if (!m_params.setAll(state.hyper, error))
        return false;
    NaisParameters<float> np;
    np.k = int(p->cols);
    np.a = int(w->rows);
    np.p = p->data;
    np.q = q->data;
    np.w = w->data;
    np.b = b->data;
    np.h = h->data;
    np.bias = bias->data;
    m_p = std::move(np);
    m_history = std::move(hist);
    m_beta = beta->data[0];
    return true;
}

} // namespace rs
