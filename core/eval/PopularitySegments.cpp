#include "eval/PopularitySegments.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace rs {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string rangeText(double lo, double hi, const char* prefix, const char* suffix) {
    const std::string a = std::to_string(long(std::lround(lo)));
    const std::string b = std::to_string(long(std::lround(hi)));
    return prefix + (a == b ? a : a + "\u2013" + b) + suffix;
}

/// Measures of the lists at positions `members` (list popularity, long tail, exposure).
void measureLists(SegmentMeasures& m, const ItemPopularity& pop,
                  std::span<const std::span<const std::uint32_t>> lists,
                  std::span<const std::size_t> members) {
    std::vector<std::span<const std::uint32_t>> chosen;
    chosen.reserve(members.size());
    double arp = 0.0, tail = 0.0;
    for (std::size_t p : members) {
        arp += listPopularity(lists[p], pop);
        tail += listLongTailShare(lists[p], pop);
        chosen.push_back(lists[p]);
    }
    m.users = members.size();
    m.arp = m.users ? arp / double(m.users) : kNaN;
    m.longTail = m.users ? tail / double(m.users) : kNaN;
    const ListExposure e = listExposure(pop, chosen);
    m.coverage = m.users && e.candidates ? e.coverage : kNaN;
    m.exposureGini = m.users ? e.gini : kNaN;
}

} // namespace

const char* userSegmentByName(UserSegmentBy by) {
    return by == UserSegmentBy::Activity ? "activity" : "mainstreamness";
}

std::string UserSegment::range(UserSegmentBy by, bool withUnit) const {
    if (users == 0)
        return "no users";
    if (by == UserSegmentBy::Activity)
        return rangeText(minValue, maxValue, "",
                         !withUnit         ? ""
                         : maxValue == 1.0 ? " rating"
                                           : " ratings");
    return rangeText(100.0 * minValue, 100.0 * maxValue, withUnit ? "pct " : "", "");
}

std::vector<double> popularityPercentiles(const ItemPopularity& pop) {
    const std::size_t items = pop.count.size();
    std::vector<std::uint32_t> sorted;
    for (std::uint32_t c : pop.count)
        if (c > 0)
            sorted.push_back(c);
    std::sort(sorted.begin(), sorted.end());
    const double n = double(sorted.size());
    std::vector<double> pct(items, kNaN);
    for (std::size_t i = 0; i < items; ++i) {
        if (pop.count[i] == 0)
            continue;
        const auto [lo, hi] = std::equal_range(sorted.begin(), sorted.end(), pop.count[i]);
        const double less = double(lo - sorted.begin()), equal = double(hi - lo);
        pct[i] = (less + 0.5 * equal) / n;
    }
    return pct;
}

UserSegmentation segmentByQuantiles(UserSegmentBy by, std::vector<double> values, int segments,
                                    const std::vector<std::string>& names) {
    UserSegmentation seg;
    seg.by = by;
    const std::size_t count = std::size_t(std::max(1, segments));
    seg.segments.resize(count);
    for (std::size_t s = 0; s < count; ++s)
        seg.segments[s].name = s < names.size() ? names[s] : std::to_string(s + 1);
    seg.segmentOf.assign(values.size(), -1);

    std::vector<std::uint32_t> order;
    for (std::uint32_t u = 0; u < values.size(); ++u)
        if (!std::isnan(values[u]))
            order.push_back(u);
    std::stable_sort(order.begin(), order.end(),
                     [&values](std::uint32_t a, std::uint32_t b) { return values[a] < values[b]; });
    const std::size_t n = order.size();
    std::vector<double> threshold(count, -std::numeric_limits<double>::infinity());
    if (n > 0)
        for (std::size_t s = 1; s < count; ++s)
            threshold[s] = values[order[std::min(n - 1, std::max<std::size_t>(1, s * n / count))]];
    for (std::uint32_t u : order) {
        std::size_t s = 0;
        while (s + 1 < count && values[u] >= threshold[s + 1])
            ++s;
        seg.segmentOf[u] = int(s);
        UserSegment& g = seg.segments[s];
        g.minValue = g.users ? std::min(g.minValue, values[u]) : values[u];
        g.maxValue = g.users ? std::max(g.maxValue, values[u]) : values[u];
        ++g.users;
    }
    seg.value = std::move(values);
    return seg;
}

UserSegmentation segmentUsers(const Interactions& train, const ItemPopularity& pop,
                              UserSegmentBy by, int segments) {
    const std::uint32_t users = train.numUsers();
    std::vector<double> values(users, kNaN);
    if (by == UserSegmentBy::Activity) {
        for (std::uint32_t u = 0; u < users; ++u)
            if (const std::uint32_t n = train.byUser.rowSize(u))
                values[u] = double(n);
    } else {
        const std::vector<double> pct = popularityPercentiles(pop);
        for (std::uint32_t u = 0; u < users; ++u) {
            const auto items = train.byUser.rowCols(u);
            if (items.empty())
                continue;
            double sum = 0.0;
            for (std::uint32_t i : items)
                sum += i < pct.size() && !std::isnan(pct[i]) ? pct[i] : 0.0;
            values[u] = sum / double(items.size());
        }
    }
    const std::vector<std::string> names =
        segments == 3 ? (by == UserSegmentBy::Activity
                             ? std::vector<std::string>{"light", "medium", "heavy"}
                             : std::vector<std::string>{"niche", "balanced", "mainstream"})
                      : std::vector<std::string>{};
    return segmentByQuantiles(by, std::move(values), segments, names);
}

SegmentedSeries segmentSeries(const UserSegmentation& seg, const UserSeriesView& series) {
    SegmentedSeries out;
    out.name = series.name;
    const std::size_t count = seg.segments.size();
    std::vector<double> sums(count, 0.0);
    out.users.assign(count, 0);
    double total = 0.0;
    const std::size_t n = std::min(series.users.size(), series.values.size());
    for (std::size_t p = 0; p < n; ++p) {
        const int s = seg.segmentOfUser(series.users[p]);
        if (s < 0)
            continue;
        sums[std::size_t(s)] += series.values[p];
        ++out.users[std::size_t(s)];
        total += series.values[p];
        ++out.overallUsers;
    }
    out.overall = out.overallUsers ? total / double(out.overallUsers) : kNaN;
    out.means.resize(count);
    for (std::size_t s = 0; s < count; ++s)
        out.means[s] = out.users[s] ? sums[s] / double(out.users[s]) : kNaN;
    return out;
}

SeriesSegmentReport segmentSeriesReport(const UserSegmentation& seg,
                                        std::span<const UserSeriesView> series) {
    SeriesSegmentReport report;
    report.by = seg.by;
    report.segments = seg.segments;
    for (const UserSeriesView& s : series)
        report.series.push_back(segmentSeries(seg, s));
    return report;
}

double segmentMeasureValue(const SegmentMeasures& m, SegmentMeasure measure,
                           std::size_t accuracyIndex) {
    switch (measure) {
    case SegmentMeasure::Arp:
        return m.arp;
    case SegmentMeasure::LongTail:
        return m.longTail;
    case SegmentMeasure::ExposureGini:
        return m.exposureGini;
    case SegmentMeasure::Coverage:
        return m.coverage;
    case SegmentMeasure::Accuracy:
        return accuracyIndex < m.accuracy.size() ? m.accuracy[accuracyIndex] : kNaN;
    }
    return kNaN;
}

double relativeChange(double a, double b) {
    if (std::isnan(a) || std::isnan(b) || a == 0.0)
        return kNaN;
    return (b - a) / a;
}

SegmentReport segmentReport(const UserSegmentation& seg, const ItemPopularity& pop,
                            std::span<const std::uint32_t> users,
                            std::span<const std::span<const std::uint32_t>> lists,
                            std::span<const UserSeriesView> accuracy) {
    SegmentReport report;
    report.by = seg.by;
    report.segments = seg.segments;
    const std::size_t count = seg.segments.size();
    const std::size_t n = std::min(users.size(), lists.size());
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), std::size_t(0));
    std::vector<std::vector<std::size_t>> members(count);
    for (std::size_t p = 0; p < n; ++p)
        if (const int s = seg.segmentOfUser(users[p]); s >= 0)
            members[std::size_t(s)].push_back(p);
    measureLists(report.overall, pop, lists, all);
    report.perSegment.resize(count);
    for (std::size_t s = 0; s < count; ++s)
        measureLists(report.perSegment[s], pop, lists, members[s]);
    for (const UserSeriesView& series : accuracy) {
        const SegmentedSeries means = segmentSeries(seg, series);
        report.accuracy.push_back(series.name);
        report.overall.accuracy.push_back(means.overall);
        report.overall.accuracyUsers.push_back(means.overallUsers);
        for (std::size_t s = 0; s < count; ++s) {
            report.perSegment[s].accuracy.push_back(means.means[s]);
            report.perSegment[s].accuracyUsers.push_back(means.users[s]);
        }
    }
    return report;
}

} // namespace rs
