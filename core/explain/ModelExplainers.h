#pragma once
#include "explain/Explainer.h"
#include <memory>

namespace rs {

struct RunContext;

// One factory per model family; makeExplainer() (ExplainerFactory.cpp) picks by model type.
// Each returns nullptr when the context's model is not of its family.
std::unique_ptr<Explainer> makeBiasExplainer(const RunContext& ctx);       ///< baseline
std::unique_ptr<Explainer> makePopularityExplainer(const RunContext& ctx); ///< popularity
std::unique_ptr<Explainer> makeBiasedMfExplainer(const RunContext& ctx);   ///< biasedmf
std::unique_ptr<Explainer> makeAlsExplainer(const RunContext& ctx);        ///< als
std::unique_ptr<Explainer> makeItemKnnExplainer(const RunContext& ctx);    ///< itemknn
std::unique_ptr<Explainer> makeSvdppExplainer(const RunContext& ctx);      ///< svdpp
std::unique_ptr<Explainer> makeBprExplainer(const RunContext& ctx);        ///< bpr
std::unique_ptr<Explainer> makeUserKnnExplainer(const RunContext& ctx);    ///< userknn
std::unique_ptr<Explainer> makeNaisExplainer(const RunContext& ctx);       ///< nais
std::unique_ptr<Explainer> makeLightGcnExplainer(const RunContext& ctx);   ///< lightgcn

/// imported (factor files trained elsewhere)
std::unique_ptr<Explainer> makeImportedFactorsExplainer(const RunContext& ctx);

} // namespace rs
