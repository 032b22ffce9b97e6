#include "compare/ComparisonJson.h"

#include "util/JsonWriter.h"

namespace rs {

namespace {

void writeRuns(JsonWriter& w, const ComparisonResult& r) {
    w.key("runs").beginArray();
    for (const RunInfo& run : r.runs) {
        w.beginObject().key("run").value(run.id).key("model").value(run.model);
        w.key("split_id").value(run.splitId).key("split").value(run.splitSpec);
        w.key("status").value(run.status).key("protocol").value(run.protocol);
        w.key("created").value(run.createdAt).endObject();
    }
    w.endArray();
}

void writeProtocol(JsonWriter& w, const ProtocolCheck& p) {
    w.key("same_dataset").value(p.sameDataset).key("same_split").value(p.sameSplit);
    w.key("same_protocol").value(p.sameProtocol).key("warnings").beginArray();
    for (const auto& text : p.warnings)
        w.value(text);
    w.endArray();
}

void writePaired(JsonWriter& w, const ComparisonResult& r, const MetricKeyFn& key) {
    w.key("paired").beginArray();
    for (const PairedMetric& m : r.paired) {
        w.beginObject().key("metric").value(key(m.metric));
        w.key("run_a").value(r.runs[m.a].id).key("run_b").value(r.runs[m.b].id);
        w.key("users").value(m.users).key("mean_a").value(m.meanA).key("mean_b").value(m.meanB);
        w.key("mean_delta").value(m.t.meanDelta).key("sd_delta").value(m.t.sdDelta);
        w.key("ci95").beginArray().value(m.t.ciLow).value(m.t.ciHigh).endArray();
        w.key("t").value(m.t.t).key("df").value(m.t.df).key("p_t").value(m.t.p);
        const WilcoxonTest& x = m.wilcoxon;
        w.key("wilcoxon").beginObject().key("n").value(x.n).key("zeros").value(x.zeros);
        w.key("w_plus").value(x.wPlus).key("w_minus").value(x.wMinus).key("z").value(x.z);
        w.key("p").value(x.p).key("exact").value(x.exact).endObject();
        w.key("p_wilcoxon").value(x.p).endObject();
    }
    w.endArray();
}

void writeMatrix(JsonWriter& w, const char* name, const std::vector<double>& cells, std::size_t n) {
    w.key(name).beginArray();
    for (std::size_t a = 0; a < n; ++a) {
        w.beginArray();
        for (std::size_t b = 0; b < n; ++b)
            w.value(cells[a * n + b]);
        w.endArray();
    }
    w.endArray();
}

void writeOverlap(JsonWriter& w, const ComparisonResult& r) {
    const OverlapMatrix& m = r.overlap;
    w.key("overlap").beginObject().key("k").value(m.k).key("users").value(m.users);
    w.key("runs").beginArray();
    for (const RunInfo& run : r.runs)
        w.value(run.id);
    w.endArray();
    writeMatrix(w, "jaccard", m.jaccard, m.runs);
    writeMatrix(w, "kendall_tau", m.kendallTau, m.runs);
    writeMatrix(w, "kendall_tau_shared", m.kendallTauShared, m.runs);
    w.endObject();
}

void writePopularity(JsonWriter& w, const ComparisonResult& r) {
    w.key("popularity").beginArray();
    for (std::size_t i = 0; i < r.popularity.size(); ++i) {
        const PopularityProfile& p = r.popularity[i];
        w.beginObject().key("run").value(r.runs[i].id).key("lists").value(p.lists);
        w.key("average_popularity").value(p.averagePopularity);
        w.key("long_tail_share").value(p.longTailShare);
        w.key("exposure_gini").value(p.exposureGini).key("coverage").value(p.coverage);
        w.key("bins").beginArray();
        for (const PopularityBin& b : p.bins) {
            w.beginObject().key("items").value(b.items);
            w.key("min_popularity").value(b.minPopularity);
            w.key("max_popularity").value(b.maxPopularity);
            w.key("interaction_share").value(b.interactionShare);
            w.key("recommendation_share").value(b.recommendationShare).endObject();
        }
        w.endArray().endObject();
    }
    w.endArray();
}

void writeSegmentMeasures(JsonWriter& w, const SegmentReport& report, const SegmentMeasures& m,
                          const MetricKeyFn& key) {
    w.key("users").value(m.users).key("average_popularity").value(m.arp);
    w.key("long_tail_share").value(m.longTail).key("exposure_gini").value(m.exposureGini);
    w.key("coverage").value(m.coverage).key("accuracy").beginObject();
    for (std::size_t a = 0; a < report.accuracy.size() && a < m.accuracy.size(); ++a)
        w.key(key(report.accuracy[a])).value(m.accuracy[a]);
    w.endObject();
}

void writeSegments(JsonWriter& w, const ComparisonResult& r, const MetricKeyFn& key) {
    w.key("user_segments").beginArray();
    for (UserSegmentBy by : {UserSegmentBy::Activity, UserSegmentBy::Mainstreamness}) {
        const std::vector<SegmentReport>& reports = r.segments(by);
        for (std::size_t i = 0; i < reports.size() && i < r.runs.size(); ++i) {
            const SegmentReport& report = reports[i];
            w.beginObject().key("run").value(r.runs[i].id).key("by").value(userSegmentByName(by));
            w.key("all").beginObject();
            writeSegmentMeasures(w, report, report.overall, key);
            w.endObject().key("segments").beginArray();
            for (std::size_t s = 0; s < report.segments.size(); ++s) {
                const UserSegment& g = report.segments[s];
                w.beginObject().key("name").value(g.name).key("range").value(g.range(by));
                w.key("min").value(g.minValue).key("max").value(g.maxValue);
                w.key("train_users").value(g.users);
                writeSegmentMeasures(w, report, report.perSegment[s], key);
                w.endObject();
            }
            w.endArray().endObject();
        }
    }
    w.endArray();
}

void writeExplanations(JsonWriter& w, const ComparisonResult& r) {
    const ExplanationAgreement& e = r.explanations;
    w.key("explanations").beginObject().key("computed").value(!e.runs.empty());
    w.key("users").value(e.usersSampled).key("runs").beginArray();
    for (std::size_t i = 0; i < e.runs.size(); ++i) {
        const ExplainerAvailability& a = e.runs[i];
        w.beginObject().key("run").value(r.runs[i].id).key("available").value(a.available);
        w.key("evidence")
            .value(a.evidence)
            .key("method")
            .value(a.method ? evidenceMethodName(*a.method) : "");
        w.key("note").value(a.note).endObject();
    }
    w.endArray().key("pairs").beginArray();
    for (const ExplanationPairAgreement& p : e.pairs) {
        w.beginObject().key("run_a").value(r.runs[p.a].id).key("run_b").value(r.runs[p.b].id);
        w.key("comparable").value(p.comparable).key("users").value(p.users);
        w.key("pairs").value(p.pairs).key("top3_jaccard").value(p.top3Jaccard);
        w.key("top5_jaccard").value(p.top5Jaccard).key("spearman").value(p.spearman);
        w.key("spearman_pairs").value(p.spearmanPairs).key("note").value(p.note).endObject();
    }
    w.endArray().endObject();
}

void writeScatter(JsonWriter& w, const ComparisonResult& r, const MetricKeyFn& key) {
    w.key("scatter").beginArray();
    for (const UserScatter& s : r.scatter) {
        w.beginObject().key("metric").value(key(s.metric));
        w.key("run_a").value(r.runs[s.a].id).key("run_b").value(r.runs[s.b].id);
        w.key("points").beginArray();
        for (std::size_t i = 0; i < s.userIds.size(); ++i)
            w.beginArray().value(s.userIds[i]).value(s.valuesA[i]).value(s.valuesB[i]).endArray();
        w.endArray().endObject();
    }
    w.endArray();
}

} // namespace

void writeComparisonJson(JsonWriter& w, const ComparisonResult& r, const MetricKeyFn& metricKey) {
    const MetricKeyFn key =
        metricKey ? metricKey : MetricKeyFn([](const std::string& s) { return s; });
    w.beginObject().key("dataset").value(r.datasetName).key("dataset_id").value(r.datasetId);
    writeRuns(w, r);
    writeProtocol(w, r.protocol);
    w.key("k").value(r.options.k).key("users").value(r.overlap.users);
    w.key("metrics").beginArray();
    for (const MetricRow& m : r.metrics) {
        w.beginObject().key("metric").value(key(m.name)).key("values").beginArray();
        for (const auto& v : m.values)
            v ? w.value(*v) : w.null();
        w.endArray().endObject();
    }
    w.endArray();
    writePaired(w, r, key);
    writeOverlap(w, r);
    writePopularity(w, r);
    writeSegments(w, r, key);
    writeExplanations(w, r);
    writeScatter(w, r, key);
    w.key("seconds").value(r.seconds).endObject();
}

} // namespace rs
