#include "compare/RunComparison.h"

#include "compare/TopLists.h"
#include "store/DatasetStore.h"
#include "store/SplitStore.h"
#include "train/RunContext.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>

namespace rs {

namespace {

/// Progress of one stage mapped onto [from, to] of the whole comparison.
Progress stageProgress(const Progress& whole, double from, double to) {
    return Progress{[&whole, from, to](double f, std::string_view stage) {
        return whole(from + (to - from) * f, stage);
    }};
}

/// Per-user series of the runs, each loaded once.
class SeriesCache {
public:
    explicit SeriesCache(Workspace& ws) : m_store(ws) {}
    const UserMetricSeries* get(std::int64_t run, const std::string& metric) {
        auto [it, fresh] = m_series.try_emplace({run, metric});
        if (fresh)
            it->second = m_store.userMetric(run, metric);
        return it->second ? &*it->second : nullptr;
    }
    std::vector<std::string> names(std::int64_t run) const { return m_store.userMetricNames(run); }

private:
    RunStore m_store;
    std::map<std::pair<std::int64_t, std::string>, std::optional<UserMetricSeries>> m_series;
};

void comparePairs(ComparisonResult& res, SeriesCache& series) {
    const std::size_t n = res.runs.size();
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = a + 1; b < n; ++b) {
            const auto namesB = series.names(res.runs[b].id);
            for (const std::string& name : series.names(res.runs[a].id)) {
                if (std::find(namesB.begin(), namesB.end(), name) == namesB.end())
                    continue;
                const UserMetricSeries* sa = series.get(res.runs[a].id, name);
                const UserMetricSeries* sb = series.get(res.runs[b].id, name);
                if (sa && sb)
                    res.paired.push_back(comparePaired(name, a, b, alignSeries(*sa, *sb)));
            }
        }
}

void scatterPairs(ComparisonResult& res, SeriesCache& series, const RunContext& ctx) {
    const std::string& metric = res.options.scatterMetric;
    if (metric.empty())
        return;
    const std::size_t n = res.runs.size();
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = a + 1; b < n; ++b) {
            const UserMetricSeries* sa = series.get(res.runs[a].id, metric);
            const UserMetricSeries* sb = series.get(res.runs[b].id, metric);
            if (!sa || !sb) {
                res.protocol.warnings.push_back("no per-user series '" + metric +
                                                "' in both runs " + std::to_string(res.runs[a].id) +
                                                " and " + std::to_string(res.runs[b].id));
                continue;
            }
            AlignedSeries aligned = alignSeries(*sa, *sb);
            UserScatter s;
            s.metric = metric;
            s.a = a;
            s.b = b;
            for (std::uint32_t u : aligned.users)
                s.userIds.push_back(u < ctx.userIds.size() ? ctx.userIds[u] : std::to_string(u));
            s.valuesA = std::move(aligned.a);
            s.valuesB = std::move(aligned.b);
            res.scatter.push_back(std::move(s));
        }
}

/// The run's stored accuracy series used per segment: its NDCG@K and R@K (K of its evaluation).
std::vector<const UserMetricSeries*> accuracySeries(SeriesCache& series, std::int64_t run) {
    std::vector<const UserMetricSeries*> out;
    for (const char* prefix : {"NDCG@", "R@"})
        for (const std::string& name : series.names(run))
            if (name.rfind(prefix, 0) == 0) {
                if (const UserMetricSeries* s = series.get(run, name))
                    out.push_back(s);
                break;
            }
    return out;
}

/// Popularity profile and per-segment reports of run `r`'s lists.
void popularityOfRun(ComparisonResult& res, SeriesCache& series, const RunContext& ctx,
                     const TopLists& lists, std::size_t r) {
    std::vector<std::span<const std::uint32_t>> userLists;
    for (std::size_t p = 0; p < lists.users.size(); ++p)
        userLists.push_back(lists.list(r, p));
    const ItemPopularity pop = ItemPopularity::fromTrain(ctx.train);
    res.popularity.push_back(popularityProfile(pop, userLists, res.options.popularityBins));
    std::vector<UserSeriesView> accuracy;
    for (const UserMetricSeries* s : accuracySeries(series, res.runs[r].id))
        accuracy.push_back({s->metric, s->users, s->values});
    for (UserSegmentBy by : {UserSegmentBy::Activity, UserSegmentBy::Mainstreamness}) {
        auto& reports =
            by == UserSegmentBy::Activity ? res.activitySegments : res.mainstreamSegments;
        reports.push_back(
            segmentReport(segmentUsers(ctx.train, pop, by), pop, lists.users, userLists, accuracy));
    }
}

/// Whether two stored splits hold the same test rows.
bool sameTestRows(Workspace& ws, std::int64_t splitA, std::int64_t splitB) {
    SplitStore store(ws);
    const auto a = store.get(splitA), b = store.get(splitB);
    return a && b && a->testRows == b->testRows;
}

} // namespace

ComparisonResult compareRuns(Workspace& ws, std::span<const std::int64_t> runIds,
                             const CompareOptions& options, const Progress& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    ComparisonResult res;
    res.options = options;
    RunStore runs(ws);
    for (std::int64_t id : runIds) {
        auto run = runs.get(id);
        if (!run) {
            res.error = "no run " + std::to_string(id) + " in the workspace";
            return res;
        }
        res.runs.push_back(std::move(*run));
    }
    res.protocol = checkProtocol(res.runs, [&](std::size_t i, std::size_t j) {
        return sameTestRows(ws, res.runs[i].splitId, res.runs[j].splitId);
    });
    if (!res.protocol.error.empty()) {
        res.error = res.protocol.error;
        return res;
    }
    res.datasetId = res.runs[0].datasetId;
    if (auto info = DatasetStore(ws).get(res.datasetId))
        res.datasetName = info->name;
    res.metrics = metricTable(res.runs);
    SeriesCache series(ws);
    comparePairs(res, series);

    if (!progress(0.0, "loading runs")) {
        res.cancelled = true;
        return res;
    }
    std::map<std::int64_t, std::shared_ptr<const RunContext>> loaded;
    std::vector<const RunContext*> contexts;
    for (const RunInfo& run : res.runs) {
        auto& ctx = loaded[run.id];
        if (!ctx) {
            std::string error;
            ctx = loadRunContext(ws, run.id, error);
            if (!ctx) {
                res.error = error;
                return res;
            }
        }
        contexts.push_back(ctx.get());
    }
    scatterPairs(res, series, *contexts[0]);

    res.options.explanations = options.explanations && options.explainUsers > 0;
    const bool explain = res.options.explanations;
    const double listsEnd = explain ? 0.5 : 1.0;
    const TopLists lists =
        computeTopLists(contexts, commonUsers(contexts, options.users, options.seed), options.k,
                        options.threads, stageProgress(progress, 0.05, listsEnd));
    if (lists.cancelled) {
        res.cancelled = true;
        return res;
    }
    res.overlap = overlapMatrix(lists);
    for (std::size_t r = 0; r < contexts.size(); ++r)
        popularityOfRun(res, series, *contexts[r], lists, r);
    if (explain) {
        ExplanationAgreementOptions eo;
        eo.users = options.explainUsers;
        eo.itemsPerUser = options.explainItemsPerUser;
        eo.threads = options.threads;
        res.explanations =
            explanationAgreement(contexts, lists, eo, stageProgress(progress, listsEnd, 1.0));
        if (res.explanations.cancelled) {
            res.cancelled = true;
            return res;
        }
    }
    res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return res;
}

} // namespace rs
