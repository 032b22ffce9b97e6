#pragma once
#include "explain/Explainer.h"
#include "models/NeighbourModel.h"

namespace rs {

/// The part item- and user-based neighbourhood models share: the decomposition of the stored
/// prediction into the baseline b_ui = mean + b_u + b_i and the neighbourhood term
/// sum s (r - b) / sum s (prediction "baseline"), or the weighted mean sum s r / sum s alone
/// (prediction "mean"; the global mean when no neighbour is usable).
class NeighbourExplainer : public Explainer {
protected:
    NeighbourExplainer(const RunContext& ctx, const NeighbourModel& model)
        : Explainer(ctx), m_model(model) {}

    void decompose(std::uint32_t user, std::uint32_t item, Explanation& out) const override;
    /// The term of one used neighbour: s (r - b) / sum s, or s r / sum s in mean mode, where
    /// `denominator` is sum s over the used neighbours and b the baseline of the neighbour's
    /// rating (b_uj for items, b_vi for users).
    double neighbourTerm(std::uint32_t user, std::uint32_t item, const NeighbourModel::Match& m,
                         double denominator) const;

    const NeighbourModel& m_model;
};

} // namespace rs
