#include "explain/ExplanationJson.h"

#include "train/RunContext.h"
#include "util/JsonWriter.h"

namespace rs {

namespace {

void writeItem(JsonWriter& w, const RunContext& ctx, std::uint32_t item) {
    const ItemLabel& label = ctx.items.at(item);
    w.key("item").value(label.id).key("title").value(label.title).key("genres").value(label.genres);
}

} // namespace

void writeExplanationJson(JsonWriter& w, const Explanation& e, const RunContext& ctx,
                          const DeletionCurve* curve) {
    w.beginObject();
    w.key("run").value(ctx.run.id).key("model").value(e.model);
    w.key("user").value(ctx.userIds.at(e.user));
    writeItem(w, ctx, e.item);
    w.key("score").value(e.score).key("rank").value(e.rank).key("k").value(e.k);
    w.key("predicts_ratings").value(e.predictsRatings);

    w.key("decomposition").beginObject();
    w.key("sum").value(e.decomposedScore).key("exact").value(e.exactDecomposition);
    if (!e.decompositionNote.empty())
        w.key("note").value(e.decompositionNote);
    w.key("parts").beginArray();
    for (const ScorePart& p : e.parts) {
        w.beginObject().key("kind").value(scorePartKindName(p.kind)).key("label").value(p.label);
        if (p.factor >= 0)
            w.key("factor").value(p.factor);
        if (p.kind == ScorePartKind::HistoryItem)
            writeItem(w, ctx, p.item);
        w.key("value").value(p.value).endObject();
    }
    w.endArray().endObject();

    w.key("evidence").beginObject();
    w.key("method").value(evidenceMethodName(e.evidenceMethod));
    w.key("base_score").value(e.evidenceBaseScore);
    if (!e.evidenceNote.empty())
        w.key("note").value(e.evidenceNote);
    w.key("items").beginArray();
    for (const EvidenceItem& ev : e.evidence) {
        w.beginObject();
        writeItem(w, ctx, ev.item);
        w.key("rating").value(ev.rating).key("contribution").value(ev.contribution);
        if (ev.attention >= 0)
            w.key("attention").value(ev.attention);
        w.endObject();
    }
    w.endArray().endObject();

    if (!e.paths.empty() || !e.pathNeighbours.empty()) {
        w.key("paths").beginObject();
        if (!e.pathNote.empty())
            w.key("note").value(e.pathNote);
        w.key("items").beginArray();
        for (const ExplanationPath& p : e.paths) {
            w.beginObject().key("nodes").beginArray();
            for (const PathNode& n : p.nodes) {
                w.beginObject();
                if (n.kind == PathNode::Kind::User) {
                    w.key("kind").value("user").key("user").value(ctx.userIds.at(n.index));
                } else {
                    w.key("kind").value("item");
                    writeItem(w, ctx, n.index);
                }
                w.endObject();
            }
            w.endArray().key("contribution").value(p.contribution).endObject();
        }
        w.endArray().key("neighbours").beginArray();
        for (const PathNeighbour& n : e.pathNeighbours) {
            w.beginObject().key("user").value(ctx.userIds.at(n.user));
            w.key("contribution").value(n.contribution).key("paths").value(n.paths).endObject();
        }
        w.endArray().endObject();
    }

    const Counterfactual& cf = e.counterfactual;
    w.key("counterfactual").beginObject().key("searched").value(cf.searched);
    if (cf.searched) {
        w.key("found").value(cf.found).key("budget").value(cf.budget);
        w.key("removed").beginArray();
        for (std::uint32_t item : cf.removed) {
            w.beginObject();
            writeItem(w, ctx, item);
            w.endObject();
        }
        w.endArray();
        w.key("rank_after").value(cf.rankAfter).key("score_after").value(cf.scoreAfter);
    }
    if (!cf.note.empty())
        w.key("note").value(cf.note);
    w.endObject();

    if (curve) {
        w.key("deletion_curve").beginObject().key("rank_before").value(curve->rankBefore);
        w.key("rank_after_top").beginArray();
        for (int r : curve->rankTop)
            w.value(r);
        w.endArray().key("rank_after_random").beginArray();
        for (double r : curve->rankRandom)
            w.value(r);
        w.endArray().endObject();
    }
    w.key("seconds").value(e.seconds);
    w.endObject();
}

void writeFidelityJson(JsonWriter& w, const FidelityReport& r) {
    w.beginObject();
    w.key("run").value(r.runId).key("model").value(r.model).key("users").value(r.users);
    w.key("k").value(r.k).key("cancelled").value(r.cancelled);
    w.key("deletion").beginArray();
    for (const DeletionPoint& p : r.deletion) {
        w.beginObject().key("removed").value(p.removed);
        w.key("mean_rank_top").value(p.meanRankTop).key("mean_rank_random").value(p.meanRankRandom);
        w.key("mean_score_drop_top").value(p.meanScoreDropTop);
        w.key("mean_score_drop_random").value(p.meanScoreDropRandom);
        w.key("flipped_top").value(p.flippedTop).key("flipped_random").value(p.flippedRandom);
        w.endObject();
    }
    w.endArray();
    w.key("counterfactuals_claimed").value(r.counterfactualsClaimed);
    w.key("counterfactuals_valid").value(r.counterfactualsValid);
    w.key("validity_rate").value(r.validityRate);
    w.key("mean_counterfactual_size").value(r.meanCounterfactualSize);
    w.key("seconds").value(r.seconds);
    w.endObject();
}

} // namespace rs
