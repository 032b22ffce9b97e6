#include "CliArgs.h"
#include "Commands.h"
#include "MetricKeys.h"

#include "split/Split.h"
#include "store/DatasetStore.h"
#include "store/SplitStore.h"
#include "train/TrainingJob.h"
#include "util/JsonWriter.h"

#include <cstdio>

namespace rs::cli {

namespace {

void writeMetrics(JsonWriter& w, const std::vector<std::pair<std::string, double>>& metrics) {
    for (const auto& [name, v] : metrics)
        w.key(jsonMetricKey(name)).value(v);
}

} // namespace

int runRuns(const std::vector<std::string>& argv) {
    CliArgs a;
    std::string error;
    if (!a.parse(argv, {}, {"workspace", "dataset"}, error))
        return fail("runs", error, 2);
    try {
        Workspace ws(workspacePathFrom(a.get("workspace", "")));
        std::int64_t datasetId = 0;
        if (auto ds = a.get("dataset")) {
            auto info = resolveDataset(ws, *ds);
            if (!info)
                return fail("runs", "no dataset '" + *ds + "'");
            datasetId = info->id;
        }
        JsonWriter w;
        w.beginObject().key("runs").beginArray();
        for (const auto& r : RunStore(ws).list(datasetId)) {
            w.beginObject().key("run").value(r.id).key("dataset_id").value(r.datasetId);
            w.key("model").value(r.model).key("status").value(r.status);
            w.key("split").value(r.splitSpec).key("created").value(r.createdAt);
            w.key("debias").value(r.debias);
            w.key("fit_seconds").value(r.fitSeconds);
            writeMetrics(w, r.metrics);
            w.endObject();
        }
        w.endArray().endObject();
        std::printf("%s\n", w.str().c_str());
        return 0;
    } catch (const std::exception& e) {
        return fail("runs", e.what());
    }
}

int runEvaluate(const std::vector<std::string>& argv) {
    CliArgs a;
    std::string error, runText;
    if (!a.parse(argv, {}, {"workspace", "run", "k", "threshold", "threads"}, error))
        return fail("evaluate", error, 2);
    if (!a.require("run", runText, error))
        return fail("evaluate", error, 2);
    EvalOptions eo;
    std::int64_t runId = 0;
    try {
        runId = std::stoll(runText);
        eo.k = std::stoi(a.get("k", "10"));
        eo.threshold = std::stod(a.get("threshold", "4.0"));
        eo.threads = std::max(1, std::stoi(a.get("threads", "2")));
    } catch (...) {
        return fail("evaluate", "--run, -k, --threshold and --threads take numbers", 2);
    }
    try {
        Workspace ws(workspacePathFrom(a.get("workspace", "")));
        auto run = RunStore(ws).get(runId);
        if (!run)
            return fail("evaluate", "no run " + runText);
        if (run->splitId <= 0)
            return fail("evaluate", "run " + runText + " was trained without a test split");
        auto model = loadTrainedModel(ws, runId, error);
        if (!model)
            return fail("evaluate", error);
        auto info = DatasetStore(ws).get(run->datasetId);
        const RatingTable table = DatasetStore(ws).loadRatings(run->datasetId);
        auto split = SplitStore(ws).get(run->splitId);
        std::vector<std::uint32_t> trainRows;
        std::size_t t = 0;
        for (std::uint32_t r = 0; r < table.size(); ++r) {
            if (t < split->testRows.size() && split->testRows[t] == r)
                ++t;
            else
                trainRows.push_back(r);
        }
        const Interactions train = Interactions::fromTable(table, trainRows);
        eo.allRelevant = info->implicit;
        eo.keepLists = false;
        EvaluationResult res = evaluate(*model, train, table, split->testRows, eo);
        if (!res.error.empty())
            return fail("evaluate", res.error);
        JsonWriter w;
        w.beginObject().key("run").value(runId).key("model").value(run->model);
        w.key("split").value(split->spec).key("eval_seconds").value(res.seconds);
        writeMetrics(w, res.summary());
        w.key("protocol").value(res.protocol).endObject();
        std::printf("%s\n", w.str().c_str());
        return 0;
    } catch (const std::exception& e) {
        return fail("evaluate", e.what());
    }
}

} // namespace rs::cli
