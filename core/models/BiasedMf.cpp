#include "models/BiasedMf.h"

#include "models/EpochReporter.h"
#include "models/MfSgdKernels.h"
#include "models/ParamBlocks.h"
#include "models/RatingError.h"
#include "models/SgdSchedule.h"
#include "models/ShardRunner.h"

#include <cmath>

namespace rs {

BiasedMf::BiasedMf() {
    m_params.addInt("factors", m_factors, 1, 4096, "latent dimensions")
        .addInt("epochs", m_epochs, 1, 100000, "passes over the ratings")
        .addDouble("lr", m_lr, {0.0, 1.0, true}, "SGD step size for the factors")
        .addDouble("reg", m_reg, {0.0, 100.0}, "L2 weight on the factors")
        .addDouble("lr_bias", m_lrBias, {0.0, 1.0}, "SGD step size for the biases")
        .addDouble("reg_bias", m_regBias, {0.0, 100.0}, "L2 weight on the biases")
        .addDouble("init_mean", m_initMean, {-10.0, 10.0}, "mean of the initial factors")
        .addDouble("init_std", m_initStd, {0.0, 10.0}, "std of the initial factors");
}

FitResult BiasedMf::fit(const Interactions& data, const FitOptions& options,
                        const Progress& progress) {
    FitResult result;
    EpochReporter reporter(options, progress, result, m_epochs);
    if (!reporter.stage(0.0, "initialising")) {
        result.status = FitStatus::Cancelled;
        return result;
    }
    const std::uint32_t nu = data.numUsers(), ni = data.numItems();
    FactorSet f;
    f.resize(nu, ni, m_factors);
    f.mean = float(data.globalMean);
    f.randomise(f.P, nu, m_initMean, m_initStd, options.seed, 1, options.threads);
    f.randomise(f.Q, ni, m_initMean, m_initStd, options.seed, 2, options.threads);
    for (std::uint32_t u = 0; u < nu; ++u)
        if (data.byUser.rowSize(u) == 0)
            f.zeroRow(f.P, u);
    for (std::uint32_t i = 0; i < ni; ++i)
        if (data.byItem.rowSize(i) == 0)
            f.zeroRow(f.Q, i);

    // Stratified parallel SGD: users are split into shards (one per thread, contiguous, balanced
    // by rating count) and items into as many blocks (balanced, popular items spread over all
    // blocks). In sub-epoch t shard s visits only item block (s + t) mod shards, so no two
    // threads ever touch the same user or item row at once and the result does not depend on
    // thread timing.
    const int threads =
        int(std::min<std::uint32_t>(std::uint32_t(std::max(1, options.threads)), std::max(ni, 1u)));
    const std::vector<std::uint32_t> bounds = splitUsersByLoad(data.byUser, threads);
    const int shards = int(bounds.size()) - 1;
    const int strata = shards; // item blocks: one per shard
    const std::vector<std::uint32_t> itemBlocks =
        SgdSchedule::balancedItemBlocks(data.byItem, strata);
    const std::uint32_t tile =
        SgdSchedule::tileRows(f.stride * sizeof(float), std::size_t(nu) + ni);
    std::vector<SgdSchedule> order;
    for (int s = 0; s < shards; ++s)
        order.emplace_back(data.byUser, bounds[s], bounds[s + 1], tile, tile,
                           options.seed * 0x9e3779b97f4a7c15ull + std::uint64_t(s) + 1, itemBlocks);
    mf::SgdStep step;
    step.mean = f.mean;
    step.lr = float(m_lr);
    step.reg = float(m_reg);
    step.lrBias = float(m_lrBias);
    step.regBias = float(m_regBias);
    step.stride = f.stride;
    const mf::Buffers buf{f.P.data(), f.Q.data(), f.bu.data(), f.bi.data(), nullptr};
    std::vector<double> sse(static_cast<std::size_t>(shards), 0.0);
    // The training RMSE is weighted like the loss (the weights sum to size() when unweighted).
    double weightTotal = 0.0;
    for (std::uint64_t k = 0; k < data.byUser.nnz(); ++k)
        weightTotal += data.byUser.weight(k);

    for (int e = 1; e <= m_epochs; ++e) {
        for (int t = 0; t < strata; ++t) {
            runShards(shards, [&](int s) {
                if (t == 0) {
                    order[std::size_t(s)].reshuffle();
                    sse[std::size_t(s)] = 0.0;
                }
                double total = 0.0;
                order[std::size_t(s)].forEachTileInBlock(
                    std::size_t((s + t) % strata), [&](const mf::Rating* r, std::size_t n) {
                        total += mf::biasedMfPass(r, n, buf, step);
                    });
                sse[std::size_t(s)] += total;
            });
        }
        double total = 0.0;
        for (double x : sse)
            total += x;
        const double train = weightTotal > 0.0 ? std::sqrt(total / weightTotal) : 0.0;
        if (reporter.diverged(e, train))
            return result;
        const double val = validationRmse(
            options.validation, [&f](std::uint32_t u, std::uint32_t i) { return f.predict(u, i); });
        if (!reporter.epochDone(e, train, val)) {
            result.status = FitStatus::Cancelled;
            return result;
        }
    }
    m_f = std::move(f);
    return result;
}

float BiasedMf::score(std::uint32_t user, std::uint32_t item) const {
    return m_f.predict(user, item);
}

void BiasedMf::scoreAll(std::uint32_t user, std::vector<float>& out) const {
    m_f.scoreAll(user, out);
}

ModelState BiasedMf::save() const {
    ModelState s;
    s.model = name();
    s.hyper = m_params.toMap();
    m_f.save(s);
    return s;
}

bool BiasedMf::load(const ModelState& state, std::string& error) {
    FactorSet f;
    if (!blocks::checkHeader(state, name(), 1, error) || !f.load(state, error) ||
        !m_params.setAll(state.hyper, error))
        return false;
    m_f = std::move(f);
    return true;
}

} // namespace rs
