#pragma once
#include "eval/Metrics.h"
#include "models/Recommender.h"
#include "pipeline/StageGraph.h"
#include "store/RunStore.h"
#include "util/Progress.h"
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace rs {

/// What to train and how to evaluate it.
struct TrainingRequest {
    std::int64_t datasetId = 0;
    std::string model; ///< registry name
    /// How to debias the training data before the fit (DebiasSpec text: "ips:eta=0.5",
    /// "down:strata=3", ...; empty = train on the data as it is). Evaluation always uses the
    /// split's data as it is.
    std::string debias;
    std::vector<std::pair<std::string, std::string>> params; ///< hyper-parameters to set
    /// Split: a spec text ("random:0.2:seed=0", "peruser:0.2", "temporal:0.2", "lastn:1",
    /// "kfold:5:fold=0") or empty with splitId set to reuse a stored split (e.g. predefined).
    std::string split = "random:0.2:seed=0";
    std::int64_t splitId = 0;
    std::uint64_t seed = 42;
    int threads = 1;
    EvalOptions eval;
    bool save = true; ///< store the run and the trained model in the workspace
};

enum class TrainingStatus { Done, Cancelled, Diverged, Failed };
const char* trainingStatusName(TrainingStatus s);

/// What a training job produced. On Cancelled/Failed nothing was written to the workspace.
struct TrainingOutcome {
    TrainingStatus status = TrainingStatus::Failed;
    std::string error;
    RunInfo run; ///< id > 0 when saved
    std::vector<EpochRecord> epochs;
    EvaluationResult evaluation;
    std::size_t trainRows = 0, testRows = 0;
    /// The run's stage graph as it ended (also when it failed or was cancelled: the stage that
    /// stopped it says so, with the error). Stored with a saved run (PipelineStore).
    StageGraph pipeline;
    /// Non-empty when the run was saved but its stage graph could not be: the run stays stored
    /// and pipelineForRun() reconstructs a graph for it.
    std::string pipelineError;
};

/// Callbacks from the training thread: overall progress (fraction 0..1; false cancels), each
/// finished epoch (for live loss charts; false cancels too) and the stage graph whenever a stage
/// changes state, or its progress advances by at least 1%.
struct TrainingCallbacks {
    Progress progress;
    std::function<bool(const EpochRecord&)> onEpoch;
    std::function<void(const StageGraph&)> onStage;
};

/// Runs one training job against the workspace (its own connection: call from the worker
/// thread that owns `ws`).
TrainingOutcome runTraining(Workspace& ws, const TrainingRequest& request,
                            const TrainingCallbacks& callbacks);

/// Restores the trained model of a stored run; nullptr with `error` when it cannot.
std::unique_ptr<Recommender> loadTrainedModel(Workspace& ws, std::int64_t runId,
                                              std::string& error);

} // namespace rs
