#include "models/SvdPlusPlus.h"

#include "models/EpochReporter.h"
#include "models/MfSgdKernels.h"
#include "models/ParamBlocks.h"
#include "models/RatingError.h"
#include "models/ShardRunner.h"

#include <Eigen/Core>
#include <cmath>

namespace rs {

namespace {

/// z_u = |N(u)|^-1/2 sum_{j in N(u)} y_j for every user.
AlignedFloats implicitSums(const CsrMatrix& byUser, const std::vector<float>& invSqrtN,
                           const AlignedFloats& Y, std::size_t stride) {
    using Row = Eigen::Map<Eigen::VectorXf, Eigen::Aligned32>;
    using ConstRow = Eigen::Map<const Eigen::VectorXf, Eigen::Aligned32>;
    AlignedFloats Z(std::size_t(byUser.rows) * stride, 0.0f);
    for (std::uint32_t u = 0; u < byUser.rows; ++u) {
        Row z(Z.data() + std::size_t(u) * stride, Eigen::Index(stride));
        for (std::uint64_t k = byUser.rowPtr[u]; k < byUser.rowPtr[u + 1]; ++k)
            z += ConstRow(Y.data() + std::size_t(byUser.colIdx[k]) * stride, Eigen::Index(stride));
        z *= invSqrtN[u];
    }
    return Z;
}

} // namespace

SvdPlusPlus::SvdPlusPlus() {
    m_params.addInt("factors", m_factors, 1, 4096, "latent dimensions")
        .addInt("epochs", m_epochs, 1, 100000, "passes over the ratings")
        .addDouble("lr", m_lr, {0.0, 1.0, true}, "SGD step size for p and q")
        .addDouble("reg", m_reg, {0.0, 100.0}, "L2 weight on p and q")
        .addDouble("lr_bias", m_lrBias, {0.0, 1.0}, "SGD step size for the biases")
        .addDouble("reg_bias", m_regBias, {0.0, 100.0}, "L2 weight on the biases")
        .addDouble("lr_y", m_lrY, {0.0, 1.0}, "SGD step size for the implicit factors y")
        .addDouble("reg_y", m_regY, {0.0, 100.0}, "L2 weight on y")
        .addDouble("init_mean", m_initMean, {-10.0, 10.0}, "mean of the initial factors")
        .addDouble("init_std", m_initStd, {0.0, 10.0}, "std of the initial factors");
}

FitResult SvdPlusPlus::fit(const Interactions& data, const FitOptions& options,
                           const Progress& progress) {
    FitResult result;
    EpochReporter reporter(options, progress, result, m_epochs);
    if (!reporter.stage(0.0, "initialising")) {
        result.status = FitStatus::Cancelled;
        return result;
    }
    const std::uint32_t nu = data.numUsers(), ni = data.numItems();
    Trained t;
    FactorSet& f = t.f;
    f.resize(nu, ni, m_factors);
    f.mean = float(data.globalMean);
    t.Y.assign(f.Q.size(), 0.0f);
    f.randomise(f.P, nu, m_initMean, m_initStd, options.seed, 1, options.threads);
    f.randomise(f.Q, ni, m_initMean, m_initStd, options.seed, 2, options.threads);
    f.randomise(t.Y, ni, m_initMean, m_initStd, options.seed, 3, options.threads);
    for (std::uint32_t u = 0; u < nu; ++u)
        if (data.byUser.rowSize(u) == 0)
            f.zeroRow(f.P, u);
    for (std::uint32_t i = 0; i < ni; ++i) {
        if (data.byItem.rowSize(i) == 0) {
            f.zeroRow(f.Q, i);
            f.zeroRow(t.Y, i);
        }
    }

    // User-grouped copy of the ratings; each shard reorders its users and their rows per epoch.
    const CsrMatrix& m = data.byUser;
    std::vector<mf::ItemRating> rows(m.nnz());
    for (std::size_t k = 0; k < rows.size(); ++k)
        rows[k] = {m.colIdx[k], m.values[k]};
    std::vector<float> invSqrtN(nu, 0.0f);
    for (std::uint32_t u = 0; u < nu; ++u)
        if (m.rowSize(u))
            invSqrtN[u] = float(1.0 / std::sqrt(double(m.rowSize(u))));
    const std::vector<std::uint32_t> bounds = splitUsersByLoad(m, options.threads);
    const int shards = int(bounds.size()) - 1;
    std::vector<std::vector<std::uint32_t>> users(static_cast<std::size_t>(shards));
    std::vector<AlignedFloats> scratch(static_cast<std::size_t>(shards));
    std::vector<Rng> rngs;
    for (int s = 0; s < shards; ++s) {
        for (std::uint32_t u = bounds[s]; u < bounds[s + 1]; ++u)
            users[std::size_t(s)].push_back(u);
        scratch[std::size_t(s)].assign(3 * f.stride, 0.0f);
        rngs.emplace_back(options.seed * 0x9e3779b97f4a7c15ull + std::uint64_t(s) + 1);
    }
    mf::SgdStep step;
    step.mean = f.mean;
    step.lr = float(m_lr);
    step.reg = float(m_reg);
    step.lrBias = float(m_lrBias);
    step.regBias = float(m_regBias);
    step.lrY = float(m_lrY);
    step.regY = float(m_regY);
    step.stride = f.stride;
    const mf::Buffers buf{f.P.data(), f.Q.data(), f.bu.data(), f.bi.data(), t.Y.data()};
    std::vector<double> sse(static_cast<std::size_t>(shards), 0.0);

    for (int e = 1; e <= m_epochs; ++e) {
        runShards(shards, [&](int s) {
            auto& us = users[std::size_t(s)];
            Rng& rng = rngs[std::size_t(s)];
            rng.shuffle(us.data(), us.size());
            for (std::uint32_t u : us)
                rng.shuffle(rows.data() + m.rowPtr[u], m.rowSize(u));
            mf::SvdppShard sh;
            sh.users = us.data();
            sh.count = us.size();
            sh.ptr = m.rowPtr.data();
            sh.rows = rows.data();
            sh.invSqrtN = invSqrtN.data();
            sh.scratch = scratch[std::size_t(s)].data();
            sse[std::size_t(s)] = mf::svdppPass(sh, buf, step);
        });
        double total = 0.0;
        for (double x : sse)
            total += x;
        const double train = data.size() ? std::sqrt(total / double(data.size())) : 0.0;
        if (reporter.diverged(e, train))
            return result;
        double val = -1.0;
        if (options.validation) {
            // Score with the current parameters: z_u from the current y.
            Trained snapshot;
            snapshot.f = f;
            snapshot.P = f.P;
            snapshot.Z = implicitSums(m, invSqrtN, t.Y, f.stride);
            finishScoring(snapshot);
            val = validationRmse(options.validation, [&snapshot](std::uint32_t u, std::uint32_t i) {
                return snapshot.f.predict(u, i);
            });
        }
        if (!reporter.epochDone(e, train, val)) {
            result.status = FitStatus::Cancelled;
            return result;
        }
    }
    t.P = f.P;
    t.Z = implicitSums(m, invSqrtN, t.Y, f.stride);
    finishScoring(t);
    m_t = std::move(t);
    return result;
}

void SvdPlusPlus::finishScoring(Trained& t) {
    for (std::size_t k = 0; k < t.P.size(); ++k)
        t.f.P[k] = t.P[k] + t.Z[k];
}

float SvdPlusPlus::score(std::uint32_t user, std::uint32_t item) const {
    return m_t.f.predict(user, item);
}

void SvdPlusPlus::scoreAll(std::uint32_t user, std::vector<float>& out) const {
    m_t.f.scoreAll(user, out);
}

ModelState SvdPlusPlus::save() const {
    ModelState s;
    s.model = name();
    s.hyper = m_params.toMap();
    // FactorSet::save writes f.P; write the raw p_u instead.
    FactorSet raw = m_t.f;
    raw.P = m_t.P;
    raw.save(s);
    s.blocks.push_back(
        blocks::make("item_implicit", m_t.f.items, m_t.f.k, m_t.Y.data(), m_t.f.stride));
    s.blocks.push_back(
        blocks::make("user_implicit", m_t.f.users, m_t.f.k, m_t.Z.data(), m_t.f.stride));
    return s;
}

bool SvdPlusPlus::load(const ModelState& state, std::string& error) {
    Trained t;
    if (!blocks::checkHeader(state, name(), 1, error) || !t.f.load(state, error))
        return false;
    const ParamBlock* y = blocks::require(state, "item_implicit", t.f.items, t.f.k, error);
    const ParamBlock* z =
        y ? blocks::require(state, "user_implicit", t.f.users, t.f.k, error) : nullptr;
    if (!z || !m_params.setAll(state.hyper, error))
        return false;
    std::vector<float> tmp;
    blocks::copyOut(*y, tmp, t.f.stride);
    t.Y.assign(tmp.begin(), tmp.end());
    blocks::copyOut(*z, tmp, t.f.stride);
    t.Z.assign(tmp.begin(), tmp.end());
    t.P = t.f.P;
    finishScoring(t);
    m_t = std::move(t);
    return true;
}

} // namespace rs
