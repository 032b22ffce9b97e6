#include "CliArgs.h"
#include "Commands.h"

#include "explain/Explainer.h"
#include "explain/ExplanationJson.h"
#include "train/RunContext.h"
#include "util/JsonWriter.h"

#include <cstdio>

namespace rs::cli {

namespace {

/// Opens the run's context and explainer; fills `error` and returns false when it cannot.
struct LoadedRun {
    std::shared_ptr<const RunContext> ctx;
    std::unique_ptr<Explainer> explainer;
};

bool loadRun(const std::string& workspace, std::int64_t runId, LoadedRun& out, std::string& error) {
    Workspace ws(workspacePathFrom(workspace), Workspace::Mode::ReadOnly);
    out.ctx = loadRunContext(ws, runId, error);
    if (!out.ctx)
        return false;
    out.explainer = makeExplainer(*out.ctx, error);
    return out.explainer != nullptr;
}

bool parseInt(const std::string& text, long long& out) {
    try {
        std::size_t used = 0;
        out = std::stoll(text, &used);
        return used == text.size();
    } catch (...) {
        return false;
    }
}

} // namespace

int runExplain(const std::vector<std::string>& argv) {
    CliArgs a;
    std::string error, runText, user, item;
    if (!a.parse(argv, {"counterfactual", "fidelity"},
                 {"workspace", "run", "user", "item", "k", "budget"}, error))
        return fail("explain", error, 2);
    if (!a.require("run", runText, error) || !a.require("user", user, error) ||
        !a.require("item", item, error))
        return fail("explain", error, 2);
    long long runId = 0, k = 10, budget = 20;
    if (!parseInt(runText, runId) || !parseInt(a.get("k", "10"), k) ||
        !parseInt(a.get("budget", "20"), budget) || k < 1 || budget < 1)
        return fail("explain", "--run, -k and --budget take positive whole numbers", 2);
    try {
        LoadedRun run;
        if (!loadRun(a.get("workspace", ""), runId, run, error))
            return fail("explain", error);
        const RunContext& ctx = *run.ctx;
        const auto u = ctx.userIndex(user);
        if (u < 0)
            return fail("explain", "user '" + user + "' is not in the run's dataset");
        const auto i = ctx.itemIndex(item);
        if (i < 0)
            return fail("explain", "item '" + item + "' is not in the run's dataset");
        ExplainOptions options;
        options.k = int(k);
        options.counterfactual = a.has("counterfactual");
        options.counterfactualBudget = int(budget);
        const Explanation e = run.explainer->explain(std::uint32_t(u), std::uint32_t(i), options);
        DeletionCurve curve;
        if (a.has("fidelity"))
            curve = deletionCurve(*run.explainer, e);
        JsonWriter w;
        writeExplanationJson(w, e, ctx, a.has("fidelity") ? &curve : nullptr);
        std::printf("%s\n", w.str().c_str());
        return 0;
    } catch (const std::exception& e) {
        return fail("explain", e.what());
    }
}

int runFidelity(const std::vector<std::string>& argv) {
    CliArgs a;
    std::string error, runText;
    if (!a.parse(argv, {"progress"},
                 {"workspace", "run", "users", "seed", "k", "max-removed", "budget", "threads"},
                 error))
        return fail("fidelity", error, 2);
    if (!a.require("run", runText, error))
        return fail("fidelity", error, 2);
    long long runId = 0, users = 500, seed = 0, k = 10, maxRemoved = 5, budget = 20, threads = 1;
    if (!parseInt(runText, runId) || !parseInt(a.get("users", "500"), users) ||
        !parseInt(a.get("seed", "0"), seed) || !parseInt(a.get("k", "10"), k) ||
        !parseInt(a.get("max-removed", "5"), maxRemoved) ||
        !parseInt(a.get("budget", "20"), budget) || !parseInt(a.get("threads", "1"), threads) ||
        users < 1 || seed < 0 || k < 1 || maxRemoved < 1 || budget < 1 || threads < 1)
        return fail("fidelity", "the numeric options take positive whole numbers", 2);
    try {
        LoadedRun run;
        if (!loadRun(a.get("workspace", ""), runId, run, error))
            return fail("fidelity", error);
        FidelityOptions options;
        options.users = int(users);
        options.seed = std::uint64_t(seed);
        options.k = int(k);
        options.maxRemoved = int(maxRemoved);
        options.counterfactualBudget = int(budget);
        options.threads = int(threads);
        const bool showProgress = a.has("progress");
        const Progress progress{[showProgress](double f, std::string_view stage) {
            if (showProgress)
                std::fprintf(stderr, "\r%3d%% %-40.*s", int(f * 100), int(stage.size()),
                             stage.data());
            return true;
        }};
        const FidelityReport report = measureFidelity(*run.explainer, options, progress);
        if (showProgress)
            std::fprintf(stderr, "\n");
        JsonWriter w;
        writeFidelityJson(w, report);
        std::printf("%s\n", w.str().c_str());
        return 0;
    } catch (const std::exception& e) {
        return fail("fidelity", e.what());
    }
}

} // namespace rs::cli
