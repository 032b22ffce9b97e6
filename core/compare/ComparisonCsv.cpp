#include "compare/ComparisonCsv.h"

#include "util/CsvText.h"

#include <charconv>
#include <cmath>
#include <utility>

namespace rs {

namespace {

/// Shortest round-trip text; empty for NaN.
std::string number(double v) {
    if (!std::isfinite(v))
        return std::isnan(v) ? "" : (v > 0 ? "inf" : "-inf");
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, p);
}

class CsvTable {
public:
    CsvTable() { m_text = "section,name,run_a,model_a,run_b,model_b,statistic,value\r\n"; }
    void row(const std::string& section, const std::string& name, const RunInfo* a,
             const RunInfo* b, const std::string& statistic, double value) {
        m_text += csvField(section) + ',' + csvField(name) + ',' +
                  (a ? std::to_string(a->id) : "") + ',' + (a ? csvField(a->model) : "") + ',' +
                  (b ? std::to_string(b->id) : "") + ',' + (b ? csvField(b->model) : "") + ',' +
                  csvField(statistic) + ',' + number(value) + "\r\n";
    }
    const std::string& text() const { return m_text; }

private:
    std::string m_text;
};

void segmentRows(CsvTable& t, const std::string& section, const std::string& name,
                 const RunInfo& run, const SegmentReport& report, const SegmentMeasures& m) {
    t.row(section, name, &run, nullptr, "users", double(m.users));
    t.row(section, name, &run, nullptr, "average_popularity", m.arp);
    t.row(section, name, &run, nullptr, "long_tail_share", m.longTail);
    t.row(section, name, &run, nullptr, "exposure_gini", m.exposureGini);
    t.row(section, name, &run, nullptr, "coverage", m.coverage);
    for (std::size_t a = 0; a < report.accuracy.size() && a < m.accuracy.size(); ++a)
        t.row(section, name, &run, nullptr, report.accuracy[a], m.accuracy[a]);
}

/// Sections "segment_activity" / "segment_mainstreamness": per run, "all users" then each
/// segment (its criterion range as min/max rows).
void segmentSections(CsvTable& t, const ComparisonResult& r) {
    for (UserSegmentBy by : {UserSegmentBy::Activity, UserSegmentBy::Mainstreamness}) {
        const std::string section = std::string("segment_") + userSegmentByName(by);
        const std::vector<SegmentReport>& reports = r.segments(by);
        for (std::size_t i = 0; i < reports.size() && i < r.runs.size(); ++i) {
            const SegmentReport& report = reports[i];
            segmentRows(t, section, "all users", r.runs[i], report, report.overall);
            for (std::size_t s = 0; s < report.segments.size(); ++s) {
                const UserSegment& g = report.segments[s];
                t.row(section, g.name, &r.runs[i], nullptr, "min", g.minValue);
                t.row(section, g.name, &r.runs[i], nullptr, "max", g.maxValue);
                segmentRows(t, section, g.name, r.runs[i], report, report.perSegment[s]);
            }
        }
    }
}

} // namespace

std::string comparisonCsv(const ComparisonResult& r) {
    CsvTable t;
    for (const MetricRow& m : r.metrics)
        for (std::size_t i = 0; i < m.values.size(); ++i)
            if (m.values[i])
                t.row("metric", m.name, &r.runs[i], nullptr, "value", *m.values[i]);
    for (const PairedMetric& m : r.paired) {
        const RunInfo *a = &r.runs[m.a], *b = &r.runs[m.b];
        for (const auto& [stat, v] : {std::pair<const char*, double>{"users", double(m.users)},
                                      {"mean_a", m.meanA},
                                      {"mean_b", m.meanB},
                                      {"mean_delta", m.t.meanDelta},
                                      {"ci95_low", m.t.ciLow},
                                      {"ci95_high", m.t.ciHigh},
                                      {"t", m.t.t},
                                      {"df", m.t.df},
                                      {"p_t", m.t.p},
                                      {"wilcoxon_w_plus", m.wilcoxon.wPlus},
                                      {"wilcoxon_z", m.wilcoxon.z},
                                      {"p_wilcoxon", m.wilcoxon.p}})
            t.row("paired", m.metric, a, b, stat, v);
    }
    const std::string k = "top" + std::to_string(r.overlap.k);
    for (std::size_t a = 0; a < r.overlap.runs; ++a)
        for (std::size_t b = a + 1; b < r.overlap.runs; ++b) {
            t.row("overlap", k, &r.runs[a], &r.runs[b], "jaccard", r.overlap.jaccardAt(a, b));
            t.row("overlap", k, &r.runs[a], &r.runs[b], "kendall_tau",
                  r.overlap.kendallTauAt(a, b));
            t.row("overlap", k, &r.runs[a], &r.runs[b], "kendall_tau_shared",
                  r.overlap.kendallTauSharedAt(a, b));
        }
    for (std::size_t i = 0; i < r.popularity.size(); ++i) {
        const PopularityProfile& p = r.popularity[i];
        t.row("popularity", k, &r.runs[i], nullptr, "average_popularity", p.averagePopularity);
        t.row("popularity", k, &r.runs[i], nullptr, "long_tail_share", p.longTailShare);
        t.row("popularity", k, &r.runs[i], nullptr, "exposure_gini", p.exposureGini);
        t.row("popularity", k, &r.runs[i], nullptr, "coverage", p.coverage);
        for (std::size_t b = 0; b < p.bins.size(); ++b) {
            const std::string bin = "bin " + std::to_string(b + 1);
            t.row("popularity_bin", bin, &r.runs[i], nullptr, "interaction_share",
                  p.bins[b].interactionShare);
            t.row("popularity_bin", bin, &r.runs[i], nullptr, "recommendation_share",
                  p.bins[b].recommendationShare);
        }
    }
    segmentSections(t, r);
    for (const ExplanationPairAgreement& p : r.explanations.pairs) {
        const RunInfo *a = &r.runs[p.a], *b = &r.runs[p.b];
        t.row("explanation", "evidence", a, b, "pairs", double(p.pairs));
        t.row("explanation", "evidence", a, b, "top3_jaccard", p.top3Jaccard);
        t.row("explanation", "evidence", a, b, "top5_jaccard", p.top5Jaccard);
        t.row("explanation", "evidence", a, b, "spearman", p.spearman);
    }
    return t.text();
}

} // namespace rs
