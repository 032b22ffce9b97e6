// Explanations of the baseline model (global mean + user and item biases).
#include "explain/ExplainUtil.h"
#include "explain/ModelExplainers.h"
#include "models/Baseline.h"

namespace rs {

namespace {

/// score = mean + b_u + b_i. Evidence re-solves b_u alone, item biases fixed, in closed form:
/// for the ALS solver the step the solver itself takes, b_u = sum_j (r_j - mean - b_j) /
/// (reg_u + n); for the SGD solver the minimiser of the per-rating objective it descends,
/// sum_j (r_j - mean - b_j - b_u)^2 + n reg b_u^2, so b_u = sum_j (...) / (n (1 + reg)); n is
/// the number of ratings kept. A rating's contribution is the change of b_u when it is left
/// out: the same for every target item.
class BaselineExplainer final : public Explainer {
public:
    BaselineExplainer(const RunContext& ctx, const Baseline& model)
        : Explainer(ctx), m_b(model.biases()),
          m_sgd(explain::hyperText(model, "solver", "als") == "sgd"),
          m_reg(m_sgd ? explain::hyperValue(model, "reg", 0.02)
                      : explain::hyperValue(model, "reg_u", 15.0)) {}

    void scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                       std::vector<float>& out) const override {
        const explain::History h = explain::historyWithout(m_ctx, user, removed);
        double sum = 0.0;
        for (std::size_t k = 0; k < h.items.size(); ++k)
            sum += deviation(h.items[k], h.values[k]);
        const double bu = userBias(sum, h.items.size());
        out.resize(m_ctx.numItems());
        for (std::uint32_t i = 0; i < out.size(); ++i)
            out[i] = float(double(m_b.mean) + bu + m_b.itemBias(i));
    }

protected:
    void decompose(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        out.parts = {{ScorePartKind::GlobalMean, "global mean", -1, 0, m_b.mean},
                     {ScorePartKind::UserBias, "user bias", -1, 0, m_b.userBias(user)},
                     {ScorePartKind::ItemBias, "item bias", -1, 0, m_b.itemBias(item)}};
        out.decomposedScore = sumOfParts(out.parts);
    }

    void collectEvidence(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        const auto items = m_ctx.trainItems(user);
        const auto values = m_ctx.trainValues(user);
        double sum = 0.0;
        for (std::size_t k = 0; k < items.size(); ++k)
            sum += deviation(items[k], values[k]);
        const std::size_t n = items.size();
        const double bu = userBias(sum, n);
        out.evidenceMethod = EvidenceMethod::Resolve;
        out.evidenceBaseScore = double(m_b.mean) + bu + m_b.itemBias(item);
        for (std::size_t k = 0; k < n; ++k) {
            const double without = userBias(sum - deviation(items[k], values[k]), n - 1);
            out.evidence.push_back({items[k], values[k], bu - without});
        }
        out.evidenceNote = m_sgd ? "each rating's effect on the user bias, re-solved in closed "
                                   "form with the item biases fixed (SGD objective, reg)"
                                 : "each rating's effect on the user bias, re-solved in closed "
                                   "form with the item biases fixed (ALS step, shrinkage reg_u)";
    }

private:
    double deviation(std::uint32_t item, float value) const {
        return double(value) - m_b.mean - m_b.itemBias(item);
    }
    double userBias(double sum, std::size_t n) const {
        if (n == 0)
            return 0.0;
        return m_sgd ? sum / (double(n) * (1.0 + m_reg)) : sum / (m_reg + double(n));
    }

    const Biases& m_b;
    bool m_sgd;
    double m_reg;
};

} // namespace

std::unique_ptr<Explainer> makeBiasExplainer(const RunContext& ctx) {
    if (const auto* m = dynamic_cast<const Baseline*>(ctx.model.get()))
        return std::make_unique<BaselineExplainer>(ctx, *m);
    return nullptr;
}

} // namespace rs
