// `recscope factors export|import`: a model's latent factors to CSV files, and factor files
// trained elsewhere (Spark ALS, implicit, LightFM, ...) into the workspace as an "imported" run.
#include "CliArgs.h"
#include "Commands.h"
#include "MetricKeys.h"

#include "import/FactorFileWriter.h"
#include "import/FactorImport.h"
#include "util/JsonWriter.h"

#include <cstdio>

namespace rs::cli {

namespace {

constexpr const char* kCommand = "factors";

void writeSide(JsonWriter& w, const char* key, const FactorSideReport& r) {
    w.key(key).beginObject();
    if (r.file.empty())
        w.key("file").null();
    else
        w.key("file").value(r.file);
    w.key("rows").value(r.rows).key("mapped").value(r.mapped).key("unknown").value(r.unknown);
    w.key("unknown_examples").beginArray();
    for (const auto& e : r.unknownExamples)
        w.value(e);
    w.endArray();
    w.key("missing").value(r.missing).key("folded_in").value(r.foldedIn);
    w.key("bias").value(r.hasBias);
    if (!r.layout.empty())
        w.key("layout").value(r.layout);
    w.endObject();
}

int runFactorsExport(const std::vector<std::string>& argv) {
    CliArgs a;
    std::string error, runText, items;
    if (!a.parse(argv, {}, {"workspace", "run", "items", "users"}, error))
        return fail(kCommand, error, 2);
    if (!a.require("run", runText, error) || !a.require("items", items, error))
        return fail(kCommand, error, 2);
    std::int64_t runId = 0;
    try {
        std::size_t used = 0;
        runId = std::stoll(runText, &used);
        if (used != runText.size() || runId < 1)
            throw std::invalid_argument(runText);
    } catch (...) {
        return fail(kCommand, "--run takes a run id, got '" + runText + "'", 2);
    }
    try {
        Workspace ws(workspacePathFrom(a.get("workspace", "")), Workspace::Mode::ReadOnly);
        FactorExport ex;
        if (!exportRunFactors(ws, runId, items, a.get("users", ""), ex, error))
            return fail(kCommand, error);
        JsonWriter w;
        w.beginObject();
        w.key("run").value(ex.runId).key("model").value(ex.model).key("k").value(ex.k);
        w.key("items_file").value(items).key("items").value(ex.items);
        if (a.has("users"))
            w.key("users_file").value(a.get("users", "")).key("users").value(ex.users);
        w.key("bias").value(ex.hasBias);
        if (ex.hasMean)
            w.key("mean").value(ex.mean);
        else
            w.key("mean").null();
        w.endObject();
        std::printf("%s\n", w.str().c_str());
        return 0;
    } catch (const std::exception& e) {
        return fail(kCommand, e.what());
    }
}

int runFactorsImport(const std::vector<std::string>& argv) {
    CliArgs a;
    std::string error, dataset;
    FactorImportRequest req;
    if (!a.parse(argv, {"bias-column", "progress"},
                 {"workspace", "dataset", "items", "users", "kind", "mean", "split", "split-id",
                  "name", "reg", "reg-bias", "k", "threshold", "threads"},
                 error))
        return fail(kCommand, error, 2);
    if (!a.require("dataset", dataset, error) || !a.require("items", req.itemsPath, error))
        return fail(kCommand, error, 2);
    req.usersPath = a.get("users", "");
    req.kind = a.get("kind", "rating");
    if (req.kind != "rating" && req.kind != "implicit")
        return fail(kCommand, "--kind is rating or implicit, got '" + req.kind + "'", 2);
    req.itemsFormat.firstValueIsBias = req.usersFormat.firstValueIsBias = a.has("bias-column");
    req.source = a.get("name", "");
    req.split = a.get("split", "");
    if (a.has("split") && a.has("split-id"))
        return fail(kCommand, "give --split or --split-id, not both", 2);
    try {
        req.mean = std::stod(a.get("mean", "0"));
        req.reg = std::stod(a.get("reg", "0.02"));
        req.regBias = std::stod(a.get("reg-bias", "0.02"));
        req.splitId = std::stoll(a.get("split-id", "0"));
        req.eval.k = std::stoi(a.get("k", "10"));
        req.eval.threshold = std::stod(a.get("threshold", "4.0"));
        req.eval.threads = std::max(1, std::stoi(a.get("threads", "2")));
    } catch (...) {
        return fail(kCommand,
                    "--mean, --reg, --reg-bias, --split-id, -k, --threshold and --threads take "
                    "numbers",
                    2);
    }
    const bool showProgress = a.has("progress");
    try {
        Workspace ws(workspacePathFrom(a.get("workspace", "")));
        const auto info = resolveDataset(ws, dataset);
        if (!info)
            return fail(kCommand, "no dataset '" + dataset + "' in " + ws.path());
        req.datasetId = info->id;
        const Progress progress{[showProgress](double f, std::string_view stage) {
            if (showProgress)
                std::fprintf(stderr, "\r%3d%% %-40.*s", int(f * 100), int(stage.size()),
                             stage.data());
            return true;
        }};
        const FactorImportResult res = importFactorModel(ws, req, progress);
        if (showProgress)
            std::fprintf(stderr, "\n");
        if (!res.ok)
            return fail(kCommand, res.error);
        JsonWriter w;
        w.beginObject();
        w.key("run").value(res.run.id).key("model").value(res.run.model);
        w.key("dataset").value(info->name).key("dataset_id").value(info->id);
        w.key("k").value(res.k).key("kind").value(req.kind);
        w.key("split").value(res.run.splitSpec);
        w.key("train_ratings").value(res.trainRows).key("test_ratings").value(res.testRows);
        writeSide(w, "items", res.items);
        writeSide(w, "users", res.users);
        w.key("evaluated").value(res.evaluated);
        for (const auto& [name, v] : res.run.metrics)
            w.key(jsonMetricKey(name)).value(v);
        if (res.evaluated)
            w.key("protocol").value(res.run.protocol);
        w.key("params").beginObject();
        for (const auto& [k, v] : res.run.params)
            w.key(k).value(v);
        w.endObject();
        w.endObject();
        std::printf("%s\n", w.str().c_str());
        return 0;
    } catch (const std::exception& e) {
        return fail(kCommand, e.what());
    }
}

} // namespace

int runFactors(const std::vector<std::string>& argv) {
    if (argv.empty())
        return fail(kCommand, "expected 'export' or 'import' after 'factors'", 2);
    const std::vector<std::string> rest(argv.begin() + 1, argv.end());
    if (argv[0] == "export")
        return runFactorsExport(rest);
    if (argv[0] == "import")
        return runFactorsImport(rest);
    return fail(kCommand, "unknown sub-command '" + argv[0] + "' (expected export or import)", 2);
}

} // namespace rs::cli
