#pragma once
#include "models/BaselineSolver.h"
#include "models/ParameterisedRecommender.h"
#include "models/Recommender.h"

namespace rs {

/// Global mean plus regularised user and item biases, r_ui ~ mean + b_u + b_i.
/// Hyper-parameters: solver (als|sgd), epochs, reg_u and reg_i (ALS), lr and reg (SGD).
/// Defaults follow Surprise's BaselineOnly (ALS, 10 epochs, reg_u 15, reg_i 10).
/// Users or items without training ratings (or out of range) get bias 0.
/// Saved blocks: "global_mean", "user_bias", "item_bias".
class Baseline : public ParameterisedRecommender {
public:
    Baseline();
    std::string name() const override { return "baseline"; }
    bool predictsRatings() const override { return true; }
    bool supportsSampleWeights() const override { return true; }

    FitResult fit(const Interactions& data, const FitOptions& options,
                  const Progress& progress) override;
    float score(std::uint32_t user, std::uint32_t item) const override;
    void scoreAll(std::uint32_t user, std::vector<float>& out) const override;

    std::uint32_t numUsers() const override { return std::uint32_t(m_biases.user.size()); }
    std::uint32_t numItems() const override { return std::uint32_t(m_biases.item.size()); }

    ModelState save() const override;
    bool load(const ModelState& state, std::string& error) override;

    /// The fitted biases.
    const Biases& biases() const { return m_biases; }

private:
    BaselineConfig m_config;
    Biases m_biases;
};

} // namespace rs
