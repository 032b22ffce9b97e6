#pragma once
#include "explain/Explainer.h"
#include "explain/RidgeFoldIn.h"
#include "explain/UserCache.h"
#include "models/FactorSet.h"

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
    /// `model`'s factors `f` (its reg and reg_bias weight the fold-in); `implicitItemFactors`:
    /// SVD++'s y_j (items x stride), or nullptr.
    FactorModelExplainer(const RunContext& ctx, const Recommender& model, const FactorSet& f,
                         const float* implicitItemFactors, std::string evidenceNote);

    void collectEvidence(std::uint32_t user, std::uint32_t item, Explanation& out) const override;
    /// The stored model's mean, b_u and b_i, then one LatentFactor part p_uf q_if per dimension
    /// with p_u the row `user` of `userFactors` (users x stride). False, with only the biases
    /// (0 for an unknown side), when the user or the item is unknown to the model.
    bool biasAndFactorParts(std::uint32_t user, std::uint32_t item, const float* userFactors,
                            Explanation& out) const;
    const FactorSet& factors() const { return m_f; }

private:
    std::shared_ptr<const explain::RidgeFoldIn> foldIn(std::uint32_t user) const;

    const FactorSet& m_f;
    explain::RidgeItemSide m_side;
    std::string m_note;
    explain::UserCache<explain::RidgeFoldIn> m_cache;
};

} // namespace rs
