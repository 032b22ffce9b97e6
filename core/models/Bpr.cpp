#include "models/Bpr.h"

#include "models/BprFoldIn.h"
#include "models/EpochReporter.h"
#include "models/ParamBlocks.h"
#include "models/PositiveMatrix.h"
#include "models/Rng.h"
#include "models/ShardRunner.h"

#include <algorithm>
#include <cmath>

namespace rs {

namespace {

using RowMatrix = Bpr::RowMatrix;

/// ln(1 + e^z) without overflow.
double softplus(double z) {
    return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

/// One thread's update rule with its scratch vectors.
struct TripleStep {
    RowMatrix& p;
    RowMatrix& q;
    std::vector<float>& b;
    RowMatrix* accP; ///< Adagrad accumulators (nullptr for plain SGD)
    RowMatrix* accQ;
    std::vector<float>* accB;
    float lr, reg, regBias;
    bool bias;
    Eigen::RowVectorXf d, pu0, gp, gi, gj;

    /// Applies one ascent step for the triple, its BPR term weighted by the positive's sample
    /// weight w, and returns its loss -w ln sigma(x_uij).
    double operator()(std::uint32_t u, std::uint32_t i, std::uint32_t j, float w = 1.0f) {
        auto pu = p.row(u);
        auto qi = q.row(i);
        auto qj = q.row(j);
        d = qi - qj;
        const float x = pu.dot(d) + (bias ? b[i] - b[j] : 0.0f);
        const float g = w / (1.0f + std::exp(x)); // w sigma(-x)
        pu0 = pu;
        gp = g * d - reg * pu0;
        gi = g * pu0 - reg * qi;
        gj = -g * pu0 - reg * qj;
        const float gbi = g - regBias * b[i], gbj = -g - regBias * b[j];
        if (!accP) {
            pu += lr * gp;
            qi += lr * gi;
            qj += lr * gj;
            if (bias) {
                b[i] += lr * gbi;
                b[j] += lr * gbj;
            }
        } else {
            constexpr float eps = 1e-8f;
            auto step = [&](auto&& param, auto&& acc, const Eigen::RowVectorXf& grad) {
                acc += grad.array().square().matrix();
                param.array() += lr * grad.array() / (acc.array().sqrt() + eps);
            };
            step(pu, accP->row(u), gp);
            step(qi, accQ->row(i), gi);
            step(qj, accQ->row(j), gj);
            if (bias) {
                auto& ab = *accB;
                ab[i] += gbi * gbi;
                ab[j] += gbj * gbj;
                b[i] += lr * gbi / (std::sqrt(ab[i]) + eps);
                b[j] += lr * gbj / (std::sqrt(ab[j]) + eps);
            }
        }
        return double(w) * softplus(-double(x));
    }
};

void randomise(RowMatrix& m, double std, Rng& rng) {
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            m(r, c) = float(rng.normal() * std);
}

} // namespace

Bpr::Bpr() {
    m_params.addInt("factors", m_factors, 1, 1024, "latent dimensions")
        .addInt("epochs", m_epochs, 1, 100000, "passes; each draws as many triples as positives")
        .addDouble("lr", m_lr, {0.0, 10.0, true}, "step size")
        .addDouble("reg", m_reg, {0.0, 100.0}, "L2 weight on the factors")
        .addDouble("reg_bias", m_regBias, {0.0, 100.0}, "L2 weight on the item biases")
        .addChoice("optimizer", m_optimizer, {"sgd", "adagrad"}, "update rule")
        .addBool("bias", m_useBias, "learn an item bias")
        .addDouble("min_value", m_minValue, {-1e9, 1e9}, "values >= this are positives")
        .addDouble("init_std", m_initStd, {0.0, 10.0}, "std of the initial factors");
}

FitResult Bpr::fit(const Interactions& data, const FitOptions& options, const Progress& progress) {
    FitResult result;
    EpochReporter reporter(options, progress, result, m_epochs, "bpr loss");
    if (!reporter.stage(0.0, "initialising")) {
        result.status = FitStatus::Cancelled;
        return result;
    }
    CsrMatrix pos;
    if (!pairwisePositives(data, m_minValue, "BPR", pos, result))
        return result;
    const std::uint32_t nu = data.numUsers(), ni = data.numItems();
    RowMatrix p(nu, m_factors), q(ni, m_factors);
    std::vector<float> b(ni, 0.0f);
    Rng init(options.seed);
    randomise(p, m_initStd, init);
    randomise(q, m_initStd, init);
    for (std::uint32_t u = 0; u < nu; ++u)
        if (pos.rowSize(u) == 0)
            p.row(u).setZero(); // users without positives rank by item bias alone
    const bool adagrad = m_optimizer == "adagrad";
    RowMatrix accP, accQ;
    std::vector<float> accB;
    if (adagrad) {
        accP = RowMatrix::Zero(nu, m_factors);
        accQ = RowMatrix::Zero(ni, m_factors);
        accB.assign(ni, 0.0f);
    }

    std::vector<std::uint32_t> entryUser(pos.nnz());
    for (std::uint32_t u = 0; u < nu; ++u)
        std::fill(entryUser.begin() + std::ptrdiff_t(pos.rowPtr[u]),
                  entryUser.begin() + std::ptrdiff_t(pos.rowPtr[u + 1]), u);
    const std::vector<std::uint32_t> bounds = splitUsersByLoad(pos, options.threads);
    const int shards = int(bounds.size()) - 1;
    std::vector<Rng> rngs;
    std::vector<TripleStep> steps;
    for (int s = 0; s < shards; ++s) {
        rngs.emplace_back(options.seed * 0x9e3779b97f4a7c15ull + std::uint64_t(s) + 1);
        steps.push_back({p,
                         q,
                         b,
                         adagrad ? &accP : nullptr,
                         adagrad ? &accQ : nullptr,
                         adagrad ? &accB : nullptr,
                         float(m_lr),
                         float(m_reg),
                         float(m_regBias),
                         m_useBias,
                         {},
                         {},
                         {},
                         {},
                         {}});
    }
    std::vector<double> losses(std::size_t(shards), 0.0);

    for (int e = 1; e <= m_epochs; ++e) {
        runShards(shards, [&](int s) {
            const std::uint64_t lo = pos.rowPtr[bounds[std::size_t(s)]];
            const std::uint64_t count = pos.rowPtr[bounds[std::size_t(s) + 1]] - lo;
            Rng& rng = rngs[std::size_t(s)];
            TripleStep& step = steps[std::size_t(s)];
            double loss = 0.0;
            for (std::uint64_t n = 0; n < count; ++n) {
                const std::uint64_t entry =
                    lo +
                    (count <= 0xffffffffu ? rng.below(std::uint32_t(count)) : rng.next() % count);
                const std::uint32_t u = entryUser[entry], i = pos.colIdx[entry];
                const auto row = pos.rowCols(u);
                if (row.size() >= ni)
                    continue; // every item is a positive: no negative to draw
                std::uint32_t j = rng.below(ni);
                while (std::binary_search(row.begin(), row.end(), j))
                    j = rng.below(ni);
                loss += step(u, i, j, pos.weight(entry));
            }
            losses[std::size_t(s)] = loss;
        });
        double total = 0.0;
        for (double l : losses)
            total += l;
        const double loss = total / double(pos.nnz());
        if (reporter.diverged(e, loss))
            return result;
        if (!reporter.epochDone(e, loss)) {
            result.status = FitStatus::Cancelled;
            return result;
        }
    }
    m_users = std::move(p);
    m_items = std::move(q);
    m_bias = std::move(b);
    return result;
}

float Bpr::score(std::uint32_t user, std::uint32_t item) const {
    if (item >= numItems())
        return 0.0f;
    if (user >= numUsers())
        return m_bias[item];
    return m_bias[item] + m_users.row(user).dot(m_items.row(item));
}

void Bpr::scoreAll(std::uint32_t user, std::vector<float>& out) const {
    out.assign(m_bias.begin(), m_bias.end());
    if (user >= numUsers())
        return;
    Eigen::Map<Eigen::VectorXf>(out.data(), Eigen::Index(out.size())).noalias() +=
        m_items * m_users.row(user).transpose();
}

std::vector<std::uint32_t> Bpr::positivesOf(std::span<const std::uint32_t> items,
                                            std::span<const float> values) const {
    std::vector<std::uint32_t> pos;
    for (std::size_t j = 0; j < items.size(); ++j)
        if (items[j] < numItems() && (j >= values.size() || double(values[j]) >= m_minValue))
            pos.push_back(items[j]);
    std::sort(pos.begin(), pos.end());
    pos.erase(std::unique(pos.begin(), pos.end()), pos.end());
    return pos;
}

Eigen::VectorXf Bpr::foldInUser(std::span<const std::uint32_t> items,
                                std::span<const float> values) const {
    const BprUserObjective f(m_items, m_bias, positivesOf(items, values), m_reg);
    return f.maximise().cast<float>();
}

double Bpr::foldInObjective(std::span<const std::uint32_t> items, std::span<const float> values,
                            const Eigen::VectorXf& p) const {
    const BprUserObjective f(m_items, m_bias, positivesOf(items, values), m_reg);
    return f.evaluate(p.cast<double>());
}

ModelState Bpr::save() const {
    ModelState s;
    s.model = name();
    s.hyper = m_params.toMap();
    const std::size_t k = std::size_t(m_items.cols());
    s.blocks.push_back(
        blocks::make("user_factors", m_users.rows(), m_users.cols(), m_users.data(), k));
    s.blocks.push_back(
        blocks::make("item_factors", m_items.rows(), m_items.cols(), m_items.data(), k));
    s.blocks.push_back(blocks::column("item_bias", m_bias));
    return s;
}

bool Bpr::load(const ModelState& state, std::string& error) {
    if (!blocks::checkHeader(state, name(), 1, error))
        return false;
    const ParamBlock* u = blocks::require(state, "user_factors", -1, -1, error);
    if (!u)
        return false;
    const ParamBlock* i = blocks::require(state, "item_factors", -1, u->cols, error);
    if (!i)
        return false;
    const ParamBlock* b = blocks::require(state, "item_bias", i->rows, 1, error);
    if (!b || !m_params.setAll(state.hyper, error))
        return false;
    m_users = Eigen::Map<const RowMatrix>(u->data.data(), u->rows, u->cols);
    m_items = Eigen::Map<const RowMatrix>(i->data.data(), i->rows, i->cols);
    m_bias = b->data;
    return true;
}

} // namespace rs
