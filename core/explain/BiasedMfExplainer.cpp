// Explanations of biased matrix factorisation: the stored score split into mean, biases and one
// term per latent dimension; evidence by re-solving the user without each rating.
#include "explain/ExplainUtil.h"
#include "explain/FactorModelExplainer.h"
#include "explain/ModelExplainers.h"
#include "models/BiasedMf.h"

namespace rs {

namespace {

explain::RidgeItemSide itemSideOf(const BiasedMf& model) {
    const FactorSet& f = model.factors();
    explain::RidgeItemSide s;
    s.Q = f.Q.data();
    s.stride = f.stride;
    s.k = f.k;
    s.items = f.items;
    s.itemBias = f.bi.data();
    s.mean = f.mean;
    s.reg = explain::hyperValue(model, "reg", 0.02);
    s.regBias = explain::hyperValue(model, "reg_bias", 0.02);
    return s;
}

/// score = mean + b_u + b_i + sum_f p_uf q_if, every term a part.
class BiasedMfExplainer final : public FactorModelExplainer {
public:
    BiasedMfExplainer(const RunContext& ctx, const BiasedMf& model)
        : FactorModelExplainer(
              ctx, itemSideOf(model),
              "score change when the rating is left out and the user's bias and factors are "
              "re-solved with every item parameter fixed (ridge fold-in with the model's reg and "
              "reg_bias; the base is the fold-in of the full history, close to but not the "
              "SGD-trained score)"),
          m_f(model.factors()) {}

protected:
    void decompose(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        const bool knownUser = user < m_f.users, knownItem = item < m_f.items;
        biasParts(m_f.mean, knownUser ? m_f.bu[user] : 0.0f, knownItem ? m_f.bi[item] : 0.0f, out);
        if (knownUser && knownItem) {
            const float* p = m_f.P.data() + std::size_t(user) * m_f.stride;
            const float* q = m_f.Q.data() + std::size_t(item) * m_f.stride;
            for (int f = 0; f < m_f.k; ++f)
                out.parts.push_back({ScorePartKind::LatentFactor, "factor " + std::to_string(f), f,
                                     0, double(p[f]) * double(q[f])});
        }
        out.decomposedScore = sumOfParts(out.parts);
    }

private:
    const FactorSet& m_f;
};

} // namespace

std::unique_ptr<Explainer> makeBiasedMfExplainer(const RunContext& ctx) {
    if (const auto* m = dynamic_cast<const BiasedMf*>(ctx.model.get()))
        return std::make_unique<BiasedMfExplainer>(ctx, *m);
    return nullptr;
}

} // namespace rs
