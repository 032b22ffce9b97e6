// `recscope compare`: several runs side by side (metrics with paired tests, top-K overlap,
// popularity profiles and popularity bias per user segment, explanation agreement) as JSON,
// optionally as CSV and an HTML report.
#include "CliArgs.h"
#include "Commands.h"
#include "MetricKeys.h"

#include "compare/ComparisonCsv.h"
#include "compare/ComparisonJson.h"
#include "compare/ComparisonReport.h"
#include "compare/RunComparison.h"
#include "util/JsonWriter.h"

#include <cctype>
#include <cstdio>
#include <fstream>

namespace rs::cli {

namespace {

bool parseCount(const std::string& text, long long& out) {
    try {
        std::size_t used = 0;
        out = std::stoll(text, &used);
        return used == text.size() && out >= 0;
    } catch (...) {
        return false;
    }
}

/// "3,5,8" -> {3, 5, 8}; false on anything else.
bool parseRunList(const std::string& text, std::vector<std::int64_t>& out) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        long long id = 0;
        if (!parseCount(text.substr(start, comma - start), id))
            return false;
        out.push_back(id);
        start = comma + 1;
    }
    return true;
}

std::string lower(std::string s) {
    for (char& c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// The stored per-user series named `given` either as stored ("NDCG@10") or by its JSON key
/// ("ndcg@10"), case-insensitively; with `given` empty the run's NDCG@K series. Empty when the
/// run stores no such series.
std::string resolveSeries(Workspace& ws, std::int64_t runId, const std::string& given) {
    for (const std::string& name : RunStore(ws).userMetricNames(runId)) {
        if (given.empty() ? name.rfind("NDCG@", 0) == 0
                          : lower(name) == lower(given) || jsonMetricKey(name) == lower(given))
            return name;
    }
    return {};
}

bool writeFile(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << text;
    return bool(f.flush());
}

} // namespace

int runCompare(const std::vector<std::string>& argv) {
    CliArgs a;
    std::string error, runsText;
    if (!a.parse(argv, {"progress", "no-explain"},
                 {"workspace", "runs", "k", "users", "metric", "html", "csv", "seed", "threads",
                  "explain-users"},
                 error))
        return fail("compare", error, 2);
    if (!a.require("runs", runsText, error))
        return fail("compare", error, 2);
    std::vector<std::int64_t> runIds;
    if (!parseRunList(runsText, runIds) || runIds.size() < 2)
        return fail("compare", "--runs takes two or more run ids separated by commas", 2);
    long long k = 10, users = 0, seed = 0, threads = 2, explainUsers = 30;
    if (!parseCount(a.get("k", "10"), k) || !parseCount(a.get("users", "0"), users) ||
        !parseCount(a.get("seed", "0"), seed) || !parseCount(a.get("threads", "2"), threads) ||
        !parseCount(a.get("explain-users", "30"), explainUsers) || k < 1 || threads < 1)
        return fail("compare",
                    "-k, --users, --seed, --threads and --explain-users take whole numbers "
                    "(-k and --threads at least 1)",
                    2);
    try {
        Workspace ws(workspacePathFrom(a.get("workspace", "")), Workspace::Mode::ReadOnly);
        CompareOptions options;
        options.k = int(k);
        options.users = std::size_t(users);
        options.seed = std::uint64_t(seed);
        options.threads = int(threads);
        options.explainUsers = std::size_t(explainUsers);
        options.explanations = !a.has("no-explain");
        const std::string metric = a.get("metric", "");
        options.scatterMetric = resolveSeries(ws, runIds[0], metric);
        if (options.scatterMetric.empty() && a.has("metric") && RunStore(ws).get(runIds[0]))
            return fail("compare", "run " + std::to_string(runIds[0]) +
                                       " stores no per-user series '" + metric + "'");
        const bool showProgress = a.has("progress");
        const Progress progress{[showProgress](double f, std::string_view stage) {
            if (showProgress)
                std::fprintf(stderr, "\r%3d%% %-40.*s", int(f * 100), int(stage.size()),
                             stage.data());
            return true;
        }};
        const ComparisonResult result = compareRuns(ws, runIds, options, progress);
        if (showProgress)
            std::fprintf(stderr, "\n");
        if (!result.error.empty())
            return fail("compare", result.error);
        if (auto path = a.get("csv"); path && !writeFile(*path, comparisonCsv(result)))
            return fail("compare", "cannot write '" + *path + "'");
        if (auto path = a.get("html"); path && !writeFile(*path, comparisonHtml(result)))
            return fail("compare", "cannot write '" + *path + "'");
        JsonWriter w;
        writeComparisonJson(w, result, jsonMetricKey);
        std::printf("%s\n", w.str().c_str());
        return 0;
    } catch (const std::exception& e) {
        return fail("compare", e.what());
    }
}

} // namespace rs::cli
