#pragma once
#include "models/FactorSet.h"
#include "models/ParameterisedRecommender.h"
#include "models/Recommender.h"

namespace rs {

/// Biased matrix factorisation trained by SGD (FunkSVD with biases, as Surprise's SVD):
///   r_ui ~ mean + b_u + b_i + p_u . q_i
/// Each epoch visits the ratings in a fresh order drawn from the seed (see SgdSchedule: when the
/// factor matrices outgrow the L3 cache the order is tiled for cache reuse). threads = 1 is fully
/// deterministic for a given seed (and cache size); threads > 1 runs stratified parallel SGD (as
/// in DSGD, Gemulla et al. 2011): users are split into one shard per thread and items into as
/// many blocks, both balanced by rating count; an epoch has `threads` sub-epochs, in sub-epoch t
/// shard s visits only its ratings of item block (s + t) mod threads, each in a fresh random
/// order. No two threads touch the same row at once, so there are no races and a fit is
/// reproducible for a given seed and thread count.
/// The inner loop is SIMD over factor rows padded to a multiple of 8 floats (AVX2+FMA when the
/// CPU has it, chosen at run time; see MfSgdKernels.h).
/// Hyper-parameters: factors, epochs, lr and reg (factors), lr_bias and reg_bias, init_mean,
/// init_std. Defaults: 100 factors, 20 epochs, lr 0.015, reg 0.02, init_std 0.01 (chosen on a
/// hold-out of the MovieLens-small training split; RMSE 0.843 on its test split). Surprise's SVD
/// defaults are lr = lr_bias = 0.005, init_std 0.1 (RMSE 0.87 there).
/// Users and items without training ratings keep zero factors and biases.
/// Saved blocks: global_mean, user_bias, item_bias, user_factors (users x k), item_factors.
class BiasedMf : public ParameterisedRecommender {
public:
    BiasedMf();
    std::string name() const override { return "biasedmf"; }
    bool predictsRatings() const override { return true; }
    bool supportsSampleWeights() const override { return true; }

    FitResult fit(const Interactions& data, const FitOptions& options,
                  const Progress& progress) override;
    float score(std::uint32_t user, std::uint32_t item) const override;
    void scoreAll(std::uint32_t user, std::vector<float>& out) const override;

    std::uint32_t numUsers() const override { return m_f.users; }
    std::uint32_t numItems() const override { return m_f.items; }

    ModelState save() const override;
    bool load(const ModelState& state, std::string& error) override;

    const FactorSet& factors() const { return m_f; }

private:
    int m_factors = 100;
    int m_epochs = 20;
    double m_lr = 0.015, m_reg = 0.02;
    double m_lrBias = 0.015, m_regBias = 0.02;
    double m_initMean = 0.0, m_initStd = 0.01;
    FactorSet m_f;
};

} // namespace rs
