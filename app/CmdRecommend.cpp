#include "CliArgs.h"
#include "Commands.h"

#include "store/DatasetQueries.h"
#include "store/SplitStore.h"
#include "train/TrainingJob.h"
#include "util/JsonWriter.h"

#include <algorithm>
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
        auto run = RunStore(ws).get(runId);
        if (!run)
            return fail("recommend", "no run " + runText + " in " + ws.path());
        DatasetQueries q(ws, run->datasetId);
        const auto u = q.userIndex(user);
        if (u < 0)
            return fail("recommend", "user '" + user + "' is not in the run's dataset");
        auto model = loadTrainedModel(ws, runId, error);
        if (!model)
            return fail("recommend", error);
        // Exclude what the user rated in the run's training data (their ratings minus test rows).
        std::vector<std::uint32_t> testRows;
        if (run->splitId > 0)
            if (auto s = SplitStore(ws).get(run->splitId))
                testRows = s->testRows;
        std::vector<std::uint32_t> exclude;
        if (!a.has("include-rated"))
            for (const auto& [item, row] : q.userItems(u))
                if (!std::binary_search(testRows.begin(), testRows.end(), row))
                    exclude.push_back(item);
        std::sort(exclude.begin(), exclude.end());
        const auto recs = model->recommend(std::uint32_t(u), k, exclude);
        JsonWriter w;
        w.beginObject().key("run").value(runId).key("model").value(run->model);
        w.key("user").value(user).key("excluded_rated").value(exclude.size());
        w.key("items").beginArray();
        int rank = 1;
        for (const auto& r : recs) {
            const ItemRow item = q.item(r.item);
            w.beginObject().key("rank").value(rank++).key("item").value(item.itemId);
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
