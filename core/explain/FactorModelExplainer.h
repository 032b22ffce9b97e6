#pragma once
#include "explain/Explainer.h"
#include "explain/RidgeFoldIn.h"
#include "explain/UserCache.h"

namespace rs {

/// The part biased factorisation models (BiasedMF, SVD++) share: evidence and what-if scores by
/// re-solving the user's bias and factors with every item parameter fixed (RidgeFoldIn), each
/// rating's contribution being the fold-in score minus the fold-in score without it. The
/// decomposition of the stored score is left to the model's subclass.
class FactorModelExplainer : public Explainer {
public:
    void scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                       std::vector<float>& out) const override;

protected:
    FactorModelExplainer(const RunContext& ctx, const explain::RidgeItemSide& side,
                         std::string evidenceNote);

    void collectEvidence(std::uint32_t user, std::uint32_t item, Explanation& out) const override;
    /// mean, b_u and b_i of the stored model as the first three parts.
    void biasParts(float mean, float userBias, float itemBias, Explanation& out) const;

private:
    std::shared_ptr<const explain::RidgeFoldIn> foldIn(std::uint32_t user) const;

    explain::RidgeItemSide m_side;
    std::string m_note;
    explain::UserCache<explain::RidgeFoldIn> m_cache;
};

} // namespace rs
