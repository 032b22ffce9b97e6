#include "explain/FactorModelExplainer.h"

#include "explain/ExplainUtil.h"

namespace rs {

namespace {

explain::RidgeItemSide ridgeSideOf(const Recommender& model, const FactorSet& f,
                                   const float* implicitItemFactors) {
    explain::RidgeItemSide s;
    s.Q = f.Q.data();
    s.implicit = implicitItemFactors;
    s.stride = f.stride;
    s.k = f.k;
    s.items = f.items;
    s.itemBias = f.bi.data();
    s.mean = f.mean;
    s.reg = explain::hyperValue(model, "reg", 0.02);
    s.regBias = explain::hyperValue(model, "reg_bias", 0.02);
    return s;
}

} // namespace

FactorModelExplainer::FactorModelExplainer(const RunContext& ctx, const Recommender& model,
                                           const FactorSet& f, const float* implicitItemFactors,
                                           std::string evidenceNote)
    : Explainer(ctx), m_f(f), m_side(ridgeSideOf(model, f, implicitItemFactors)),
      m_note(std::move(evidenceNote)) {}

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

bool FactorModelExplainer::biasAndFactorParts(std::uint32_t user, std::uint32_t item,
                                              const float* userFactors, Explanation& out) const {
    const bool knownUser = user < m_f.users, knownItem = item < m_f.items;
    out.parts.push_back({ScorePartKind::GlobalMean, "global mean", -1, 0, m_f.mean});
    out.parts.push_back(
        {ScorePartKind::UserBias, "user bias", -1, 0, knownUser ? m_f.bu[user] : 0.0f});
    out.parts.push_back(
        {ScorePartKind::ItemBias, "item bias", -1, 0, knownItem ? m_f.bi[item] : 0.0f});
    if (!knownUser || !knownItem)
        return false;
    const float* p = userFactors + std::size_t(user) * m_f.stride;
    const float* q = m_f.Q.data() + std::size_t(item) * m_f.stride;
    for (int f = 0; f < m_f.k; ++f)
        out.parts.push_back({ScorePartKind::LatentFactor, "factor " + std::to_string(f), f, 0,
                             double(p[f]) * double(q[f])});
    return true;
}

} // namespace rs
