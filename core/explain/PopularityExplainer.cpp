// Explanations of the most-popular model.
#include "explain/ModelExplainers.h"
#include "models/Popularity.h"
#include "train/RunContext.h"

#include <algorithm>

namespace rs {

namespace {

/// score = the item's number of training ratings, the same for every user: nothing about the
/// user enters an unrated item's score. Leaving out the user's rating of j lowers j's count by
/// one (exact), which is what the what-if scores show.
class PopularityExplainer final : public Explainer {
public:
    explicit PopularityExplainer(const RunContext& ctx) : Explainer(ctx) {}

    void scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                       std::vector<float>& out) const override {
        m_ctx.model->scoreAll(user, out);
        const auto items = m_ctx.trainItems(user);
        std::vector<std::uint32_t> gone(removed.begin(), removed.end());
        std::sort(gone.begin(), gone.end());
        gone.erase(std::unique(gone.begin(), gone.end()), gone.end());
        for (std::uint32_t j : gone)
            if (j < out.size() && std::binary_search(items.begin(), items.end(), j))
                out[j] -= 1.0f;
    }

protected:
    void decompose(std::uint32_t, std::uint32_t, Explanation& out) const override {
        out.parts = {{ScorePartKind::Popularity, "training ratings of the item", -1, 0, out.score}};
        out.decomposedScore = out.score;
    }
    void collectEvidence(std::uint32_t, std::uint32_t, Explanation& out) const override {
        out.evidenceMethod = EvidenceMethod::None;
        out.evidenceBaseScore = out.score;
        out.evidenceNote = "most-popular scores every user alike: no rating of this user "
                           "changes the score of an item they have not rated";
    }
};

} // namespace

std::unique_ptr<Explainer> makePopularityExplainer(const RunContext& ctx) {
    if (dynamic_cast<const Popularity*>(ctx.model.get()))
        return std::make_unique<PopularityExplainer>(ctx);
    return nullptr;
}

} // namespace rs
