// Explanations of the item-based neighbourhood model (KNNBasic / KNNBaseline).
#include "explain/ExplainUtil.h"
#include "explain/ItemKnnWhatIf.h"
#include "explain/ModelExplainers.h"
#include "explain/NeighbourExplainer.h"
#include "explain/UserCache.h"
#include "models/ItemKnn.h"

namespace rs {

namespace {

/// The prediction is b_ui + sum_j s_ij (r_uj - b_uj) / sum_j s_ij over the k most similar items
/// j the user rated (baseline mode), or sum_j s_ij r_uj / sum_j s_ij (mean mode): every used
/// neighbour's term is an exact additive part of the score (the evidence); rated items outside
/// the k used ones contribute nothing and are not listed. What-if scores re-predict from the
/// reduced history with the item-item similarities and the baselines of the trained model
/// held fixed (the user's rating of j also entered those similarities, weakly: one of the
/// many users behind each pair): explain::ItemKnnWhatIf, cached per user.
class ItemKnnExplainer final : public NeighbourExplainer {
public:
    ItemKnnExplainer(const RunContext& ctx, const NeighbourModel& model)
        : NeighbourExplainer(ctx, model) {
        // Lists shorter than the model's list length were not cut: they hold every positive
        // similarity, and the measures are symmetric, so the lists are too.
        const NeighbourLists& l = model.neighbourLists();
        const std::size_t limit = model.listLimit(l.rows());
        m_symmetric = true;
        for (std::uint32_t i = 0; i < l.rows() && m_symmetric; ++i)
            m_symmetric = l.ptr[i + 1] - l.ptr[i] < limit;
    }

    void scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                       std::vector<float>& out) const override {
        const auto whatIf = m_cache.get(user, [&] {
            return explain::ItemKnnWhatIf(m_model, user, m_ctx.trainItems(user),
                                          m_ctx.trainValues(user), m_symmetric);
        });
        whatIf->scoresWithout(explain::historyPositions(m_ctx, user, removed), out);
    }

protected:
    void collectEvidence(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        std::vector<NeighbourModel::Match> used;
        out.evidenceBaseScore = m_model.predictWithNeighbours(user, item, used);
        out.evidenceMethod = EvidenceMethod::ExactTerms;
        out.evidenceNote =
            m_model.baselinePrediction()
                ? "the k most similar items the user rated, each with its exact term "
                  "s_ij (r_uj - b_uj) / sum s of the neighbourhood part; other ratings add nothing"
                : "the k most similar items the user rated, each with its exact term "
                  "s_ij r_uj / sum s of the weighted mean; other ratings add nothing";
        double den = 0.0;
        for (const auto& m : used)
            den += m.sim;
        if (!(den > 0))
            return;
        for (const auto& m : used)
            out.evidence.push_back({m.index, m.r, neighbourTerm(user, item, m, den)});
    }

private:
    bool m_symmetric = false; ///< no list was cut: s_ij is in j's list whenever in i's
    explain::UserCache<explain::ItemKnnWhatIf> m_cache;
};

} // namespace

std::unique_ptr<Explainer> makeItemKnnExplainer(const RunContext& ctx) {
    if (const auto* m = dynamic_cast<const ItemKnn*>(ctx.model.get()))
        return std::make_unique<ItemKnnExplainer>(ctx, *m);
    return nullptr;
}

} // namespace rs
