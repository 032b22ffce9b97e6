#include "explain/ModelExplainers.h"
#include "train/RunContext.h"

namespace rs {

std::unique_ptr<Explainer> makeExplainer(const RunContext& ctx, std::string& error) {
    if (!ctx.model) {
        error = "the run has no trained model";
        return nullptr;
    }
    using Factory = std::unique_ptr<Explainer> (*)(const RunContext&);
    static const Factory factories[] = {
        makeBiasExplainer,     makePopularityExplainer,      makeBiasedMfExplainer,
        makeAlsExplainer,      makeItemKnnExplainer,         makeSvdppExplainer,
        makeBprExplainer,      makeUserKnnExplainer,         makeNaisExplainer,
        makeLightGcnExplainer, makeImportedFactorsExplainer,
    };
    for (Factory f : factories)
        if (auto e = f(ctx))
            return e;
    error = "explanations are not available for model '" + ctx.model->name() + "'";
    return nullptr;
}

} // namespace rs
