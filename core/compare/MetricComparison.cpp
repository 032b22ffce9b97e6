#include "compare/MetricComparison.h"

#include <algorithm>
#include <limits>
#include <map>

namespace rs {

std::vector<MetricRow> metricTable(std::span<const RunInfo> runs) {
    std::vector<MetricRow> rows;
    std::map<std::string, std::size_t> index;
    for (std::size_t r = 0; r < runs.size(); ++r)
        for (const auto& [name, value] : runs[r].metrics) {
            auto [it, fresh] = index.try_emplace(name, rows.size());
            if (fresh)
                rows.push_back({name, std::vector<std::optional<double>>(runs.size())});
            if (!rows[it->second].values[r])
                rows[it->second].values[r] = value;
        }
    return rows;
}

AlignedSeries alignSeries(const UserMetricSeries& a, const UserMetricSeries& b) {
    auto firstValues = [](const UserMetricSeries& s) {
        std::map<std::uint32_t, double> m;
        for (std::size_t i = 0; i < s.users.size() && i < s.values.size(); ++i)
            m.try_emplace(s.users[i], double(s.values[i]));
        return m;
    };
    const auto ma = firstValues(a), mb = firstValues(b);
    AlignedSeries out;
    for (const auto& [user, value] : ma)
        if (auto it = mb.find(user); it != mb.end()) {
            out.users.push_back(user);
            out.a.push_back(value);
            out.b.push_back(it->second);
        }
    return out;
}

PairedMetric comparePaired(const std::string& metric, std::size_t a, std::size_t b,
                           const AlignedSeries& series) {
    PairedMetric m;
    m.metric = metric;
    m.a = a;
    m.b = b;
    m.users = series.users.size();
    double sa = 0.0, sb = 0.0;
    for (std::size_t i = 0; i < m.users; ++i) {
        sa += series.a[i];
        sb += series.b[i];
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    m.meanA = m.users ? sa / double(m.users) : nan;
    m.meanB = m.users ? sb / double(m.users) : nan;
    m.t = pairedTTest(series.a, series.b);
    m.wilcoxon = wilcoxonSignedRank(series.a, series.b);
    return m;
}

} // namespace rs
