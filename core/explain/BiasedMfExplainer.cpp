// Explanations of biased matrix factorisation: the stored score split into mean, biases and one
// term per latent dimension; evidence by re-solving the user without each rating.
#include "explain/ExplainUtil.h"
#include "explain/FactorModelExplainer.h"
#include "explain/ModelExplainers.h"
#include "models/BiasedMf.h"

namespace rs {

namespace {

/// score = mean + b_u + b_i + sum_f p_uf q_if, every term a part.
class BiasedMfExplainer final : public FactorModelExplainer {
public:
    BiasedMfExplainer(const RunContext& ctx, const BiasedMf& model)
        : FactorModelExplainer(
              ctx, model, model.factors(), nullptr,
              "score change when the rating is left out and the user's bias and factors are "
              "re-solved with every item parameter fixed (ridge fold-in with the model's reg and "
              "reg_bias; the base is the fold-in of the full history, close to but not the "
              "SGD-trained score)") {}

protected:
    void decompose(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        biasAndFactorParts(user, item, factors().P.data(), out);
        out.decomposedScore = sumOfParts(out.parts);
    }
};

} // namespace

std::unique_ptr<Explainer> makeBiasedMfExplainer(const RunContext& ctx) {
    if (const auto* m = dynamic_cast<const BiasedMf*>(ctx.model.get()))
        return std::make_unique<BiasedMfExplainer>(ctx, *m);
    return nullptr;
}

} // namespace rs
