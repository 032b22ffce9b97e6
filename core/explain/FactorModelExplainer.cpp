#include "explain/FactorModelExplainer.h"

#include "explain/ExplainUtil.h"

namespace rs {

FactorModelExplainer::FactorModelExplainer(const RunContext& ctx,
                                           const explain::RidgeItemSide& side,
                                           std::string evidenceNote)
    : Explainer(ctx), m_side(side), m_note(std::move(evidenceNote)) {}

std::shared_ptr<const explain::RidgeFoldIn> FactorModelExplainer::foldIn(std::uint32_t user) const {
    return m_cache.get(user, [&] {
        return explain::RidgeFoldIn(m_side, m_ctx.trainItems(user), m_ctx.trainValues(user));
    });
}

void FactorModelExplainer::scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                                         std::vector<float>& out) const {
    foldIn(user)->scoresWithout(explain::historyPositions(m_ctx, user, removed), out);
}

void FactorModelExplainer::collectEvidence(std::uint32_t user, std::uint32_t item,
                                           Explanation& out) const {
    const auto fold = foldIn(user);
    const auto items = m_ctx.trainItems(user);
    const auto values = m_ctx.trainValues(user);
    out.evidenceMethod = EvidenceMethod::Resolve;
    out.evidenceNote = m_note;
    out.evidenceBaseScore = fold->score(item);
    std::vector<double> without;
    fold->scoresLeavingOneOut(item, without);
    out.evidence.reserve(items.size());
    for (std::size_t j = 0; j < items.size(); ++j)
        out.evidence.push_back({items[j], values[j], out.evidenceBaseScore - without[j]});
}

void FactorModelExplainer::biasParts(float mean, float userBias, float itemBias,
                                     Explanation& out) const {
    out.parts.push_back({ScorePartKind::GlobalMean, "global mean", -1, 0, mean});
    out.parts.push_back({ScorePartKind::UserBias, "user bias", -1, 0, userBias});
    out.parts.push_back({ScorePartKind::ItemBias, "item bias", -1, 0, itemBias});
}

} // namespace rs
