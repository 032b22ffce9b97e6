#include "train/TrainingJob.h"

#include "split/Split.h"
#include "store/DatasetStore.h"
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

/// Train/test row lists for the request: a stored split, or a new one made from the spec.
bool resolveSplit(Workspace& ws, const TrainingRequest& req, const RatingTable& table,
                  SplitResult& split, std::string& specText, std::string& error) {
    if (req.splitId > 0) {
        auto stored = SplitStore(ws).get(req.splitId);
        if (!stored || stored->datasetId != req.datasetId) {
            error = "split " + std::to_string(req.splitId) + " does not belong to this dataset";
            return false;
        }
        specText = stored->spec;
        split.testRows = stored->testRows;
        std::size_t t = 0;
        for (std::uint32_t r = 0; r < table.size(); ++r) {
            if (t < split.testRows.size() && split.testRows[t] == r)
                ++t;
            else
                split.trainRows.push_back(r);
        }
        return true;
    }
    SplitSpec spec = parseSplitSpec(req.split, error);
    if (!error.empty())
        return false;
    split = makeSplit(table, spec);
    if (!split.ok()) {
        error = split.error;
        return false;
    }
    specText = describe(spec);
    return true;
}

} // namespace

TrainingOutcome runTraining(Workspace& ws, const TrainingRequest& req,
                            const TrainingCallbacks& cb) {
    TrainingOutcome out;
    auto fail = [&](std::string msg) {
        out.status = TrainingStatus::Failed;
        out.error = std::move(msg);
        return out;
    };
    auto cancelled = [&] {
        out.status = TrainingStatus::Cancelled;
        out.error = "training cancelled; nothing was saved";
        return out;
    };
    const Progress& progress = cb.progress;
    std::string modelError;
    auto model = createRecommender(req.model, req.params, modelError);
    if (!model)
        return fail(modelError);
    auto info = DatasetStore(ws).get(req.datasetId);
    if (!info)
        return fail("no dataset with id " + std::to_string(req.datasetId));
    if (!progress(0.0, "loading ratings"))
        return cancelled();
    const RatingTable table = DatasetStore(ws).loadRatings(req.datasetId);
    SplitResult split;
    std::string specText, error;
    if (!resolveSplit(ws, req, table, split, specText, error))
        return fail(error);
    out.trainRows = split.trainRows.size();
    out.testRows = split.testRows.size();
    const Interactions train = Interactions::fromTable(table, split.trainRows);
    const Interactions test = Interactions::fromTable(table, split.testRows);
    if (!progress(0.05, "training"))
        return cancelled();

    FitOptions fo;
    fo.seed = req.seed;
    fo.threads = req.threads;
    fo.validation = split.testRows.empty() ? nullptr : &test;
    fo.onEpoch = [&](const EpochRecord& e) {
        out.epochs.push_back(e);
        return !cb.onEpoch || cb.onEpoch(e);
    };
    Progress fitProgress{
        [&](double f, std::string_view stage) { return progress(0.05 + 0.8 * f, stage); }};
    const auto t0 = std::chrono::steady_clock::now();
    FitResult fit = model->fit(train, fo, fitProgress);
    const double fitSeconds = secondsSince(t0);
    if (fit.status == FitStatus::Cancelled)
        return cancelled();
    if (fit.status == FitStatus::Failed)
        return fail(fit.message.empty() ? "training failed" : fit.message);
    if (!fit.history.empty())
        out.epochs = fit.history;

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

    if (fit.status == FitStatus::Done && !split.testRows.empty()) {
        EvalOptions eo = req.eval;
        eo.allRelevant = eo.allRelevant || info->implicit;
        eo.threads = std::max(eo.threads, req.threads);
        eo.keepLists = false;
        Progress evalProgress{
            [&](double f, std::string_view stage) { return progress(0.85 + 0.15 * f, stage); }};
        out.evaluation = evaluate(*model, train, table, split.testRows, eo, evalProgress);
        if (out.evaluation.cancelled)
            return cancelled();
        run.evalSeconds = out.evaluation.seconds;
        run.protocol = out.evaluation.protocol;
        run.metrics = out.evaluation.summary();
    }
    out.status =
        fit.status == FitStatus::Diverged ? TrainingStatus::Diverged : TrainingStatus::Done;
    if (!req.save)
        return out;
    const ModelState state = model->save();
    NewRun nr;
    nr.info = run;
    // A stored split is referenced, not copied; a new one is stored with the run.
    nr.info.splitId = req.splitId > 0
                          ? req.splitId
                          : SplitStore(ws).save(req.datasetId, specText, std::int64_t(table.size()),
                                                split.testRows);
    nr.epochs = out.epochs;
    nr.model = &state;
    const auto& ranking = out.evaluation.ranking;
    const auto& rating = out.evaluation.rating;
    for (const auto& [name, values] : out.evaluation.perUserSeries()) {
        if (!values || values->empty())
            continue;
        const bool ratingSeries = values == &rating.userRmse || values == &rating.userMae;
        nr.userMetrics.push_back({name, ratingSeries ? rating.users : ranking.users, *values});
    }
    RunStore(ws).save(nr);
    run = nr.info;
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
