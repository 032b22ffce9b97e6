#include "explain/NeighbourExplainer.h"

namespace rs {

double NeighbourExplainer::neighbourTerm(std::uint32_t user, std::uint32_t item,
                                         const NeighbourModel::Match& m, double denominator) const {
    float r = m.r; // float, as the model combines them
    if (m_model.baselinePrediction())
        r -= m_model.itemBased() ? m_model.biases().predict(user, m.index)
                                 : m_model.biases().predict(m.index, item);
    return double(m.sim) * r / denominator;
}

void NeighbourExplainer::decompose(std::uint32_t user, std::uint32_t item, Explanation& out) const {
    std::vector<NeighbourModel::Match> used;
    m_model.predictWithNeighbours(user, item, used);
    double den = 0.0, term = 0.0;
    for (const auto& m : used)
        den += m.sim;
    if (den > 0)
        for (const auto& m : used)
            term += neighbourTerm(user, item, m, den);
    const std::string kind = m_model.itemBased() ? " similar items" : " similar users";
    const std::string count = std::to_string(used.size()) + kind;
    const Biases& b = m_model.biases();
    if (m_model.baselinePrediction()) {
        out.parts = {{ScorePartKind::GlobalMean, "global mean", -1, 0, b.mean},
                     {ScorePartKind::UserBias, "user bias", -1, 0, b.userBias(user)},
                     {ScorePartKind::ItemBias, "item bias", -1, 0, b.itemBias(item)}};
        if (den > 0)
            out.parts.push_back(
                {ScorePartKind::Neighbourhood, "neighbours: " + count, -1, 0, term});
    } else if (den > 0) {
        out.parts = {{ScorePartKind::Neighbourhood, "weighted mean of " + count, -1, 0, term}};
    } else {
        out.parts = {
            {ScorePartKind::GlobalMean, "global mean (no usable neighbour)", -1, 0, b.mean}};
    }
    out.decomposedScore = sumOfParts(out.parts);
}

} // namespace rs
