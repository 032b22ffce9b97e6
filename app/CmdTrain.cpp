#include "CliArgs.h"
#include "Commands.h"
#include "MetricKeys.h"

#include "import/ImportJob.h"
#include "pipeline/TrainingPipeline.h"
#include "store/DatasetStore.h"
#include "store/SplitStore.h"
#include "train/TrainingJob.h"
#include "util/JsonWriter.h"

#include <cstdio>

namespace rs::cli {

namespace {

/// Imports --train-file/--test-file as a dataset with a predefined split, or reuses the dataset
/// of that name when it was imported before. Returns false with `error`.
bool predefinedDataset(Workspace& ws, const std::string& name, const std::string& trainFile,
                       const std::string& testFile, std::int64_t& datasetId, std::int64_t& splitId,
                       std::string& error) {
    if (auto existing = DatasetStore(ws).find(name)) {
        datasetId = existing->id;
        const auto slash = testFile.find_last_of('/');
        const std::string spec =
            "predefined:" + testFile.substr(slash == std::string::npos ? 0 : slash + 1);
        auto split = SplitStore(ws).find(datasetId, spec);
        if (!split) {
            error = "dataset '" + name + "' exists but has no split " + spec;
            return false;
        }
        splitId = split->id;
        return true;
    }
    ImportOptions o;
    o.datasetName = name;
    o.ratingsPath = trainFile;
    o.testRatingsPath = testFile;
    ImportResult r = importRatings(ws, o, {});
    if (r.status != ImportStatus::Ok) {
        error = r.error;
        return false;
    }
    datasetId = r.datasetId;
    splitId = r.splitId;
    return true;
}

} // namespace

int runTrain(const std::vector<std::string>& argv) {
    CliArgs a;
    std::string error;
    if (!a.parse(argv, {"progress", "no-save"},
                 {"workspace", "dataset", "model", "param", "split", "split-id", "train-file",
                  "test-file", "seed", "threads", "k", "threshold", "debias"},
                 error))
        return fail("train", error, 2);
    TrainingRequest req;
    if (!a.require("model", req.model, error))
        return fail("train", error, 2);
    for (const auto& kv : a.all("param")) {
        auto eq = kv.find('=');
        if (eq == std::string::npos)
            return fail("train", "--param expects key=value, got '" + kv + "'", 2);
        req.params.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
    try {
        req.seed = std::stoull(a.get("seed", "42"));
        req.threads = std::max(1, std::stoi(a.get("threads", "1")));
        req.eval.k = std::stoi(a.get("k", "10"));
        req.eval.threshold = std::stod(a.get("threshold", "4.0"));
        req.splitId = std::stoll(a.get("split-id", "0"));
    } catch (...) {
        return fail("train", "--seed, --threads, -k, --threshold and --split-id take numbers", 2);
    }
    if (a.has("split-id") && (a.has("split") || a.has("train-file") || a.has("test-file")))
        return fail("train", "--split-id reuses a stored split: give no --split or files", 2);
    req.split = req.splitId > 0 ? "" : a.get("split", "random:0.2:seed=0");
    req.save = !a.has("no-save");
    req.debias = a.get("debias", "");
    const bool showProgress = a.has("progress");
    try {
        Workspace ws(workspacePathFrom(a.get("workspace", "")));
        const bool predefined = a.has("train-file") || a.has("test-file");
        if (predefined) {
            std::string train, test;
            if (!a.require("train-file", train, error) || !a.require("test-file", test, error))
                return fail("train", error, 2);
            const std::string name = a.get("dataset", train);
            if (!predefinedDataset(ws, name, train, test, req.datasetId, req.splitId, error))
                return fail("train", error);
            req.split.clear();
        } else {
            std::string ds;
            if (!a.require("dataset", ds, error))
                return fail("train", error, 2);
            auto info = resolveDataset(ws, ds);
            if (!info)
                return fail("train", "no dataset '" + ds + "' in " + ws.path());
            req.datasetId = info->id;
        }
        TrainingCallbacks cb;
        cb.progress = Progress{[showProgress](double f, std::string_view stage) {
            if (showProgress)
                std::fprintf(stderr, "\r%3d%% %-40.*s", int(f * 100), int(stage.size()),
                             stage.data());
            return true;
        }};
        // Saving a large model takes a while after the progress reached 100%: say so.
        cb.onStage = [showProgress, saying = false](const StageGraph& g) mutable {
            const StageNode* save = g.find(stage::kSave);
            if (showProgress && !saying && save && save->status == StageStatus::Running) {
                saying = true;
                std::fprintf(stderr, "\r100%% %-40s", "saving the run");
            }
        };
        TrainingOutcome out = runTraining(ws, req, cb);
        if (showProgress)
            std::fprintf(stderr, "\n");
        if (out.status == TrainingStatus::Failed || out.status == TrainingStatus::Cancelled)
            return fail("train", out.error);
        JsonWriter w;
        w.beginObject();
        if (out.run.id > 0)
            w.key("run").value(out.run.id);
        else
            w.key("run").null();
        w.key("model").value(req.model).key("status").value(trainingStatusName(out.status));
        w.key("dataset_id").value(req.datasetId).key("split").value(out.run.splitSpec);
        w.key("train_ratings").value(out.trainRows).key("test_ratings").value(out.testRows);
        w.key("debias").value(out.run.debias);
        if (const StageNode* debias = out.pipeline.find(stage::kDebias)) {
            w.key("debias_stage").beginObject();
            for (const auto& [k, v] : debias->outputs)
                w.key(k).value(v);
            w.endObject();
        }
        w.key("fit_seconds").value(out.run.fitSeconds);
        w.key("eval_seconds").value(out.run.evalSeconds);
        for (const auto& [name, v] : out.run.metrics)
            w.key(jsonMetricKey(name)).value(v);
        w.key("protocol").value(out.run.protocol);
        w.key("params").beginObject();
        for (const auto& [k, v] : out.run.params)
            w.key(k).value(v);
        w.endObject();
        w.key("epochs").value(out.epochs.size());
        if (!out.epochs.empty())
            w.key("final_train_loss").value(out.epochs.back().trainLoss);
        w.endObject();
        std::printf("%s\n", w.str().c_str());
        return out.status == TrainingStatus::Diverged ? 3 : 0;
    } catch (const std::exception& e) {
        return fail("train", e.what());
    }
}

} // namespace rs::cli
