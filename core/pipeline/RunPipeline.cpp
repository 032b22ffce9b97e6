#include "pipeline/RunPipeline.h"

#include "pipeline/TrainingPipeline.h"
#include "store/DatasetStore.h"
#include "store/PipelineStore.h"
#include "store/RunStore.h"
#include "store/SplitStore.h"

namespace rs {

namespace {

void markDone(StageNode& n) {
    n.status = StageStatus::Done;
    n.progress = 1.0;
}

} // namespace

std::optional<StageGraph> reconstructPipeline(Workspace& ws, std::int64_t runId,
                                              std::string& error) {
    auto run = RunStore(ws).get(runId);
    if (!run) {
        error = "no run " + std::to_string(runId);
        return std::nullopt;
    }
    const auto dataset = DatasetStore(ws).get(run->datasetId);
    const auto split = run->splitId > 0 ? SplitStore(ws).get(run->splitId) : std::nullopt;

    TrainingPlan plan;
    plan.datasetName = dataset ? dataset->name : std::string();
    plan.datasetId = run->datasetId;
    plan.splitSpec = run->splitSpec;
    plan.model = run->model;
    plan.debias = run->debias;
    plan.hyperParameters = run->params;
    plan.seed = run->seed;
    plan.threads = run->threads;
    StageGraph g = plannedTrainingGraph(plan);
    g.runId = runId;

    StageNode& load = *g.find(stage::kLoad);
    markDone(load);
    if (dataset)
        describeLoad(load, dataset->numRatings, dataset->numUsers, dataset->numItems);

    std::int64_t trainRows = 0, testRows = 0;
    if (split) {
        trainRows = split->numTrain;
        testRows = split->numTest;
    } else if (dataset) {
        trainRows = dataset->numRatings; // trained on the whole dataset
    }
    StageNode& splitNode = *g.find(stage::kSplit);
    markDone(splitNode);
    describeSplit(splitNode, trainRows, testRows);

    markDone(*g.find(stage::kMatrices));
    if (dataset) {
        StageNode& m = *g.find(stage::kMatrices);
        m.rowsIn = trainRows + testRows;
        m.outputs = {{"users", std::to_string(dataset->numUsers)},
                     {"items", std::to_string(dataset->numItems)},
                     {"test_rows", std::to_string(testRows)}};
    }

    if (StageNode* debias = g.find(stage::kDebias))
        markDone(*debias);

    StageNode& fit = *g.find(stage::kFit);
    markDone(fit);
    fit.seconds = run->fitSeconds;
    describeFit(fit, RunStore(ws).epochs(runId), run->message);
    if (run->status == "diverged") {
        fit.status = StageStatus::Failed;
        fit.error = "diverged" + (run->message.empty() ? "" : ": " + run->message);
    }

    StageNode& eval = *g.find(stage::kEvaluate);
    if (run->metrics.empty()) {
        eval.status = StageStatus::Skipped;
        eval.error = testRows == 0 ? "no test rows" : "no metrics stored";
    } else {
        markDone(eval);
        eval.seconds = run->evalSeconds;
        describeEvaluation(eval, testRows, run->metrics, run->protocol);
    }

    StageNode& save = *g.find(stage::kSave);
    markDone(save);
    describeSave(save, runId);
    save.outputs.emplace_back("graph", "reconstructed");
    return g;
}

std::optional<StageGraph> pipelineForRun(Workspace& ws, std::int64_t runId, std::string& error) {
    if (!RunStore(ws).get(runId)) {
        error = "no run " + std::to_string(runId);
        return std::nullopt;
    }
    std::string storedError;
    if (auto stored = PipelineStore(ws).get(runId, &storedError))
        return stored;
    // No graph stored (or an unreadable one): the run itself is the source of truth.
    return reconstructPipeline(ws, runId, error);
}

std::optional<StageGraph> pipelineForRun(Workspace& ws, std::int64_t runId) {
    std::string error;
    return pipelineForRun(ws, runId, error);
}

} // namespace rs
