#pragma once
#include "models/ParameterisedRecommender.h"
#include "models/Recommender.h"

namespace rs {

/// Most-popular baseline: an item's score is the number of training ratings it has, the same for
/// every user. No hyper-parameters. Not a rating predictor.
/// Saved blocks: "item_count" (items x 1) and "user_count" (users x 1).
class Popularity : public ParameterisedRecommender {
public:
    std::string name() const override { return "popularity"; }
    bool predictsRatings() const override { return false; }

    FitResult fit(const Interactions& data, const FitOptions& options,
                  const Progress& progress) override;
    float score(std::uint32_t user, std::uint32_t item) const override;
    void scoreAll(std::uint32_t user, std::vector<float>& out) const override;

    std::uint32_t numUsers() const override { return std::uint32_t(m_userCount.size()); }
    std::uint32_t numItems() const override { return std::uint32_t(m_itemCount.size()); }

    ModelState save() const override;
    bool load(const ModelState& state, std::string& error) override;

private:
    std::vector<float> m_itemCount;
    std::vector<float> m_userCount;
};

} // namespace rs
