#include "train/TrainingJob.h"

#include "train/RunRecording.h"

#include "debias/Debias.h"
#include "pipeline/StageTracker.h"
#include "pipeline/TrainingPipeline.h"
#include "split/Split.h"
#include "store/DatasetStore.h"
#include "store/PipelineStore.h"
#include "store/SplitStore.h"

#include <chrono>

namespace rs {

const char* trainingStatusName(TrainingStatus s) {
    switch (s) {
    case TrainingStatus::Done:
        return "done";
    case TrainingStatus::Cancelled:
        return "cancelled";
    case TrainingStatus::Diverged:
        return "diverged";
    case TrainingStatus::Failed:
        return "failed";
    }
    return "failed";
}

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

TrainingOutcome runTraining(Workspace& ws, const TrainingRequest& req,
                            const TrainingCallbacks& cb) {
    TrainingOutcome out;
    std::string debiasError;
    const std::optional<DebiasSpec> debias = parseDebiasSpec(req.debias, debiasError);
    TrainingPlan plan;
    plan.datasetId = req.datasetId;
    plan.splitSpec = req.splitId > 0 ? std::string() : req.split;
    plan.storedSplitId = req.splitId;
    plan.model = req.model;
    plan.debias = debias ? debiasSpecText(*debias) : req.debias;
    plan.hyperParameters = req.params;
    plan.seed = req.seed;
    plan.threads = req.threads;
    plan.k = req.eval.k;
    plan.threshold = req.eval.threshold;
    plan.save = req.save;
    StageTracker stages(plannedTrainingGraph(plan), cb.onStage);
    auto fail = [&](const char* stageId, std::string msg) {
        stages.fail(stageId, msg);
        out.status = TrainingStatus::Failed;
        out.error = std::move(msg);
        out.pipeline = stages.graph();
        return out;
    };
    auto cancelled = [&](const char* stageId) {
        stages.cancel(stageId, "cancelled");
        out.status = TrainingStatus::Cancelled;
        out.error = "training cancelled; nothing was saved";
        out.pipeline = stages.graph();
        return out;
    };
    const Progress& progress = cb.progress;
    std::string modelError;
    auto model = createRecommender(req.model, req.params, modelError);
    if (!model)
        return fail(stage::kFit, modelError);
    if (!debias)
        return fail(stage::kDebias, debiasError);
    if (debias->needsSampleWeights() && !model->supportsSampleWeights())
        return fail(stage::kDebias,
                    req.model + " cannot train with sample weights (" + debiasSummary(*debias) +
                        "); use down-sampling, or a model that takes weights (baseline, "
                        "biasedmf, als, bpr, lightgcn)");
    // The fit stage shows every hyper-parameter the model trains with, defaults included.
    StageValues& fitParams = stages.node(stage::kFit).params;
    fitParams = model->hyperParameters();
    fitParams.emplace_back("seed", std::to_string(req.seed));
    fitParams.emplace_back("threads", std::to_string(req.threads));

    stages.start(stage::kLoad);
    auto info = DatasetStore(ws).get(req.datasetId);
    if (!info)
        return fail(stage::kLoad, "no dataset with id " + std::to_string(req.datasetId));
    setStageValue(stages.node(stage::kLoad).params, "dataset", info->name);
    if (!progress(0.0, "loading ratings"))
        return cancelled(stage::kLoad);
    const RatingTable table = DatasetStore(ws).loadRatings(req.datasetId);
    describeLoad(stages.node(stage::kLoad), std::int64_t(table.size()), info->numUsers,
                 info->numItems);
    stages.finish(stage::kLoad);

    stages.start(stage::kSplit);
    SplitResult split;
    std::string specText, error;
    if (!resolveRunSplit(ws, req.datasetId, req.split, req.splitId, table, split, specText, error))
        return fail(stage::kSplit, error);
    setStageValue(stages.node(stage::kSplit).params, "spec", specText);
    out.trainRows = split.trainRows.size();
    out.testRows = split.testRows.size();
    describeSplit(stages.node(stage::kSplit), std::int64_t(out.trainRows),
                  std::int64_t(out.testRows));
    stages.finish(stage::kSplit);

    stages.start(stage::kMatrices);
    const Interactions train = Interactions::fromTable(table, split.trainRows);
    const Interactions test = Interactions::fromTable(table, split.testRows);
    describeMatrices(stages.node(stage::kMatrices), std::int64_t(out.trainRows),
                     std::int64_t(out.testRows), train.numUsers(), train.numItems(),
                     std::int64_t(train.size()));
    stages.finish(stage::kMatrices);

    // The model fits the debiased data; the evaluation keeps `train` as it is (candidates,
    // popularity).
    std::optional<DebiasResult> debiased;
    if (!debias->isNone()) {
        stages.start(stage::kDebias);
        DebiasInputs inputs;
        inputs.itemIds = table.itemIds;
        if (!debias->column.empty()) {
            inputs.column = DatasetStore(ws).itemNumberColumn(req.datasetId, debias->column);
            if (inputs.column.empty())
                return fail(stage::kDebias, "dataset '" + info->name +
                                                "' has no item metadata column '" + debias->column +
                                                "'");
        }
        debiased = applyDebias(train, *debias, inputs, error);
        if (!debiased)
            return fail(stage::kDebias, error);
        describeDebias(stages.node(stage::kDebias), std::int64_t(train.size()),
                       std::int64_t(debiased->data.size()), debiased->facts);
        stages.finish(stage::kDebias);
    }
    const Interactions& fitData = debiased ? debiased->data : train;
    if (!progress(0.05, "training"))
        return cancelled(stage::kFit);

    stages.start(stage::kFit);
    FitOptions fo;
    fo.seed = req.seed;
    fo.threads = req.threads;
    fo.validation = split.testRows.empty() ? nullptr : &test;
    fo.onEpoch = [&](const EpochRecord& e) {
        out.epochs.push_back(e);
        describeFit(stages.node(stage::kFit), out.epochs, {});
        return !cb.onEpoch || cb.onEpoch(e);
    };
    Progress fitProgress{[&](double f, std::string_view stageText) {
        stages.progress(stage::kFit, f);
        return progress(0.05 + 0.8 * f, stageText);
    }};
    const auto t0 = std::chrono::steady_clock::now();
    FitResult fit = model->fit(fitData, fo, fitProgress);
    const double fitSeconds = secondsSince(t0);
    if (fit.status == FitStatus::Cancelled)
        return cancelled(stage::kFit);
    if (fit.status == FitStatus::Failed)
        return fail(stage::kFit, fit.message.empty() ? "training failed" : fit.message);
    if (!fit.history.empty())
        out.epochs = fit.history;
    describeFit(stages.node(stage::kFit), out.epochs, fit.message);
    if (fit.status == FitStatus::Diverged)
        stages.fail(stage::kFit, "diverged" + (fit.message.empty() ? "" : ": " + fit.message),
                    StageTracker::AfterFailure::Continue);
    else
        stages.finish(stage::kFit);

    RunInfo& run = out.run;
    run.datasetId = req.datasetId;
    run.model = req.model;
    run.params = model->hyperParameters();
    run.seed = req.seed;
    run.threads = req.threads;
    run.fitSeconds = fitSeconds;
    run.status = fit.status == FitStatus::Diverged ? "diverged" : "done";
    run.message = fit.message;
    run.splitSpec = specText;
    run.debias = debiasSpecText(*debias);

    if (fit.status == FitStatus::Done && !split.testRows.empty()) {
        stages.start(stage::kEvaluate);
        EvalOptions eo = req.eval;
        eo.allRelevant = eo.allRelevant || info->implicit;
        eo.threads = std::max(eo.threads, req.threads);
        eo.keepLists = false;
        Progress evalProgress{[&](double f, std::string_view stageText) {
            stages.progress(stage::kEvaluate, f);
            return progress(0.85 + 0.15 * f, stageText);
        }};
        out.evaluation = evaluate(*model, train, table, split.testRows, eo, evalProgress);
        if (out.evaluation.cancelled)
            return cancelled(stage::kEvaluate);
        run.evalSeconds = out.evaluation.seconds;
        run.protocol = out.evaluation.protocol;
        run.metrics = out.evaluation.summary();
        describeEvaluation(stages.node(stage::kEvaluate), std::int64_t(out.testRows), run.metrics,
                           run.protocol);
        if (out.evaluation.error.empty())
            stages.finish(stage::kEvaluate);
        else // nothing could be evaluated; the run is still kept, without metrics
            stages.fail(stage::kEvaluate, out.evaluation.error,
                        StageTracker::AfterFailure::Continue);
    } else {
        stages.skip(stage::kEvaluate,
                    split.testRows.empty() ? "no test rows" : "the model diverged");
    }
    out.status =
        fit.status == FitStatus::Diverged ? TrainingStatus::Diverged : TrainingStatus::Done;
    if (!req.save) {
        stages.skip(stage::kSave, "not requested");
        out.pipeline = stages.graph();
        return out;
    }
    stages.start(stage::kSave);
    const ModelState state = model->save();
    NewRun nr;
    nr.info = run;
    try {
        // A stored split is referenced, not copied; a new one is stored in the run's
        // transaction (a failed or killed save leaves neither).
        const NewRunSplit newSplit{specText, std::int64_t(table.size()), &split.testRows};
        nr.info.splitId = req.splitId;
        if (req.splitId <= 0)
            nr.split = &newSplit;
        nr.epochs = out.epochs;
        nr.model = &state;
        nr.userMetrics = userMetricSeriesOf(out.evaluation);
        RunStore(ws).save(nr);
    } catch (const std::exception& e) {
        // The run's transaction rolled back: report it like any other failure, with the graph.
        return fail(stage::kSave, std::string("saving the run failed: ") + e.what());
    }
    run = nr.info;
    describeSave(stages.node(stage::kSave), run.id);
    stages.finish(stage::kSave);
    stages.graph().runId = run.id;
    out.pipeline = stages.graph();
    // The run is committed on its own: a graph that cannot be written never loses the run
    // (pipelineForRun then reconstructs one from the stored run).
    try {
        PipelineStore(ws).save(run.id, out.pipeline);
    } catch (const std::exception& e) {
        out.pipelineError =
            "run " + std::to_string(run.id) + " was saved without its stage graph: " + e.what();
    }
    return out;
}

std::unique_ptr<Recommender> loadTrainedModel(Workspace& ws, std::int64_t runId,
                                              std::string& error) {
    auto state = RunStore(ws).loadModel(runId);
    if (!state) {
        error = "run " + std::to_string(runId) + " has no saved model";
        return nullptr;
    }
    auto model = createRecommender(state->model);
    if (!model) {
        error = "run " + std::to_string(runId) + " uses an unknown model '" + state->model + "'";
        return nullptr;
    }
    if (!model->load(*state, error))
        return nullptr;
    return model;
}

} // namespace rs
