#include "CliArgs.h"
#include "Commands.h"

#include "store/DatasetStore.h"
#include "util/JsonWriter.h"

#include <cstdio>

namespace rs::cli {

int runDatasets(const std::vector<std::string>& argv) {
    CliArgs a;
    std::string error;
    if (!a.parse(argv, {}, {"workspace"}, error))
        return fail("datasets", error, 2);
    try {
        Workspace ws(workspacePathFrom(a.get("workspace", "")), Workspace::Mode::ReadWrite);
        JsonWriter w;
        w.beginObject().key("workspace").value(ws.path()).key("datasets").beginArray();
        for (const auto& d : DatasetStore(ws).list()) {
            w.beginObject();
            w.key("id").value(d.id).key("name").value(d.name).key("source").value(d.source);
            w.key("created").value(d.createdAt);
            w.key("ratings").value(d.numRatings).key("users").value(d.numUsers);
            w.key("items").value(d.numItems).key("density").value(d.density());
            w.key("rating_min").value(d.ratingMin).key("rating_max").value(d.ratingMax);
            w.key("rating_step").value(d.ratingStep).key("implicit").value(d.implicit);
            w.key("timestamps")
                .value(d.hasTimestamps)
                .key("item_metadata")
                .value(d.hasItemMetadata);
            w.key("duplicates").value(d.duplicates).key("rejected").value(d.rejected);
            w.endObject();
        }
        w.endArray().endObject();
        std::printf("%s\n", w.str().c_str());
        return 0;
    } catch (const std::exception& e) {
        return fail("datasets", e.what());
    }
}

} // namespace rs::cli
