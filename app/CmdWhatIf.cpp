#include "CliArgs.h"
#include "Commands.h"

#include "train/RunContext.h"
#include "util/JsonWriter.h"
#include "whatif/DataWhatIf.h"

#include <cstdio>

namespace rs::cli {

namespace {

void writeList(JsonWriter& w, const char* key, const std::vector<ScoredItem>& list,
               const RunContext& ctx) {
    w.key(key).beginArray();
    for (const ScoredItem& s : list) {
        w.beginObject().key("item").value(ctx.items[s.item].id);
        w.key("title").value(ctx.items[s.item].title).key("score").value(double(s.score));
        w.endObject();
    }
    w.endArray();
}

} // namespace

int runWhatIf(const std::vector<std::string>& argv) {
    CliArgs a;
    std::string error, runText, user, item;
    if (!a.parse(argv, {},
                 {"workspace", "run", "user", "item", "k", "remove-rating", "add-rating",
                  "remove-item", "weight-item"},
                 error))
        return fail("whatif", error, 2);
    if (!a.require("run", runText, error) || !a.require("user", user, error) ||
        !a.require("item", item, error))
        return fail("whatif", error, 2);
    std::int64_t runId = 0;
    int k = 10;
    try {
        runId = std::stoll(runText);
        k = std::stoi(a.get("k", "10"));
    } catch (...) {
        return fail("whatif", "--run and -k take whole numbers", 2);
    }
    try {
        Workspace ws(workspacePathFrom(a.get("workspace", "")), Workspace::Mode::ReadOnly);
        const auto ctx = loadRunContext(ws, runId, error);
        if (!ctx)
            return fail("whatif", error);
        const auto u = ctx->userIndex(user);
        const auto i = ctx->itemIndex(item);
        if (u < 0 || i < 0)
            return fail("whatif",
                        "user '" + user + "' or item '" + item + "' is not in the run's dataset");
        DataWhatIfRequest req;
        req.user = std::uint32_t(u);
        req.item = std::uint32_t(i);
        req.k = std::max(1, k);
        // ITEM or ITEM=NUMBER, by external item id.
        auto edit = [&](const std::string& text, DataEdit::Kind kind, bool number) {
            const auto eq = text.rfind('=');
            const std::string id = number && eq != std::string::npos ? text.substr(0, eq) : text;
            const auto idx = ctx->itemIndex(id);
            if (idx < 0)
                throw std::runtime_error("item '" + id + "' is not in the run's dataset");
            DataEdit e;
            e.kind = kind;
            e.user = req.user;
            e.item = std::uint32_t(idx);
            if (number) {
                if (eq == std::string::npos)
                    throw std::runtime_error("expected ITEM=NUMBER, got '" + text + "'");
                const double v = std::stod(text.substr(eq + 1));
                e.value = float(v);
                e.weight = v;
            }
            req.edits.push_back(e);
        };
        for (const auto& t : a.all("remove-rating"))
            edit(t, DataEdit::Kind::RemoveRating, false);
        for (const auto& t : a.all("add-rating"))
            edit(t, DataEdit::Kind::AddRating, true);
        for (const auto& t : a.all("remove-item"))
            edit(t, DataEdit::Kind::RemoveItem, false);
        for (const auto& t : a.all("weight-item"))
            edit(t, DataEdit::Kind::WeightItem, true);
        const DataWhatIfResult r = runDataWhatIf(*ctx, req);
        if (!r.error.empty())
            return fail("whatif", r.error);
        JsonWriter w;
        w.beginObject().key("run").value(runId).key("user").value(user).key("item").value(item);
        w.key("method").value(r.method).key("note").value(r.note);
        w.key("score_before").value(r.scoreBefore).key("score_after").value(r.scoreAfter);
        w.key("rank_before").value(r.rankBefore).key("rank_after").value(r.rankAfter);
        writeList(w, "before", r.before, *ctx);
        writeList(w, "after", r.after, *ctx);
        if (r.method == "retrain") {
            w.key("users_compared").value(r.usersCompared);
            w.key("users_changed").value(r.usersChanged);
            w.key("exposure").beginArray();
            for (const ItemExposureChange& x : r.exposure)
                w.beginObject()
                    .key("item")
                    .value(ctx->items[x.item].id)
                    .key("lists_before")
                    .value(x.before)
                    .key("lists_after")
                    .value(x.after)
                    .endObject();
            w.endArray();
            w.key("fit_seconds").value(r.fitSeconds);
        }
        w.key("seconds").value(r.seconds).endObject();
        std::printf("%s\n", w.str().c_str());
        return 0;
    } catch (const std::exception& e) {
        return fail("whatif", e.what());
    }
}

} // namespace rs::cli
