// Explanations of imported factor models: the same biased factorisation as BiasedMF, so the
// stored score splits into mean, biases and one term per latent dimension, and the evidence comes
// from re-solving the user without each rating (FactorModelExplainer).
#include "explain/ExplainUtil.h"
#include "explain/FactorModelExplainer.h"
#include "explain/ModelExplainers.h"
#include "models/ImportedFactors.h"

namespace rs {

namespace {

/// score = mean + b_u + b_i + sum_f p_uf q_if, every term a part (absent biases are 0 parts).
class ImportedFactorsExplainer final : public FactorModelExplainer {
public:
    ImportedFactorsExplainer(const RunContext& ctx, const ImportedFactors& model)
        : FactorModelExplainer(
              ctx, model, model.factors(), nullptr,
              "score change when the rating is left out and the user's bias and factors are "
              "re-solved with every imported item parameter fixed (ridge fold-in with the run's "
              "reg and reg_bias; the base is the fold-in of the full history, which equals the "
              "imported score only when the user factors were folded in here)") {}

protected:
    void decompose(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        biasAndFactorParts(user, item, factors().P.data(), out);
        out.decomposedScore = sumOfParts(out.parts);
    }
};

} // namespace

std::unique_ptr<Explainer> makeImportedFactorsExplainer(const RunContext& ctx) {
    if (const auto* m = dynamic_cast<const ImportedFactors*>(ctx.model.get()))
        return std::make_unique<ImportedFactorsExplainer>(ctx, *m);
    return nullptr;
}

} // namespace rs
