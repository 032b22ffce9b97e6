// Explanations of the user-based neighbourhood model.
#include "explain/ExplainUtil.h"
#include "explain/ModelExplainers.h"
#include "explain/NeighbourExplainer.h"
#include "explain/UserCache.h"
#include "explain/UserSimilarities.h"
#include "models/UserKnn.h"

namespace rs {

namespace {

/// The prediction combines the ratings that the k users most similar to u gave the item; u's
/// own ratings act only through those similarities (and the list of neighbours they select).
/// Evidence therefore re-predicts without each rating (Resolve): u's similarities to every
/// other user are recomputed from the remaining ratings (explain::UserSimilarities), the
/// neighbours re-selected and the prediction re-combined, with the baselines and every other
/// user's ratings held as trained. The base is the same re-prediction from the full history,
/// equal to the model's score up to float rounding of the similarities.
class UserKnnExplainer final : public NeighbourExplainer {
public:
    UserKnnExplainer(const RunContext& ctx, const NeighbourModel& model)
        : NeighbourExplainer(ctx, model) {}

    void scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                       std::vector<float>& out) const override {
        const auto sims = similarities(user);
        std::vector<float> s;
        sims->without(explain::historyPositions(m_ctx, user, removed), s);
        out.resize(m_ctx.numItems());
        std::vector<NeighbourModel::Match> matches;
        for (std::uint32_t i = 0; i < out.size(); ++i)
            out[i] = sims->predict(i, s, matches);
    }

protected:
    void collectEvidence(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        const auto sims = similarities(user);
        const auto items = m_ctx.trainItems(user);
        const auto values = m_ctx.trainValues(user);
        out.evidenceMethod = EvidenceMethod::Resolve;
        out.evidenceNote = "score change when the rating is left out: the user's similarities to "
                           "every other user are recomputed from the remaining ratings and the "
                           "neighbours re-selected (baselines and the other users' ratings held "
                           "as trained)";
        std::vector<float> s;
        std::vector<NeighbourModel::Match> matches;
        sims->without({}, s);
        out.evidenceBaseScore = sims->predict(item, s, matches);
        out.evidence.reserve(items.size());
        for (std::size_t j = 0; j < items.size(); ++j) {
            const std::size_t gone[] = {j};
            sims->without(gone, s);
            const double without = sims->predict(item, s, matches);
            out.evidence.push_back({items[j], values[j], out.evidenceBaseScore - without});
        }
    }

private:
    std::shared_ptr<const explain::UserSimilarities> similarities(std::uint32_t user) const {
        return m_cache.get(user,
                           [&] { return explain::UserSimilarities(m_model, m_ctx.train, user); });
    }

    explain::UserCache<explain::UserSimilarities> m_cache;
};

} // namespace

std::unique_ptr<Explainer> makeUserKnnExplainer(const RunContext& ctx) {
    if (const auto* m = dynamic_cast<const UserKnn*>(ctx.model.get()))
        return std::make_unique<UserKnnExplainer>(ctx, *m);
    return nullptr;
}

} // namespace rs
