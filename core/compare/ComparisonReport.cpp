#include "compare/ComparisonReport.h"

#include "compare/HtmlText.h"
#include "compare/SvgChart.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

namespace rs {

namespace {

/// A number for a table cell: 4 significant digits, "–" for NaN.
std::string cell(double v) {
    if (std::isnan(v))
        return "&ndash;";
    if (std::isinf(v))
        return v > 0 ? "&infin;" : "-&infin;";
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 4);
    return std::string(buf, p);
}

std::string pValue(double p) {
    if (std::isfinite(p) && p < 1e-4)
        return "&lt;0.0001";
    return cell(p);
}

std::string runLabel(const RunInfo& r) {
    return "#" + std::to_string(r.id) + " " + r.model;
}

const char* kStyle =
    "body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;"
    "margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
    "th{background:#f3f3f3}td.l,th.l{text-align:left}.warn{color:#a35200}"
    "h2{margin-top:28px}.note{color:#666;font-size:90%}";

void runsSection(std::string& h, const ComparisonResult& r) {
    h += "<h2>Runs</h2><table><tr><th>run</th><th class=\"l\">model</th><th class=\"l\">split"
         "</th><th class=\"l\">status</th><th class=\"l\">protocol</th><th class=\"l\">created"
         "</th></tr>";
    for (const RunInfo& run : r.runs)
        h += "<tr><td>" + std::to_string(run.id) + "</td><td class=\"l\">" + htmlEscape(run.model) +
             "</td><td class=\"l\">" + htmlEscape(run.splitSpec) + "</td><td class=\"l\">" +
             htmlEscape(run.status) + "</td><td class=\"l\">" + htmlEscape(run.protocol) +
             "</td><td class=\"l\">" + htmlEscape(run.createdAt) + "</td></tr>";
    h += "</table>";
    if (!r.protocol.warnings.empty()) {
        h += "<ul class=\"warn\">";
        for (const auto& w : r.protocol.warnings)
            h += "<li>" + htmlEscape(w) + "</li>";
        h += "</ul>";
    }
}

void metricsSection(std::string& h, const ComparisonResult& r) {
    h += "<h2>Metrics (as stored)</h2><table><tr><th class=\"l\">metric</th>";
    for (const RunInfo& run : r.runs)
        h += "<th>" + htmlEscape(runLabel(run)) + "</th>";
    h += "</tr>";
    BarChart chart;
    chart.title = "Accuracy metrics";
    for (const RunInfo& run : r.runs)
        chart.series.push_back({runLabel(run), {}});
    for (const MetricRow& m : r.metrics) {
        h += "<tr><td class=\"l\">" + htmlEscape(m.name) + "</td>";
        for (const auto& v : m.values)
            h += "<td>" + (v ? cell(*v) : std::string("&ndash;")) + "</td>";
        h += "</tr>";
        if (m.name.find('@') == std::string::npos)
            continue;
        chart.categories.push_back(m.name);
        for (std::size_t s = 0; s < m.values.size(); ++s)
            chart.series[s].values.push_back(m.values[s] ? *m.values[s] : std::nan(""));
    }
    h += "</table>";
    if (!chart.categories.empty())
        h += svgBarChart(chart);
}

void pairedSection(std::string& h, const ComparisonResult& r) {
    h += "<h2>Paired differences over common users (B &minus; A)</h2>"
         "<table><tr><th class=\"l\">metric</th><th class=\"l\">A</th><th class=\"l\">B</th>"
         "<th>users</th><th>mean A</th><th>mean B</th><th>mean &Delta;</th><th>95% CI</th>"
         "<th>t</th><th>p (t)</th><th>W+</th><th>p (Wilcoxon)</th></tr>";
    for (const PairedMetric& m : r.paired)
        h += "<tr><td class=\"l\">" + htmlEscape(m.metric) + "</td><td class=\"l\">" +
             htmlEscape(runLabel(r.runs[m.a])) + "</td><td class=\"l\">" +
             htmlEscape(runLabel(r.runs[m.b])) + "</td><td>" + std::to_string(m.users) +
             "</td><td>" + cell(m.meanA) + "</td><td>" + cell(m.meanB) + "</td><td>" +
             cell(m.t.meanDelta) + "</td><td>[" + cell(m.t.ciLow) + ", " + cell(m.t.ciHigh) +
             "]</td><td>" + cell(m.t.t) + "</td><td>" + pValue(m.t.p) + "</td><td>" +
             cell(m.wilcoxon.wPlus) + "</td><td>" + pValue(m.wilcoxon.p) +
             (m.wilcoxon.exact ? " (exact)" : "") + "</td></tr>";
    h += "</table>";
}

void matrixTable(std::string& h, const ComparisonResult& r, const std::vector<double>& cells) {
    const std::size_t n = r.overlap.runs;
    h += "<table><tr><th></th>";
    for (const RunInfo& run : r.runs)
        h += "<th>" + htmlEscape(runLabel(run)) + "</th>";
    h += "</tr>";
    for (std::size_t a = 0; a < n; ++a) {
        h += "<tr><th class=\"l\">" + htmlEscape(runLabel(r.runs[a])) + "</th>";
        for (std::size_t b = 0; b < n; ++b) {
            const double v = cells[a * n + b];
            const int shade = std::isfinite(v) ? int(255 - 120 * std::clamp(v, 0.0, 1.0)) : 255;
            h += "<td style=\"background:rgb(" + std::to_string(shade) + "," +
                 std::to_string(shade) + ",255)\">" + cell(v) + "</td>";
        }
        h += "</tr>";
    }
    h += "</table>";
}

void overlapSection(std::string& h, const ComparisonResult& r) {
    h += "<h2>Top-" + std::to_string(r.overlap.k) + " overlap</h2><p class=\"note\">Over " +
         std::to_string(r.overlap.users) +
         " users. Kendall tau-b on the union of two lists; an item missing from a list ranks "
         "just below its last item.</p><h3>Mean Jaccard</h3>";
    matrixTable(h, r, r.overlap.jaccard);
    h += "<h3>Mean Kendall tau-b on the union</h3>";
    matrixTable(h, r, r.overlap.kendallTau);
    h += "<h3>Mean Kendall tau-b of the shared items' positions</h3>";
    matrixTable(h, r, r.overlap.kendallTauShared);
}

void popularitySection(std::string& h, const ComparisonResult& r) {
    if (r.popularity.empty())
        return;
    h += "<h2>Popularity bias</h2><table><tr><th class=\"l\">run</th><th>average popularity"
         "</th><th>long-tail share</th><th>exposure Gini</th><th>coverage</th></tr>";
    BarChart chart;
    chart.title = "Share per popularity bin (1 = most popular items)";
    const std::size_t bins = r.popularity[0].bins.size();
    for (std::size_t b = 0; b < bins; ++b)
        chart.categories.push_back(std::to_string(b + 1));
    BarChart::Series train{"training interactions", {}};
    for (const PopularityBin& b : r.popularity[0].bins)
        train.values.push_back(b.interactionShare);
    chart.series.push_back(train);
    for (std::size_t i = 0; i < r.popularity.size(); ++i) {
        const PopularityProfile& p = r.popularity[i];
        h += "<tr><td class=\"l\">" + htmlEscape(runLabel(r.runs[i])) + "</td><td>" +
             cell(p.averagePopularity) + "</td><td>" + cell(p.longTailShare) + "</td><td>" +
             cell(p.exposureGini) + "</td><td>" + cell(p.coverage) + "</td></tr>";
        BarChart::Series s{runLabel(r.runs[i]) + " recommendations", {}};
        for (const PopularityBin& b : p.bins)
            s.values.push_back(b.recommendationShare);
        chart.series.push_back(std::move(s));
    }
    h += "</table>" + svgBarChart(chart);
}

/// One segmentation: a row per segment and run (range, users, ARP, long tail, Gini, coverage,
/// accuracy) and an ARP bar chart per segment.
void segmentTable(std::string& h, const ComparisonResult& r, UserSegmentBy by) {
    const std::vector<SegmentReport>& reports = r.segments(by);
    if (reports.empty() || reports.size() != r.runs.size())
        return;
    const std::vector<std::string>& accuracy = reports[0].accuracy;
    h += "<h3>By " + std::string(userSegmentByName(by)) +
         "</h3><table><tr><th class=\"l\">segment</th><th class=\"l\">range</th>"
         "<th class=\"l\">run</th><th>users</th><th>average popularity</th>"
         "<th>long-tail share</th><th>exposure Gini</th><th>coverage</th>";
    for (const std::string& name : accuracy)
        h += "<th>" + htmlEscape(name) + "</th>";
    h += "</tr>";
    BarChart chart;
    chart.title = "Average recommendation popularity by " + std::string(userSegmentByName(by));
    for (const UserSegment& g : reports[0].segments)
        chart.categories.push_back(g.name + " (" + g.range(by) + ")");
    chart.categories.push_back("all users");
    auto row = [&](const std::string& name, const std::string& range, std::size_t run,
                   const SegmentMeasures& m) {
        h += "<tr><td class=\"l\">" + htmlEscape(name) + "</td><td class=\"l\">" +
             htmlEscape(range) + "</td><td class=\"l\">" + htmlEscape(runLabel(r.runs[run])) +
             "</td><td>" + std::to_string(m.users) + "</td><td>" + cell(m.arp) + "</td><td>" +
             cell(m.longTail) + "</td><td>" + cell(m.exposureGini) + "</td><td>" +
             cell(m.coverage) + "</td>";
        for (std::size_t a = 0; a < accuracy.size(); ++a)
            h += "<td>" + cell(a < m.accuracy.size() ? m.accuracy[a] : std::nan("")) + "</td>";
        h += "</tr>";
    };
    for (std::size_t i = 0; i < reports.size(); ++i) {
        BarChart::Series series{runLabel(r.runs[i]), {}};
        for (std::size_t s = 0; s < reports[i].segments.size(); ++s) {
            row(reports[i].segments[s].name, reports[i].segments[s].range(by), i,
                reports[i].perSegment[s]);
            series.values.push_back(reports[i].perSegment[s].arp);
        }
        row("all users", "", i, reports[i].overall);
        series.values.push_back(reports[i].overall.arp);
        series.values.resize(chart.categories.size(), std::nan(""));
        chart.series.push_back(std::move(series));
    }
    h += "</table>" + svgBarChart(chart);
}

void segmentSection(std::string& h, const ComparisonResult& r) {
    if (r.activitySegments.empty() && r.mainstreamSegments.empty())
        return;
    h += "<h2>Popularity bias per user segment</h2><p class=\"note\">Users split into three "
         "quantile segments of their training data: activity = number of training ratings, "
         "mainstreamness = mean popularity percentile of their training items. Measured on the "
         "same sampled top-" +
         std::to_string(r.overlap.k) +
         " lists; accuracy columns average each run's stored per-user series over the "
         "segment's users.</p>";
    segmentTable(h, r, UserSegmentBy::Activity);
    segmentTable(h, r, UserSegmentBy::Mainstreamness);
}

void explanationSection(std::string& h, const ComparisonResult& r) {
    const ExplanationAgreement& e = r.explanations;
    if (e.runs.empty())
        return;
    h += "<h2>Explanation agreement</h2><p class=\"note\">Shared recommendations of " +
         std::to_string(e.usersSampled) +
         " users explained by both runs: Jaccard of the top-3 and top-5 evidence items, "
         "Spearman correlation of the contributions on the shared history.</p>"
         "<table><tr><th class=\"l\">run</th><th class=\"l\">explainer</th>"
         "<th class=\"l\">note</th></tr>";
    for (std::size_t i = 0; i < e.runs.size(); ++i)
        h += "<tr><td class=\"l\">" + htmlEscape(runLabel(r.runs[i])) + "</td><td class=\"l\">" +
             (e.runs[i].available
                  ? htmlEscape(e.runs[i].method ? evidenceMethodName(*e.runs[i].method) : "yes")
                  : std::string("none")) +
             "</td><td class=\"l\">" + htmlEscape(e.runs[i].note) + "</td></tr>";
    h += "</table><table><tr><th class=\"l\">A</th><th class=\"l\">B</th><th>pairs</th>"
         "<th>top-3 Jaccard</th><th>top-5 Jaccard</th><th>Spearman</th>"
         "<th class=\"l\">note</th></tr>";
    for (const ExplanationPairAgreement& p : e.pairs)
        h += "<tr><td class=\"l\">" + htmlEscape(runLabel(r.runs[p.a])) + "</td><td class=\"l\">" +
             htmlEscape(runLabel(r.runs[p.b])) + "</td><td>" + std::to_string(p.pairs) +
             "</td><td>" + cell(p.top3Jaccard) + "</td><td>" + cell(p.top5Jaccard) + "</td><td>" +
             cell(p.spearman) + "</td><td class=\"l\">" + htmlEscape(p.note) + "</td></tr>";
    h += "</table>";
}

void scatterSection(std::string& h, const ComparisonResult& r) {
    if (r.scatter.empty())
        return;
    h += "<h2>Per-user " + htmlEscape(r.scatter[0].metric) + "</h2><div>";
    for (const UserScatter& s : r.scatter) {
        ScatterChart chart;
        chart.title = runLabel(r.runs[s.a]) + " vs " + runLabel(r.runs[s.b]);
        chart.xLabel = runLabel(r.runs[s.a]);
        chart.yLabel = runLabel(r.runs[s.b]);
        chart.x = s.valuesA;
        chart.y = s.valuesB;
        h += svgScatterChart(chart);
    }
    h += "</div>";
}

} // namespace

std::string comparisonHtml(const ComparisonResult& r) {
    std::string title = "RecScope comparison: " + r.datasetName;
    std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                    htmlEscape(title) + "</title><style>" + kStyle + "</style></head><body><h1>" +
                    htmlEscape(title) + "</h1>";
    if (!r.error.empty())
        h += "<p class=\"warn\">" + htmlEscape(r.error) + "</p>";
    runsSection(h, r);
    metricsSection(h, r);
    pairedSection(h, r);
    overlapSection(h, r);
    popularitySection(h, r);
    segmentSection(h, r);
    explanationSection(h, r);
    scatterSection(h, r);
    return h + "<p class=\"note\">Computed in " + cell(r.seconds) + " s.</p></body></html>\n";
}

} // namespace rs
