#pragma once
#include "explain/Explainer.h"
#include "explain/Explanation.h"
#include <string>

namespace rs {

class JsonWriter;
struct RunContext;

/// Writes an explanation as one JSON object (ids and titles resolved through `ctx`): score,
/// rank, the decomposition parts, the evidence items, the counterfactual and, when given, the
/// deletion curve. The command line prints it; views export it.
void writeExplanationJson(JsonWriter& w, const Explanation& e, const RunContext& ctx,
                          const DeletionCurve* curve = nullptr);
/// The batch fidelity report as one JSON object.
void writeFidelityJson(JsonWriter& w, const FidelityReport& report);

} // namespace rs
