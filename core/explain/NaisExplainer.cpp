// Explanations of NAIS, the neural attentive item similarity model: exact attention terms.
#include "explain/ModelExplainers.h"
#include "models/Nais.h"
#include "train/RunContext.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <string>

namespace rs {

namespace {

/// `v` with 3 significant digits.
std::string short3(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", v);
    return text;
}

/// "attention 0.214 x similarity 1.03": the two factors of one history item's term.
std::string termLabel(const NaisAttentionEntry& e) {
    return "attention " + short3(e.weight) + " x similarity " + short3(e.similarity);
}

/// score(u, i) = b_i + sum_{j in H(u), j != i} a_ij p_j . q_i (Nais::attention()): the item
/// bias and one exact additive term per history item are both the decomposition and the
/// evidence, with a_ij carried as EvidenceItem::attention. Training ratings below the model's
/// min_value are not in H(u) and add nothing (not listed). What-if scores re-run the model on
/// the reduced history (Nais::scoreAllWithHistory): the attention is re-normalised over the
/// remaining items, an exact re-score with every parameter fixed, so removing j moves the score
/// by its term plus the change of the other weights.
class NaisExplainer final : public Explainer {
public:
    NaisExplainer(const RunContext& ctx, const Nais& model) : Explainer(ctx), m_model(model) {}

    void scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                       std::vector<float>& out) const override {
        const auto hist = m_model.history(user);
        if (removed.empty()) {
            m_model.scoreAllWithHistory(hist, out);
            return;
        }
        std::vector<std::uint32_t> gone(removed.begin(), removed.end());
        std::sort(gone.begin(), gone.end());
        std::vector<std::uint32_t> kept;
        kept.reserve(hist.size());
        std::set_difference(hist.begin(), hist.end(), gone.begin(), gone.end(),
                            std::back_inserter(kept));
        m_model.scoreAllWithHistory(kept, out);
    }

protected:
    void decompose(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        const NaisAttention att = m_model.attention(user, item);
        out.parts.push_back({ScorePartKind::ItemBias, "item bias", -1, 0, double(att.bias)});
        for (const NaisAttentionEntry& e : att.entries)
            out.parts.push_back({ScorePartKind::HistoryItem, termLabel(e), -1, e.item,
                                 double(e.weight) * double(e.similarity)});
        out.decomposedScore = sumOfParts(out.parts);
    }

    void collectEvidence(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        const NaisAttention att = m_model.attention(user, item);
        const auto items = m_ctx.trainItems(user);
        const auto values = m_ctx.trainValues(user);
        out.evidenceMethod = EvidenceMethod::ExactTerms;
        out.evidenceBaseScore = double(att.score);
        out.evidenceNote =
            "NAIS attention terms a_ij p_j . q_i of the user's positives (with the item bias "
            "they add up to the score; a_ij is the attention weight, normalised over the "
            "history with beta " +
            short3(m_model.beta()) +
            "); removing a rating re-normalises the others' weights, so the what-if moves the "
            "score by more or less than its term";
        out.evidence.reserve(att.entries.size());
        for (const NaisAttentionEntry& e : att.entries) {
            const auto it = std::lower_bound(items.begin(), items.end(), e.item);
            const float rating =
                it != items.end() && *it == e.item ? values[std::size_t(it - items.begin())] : 0.0f;
            out.evidence.push_back(
                {e.item, rating, double(e.weight) * double(e.similarity), double(e.weight)});
        }
    }

private:
    const Nais& m_model;
};

} // namespace

std::unique_ptr<Explainer> makeNaisExplainer(const RunContext& ctx) {
    if (const auto* m = dynamic_cast<const Nais*>(ctx.model.get()))
        return std::make_unique<NaisExplainer>(ctx, *m);
    return nullptr;
}

} // namespace rs
