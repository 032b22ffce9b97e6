#include "CliArgs.h"
#include "Commands.h"

#include "train/RunContext.h"
#include "util/JsonWriter.h"

#include <cstdio>

namespace rs::cli {

int runRecommend(const std::vector<std::string>& argv) {
    CliArgs a;
    std::string error, runText, user;
    if (!a.parse(argv, {"include-rated"}, {"workspace", "run", "user", "k"}, error))
        return fail("recommend", error, 2);
    if (!a.require("run", runText, error) || !a.require("user", user, error))
        return fail("recommend", error, 2);
    int k = 10;
    std::int64_t runId = 0;
    try {
        k = std::stoi(a.get("k", "10"));
        runId = std::stoll(runText);
    } catch (...) {
        return fail("recommend", "--run and -k take numbers", 2);
    }
    try {
        Workspace ws(workspacePathFrom(a.get("workspace", "")));
        if (!RunStore(ws).get(runId))
            return fail("recommend", "no run " + runText + " in " + ws.path());
        const auto ctx = loadRunContext(ws, runId, error);
        if (!ctx)
            return fail("recommend", error);
        const auto u = ctx->userIndex(user);
        if (u < 0)
            return fail("recommend", "user '" + user + "' is not in the run's dataset");
        // Excluded: what the user rated in the run's training data (their ratings minus test rows).
        const bool includeRated = a.has("include-rated");
        const std::size_t excluded = includeRated ? 0 : ctx->trainItems(std::uint32_t(u)).size();
        const auto recs = ctx->recommend(std::uint32_t(u), k, includeRated);
        JsonWriter w;
        w.beginObject().key("run").value(runId).key("model").value(ctx->run.model);
        w.key("user").value(user).key("excluded_rated").value(excluded);
        w.key("items").beginArray();
        int rank = 1;
        for (const auto& r : recs) {
            const ItemLabel& item = ctx->items[r.item];
            w.beginObject().key("rank").value(rank++).key("item").value(item.id);
            w.key("score").value(r.score).key("title").value(item.title);
            w.key("genres").value(item.genres).endObject();
        }
        w.endArray().endObject();
        std::printf("%s\n", w.str().c_str());
        return 0;
    } catch (const std::exception& e) {
        return fail("recommend", e.what());
    }
}

} // namespace rs::cli
