#pragma once
#include "pipeline/StageGraph.h"
#include "store/Workspace.h"
#include <cstdint>
#include <optional>
#include <string>

namespace rs {

/// The stage graph of a stored run: the one stored with it (runs trained since schema v3), or
/// one reconstructed from the stored run, its dataset, split and epochs (older runs, or a run
/// whose graph could not be written). A reconstructed graph has every stage done (a diverged
/// fit failed, evaluation skipped when there are no metrics), the fit and evaluation times, the
/// split sizes and epochs as stored, no times for the other stages, and its save stage says
/// `graph: reconstructed`. nullopt with `error` when there is no such run.
std::optional<StageGraph> pipelineForRun(Workspace& ws, std::int64_t runId, std::string& error);

/// The same without the reason (nullopt when there is no such run).
std::optional<StageGraph> pipelineForRun(Workspace& ws, std::int64_t runId);

/// Always the reconstruction (what pipelineForRun returns for a run without a stored graph).
std::optional<StageGraph> reconstructPipeline(Workspace& ws, std::int64_t runId,
                                              std::string& error);

} // namespace rs
