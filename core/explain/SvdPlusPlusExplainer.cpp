// Explanations of SVD++: the stored score split into mean, biases, one explicit term p_uf q_if
// and one implicit term z_uf q_if per latent dimension; evidence by re-solving the user without
// each rating, the implicit sum over the history included.
#include "explain/ExplainUtil.h"
#include "explain/FactorModelExplainer.h"
#include "explain/ModelExplainers.h"
#include "models/SvdPlusPlus.h"

namespace rs {

namespace {

/// score = mean + b_u + b_i + q_i . (p_u + z_u), z_u = |N(u)|^-1/2 sum_{j in N(u)} y_j.
class SvdPlusPlusExplainer final : public FactorModelExplainer {
public:
    SvdPlusPlusExplainer(const RunContext& ctx, const SvdPlusPlus& model)
        : FactorModelExplainer(
              ctx, model, model.factors(), model.implicitItemFactors().data(),
              "score change when the rating is left out: the user's bias and explicit factors "
              "are re-solved with every item parameter fixed (ridge fold-in with the model's reg "
              "and reg_bias) and the implicit sum z_u is taken over the remaining ratings; the "
              "base is the fold-in of the full history, close to but not the SGD-trained score"),
          m_model(model) {}

protected:
    void decompose(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        if (biasAndFactorParts(user, item, m_model.explicitUserFactors().data(), out)) {
            const FactorSet& f = factors();
            const float* z = m_model.implicitUserSums().data() + std::size_t(user) * f.stride;
            const float* q = f.Q.data() + std::size_t(item) * f.stride;
            for (int k = 0; k < f.k; ++k)
                out.parts.push_back({ScorePartKind::ImplicitFactor,
                                     "implicit factor " + std::to_string(k), k, 0,
                                     double(z[k]) * double(q[k])});
        }
        out.decomposedScore = sumOfParts(out.parts);
    }

private:
    const SvdPlusPlus& m_model;
};

} // namespace

std::unique_ptr<Explainer> makeSvdppExplainer(const RunContext& ctx) {
    if (const auto* m = dynamic_cast<const SvdPlusPlus*>(ctx.model.get()))
        return std::make_unique<SvdPlusPlusExplainer>(ctx, *m);
    return nullptr;
}

} // namespace rs
